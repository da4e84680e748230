"""A diff in a terminal: a headline per journey, then one line per change.

In a pipe or a file (a CI log) a line is never broken, whatever its length; in a terminal, a long
line is wrapped at word boundaries, the lines that follow indented under it.
"""

from __future__ import annotations

import textwrap
from typing import TextIO

from cjm.diff.changes import JourneyDiff
from cjm.diff.output.words import SYMBOL, describe, headline
from cjm.present.escape import terminal_text as shown
from cjm.present.i18n import words
from cjm.present.words import signed_in

_STYLE = {"better": "green", "worse": "bold red", "neutral": ""}


def write(diffs: list[JourneyDiff], out: TextIO, *, color: bool) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(
        file=out,
        color_system="auto" if color else None,
        force_terminal=color,
        highlight=False,
        soft_wrap=True,
    )
    width = console.width if getattr(out, "isatty", lambda: False)() else None

    def line(text: str, style: str = "", indent: str = "") -> None:
        text = shown(text)
        if width is not None:
            text = "\n".join(textwrap.wrap(text, width, subsequent_indent=indent,
                                           break_long_words=False, break_on_hyphens=False))  # fmt: skip
        console.print(Text(text, style=style))

    for diff in diffs:
        t = words(diff.lang)
        line(headline(diff, t), "bold", "  ")
        if not diff.changes:
            line("  " + t("no change"))
        for change in diff.changes:
            line(f"  {SYMBOL[change.level]} {describe(change, t, diff.state)}", _STYLE[change.level], "    ")
        moved = [a for a in diff.stages + diff.phases if a.old != a.new]
        if moved:
            averages = "; ".join(f"{a.name} {signed_in(a.old, t)} → {signed_in(a.new, t)}" for a in moved)
            label = t("averages")
            line(f"  {label}: {averages}", indent="    ")
