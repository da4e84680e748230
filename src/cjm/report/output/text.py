"""The report in a terminal: rich tables, and the experience curve drawn with characters."""

from __future__ import annotations

import io
from typing import TextIO

from rich import box
from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from cjm.analysis import Persona
from cjm.present.escape import terminal_text as shown
from cjm.present.i18n import Words, words
from cjm.present.tables import Section
from cjm.present.terminal import UNWRAPPED, fits, unwrapped_text, whole_words, write_trimmed
from cjm.present.terminal import console as terminal_console
from cjm.present.terminal import width as terminal_width
from cjm.present.tone import TERMINAL, emotion_tone
from cjm.present.words import signed_in, word
from cjm.report.data import JourneyReport, PortfolioReport
from cjm.report.sections import journey_sections, portfolio_headline, portfolio_sections

_BAR = {-2: "██│  ", -1: " █│  ", 0: "  ●  ", 1: "  │█ ", 2: "  │██"}
_STYLE = TERMINAL


def write(
    report: JourneyReport | PortfolioReport,
    out: TextIO,
    *,
    color: bool,
    explain: bool = False,
    width: int | None = None,
) -> None:
    """`explain` adds a column to the backlog: why each item scores what it does. `width`: the
    terminal's when `out` is one, else unwrapped."""
    width = width or terminal_width(out)
    parts = _parts(report, explain, width)
    if not color and width >= UNWRAPPED:
        write_trimmed(out, unwrapped_text(*parts))
        return
    screen = io.StringIO()
    console = terminal_console(screen if not color else out, color=color, width=width)
    for part in parts:
        console.print(part)
    if not color:  # without the padding of each table's last column
        write_trimmed(out, screen.getvalue())


def _parts(report: JourneyReport | PortfolioReport, explain: bool, width: int) -> list[RenderableType]:
    if isinstance(report, JourneyReport):
        return [_journey(report, explain, width)]
    t = words(report.lang)
    parts: list[RenderableType] = [
        Text.assemble((t("Portfolio"), "bold"), ": ", shown(portfolio_headline(report))),
        Group(*(part for s in portfolio_sections(report) for part in _section(s, width))),
    ]
    for journey in report.journeys:
        parts += [Rule(), _journey(journey, explain, width)]
    return parts


def _journey(r: JourneyReport, explain: bool, width: int) -> Group:
    t = words(r.lang)
    who = ", ".join(r.persona_called(p) for p in r.personas)
    touchpoints = len({p.touchpoint for p in r.curve.points})
    header = Text.assemble((shown(r.title), "bold"), f"  ({r.journey}, {word(r.state, t)})\n",
                           t("{who} · {touchpoints} · average emotion {average}", who=shown(who),
                             touchpoints=t.plural("{count} touchpoint", "{count} touchpoints", touchpoints),
                             average=signed_in(r.curve.average, t)))  # fmt: skip
    return Group(
        header,
        _curve(r),
        *(part for s in journey_sections(r, explain=explain) for part in _section(s, width)),
    )


def _section(section: Section, width: int) -> list[Text | Table]:
    """The section's title, its rows as a table (or, where a table's words cannot stand whole in
    `width` columns, as one block of `column: value` lines per row), and its notes."""
    parts: list[Text | Table] = [Text(f"\n{section.title}", style="bold underline")]
    if section.rows:
        table = _table(*section.columns)
        for row in section.rows:
            table.add_row(*(Text(shown(cell.text), style=_STYLE[cell.tone]) for cell in row))
        parts += [whole_words(table)] if fits(table, width) else _records(section)
    else:
        parts.append(Text(section.empty, style="dim"))
    parts += [Text(shown(note.text), style=_STYLE[note.tone]) for note in section.notes]
    return parts


def _records(section: Section) -> list[Text | Table]:
    records: list[Text | Table] = []
    for row in section.rows:
        lines = [
            Text.assemble(
                (f"{shown(column)}: " if column else "", "dim"), (shown(cell.text), _STYLE[cell.tone])
            )
            for column, cell in zip(section.columns, row, strict=True)
            if cell.text
        ]
        records.append(Text("\n").join(lines).append("\n"))
    return records


def _table(*columns: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=False)
    for column in columns:
        table.add_column(shown(column), overflow="fold")
    return table


def _curve(r: JourneyReport) -> Table:
    """One row per touchpoint under its phase and stage, one bar per persona from -2 to +2."""
    t = words(r.lang)
    table = _table("", *(r.persona_called(p) for p in r.personas))
    stages = {a.id: a for a in r.curve.stages}
    phases = {a.id: a for a in r.curve.phases}
    felt: dict[str, dict[Persona, int | None]] = {}
    order: list[tuple[str, str, str]] = []
    for point in r.curve.points:
        if point.touchpoint not in felt:
            felt[point.touchpoint] = {}
            order.append((point.phase, point.stage, point.touchpoint))
        felt[point.touchpoint][point.persona] = point.emotion
    phase = stage = None
    for phase_id, stage_id, touchpoint in order:
        if phase_id != phase:
            phase = phase_id
            table.add_row(
                Text(
                    shown(f"{r.names.phases[phase_id]} {signed_in(phases[phase_id].average, t)}"),
                    style="bold",
                )
            )
        if stage_id != stage:
            stage = stage_id
            table.add_row(
                Text(
                    shown(f" {r.names.stages[stage_id]} {signed_in(stages[stage_id].average, t)}"),
                    style="italic",
                )
            )
        table.add_row(
            shown(f"  {r.names.touchpoints[touchpoint]}"), *(_bar(felt[touchpoint], p, t) for p in r.personas)
        )
    return whole_words(table)


def _bar(emotions: dict[Persona, int | None], persona: Persona, t: Words) -> Text:
    if persona not in emotions:
        return Text("")
    emotion = emotions[persona]
    if emotion is None:
        return Text("  ·   ?", style="dim")
    return Text(f"{_BAR[emotion]} {signed_in(emotion, t)}", style=_STYLE[emotion_tone(emotion)])
