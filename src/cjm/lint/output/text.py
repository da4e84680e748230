"""`PATH:LINE:COL: CODE severity: message`, the line editors and CI logs know how to follow."""

from __future__ import annotations

from typing import TextIO

from cjm.lint.output.summary import summary
from cjm.present.escape import terminal_text
from cjm.project.check import CheckResult

_SEVERITY_STYLE = {"error": "bold red", "warning": "bold yellow"}


def write(result: CheckResult, out: TextIO, *, color: bool) -> None:
    if color:
        _write_in_colour(result, out)
        return
    for f in result.findings:
        path, message = terminal_text(f.path), terminal_text(f.message)  # one line each, nothing obeyed
        out.write(f"{path}:{f.line}:{f.column}: {f.code} {f.severity}: {message}\n")
    out.write(summary(result) + "\n")


def _write_in_colour(result: CheckResult, out: TextIO) -> None:
    from rich.text import Text

    from cjm.present.terminal import UNWRAPPED, console

    screen = console(out, color=True, width=UNWRAPPED)  # a finding is one line, however long
    for f in result.findings:
        path, message = terminal_text(f.path), terminal_text(f.message)
        screen.print(
            Text.assemble(
                (f"{path}:{f.line}:{f.column}:", "bold"),
                " ",
                (f.code, "dim"),
                " ",
                (f.severity, _SEVERITY_STYLE[f.severity]),
                f": {message}",
            )
        )
    screen.print(Text(summary(result)))
