"""`cjm trace --format html`: one self-contained page, its tables as the report's."""

from __future__ import annotations

from typing import TextIO

from cjm.present.pages import page
from cjm.trace.data import Trace
from cjm.trace.output.sections import headline, sections


def write(trace: Trace, out: TextIO, *, color: bool = False) -> None:
    out.write(
        page(
            "trace.html.j2",
            lang=trace.lang,
            title=trace.title,
            journey=trace.journey,
            headline=headline(trace),
            sections=sections(trace),
        )
    )
