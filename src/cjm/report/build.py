"""`cjm report`: the improvement plan a CX lead would write by hand, from the map."""

from __future__ import annotations

from typing import TextIO

from cjm.report.data import JourneyReport, PortfolioReport
from cjm.report.output import FORMATS


def write_report(
    report: JourneyReport | PortfolioReport,
    output_format: str,
    out: TextIO,
    *,
    color: bool = False,
    explain: bool = False,
) -> None:
    FORMATS.module(output_format).write(report, out, color=color, explain=explain)
