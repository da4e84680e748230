"""A diff as Markdown, fit for a pull-request comment: a summary table, then each journey's changes."""

from __future__ import annotations

from typing import TextIO

from cjm.diff.changes import Change, JourneyDiff
from cjm.diff.output.words import SYMBOL, describe, summary, title
from cjm.present.escape import markdown_text as md
from cjm.present.i18n import Words, words
from cjm.present.words import signed_in


def write(diffs: list[JourneyDiff], out: TextIO, *, color: bool = False) -> None:
    t = words(diffs[0].lang if diffs else None)  # the summary table: in the first journey's language
    columns = (t("journey"), t("improved"), t("regressed"), t("average emotion"), t("changes"))
    out.write("| " + " | ".join(columns) + " |\n|---|---|---|---|---|\n")
    out.writelines(f"| {md(title(d, t))} | {len(d.improved)} | {len(d.regressed)} | "
                  f"{signed_in(d.old_average, t)} → {signed_in(d.new_average, t)} | {len(d.changes)} |\n" for d in diffs)  # fmt: skip
    for d in diffs:
        t = words(d.lang)
        counted = t.plural("{count} change", "{count} changes", len(d.changes))
        out.write(f"\n### {md(title(d, t))}\n\n{md(summary(d, t))}; {counted}.\n\n")
        if not d.changes:
            out.write(t("No change.") + "\n")
        out.writelines(_item(change, t, d.state) for change in d.changes)
        moved = [a for a in d.stages + d.phases if a.old != a.new]
        if moved:
            header = (t("stage or phase"), t("before"), t("after"))
            out.write("\n| " + " | ".join(header) + " |\n|---|---|---|\n")
            out.writelines(
                f"| {md(a.name)} | {signed_in(a.old, t)} | {signed_in(a.new, t)} |\n" for a in moved
            )


def _item(change: Change, t: Words, state: str) -> str:
    """A list item: "- ▲ …" or "- ▼ …" when the customer is better or worse off, "- …" otherwise."""
    mark = "" if change.level == "neutral" else f"{SYMBOL[change.level]} "
    return f"- {mark}{md(describe(change, t, state))}\n"
