"""Trace a journey against an event export: where sessions went, and where the map disagrees.

A session *enters* the journey with its first event that a touchpoint lists. Its events, in time
order, become visits: consecutive events at one touchpoint are one visit, unless an event
repeats (the same event twice in a row: a reload, a retried payment), which is a new visit to the
same touchpoint. Each visit and the next one make a transition, *drawn* when the map draws that
step (see `drawn_steps`). Everything over the events runs in DuckDB, in a few passes; Python
only sees figures per touchpoint, per transition and per event name.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cjm.data.events import EVENTS_VIEW, Columns, Window
from cjm.data.visits import VISITS, make_visits, touchpoints_of
from cjm.errors import CjmError
from cjm.model import Journey, Touchpoint
from cjm.project import LoadedJourney, Project
from cjm.trace.data import (
    Reach,
    SegmentTrace,
    TouchpointTrace,
    Trace,
    Transition,
    TransitionKind,
    UnmappedEvent,
)

UNMAPPED_SHOWN = 20


class TraceError(CjmError):
    """A trace that cannot be made as asked."""


@dataclass(frozen=True)
class Request:
    """What to trace: the export, its columns, the dates, and how segments name personas."""

    events_file: Path
    columns: Columns
    window: Window = field(default_factory=Window)
    persona_map: dict[str, str] = field(default_factory=dict)


def trace(project: Project, where: str, request: Request, lang: str | None = None) -> Trace:
    """Trace the one journey at `where` against the request's event export."""
    loaded = project.usable(where, lang=lang)
    if len(loaded) != 1:
        raise TraceError(f"{where} holds {len(loaded)} journeys: trace one journey file at a time")
    return trace_journey(loaded[0], request)


def trace_journey(loaded: LoadedJourney, request: Request) -> Trace:
    import duckdb

    from cjm.data.events import open_events
    from cjm.data.tables import remove_temporary_files

    journey = loaded.journey
    _check_persona_map(loaded, request.persona_map)
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")  # standard output is the trace's
    try:
        open_events(con, request.events_file, request.columns, request.window)
        figures = _figures(con, journey, request.columns.segment is not None)
    finally:
        con.close()
        remove_temporary_files()
    return _trace(loaded, request, figures)


def drawn_steps(journey: Journey) -> dict[str, set[str]]:
    """The steps the map draws from each touchpoint: to the next one in the map, or to those it
    lists in `next` where the map draws paths. A touchpoint that lists no events cannot be seen in
    data, so the step goes on through it to the touchpoints after it."""
    order = touchpoints_of(journey)
    by_id = {tp.id: tp for tp in order}
    position = {tp.id: i for i, tp in enumerate(order)}

    def successors(tp: Touchpoint) -> list[str]:
        listed = getattr(tp, "next", None)  # paths (`next:`), where the format has them
        if listed:
            return [str(n) for n in listed if n in by_id]
        after = position[tp.id] + 1
        return [order[after].id] if after < len(order) else []

    drawn: dict[str, set[str]] = {}
    for tp in order:
        reached: set[str] = set()
        waiting, seen = successors(tp), set()
        while waiting:
            step = waiting.pop()
            if step in seen:
                continue
            seen.add(step)
            if by_id[step].events:
                reached.add(step)
            else:
                waiting += successors(by_id[step])
        drawn[tp.id] = reached
    return drawn


def kind_of(source: int, target: int, drawn: bool) -> TransitionKind:
    """How a step relates to the map, by the two touchpoints' places in it."""
    if drawn:
        return "along"
    if target == source:
        return "repeat"
    return "skip" if target > source else "back"


# -- the queries ----------------------------------------------------------------------------------


@dataclass
class _Figures:
    by_event: list[tuple[str, bool, int]]  # event name, listed by a touchpoint, count
    sessions: int
    entered: dict[str | None, int]  # by segment (None: every session)
    reach: dict[str | None, dict[int, tuple[int, int, float | None]]]  # segment → tp → figures
    steps: dict[str | None, list[tuple[int, int, int, int]]]  # segment → (from, to, sessions, times)


def _figures(con: Any, journey: Journey, segmented: bool) -> _Figures:
    make_visits(con, journey, segmented)
    by_event = con.execute(
        f"SELECT e.event, any_value(m.tp) IS NOT NULL, count(*) FROM {EVENTS_VIEW} e"
        " LEFT JOIN trace_map m USING (event) GROUP BY e.event"
    ).fetchall()
    sessions = con.execute(f"SELECT count(DISTINCT session) FROM {EVENTS_VIEW}").fetchone()[0]
    return _grouped_figures(con, segmented, by_event, sessions)


def _grouped_figures(
    con: Any, segmented: bool, by_event: list[tuple[str, bool, int]], sessions: int
) -> _Figures:
    def grouped(columns: str) -> tuple[str, str]:
        """The SELECT head and GROUP BY of a figure over every session and, with segments, each segment."""
        if not segmented:
            return "NULL, 1", f"GROUP BY {columns}" if columns else ""
        inner = f"(segment, {columns})" if columns else "(segment)"
        return "segment, grouping(segment)", f"GROUP BY GROUPING SETS (({columns}), {inner})"

    def key(segment: str | None, total: int) -> tuple[bool, str | None]:
        """(kept, None for every session or the segment); a session without a segment value is
        in the totals only."""
        return (True, None) if total else (segment is not None, segment)

    head, group = grouped("")
    entered: dict[str | None, int] = {}
    for seg, total, n in con.execute(
        f"SELECT {head}, count(DISTINCT session) FROM {VISITS} {group}"
    ).fetchall():
        kept, k = key(seg, total)
        if kept:
            entered[k] = n
    head, group = grouped("tp")
    reach: dict[str | None, dict[int, tuple[int, int, float | None]]] = {}
    for seg, total, tp, reached, dropoff, median in con.execute(f"""
        SELECT {head}, tp, count(DISTINCT session), count(*) FILTER (WHERE next_tp IS NULL),
               median((epoch_ms(next_time) - epoch_ms(time)) / 1000.0) FILTER (WHERE next_tp <> tp)
        FROM {VISITS} {group}
    """).fetchall():
        kept, k = key(seg, total)
        if kept:
            reach.setdefault(k, {})[tp] = (reached, dropoff, median)
    head, group = grouped("tp, next_tp")
    steps: dict[str | None, list[tuple[int, int, int, int]]] = {}
    for seg, total, source, target, n, times in con.execute(f"""
        SELECT {head}, tp, next_tp, count(DISTINCT session), count(*)
        FROM {VISITS} WHERE next_tp IS NOT NULL {group}
    """).fetchall():
        kept, k = key(seg, total)
        if kept:
            steps.setdefault(k, []).append((source, target, n, times))
    return _Figures(by_event, sessions, entered, reach, steps)


# -- the facts ------------------------------------------------------------------------------------


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _trace(loaded: LoadedJourney, request: Request, figures: _Figures) -> Trace:
    journey = loaded.journey
    order = touchpoints_of(journey)
    stage_of = {tp.id: stage.id for _, stage, tp in journey.touchpoints()}
    entered = figures.entered.get(None, 0)
    reach = figures.reach.get(None, {})
    touchpoints = [
        TouchpointTrace(
            **_reach(tp.id, reach.get(i), entered).model_dump(),
            name=tp.name,
            stage=stage_of[tp.id],
            events=list(tp.events),
            traced=bool(tp.events),
        )
        for i, tp in enumerate(order)
    ]
    unmapped = sorted(
        ((e, n) for e, listed, n in figures.by_event if not listed), key=lambda p: (-p[1], p[0])
    )
    return Trace(
        journey=journey.id,
        title=journey.title,
        path=loaded.path,
        lang=loaded.lang,
        events_file=str(request.events_file),
        since=request.window.since,
        until=request.window.until,
        events=sum(n for _, _, n in figures.by_event),
        unmapped_events=sum(n for _, n in unmapped),
        sessions=figures.sessions,
        entered=entered,
        touchpoints=touchpoints,
        transitions=_transitions(journey, figures.steps.get(None, []), entered),
        unreached=[t.id for t in touchpoints if t.traced and t.reached == 0],
        untraced=[t.id for t in touchpoints if not t.traced],
        unmapped=[UnmappedEvent(event=e, count=n) for e, n in unmapped[:UNMAPPED_SHOWN]],
        segments=list(_segments(loaded, request, figures)),
    )


def _reach(ident: str, figures: tuple[int, int, float | None] | None, entered: int) -> Reach:
    reached, dropoff, median = figures or (0, 0, None)
    return Reach(
        id=ident,
        reached=reached,
        share=_share(reached, entered),
        dropoff=dropoff,
        dropoff_share=_share(dropoff, reached),
        median_seconds_to_next=None if median is None else round(float(median), 3),
    )


def _transitions(journey: Journey, steps: list[tuple[int, int, int, int]], entered: int) -> list[Transition]:
    order = touchpoints_of(journey)
    drawn = drawn_steps(journey)
    found = []
    for source, target, sessions, times in steps:
        a, b = order[source].id, order[target].id
        is_drawn = b in drawn[a]
        found.append(
            Transition.model_validate(
                {
                    "from": a,
                    "to": b,
                    "kind": kind_of(source, target, is_drawn),
                    "drawn": is_drawn,
                    "sessions": sessions,
                    "share": _share(sessions, entered),
                    "times": times,
                }
            )
        )
    place = {tp.id: i for i, tp in enumerate(order)}
    return sorted(found, key=lambda t: (-t.sessions, place[t.source], place[t.target]))


def _segments(loaded: LoadedJourney, request: Request, figures: _Figures) -> Iterator[SegmentTrace]:
    order = touchpoints_of(loaded.journey)
    cast = loaded.scope.cast
    for value in sorted(s for s in figures.entered if s is not None):
        persona = request.persona_map.get(value, value if value in loaded.scope.cast else None)
        entered = figures.entered[value]
        reach = figures.reach.get(value, {})
        known = cast[persona][0] if persona in cast else None
        yield SegmentTrace(
            segment=value,
            persona=persona,
            name=known.name if known is not None else None,
            entered=entered,
            touchpoints=[_reach(tp.id, reach.get(i), entered) for i, tp in enumerate(order)],
            transitions=_transitions(loaded.journey, figures.steps.get(value, []), entered),
        )


def _check_persona_map(loaded: LoadedJourney, persona_map: dict[str, str]) -> None:
    cast = list(loaded.scope.cast)
    for value, persona in persona_map.items():
        if persona not in cast:
            from cjm.model import did_you_mean

            raise TraceError(
                f"--persona-map {value}={persona}: '{persona}' is not a persona of journey"
                f" '{loaded.journey.id}'{did_you_mean(persona, cast)} (its personas: {', '.join(cast) or 'none'})"
            )
