"""Spreadsheets read one way for every command that reads them (import, measure).

- Text files (CSV, TSV): UTF-8, with or without a byte-order mark; else Windows-1252, which is
  what Excel's plain "CSV" writes on Windows.
- The delimiter: a tab for `.tsv`; else the one the CSV sniffer finds among `,` `;` tab and `|`
  (Excel writes `;` where `,` is the decimal mark); else the one the first line holds most;
  else a comma.
- Records are parsed as CSV, never split at line breaks: quoted line breaks and delimiters,
  doubled quotes and CRLF endings are read as the survey tools and Excel write them.
- A workbook cell becomes the text a CSV export of it would hold (`cell_text`): whole numbers
  without `.0`, `true` and `false`, dates as YYYY-MM-DD and times after a space.

openpyxl writes workbooks elsewhere; calamine reads them here, imported only when one is read.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import itertools
from pathlib import Path
from typing import Any

from cjm.errors import CjmError

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
DELIMITERS = ",;\t|"
_SNIFF_CHARACTERS = 8192
_BOM = b"\xef\xbb\xbf"

Rows = list[list[Any]]


class SpreadsheetError(CjmError):
    """A file that cannot be read as a spreadsheet: the message says why (the caller says which)."""


# -- text -------------------------------------------------------------------------------------------


def encoding_of(path: Path) -> str:
    """The encoding to read `path` with, reading it in chunks: "utf-8-sig" (with a byte-order
    mark), "utf-8", else "cp1252"."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as handle:
        if handle.read(3) == _BOM:
            return "utf-8-sig"
        handle.seek(0)
        try:
            while chunk := handle.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8"


def decode(data: bytes) -> str:
    """The text of a CSV file's bytes, as `encoding_of` reads them."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def delimiter(sample: str, suffix: str = ".csv") -> str:
    """The delimiter of a CSV text, from its first characters."""
    if suffix.lower() == ".tsv":
        return "\t"
    try:
        return csv.Sniffer().sniff(sample[:_SNIFF_CHARACTERS], delimiters=DELIMITERS).delimiter
    except csv.Error:
        first = sample.split("\n", 1)[0]
        counts = {d: first.count(d) for d in DELIMITERS}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def records(text: str, separator: str, limit: int | None = None) -> Rows:
    """The CSV records of `text` (the first `limit` of them), each a list of cells."""
    return list(itertools.islice(csv.reader(io.StringIO(text, newline=""), delimiter=separator), limit))


def read_csv(data: bytes, suffix: str = ".csv") -> Rows:
    """A CSV or TSV file's records, its delimiter sniffed and its encoding guessed."""
    text = decode(data)
    return records(text, delimiter(text, suffix)) if text.strip() else []


# -- workbooks -------------------------------------------------------------------------------------


def read_workbook(path: Path) -> dict[str, Rows]:
    """Every sheet of a workbook by its name, each row a list of cells as calamine gives them
    (numbers, booleans, dates, texts; None or "" for an empty cell)."""
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        return {
            name: [list(row) for row in book.get_sheet_by_name(name).to_python(skip_empty_area=False)]
            for name in book.sheet_names
        }
    except Exception as exc:  # noqa: BLE001  (calamine raises its own errors for broken files)
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise SpreadsheetError(f"cannot read it as a spreadsheet: {first}") from None


def cell_text(value: Any) -> str | None:
    """A workbook cell as the text a CSV export would hold; None when it is empty."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)
