"""A diff as Markdown, fit for a pull-request comment: a summary table, then each journey's changes."""

from __future__ import annotations

from typing import TextIO

from cjm.diff.compare import Change, JourneyDiff
from cjm.diff.output.words import SYMBOL, describe, summary
from cjm.present.escape import markdown_text as md
from cjm.present.words import plural, signed


def write(diffs: list[JourneyDiff], out: TextIO, *, color: bool = False) -> None:
    out.write("| journey | improved | regressed | average emotion | changes |\n|---|---|---|---|---|\n")
    out.writelines(f"| {md(d.headline)} | {len(d.improved)} | {len(d.regressed)} | "
                  f"{signed(d.old_average)} → {signed(d.new_average)} | {len(d.changes)} |\n" for d in diffs)  # fmt: skip
    for d in diffs:
        out.write(f"\n### {md(d.headline)}\n\n{md(summary(d))}; {plural(len(d.changes), 'change')}.\n\n")
        if not d.changes:
            out.write("No change.\n")
        out.writelines(_item(change) for change in d.changes)
        moved = [a for a in d.stages + d.phases if a.old != a.new]
        if moved:
            out.write("\n| stage or phase | before | after |\n|---|---|---|\n")
            out.writelines(f"| {md(a.name)} | {signed(a.old)} | {signed(a.new)} |\n" for a in moved)


def _item(change: Change) -> str:
    """A list item: "- ▲ …" or "- ▼ …" when the customer is better or worse off, "- …" otherwise."""
    mark = "" if change.level == "neutral" else f"{SYMBOL[change.level]} "
    return f"- {mark}{md(describe(change))}\n"
