"""Read a metric's export into DuckDB, whatever tool wrote it.

Every input becomes a DuckDB relation whose columns are all text, named `c0`, `c1`, … in file
order, with a `Table` that says what the user may call each one: its header, and for survey
exports the other names a question goes by (Qualtrics' question text and ImportId, SurveyMonkey's
question and sub-answer). Large inputs (CSV, Parquet, JSON lines) are read by DuckDB itself;
spreadsheets and files in a legacy encoding are read in Python and handed over.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from cjm import spreadsheet
from cjm.errors import CjmError
from cjm.spreadsheet import cell_text

SHEET_SUFFIXES = spreadsheet.WORKBOOK_SUFFIXES
JSON_SUFFIXES = (".json", ".jsonl", ".ndjson")
SUFFIXES = (".csv", ".tsv", ".txt", ".parquet", *JSON_SUFFIXES, *SHEET_SUFFIXES)
_SNIFF_BYTES = 64 * 1024


@dataclass
class Table:
    """An export as a DuckDB relation of text columns, and the names of its columns."""

    relation: str  # SQL that reads it: a table function call or a table name
    headers: list[str]  # the display name of each column (c0, c1, …)
    layout: str  # what wrote it: csv, qualtrics, surveymonkey, spreadsheet, parquet, json
    header_rows: int = 1  # rows above the answers: row numbers in messages count them
    aliases: dict[str, int] = field(default_factory=dict)  # other names of a column → its index
    source: str = ""  # SQL reading its answers (c0, c1, …) from the file itself; "" when loaded from Python

    def find(self, name: str) -> int | None:
        """The index of the column the user calls `name`, or None."""
        if name in self.headers:
            return self.headers.index(name)
        if name in self.aliases:
            return self.aliases[name]
        folded = name.strip().casefold()
        for index, header in enumerate(self.headers):
            if header.strip().casefold() == folded:
                return index
        return next((i for alias, i in self.aliases.items() if alias.strip().casefold() == folded), None)

    def names(self) -> list[str]:
        return [h for h in self.headers if h]


class SourceError(CjmError):
    """An export that cannot be read as it is (the caller adds where the metric names it)."""


def open_table(con: duckdb.DuckDBPyConnection, path: Path, sheet: str | None, name: str) -> Table:
    """`path` as a Table registered in `con` under `name` when it had to be loaded from Python."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise SourceError(f"no such file: {path}")
    path = _literal_name(path)
    if suffix == ".parquet":
        return _typed(con, f"read_parquet({_literal(path)})", "parquet", name)
    if suffix in JSON_SUFFIXES:
        return _typed(con, f"read_json_auto({_literal(path)})", "json", name)
    if suffix in SHEET_SUFFIXES:
        return _spreadsheet(con, path, sheet, name)
    if suffix not in (".csv", ".tsv", ".txt"):
        raise SourceError(f"cannot read {path.name}: use one of {', '.join(SUFFIXES)}")
    return _csv(con, path, name)


def _literal(value: object) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _typed(con: duckdb.DuckDBPyConnection, reader: str, layout: str, name: str) -> Table:
    """Parquet and JSON keep their own types; each column is read as text, as CSV answers are."""
    try:
        columns = con.sql(f"SELECT * FROM {reader} LIMIT 0").columns
    except duckdb.Error as exc:
        raise SourceError(f"cannot read it: {_first_line(exc)}") from None
    select = ", ".join(
        f'CAST("{c.replace(chr(34), chr(34) * 2)}" AS VARCHAR) AS c{i}' for i, c in enumerate(columns)
    )
    con.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS SELECT {select} FROM {reader}")
    return Table(name, list(columns), layout, source=f"(SELECT {select} FROM {reader})")


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


# -- CSV: plain, Qualtrics, SurveyMonkey, Google Forms, Typeform ----------------------------------


def _csv(con: duckdb.DuckDBPyConnection, path: Path, name: str) -> Table:
    encoding = spreadsheet.encoding_of(path)
    # Windows-1252 leaves five bytes undefined (0x81, 0x8d, 0x8f, 0x90, 0x9d): read as U+FFFD
    with path.open(encoding=encoding, errors="replace", newline="") as handle:
        sample = handle.read(_SNIFF_BYTES)
    if not sample.strip():
        raise SourceError("the file is empty")
    delimiter = spreadsheet.delimiter(sample, path.suffix)
    records = spreadsheet.records(sample, delimiter, limit=3)
    layout, headers, aliases, header_rows = _header(records)
    width = max(len(headers), 1)
    if encoding == "cp1252":  # DuckDB reads UTF-8: hand it a UTF-8 copy
        descriptor, name_ = tempfile.mkstemp(suffix=".csv")
        source = Path(name_)
        _TEMPORARY.append(source)
        with (
            os.fdopen(descriptor, "w", encoding="utf-8", newline="") as copy,
            path.open(encoding="cp1252", errors="replace", newline="") as original,
        ):
            while chunk := original.read(1 << 20):
                copy.write(chunk)
    else:
        source = path
    names = ", ".join(_literal(f"c{i}") for i in range(width))
    reader = (
        f"read_csv({_literal(source)}, header=false, delim={_literal(delimiter)}, quote='\"', escape='\"',"
        f" all_varchar=true, names=[{names}], strict_mode=false"
    )
    lines_in_header = any("\n" in cell or "\r" in cell for record in records[:header_rows] for cell in record)
    try:
        read = _load(con, name, reader, header_rows, by_skipping=not lines_in_header)
    except duckdb.Error as exc:
        raise SourceError(f"cannot read it as CSV: {_first_line(exc)}") from None
    return Table(name, headers, layout, header_rows, aliases, read if source == path else "")


def _load(
    con: duckdb.DuckDBPyConnection, name: str, reader: str, header_rows: int, *, by_skipping: bool
) -> str:
    """The answers of a CSV file as `name`: its records after the `header_rows` first.

    DuckDB's `skip` counts lines, not records: it serves (and keeps the file unread until a
    metric is computed) only when no header cell holds a line break. Otherwise every record is read,
    in the file's order, and the header rows are dropped. A row shorter than the header needs null
    padding, which DuckDB reads on one thread only: it is the second try. Returns the SQL that
    reads the answers from the file.
    """
    for options in ("", ", null_padding=true, parallel=false"):
        try:
            if by_skipping:
                con.execute(
                    f"CREATE OR REPLACE TEMP VIEW {name} AS SELECT * FROM {reader}, skip={header_rows}{options})"
                )
                return f"{reader}, skip={header_rows}{options})"
            con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM {reader}{options})")
            con.execute(f"DELETE FROM {name} WHERE rowid < {header_rows}")
            return f"(SELECT * FROM {reader}{options}) OFFSET {header_rows})"
        except duckdb.Error:
            if options:
                raise
    raise AssertionError("the second try returns or raises")  # pragma: no cover


_TEMPORARY: list[Path] = []
_GLOB = frozenset("*?[]{}")


def _literal_name(path: Path) -> Path:
    """`path` under a name DuckDB reads as a file name: it takes `*`, `?` and brackets as a glob
    (`survey[1].csv` would read `survey1.csv`), so such a file is read through a link without them."""
    if not _GLOB & set(str(path)):
        return path
    folder = Path(tempfile.mkdtemp(prefix="cjm-"))
    link = folder / f"data{path.suffix.lower()}"
    link.symlink_to(path.resolve())
    _TEMPORARY.extend([folder, link])  # removed last first
    return link


def remove_temporary_files() -> None:
    while _TEMPORARY:
        made = _TEMPORARY.pop()
        if made.is_dir() and not made.is_symlink():
            made.rmdir()
        else:
            made.unlink(missing_ok=True)


def _header(records: list[list[str]]) -> tuple[str, list[str], dict[str, int], int]:
    """What wrote the file, the name of each column, their other names, and how many header rows."""
    first = records[0]
    second = records[1] if len(records) > 1 else []
    third = records[2] if len(records) > 2 else []
    if third and sum(1 for cell in third if cell.startswith('{"ImportId"')) >= len(third) // 2 + 1:
        aliases: dict[str, int] = {}
        for index, text in enumerate(second):
            if text and text not in first:
                aliases.setdefault(text, index)
        for index, cell in enumerate(third):
            try:
                import_id = json.loads(cell).get("ImportId")
            except (ValueError, AttributeError):
                continue
            if isinstance(import_id, str) and import_id not in first:
                aliases.setdefault(import_id, index)
        return "qualtrics", first, aliases, 3
    # SurveyMonkey's second row says what each column holds under its question: "Response",
    # "Open-Ended Response" or a choice; it is empty under the respondent's own columns
    if second and not second[0] and ("Response" in second or "Open-Ended Response" in second):
        headers, aliases = [], {}
        question = ""
        for index, top in enumerate(first):
            question = top or question
            sub = second[index] if index < len(second) else ""
            if not sub or sub in ("Response", "Open-Ended Response") or not question:
                headers.append(question or sub)
            else:
                headers.append(f"{question} - {sub}")
                aliases.setdefault(sub, index)
        return "surveymonkey", headers, aliases, 2
    return "csv", first, {}, 1


# -- spreadsheets -----------------------------------------------------------------------------------


def _spreadsheet(con: duckdb.DuckDBPyConnection, path: Path, sheet: str | None, name: str) -> Table:
    try:
        book = spreadsheet.read_workbook(path)
    except spreadsheet.SpreadsheetError as exc:
        raise SourceError(exc.message) from None
    sheets = list(book)
    if sheet is not None and sheet not in sheets:
        from cjm.model import did_you_mean

        raise SourceError(
            f"no sheet '{sheet}'{did_you_mean(sheet, sheets)} (its sheets: {', '.join(sheets)})"
        )
    rows = [[cell_text(cell) for cell in row] for row in book[sheet or sheets[0]]]
    rows = [row for row in rows if any(cell is not None for cell in row)]
    if not rows:
        raise SourceError(f"sheet '{sheet or sheets[0]}' is empty")
    headers = [cell or "" for cell in rows[0]]
    width = len(headers)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} ({', '.join(f'c{i} VARCHAR' for i in range(width))})")
    body = [[row[i] if i < len(row) else None for i in range(width)] for row in rows[1:]]
    if body:
        con.executemany(f"INSERT INTO {name} VALUES ({', '.join('?' * width)})", body)
    return Table(name, headers, "spreadsheet")
