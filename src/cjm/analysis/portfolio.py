"""What many journey maps say together: where it hurts most in each state of the services, and
what the future state changes for a journey mapped in both."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date

from cjm.analysis.analyse import mean
from cjm.analysis.facts import (
    STATES,
    Analysis,
    HurtOf,
    MapSummary,
    Place,
    Portfolio,
    State,
    StatePair,
    StatePortfolio,
)

NO_OWNER = "(no owner)"
"""The key and the name of the touchpoints no team owns; the human formats word the name."""
_KINDS: dict[str, Callable[[Place], str]] = {
    "phases": lambda place: place.phase.id,
    "stages": lambda place: place.stage.id,
    "channels": lambda place: place.touchpoint.channel,
    "owners": lambda place: place.touchpoint.owner or NO_OWNER,
}


def map_summary(path: str, analysis: Analysis, today: date, stale_after_days: int) -> MapSummary:
    """One map at a glance, as the portfolio's overview shows it."""
    journey, evidence = analysis.journey, analysis.evidence
    pains = {p.touchpoint for p in analysis.pains if not p.has_improvement}
    stale = [m for m in analysis.metrics
             if m.measured and (today - date.fromisoformat(m.measured)).days > stale_after_days]  # fmt: skip
    unsure = evidence.assumed + evidence.unstated
    return MapSummary(
        journey=journey.id,
        title=journey.title,
        path=path,
        state=journey.state,
        status=journey.status,
        owner=journey.owner,
        owner_name=analysis.names.teams.get(journey.owner, journey.owner) if journey.owner else None,
        review_by=journey.review_by,
        overdue=journey.status != "retired"
        and journey.review_by is not None
        and date.fromisoformat(journey.review_by) < today,
        touchpoints=evidence.touchpoints,
        pains_without_improvement=len(pains),
        metrics_below=sum(1 for m in analysis.metrics if m.status == "below"),
        metrics_stale=len(stale),
        unsure=unsure,
        unsure_share=round(unsure / evidence.touchpoints, 3) if evidence.touchpoints else None,
    )


def portfolio(analyses: list[Analysis], maps: list[MapSummary] | None = None) -> Portfolio:
    """Each state apart, never averaged together; the current state (or the only one) in front.
    Retired maps no longer describe a service: they are left out of the totals and the groups
    (the report still lists them)."""
    active = [a for a in analyses if a.journey.status != "retired"]
    states = [
        _state(state, [a for a in active if a.journey.state == state])
        for state in STATES
        if any(a.journey.state == state for a in active)
    ] or [_state("current", [])]
    return Portfolio(**dict(states[0]), states=states, maps=maps or [])


def state_pairs(analyses: list[Analysis]) -> list[StatePair]:
    """The journeys mapped in both states, in the order their current state comes."""
    by_state = {(a.journey.id, a.journey.state): a for a in analyses if a.journey.status != "retired"}
    pairs = []
    for (journey, state), current in by_state.items():
        future = by_state.get((journey, "future"))
        if state == "current" and future is not None:
            pairs.append(StatePair(journey=journey, title=current.journey.title,
                                   current_average=current.average, future_average=future.average,
                                   pains_current=_pain_count(current), pains_future=_pain_count(future)))  # fmt: skip
    return pairs


def _state(state: State, analyses: list[Analysis]) -> StatePortfolio:
    emotions: dict[str, dict[str, list[tuple[str, int | None]]]] = {
        kind: defaultdict(list) for kind in _KINDS
    }
    pains: dict[str, dict[str, set[int]]] = {kind: defaultdict(set) for kind in _KINDS}
    names: dict[str, dict[str, str]] = {kind: {NO_OWNER: NO_OWNER} for kind in _KINDS}
    for analysis in analyses:
        known = analysis.names
        # phases are the purchase phases across maps, whatever each calls them: named by their id
        for kind, named in (("stages", known.stages), ("channels", known.channels),
                            ("owners", known.teams)):  # fmt: skip
            names[kind] = {**named, **names[kind]}
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
