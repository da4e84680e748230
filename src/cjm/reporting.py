"""`cjm report`'s run: the journeys read through the project, analysed, and made into one
journey's report or a portfolio's (`cjm.report`)."""

from __future__ import annotations

import os
from collections.abc import Callable

from cjm.analysis import analyse
from cjm.language import portfolio_language
from cjm.project import Project
from cjm.report.data import JourneyReport, PortfolioReport, journey_report, portfolio_report


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
    folder = os.path.isdir(where)
    loaded = project.usable(where, persona, lang, skipped=notice if folder else None)
    analysed = [(j.path, analyse(j.journey, j.scope, persona), j.lang) for j in loaded]
    if folder:
        return portfolio_report(
            analysed,
            portfolio_language(lang, project.config.lang, (j.lang for j in loaded)),
            stale_after_days=project.config.stale_after_days,
        )
    [(journey_path, analysis, language)] = analysed
    return journey_report(journey_path, analysis, language)
