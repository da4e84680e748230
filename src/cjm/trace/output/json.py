"""`cjm trace --format json`: the trace as `schemas/trace.schema.json` describes it."""

from __future__ import annotations

from typing import TextIO

from cjm.trace.data import Trace


def write(trace: Trace, out: TextIO, *, color: bool = False) -> None:
    out.write(trace.model_dump_json(by_alias=True, indent=2) + "\n")
