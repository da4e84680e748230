"""A diff in a terminal: a headline per journey, then one line per change."""

from __future__ import annotations

from typing import TextIO

from cjm.diff.changes import JourneyDiff
from cjm.diff.output.words import SYMBOL, describe, headline
from cjm.present.escape import terminal_text as shown
from cjm.present.i18n import words
from cjm.present.words import signed_in


def write(diffs: list[JourneyDiff], out: TextIO, *, color: bool) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, color_system="auto" if color else None, force_terminal=color, highlight=False)
    style = {"better": "green", "worse": "bold red", "neutral": ""}
    for diff in diffs:
        t = words(diff.lang)
        console.print(Text(shown(headline(diff, t)), style="bold"))
        if not diff.changes:
            console.print("  " + t("no change"))
        for change in diff.changes:
            console.print(
                Text(shown(f"  {SYMBOL[change.level]} {describe(change, t)}"), style=style[change.level])
            )
        moved = [a for a in diff.stages + diff.phases if a.old != a.new]
        if moved:
            averages = "; ".join(f"{a.name} {signed_in(a.old, t)} → {signed_in(a.new, t)}" for a in moved)
            label = t("averages")
            console.print(Text(shown(f"  {label}: {averages}")))
