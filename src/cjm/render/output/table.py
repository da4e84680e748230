"""The journey map in a terminal: a rich table per stage, one row per touchpoint.

At 120 columns and more, channel, owner, problems and improvements have columns of their own;
narrower, they fold into the touchpoint and notes columns so that the table reads at 80. Every
other lane the map shows (the customer's needs, opportunities, metrics, the service blueprint)
goes into the notes column, each under its lane's title.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from cjm.present.escape import terminal_text as shown
from cjm.present.terminal import whole_words
from cjm.present.tone import TERMINAL, emotion_tone
from cjm.present.words import signed_in, word
from cjm.render.output import Options
from cjm.render.view import Column, Line, MapView, persona_lines

WIDE = 120
PROBLEM, IMPROVEMENT = "✗", "➜"
"""How the one notes column of a narrow table tells problems from improvements."""
_BAR = {-2: "██│  ", -1: " █│  ", 0: "  ●  ", 1: "  │█ ", 2: "  │██"}
_STYLE = {"name": "bold", "note": "dim italic", "quote": "italic", "bad": "red", "good": "green",
          "pain": "bold red", "truth": "bold yellow", "heading": "bold underline", "": ""}  # fmt: skip


def render(view: MapView, options: Options) -> str:
    width, color = options.width, options.color
    out = io.StringIO()
    console = Console(file=out, width=width or 100, color_system="auto" if color else None, force_terminal=color,
                      highlight=False, emoji=False, soft_wrap=False)  # fmt: skip
    wide = console.width >= WIDE
    console.print(
        Text.assemble(
            (shown(view.journey.title), "bold"), f"  ({view.journey.id})\n", (shown(view.subtitle), "dim")
        )
    )
    t = view.t
    emotion, notes, problem, improvement = t("Emotion"), t("Notes"), t("problem"), t("improvement")
    key = f"{emotion}: ██│ {signed_in(-2, t)} … │██ {signed_in(2, t)}; ▼ {word('pain', t)}, ★ {word('truth', t)}"
    if not wide:
        key += f"\n{notes}: {PROBLEM} {problem}, {IMPROVEMENT} {improvement}"
    console.print(Text(key, style="dim"))
    _personas(console, view)
    for phase_view in view.phases:
        console.rule(Text(shown(phase_view.title.upper()), style="bold"))
        for stage_view in phase_view.stages:
            console.print(
                _stage_table(view, stage_view.stage.name, stage_view.stage.scenario, stage_view.columns, wide)
            )
    text = out.getvalue()
    return text if color else "".join(line.rstrip() + "\n" for line in text.splitlines())


def _personas(console: Console, view: MapView) -> None:
    """A short "Personas" section: each persona's name, archetype, role, goals and needs."""
    people = [p for p in view.personas if p.id is not None]
    if not people:
        return
    console.rule(Text(shown(view.t("Personas").upper()), style="bold"))
    for persona in people:
        name, *rest = persona_lines(persona, view.t)
        console.print(Text.assemble((f"{persona.glyph} ", persona.colour if console.color_system else ""),
                                    (shown(name.text), "bold")))  # fmt: skip
        for line in rest:
            console.print(Padding(Text(shown(line.text), style=_STYLE.get(line.style, "")), (0, 0, 0, 2)))


def _stage_table(
    view: MapView, name: str, scenario: str | None, columns: tuple[Column, ...], wide: bool
) -> Table:
    title = Text.assemble((shown(name), "bold"), (shown(f"  {scenario}") if scenario else "", "dim italic"))
    table = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left", expand=True, pad_edge=False,
                  show_edge=False, leading=1)  # fmt: skip
    t = view.t
    table.add_column(t("Touchpoint"), ratio=6 if wide else 3, overflow="fold")
    if wide:
        table.add_column(t("Channel"), ratio=2, overflow="fold")
        table.add_column(t("Owner"), ratio=2, overflow="fold")
    table.add_column(t("Emotion"), ratio=3 if wide else 2, overflow="fold")
    if wide:
        table.add_column(t("Problems"), ratio=3, overflow="fold")
        table.add_column(t("Improvements"), ratio=3, overflow="fold")
    table.add_column(t("Notes"), ratio=3, overflow="fold")
    several = len(view.personas) > 1
    for column in columns:
        cells = column.cells
        touchpoint = _lines(cells["touchpoint"])
        if not wide:
            touchpoint.append("\n")
            touchpoint.append_text(_lines(cells["channel"][:1] + cells["owner"][:1], sep=" · ", style="dim"))
        emotion = _emotion(view, column, several)
        if wide:
            table.add_row(touchpoint, _lines(cells["channel"]), _lines(cells["owner"]), emotion,
                          _lines(cells["problems"]), _lines(cells["improvements"]), _lines(_other_lanes(view, column)))  # fmt: skip
        else:
            notes = _marked(cells["problems"], PROBLEM) + _marked(cells["improvements"], IMPROVEMENT)
            table.add_row(touchpoint, emotion, _lines(notes + _other_lanes(view, column)))
    return whole_words(table)


OWN_COLUMNS = {"touchpoint", "channel", "owner", "emotion", "problems", "improvements"}
"""The lanes with a column (or a place in the touchpoint column) of their own."""


def _other_lanes(view: MapView, column: Column) -> tuple[Line, ...]:
    """The lanes without a column of their own, each under its title: "Metrics" then its lines."""
    return tuple(
        line
        for lane in view.lanes
        if lane.id not in OWN_COLUMNS and column.cells[lane.id]
        for line in (Line(f"{lane.title}:", "heading"), *column.cells[lane.id])
    )


def _emotion(view: MapView, column: Column, several: bool) -> Text:
    text = Text()
    for point in column.points:
        if point.emotion is None:
            continue
        if text:
            text.append("\n")
        tone = TERMINAL[emotion_tone(point.emotion)]
        text.append(_BAR[point.emotion], style=tone)
        text.append(f" {signed_in(point.emotion, view.t):>2}", style=tone)
        if several:
            text.append(shown(f" {view.persona(point.persona).name}"))
        if point.expected is not None and point.expected != point.emotion:
            expected = view.t("expected {score}", score=signed_in(point.expected, view.t))
            text.append(f"\n{'':6}{expected}", style="dim")
    return text or Text("–", style="dim")


def _lines(lines: tuple[Line, ...], sep: str = "\n", style: str | None = None) -> Text:
    text = Text()
    for i, line in enumerate(lines):
        if i:
            text.append(sep)
        text.append(shown(line.text), style=style or _STYLE.get(line.style, ""))
    return text


def _marked(lines: tuple[Line, ...], mark: str) -> tuple[Line, ...]:
    """Items ("• text") marked as problems or improvements; the notes under an item stay as they are."""
    return tuple(
        Line(f"{mark} {line.text[2:]}", line.style) if line.text.startswith("• ") else line for line in lines
    )
