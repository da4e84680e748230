"""A diff in each format: every module here has `write(diffs, out, *, color)`."""

from __future__ import annotations

from cjm.formats import Format, Formats

FORMATS = Formats(
    "cjm.diff.output",
    Format("text", "text", "txt"),
    Format("markdown", "markdown", "md"),
    Format("json", "json", "json"),
)
