"""`cjm measure`: one line per metric, old → new, and how it stands against its target."""

from __future__ import annotations

from typing import TextIO

from cjm.measure import MeasureResult
from cjm.present.escape import terminal_text

_TONES = {"met": "\x1b[32m", "below": "\x1b[31m", "no-target": "\x1b[2m"}
_RESET = "\x1b[0m"


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def write(result: MeasureResult, out: TextIO, *, color: bool = False) -> None:
    out.writelines(
        terminal_text(diff, allow="\n\t") for path, diff in (result.diffs.items() if result.dry_run else ())
    )
    for m in result.measured:
        unit = f" {m.unit}" if m.unit and m.unit != "%" else (m.unit or "")
        status = m.status if m.target is None else f"{m.status} target {_number(m.target)}{unit}"
        if color:
            status = f"{_TONES[m.status]}{status}{_RESET}"
        arrow = f"{_number(m.previous)} → {_number(m.value)}{unit}"
        out.write(
            f"{terminal_text(m.path)}: {terminal_text(m.touchpoint)} / {terminal_text(m.name)}: {arrow}"
            f" (n={m.n}, {m.measured}) {status}\n"
        )
    if not result.measured:
        out.write("no metric with 'kind' and 'data' to measure\n")
    elif result.dry_run:
        out.write("dry run: nothing written\n")
    else:
        files = len(result.diffs)
        out.write(f"{len(result.measured)} metric(s) measured, {files} file(s) written\n")
