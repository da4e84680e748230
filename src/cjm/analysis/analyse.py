"""What a journey map says, computed once: the curve, the pains, the gaps, the plan.

The seeds end every method with the same step: analyse, find the weak points and the critical
moments, improve, measure, repeat. This module does the analysing of one journey; `cjm report`
writes its facts (`facts.py`), and render and diff reuse them. No formatting, no I/O.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any, Protocol, TypeVar

from cjm.analysis.facts import (
    CONFIDENCE_LEVELS,
    EVERYONE,
    EVERYONE_KEY,
    PRIORITIES,
    Analysis,
    Average,
    BacklogItem,
    ChannelFit,
    Channels,
    Evidence,
    Fall,
    Gap,
    Going,
    ImprovementFact,
    MetricStatus,
    Names,
    Opportunity,
    Ownership,
    Pain,
    Persona,
    Place,
    Point,
    Priority,
    Reading,
    ScoreParts,
    Strength,
    TeamLoad,
    Truth,
)
from cjm.model import PHASE_IDS, Improvement, Journey, Metric, Touchpoint
from cjm.scope import JourneyScope


def analyse(journey: Journey, scope: JourneyScope, persona: str | None = None) -> Analysis:
    """Everything the report says about one journey; `persona` narrows it to one persona. The facts
    are the same in every language: what the map leaves unnamed (a purchase phase, a built-in
    channel, everyone) goes by its id or the model's own name, and the backlog's scores by their
    parts; `cjm.present` words them for people."""
    personas: list[Persona] = [persona] if persona else list(scope.cast) or [EVERYONE]
    names = _names(journey, scope)
    places = [Place(phase, stage, tp) for phase, stage, tp in journey.touchpoints()]
    curve = experience_curve(places, personas, scope, names)
    on_curve = {id(point.place) for point in curve}
    passed = [place for place in places if id(place) in on_curve]
    # one persona's view holds only what it passes through; everyone's, every touchpoint
    seen = passed if persona else places
    metrics = [metric_status(place, metric, names) for place in seen for metric in place.touchpoint.metrics]
    gaps = _gaps(curve, names)
    return Analysis(
        journey=journey,
        scope=scope,
        personas=personas,
        names=names,
        places=passed,
        curve=curve,
        average=mean(p.emotion for p in curve),
        falls=_falls(curve, personas, names),
        stages=_averages(curve, lambda p: p.stage, {s.id: s.name for _, s in journey.stages()}),
        phases=_averages(curve, lambda p: p.phase, names.phases),
        pains=_pains(curve, names),
        truths=_truths(seen, curve, metrics, names),
        gaps=gaps,
        metrics=metrics,
        ownership=_ownership(seen, curve, scope),
        channels=_channels(seen, personas, scope, names),
        evidence=_evidence(seen),
        strengths=_strengths(curve),
        backlog=_backlog(seen, curve, gaps, metrics, names),
        opportunities=[
            Opportunity(touchpoint=tp.id, name=names.touchpoints[tp.id], text=text)
            for tp in (place.touchpoint for place in passed)
            for text in tp.opportunities
        ],
    )


def _names(journey: Journey, scope: JourneyScope) -> Names:
    """What the map calls each thing; a phase it leaves unnamed by its id."""
    return Names(
        personas=told_apart({pid: persona.name for pid, (persona, _) in scope.cast.items()}),
        teams=told_apart({tid: team.name for tid, team in scope.teams.items()}),
        channels=told_apart({cid: channel.name for cid, channel in scope.channels.items()}),
        phases=told_apart({phase.id: phase.name or phase.id for phase in journey.phases}),
        stages=told_apart({stage.id: stage.name for _, stage in journey.stages()}),
        touchpoints=told_apart({tp.id: tp.name for _, _, tp in journey.touchpoints()}),
    )


def told_apart(names: dict[str, str]) -> dict[str, str]:
    """Names as people read them; the id joins a name only where two things share it."""
    shared = Counter(names.values())
    return {ident: f"{name} ({ident})" if shared[name] > 1 else name for ident, name in names.items()}


def experience_curve(
    places: Iterable[Place], personas: list[Persona], scope: JourneyScope, names: Names
) -> list[Point]:
    """Emotion per touchpoint per persona, in journey order, for the personas that pass there."""
    points = []
    for place in places:
        touchpoint = place.touchpoint
        passing = personas if personas == [EVERYONE] else [
            p for p in scope.personas_at(touchpoint.personas) if p in personas
        ]  # fmt: skip
        for persona in passing:
            points.append(
                Point.at(
                    place,
                    names,
                    persona=persona,
                    persona_name=names.persona(persona),
                    emotion=touchpoint.emotion_of(persona),
                    expected_emotion=touchpoint.expected_emotion_of(persona),
                )
            )
    return points


def metric_status(place: Place, metric: Metric, names: Names | None = None) -> MetricStatus:
    """How a metric stands against its target; `names` says what to call its touchpoint."""
    name = names.touchpoints[place.touchpoint.id] if names else place.touchpoint.name
    shortfall = metric.shortfall
    gap = None if shortfall is None else _tidy(shortfall)
    return MetricStatus.of(place, metric, name, metric.standing, gap, **_trend(metric))


def _trend(metric: Metric) -> dict[str, Any]:
    """A metric's values on record, oldest first with the current one last, and how the current
    value moved since the one before it: better or worse as `higher_is_better` says."""
    history = [Reading(date=h.date, value=h.value, n=h.n) for h in metric.history]
    if metric.value is None:
        return {"history": history}
    previous = metric.history[-1].value if metric.history else None
    history.append(Reading(date=metric.measured, value=metric.value, n=metric.n))
    if previous is None:
        return {"history": history}
    change = round(metric.value - previous, max(_decimals(metric.value), _decimals(previous)))
    change = int(change) if change == int(change) else change
    return {"history": history, "previous": previous, "change": change,
            "direction": metric.moved(previous, metric.value)}  # fmt: skip


def _decimals(number: float) -> int:
    """How many decimals a value is written with: 0 for 24, 1 for 2.9."""
    exponent = Decimal(repr(number)).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _falls(curve: list[Point], personas: list[Persona], names: Names) -> list[Fall]:
    falls = []
    for persona in personas:
        felt = [(p, p.emotion) for p in curve if p.persona == persona and p.emotion is not None]
        for (before, was), (after, now) in itertools.pairwise(felt):
            if now < was:
                falls.append(Fall(persona=persona, persona_name=names.persona(persona),
                                  from_touchpoint=before.touchpoint, to_touchpoint=after.touchpoint,
                                  from_name=names.touchpoints[before.touchpoint],
                                  to_name=names.touchpoints[after.touchpoint], drop=was - now))  # fmt: skip
    return sorted(falls, key=lambda f: -f.drop)


def _averages(curve: list[Point], key: Callable[[Point], str], names: dict[str, str]) -> list[Average]:
    """The mean emotion of each phase or stage the curve passes through, in journey order."""
    grouped: dict[str, list[int | None]] = {ident: [] for ident in names}
    for point in curve:
        grouped[key(point)].append(point.emotion)
    return [
        Average(id=ident, name=names[ident], average=mean(values), points=sum(v is not None for v in values))
        for ident, values in grouped.items()
        if values
    ]


def feels_pain(point: Point) -> bool:
    """Whether this touchpoint is a Moment of Pain for this persona (`Touchpoint.hurts` decides it).
    A persona who does not pass a touchpoint has no point there."""
    return point.place.touchpoint.hurts(point.emotion)


def _pains(curve: list[Point], names: Names) -> list[Pain]:
    hurt: dict[int, list[Point]] = defaultdict(list)
    for point in curve:
        if feels_pain(point):
            hurt[id(point.place)].append(point)
    pains = [
        Pain.at(point.place, names, persona=point.persona, persona_name=point.persona_name,
                emotion=point.emotion, marked=point.place.touchpoint.hurts(None),
                truth=point.place.touchpoint.is_moment_of_truth, personas_hit=len(points),
                improvements=_improvements(point.place.touchpoint, names),
                has_improvement=bool(point.place.touchpoint.improvements))
        for points in hurt.values() for point in points
    ]  # fmt: skip
    return sorted(
        pains, key=lambda p: (p.emotion if p.emotion is not None else 0, -p.personas_hit, not p.truth)
    )


class _AtPlace(Protocol):
    @property
    def place(self) -> Place: ...


_F = TypeVar("_F", bound=_AtPlace)


def at_places(facts: Iterable[_F]) -> dict[int, list[_F]]:
    """Facts grouped by the touchpoint they are at (by identity: comparing places compares whole
    models), so that each touchpoint finds its own without reading every fact of the journey."""
    grouped: dict[int, list[_F]] = {}
    for fact in facts:
        grouped.setdefault(id(fact.place), []).append(fact)
    return grouped


def _truths(
    places: list[Place], curve: list[Point], metrics: list[MetricStatus], names: Names
) -> list[Truth]:
    truths = []
    points_at, metrics_at = at_places(curve), at_places(metrics)
    for place in places:
        if place.touchpoint.is_moment_of_truth:
            emotions = {EVERYONE_KEY if p.persona is EVERYONE else p.persona: p.emotion
                        for p in points_at.get(id(place), ()) if p.emotion is not None}  # fmt: skip
            own = metrics_at.get(id(place), [])
            average = mean(emotions.values())
            truths.append(Truth.at(place, names, emotions=emotions, average=average,
                                   going=_going(average, own), metrics=own))  # fmt: skip
    return truths


def _going(average: float | None, metrics: list[MetricStatus]) -> Going:
    """How a Moment of Truth goes: its emotions and its metrics together."""
    below = any(m.status == "below" for m in metrics)
    met = any(m.status == "met" for m in metrics)
    if average is None and not (below or met):
        return "unmeasured"
    bad = below or (average is not None and average < 0)
    good = met or (average is not None and average > 0)
    return "mixed" if bad and good else "badly" if bad else "well" if good else "mixed"


def _gaps(curve: list[Point], names: Names) -> list[Gap]:
    gaps = []
    for p in curve:
        wanted, felt = p.expected_emotion, p.emotion
        if wanted is not None and felt is not None and wanted > felt:
            gaps.append(Gap.at(p.place, names, persona=p.persona, persona_name=p.persona_name,
                               expected_emotion=wanted, emotion=felt, gap=wanted - felt))  # fmt: skip
    return sorted(gaps, key=lambda g: -g.gap)


def _ownership(places: list[Place], curve: list[Point], scope: JourneyScope) -> Ownership:
    by_team: dict[str, list[Place]] = defaultdict(list)
    for place in places:
        if place.touchpoint.owner:
            by_team[place.touchpoint.owner].append(place)
    teams = []
    for team_id, owned in by_team.items():
        team = scope.teams.get(team_id)
        mine = {id(place) for place in owned}  # by identity: comparing places compares whole models
        average = mean(p.emotion for p in curve if id(p.place) in mine)
        teams.append(TeamLoad(id=team_id, name=team.name if team else team_id,
                              stage=team.stage if team else None,
                              touchpoints=[p.touchpoint.id for p in owned], average=average))  # fmt: skip
    teams.sort(key=lambda t: (t.average if t.average is not None else 3, t.id))
    return Ownership(
        without_owner=[p.touchpoint.id for p in places if not p.touchpoint.owner],
        teams=teams,
        frontstage_without_backstage=[
            p.touchpoint.id for p in places if p.touchpoint.frontstage and not p.touchpoint.backstage
        ],
    )


def _channels(places: list[Place], personas: list[Persona], scope: JourneyScope, names: Names) -> Channels:
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
        fit.append(ChannelFit(persona=pid, persona_name=names.persona(pid), preferred=list(preferred),
                              never_offered=[c for c in preferred if c not in used],
                              unpreferred_used=unpreferred))  # fmt: skip
    present = {p.phase.id for p in places}
    return Channels(personas=fit, empty_phases=[phase for phase in PHASE_IDS if phase not in present])


def _evidence(places: list[Place]) -> Evidence:
    counts = dict.fromkeys(CONFIDENCE_LEVELS, 0)
    for place in places:
        counts[place.touchpoint.confidence or "unstated"] += 1
    return Evidence(
        touchpoints=len(places), with_sources=sum(1 for p in places if p.touchpoint.evidence), **counts
    )


def _strengths(curve: list[Point]) -> list[Strength]:
    strong = [
        Strength.of(p) for p in curve if p.emotion is not None
        and (p.emotion == 2 or (p.expected_emotion is not None and p.emotion > max(p.expected_emotion, 0)))
    ]  # fmt: skip
    return sorted(strong, key=lambda p: -p.emotion)


def _backlog(
    places: list[Place],
    curve: list[Point],
    gaps: list[Gap],
    metrics: list[MetricStatus],
    names: Names,
) -> list[BacklogItem]:
    items = []
    points_at, gaps_at, metrics_at = at_places(curve), at_places(gaps), at_places(metrics)
    for place in places:
        at = id(place)
        parts, personas = _score(place, points_at.get(at, []), gaps_at.get(at, []), metrics_at.get(at, []))
        if parts.depth or parts.gap or parts.metrics_below or place.touchpoint.problems:
            items.append(_item(place, parts, personas, names))
    # sort() is stable: items that rank alike keep journey order
    items.sort(key=lambda i: (not i.moment_of_pain, -i.score, i.done, PRIORITIES.index(i.priority)))
    return [item.model_copy(update={"rank": rank}) for rank, item in enumerate(items, 1)]


def _score(
    place: Place, points: list[Point], own_gaps: list[Gap], metrics: list[MetricStatus]
) -> tuple[ScoreParts, list[Persona]]:
    """The parts of a touchpoint's score, from its points, gaps and metrics, and whom it concerns:
    those it hurts, then those short of what they expected."""
    pains = [p for p in points if feels_pain(p)]
    worst = min((p.emotion for p in pains if p.emotion is not None), default=0)
    depth = max(-worst, 1 if place.touchpoint.moment == "pain" and pains else 0)
    hurt = [p.persona for p in pains]
    below = sum(1 for m in metrics if m.status == "below")
    at_risk = place.touchpoint.is_moment_of_truth and bool(depth or below)
    parts = ScoreParts(depth=depth, reach=len(hurt), gap=max((g.gap for g in own_gaps), default=0),
                       truth=at_risk, metrics_below=below)  # fmt: skip
    return parts, hurt + [g.persona for g in own_gaps if g.persona not in hurt]


def _item(place: Place, parts: ScoreParts, personas: list[Persona], names: Names) -> BacklogItem:
    """A thing to fix, ranked 0 until every item is known."""
    touchpoint = place.touchpoint
    score = parts.depth * parts.reach + parts.gap + parts.metrics_below + 2 * parts.truth
    priority, done = _priority(touchpoint.improvements), _done(touchpoint.improvements)
    return BacklogItem.at(
        place, names, rank=0, personas=personas, score=score, parts=parts, moment_of_pain=parts.reach > 0,
        explanation="",  # in words, in the report's language: `cjm.present` says it
        priority=priority, done=done, owner=touchpoint.owner, owner_name=_team(touchpoint.owner, names),
        problems=touchpoint.problems, improvements=_improvements(touchpoint, names),
    )  # fmt: skip


def _priority(improvements: list[Improvement]) -> Priority:
    """The most urgent priority among the improvements."""
    given = {i.priority for i in improvements}
    return next(p for p in PRIORITIES if p in given or p is None)


def _done(improvements: list[Improvement]) -> bool:
    """Every improvement is done (and there is at least one)."""
    return bool(improvements) and all(i.status == "done" for i in improvements)


def _improvements(touchpoint: Touchpoint, names: Names) -> list[ImprovementFact]:
    return [ImprovementFact(text=i.text, owner=i.owner, owner_name=_team(i.owner, names), status=i.status,
                            priority=i.priority)
            for i in touchpoint.improvements]  # fmt: skip


def _team(team: str | None, names: Names) -> str | None:
    return None if team is None else names.team(team)


def mean(values: Iterable[int | float | None]) -> float | None:
    """The mean of the values known, to two decimals; None when none is."""
    known = [v for v in values if v is not None]
    return round(sum(known) / len(known), 2) if known else None


def _tidy(number: float) -> float:
    """Differences of decimals without float noise (1.5 - 0.8 is 0.7, not 0.7000000000000001)."""
    rounded = round(number, 6)
    return int(rounded) if rounded == int(rounded) else rounded
