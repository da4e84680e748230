"""A diff as text (for a terminal), Markdown (for a pull-request comment) or JSON (for scripts)."""

from __future__ import annotations

import json
from typing import Any, TextIO

from cjm.diff import Change, JourneyDiff
from cjm.escape import markdown_text as md
from cjm.report.words import signed

_SYMBOL = {"better": "▲", "worse": "▼", "neutral": "•"}


def describe(change: Change) -> str:
    """One line, in words: "parte-whatsapp (ana): emotion -2 → 0 (+2)"."""
    where = " / ".join(change.path[1:]) or change.path[0]
    if change.kind in ("added", "removed"):
        value = change.new if change.kind == "added" else change.old
        shown = f": {value}" if value not in (None, "") else ""
        return f"{change.kind} {change.field} {where}{shown}"
    if change.kind == "new-pain":
        return f"new Moment of Pain at {where} (emotion {signed(change.new)})"
    if change.kind == "pain-gone":
        return f"Moment of Pain gone at {where} ({change.new})"
    delta = f" ({signed(change.delta)})" if change.delta is not None else ""
    return f"{change.kind} {where}: {change.field} {_show(change.old)} → {_show(change.new)}{delta}"


def headline(diff: JourneyDiff) -> str:
    return (
        f"{diff.journey}: {len(diff.improved)} touchpoints improved, {len(diff.regressed)} regressed;"
        f" average emotion {signed(diff.old_average)} → {signed(diff.new_average)}"
    )


def write_text(diffs: list[JourneyDiff], out: TextIO, *, color: bool) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, color_system="auto" if color else None, force_terminal=color, highlight=False)
    style = {"better": "green", "worse": "bold red", "neutral": ""}
    for diff in diffs:
        console.print(Text(headline(diff), style="bold"))
        if not diff.changes:
            console.print("  no change")
        for change in diff.changes:
            console.print(Text(f"  {_SYMBOL[change.level]} {describe(change)}", style=style[change.level]))
        moved = [a for a in diff.stages + diff.phases if a.old != a.new]
        if moved:
            console.print(
                "  averages: " + "; ".join(f"{a.name} {signed(a.old)} → {signed(a.new)}" for a in moved)
            )


def write_markdown(diffs: list[JourneyDiff], out: TextIO, *, color: bool = False) -> None:
    out.write("| journey | improved | regressed | average emotion | changes |\n|---|---|---|---|---|\n")
    out.writelines(f"| {md(d.journey)} | {len(d.improved)} | {len(d.regressed)} | "
                  f"{signed(d.old_average)} → {signed(d.new_average)} | {len(d.changes)} |\n" for d in diffs)  # fmt: skip
    for d in diffs:
        out.write(f"\n### {md(d.journey)}\n\n")
        if not d.changes:
            out.write("No change.\n")
        out.writelines(f"- {_SYMBOL[change.level]} {md(describe(change))}\n" for change in d.changes)
        moved = [a for a in d.stages + d.phases if a.old != a.new]
        if moved:
            out.write("\n| stage or phase | before | after |\n|---|---|---|\n")
            out.writelines(f"| {md(a.name)} | {signed(a.old)} | {signed(a.new)} |\n" for a in moved)


def write_json(diffs: list[JourneyDiff], out: TextIO, *, color: bool = False) -> None:
    document = {
        "journeys": [
            {
                "journey": d.journey,
                "old": d.old_path,
                "new": d.new_path,
                "headline": {
                    "improved": d.improved,
                    "regressed": d.regressed,
                    "average_before": d.old_average,
                    "average_after": d.new_average,
                },
                "changes": [_change(c) for c in d.changes],
                "stages": [a.__dict__ for a in d.stages],
                "phases": [a.__dict__ for a in d.phases],
            }
            for d in diffs
        ],
        "regressions": sum(len(d.regressions) for d in diffs),
    }
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")


WRITERS = {"text": write_text, "markdown": write_markdown, "json": write_json}


def _change(change: Change) -> dict[str, Any]:
    return {"kind": change.kind, "path": list(change.path), "field": change.field, "old": change.old,
            "new": change.new, "delta": change.delta, "level": change.level}  # fmt: skip


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    return str(value)
