"""Text for a terminal or a pipe: whether to colour it, and how wide to lay it out.

rich writes every colour cjm shows. Whether a stream gets colour is rich's decision too
(NO_COLOR, FORCE_COLOR, a terminal or not); rich is only imported when the answer could be yes,
so `cjm validate` in a pipe or a pre-commit hook does not pay for it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Column, Table

UNWRAPPED = 100_000
"""The width of text written to a file or a pipe: lines are never wrapped there, so CI logs and
`grep` see each line whole."""


def colour_wanted(stream: object) -> bool:
    """Whether `stream` should get colour, as rich decides it."""
    isatty = getattr(stream, "isatty", None)
    if not os.environ.get("FORCE_COLOR") and not (callable(isatty) and isatty()):
        return False  # rich says no here too: no terminal and none forced
    from rich.console import Console

    console = Console(file=stream)  # type: ignore[arg-type]
    return console.is_terminal and not console.no_color and console.color_system is not None


def console(out: TextIO, *, color: bool, width: int | None = None) -> Console:
    """A rich console writing to `out`: in colour or plain, `width` columns wide (default: the
    terminal's when `out` is one, else unwrapped)."""
    from rich.console import Console

    if width is None and not is_terminal(out):
        width = UNWRAPPED
    return Console(file=out, width=width, color_system="auto" if color else None, force_terminal=color,
                   highlight=False, emoji=False, soft_wrap=False)  # fmt: skip


def width(out: TextIO) -> int:
    """The columns to lay text out in: the terminal's, or unwrapped in a file or a pipe."""
    if not is_terminal(out):
        return UNWRAPPED
    import shutil

    return shutil.get_terminal_size((100, 24)).columns


def write_trimmed(out: TextIO, text: str) -> None:
    """Plain text without the spaces that pad a table's last column out to its width."""
    out.write("".join(line.rstrip() + "\n" for line in text.splitlines()))


def is_terminal(out: object) -> bool:
    isatty = getattr(out, "isatty", None)
    return bool(callable(isatty) and isatty())


LONGEST_WORD = 24
"""Columns are made wide enough for words up to this long; a longer one (a URL) may fold."""


def whole_words(table: Table) -> Table:
    """`table` with each column at least as wide as its longest word, so that a narrow terminal
    wraps between words, never inside one ("Responsab / le")."""
    for column in table.columns:
        column.min_width = max(column.min_width or 0, _longest_word(column))
    return table


def fits(table: Table, width: int) -> bool:
    """Whether every column of `table` can show its longest word whole within `width` columns."""

    padding = table.padding[1] + table.padding[3]
    return sum(_longest_word(column) + padding for column in table.columns) <= width


def _longest_word(column: Column) -> int:
    words = (word for cell in [column.header, *column.cells] for word in str(cell).split())
    return min(LONGEST_WORD, max(map(len, words), default=0))


def unwrapped_text(*renderables: object) -> str:
    """What rich would print of `renderables` (texts, tables with a simple head, rules and groups
    of them) at an unlimited width, without colour: for files and pipes, where laying out a large
    report through rich's tables took seconds."""
    from rich.cells import cell_len
    from rich.console import Group
    from rich.rule import Rule
    from rich.table import Table
    from rich.text import Text

    lines: list[str] = []
    for renderable in renderables:
        if isinstance(renderable, Group):
            lines.append(unwrapped_text(*renderable.renderables).removesuffix("\n"))
        elif isinstance(renderable, Table):
            lines += _table_lines(renderable, cell_len)
        elif isinstance(renderable, Rule):
            lines.append("─" * 100)
        else:
            lines.append(renderable.plain if isinstance(renderable, Text) else str(renderable))
    return "".join(line + "\n" for line in lines)


def _table_lines(table: Table, cell_len: Callable[[str], int]) -> list[str]:
    columns = [[str(column.header), *map(str, column.cells)] for column in table.columns]
    widths = [max(map(cell_len, cells)) for cells in columns]
    rows = list(zip(*columns, strict=True))

    def line(cells: tuple[str, ...]) -> str:
        return "   ".join(
            cell + " " * (width - cell_len(cell)) for cell, width in zip(cells, widths, strict=True)
        )

    rule = "─" * (sum(widths) + 3 * (len(widths) - 1))
    head = [line(rows[0]), rule] if table.show_header else []
    return head + [line(row) for row in rows[1:]]
