"""The formats `cjm export` writes: every module here has `write(sheets) -> bytes`."""

from __future__ import annotations

from cjm.formats import Format, Formats

FORMATS = Formats(
    "cjm.exchange.output",
    Format("csv", "csv", "csv", binary=True),
    Format("xlsx", "xlsx", "xlsx", binary=True),
)
WORKBOOKS = {"xlsx"}
"""Formats with several sheets; the others hold the touchpoints' table only."""
