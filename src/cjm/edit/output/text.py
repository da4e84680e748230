"""An edit for people: the findings of the edited file, what changed for the customer, and, on
a dry run, the lines that would change."""

from __future__ import annotations

from typing import TextIO

from cjm.agents import library
from cjm.edit.run import EditResult
from cjm.present.escape import terminal_text


def write(result: EditResult, out: TextIO, *, color: bool = False) -> None:
    for f in result.findings:
        mark = " (new)" if any(f is n for n in result.new) else ""
        out.write(
            terminal_text(f"{f.path}:{f.line}:{f.column}: {f.code} {f.severity}: {f.message}{mark}") + "\n"
        )
    if result.diffs:
        out.write(library.diff_written(result.diffs, "text", color))
    if result.dry_run:
        out.write(terminal_text(result.unified, allow="\n"))
    verb = "would change" if result.dry_run else "changed" if result.written else "left unchanged"
    out.write(
        terminal_text(
            f"{result.path}: {result.applied} operation{'s' if result.applied != 1 else ''}, file {verb}"
        )
        + "\n"
    )
