"""The journey as an Excel workbook: touchpoints, journey, personas, teams and channels sheets.

Headers in bold and frozen, cells wrapped so that one item per line reads as a list. Every text
is written as text, never as a formula, even when it starts with '='.
"""

from __future__ import annotations

import io
from typing import Any

from cjm.errors import CannotWrite
from cjm.exchange.sheets import Sheets

EXCEL_CELL_CHARACTERS = 32_767
"""The most characters an Excel cell holds; Excel cuts a longer text without a word."""

_WIDEST = 60
"""Characters: wider columns are wrapped rather than widened."""


def write(sheets: Sheets) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.exceptions import IllegalCharacterError

    book = Workbook()
    book.remove(book.active)
    bold, wrapped = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        widths: dict[int, int] = {}
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None:
                    continue
                if isinstance(value, str) and len(value) > EXCEL_CELL_CHARACTERS:
                    header = rows[0][c - 1] if c <= len(rows[0]) else c
                    raise CannotWrite(
                        f"sheet {name}, row {r}, column {header}: a text of {len(value):,} characters, more than"
                        f" the {EXCEL_CELL_CHARACTERS:,} an Excel cell holds (Excel would cut it); export to csv instead"
                    )
                cell = sheet.cell(row=r, column=c)
                try:
                    cell.value = value
                except IllegalCharacterError:
                    raise CannotWrite(
                        f"sheet {name}, row {r}: a text holds a control character that Excel cannot store;"
                        " export to csv instead"
                    ) from None
                if isinstance(value, str):
                    cell.data_type = "s"  # text, even when it starts with '='
                cell.alignment = wrapped
                if r == 1:
                    cell.font = bold
                widths[c] = max(widths.get(c, 8), *(len(line) + 2 for line in _lines(value)))
        for c, width in widths.items():
            sheet.column_dimensions[get_column_letter(c)].width = min(width, _WIDEST)
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _lines(value: Any) -> list[str]:
    return str(value).split("\n") or [""]
