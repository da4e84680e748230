"""`cjm trace --format markdown`: headings and tables for a pull-request comment or a wiki page."""

from __future__ import annotations

from typing import TextIO

from cjm.present.escape import markdown_text as md
from cjm.present.tables import Section
from cjm.trace.data import Trace
from cjm.trace.output.sections import headline, sections


def write(trace: Trace, out: TextIO, *, color: bool = False) -> None:
    out.write(f"# {md(trace.title)}\n\n{md(headline(trace))}\n")
    out.writelines("\n" + _section(section) for section in sections(trace))


def _section(section: Section) -> str:
    text = f"## {md(section.title)}\n\n"
    if section.rows:
        text += "| " + " | ".join(md(c) for c in section.columns) + " |\n"
        text += "|" + " --- |" * len(section.columns) + "\n"
        for row in section.rows:
            text += "| " + " | ".join(_cell(cell.text, cell.tone) for cell in row) + " |\n"
    else:
        text += md(section.empty) + "\n"
    for note in section.notes:
        text += f"\n{_cell(note.text, note.tone)}\n"
    return text


def _cell(text: str, tone: str) -> str:
    return f"**{md(text)}**" if tone == "bad" and text else md(text)
