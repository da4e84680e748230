"""FOLDER/index.html: the portfolio's maps, each with its drawn map and its report page.

A journey mapped in both states is listed current state first, then future, side by side; the
rest keep the order they were read in. Retired maps are listed but left out of the totals.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cjm.analysis import portfolio
from cjm.analysis.facts import Analysis
from cjm.analysis.portfolio import map_summary
from cjm.present.i18n import words
from cjm.present.tables import maps_section, portfolio_headline

INDEX = "index.html"
"""The page a rendered folder opens on. No journey may be drawn as `index.html` beside it."""


@dataclass(frozen=True)
class Journey:
    """A journey of the site: where it was read, what it means, and the pages drawn of it."""

    path: str
    analysis: Analysis
    map: str  # the map's file, relative to the index
    report: str  # the report page's file, relative to the index


def index_page(journeys: list[Journey], lang: str, stale_after_days: int, today: date | None = None) -> str:
    """The page of templates/html/site.html.j2, in `lang`; `today` (default: the day of the run)
    decides which reviews are overdue and which metrics are stale."""
    from cjm.present.pages import page

    t, day = words(lang), today or date.today()
    maps = [map_summary(j.path, j.analysis, day, stale_after_days) for j in journeys]
    whole = portfolio([j.analysis for j in journeys], maps)
    pages = {j.path: (j.map, j.report) for j in journeys}
    table = maps_section(maps, t, lambda m: pages[m.path])
    return page("site.html.j2", lang=lang, title=t("Journey maps"), headline=portfolio_headline(whole.states, t),
                table=table)  # fmt: skip
