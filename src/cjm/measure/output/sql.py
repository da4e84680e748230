"""`cjm measure --format sql`: each metric's query, runnable in DuckDB against its data file."""

from __future__ import annotations

from typing import TextIO

from cjm.measure.run import MeasureResult


def write(result: MeasureResult, out: TextIO, *, color: bool = False) -> None:
    for m in result.measured:
        if not m.sql:  # the event kinds are counted by sessions in Python, not by one query
            out.write(
                f"-- {m.path}:{m.line}:{m.column}: {m.touchpoint} / {m.name}: no query (sessions of events)\n\n"
            )
            continue
        how = f" — {m.kind}{f' {m.method}' if m.method else ''}{f' ({m.definition})' if m.definition else ''}"
        out.write(f"-- {m.path}:{m.line}:{m.column}: {m.touchpoint} / {m.name}{how}\n{m.sql};\n\n")
