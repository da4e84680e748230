"""A spreadsheet to import as sheets of cells: a CSV file's one table, or a workbook's sheets."""

from __future__ import annotations

from pathlib import Path

from cjm import spreadsheet
from cjm.errors import InputError
from cjm.exchange.sheets import TOUCHPOINTS, Sheets


def read_csv(data: bytes, suffix: str) -> Sheets:
    from cjm.exchange.output.csv import read_inert

    rows = [[read_inert(cell) for cell in row] for row in spreadsheet.read_csv(data, suffix)]
    return {TOUCHPOINTS: rows} if rows else {}


def read_workbook(path: Path) -> Sheets:
    try:
        sheets = spreadsheet.read_workbook(path)
    except spreadsheet.SpreadsheetError as exc:
        raise InputError(f"{path}: {exc.message}") from None
    return {name.strip().lower(): rows for name, rows in sheets.items()}
