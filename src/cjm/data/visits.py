"""Visits: the events of an export mapped to the touchpoints that name them (`events:`), one row
per visit to a touchpoint in each session, with the next visit beside it. `cjm trace` counts
reach, drop-off and steps from them; `cjm measure` keeps reach, drop-off and conversion metrics
current from the same rows."""

from __future__ import annotations

from typing import Any

from cjm.data.events import EVENTS_VIEW
from cjm.model import Journey, Touchpoint

VISITS = "trace_visits"


def touchpoints_of(journey: Journey) -> list[Touchpoint]:
    return [touchpoint for _, _, touchpoint in journey.touchpoints()]


def make_visits(con: Any, journey: Journey, segmented: bool = False) -> None:
    """The table `VISITS` of the events of `EVENTS_VIEW`: one row per visit to a touchpoint (its
    index in the map's order), with its session, time, place in the session (`step`), segment,
    and the next visit's touchpoint and time."""
    con.execute("CREATE TEMP TABLE trace_map (event VARCHAR, tp INTEGER)")
    rows = [(event, i) for i, tp in enumerate(touchpoints_of(journey)) for event in tp.events]
    if rows:
        con.executemany("INSERT INTO trace_map VALUES (?, ?)", rows)
    segment = (
        "first_value(segment IGNORE NULLS) OVER (PARTITION BY session ORDER BY time, tp, event"
        " ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)"
        if segmented
        else "NULL::VARCHAR"
    )
    con.execute(f"""
        CREATE TEMP TABLE {VISITS} AS
        WITH mapped AS (
            SELECT e.session, e.event, e.time, e.segment, m.tp
            FROM {EVENTS_VIEW} e JOIN trace_map m USING (event)),
        ordered AS (
            SELECT session, event, time, tp, {segment} AS segment,
                   lag(tp) OVER w AS prev_tp, lag(event) OVER w AS prev_event
            FROM mapped WINDOW w AS (PARTITION BY session ORDER BY time, tp, event)),
        visits AS (
            SELECT session, time, tp, event, segment FROM ordered
            WHERE prev_tp IS NULL OR tp <> prev_tp OR event = prev_event)
        SELECT session, tp, time, segment, row_number() OVER w AS step,
               lead(tp) OVER w AS next_tp, lead(time) OVER w AS next_time
        FROM visits WINDOW w AS (PARTITION BY session ORDER BY time, tp, event)
    """)
