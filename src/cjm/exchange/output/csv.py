"""The touchpoints' table as CSV: UTF-8 with a byte-order mark, which Excel needs to read accents
and emoji right (without it, Excel guesses the system's code page); comma-separated, every cell
with a line break quoted, as RFC 4180 says.

A text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is one a spreadsheet would
run as a formula (`=HYPERLINK(…)`): it is written after a `'`, as OWASP recommends, and the
import takes that `'` away again, so the journey comes back as it was."""

from __future__ import annotations

import csv
import io

from cjm.exchange.sheets import TOUCHPOINTS, Sheets

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write(sheets: Sheets) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in sheets[TOUCHPOINTS]:
        writer.writerow(
            ["" if cell is None else inert(cell) if isinstance(cell, str) else cell for cell in row]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def inert(text: str) -> str:
    """A text no spreadsheet runs: after a `'` when it would start a formula (or when it already
    starts with `'` before one, so that `read_inert` gives back exactly what was written)."""
    return "'" + text if text.lstrip("'").startswith(FORMULA_STARTS) else text


def read_inert(text: str) -> str:
    """The text `inert` was given."""
    return text[1:] if text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS) else text
