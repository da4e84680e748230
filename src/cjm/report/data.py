"""The report as the JSON that scripts read; every other format writes the same facts.

These envelopes are the contract of `cjm report --format json`, with the facts of `cjm.analysis`
inside them as they are: `schemas/report.schema.json` is generated from them.
"""

from __future__ import annotations

from datetime import date

from pydantic import Field

from cjm.analysis import SCORE_FORMULA, Analysis, Persona, portfolio, state_pairs
from cjm.analysis.facts import (
    Average,
    BacklogItem,
    Channels,
    Evidence,
    Fact,
    Fall,
    Gap,
    HurtOf,
    MetricStatus,
    Names,
    Opportunity,
    Ownership,
    Pain,
    Point,
    Portfolio,
    State,
    StatePair,
    StatePortfolio,
    Strength,
    Truth,
)
from cjm.analysis.portfolio import map_summary
from cjm.config import STALE_AFTER_DAYS
from cjm.present.i18n import Words, words
from cjm.present.words import purchase_phase_title


class Curve(Fact):
    average: float | None
    points: list[Point]
    stages: list[Average]
    phases: list[Average]
    falls: list[Fall] = Field(description="Where the curve drops, largest first.")


class JourneyReport(Fact):
    journey: str
    title: str
    path: str
    state: State
    personas: list[Persona]
    curve: Curve
    pains: list[Pain]
    truths: list[Truth]
    gaps: list[Gap]
    metrics: list[MetricStatus]
    ownership: Ownership
    channels: Channels
    evidence: Evidence
    strengths: list[Strength]
    backlog: list[BacklogItem]
    opportunities: list[Opportunity]
    names: Names
    score_formula: str = SCORE_FORMULA
    lang: str = Field(default="en", description="The language of the labels of the human formats: en or es.")

    def persona_called(self, persona: Persona) -> str:
        """A persona as people read it: "Ana Martínez", or "everyone" for a journey naming none."""
        return self.names.persona(persona)


class PortfolioReport(Fact):
    portfolio: Portfolio
    pairs: list[StatePair]
    journeys: list[JourneyReport]
    lang: str = Field(default="en", description="The language of the labels of the human formats: en or es.")


def journey_report(path: str, analysis: Analysis, lang: str = "en") -> JourneyReport:
    journey = analysis.journey
    return JourneyReport(
        journey=journey.id,
        title=journey.title,
        path=path,
        state=journey.state,
        personas=analysis.personas,
        curve=Curve(
            average=analysis.average,
            points=analysis.curve,
            stages=analysis.stages,
            phases=analysis.phases,
            falls=analysis.falls,
        ),
        pains=analysis.pains,
        truths=analysis.truths,
        gaps=analysis.gaps,
        metrics=analysis.metrics,
        ownership=analysis.ownership,
        channels=analysis.channels,
        evidence=analysis.evidence,
        strengths=analysis.strengths,
        backlog=analysis.backlog,
        opportunities=analysis.opportunities,
        names=analysis.names,
        lang=lang,
    )


def _phases_titled(across: Portfolio, t: Words) -> Portfolio:
    """The portfolio's phases named by the purchase phase each is ("Before purchase"), in the
    report's language: maps that call one phase by different names are counted together."""

    def titled(state: StatePortfolio) -> dict[str, list[HurtOf]]:
        return {
            "phases": [h.model_copy(update={"name": purchase_phase_title(h.id, t)}) for h in state.phases]
        }

    states = [state.model_copy(update=titled(state)) for state in across.states]
    return across.model_copy(update={**titled(across), "states": states})


def portfolio_report(
    analysed: list[tuple[str, Analysis, str]],
    lang: str = "en",
    today: date | None = None,
    stale_after_days: int = STALE_AFTER_DAYS,
) -> PortfolioReport:
    """An overview of every map, then across journeys each state apart, then each journey's own
    report. `today` (default: the day of the run) decides which reviews are overdue and which
    metrics are stale."""
    analyses = [analysis for _, analysis, _ in analysed]
    day = today or date.today()
    maps = [map_summary(path, analysis, day, stale_after_days) for path, analysis, _ in analysed]
    return PortfolioReport(
        portfolio=_phases_titled(portfolio(analyses, maps), words(lang)),
        pairs=state_pairs(analyses),
        journeys=[journey_report(path, analysis, language) for path, analysis, language in analysed],
        lang=lang,
    )
