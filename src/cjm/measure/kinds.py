"""Each kind of metric as one SQL query over a `Table`: the same query runs on any DuckDB.

`query` writes the SQL; `compute` runs it and turns what is wrong with the answers into one
message a user can act on. Answers are text: an answer such as `10 - Muy probable` counts as 10
(its leading number), blanks are left out, and `n` counts the answers used.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import duckdb

from cjm.measure.sources import Table
from cjm.model import Metric

SCALES: dict[str, tuple[int, int]] = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}
NUMERIC = ("nps", "csat", "ces", "mean", "median")
PERCENT = ("nps", "csat", "share")
DIGITS = {"nps": 1, "csat": 1, "share": 1, "ces": 2, "mean": 2, "median": 2, "count": 0}


@dataclass(frozen=True)
class Window:
    since: datetime.date | None = None
    until: datetime.date | None = None


@dataclass(frozen=True)
class Figure:
    value: int | float
    n: int


class AnswerError(Exception):
    """What is wrong with the answers, in one line (the caller says where the metric is)."""


def quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def answer(column: str) -> str:
    """The text of an answer, blank as NULL."""
    return f"NULLIF(trim({column}), '')"


def number(column: str) -> str:
    """An answer's number: the whole answer, else its leading number ("10 - Muy probable" is 10)."""
    text = answer(column)
    return (
        f"COALESCE(TRY_CAST({text} AS DOUBLE), TRY_CAST(replace(regexp_extract({text},"
        f" '^[+-]?[0-9]+(?:[.,][0-9]+)?', 0), ',', '.') AS DOUBLE))"
    )


def day(column: str) -> str:
    """A date column read as a date: ISO first (2026-11-03 10:22), then month/day/year, then day/month/year."""
    text = answer(column)
    first = f"split_part({text}, ' ', 1)"
    return (
        f"COALESCE(TRY_CAST(left({text}, 10) AS DATE), TRY_CAST(try_strptime({first}, '%m/%d/%Y') AS DATE),"
        f" TRY_CAST(try_strptime({first}, '%d/%m/%Y') AS DATE))"
    )


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def filters(metric: Metric, table: Table, window: Window, columns: dict[str, str]) -> list[str]:
    """The WHERE conditions: `where`, then the date window."""
    assert metric.data is not None
    conditions = []
    for name, wanted in metric.data.where.items():
        values = wanted if isinstance(wanted, list) else [wanted]
        listed = ", ".join(quoted(_scalar(v)) for v in values)
        conditions.append(f"trim({columns[name]}) IN ({listed})")
    if metric.data.date_column is not None:
        when = day(columns[metric.data.date_column])
        if window.since is not None:
            conditions.append(f"{when} >= DATE {quoted(window.since.isoformat())}")
        if window.until is not None:
            conditions.append(f"{when} <= DATE {quoted(window.until.isoformat())}")
    return conditions


def figure_sql(kind: str, value: str | None, match: list[str]) -> tuple[str, str]:
    """The SELECT list of (value, n) for a kind; `value` is the answer's column."""
    if kind == "count":
        return ("count(*)", "count(*)") if value is None else (f"count({answer(value)})",) * 2
    assert value is not None
    if kind == "share":
        hits = ", ".join(quoted(m) for m in match)
        return (f"100.0 * count(*) FILTER (WHERE {answer(value)} IN ({hits})) / count({answer(value)})",
                f"count({answer(value)})")  # fmt: skip
    v = "v"
    expressions = {
        "nps": f"100.0 * (count(*) FILTER (WHERE {v} >= 9) - count(*) FILTER (WHERE {v} <= 6)) / count({v})",
        "csat": f"100.0 * count(*) FILTER (WHERE {v} >= 4) / count({v})",
        "ces": f"avg({v})",
        "mean": f"avg({v})",
        "median": f"median({v})",
    }
    return expressions[kind], f"count({v})"


def query(metric: Metric, table: Table, window: Window, columns: dict[str, str]) -> str:
    """The SQL that computes the metric's value and n over `table`."""
    assert metric.kind is not None and metric.data is not None
    conditions = filters(metric, table, window, columns)
    where = f"\nWHERE {' AND '.join(conditions)}" if conditions else ""
    column = columns.get(metric.data.column or "")
    digits = DIGITS[metric.kind]
    if metric.kind in NUMERIC:
        assert column is not None
        value_sql, n_sql = figure_sql(metric.kind, "v", [])
        low, high = SCALES.get(metric.kind, (None, None))
        off_scale = f" OR v < {low} OR v > {high}" if low is not None else ""
        bad = f"count(*) FILTER (WHERE a IS NOT NULL AND (v IS NULL{off_scale}))"  # in the same pass
        source = f"(SELECT {number(column)} AS v, {answer(column)} AS a FROM {table.relation}{where})"
        return f"SELECT round({value_sql}, {digits}) AS value, {n_sql} AS n, {bad} AS bad\nFROM {source}"
    value_sql, n_sql = figure_sql(metric.kind, column, list(metric.data.match))
    return (
        f"SELECT round({value_sql}, {digits}) AS value, {n_sql} AS n, 0 AS bad\nFROM {table.relation}{where}"
    )


def compute(con: duckdb.DuckDBPyConnection, metric: Metric, table: Table, window: Window,
            columns: dict[str, str]) -> Figure:  # fmt: skip
    """Run the metric's query; refuse answers that are not numbers on the kind's scale, and an
    empty selection."""
    assert metric.kind is not None and metric.data is not None
    conditions = filters(metric, table, window, columns)
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    column = columns.get(metric.data.column or "")
    try:
        row = con.execute(query(metric, table, window, columns)).fetchone()
    except duckdb.Error as exc:  # a file DuckDB reads lazily, broken past what it sampled
        first = str(exc).strip().splitlines()[0]
        raise AnswerError(f"cannot read the answers: {first}") from None
    assert row is not None
    value, n, bad = row
    if bad and column is not None:  # a second pass only to show which answers, and where
        _check_numbers(con, metric.kind, column, table, where)
    if not n:
        raise AnswerError(_empty(con, metric, table, window, columns))
    value = float(value)
    return Figure(int(value) if value.is_integer() else value, int(n))


def _check_numbers(con: duckdb.DuckDBPyConnection, kind: str, column: str, table: Table, where: str) -> None:
    low, high = SCALES.get(kind, (None, None))
    bad = f"({number(column)} IS NULL"
    if low is not None:
        bad += f" OR {number(column)} < {low} OR {number(column)} > {high}"
    bad = f"{answer(column)} IS NOT NULL AND {bad})"
    numbered = f"(SELECT *, row_number() OVER () AS _row FROM {table.relation})"
    rows = con.execute(
        f"SELECT _row, trim({column}), count(*) OVER () FROM {numbered}{where + ' AND ' if where else ' WHERE '}{bad}"
        " ORDER BY _row LIMIT 3"
    ).fetchall()
    if not rows:
        return
    total = rows[0][2]
    shown = ", ".join(f"row {r + table.header_rows}: {text!r}" for r, text, _ in rows)
    scale = f"a number from {low} to {high}" if low is not None else "a number"
    raise AnswerError(
        f"{total} answer{'s' if total != 1 else ''} {'are' if total != 1 else 'is'} not {scale} ({shown})"
    )


def _empty(con: duckdb.DuckDBPyConnection, metric: Metric, table: Table, window: Window,
           columns: dict[str, str]) -> str:  # fmt: skip
    assert metric.data is not None
    total = con.execute(f"SELECT count(*) FROM {table.relation}").fetchone()
    rows = total[0] if total else 0
    if metric.data.where:
        kept = con.execute(
            f"SELECT count(*) FROM {table.relation} WHERE "
            + " AND ".join(filters(metric, table, Window(), columns))
        ).fetchone()
        if not (kept and kept[0]):
            shown = ", ".join(f"{k}: {v}" for k, v in metric.data.where.items())
            return f"no row is left after where {{{shown}}} ({rows} rows in the file)"
    if metric.data.date_column is not None and (window.since or window.until):
        bounds = f"{window.since or '…'} to {window.until or '…'}"
        return f"no answer is dated {bounds} in column '{metric.data.date_column}' ({rows} rows in the file)"
    return f"no answer in the selection: every one is blank ({rows} rows in the file)"
