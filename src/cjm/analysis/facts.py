"""The facts of a journey map, and of a portfolio of maps: each defined here, once.

`analyse.py` and `portfolio.py` decide them; `cjm report --format json` writes them
(`schemas/report.schema.json` is generated from these models); render and diff read them. A fact
about a touchpoint names it by id and by name, and keeps the touchpoint where it stands as
`place`, which is not written. A persona of `null` means everyone (a journey that names none).

The facts are the same in every language. What the map leaves unnamed goes by its id (a purchase
phase), by the model's name (a built-in channel) or by `*` (everyone), and a backlog item's
`explanation` is left empty: `cjm.report` has `cjm.present` word them in the report's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, SkipValidation

from cjm.model import Direction, Journey, Metric, Phase, Stage, Standing, Touchpoint
from cjm.scope import JourneyScope

Persona = str | None
EVERYONE = None
"""The persona of a journey that names none: its emotions are everyone's."""
EVERYONE_KEY = "*"
"""Everyone where a fact needs a string: a key of `Truth.emotions`, the name the facts give it."""
State = Literal["current", "future"]
STATES: tuple[State, ...] = ("current", "future")
CONFIDENCE_LEVELS = ("observed", "reported", "inferred", "assumed", "unstated")
Priority = Literal["low", "medium", "high"] | None
PRIORITIES: tuple[Priority, ...] = ("high", "medium", "low", None)
"""Improvement priorities, most urgent first; None: no priority given."""
Going = Literal["well", "badly", "mixed", "unmeasured"]
"""How a Moment of Truth goes: its emotions and its metrics together."""


class Fact(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True)
class Place:
    """A touchpoint where it stands in the journey."""

    phase: Phase
    stage: Stage
    touchpoint: Touchpoint


class Placed(Fact):
    """A fact about one touchpoint, which keeps the touchpoint itself for the formats that draw it."""

    # The model's own objects, as they are (not validated again) and not written.
    place: SkipValidation[Place] = Field(exclude=True, repr=False)


class Names(Fact):
    """What the human formats call each id: its name, or "Name (id)" where two share a name."""

    personas: dict[str, str]
    teams: dict[str, str]
    channels: dict[str, str]
    phases: dict[str, str]
    stages: dict[str, str]
    touchpoints: dict[str, str]

    def persona(self, persona: Persona) -> str:
        return EVERYONE_KEY if persona is EVERYONE else self.personas.get(persona, persona)

    def team(self, team: str) -> str:
        return self.teams.get(team, team)


class AtTouchpoint(Placed):
    """A fact about one touchpoint, which names it and where it stands by id and by name."""

    touchpoint: str
    name: str
    stage: str
    phase: str
    stage_name: str
    phase_name: str

    @classmethod
    def at(cls, place: Place, names: Names, **facts: Any) -> Self:
        """This fact about the touchpoint at `place`."""
        stage, phase, touchpoint = place.stage.id, place.phase.id, place.touchpoint
        return cls(place=place, touchpoint=touchpoint.id, name=touchpoint.name, stage=stage, phase=phase,
                   stage_name=names.stages[stage], phase_name=names.phases[phase], **facts)  # fmt: skip


class Point(AtTouchpoint):
    """One point of the experience curve: how one persona feels at one touchpoint."""

    persona: Persona
    persona_name: str
    emotion: int | None
    expected_emotion: int | None

    @property
    def expected(self) -> int | None:
        """The expected emotion by the name the map formats read it."""
        return self.expected_emotion


class Strength(Point):
    """A point worth protecting and telling: felt very positive, or better than expected."""

    emotion: int

    @classmethod
    def of(cls, point: Point) -> Self:
        return cls(**dict(point))


class Average(Fact):
    id: str
    name: str
    average: float | None = Field(description="Mean emotion; null when nothing there records one.")
    points: int

    @property
    def emotion(self) -> float | None:
        """The mean emotion by the name diff reads it."""
        return self.average


class Fall(Fact):
    """Where the curve drops from one touchpoint to the next, for one persona."""

    persona: Persona
    persona_name: str
    from_touchpoint: str = Field(serialization_alias="from")
    to_touchpoint: str = Field(serialization_alias="to")
    from_name: str
    to_name: str
    drop: int


class ImprovementFact(Fact):
    """An improvement of the map, with its owner team by name."""

    text: str
    owner: str | None
    owner_name: str | None
    status: Literal["proposed", "planned", "in-progress", "done"]
    priority: Priority


class Pain(AtTouchpoint):
    """A Moment of Pain as one persona lives it."""

    persona: Persona
    persona_name: str
    emotion: int | None
    marked: bool = Field(description="Marked `moment: pain` (else: an emotion below 0).")
    truth: bool = Field(description="Also a Moment of Truth.")
    personas_hit: int
    improvements: list[ImprovementFact]
    has_improvement: bool


class Reading(Fact):
    """One value of a metric on the date it was measured."""

    date: str | None = Field(description="The date of the value, YYYY-MM-DD; null when it was not recorded.")
    value: float = Field(description="The value then, in the metric's unit.")
    n: int | None = Field(description="How many answers it was computed from; null when not recorded.")


class MetricStatus(Placed):
    """A metric of a touchpoint against its target, and how it moved since its previous value."""

    touchpoint: str
    touchpoint_name: str
    name: str
    value: float | None
    target: float | None
    unit: str | None
    higher_is_better: bool
    status: Standing
    gap: float | None = Field(
        description="How far from the target in the metric's unit; positive: short of it."
    )
    source: str | None
    measured: str | None = Field(
        default=None, description="The date of the value, YYYY-MM-DD; null when the journey does not say."
    )
    n: int | None = Field(
        default=None,
        description="How many answers the value is computed from; null when the journey does not say.",
    )
    previous: float | None = Field(
        default=None,
        description="The latest value in the history, before the current one; null without a value or a history.",
    )
    change: float | None = Field(
        default=None,
        description="value minus previous, rounded to the decimals of the two; null when there is no previous.",
    )
    direction: Direction | None = Field(
        default=None,
        description=(
            "How the value moved since the previous one, judged by higher_is_better: improved, worsened or "
            "unchanged (not up or down); null when there is no previous."
        ),
    )
    history: list[Reading] = Field(
        default=[],
        description="Every value on record, oldest first: the earlier ones, then the current value with its date.",
    )
    metric: SkipValidation[Metric] = Field(exclude=True, repr=False)

    @classmethod
    def of(
        cls,
        place: Place,
        metric: Metric,
        touchpoint_name: str,
        status: Standing,
        gap: float | None,
        **trend: Any,
    ) -> Self:
        return cls(place=place, metric=metric, touchpoint=place.touchpoint.id,
                   touchpoint_name=touchpoint_name, name=metric.name, value=metric.value,
                   target=metric.target, unit=metric.unit, higher_is_better=metric.higher_is_better,
                   source=metric.source, status=status, gap=gap, measured=metric.measured, n=metric.n,
                   **trend)  # fmt: skip


class Truth(AtTouchpoint):
    emotions: dict[str, int] = Field(description="Emotion per persona ('*' for everyone).")
    average: float | None
    going: Going
    metrics: list[MetricStatus]


class Gap(AtTouchpoint):
    """What a persona wanted to feel against what it felt."""

    persona: Persona
    persona_name: str
    expected_emotion: int
    emotion: int
    gap: int


class TeamLoad(Fact):
    id: str
    name: str
    stage: Literal["front", "back"] | None
    touchpoints: list[str]
    average: float | None


class Ownership(Fact):
    without_owner: list[str]
    teams: list[TeamLoad] = Field(description="Each team's touchpoints, lowest average emotion first.")
    frontstage_without_backstage: list[str]


class ChannelFit(Fact):
    persona: str
    persona_name: str
    preferred: list[str]
    never_offered: list[str]
    unpreferred_used: dict[str, list[str]] = Field(
        description="Per phase: channels used that the persona does not prefer."
    )


class Channels(Fact):
    personas: list[ChannelFit]
    empty_phases: list[str]


class Evidence(Fact):
    touchpoints: int
    observed: int
    reported: int
    inferred: int
    assumed: int
    unstated: int
    with_sources: int = Field(description="Touchpoints that name their evidence.")


class ScoreParts(Fact):
    depth: int
    reach: int
    gap: int
    truth: bool = Field(description="A Moment of Truth at risk: it also hurts or misses a target.")
    metrics_below: int


class BacklogItem(AtTouchpoint):
    """One thing to fix, with the parts of its score (see `SCORE_FORMULA`)."""

    rank: int
    personas: list[Persona]
    score: int
    parts: ScoreParts
    explanation: str = Field(description="The score in words, as `cjm report --explain` tells it.")
    moment_of_pain: bool = Field(description="A Moment of Pain for someone: these rank first.")
    priority: Priority = Field(description="The most urgent priority among its improvements.")
    done: bool = Field(description="Every improvement is done.")
    owner: str | None
    owner_name: str | None
    problems: list[str]
    improvements: list[ImprovementFact] = Field(description="Empty: no improvement yet.")


class Opportunity(Fact):
    touchpoint: str
    name: str
    text: str


@dataclass(frozen=True)
class Analysis:
    """What one journey map says, for the personas whose curve is drawn."""

    journey: Journey
    scope: JourneyScope  # the one the journey was checked in: its personas, teams and channels
    personas: list[Persona]  # the journey's personas, the one asked for, or EVERYONE
    names: Names
    places: list[Place]  # the touchpoints of the curve, in journey order
    curve: list[Point]  # in journey order
    average: float | None
    falls: list[Fall]  # largest first
    stages: list[Average]
    phases: list[Average]
    pains: list[Pain]  # deepest first
    truths: list[Truth]
    gaps: list[Gap]  # largest first
    metrics: list[MetricStatus]
    ownership: Ownership
    channels: Channels
    evidence: Evidence
    strengths: list[Strength]  # strongest first
    backlog: list[BacklogItem]  # ranked
    opportunities: list[Opportunity]


class HurtOf(Fact):
    id: str
    name: str
    average: float | None
    pains: int = Field(description="Moments of Pain (touchpoints).")
    touchpoints: int = Field(description="Points of the curve: touchpoints × personas.")
    journeys: int


class StatePortfolio(Fact):
    """One state of the services (as-is or to-be): never averaged with the other."""

    state: State
    journeys: int
    touchpoints: int
    average: float | None
    phases: list[HurtOf] = Field(description="Lowest average emotion first, then most pains.")
    stages: list[HurtOf]
    channels: list[HurtOf]
    owners: list[HurtOf]


class MapSummary(Fact):
    """One map of a portfolio at a glance: who keeps it, when it is due, how big and how healthy."""

    journey: str
    title: str
    path: str
    state: State
    status: Literal["draft", "review", "approved", "retired"]
    owner: str | None = Field(description="The id of the team that keeps the map; null when none is named.")
    owner_name: str | None
    review_by: str | None = Field(description="The date the map is due for review, YYYY-MM-DD.")
    overdue: bool = Field(description="review_by has passed (never for a retired map).")
    touchpoints: int
    pains_without_improvement: int = Field(
        description="Touchpoints that are a Moment of Pain with no improvement."
    )
    metrics_below: int = Field(description="Metrics short of their target.")
    metrics_stale: int = Field(description="Metrics measured longer ago than stale_after_days.")
    unsure: int = Field(description="Touchpoints whose confidence is assumed or not stated.")
    unsure_share: float | None = Field(
        description="unsure / touchpoints, from 0 to 1 (3 decimals); null for a map with no touchpoint."
    )


class Portfolio(StatePortfolio):
    """Across journeys: the current state (or the only one) in front, then each state apart."""

    state: State = Field(exclude=True)  # in the JSON, `states` says which state these are
    states: list[StatePortfolio] = Field(
        description="Each state apart; the fields above repeat the current state (or the only one)."
    )
    maps: list[MapSummary] = Field(
        default=[],
        description="Every map, retired ones too, in path order: the overview a portfolio starts with.",
    )


class StatePair(Fact):
    """A journey mapped in both states: what the future state changes."""

    journey: str
    title: str
    current_average: float | None
    future_average: float | None
    pains_current: int = Field(description="Touchpoints that are a Moment of Pain for someone.")
    pains_future: int
