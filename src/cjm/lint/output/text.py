"""`PATH:LINE:COL: CODE severity: message`, the line editors and CI logs know how to follow."""

from __future__ import annotations

from typing import TextIO

from cjm.lint.output.summary import summary
from cjm.present.escape import terminal_text
from cjm.project.check import CheckResult

_COLORS = {"error": "\033[1;31m", "warning": "\033[1;33m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def write(result: CheckResult, out: TextIO, *, color: bool) -> None:
    for f in result.findings:
        path, message = terminal_text(f.path), terminal_text(f.message)  # one line each, nothing obeyed
        if color:
            out.write(
                f"{_BOLD}{path}:{f.line}:{f.column}:{_RESET} {_DIM}{f.code}{_RESET} "
                f"{_COLORS[f.severity]}{f.severity}{_RESET}: {message}\n"
            )
        else:
            out.write(f"{path}:{f.line}:{f.column}: {f.code} {f.severity}: {message}\n")
    out.write(summary(result) + "\n")
