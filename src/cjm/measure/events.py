"""The kinds measured from an event export, not a survey: reach, dropoff and conversion.

They read the export as `cjm trace` does (`data`'s `session`, `event` and `time` name its
columns) and count sessions the same way, so that a metric and a trace of the same file agree:
`reach` is the % of the sessions that entered the journey that reached the touchpoint (n: those
that entered); `dropoff` the % of the sessions at the touchpoint whose last touchpoint it is, and
`conversion` the % of them that reach `to` later on (n: the sessions at the touchpoint).
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cjm.measure.kinds import Figure
from cjm.model import Journey, Metric

if TYPE_CHECKING:
    import duckdb

DIGITS = 1  # percentages, as the survey kinds write them


class EventMetricError(Exception):
    """What keeps an event metric from being measured, in one line (the caller says where)."""


def event_figure(journey: Journey, touchpoint: str, metric: Metric, journey_file: Path,
                 since: datetime.date | None = None, until: datetime.date | None = None) -> Figure:  # fmt: skip
    """The metric's value and n, computed from the export its `data` names."""
    import duckdb

    from cjm.data.events import Columns, EventsError, Window, open_events
    from cjm.data.visits import VISITS, make_visits, touchpoints_of

    data = metric.data
    assert data is not None and metric.kind is not None
    assert not data.missing_for(metric.kind)  # validated with the journey (CJM101)
    order = [tp.id for tp in touchpoints_of(journey)]
    if data.to is not None and data.to not in order:
        raise EventMetricError(f"'to: {data.to}' is not a touchpoint of journey '{journey.id}'")
    at = order.index(touchpoint)
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    try:
        assert data.session is not None and data.event is not None and data.time is not None
        columns = Columns(data.session, data.event, data.time)
        open_events(con, journey_file.parent / data.file, columns, Window(since, until))
        make_visits(con, journey)
        value, n = _count(con, VISITS, metric.kind, at, order.index(data.to) if data.to else None)
    except EventsError as exc:
        raise EventMetricError(exc.message) from None
    finally:
        con.close()
    if not n:
        raise EventMetricError(
            f"no session in {data.file} reached touchpoint '{touchpoint}' to measure it at"
        )
    return Figure(int(value) if float(value).is_integer() else value, n)


def _count(
    con: duckdb.DuckDBPyConnection, visits: str, kind: str, at: int, to: int | None
) -> tuple[float, int]:
    per_session = (
        f"SELECT session, min(step) FILTER (WHERE tp = {at}) AS first_at,"
        f" max(step) FILTER (WHERE tp = {to if to is not None else -1}) AS last_to,"
        f" max(step) AS last, arg_max(tp, step) AS last_tp FROM {visits} GROUP BY session"
    )
    part = {
        "reach": "count(*) FILTER (WHERE first_at IS NOT NULL)",
        "dropoff": f"count(*) FILTER (WHERE last_tp = {at})",
        "conversion": "count(*) FILTER (WHERE first_at IS NOT NULL AND last_to > first_at)",
    }[kind]
    whole = "count(*)" if kind == "reach" else "count(*) FILTER (WHERE first_at IS NOT NULL)"
    row = con.execute(f"SELECT {part}, {whole} FROM ({per_session})").fetchone()
    part_n, whole_n = (int(row[0]), int(row[1])) if row else (0, 0)
    return (round(100 * part_n / whole_n, DIGITS) if whole_n else 0.0), whole_n
