"""`cjm report`: the improvement plan a CX lead would write by hand, from the map."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TextIO

from cjm.analysis import analyse
from cjm.language import portfolio_language
from cjm.project import LoadedJourney, Project
from cjm.report.data import JourneyReport, PortfolioReport, journey_report, portfolio_report
from cjm.report.output import FORMATS


def build_report(
    project: Project,
    where: str,
    persona: str | None = None,
    lang: str | None = None,
    notice: Callable[[str], None] = lambda message: None,
) -> JourneyReport | PortfolioReport:
    """One journey's report, or a portfolio report when `where` is a folder; `lang` (else each
    journey's own language) is the language of the labels the human formats write. In a folder,
    a journey without `persona` is left out, with a `notice` saying so."""

    def skipped(one: LoadedJourney) -> None:
        notice(f"skipped {one.path}: persona '{persona}' is not in journey '{one.journey.id}'")

    folder = os.path.isdir(where)
    loaded = project.usable(where, persona, lang, without_persona=skipped if folder else None)
    analysed = [(j.path, analyse(j.journey, j.scope, persona), j.lang) for j in loaded]
    if folder:
        return portfolio_report(
            analysed,
            portfolio_language(lang, project.config.lang, (j.lang for j in loaded)),
            stale_after_days=project.config.stale_after_days,
        )
    [(journey_path, analysis, language)] = analysed
    return journey_report(journey_path, analysis, language)


def write_report(
    report: JourneyReport | PortfolioReport,
    output_format: str,
    out: TextIO,
    *,
    color: bool = False,
    explain: bool = False,
) -> None:
    FORMATS.module(output_format).write(report, out, color=color, explain=explain)
