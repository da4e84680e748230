"""The trace as titled tables in the journey's language, once for every human format.

A cell's tone says how it reads: `bad` for a touchpoint nobody reached or a step the map does
not draw, `dim` for a touchpoint that lists no events.
"""

from __future__ import annotations

from cjm.present.i18n import N_, Words, words
from cjm.present.tables import Cell, Section
from cjm.present.words import quantity_in
from cjm.trace.data import Reach, SegmentTrace, Trace, Transition

KIND_WORDS = {
    "along": N_("along the map"),
    "skip": N_("skip forward"),
    "back": N_("step back"),
    "repeat": N_("repeat"),
}


def headline(trace: Trace) -> str:
    t = words(trace.lang)
    sessions = t.plural("{count} session", "{count} sessions", trace.sessions)
    events = t.plural("{count} event", "{count} events", trace.events)
    return t(
        "{sessions} in {file}; {entered} entered the journey ({share}). {events}, {unmapped} of them listed"
        " by no touchpoint.",
        sessions=sessions, file=trace.events_file, entered=t.number(trace.entered, 0),
        share=percent(trace.entered / trace.sessions if trace.sessions else None, t), events=events,
        unmapped=t.number(trace.unmapped_events, 0),
    )  # fmt: skip


def percent(share: float | None, t: Words) -> str:
    """A share (0 to 1) as a percentage with one decimal, as the language writes it."""
    return "–" if share is None else quantity_in(round(share * 100, 1), "%", t)


def duration(seconds: float | None, t: Words) -> str:
    """A time as a person reads it: 45 s, 3,5 min, 2 h, 1,5 d."""
    if seconds is None:
        return "–"
    for size, unit in ((86400, "d"), (3600, "h"), (60, "min")):
        if seconds >= size:
            return f"{t.number(seconds / size, 1)} {unit}"
    return f"{t.number(seconds, 0)} s"


def sections(trace: Trace) -> list[Section]:
    t = words(trace.lang)
    names = {tp.id: tp.name for tp in trace.touchpoints}
    found = [
        _touchpoints(trace, t),
        _steps("along", t("Steps the map draws"), [s for s in trace.transitions if s.drawn], names, t),
        _steps("undrawn", t("Steps the map does not draw"), trace.undrawn, names, t),
        Section(
            "unmapped", t("Events no touchpoint lists"), [t("event"), t("events")],
            [[Cell(u.event), Cell(t.number(u.count, 0))] for u in trace.unmapped], empty=t("None."),
        ),
    ]  # fmt: skip
    traced = {tp.id for tp in trace.touchpoints if tp.traced}
    return found + [_segment(segment, names, traced, t) for segment in trace.segments]


def _reach_cells(reach: Reach, traced: bool, t: Words) -> list[Cell]:
    if not traced:
        return [Cell(t("lists no events"), "dim"), Cell("–", "dim"), Cell("–", "dim")]
    return [
        Cell(
            f"{t.number(reach.reached, 0)} ({percent(reach.share, t)})", "bad" if reach.reached == 0 else ""
        ),
        Cell(f"{t.number(reach.dropoff, 0)} ({percent(reach.dropoff_share, t)})"),
        Cell(duration(reach.median_seconds_to_next, t)),
    ]


def _touchpoints(trace: Trace, t: Words) -> Section:
    rows = [[Cell(tp.name), Cell(tp.id, "dim"), *_reach_cells(tp, tp.traced, t)] for tp in trace.touchpoints]
    notes = []
    if trace.unreached:
        notes.append(Cell(t("Never reached: {ids}.", ids=", ".join(trace.unreached)), "bad"))
    if trace.untraced:
        notes.append(
            Cell(t("Listing no events, so not traced: {ids}.", ids=", ".join(trace.untraced)), "dim")
        )
    columns = [t("touchpoint"), t("id"), t("reached"), t("drop-off"), t("median time to next")]
    return Section("touchpoints", t("Touchpoints"), columns, rows, notes)


def _steps(ident: str, title: str, steps: list[Transition], names: dict[str, str], t: Words) -> Section:
    rows = [
        [Cell(names[s.source]), Cell(names[s.target]), Cell(t(KIND_WORDS[s.kind]), "" if s.drawn else "bad"),
         Cell(f"{t.number(s.sessions, 0)} ({percent(s.share, t)})"), Cell(t.number(s.times, 0))]
        for s in steps
    ]  # fmt: skip
    columns = [t("from"), t("to"), t("kind of step"), t("sessions"), t("times")]
    return Section(ident, title, columns, rows, empty=t("None."))


def _segment(segment: SegmentTrace, names: dict[str, str], traced: set[str], t: Words) -> Section:
    who = segment.segment if segment.name is None else f"{segment.name} ({segment.segment})"
    title = t.plural("Segment {segment}: {count} session entered", "Segment {segment}: {count} sessions entered",
                     segment.entered, segment=who)  # fmt: skip
    rows = [[Cell(names[r.id]), *_reach_cells(r, True, t)] for r in segment.touchpoints if r.id in traced]
    undrawn = [s for s in segment.transitions if not s.drawn]
    notes = [
        Cell(t("Undrawn: {source} → {target}, {sessions}", source=names[s.source], target=names[s.target],
               sessions=t.plural("{count} session", "{count} sessions", s.sessions)), "bad")
        for s in undrawn
    ]  # fmt: skip
    columns = [t("touchpoint"), t("reached"), t("drop-off"), t("median time to next")]
    return Section(f"segment-{segment.segment}", title, columns, rows, notes)
