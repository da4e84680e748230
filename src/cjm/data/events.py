"""An event export as a DuckDB view of sessions, event names, times and segments.

CSV (and TSV, and files in a legacy encoding) is read the way `cjm measure` reads a survey
export, through `cjm.data.tables`; Parquet and JSON lines keep their own column types, so
that ten million events are not turned into text and back. Every column the user names must be
in the file: a missing or misspelt one is one line naming it and the columns the file has.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

import duckdb

from cjm.data.tables import JSON_SUFFIXES, SourceError, open_table
from cjm.errors import CjmError
from cjm.model import did_you_mean
from cjm.present.escape import excerpt

EVENTS_VIEW = "trace_events"
"""The view every query of a trace reads: session, event, time (a TIMESTAMP) and segment."""

_READERS = {".parquet": "read_parquet", **dict.fromkeys(JSON_SUFFIXES, "read_json_auto")}
_TEXT_TYPES = ("VARCHAR", "JSON")
_NUMBER_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT",
                 "UINTEGER", "UBIGINT", "FLOAT", "DOUBLE")  # fmt: skip


class EventsError(CjmError):
    """An event export that cannot be traced as it is: one line a user can act on."""


@dataclass(frozen=True)
class Columns:
    """The columns of the export that the user named."""

    session: str
    event: str
    time: str
    segment: str | None = None


@dataclass(frozen=True)
class Window:
    since: datetime.date | None = None
    until: datetime.date | None = None


def open_events(con: duckdb.DuckDBPyConnection, path: Path, columns: Columns, window: Window) -> None:
    """Create the view `EVENTS_VIEW` over the export at `path`, within the dates of `window`."""
    shown = str(path)
    reader = _READERS.get(path.suffix.lower())
    try:
        if reader is None:  # CSV and its kin, read as measure reads them: every column as text
            table = open_table(con, path, None, "trace_source")
            names, relation = table.headers, table.relation
            types, columns_sql = ["VARCHAR"] * len(names), [f"c{i}" for i in range(len(names))]
        elif not path.is_file():
            raise EventsError(f"no such file: {shown}")
        else:
            names, types, relation = _typed(con, f"{reader}({_literal(path)})")
            columns_sql = [_quoted(n) for n in names]
    except SourceError as exc:
        raise EventsError(
            exc.message if exc.message.startswith("no such file") else f"{shown}: {exc.message}"
        ) from None
    chosen: dict[str, tuple[str, str]] = {}
    for option, name in (("--session", columns.session), ("--event", columns.event),
                         ("--time", columns.time), ("--persona", columns.segment)):  # fmt: skip
        if name is None:
            continue
        index = _find(names, name)
        if index is None:
            listed = ", ".join(n for n in names if n)
            raise EventsError(
                f"{shown} has no column '{name}' ({option}){did_you_mean(name, names)}; its columns: {listed}"
            )
        chosen[option] = (columns_sql[index], types[index])
    session, _ = chosen["--session"]
    event, _ = chosen["--event"]
    time = _time(*chosen["--time"])
    segment = (
        f"NULLIF(trim(CAST({chosen['--persona'][0]} AS VARCHAR)), '')" if "--persona" in chosen else "NULL"
    )
    conditions = [f"{session} IS NOT NULL", f"{event} IS NOT NULL"]
    if window.since is not None:
        conditions.append(f"{time} >= TIMESTAMP {_literal(window.since.isoformat())}")
    if window.until is not None:  # the whole day of --until
        conditions.append(f"{time} < TIMESTAMP {_literal(window.until.isoformat())} + INTERVAL 1 DAY")
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW {EVENTS_VIEW} AS SELECT CAST({session} AS VARCHAR) AS session,"
        f" CAST({event} AS VARCHAR) AS event, {time} AS time, {segment} AS segment"
        f" FROM {relation} WHERE {' AND '.join(conditions)}"
    )
    if not chosen["--time"][1].startswith(("TIMESTAMP", "DATE")):
        _check_times(con, relation, chosen["--time"][0], time, columns.time, shown)


def _typed(con: duckdb.DuckDBPyConnection, reader: str) -> tuple[list[str], list[str], str]:
    try:
        described = con.sql(f"DESCRIBE SELECT * FROM {reader}").fetchall()
    except duckdb.Error:
        raise SourceError("cannot be read: it is not a file of the kind its name says") from None
    return [str(row[0]) for row in described], [str(row[1]) for row in described], reader


def _find(names: list[str], name: str) -> int | None:
    if name in names:
        return names.index(name)
    folded = name.strip().casefold()
    return next((i for i, n in enumerate(names) if n.strip().casefold() == folded), None)


def _time(column: str, kind: str) -> str:
    """The column as a TIMESTAMP: a time or a date as it is; text in ISO form; a number as
    seconds, milliseconds or microseconds since 1970 (by its size, as analytics tools write it)."""
    if kind.startswith(("TIMESTAMP", "DATE")):
        return f"CAST({column} AS TIMESTAMP)"
    number = f"TRY_CAST({column} AS DOUBLE)"
    from_epoch = (
        f"(CASE WHEN abs({number}) < 1e11 THEN to_timestamp({number})"
        f" WHEN abs({number}) < 1e14 THEN to_timestamp({number} / 1e3)"
        f" ELSE to_timestamp({number} / 1e6) END)::TIMESTAMP"
    )
    if kind in _NUMBER_TYPES:
        return from_epoch
    text = f"NULLIF(trim(CAST({column} AS VARCHAR)), '')"
    return f"COALESCE(TRY_CAST({text} AS TIMESTAMP), {from_epoch})"


def _check_times(con: duckdb.DuckDBPyConnection, relation: str, raw: str, time: str, name: str,
                 shown: str) -> None:  # fmt: skip
    """Refuse a time column with values that are not times: the sessions' order rests on it."""
    bad = con.execute(
        f"SELECT count(*), min(CAST({raw} AS VARCHAR)) FROM {relation}"
        f" WHERE {raw} IS NOT NULL AND NULLIF(trim(CAST({raw} AS VARCHAR)), '') IS NOT NULL AND {time} IS NULL"
    ).fetchone()
    if bad and bad[0]:
        raise EventsError(
            f"{shown}: {bad[0]} value{'s' if bad[0] != 1 else ''} of column '{name}' (--time) cannot be read"
            f" as a time, such as '{excerpt(bad[1])}': write times as 2026-11-03 10:22:05 or as seconds since 1970"
        )


def _literal(value: object) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
