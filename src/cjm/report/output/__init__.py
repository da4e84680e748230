"""The report in each format: every module here has `write(report, out, *, color)`."""

from __future__ import annotations

from cjm.formats import Format, Formats

FORMATS = Formats(
    "cjm.report.output",
    Format("text", "text", "txt"),
    Format("markdown", "markdown", "md"),
    Format("html", "html", "html"),
    Format("json", "json", "json"),
)
