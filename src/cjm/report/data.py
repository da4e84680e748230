"""The report's facts, as the JSON that scripts read; every other format writes the same facts.

The models are the contract of `cjm report --format json`: `schemas/report.schema.json` is
generated from them. A persona of `null` means everyone (a journey that names no personas).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from cjm.analysis import CONFIDENCE_LEVELS, SCORE_FORMULA, Analysis, MetricStatus, Names, Place

Persona = str | None


class Fact(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Where(Fact):
    touchpoint: str
    name: str
    stage: str
    phase: str
    stage_name: str
    phase_name: str

    @classmethod
    def of(cls, place: Place, names: Names) -> dict[str, str]:
        return {"touchpoint": place.touchpoint.id, "name": place.touchpoint.name,
                "stage": place.stage.id, "phase": place.phase.id,
                "stage_name": names.stages[place.stage.id], "phase_name": names.phases[place.phase.id]}  # fmt: skip


class NamesFact(Fact):
    """What the human formats call each id: its name, or "Name (id)" where two share a name."""

    personas: dict[str, str]
    teams: dict[str, str]
    channels: dict[str, str]
    phases: dict[str, str]
    stages: dict[str, str]
    touchpoints: dict[str, str]


class CurvePoint(Where):
    persona: Persona
    persona_name: str
    emotion: int | None
    expected_emotion: int | None


class AverageOf(Fact):
    id: str
    name: str
    average: float | None = Field(description="Mean emotion; null when nothing there records one.")
    points: int


class CurveFall(Fact):
    persona: Persona
    persona_name: str
    from_touchpoint: str = Field(alias="from")
    to_touchpoint: str = Field(alias="to")
    from_name: str
    to_name: str
    drop: int

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Curve(Fact):
    average: float | None
    points: list[CurvePoint]
    stages: list[AverageOf]
    phases: list[AverageOf]
    falls: list[CurveFall] = Field(description="Where the curve drops, largest first.")


class ImprovementFact(Fact):
    text: str
    owner: str | None
    owner_name: str | None
    status: Literal["proposed", "planned", "in-progress", "done"]
    priority: Literal["low", "medium", "high"] | None


class PainFact(Where):
    persona: Persona
    persona_name: str
    emotion: int | None
    marked: bool = Field(description="Marked `moment: pain` (else: an emotion below 0).")
    truth: bool = Field(description="Also a Moment of Truth.")
    personas_hit: int
    improvements: list[ImprovementFact]
    has_improvement: bool


class MetricFact(Fact):
    touchpoint: str
    touchpoint_name: str
    name: str
    value: float | None
    target: float | None
    unit: str | None
    higher_is_better: bool
    status: Literal["below", "met", "no-target", "no-value"]
    gap: float | None = Field(
        description="How far from the target in the metric's unit; positive: short of it."
    )
    source: str | None


class TruthFact(Where):
    emotions: dict[str, int] = Field(description="Emotion per persona ('*' for everyone).")
    average: float | None
    going: Literal["well", "badly", "mixed", "unmeasured"]
    metrics: list[MetricFact]


class GapFact(Where):
    persona: Persona
    persona_name: str
    expected_emotion: int
    emotion: int
    gap: int


class TeamFact(Fact):
    id: str
    name: str
    stage: Literal["front", "back"] | None
    touchpoints: list[str]
    average: float | None


class OwnershipFact(Fact):
    without_owner: list[str]
    teams: list[TeamFact] = Field(description="Each team's touchpoints, lowest average emotion first.")
    frontstage_without_backstage: list[str]


class ChannelFitFact(Fact):
    persona: str
    persona_name: str
    preferred: list[str]
    never_offered: list[str]
    unpreferred_used: dict[str, list[str]] = Field(
        description="Per phase: channels used that the persona does not prefer."
    )


class ChannelsFact(Fact):
    personas: list[ChannelFitFact]
    empty_phases: list[str]


class EvidenceFact(Fact):
    touchpoints: int
    observed: int
    reported: int
    inferred: int
    assumed: int
    unstated: int
    with_sources: int = Field(description="Touchpoints that name their evidence.")


class StrengthFact(Where):
    persona: Persona
    persona_name: str
    emotion: int
    expected_emotion: int | None


class ScoreParts(Fact):
    depth: int
    reach: int
    gap: int
    truth: bool = Field(description="A Moment of Truth at risk: it also hurts or misses a target.")
    metrics_below: int


class BacklogEntry(Where):
    rank: int
    personas: list[Persona]
    score: int
    parts: ScoreParts
    explanation: str = Field(description="The score in words, as `cjm report --explain` tells it.")
    moment_of_pain: bool = Field(description="A Moment of Pain for someone: these rank first.")
    priority: Literal["low", "medium", "high"] | None = Field(
        description="The most urgent priority among its improvements."
    )
    done: bool = Field(description="Every improvement is done.")
    owner: str | None
    owner_name: str | None
    problems: list[str]
    improvements: list[ImprovementFact] = Field(description="Empty: no improvement yet.")


class OpportunityFact(Fact):
    touchpoint: str
    name: str
    text: str


class JourneyReport(Fact):
    journey: str
    title: str
    path: str
    state: Literal["current", "future"]
    personas: list[Persona]
    curve: Curve
    pains: list[PainFact]
    truths: list[TruthFact]
    gaps: list[GapFact]
    metrics: list[MetricFact]
    ownership: OwnershipFact
    channels: ChannelsFact
    evidence: EvidenceFact
    strengths: list[StrengthFact]
    backlog: list[BacklogEntry]
    opportunities: list[OpportunityFact]
    names: NamesFact
    score_formula: str = SCORE_FORMULA

    def persona_called(self, persona: Persona) -> str:
        """A persona as people read it: "Ana Martínez", or "everyone" for a journey naming none."""
        return "everyone" if persona is None else self.names.personas.get(persona, persona)


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
    names = analysis.names
    return JourneyReport(
        journey=journey.id,
        title=journey.title,
        path=path,
        state=journey.state,
        personas=analysis.personas,
        curve=Curve(
            average=analysis.average,
            points=[
                CurvePoint(
                    **Where.of(p.place, names),
                    persona=p.persona,
                    persona_name=names.persona(p.persona),
                    emotion=p.emotion,
                    expected_emotion=p.expected,
                )
                for p in analysis.curve
            ],
            stages=[
                AverageOf(id=a.id, name=a.name, average=a.emotion, points=a.points) for a in analysis.stages
            ],
            phases=[
                AverageOf(id=a.id, name=a.name, average=a.emotion, points=a.points) for a in analysis.phases
            ],
            falls=[
                CurveFall.model_validate(
                    {
                        "persona": f.persona,
                        "persona_name": names.persona(f.persona),
                        "from": f.before.touchpoint.id,
                        "to": f.after.touchpoint.id,
                        "from_name": names.touchpoints[f.before.touchpoint.id],
                        "to_name": names.touchpoints[f.after.touchpoint.id],
                        "drop": f.drop,
                    }
                )
                for f in analysis.falls
            ],
        ),
        pains=[
            PainFact(
                **Where.of(p.place, names),
                persona=p.persona,
                persona_name=names.persona(p.persona),
                emotion=p.emotion,
                marked=p.marked,
                truth=p.truth,
                personas_hit=p.personas_hit,
                improvements=_improvements(p.place, names),
                has_improvement=p.has_improvement,
            )
            for p in analysis.pains
        ],
        truths=[
            TruthFact(
                **Where.of(t.place, names),
                emotions={_key(k): v for k, v in t.emotions.items()},
                average=t.average,
                going=t.going,
                metrics=[_metric(m, names) for m in t.metrics],
            )
            for t in analysis.truths
        ],
        gaps=[
            GapFact(
                **Where.of(g.place, names),
                persona=g.persona,
                persona_name=names.persona(g.persona),
                expected_emotion=g.expected,
                emotion=g.emotion,
                gap=g.size,
            )
            for g in analysis.gaps
        ],
        metrics=[_metric(m, names) for m in analysis.metrics],
        ownership=_ownership(analysis),
        channels=_channels(analysis),
        evidence=_evidence(analysis),
        strengths=[
            StrengthFact(
                **Where.of(p.place, names),
                persona=p.persona,
                persona_name=names.persona(p.persona),
                emotion=p.emotion or 0,
                expected_emotion=p.expected,
            )
            for p in analysis.strengths
        ],
        backlog=[
            BacklogEntry(
                **Where.of(item.place, names),
                rank=rank,
                personas=item.personas,
                score=item.score,
                parts=ScoreParts(
                    depth=item.depth,
                    reach=item.reach,
                    gap=item.gap,
                    truth=item.truth,
                    metrics_below=item.metrics_below,
                ),
                explanation=item.explanation,
                moment_of_pain=item.is_pain,
                priority=item.priority,
                done=item.done,
                owner=item.place.touchpoint.owner,
                owner_name=_team(item.place.touchpoint.owner, names),
                problems=item.problems,
                improvements=_improvements(item.place, names),
            )
            for rank, item in enumerate(analysis.backlog, start=1)
        ],
        opportunities=[
            OpportunityFact(
                touchpoint=place.touchpoint.id, name=names.touchpoints[place.touchpoint.id], text=text
            )
            for place in analysis.places
            for text in place.touchpoint.opportunities
        ],
        names=NamesFact(**vars(names)),
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
        average=_mean(p.emotion for a in analyses for p in a.curve),
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
            average=_mean(e for _, e in values),
            pains=len(pains.get(key, ())),
            touchpoints=len(values),
            journeys=len({j for j, _ in values}),
        )
        for key, values in groups.items()
    ]
    return sorted(facts, key=lambda h: (h.average if h.average is not None else 3, -h.pains, h.id))


def _mean(values: Iterable[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(sum(known) / len(known), 2) if known else None


def _key(persona: Persona) -> str:
    return "*" if persona is None else persona


def _team(team: str | None, names: Names) -> str | None:
    return None if team is None else names.team(team)


def _improvements(place: Place, names: Names) -> list[ImprovementFact]:
    return [ImprovementFact(text=i.text, owner=i.owner, owner_name=_team(i.owner, names), status=i.status,
                            priority=i.priority)
            for i in place.touchpoint.improvements if not isinstance(i, str)]  # fmt: skip


def _metric(status: MetricStatus, names: Names) -> MetricFact:
    m, touchpoint = status.metric, status.place.touchpoint
    return MetricFact(touchpoint=touchpoint.id, touchpoint_name=names.touchpoints[touchpoint.id], name=m.name,
                      value=m.value, target=m.target, unit=m.unit, higher_is_better=m.higher_is_better,
                      status=status.status, gap=status.gap, source=m.source)  # type: ignore[arg-type]  # fmt: skip


def _ownership(analysis: Analysis) -> OwnershipFact:
    own = analysis.ownership
    assert own is not None
    return OwnershipFact(
        without_owner=[p.touchpoint.id for p in own.without_owner],
        teams=[
            TeamFact(id=t.id, name=t.name, stage=t.stage, touchpoints=t.touchpoints, average=t.emotion)
            for t in own.teams
        ],
        frontstage_without_backstage=[p.touchpoint.id for p in own.front_without_back],
    )


def _channels(analysis: Analysis) -> ChannelsFact:
    channels = analysis.channels
    assert channels is not None
    return ChannelsFact(
        personas=[
            ChannelFitFact(
                persona=f.persona,
                persona_name=analysis.names.persona(f.persona),
                preferred=f.preferred,
                never_offered=f.never_offered,
                unpreferred_used=f.unpreferred_used,
            )
            for f in channels.fit
        ],
        empty_phases=channels.empty_phases,
    )


def _evidence(analysis: Analysis) -> EvidenceFact:
    evidence = analysis.evidence
    assert evidence is not None
    counts = {level: evidence.by_confidence[level] for level in CONFIDENCE_LEVELS}
    return EvidenceFact(touchpoints=evidence.touchpoints, with_sources=evidence.with_sources, **counts)
