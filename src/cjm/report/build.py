"""`cjm report`: the improvement plan a CX lead would write by hand, from the map."""

from __future__ import annotations

import os
from typing import TextIO

from cjm.analysis import analyse
from cjm.present.i18n import choose, words
from cjm.project import Project
from cjm.report.data import JourneyReport, PortfolioReport, journey_report, portfolio_report
from cjm.report.output import FORMATS


def build_report(
    project: Project, where: str, persona: str | None = None, lang: str | None = None
) -> JourneyReport | PortfolioReport:
    """One journey's report, or a portfolio report when `where` is a folder; `lang` (else each
    journey's own language) is the language of the labels the human formats write."""
    loaded = project.usable(where, persona, lang)
    analysed = [(j.path, analyse(j.journey, j.scope, persona, words(j.lang)), j.lang) for j in loaded]
    if os.path.isdir(where):
        languages = {j.lang for j in loaded}
        common = languages.pop() if len(languages) == 1 else None
        return portfolio_report(
            analysed,
            choose(lang, project.config.lang, common),
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
