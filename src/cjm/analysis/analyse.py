"""What a journey map says, computed once: the curve, the pains, the gaps, the plan.

The seeds end every method with the same step: analyse, find the weak points and the critical
moments, improve, measure, repeat. This module does the analysing; `cjm report` formats it, and
render and diff reuse it. Everything here is plain data: no formatting, no I/O.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from cjm.model import PHASE_IDS, Improvement, Journey, Metric, Phase, Stage, Touchpoint
from cjm.scope import JourneyScope

CONFIDENCE_LEVELS = ("observed", "reported", "inferred", "assumed", "unstated")
EVERYONE = None
"""The persona of a journey that names none: its emotions are everyone's."""


@dataclass(frozen=True)
class Place:
    """A touchpoint where it stands in the journey."""

    phase: Phase
    stage: Stage
    touchpoint: Touchpoint


@dataclass(frozen=True)
class Point:
    """One point of the experience curve: how one persona feels at one touchpoint."""

    place: Place
    persona: str | None
    emotion: int | None
    expected: int | None


@dataclass(frozen=True)
class Fall:
    """Where the curve drops from one touchpoint to the next, for one persona."""

    persona: str | None
    before: Place
    after: Place
    drop: int  # how many points the emotion falls (positive)


@dataclass(frozen=True)
class Average:
    id: str
    name: str
    emotion: float | None  # None when nothing there records an emotion
    points: int


@dataclass(frozen=True)
class Pain:
    """A Moment of Pain as one persona lives it."""

    place: Place
    persona: str | None
    emotion: int | None
    marked: bool  # moment: pain
    truth: bool  # also a Moment of Truth
    personas_hit: int

    @property
    def has_improvement(self) -> bool:
        return bool(self.place.touchpoint.improvements)


@dataclass(frozen=True)
class Truth:
    place: Place
    emotions: dict[str | None, int]
    average: float | None
    metrics: list[MetricStatus]

    @property
    def going(self) -> Literal["well", "badly", "mixed", "unmeasured"]:
        """ "well", "badly", "mixed" or "unmeasured": emotions and metrics together."""
        below = any(m.status == "below" for m in self.metrics)
        met = any(m.status == "met" for m in self.metrics)
        if self.average is None and not (below or met):
            return "unmeasured"
        bad = below or (self.average is not None and self.average < 0)
        good = met or (self.average is not None and self.average > 0)
        return "mixed" if bad and good else "badly" if bad else "well" if good else "mixed"


@dataclass(frozen=True)
class Gap:
    """What a persona wanted to feel against what it felt."""

    place: Place
    persona: str | None
    expected: int
    emotion: int

    @property
    def size(self) -> int:
        return self.expected - self.emotion


@dataclass(frozen=True)
class MetricStatus:
    place: Place
    metric: Metric
    status: str  # below | met | no-target | no-value
    gap: float | None  # how far from the target, in the metric's unit (positive: short of it)


@dataclass(frozen=True)
class TeamLoad:
    id: str
    name: str
    stage: Literal["front", "back"] | None
    touchpoints: list[str]
    emotion: float | None


@dataclass(frozen=True)
class Ownership:
    without_owner: list[Place]
    teams: list[TeamLoad]
    front_without_back: list[Place]


@dataclass(frozen=True)
class ChannelFit:
    persona: str
    preferred: list[str]
    never_offered: list[str]
    unpreferred_used: dict[str, list[str]]  # phase id → channels used that the persona does not prefer


@dataclass(frozen=True)
class Channels:
    fit: list[ChannelFit]
    empty_phases: list[str]  # purchase phases with no touchpoint


@dataclass(frozen=True)
class Evidence:
    touchpoints: int
    by_confidence: dict[str, int]
    with_sources: int


Priority = Literal["high", "medium", "low"] | None
PRIORITIES: tuple[Priority, ...] = ("high", "medium", "low", None)
"""Improvement priorities, most urgent first; None: no priority given."""


@dataclass(frozen=True)
class BacklogItem:
    """One thing to fix, with the parts of its score.

    score = depth × reach + gap + metrics below + 2 × truth at risk, where depth is how far
    below 0 the worst emotion of those it hurts is (a touchpoint marked `moment: pain` counts at
    least 1), reach how many personas it hurts (a Moment of Pain for them), gap the largest
    expectation gap (expected minus felt emotion), metrics below the number of its metrics short
    of their target, and truth at risk 1 for a Moment of Truth that also hurts or misses a
    target (a Moment of Truth that goes well adds nothing).
    Moments of Pain rank first, then the rest; within each, the higher score first, then one
    with an improvement still open before one whose improvements are all done, then the most
    urgent priority among its improvements (high, medium, low, none), then journey order.
    """

    place: Place
    personas: list[str | None]  # who it concerns: hurt, or short of what they expected
    depth: int
    reach: int
    gap: int
    truth: bool  # a Moment of Truth at risk: it hurts or misses a target
    metrics_below: int

    @property
    def score(self) -> int:
        return self.depth * self.reach + self.gap + self.metrics_below + 2 * self.truth

    @property
    def is_pain(self) -> bool:
        return self.reach > 0

    @property
    def problems(self) -> list[str]:
        return self.place.touchpoint.problems

    @property
    def improvements(self) -> list[Improvement]:
        return self.place.touchpoint.improvements

    @property
    def priority(self) -> Priority:
        """The most urgent priority among its improvements."""
        given = {i.priority for i in self.improvements}
        return next(p for p in PRIORITIES if p in given or p is None)

    @property
    def done(self) -> bool:
        """Every improvement is done (and there is at least one)."""
        return bool(self.improvements) and all(i.status == "done" for i in self.improvements)

    @property
    def explanation(self) -> str:
        """The score in words: "depth 2 × reach 1 + gap 1 + metrics below 1 = 4; priority high"."""
        truth = " + truth at risk 2" if self.truth else ""
        words = (f"depth {self.depth} × reach {self.reach} + gap {self.gap}"
                 f" + metrics below {self.metrics_below}{truth} = {self.score}"
                 f"; priority {self.priority or 'none'}")  # fmt: skip
        return words + ("; every improvement done" if self.done else "")

    def rank_key(self) -> tuple[bool, int, bool, int]:
        return (not self.is_pain, -self.score, self.done, PRIORITIES.index(self.priority))


SCORE_FORMULA = (BacklogItem.__doc__ or "").split("\n\n", 1)[1].strip()


@dataclass(frozen=True)
class Names:
    """What people call each thing, by id: its name, or "Name (id)" when two of a kind share it."""

    personas: dict[str, str]
    teams: dict[str, str]
    channels: dict[str, str]
    phases: dict[str, str]
    stages: dict[str, str]
    touchpoints: dict[str, str]

    def persona(self, persona: str | None) -> str:
        return "everyone" if persona is EVERYONE else self.personas.get(persona, persona)

    def team(self, team: str) -> str:
        return self.teams.get(team, team)

    def channel(self, channel: str) -> str:
        return self.channels.get(channel, channel)


def _names(journey: Journey, scope: JourneyScope) -> Names:
    return Names(
        personas=_told_apart({pid: persona.name for pid, (persona, _) in scope.cast.items()}),
        teams=_told_apart({tid: team.name for tid, team in scope.teams.items()}),
        channels=_told_apart({cid: channel.name for cid, channel in scope.channels.items()}),
        phases=_told_apart({phase.id: phase.title for phase in journey.phases}),
        stages=_told_apart({stage.id: stage.name for _, stage in journey.stages()}),
        touchpoints=_told_apart({tp.id: tp.name for _, _, tp in journey.touchpoints()}),
    )


def _told_apart(names: dict[str, str]) -> dict[str, str]:
    """Names as people read them; the id joins a name only where two things share it."""
    shared = Counter(names.values())
    return {ident: f"{name} ({ident})" if shared[name] > 1 else name for ident, name in names.items()}


@dataclass
class Analysis:
    journey: Journey
    personas: list[str | None]  # whose curve is drawn: the journey's personas, or EVERYONE
    names: Names
    places: list[Place] = field(default_factory=list)  # the touchpoints of the curve, in journey order
    curve: list[Point] = field(default_factory=list)
    falls: list[Fall] = field(default_factory=list)
    stages: list[Average] = field(default_factory=list)
    phases: list[Average] = field(default_factory=list)
    pains: list[Pain] = field(default_factory=list)
    truths: list[Truth] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    metrics: list[MetricStatus] = field(default_factory=list)
    ownership: Ownership | None = None
    channels: Channels | None = None
    evidence: Evidence | None = None
    strengths: list[Point] = field(default_factory=list)
    backlog: list[BacklogItem] = field(default_factory=list)

    @property
    def average(self) -> float | None:
        return _mean(p.emotion for p in self.curve)


def analyse(journey: Journey, scope: JourneyScope, persona: str | None = None) -> Analysis:
    """Everything the report says about one journey; `persona` narrows it to one persona."""
    personas: list[str | None] = [persona] if persona else list(scope.cast) or [EVERYONE]
    places = [Place(phase, stage, tp) for phase, stage, tp in journey.touchpoints()]
    analysis = Analysis(journey, personas, _names(journey, scope))
    analysis.curve = experience_curve(places, personas, scope)
    on_curve = {id(point.place) for point in analysis.curve}
    analysis.places = [place for place in places if id(place) in on_curve]
    analysis.falls = _falls(analysis.curve, personas)
    analysis.stages = _averages(
        analysis.curve, lambda p: p.place.stage.id, {s.id: s.name for _, s in journey.stages()}
    )
    analysis.phases = _averages(
        analysis.curve, lambda p: p.place.phase.id, {p.id: p.title for p in journey.phases}
    )
    analysis.metrics = [
        metric_status(place, metric) for place in places for metric in place.touchpoint.metrics
    ]
    analysis.pains = _pains(analysis.curve)
    analysis.truths = _truths(places, analysis.curve, analysis.metrics)
    analysis.gaps = sorted(
        (Gap(p.place, p.persona, p.expected, p.emotion) for p in analysis.curve
         if p.expected is not None and p.emotion is not None and p.expected > p.emotion),
        key=lambda g: -g.size,
    )  # fmt: skip
    analysis.ownership = _ownership(places, analysis.curve, scope)
    analysis.channels = _channels(journey, places, personas, scope)
    analysis.evidence = _evidence(places)
    analysis.strengths = sorted(
        (p for p in analysis.curve if p.emotion is not None
         and (p.emotion == 2 or (p.expected is not None and p.emotion > p.expected and p.emotion > 0))),
        key=lambda p: -(p.emotion or 0),
    )  # fmt: skip
    analysis.backlog = _backlog(places, analysis)
    return analysis


def experience_curve(places: Iterable[Place], personas: list[str | None], scope: JourneyScope) -> list[Point]:
    """Emotion per touchpoint per persona, in journey order, for the personas that pass there."""
    points = []
    for place in places:
        touchpoint = place.touchpoint
        passing = personas if personas == [EVERYONE] else [
            p for p in scope.personas_at(touchpoint.personas) if p in personas
        ]  # fmt: skip
        for persona in passing:
            points.append(
                Point(place, persona, touchpoint.emotion_of(persona), touchpoint.expected_emotion_of(persona))
            )
    return points


def metric_status(place: Place, metric: Metric) -> MetricStatus:
    if metric.target is None:
        return MetricStatus(place, metric, "no-target", None)
    if metric.value is None:
        return MetricStatus(place, metric, "no-value", None)
    short = metric.target - metric.value if metric.higher_is_better else metric.value - metric.target
    return MetricStatus(place, metric, "below" if short > 0 else "met", _tidy(short))


def _falls(curve: list[Point], personas: list[str | None]) -> list[Fall]:
    falls = []
    for persona in personas:
        felt = [p for p in curve if p.persona == persona and p.emotion is not None]
        for before, after in itertools.pairwise(felt):
            if after.emotion < before.emotion:  # type: ignore[operator]
                falls.append(Fall(persona, before.place, after.place, before.emotion - after.emotion))  # type: ignore[operator]
    return sorted(falls, key=lambda f: -f.drop)


def _averages(curve: list[Point], key: object, names: dict[str, str]) -> list[Average]:
    grouped: dict[str, list[int | None]] = {ident: [] for ident in names}
    for point in curve:
        grouped[key(point)].append(point.emotion)  # type: ignore[operator]
    return [
        Average(ident, names[ident], _mean(values), sum(v is not None for v in values))
        for ident, values in grouped.items()
    ]


def feels_pain(point: Point) -> bool:
    """Whether this touchpoint is a Moment of Pain for this persona: the one place that decides it.

    A touchpoint marked `moment: pain` hurts everyone who passes it; otherwise it hurts the
    personas who feel it below 0. A persona who does not pass a touchpoint has no point there.
    """
    return point.place.touchpoint.moment == "pain" or (point.emotion is not None and point.emotion < 0)


def _pains(curve: list[Point]) -> list[Pain]:
    hurt: dict[int, list[Point]] = defaultdict(list)
    for point in curve:
        if feels_pain(point):
            hurt[id(point.place)].append(point)
    pains = [
        Pain(point.place, point.persona, point.emotion, point.place.touchpoint.moment == "pain",
             point.place.touchpoint.is_moment_of_truth, len(points))
        for points in hurt.values() for point in points
    ]  # fmt: skip
    return sorted(
        pains, key=lambda p: (p.emotion if p.emotion is not None else 0, -p.personas_hit, not p.truth)
    )


def _truths(places: list[Place], curve: list[Point], metrics: list[MetricStatus]) -> list[Truth]:
    truths = []
    for place in places:
        if place.touchpoint.is_moment_of_truth:
            emotions = {p.persona: p.emotion for p in curve if p.place is place and p.emotion is not None}
            own = [m for m in metrics if m.place is place]
            truths.append(Truth(place, emotions, _mean(emotions.values()), own))
    return truths


def _ownership(places: list[Place], curve: list[Point], scope: JourneyScope) -> Ownership:
    by_team: dict[str, list[Place]] = defaultdict(list)
    for place in places:
        if place.touchpoint.owner:
            by_team[place.touchpoint.owner].append(place)
    teams = []
    for team_id, owned in by_team.items():
        team = scope.teams.get(team_id)
        mine = {id(place) for place in owned}  # by identity: comparing places compares whole models
        emotion = _mean(p.emotion for p in curve if id(p.place) in mine)
        teams.append(TeamLoad(team_id, team.name if team else team_id, team.stage if team else None,
                              [p.touchpoint.id for p in owned], emotion))  # fmt: skip
    teams.sort(key=lambda t: (t.emotion if t.emotion is not None else 3, t.id))
    return Ownership(
        without_owner=[p for p in places if not p.touchpoint.owner],
        teams=teams,
        front_without_back=[p for p in places if p.touchpoint.frontstage and not p.touchpoint.backstage],
    )


def _channels(
    journey: Journey, places: list[Place], personas: list[str | None], scope: JourneyScope
) -> Channels:
    fit = []
    for pid in personas:
        if pid is None or pid not in scope.cast:
            continue
        preferred = scope.cast[pid][0].channels
        passing = [p for p in places if pid in scope.personas_at(p.touchpoint.personas)]
        used = {p.touchpoint.channel for p in passing}
        unpreferred: dict[str, list[str]] = {}
        for place in passing:
            if preferred and place.touchpoint.channel not in preferred:
                channels = unpreferred.setdefault(place.phase.id, [])
                if place.touchpoint.channel not in channels:
                    channels.append(place.touchpoint.channel)
        fit.append(ChannelFit(pid, list(preferred), [c for c in preferred if c not in used], unpreferred))
    present = {p.phase.id for p in places}
    return Channels(fit, [phase for phase in PHASE_IDS if phase not in present])


def _evidence(places: list[Place]) -> Evidence:
    counts = dict.fromkeys(CONFIDENCE_LEVELS, 0)
    for place in places:
        counts[place.touchpoint.confidence or "unstated"] += 1
    return Evidence(len(places), counts, sum(1 for p in places if p.touchpoint.evidence))


def _backlog(places: list[Place], analysis: Analysis) -> list[BacklogItem]:
    items = []
    for place in places:
        touchpoint = place.touchpoint
        points = [p for p in analysis.curve if p.place is place]
        pains = [p for p in points if feels_pain(p)]
        worst = min((p.emotion for p in pains if p.emotion is not None), default=0)
        depth = max(-worst, 1 if touchpoint.moment == "pain" and pains else 0)
        hurt = [p.persona for p in pains]
        gaps = [g for g in analysis.gaps if g.place is place]
        concerned = hurt + [g.persona for g in gaps if g.persona not in hurt]
        gap = max((g.size for g in gaps), default=0)
        below = sum(1 for m in analysis.metrics if m.place is place and m.status == "below")
        at_risk = touchpoint.is_moment_of_truth and bool(depth or below)
        item = BacklogItem(place, concerned, depth, len(hurt), gap, at_risk, below)
        if depth or gap or below or touchpoint.problems:
            items.append(item)
    order = {id(place): i for i, place in enumerate(places)}
    return sorted(items, key=lambda i: (*i.rank_key(), order[id(i.place)]))


def _mean(values: Iterable[int | float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(sum(known) / len(known), 2) if known else None


def _tidy(number: float) -> float:
    """Differences of decimals without float noise (1.5 - 0.8 is 0.7, not 0.7000000000000001)."""
    rounded = round(number, 6)
    return int(rounded) if rounded == int(rounded) else rounded
