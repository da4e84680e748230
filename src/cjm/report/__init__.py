"""`cjm report`: the improvement plan a CX lead would write by hand, from the map."""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import TextIO

from cjm.analysis import analyse
from cjm.check import load_journeys, usable
from cjm.report.data import JourneyReport, PortfolioReport, journey_report, portfolio_report

FORMATS = ("text", "markdown", "html", "json")


def build_report(
    path: str, catalogs: Iterable[str] = (), persona: str | None = None
) -> JourneyReport | PortfolioReport:
    """One journey's report, or a portfolio report when `path` is a folder."""
    import os

    loaded = usable(*load_journeys([path], catalogs), path, persona)
    analysed = [(j.path, analyse(j.journey, j.scope, persona)) for j in loaded]
    if os.path.isdir(path):
        return portfolio_report(analysed)
    [(journey_path, analysis)] = analysed
    return journey_report(journey_path, analysis)


def write_report(
    report: JourneyReport | PortfolioReport, output_format: str, out: TextIO, *, color: bool = False
) -> None:
    if output_format == "json":
        out.write(report.model_dump_json(indent=2, by_alias=True) + "\n")
        return
    module = importlib.import_module(f"cjm.report.{output_format}")
    module.write(report, out, color=color)
