"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request."""

from __future__ import annotations

from typing import TextIO

from cjm.lint.output.summary import summary
from cjm.present.escape import terminal_text
from cjm.project.check import CheckResult


def write(result: CheckResult, out: TextIO, *, color: bool) -> None:
    for f in result.findings:
        properties = ",".join(
            f"{key}={_escape_property(str(value))}"
            for key, value in (
                ("file", f.path),
                ("line", f.line),
                ("col", f.column),
                ("title", f"{f.code} {f.name}"),
            )
        )
        out.write(f"::{f.severity} {properties}::{_escape_data(f.message)}\n")
    out.write(summary(result) + "\n")


def _escape_data(text: str) -> str:
    """One line, whatever the text holds: controls shown as escapes, then GitHub's own escaping."""
    return terminal_text(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
