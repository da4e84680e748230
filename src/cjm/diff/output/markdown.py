"""A diff as Markdown, fit for a pull-request comment."""

from __future__ import annotations

from typing import TextIO

from cjm.diff import JourneyDiff
from cjm.diff.output.words import SYMBOL, describe
from cjm.present.escape import markdown_text as md
from cjm.present.words import signed


def write(diffs: list[JourneyDiff], out: TextIO, *, color: bool = False) -> None:
    out.write("| journey | improved | regressed | average emotion | changes |\n|---|---|---|---|---|\n")
    out.writelines(f"| {md(d.journey)} | {len(d.improved)} | {len(d.regressed)} | "
                  f"{signed(d.old_average)} → {signed(d.new_average)} | {len(d.changes)} |\n" for d in diffs)  # fmt: skip
    for d in diffs:
        out.write(f"\n### {md(d.journey)}\n\n")
        if not d.changes:
            out.write("No change.\n")
        out.writelines(f"- {SYMBOL[change.level]} {md(describe(change))}\n" for change in d.changes)
        moved = [a for a in d.stages + d.phases if a.old != a.new]
        if moved:
            out.write("\n| stage or phase | before | after |\n|---|---|---|\n")
            out.writelines(f"| {md(a.name)} | {signed(a.old)} | {signed(a.new)} |\n" for a in moved)
