"""The report as the JSON that scripts read; every other format writes the same facts.

These envelopes are the contract of `cjm report --format json`, with the facts of `cjm.analysis`
inside them as they are: `schemas/report.schema.json` is generated from them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Literal

from pydantic import Field

from cjm.analysis import SCORE_FORMULA, Analysis, Persona
from cjm.analysis.analyse import mean
from cjm.analysis.facts import (
    Average,
    BacklogItem,
    Channels,
    Evidence,
    Fact,
    Fall,
    Gap,
    MetricStatus,
    Names,
    Opportunity,
    Ownership,
    Pain,
    Place,
    Point,
    State,
    Strength,
    Truth,
)


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

    def persona_called(self, persona: Persona) -> str:
        """A persona as people read it: "Ana Martínez", or "everyone" for a journey naming none."""
        return self.names.persona(persona)


class HurtOf(Fact):
    id: str
    name: str
    average: float | None
    pains: int = Field(description="Moments of Pain (touchpoints).")
    touchpoints: int = Field(description="Points of the curve: touchpoints × personas.")
    journeys: int


class StatePortfolio(Fact):
    """One state of the services (as-is or to-be): never averaged with the other."""

    state: Literal["current", "future"]
    journeys: int
    touchpoints: int
    average: float | None
    phases: list[HurtOf] = Field(description="Lowest average emotion first, then most pains.")
    stages: list[HurtOf]
    channels: list[HurtOf]
    owners: list[HurtOf]


class Portfolio(Fact):
    journeys: int
    touchpoints: int
    average: float | None
    phases: list[HurtOf] = Field(description="Lowest average emotion first, then most pains.")
    stages: list[HurtOf]
    channels: list[HurtOf]
    owners: list[HurtOf]
    states: list[StatePortfolio] = Field(
        description="Each state apart; the fields above repeat the current state (or the only one)."
    )


class StatePair(Fact):
    """A journey mapped in both states: what the future state changes."""

    journey: str
    title: str
    current_average: float | None
    future_average: float | None
    pains_current: int = Field(description="Touchpoints that are a Moment of Pain for someone.")
    pains_future: int


class PortfolioReport(Fact):
    portfolio: Portfolio
    pairs: list[StatePair]
    journeys: list[JourneyReport]


def journey_report(path: str, analysis: Analysis) -> JourneyReport:
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
    )


STATES: tuple[Literal["current", "future"], ...] = ("current", "future")


def portfolio_report(analysed: list[tuple[str, Analysis]]) -> PortfolioReport:
    """Across journeys, each state apart: which phases, stages, channels and owners hurt most."""
    analyses = [analysis for _, analysis in analysed]
    states = [
        _state(state, [a for a in analyses if a.journey.state == state])
        for state in STATES
        if any(a.journey.state == state for a in analyses)
    ]
    return PortfolioReport(
        portfolio=Portfolio(**states[0].model_dump(exclude={"state"}), states=states),
        pairs=_pairs(analyses),
        journeys=[journey_report(path, analysis) for path, analysis in analysed],
    )


_KINDS: dict[str, Callable[[Place], str]] = {
    "phases": lambda place: place.phase.id,
    "stages": lambda place: place.stage.id,
    "channels": lambda place: place.touchpoint.channel,
    "owners": lambda place: place.touchpoint.owner or "(no owner)",
}


def _state(state: Literal["current", "future"], analyses: list[Analysis]) -> StatePortfolio:
    emotions: dict[str, dict[str, list[tuple[str, int | None]]]] = {
        kind: defaultdict(list) for kind in _KINDS
    }
    pains: dict[str, dict[str, set[int]]] = {kind: defaultdict(set) for kind in _KINDS}
    names: dict[str, dict[str, str]] = {kind: {"(no owner)": "(no owner)"} for kind in _KINDS}
    for analysis in analyses:
        for kind, known in (("phases", analysis.names.phases), ("stages", analysis.names.stages),
                            ("channels", analysis.names.channels), ("owners", analysis.names.teams)):  # fmt: skip
            names[kind] = {**known, **names[kind]}
        for point in analysis.curve:
            for kind, key_of in _KINDS.items():
                emotions[kind][key_of(point.place)].append((analysis.journey.id, point.emotion))
        for pain in analysis.pains:
            for kind, key_of in _KINDS.items():
                pains[kind][key_of(pain.place)].add(id(pain.place.touchpoint))
    return StatePortfolio(
        state=state,
        journeys=len(analyses),
        touchpoints=sum(1 for a in analyses for _ in a.journey.touchpoints()),
        average=mean(p.emotion for a in analyses for p in a.curve),
        **{kind: _hurt(emotions[kind], pains[kind], names[kind]) for kind in _KINDS},
    )


def _pairs(analyses: list[Analysis]) -> list[StatePair]:
    by_state = {(a.journey.id, a.journey.state): a for a in analyses}
    pairs = []
    for (journey, state), current in by_state.items():
        future = by_state.get((journey, "future"))
        if state == "current" and future is not None:
            pairs.append(StatePair(journey=journey, title=current.journey.title, current_average=current.average,
                                   future_average=future.average, pains_current=_pain_count(current),
                                   pains_future=_pain_count(future)))  # fmt: skip
    return pairs


def _pain_count(analysis: Analysis) -> int:
    return len({id(pain.place) for pain in analysis.pains})


def _hurt(
    groups: dict[str, list[tuple[str, int | None]]], pains: dict[str, set[int]], names: dict[str, str]
) -> list[HurtOf]:
    facts = [
        HurtOf(
            id=key,
            name=names.get(key, key),
            average=mean(e for _, e in values),
            pains=len(pains.get(key, ())),
            touchpoints=len(values),
            journeys=len({j for j, _ in values}),
        )
        for key, values in groups.items()
    ]
    return sorted(facts, key=lambda h: (h.average if h.average is not None else 3, -h.pains, h.id))
