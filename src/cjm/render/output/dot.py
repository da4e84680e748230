"""The journey map as a Graphviz drawing: stages left to right, lanes top to bottom.

The layout is a grid that journey-mapping practitioners know: phases over stages over one
column per touchpoint; lanes for the touchpoint, its channel and owner, what the customer
thinks, the emotion curve (one line per persona, placed by score from -2 to +2), problems,
improvements, opportunities, metrics, and the service blueprint: the customer's actions, the
front stage, the back stage and the support processes, split by the lines of interaction,
visibility and internal interaction. cjm computes every position itself (Graphviz's neato engine keeps pinned nodes
where they are), so the grid never shifts; Graphviz measures fonts and draws SVG, PNG and PDF.
"""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field

from cjm.analysis import feels_pain
from cjm.present.escape import DOT_STRING_CHARACTERS, dot_label_text, dot_string
from cjm.present.theme import (
    CELL_FILL,
    DIM,
    FONT,
    GRID,
    GUTTER,
    HEADER_FILL,
    INK,
    LINE_HEIGHT,
    MARKER_SIZE,
    MET,
    NOTE_SIZE,
    PADDING,
    PAIN,
    PAIN_FILL,
    PAIN_SIGN,
    PHASE_FILLS,
    STAGE_FILLS,
    TEXT_SIZE,
    TRUTH,
    TRUTH_FILL,
    TRUTH_SIGN,
)
from cjm.present.words import emotion_word, signed_in
from cjm.render.output import Options
from cjm.render.view import LINES_ABOVE, Column, Line, MapView, Persona, persona_lines

CHAR_WIDTH = 0.56  # of the font size: a generous average, so that wrapped lines fit their cell
BOLD = 1.12  # how much wider bold text is
BADGE_HEIGHT = 11.5  # a line of a badge, set small: tighter than LINE_HEIGHT
HEADER_WIDTH = 100.0
COLUMN_WIDTH = 116.0
MAX_LINES = 5  # of one item; the rest is in the tooltip and in the other formats
LEVEL_STEP = 20.0  # between two emotion scores

PAIN_INK, TRUTH_INK = PAIN, TRUTH
STYLES = {
    "name": ("<B>", "</B>"),
    "note": (f'<FONT POINT-SIZE="{NOTE_SIZE:g}" COLOR="{DIM}"><I>', "</I></FONT>"),
    "quote": ("<I>", "</I>"),
    "bad": (f'<FONT COLOR="{PAIN_INK}">', "</FONT>"),
    "good": (f'<FONT COLOR="{MET}">', "</FONT>"),
    "pain": (f'<FONT POINT-SIZE="{NOTE_SIZE:g}" COLOR="{PAIN_INK}"><B>', "</B></FONT>"),
    "truth": (f'<FONT POINT-SIZE="{NOTE_SIZE:g}" COLOR="{TRUTH_INK}"><B>', "</B></FONT>"),
}


class Html(str):
    """The body of an HTML-like label, already escaped."""


@dataclass
class _Drawing:
    """DOT statements, with node names of our own (no user text in them)."""

    lines: list[str] = field(default_factory=list)
    count: int = 0

    def node(self, x: float, y: float, width: float, height: float, **attrs: object) -> str:
        """A node whose top-left corner is at (x, y), y growing downwards."""
        self.count += 1
        name = f"n{self.count}"
        pos = f"{x + width / 2:.1f},{-(y + height / 2):.1f}!"
        self.lines.append(
            f"  {name} [{_attrs(pos=pos, width=_inches(width), height=_inches(height), **attrs)}]"
        )
        return name

    def edge(self, tail: str, head: str, **attrs: object) -> None:
        self.lines.append(f"  {tail} -- {head} [{_attrs(**attrs)}]")

    def anchor(self, x: float, y: float) -> str:
        """An invisible point for lines to start or end at."""
        return self.node(x, y, 0, 0, shape="point", style="invis")


def to_dot(view: MapView) -> str:
    """The DOT source of the map; `dot -Tsvg` (or png, pdf) draws it as cjm does."""
    drawing = _Drawing()
    columns = view.columns
    width = HEADER_WIDTH + COLUMN_WIDTH * len(columns)
    x_of = {id(c): HEADER_WIDTH + COLUMN_WIDTH * i for i, c in enumerate(columns)}

    y = _title(drawing, view, width)
    y = _persona_block(drawing, view, width, y)
    y = _phases(drawing, view, x_of, y)
    y = _stages(drawing, view, x_of, y)
    for lane in view.lanes:
        if lane.id in LINES_ABOVE:
            y = _blueprint_line(drawing, view, lane.id, width, y)
        if lane.id == "emotion":
            y = _emotion_lane(drawing, view, x_of, y)
            continue
        height = max(_height(c.cells[lane.id], COLUMN_WIDTH) for c in columns) if columns else 0
        height = max(height, 30.0)
        _header(drawing, lane.title, y, height, cls=f"lane {lane.id}")
        for column in columns:
            _cell(drawing, column, lane.id, x_of[id(column)], y, height)
        y += height
    head = [
        "// The journey map drawn by cjm render. Every node is pinned: 'dot -Tsvg' draws it,",
        "// and 'dot -Kneato -n -Tsvg' draws the same faster, without a layout step.",
        f"graph {_quoted(view.journey.id)} {{",
        f"  graph [{_attrs(layout='neato', inputscale=72, splines='line', overlap='true', outputorder='nodesfirst', bgcolor='white', pad=0.25, fontname=FONT, tooltip=view.journey.title)}]",
        f"  node [{_attrs(shape='box', style='filled', fixedsize='true', fontname=FONT, fontsize=TEXT_SIZE, fontcolor=INK, color='white', penwidth=GUTTER, labelloc='t', margin='0.08,0.06')}]",
        f"  edge [{_attrs(dir='none')}]",
    ]  # fmt: skip
    return "\n".join(head + drawing.lines + ["}"]) + "\n"


def _title(drawing: _Drawing, view: MapView, width: float) -> float:
    """The title, what the map is about, and the key to the emotion curve's markers, wrapped to
    the map's width."""
    title = [
        f'<FONT POINT-SIZE="18"><B>{dot_label_text(t)}</B></FONT>'
        for t in _wrap(view.journey.title, width, 18 * BOLD, 3)
    ]
    subtitle = [
        f'<FONT COLOR="{DIM}">{dot_label_text(t)}</FONT>' for t in _wrap(view.subtitle, width, TEXT_SIZE, 3)
    ]
    items = [
        (f'<FONT COLOR="{p.colour}">{p.glyph}</FONT> {dot_label_text(_clip(p.name, width))}', len(p.name) + 5)
        for p in view.personas
    ]
    hollow = view.t("○ hollow: what the persona expected")
    items.append((f'<FONT COLOR="{DIM}">{dot_label_text(hollow)}</FONT>', len(hollow) + 1))
    room = (width - 2 * PADDING) / (TEXT_SIZE * CHAR_WIDTH)
    heading = view.t("Emotion curve:") + " "
    key, used = [dot_label_text(heading)], len(heading)
    for item, length in items:
        if used + length > room and used > 0:
            key.append("")
            used = 0
        key[-1] += item + "   "
        used += length
    lines = title + subtitle + key
    height = 28 + LINE_HEIGHT * (len(lines) - 1) + 6
    drawing.node(
        0,
        0,
        width,
        height,
        shape="plaintext",
        style="solid",
        label=_block("<BR/>".join(lines), width),
        id="title",
    )
    return height + 4


def _persona_block(drawing: _Drawing, view: MapView, width: float, y: float) -> float:
    """Who the map is about, under the title: a cell per persona, side by side, with its name,
    archetype, role in the purchase, goals and needs; its border in the persona's colour."""
    personas = [p for p in view.personas if p.id is not None]
    if not personas or not view.persona_block:
        return y  # a journey that names nobody (the curve is everyone's), or a sheet after the first
    wide = (width - HEADER_WIDTH) / len(personas)
    cells = [_persona_cell(view, p) for p in personas]
    height = max(max(_height(lines, wide) for lines in cells), 30.0)
    _header(drawing, view.t("Personas"), y, height, cls="lane personas")
    for index, (persona, lines) in enumerate(zip(personas, cells, strict=True)):
        drawing.node(HEADER_WIDTH + wide * index, y, wide, height, fillcolor=CELL_FILL, color=persona.colour,
                     penwidth=1.5, label=_label(lines, wide), id=f"persona.{persona.id}", **{"class": "persona"})  # fmt: skip
    return y + height + 4


def _persona_cell(view: MapView, persona: Persona) -> tuple[Line, ...]:
    name, *rest = persona_lines(persona, view.t)
    return (Line(f"{persona.glyph} {name.text}", name.style), *rest)


def _phases(drawing: _Drawing, view: MapView, x_of: dict[int, float], y: float) -> float:
    for phase_view in view.phases:
        first, count = phase_view.columns[0], len(phase_view.columns)
        phase = phase_view.phase
        drawing.node(x_of[id(first)], y, COLUMN_WIDTH * count, 24, fillcolor=PHASE_FILLS.get(phase.id, HEADER_FILL),
                     label=Html(f"<B>{dot_label_text(_clip(phase_view.heading, COLUMN_WIDTH * count, TEXT_SIZE * BOLD))}</B>"), labelloc="c",
                     id=f"phase.{phase.id}", tooltip=phase_view.title, **{"class": "phase"})  # fmt: skip
    _header(drawing, view.t("Phase"), y, 24, cls="lane phase")
    return y + 24


def _stages(drawing: _Drawing, view: MapView, x_of: dict[int, float], y: float) -> float:
    cells = []
    for phase_view in view.phases:
        for stage_view in phase_view.stages:
            stage = stage_view.stage
            lines = (Line(stage.name, "name"), *((Line(stage.scenario, "note"),) if stage.scenario else ()))
            cells.append((phase_view.phase.id, stage_view, lines, COLUMN_WIDTH * len(stage_view.columns)))
    height = max([_height(lines, w) for _, _, lines, w in cells] + [30.0])
    for phase_id, stage_view, lines, w in cells:
        drawing.node(x_of[id(stage_view.columns[0])], y, w, height, fillcolor=STAGE_FILLS.get(phase_id, CELL_FILL),
                     label=_label(lines, w), id=f"stage.{stage_view.stage.id}", tooltip=stage_view.stage.name,
                     **{"class": "stage"})  # fmt: skip
    _header(drawing, view.t("Stage"), y, height, cls="lane stage")
    return y + height


def _header(drawing: _Drawing, title: str, y: float, height: float, *, cls: str) -> None:
    """A lane's title, left of its cells; a title of several words wraps ("Punto de / contacto")."""
    characters = max(int((HEADER_WIDTH - 2 * PADDING - 4) / (TEXT_SIZE * BOLD * CHAR_WIDTH)), 4)
    lines = textwrap.wrap(title, characters, break_long_words=False) or [""]
    text = "<BR/>".join(f"<B>{dot_label_text(line)}</B>" for line in lines)
    drawing.node(0, y, HEADER_WIDTH, height, fillcolor=HEADER_FILL, label=_block(text, HEADER_WIDTH),
                 **{"class": cls})  # fmt: skip


def _cell(drawing: _Drawing, column: Column, lane: str, x: float, y: float, height: float) -> None:
    attrs: dict[str, object] = {"fillcolor": CELL_FILL}
    if lane == "touchpoint":
        classes = ["touchpoint"] + ["pain"] * column.is_pain + ["truth"] * column.is_truth
        attrs.update(
            id=f"touchpoint.{column.touchpoint.id}",
            tooltip=column.touchpoint.name,
            **{"class": " ".join(classes)},
        )
        if column.is_pain:
            attrs.update(fillcolor=PAIN_FILL, color=PAIN_INK)
        elif column.is_truth:
            attrs.update(fillcolor=TRUTH_FILL, color=TRUTH_INK)
    else:
        attrs["class"] = f"cell {lane}"
    drawing.node(x, y, COLUMN_WIDTH, height, label=_label(column.cells[lane], COLUMN_WIDTH), **attrs)


def _emotion_lane(drawing: _Drawing, view: MapView, x_of: dict[int, float], y: float) -> float:
    """One line per persona across the columns; +2 at the top, -2 at the bottom.

    A line joins only touchpoints side by side that its persona passes: where the persona skips
    one, the line breaks: a thin dotted line leads on to its next touchpoint. Its persona's name ends it; a Moment of Pain rings that persona's point
    (with ▼ under it) and a Moment of Truth puts ★ over the points of those who pass it.
    """
    top, bottom = 22.0, 14.0  # room for the lane's title, and for the marks over and under the points
    height = top + bottom + LEVEL_STEP * 4
    t = view.t
    _header(drawing, t("Emotion"), y, height, cls="lane emotion")

    def level(score: float) -> float:
        return y + top + LEVEL_STEP * (2 - score)

    for column in view.columns:
        drawing.node(
            x_of[id(column)],
            y,
            COLUMN_WIDTH,
            height,
            fillcolor="white",
            label="",
            **{"class": "cell emotion"},
        )
    right = HEADER_WIDTH + COLUMN_WIDTH * len(view.columns)
    for score in (2, 1, 0, -1, -2):
        scale = signed_in(score, t) + (f" {emotion_word(score, t)}" if score in (2, 0, -2) else "")
        wide = len(scale) * NOTE_SIZE * CHAR_WIDTH
        drawing.node(HEADER_WIDTH - 4 - wide, level(score) - 7, wide, 14, shape="plaintext", style="solid",
                     label=Html(f'<FONT POINT-SIZE="{NOTE_SIZE:g}" COLOR="{DIM}">{dot_label_text(scale)}</FONT>'),
                     labelloc="c", **{"class": "scale"})  # fmt: skip
        style = "solid" if score == 0 else "dotted"
        drawing.edge(drawing.anchor(HEADER_WIDTH, level(score)), drawing.anchor(right, level(score)),
                     color=DIM if score == 0 else GRID, style=style, **{"class": "level"})  # fmt: skip

    spread = min(8.0, (COLUMN_WIDTH - 40) / max(len(view.personas) - 1, 1))
    for index, persona in enumerate(view.personas):
        shape = persona.marker
        dx = (index - (len(view.personas) - 1) / 2) * spread
        previous = before = None
        last: tuple[float, float, int] | None = None
        key = persona.id or "everyone"  # an id, not a word
        for number, column in enumerate(view.columns):
            point = next((p for p in column.points if p.persona == persona.id), None)
            if point is None or point.emotion is None:
                previous = None  # the persona does not pass here: the line breaks
                continue
            x = x_of[id(column)] + COLUMN_WIDTH / 2 + dx
            tip = t("{persona} at {touchpoint}: {score}", persona=persona.name, touchpoint=column.touchpoint.name,
                    score=signed_in(point.emotion, t))  # fmt: skip
            expected = signed_in(point.expected, t)
            if point.expected is not None and point.expected != point.emotion:
                tip += " " + t("(expected {score})", score=expected)
                hollow = _marker(drawing, x, level(point.expected), shape, "white", persona.colour,
                                 id=f"expected.{key}.{column.touchpoint.id}", tooltip=t("{persona} expected {score}", persona=persona.name, score=expected),
                                 **{"class": "expected"})  # fmt: skip
                gap_end = drawing.anchor(x, level(point.emotion))
                drawing.edge(
                    hollow, gap_end, color=persona.colour, style="dashed", penwidth=1, **{"class": "gap"}
                )
            hurt = feels_pain(point)
            at = level(point.emotion)
            if hurt:
                ring = MARKER_SIZE + 7
                drawing.node(x - ring / 2, at - ring / 2, ring, ring, shape="circle", style="solid", color=PAIN,
                             penwidth=1.8, label="", id=f"pain.{key}.{column.touchpoint.id}", **{"class": "pain-ring"})  # fmt: skip
                _mark(drawing, x, at + MARKER_SIZE + 5, PAIN_SIGN, PAIN, "pain-mark")
            if column.is_truth:
                _mark(drawing, x, at - MARKER_SIZE - 3, TRUTH_SIGN, TRUTH, "truth-mark")
            name = _marker(drawing, x, at, shape, persona.colour, "white", id=f"point.{key}.{column.touchpoint.id}",
                           tooltip=tip, **{"class": f"point emotion{point.emotion:+d}" + " hurt" * hurt})  # fmt: skip
            if previous is not None:
                drawing.edge(previous, name, color=persona.colour, penwidth=2.2, **{"class": f"curve {key}"})
            elif (
                before is not None
            ):  # over touchpoints the persona skips: a thin dotted line, a visible break
                drawing.edge(
                    before,
                    name,
                    color=persona.colour,
                    penwidth=1.4,
                    style="dotted",
                    **{"class": f"skip {key}"},
                )
            previous = before = name
            last = (x, at, number)
        if last is not None:
            _end_label(drawing, persona.name, persona.colour, key, last, len(view.columns))
    return y + height


def _mark(drawing: _Drawing, x: float, y: float, sign: str, colour: str, cls: str) -> None:
    drawing.node(x - 6, y - 6, 12, 12, shape="plaintext", style="solid", labelloc="c",
                 label=Html(f'<FONT POINT-SIZE="{NOTE_SIZE:g}" COLOR="{colour}">{sign}</FONT>'), **{"class": cls})  # fmt: skip


def _end_label(
    drawing: _Drawing, name: str, colour: str, key: str, last: tuple[float, float, int], columns: int
) -> None:
    """The persona's name at the end of its line, right of the last point (left of it at the
    map's right edge), a little above."""
    x, y, number = last
    text = _clip(name, COLUMN_WIDTH, NOTE_SIZE * BOLD)
    wide = len(text) * NOTE_SIZE * BOLD * CHAR_WIDTH + 4
    left = x - 9 - wide if number == columns - 1 else x + 9
    drawing.node(left, y - 16, wide, 13, shape="plaintext", style="solid", labelloc="c", id=f"end.{key}",
                 label=Html(f'<FONT POINT-SIZE="{NOTE_SIZE:g}" COLOR="{colour}"><B>{dot_label_text(text)}</B></FONT>'),
                 **{"class": "end-label"})  # fmt: skip


def _marker(
    drawing: _Drawing, x: float, y: float, shape: str, fill: str, border: str, **attrs: object
) -> str:
    size = MARKER_SIZE if shape != "triangle" else MARKER_SIZE * 1.2
    return drawing.node(x - size / 2, y - size / 2, size, size, shape=shape, fillcolor=fill, color=border,
                        penwidth=1.5, label="", **attrs)  # fmt: skip


def _blueprint_line(drawing: _Drawing, view: MapView, lane: str, width: float, y: float) -> float:
    """A line of the service blueprint across the map, above `lane`, labelled at its left end."""
    line = view.t(LINES_ABOVE[lane])
    gap = 18.0
    middle = y + gap / 2
    name = {"frontstage": "interaction", "backstage": "visibility", "support": "internal-interaction"}[lane]
    drawing.edge(drawing.anchor(0, middle), drawing.anchor(width, middle), color=DIM, style="dashed", penwidth=1.2,
                 id=f"line-of-{name}", **{"class": name})  # fmt: skip
    wide = len(line) * NOTE_SIZE * CHAR_WIDTH + 8
    drawing.node(4, middle - 13, wide, 11, shape="plaintext", style="solid", labelloc="c",
                 label=Html(f'<FONT POINT-SIZE="{NOTE_SIZE:g}" COLOR="{DIM}"><I>{dot_label_text(line)}</I></FONT>'))  # fmt: skip
    return y + gap


def _label(lines: Iterable[Line], width: float) -> Html:
    """The lines of a cell, wrapped to its width, left-aligned from its top-left corner."""
    parts = []
    for line in lines:
        opening, closing = STYLES.get(line.style, ("", ""))
        parts += [f"{opening}{dot_label_text(piece)}{closing}" for piece in _pieces(line, width)]
    return _block("<BR/>".join(parts), width)


def _block(content: str, width: float) -> Html:
    """Label content set from the top-left corner of a cell `width` wide."""
    return Html(f'<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0"><TR><TD ALIGN="LEFT" BALIGN="LEFT" '
                f'VALIGN="TOP" WIDTH="{width - 2 * PADDING:g}">{content}</TD></TR></TABLE>')  # fmt: skip


def _height(lines: Iterable[Line], width: float) -> float:
    badge = ("pain", "truth")
    return (
        sum(
            len(_pieces(line, width)) * (BADGE_HEIGHT if line.style in badge else LINE_HEIGHT)
            for line in lines
        )
        + 2 * PADDING
        + 4
    )


@functools.lru_cache(maxsize=4096)  # each cell is measured for its lane's height, then set
def _pieces(line: Line, width: float) -> tuple[str, ...]:
    """A line as it is set in a cell, wrapped; a badge in capitals, whose it is on a line of its own
    ("▼ MOMENTO DE DOLOR:" / "ANA MARTÍNEZ")."""
    if line.style in ("pain", "truth"):
        badge, colon, whose = line.text.upper().partition(": ")
        size, room = NOTE_SIZE * BOLD, width + 4  # capitals, but no inner margin to leave for wrapping
        return tuple(_wrap(badge + colon.rstrip(), room, size) + (_wrap(whose, room, size) if whose else []))
    size = NOTE_SIZE if line.style == "note" else TEXT_SIZE * (BOLD if line.style == "name" else 1)
    return tuple(_wrap(line.text, width, size))


def _wrap(text: str, width: float, size: float, most: int = MAX_LINES) -> list[str]:
    """Lines that fit `width` points, at most `most`, the last one ending in … when cut."""
    characters = max(int((width - 2 * PADDING - 4) / (size * CHAR_WIDTH)), 4)
    lines = textwrap.wrap(
        " ".join(text.split()), characters, break_long_words=True, break_on_hyphens=True
    ) or [""]
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = lines[-1][: characters - 1] + "…"
    return lines


def _clip(text: str, width: float, size: float = TEXT_SIZE) -> str:
    characters = max(int((width - 2 * PADDING) / (size * CHAR_WIDTH)), 4)
    return text if len(text) <= characters else text[: characters - 1] + "…"


def _inches(points: float) -> str:
    return f"{points / 72:.4f}"


def _quoted(text: str) -> str:
    # Most attributes are cjm's own (positions, sizes, colours, shapes): text that escaping would
    # leave as it is (printable, no quote or backslash, no space to fold, short) skips it.
    if (
        text.isprintable()
        and '"' not in text
        and "\\" not in text
        and "  " not in text
        and text[:1] != " "
        and text[-1:] != " "
        and len(text) <= DOT_STRING_CHARACTERS
    ):
        return f'"{text}"'
    return f'"{dot_string(text)}"'


def _attrs(**attrs: object) -> str:
    parts = []
    for key, value in attrs.items():
        if isinstance(value, Html):
            parts.append(f"{key}=<{value}>")
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            parts.append(f"{key}={value:g}")
        else:
            parts.append(f"{key}={_quoted(str(value))}")
    return ", ".join(parts)


def render(view: MapView, options: Options | None = None) -> str:
    return to_dot(view)
