"""The touchpoints' table as CSV: UTF-8 with a byte-order mark, which Excel needs to read accents
and emoji right (without it, Excel guesses the system's code page); comma-separated, every cell
with a line break quoted, as RFC 4180 says."""

from __future__ import annotations

import csv
import io

from cjm.exchange.sheets import TOUCHPOINTS, Sheets


def write(sheets: Sheets) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in sheets[TOUCHPOINTS]:
        writer.writerow(["" if cell is None else cell for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
