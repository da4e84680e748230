"""Reading a spreadsheet as sheets of cells: CSV (comma, semicolon or tab), or a workbook."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from cjm.errors import InputError
from cjm.exchange.sheets import TOUCHPOINTS, Sheets


def read_csv(data: bytes, name: str) -> Sheets:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{name} is not UTF-8: save it as 'CSV UTF-8'") from None
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)  # Excel writes ';' where ',' is the decimal mark
    rows: list[list[Any]] = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    return {TOUCHPOINTS: rows} if rows else {}


def read_workbook(path: Path) -> Sheets:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # noqa: BLE001  (calamine raises its own errors for broken files)
        raise InputError(f"cannot read {path} as a spreadsheet: {str(exc).splitlines()[0]}") from None
    sheets: Sheets = {}
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        sheets[name.strip().lower()] = [list(row) for row in rows]
    return sheets
