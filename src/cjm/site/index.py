"""FOLDER/index.html: the portfolio's maps, each with its drawn map and its report page.

A journey mapped in both states is listed current state first, then future, side by side; the
rest keep the order they were read in. Retired maps are listed but left out of the totals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from cjm.analysis import portfolio
from cjm.analysis.facts import Analysis, MapSummary, StatePortfolio
from cjm.analysis.portfolio import map_summary
from cjm.present.i18n import N_, Words, words
from cjm.present.words import quantity_in, signed_in, word

INDEX = "index.html"
"""The page a rendered folder opens on. No journey may be drawn as `index.html` beside it."""


@dataclass(frozen=True)
class Journey:
    """A journey of the site: where it was read, what it means, and the pages drawn of it."""

    path: str
    analysis: Analysis
    map: str  # the map's file, relative to the index
    report: str  # the report page's file, relative to the index


@dataclass(frozen=True)
class Cell:
    text: str
    tone: str = ""
    href: str | None = None
    trend: None = None  # the report's table has trends; the site's list of maps never does


@dataclass(frozen=True)
class Table:
    id: str
    title: str
    columns: list[str]
    rows: list[list[Cell]]
    notes: list[Cell] = field(default_factory=list)
    empty: str = ""


_STATUS_WORDS = {"draft": N_("draft"), "review": N_("in review"), "approved": N_("approved"),
                 "retired": N_("retired")}  # fmt: skip


def index_page(journeys: list[Journey], lang: str, stale_after_days: int, today: date | None = None) -> str:
    """The page of templates/html/site.html.j2, in `lang`; `today` (default: the day of the run)
    decides which reviews are overdue and which metrics are stale."""
    from cjm.present.pages import page

    t, day = words(lang), today or date.today()
    maps = [map_summary(j.path, j.analysis, day, stale_after_days) for j in journeys]
    whole = portfolio([j.analysis for j in journeys], maps)
    rows = [_row(m, j, t) for m, j in zip(maps, journeys, strict=True)]
    table = Table("portfolio-maps", t("Maps"), [t("map"), t("report"), t("state"), t("status"), t("owner"),
                  t("review by"), t("touchpoints"), t("pains without improvement"),
                  t("metrics below target or stale"), t("assumed or unstated")], rows,
                  [Cell(t("Retired maps are listed but left out of the totals."), "dim")]
                  * any(m.status == "retired" for m in maps), t("None."))  # fmt: skip
    return page("site.html.j2", lang=lang, title=t("Journey maps"), headline=_headline(whole.states, t),
                table=table)  # fmt: skip


def _row(m: MapSummary, journey: Journey, t: Words) -> list[Cell]:
    review = m.review_by or "-"
    metrics = [t.plural("{count} below target", "{count} below target", m.metrics_below)] * bool(
        m.metrics_below
    )
    metrics += [t.plural("{count} stale", "{count} stale", m.metrics_stale)] * bool(m.metrics_stale)
    share = "-" if m.unsure_share is None else quantity_in(round(m.unsure_share * 100), "%", t)
    return [
        Cell(m.title, href=journey.map),
        Cell(t("report"), href=journey.report),
        Cell(word(m.state, t)),
        Cell(t(_STATUS_WORDS[m.status]), "dim" if m.status == "retired" else ""),
        Cell(m.owner_name or t("no owner"), "" if m.owner else "warn"),
        Cell(t("{date} (overdue)", date=review) if m.overdue else review, "bad" if m.overdue else ""),
        Cell(str(m.touchpoints)),
        Cell(str(m.pains_without_improvement), "bad" if m.pains_without_improvement else ""),
        Cell(", ".join(metrics) or "0", "warn" if metrics else ""),
        Cell(share, "warn" if m.unsure_share else ""),
    ]


def _headline(states: list[StatePortfolio], t: Words) -> str:
    """How many journeys and touchpoints, and the average emotion, per state when there are two."""

    def counts(state: StatePortfolio) -> str:
        return t("{journeys}, {touchpoints}, average emotion {average}",
                 journeys=t.plural("{count} journey", "{count} journeys", state.journeys),
                 touchpoints=t.plural("{count} touchpoint", "{count} touchpoints", state.touchpoints),
                 average=signed_in(state.average, t))  # fmt: skip

    if len(states) == 1:
        return counts(states[0])
    return "; ".join(t("{state} state: {counts}", state=word(s.state, t), counts=counts(s)) for s in states)
