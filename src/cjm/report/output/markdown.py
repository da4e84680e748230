"""The report as Markdown: headings and tables for a wiki page or a pull-request comment."""

from __future__ import annotations

from typing import TextIO

from cjm.present.escape import markdown_text as md
from cjm.present.i18n import words
from cjm.present.tables import Section
from cjm.present.words import signed_in, word
from cjm.report.data import JourneyReport, PortfolioReport
from cjm.report.sections import journey_sections, portfolio_headline, portfolio_sections

_MARK = {-2: "🟥", -1: "🟧", 0: "⬜", 1: "🟩", 2: "🟩"}


def write(
    report: JourneyReport | PortfolioReport, out: TextIO, *, color: bool = False, explain: bool = True
) -> None:
    """`explain` is always on here: the backlog table has room for why each item scores what it does."""
    out.write(render(report))


def render(report: JourneyReport | PortfolioReport) -> str:
    if isinstance(report, PortfolioReport):
        t = words(report.lang)
        head = f"# {md(t('Portfolio'))}\n\n{md(portfolio_headline(report))}\n\n"
        body = "".join(_section(s, "##") for s in portfolio_sections(report))
        return head + body + "".join(_journey(j, "##") for j in report.journeys)
    return _journey(report, "#")


def _journey(r: JourneyReport, h: str) -> str:
    t = words(r.lang)
    touchpoints = len({p.touchpoint for p in r.curve.points})
    who = ", ".join(r.persona_called(p) for p in r.personas)
    counted = t.plural("{count} touchpoint", "{count} touchpoints", touchpoints)
    average, curve = t("average emotion"), t("Experience curve")
    head = (
        f"{h} {md(r.title)}\n\n`{r.journey}` ({word(r.state, t)}) · {md(who)} · {counted}"
        f" · {average} **{signed_in(r.curve.average, t)}**\n\n{h}# {curve}\n\n{_curve(r)}"
    )
    return head + "".join(_section(s, h + "#") for s in journey_sections(r))


def _section(section: Section, h: str) -> str:
    text = f"{h} {md(section.title)}\n\n"
    if not section.rows:
        text += f"{md(section.empty)}\n\n"
    else:
        text += _table(section.columns, [[c.text for c in row] for row in section.rows])
    return text + "".join(f"{md(note.text)}\n\n" for note in section.notes)


def _table(columns: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(md(c) for c in columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(md(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n\n"


def _curve(r: JourneyReport) -> str:
    t = words(r.lang)
    rows: dict[str, list[str]] = {}
    for point in r.curve.points:
        row = rows.setdefault(
            point.touchpoint,
            [r.names.stages[point.stage], r.names.touchpoints[point.touchpoint]] + [""] * len(r.personas),
        )
        emotion = point.emotion
        row[2 + r.personas.index(point.persona)] = (
            "?" if emotion is None else f"{_MARK[emotion]} {signed_in(emotion, t)}"
        )
    return _table(
        [t("stage"), t("touchpoint"), *(r.persona_called(p) for p in r.personas)], list(rows.values())
    )
