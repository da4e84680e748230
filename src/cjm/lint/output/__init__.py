"""A check's findings in each format: every module here has `write(result, out, *, color)`."""

from __future__ import annotations

from cjm.formats import Format, Formats

FORMATS = Formats(
    "cjm.lint.output",
    Format("text", "text"),
    Format("json", "json"),
    Format("github", "github"),
    Format("sarif", "sarif"),
)
