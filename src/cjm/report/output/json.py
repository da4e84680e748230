"""The report as JSON for scripts; `schemas/report.schema.json` describes it."""

from __future__ import annotations

from typing import TextIO

from cjm.report.data import JourneyReport, PortfolioReport


def write(
    report: JourneyReport | PortfolioReport, out: TextIO, *, color: bool = False, explain: bool = True
) -> None:
    """`explain` is always on here: the backlog table has room for why each item scores what it does."""
    out.write(report.model_dump_json(indent=2, by_alias=True) + "\n")
