"""Each kind of metric as one SQL query over a `Table`: the same query runs on any DuckDB.

`query` writes the SQL; `compute` runs it and turns what is wrong with the answers into one
message a user can act on. Answers are text: an answer such as `10 - Muy probable` counts as 10
(its leading number), blanks are left out, and `n` counts the answers used.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import duckdb

from cjm.data.tables import Table
from cjm.model import LARGEST_NUMBER, METHODS, Metric
from cjm.present.i18n import N_

SCALES: dict[str, tuple[int, int]] = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}
NUMERIC = ("nps", "csat", "ces", "mean", "median")
PERCENT = ("nps", "csat", "share")
DIGITS = {"nps": 1, "csat": 1, "csat:mean": 2, "share": 1, "ces": 2, "ces:agree": 1, "mean": 2, "median": 2,
          "count": 0}  # fmt: skip
DEFINITIONS = {
    "csat": N_("4–5 of 1–5"),
    "csat:mean": N_("mean of 1–5"),
    "ces": N_("mean of 1–7"),
    "ces:agree": N_("5–7 of 1–7"),
}
"""What the figure of a kind with variants is, shown with it: the answers that count, of the scale."""


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
    """An answer's number: the whole answer, else its leading number ("10 - Muy probable" is 10).
    `inf`, `nan`, `1e400` and anything past the numbers a journey may hold (LARGEST_NUMBER) are
    no number: they are counted with the other answers that are not numbers."""
    text = answer(column)
    read = (
        f"COALESCE(TRY_CAST({text} AS DOUBLE), TRY_CAST(replace(regexp_extract({text},"
        f" '^[+-]?[0-9]+(?:[.,][0-9]+)?', 0), ',', '.') AS DOUBLE))"
    )
    return f"(CASE WHEN abs({read}) <= {LARGEST_NUMBER} THEN {read} END)"


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


def compared(text: str, match_case: bool) -> str:
    """An answer (SQL) as `where` and `match` compare it: as it is, or without case and accents."""
    return text if match_case else f"lower(strip_accents({text}))"


def listed(values: list[object], match_case: bool) -> str:
    """`values` as the SQL list an answer is compared with."""
    return ", ".join(compared(quoted(_scalar(v)), match_case) for v in values)


def _values(wanted: object) -> list[object]:
    return list(wanted) if isinstance(wanted, list) else [wanted]


def filters(metric: Metric, table: Table, window: Window, columns: dict[str, str]) -> list[str]:
    """The WHERE conditions: `where`, then the date window."""
    assert metric.data is not None
    conditions = []
    case = metric.data.match_case
    for name, wanted in metric.data.where.items():
        conditions.append(f"{compared(f'trim({columns[name]})', case)} IN ({listed(_values(wanted), case)})")
    if metric.data.date_column is not None:
        when = day(columns[metric.data.date_column])
        if window.since is not None:
            conditions.append(f"{when} >= DATE {quoted(window.since.isoformat())}")
        if window.until is not None:
            conditions.append(f"{when} <= DATE {quoted(window.until.isoformat())}")
    return conditions


def formula(metric: Metric) -> str:
    """How the metric is computed: its kind, with the method when not the kind's default ('csat:mean')."""
    assert metric.kind is not None
    method = metric.computed_by
    return metric.kind if method is None or method == METHODS[metric.kind][0] else f"{metric.kind}:{method}"


def figure_sql(kind: str, value: str | None, match: list[str], match_case: bool = True) -> tuple[str, str]:
    """The SELECT list of (value, n) for a kind; `value` is the answer's column."""
    if kind == "count":
        return ("count(*)", "count(*)") if value is None else (f"count({answer(value)})",) * 2
    assert value is not None
    if kind == "share":
        hit = f"{compared(answer(value), match_case)} IN ({listed(list(match), match_case)})"
        return (f"100.0 * count(*) FILTER (WHERE {hit}) / count({answer(value)})",
                f"count({answer(value)})")  # fmt: skip
    v = "v"
    expressions = {
        "nps": f"100.0 * (count(*) FILTER (WHERE {v} >= 9) - count(*) FILTER (WHERE {v} <= 6)) / count({v})",
        "csat": f"100.0 * count(*) FILTER (WHERE {v} >= 4) / count({v})",
        "csat:mean": f"avg({v})",
        "ces": f"avg({v})",
        "ces:agree": f"100.0 * count(*) FILTER (WHERE {v} >= 5) / count({v})",
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
    digits = DIGITS[formula(metric)]
    if metric.kind in NUMERIC:
        assert column is not None
        value_sql, n_sql = figure_sql(formula(metric), "v", [])
        low, high = SCALES.get(metric.kind, (None, None))
        off_scale = f" OR v < {low} OR v > {high}" if low is not None else ""
        bad = f"count(*) FILTER (WHERE a IS NOT NULL AND (v IS NULL{off_scale}))"  # in the same pass
        source = f"(SELECT {number(column)} AS v, {answer(column)} AS a FROM {table.relation}{where})"
        return f"SELECT round({value_sql}, {digits}) AS value, {n_sql} AS n, {bad} AS bad\nFROM {source}"
    value_sql, n_sql = figure_sql(metric.kind, column, list(metric.data.match), metric.data.match_case)
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


def unmatched(
    con: duckdb.DuckDBPyConnection, metric: Metric, table: Table, columns: dict[str, str]
) -> list[str]:
    """Each `where` value, and each `match` answer of a share, that no row of the file holds: one
    message each, with the closest values its column holds (case and accents aside)."""
    assert metric.data is not None
    data = metric.data
    wanted = [("where", name, _values(values)) for name, values in data.where.items()]
    if metric.kind == "share" and data.column is not None:
        wanted.append(("match", data.column, list(data.match)))
    problems = []
    for field, name, values in wanted:
        column = compared(f"trim({columns[name]})", data.match_case)
        held = [
            f"EXISTS (SELECT 1 FROM {table.relation} WHERE {column} = {compared(quoted(_scalar(v)), data.match_case)})"
            for v in values
        ]
        found = con.execute(f"SELECT {', '.join(held)}").fetchone() or ()
        for value, hit in zip(values, found, strict=True):
            if not hit:
                said = _scalar(value)
                closest = _closest(con, said, table, columns[name])
                problems.append(f"{field}: no row has {said!r} in column '{name}'{closest}")
    return problems


def _closest(con: duckdb.DuckDBPyConnection, value: str, table: Table, column: str) -> str:
    """ "; the closest values it holds: 'Security lead', …", by spelling with case and accents aside."""
    import difflib

    from cjm.present.escape import excerpt

    held = [
        str(row[0])
        for row in con.execute(
            f"SELECT trim({column}) AS v FROM {table.relation} WHERE NULLIF(trim({column}), '') IS NOT NULL"
            " GROUP BY v ORDER BY count(*) DESC, v LIMIT 1000"
        ).fetchall()
    ]
    if not held:
        return "; it holds no answer"
    near = set(difflib.get_close_matches(folded(value), {folded(text) for text in held}, n=3, cutoff=0.5))
    close = [text for text in held if folded(text) in near][:5]  # every spelling, the most frequent first
    shown = close or held[:5]
    more = "" if close or len(held) <= 5 else ", …"
    said = ", ".join(f"'{excerpt(text)}'" for text in shown) + more
    return f"; the closest it holds: {said}" if close else f"; it holds: {said}"


def folded(text: str) -> str:
    """A text without case and accents, to suggest the value meant ("security lead" for "Security Lead")."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


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
    from cjm.present.escape import excerpt

    shown = ", ".join(f"row {r + table.header_rows}: '{excerpt(text)}'" for r, text, _ in rows)
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


def identifier(name: str) -> str:
    """A column name as SQL, quoted."""
    return '"' + name.replace('"', '""') + '"'


def column_names(headers: list[str]) -> list[str]:
    """A name for each column, as its header says: a blank or repeated header gets its position."""
    names: list[str] = []
    for index, header in enumerate(headers):
        names.append(
            header if header.strip() and header not in names else f"{header or 'column'} ({index + 1})"
        )
    return names


def shown(metric: Metric, table: Table, window: Window, columns: dict[str, str]) -> str:
    """The metric's query as it runs anywhere DuckDB reads the file: the file named, its columns by
    their headers. A file DuckDB does not read itself (a spreadsheet, a Windows-1252 CSV) is named
    in a comment, and the query reads a table `answers` holding its answers as text."""
    import dataclasses
    import re

    assert metric.data is not None
    names = column_names(table.headers)
    named = {name: identifier(names[int(sql[1:])]) for name, sql in columns.items()}
    internal = "[" + ", ".join(f"'c{i}'" for i in range(len(table.headers))) + "]"
    if table.source.startswith("read_csv(") or table.source.startswith("(SELECT * FROM read_csv("):
        relation = table.source.replace(internal, "[" + ", ".join(quoted(name) for name in names) + "]")
    elif table.source:  # Parquet or JSON: each column read as text under its own name
        relation = re.sub(r" AS c(\d+)\b", lambda m: " AS " + identifier(names[int(m[1])]), table.source)
    else:
        sheet = f" (sheet {metric.data.sheet})" if metric.data.sheet else ""
        note = f"-- {metric.data.file}{sheet} is read by cjm, not by DuckDB: `answers` is a table of its answers as text\n"
        return note + query(metric, dataclasses.replace(table, relation="answers"), window, named)
    return query(metric, dataclasses.replace(table, relation=relation), window, named)
