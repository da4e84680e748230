"""Facts as titled tables of worded cells, for every format that lays out rows: the report's
sections and the site's list of maps are made here once.

A cell may carry a tone (`good`, `bad`, `warn`, `dim`) that a format shows as it can: a colour in
the terminal, a CSS class in HTML, nothing in Markdown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from cjm.analysis.facts import MapSummary, MetricStatus, StatePortfolio
from cjm.present.i18n import N_, Words
from cjm.present.tone import Tone
from cjm.present.words import quantity_in, signed_in, word


@dataclass(frozen=True)
class Cell:
    text: str
    tone: Tone = ""
    trend: MetricStatus | None = None
    """A metric whose history a format that draws may chart beside the text (HTML: a sparkline)."""
    href: str | None = None
    """Where the text links to, in the formats that link (HTML, Markdown)."""


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    columns: list[str]
    rows: list[list[Cell]]
    notes: list[Cell] = field(default_factory=list)
    empty: str = "None."


STATUS_WORDS = {
    "draft": N_("draft"),
    "review": N_("in review"),
    "approved": N_("approved"),
    "retired": N_("retired"),
}
"""A map's status (`status:`), as people say it."""


def portfolio_headline(states: list[StatePortfolio], t: Words) -> str:
    """How many journeys and touchpoints, and the average emotion, per state when there are two:
    "2 journeys, 29 touchpoints, average emotion +0.39" or "current state: …; future state: …"."""

    def counts(state: StatePortfolio) -> str:
        return t("{journeys}, {touchpoints}, average emotion {average}",
                 journeys=t.plural("{count} journey", "{count} journeys", state.journeys),
                 touchpoints=t.plural("{count} touchpoint", "{count} touchpoints", state.touchpoints),
                 average=signed_in(state.average, t))  # fmt: skip

    if len(states) == 1:
        return counts(states[0])
    return "; ".join(t("{state} state: {counts}", state=word(s.state, t), counts=counts(s)) for s in states)


def maps_section(
    maps: list[MapSummary],
    t: Words,
    link: Callable[[MapSummary], tuple[str | None, str | None]] | None = None,
) -> Section:
    """Every map at a glance: who keeps it, when it is due, its size and its health. `link` gives
    a map's page and its report's page (the site's index links both; a report links neither)."""

    def row(m: MapSummary) -> list[Cell]:
        review = m.review_by or "-"
        metrics = [t.plural("{count} misses target", "{count} miss target", m.metrics_below)] * bool(
            m.metrics_below
        )
        metrics += [t.plural("{count} stale", "{count} stale", m.metrics_stale)] * bool(m.metrics_stale)
        share = "-" if m.unsure_share is None else quantity_in(round(m.unsure_share * 100), "%", t)
        page, report = link(m) if link else (None, None)
        return [
            Cell(m.title, href=page),
            *([Cell(t("report"), href=report)] if link else []),
            Cell(word(m.state, t)),
            Cell(t(STATUS_WORDS[m.status]), "dim" if m.status == "retired" else ""),
            Cell(m.owner_name or t("no owner"), "" if m.owner else "warn"),
            Cell(t("{date} (overdue)", date=review) if m.overdue else review, "bad" if m.overdue else ""),
            Cell(str(m.touchpoints)),
            Cell(str(m.pains_without_improvement), "bad" if m.pains_without_improvement else ""),
            Cell(", ".join(metrics) or "0", "warn" if metrics else ""),
            Cell(share, "warn" if m.unsure_share else ""),
        ]

    columns = [t("map"), *([t("report")] if link else []), t("state"), t("status"), t("owner"),
               t("review by"), t("touchpoints"), t("pains without improvement"),
               t("metrics that miss target or are stale"), t("assumed or unstated")]  # fmt: skip
    return Section("portfolio-maps", t("Maps"), columns, [row(m) for m in maps],
                   notes=[Cell(t("Retired maps are listed but left out of the totals."), "dim")]
                   * any(m.status == "retired" for m in maps),
                   empty=t("None."))  # fmt: skip
