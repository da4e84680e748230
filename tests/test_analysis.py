"""The analysis as a library: the portfolio's facts, and a report that carries them as they are."""

from __future__ import annotations

from conftest import EXAMPLES, ROOT

from cjm.analysis import Analysis, analyse, portfolio, state_pairs
from cjm.project import load_project
from cjm.project.check import usable
from cjm.report.data import journey_report

TWO_STATES = str(ROOT / "tests" / "projects" / "two-states")


def _analysed(where: str) -> list[Analysis]:
    return [analyse(j.journey, j.scope) for j in usable(load_project([where]), where)]


def test_the_current_state_comes_first_whatever_order_the_journeys_come_in() -> None:
    analyses = _analysed(TWO_STATES)
    for order in (analyses, analyses[::-1]):
        facts = portfolio(order)
        assert [s.state for s in facts.states] == ["current", "future"]
        assert facts.average == facts.states[0].average == -1.0
        assert facts.states[1].average == 1.33


def test_a_portfolio_of_one_state_puts_that_state_in_front() -> None:
    future = [a for a in _analysed(TWO_STATES) if a.journey.state == "future"]
    facts = portfolio(future)
    assert [s.state for s in facts.states] == ["future"]
    assert facts.journeys == 1 and facts.average == 1.33


def test_a_journey_in_both_states_is_paired_with_its_pains_counted_per_touchpoint() -> None:
    [pair] = state_pairs(_analysed(TWO_STATES))
    assert (pair.journey, pair.pains_current, pair.pains_future) == ("claims-service", 2, 0)
    assert (pair.current_average, pair.future_average) == (-1.0, 1.33)


def test_the_report_carries_the_analysis_facts_and_writes_none_of_the_model_objects() -> None:
    path = str(EXAMPLES / "seguro-hogar.yaml")
    [analysis] = _analysed(path)
    report = journey_report(path, analysis)
    # the same facts at the same places; the report only words what the map leaves unnamed
    assert (
        report.backlog[0].place is analysis.backlog[0].place and report.curve.points[0] is analysis.curve[0]
    )
    assert report.backlog[0].model_dump(exclude={"explanation"}) == analysis.backlog[0].model_dump(
        exclude={"explanation"}
    )
    assert analysis.backlog[0].explanation == "" and report.backlog[0].explanation.startswith("depth ")
    assert report.backlog[0].place.touchpoint.id == report.backlog[0].touchpoint
    written = report.model_dump(by_alias=True)
    assert "place" not in written["backlog"][0] and "metric" not in written["metrics"][0]
