"""`cjm trace`: the trace as plain columns for a terminal or a CI log, in the journey's language."""

from __future__ import annotations

from typing import TextIO

from cjm.present.escape import terminal_text
from cjm.present.tables import Section
from cjm.present.tone import painted
from cjm.trace.data import Trace
from cjm.trace.output.sections import headline, sections


def write(trace: Trace, out: TextIO, *, color: bool = False) -> None:
    out.write(
        f"{terminal_text(trace.title)} ({terminal_text(trace.journey)})\n{terminal_text(headline(trace))}\n"
    )
    out.writelines("\n" + _section(section, color) for section in sections(trace))


def _section(section: Section, color: bool) -> str:
    lines = [terminal_text(section.title)]
    if not section.rows:
        lines.append("  " + terminal_text(section.empty))
    else:
        cells = [[terminal_text(c) for c in section.columns]] + [
            [terminal_text(cell.text) for cell in row] for row in section.rows
        ]
        widths = [max(len(row[i]) for row in cells) for i in range(len(section.columns))]
        for number, row in enumerate(cells):
            shown = []
            for i, text in enumerate(row):
                padded = text.ljust(widths[i])
                tone = section.rows[number - 1][i].tone if number else ""  # the heading has none
                shown.append(painted(padded, tone) if color and tone else padded)
            lines.append("  " + "  ".join(shown).rstrip())
    for note in section.notes:
        text = terminal_text(note.text)
        lines.append("  " + (painted(text, note.tone) if color and note.tone else text))
    return "\n".join(lines) + "\n"
