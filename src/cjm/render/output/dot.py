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
import math
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from cjm.analysis import feels_pain
from cjm.present.curve import spread
from cjm.present.escape import DOT_STRING_CHARACTERS, dot_label_text, dot_string
from cjm.present.theme import (
    CELL_FILL,
    DIM,
    FONT,
    GRID,
    GUTTER,
    HEADER_FILL,
    INK,
    KEY_COLOURS,
    LINE_HEIGHT,
    MARKER_SIZE,
    MET,
    NOTE_SIZE,
    PADDING,
    PAIN,
    PAIN_FILL,
    PAIN_POINT,
    PAIN_POINT_SIGN,
    PAIN_SIGN,
    PHASE_FILL,
    STAGE_FILL,
    TEXT_SIZE,
    TRUTH,
    TRUTH_FILL,
    TRUTH_SIGN,
)
from cjm.present.words import emotion_word, signed_in
from cjm.render.output import Options
from cjm.render.view import LINES_ABOVE, Column, Line, MapView, Persona, legend, persona_lines

CHAR_WIDTH = 0.56  # of the font size: a generous average, so that wrapped lines fit their cell
BOLD = 1.12  # how much wider bold text is
BADGE_HEIGHT = 11.5  # a line of a badge, set small: tighter than LINE_HEIGHT
HEADER_WIDTH = 100.0
COLUMN_WIDTH = 116.0
GUTTER_RIGHT = 96.0  # right of the last column: the personas' names, at the ends of their lines
BLUEPRINT_GAP = 18.0
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
    "pain-point": (f'<FONT POINT-SIZE="{NOTE_SIZE:g}" COLOR="{PAIN_POINT}">', "</FONT>"),
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
    """The DOT source of the map; `dot -Tsvg` (or png, pdf) draws it as cjm does.

    The emotion curve takes EMOTION_SHARE of the map's height: it is what a map is read for."""
    drawing = _Drawing()
    columns = view.columns
    column = COLUMN_WIDTH
    width = HEADER_WIDTH + column * len(columns) + GUTTER_RIGHT
    x_of = {id(c): HEADER_WIDTH + column * i for i, c in enumerate(columns)}

    y = _title(drawing, view, width, view.sheet)
    y = _persona_block(drawing, view, width, y)
    y = _phases(drawing, view, x_of, y, column)
    y = _stages(drawing, view, x_of, y, column)
    heights = lane_heights(view, column)
    rest = sum(heights.values()) + y + BLUEPRINT_GAP * sum(lane.id in LINES_ABOVE for lane in view.lanes)
    emotion = emotion_height(rest)
    for lane in view.lanes:
        if lane.id in LINES_ABOVE:
            y = _blueprint_line(drawing, view, lane.id, width - GUTTER_RIGHT, y)
        if lane.id == "emotion":
            y = _emotion_lane(drawing, view, x_of, y, column, emotion)
            continue
        height = heights[lane.id]
        _header(drawing, lane.title, y, height, cls=f"lane {lane.id}")
        for c in columns:
            _cell(drawing, c, lane.id, x_of[id(c)], y, height, column)
        y += height
    return _source(view, drawing)


def overview_dot(view: MapView, width: float, height: float, sheet: str = "") -> str:
    """The whole journey drawn `width` × `height` pt, to print as it is: the title and legend, the
    personas, the phases and stages named, the touchpoints numbered as on the other sheets, and the
    emotion curve filling the rest."""
    drawing = _Drawing()
    columns = view.columns
    width -= 2 * PAD
    column = (width - HEADER_WIDTH - GUTTER_RIGHT) / max(len(columns), 1)
    x_of = {id(c): HEADER_WIDTH + column * i for i, c in enumerate(columns)}
    y = _title(drawing, view, width, sheet)
    y = _persona_block(drawing, view, width, y)
    y = _phases(drawing, view, x_of, y, column)
    y = _stage_names(drawing, view, x_of, y, column)
    y = _numbers(drawing, view, x_of, y, column)
    _emotion_lane(drawing, view, x_of, y, column, max(SMALLEST_EMOTION, height - 2 * PAD - y), expected=False)
    return _source(view, drawing)


PAD = 18.0  # pt: Graphviz's pad around the drawing (pad=0.25 in the graph's attributes)


def _stage_names(drawing: _Drawing, view: MapView, x_of: dict[int, float], y: float, column: float) -> float:
    """Each stage's name over its touchpoints, on as many lines as its width needs (at most three),
    cut short with … where even that is too narrow."""
    cells = []
    for stage_view in (s for p in view.phases for s in p.stages):
        wide = column * len(stage_view.columns)
        fits = int((wide - 2 * PADDING - 2) / (NOTE_SIZE * BOLD * CHAR_WIDTH))
        text = stage_view.stage.name if fits >= 3 else ""
        lines = (
            [
                _clip(line, wide, NOTE_SIZE * BOLD)
                for line in textwrap.wrap(
                    text, max(fits, 1), break_long_words=False, max_lines=3, placeholder="…"
                )
            ]
            if text
            else []
        )
        cells.append((stage_view, lines, wide))
    height = max(len(lines) for _, lines, _ in cells) * LINE_HEIGHT + 2 * PADDING
    for stage_view, lines, wide in cells:
        label = "<BR/>".join(
            f'<FONT POINT-SIZE="{NOTE_SIZE:g}"><B>{dot_label_text(line)}</B></FONT>' for line in lines
        )
        drawing.node(x_of[id(stage_view.columns[0])], y, wide, height, fillcolor=STAGE_FILL, label=_block(label, wide),
                     id=f"stage.{stage_view.stage.id}", tooltip=stage_view.stage.name, **{"class": "stage"})  # fmt: skip
    _header(drawing, view.t("Stage"), y, height, cls="lane stage")
    return y + height


def _numbers(drawing: _Drawing, view: MapView, x_of: dict[int, float], y: float, column: float) -> float:
    """The touchpoints' numbers, the ones the sheets give them; on two rows or more, staggered,
    where the columns are too narrow for one number each."""
    widest = len(str(max((c.number for c in view.columns), default=1))) * NOTE_SIZE * CHAR_WIDTH + 4
    rows = max(1, math.ceil(widest / column))
    for index, c in enumerate(view.columns):
        middle = x_of[id(c)] + column / 2
        drawing.node(middle - widest / 2, y + 2 + (index % rows) * 12, widest, 12, shape="plaintext", style="solid",
                     labelloc="c", id=f"number.{c.touchpoint.id}", tooltip=c.touchpoint.name,
                     label=Html(f'<FONT POINT-SIZE="{NOTE_SIZE:g}">{c.number}</FONT>'), **{"class": "number"})  # fmt: skip
    height = max(rows * 12 + 4, 34.0)  # room for the lane's title on two lines
    _header(drawing, view.t("Touchpoint"), y, height, cls="lane touchpoint")
    return y + height


EMOTION_SHARE = 0.18
"""Of the map's height, for the emotion curve: more than any text lane, less than a fifth."""
SMALLEST_EMOTION = 116.0


def emotion_height(rest: float) -> float:
    """The emotion lane's height when the rest of the drawing is `rest` tall."""
    return max(SMALLEST_EMOTION, rest * EMOTION_SHARE / (1 - EMOTION_SHARE))


def lane_heights(view: MapView, column: float = COLUMN_WIDTH) -> dict[str, float]:
    """The height of every lane but the emotion curve, as its tallest cell needs."""
    columns = view.columns
    return {
        lane.id: max([30.0] + [_height(c.cells[lane.id], column) for c in columns])
        for lane in view.lanes
        if lane.id != "emotion"
    }


def _source(view: MapView, drawing: _Drawing) -> str:
    head = [
        "// The journey map drawn by cjm render. Every node is pinned: 'dot -Tsvg' draws it,",
        "// and 'dot -Kneato -n -Tsvg' draws the same faster, without a layout step.",
        f"graph {_quoted(view.journey.id)} {{",
        f"  graph [{_attrs(layout='neato', inputscale=72, splines='line', overlap='true', outputorder='nodesfirst', bgcolor='white', pad=0.25, fontname=FONT, tooltip=view.journey.title)}]",
        f"  node [{_attrs(shape='box', style='filled', fixedsize='true', fontname=FONT, fontsize=TEXT_SIZE, fontcolor=INK, color='white', penwidth=GUTTER, labelloc='t', margin='0.08,0.06')}]",
        f"  edge [{_attrs(dir='none')}]",
    ]  # fmt: skip
    return "\n".join(head + drawing.lines + ["}"]) + "\n"


def _title(drawing: _Drawing, view: MapView, width: float, sheet: str = "") -> float:
    """The title, what the map is about, which sheet this is, and the legend: the personas'
    markers and every other mark the map draws, wrapped to the map's width."""
    title = [
        f'<FONT POINT-SIZE="18"><B>{dot_label_text(t)}</B></FONT>'
        for t in _wrap(view.journey.title, width, 18 * BOLD, 3)
    ]
    subtitle = [
        f'<FONT COLOR="{DIM}">{dot_label_text(t)}</FONT>' for t in _wrap(view.subtitle, width, TEXT_SIZE, 3)
    ]
    where = [f"<B>{dot_label_text(t)}</B>" for t in _wrap(sheet, width, TEXT_SIZE * BOLD, 3)] if sheet else []
    items = [
        (f'<FONT COLOR="{p.colour}">{p.glyph}</FONT> {dot_label_text(_clip(p.name, width))}', len(p.name) + 5)
        for p in view.personas
    ]
    items += [
        (f'<FONT COLOR="{KEY_COLOURS[k.role]}"><B>{k.sign}</B></FONT> <FONT COLOR="{DIM}">{dot_label_text(k.text)}</FONT>',
         len(k.text) + 4)
        for k in legend(view.t)
    ]  # fmt: skip
    room = (width - 2 * PADDING) / (NOTE_SIZE * CHAR_WIDTH)
    heading = view.t("Emotion curve:") + " "
    key, used = [dot_label_text(heading)], len(heading)
    for item, length in items:
        if used + length > room and used > 0:
            key.append("")
            used = 0
        key[-1] += item + "   "
        used += length
    key = [f'<FONT POINT-SIZE="{NOTE_SIZE:g}">{line}</FONT>' for line in key]
    lines = title + subtitle + where + key
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


def _phases(drawing: _Drawing, view: MapView, x_of: dict[int, float], y: float, column: float) -> float:
    for phase_view in view.phases:
        first, count = phase_view.columns[0], len(phase_view.columns)
        phase = phase_view.phase
        wide = column * count
        name = _clip(phase_view.heading, wide, TEXT_SIZE * BOLD)
        drawing.node(x_of[id(first)], y, wide, 24, fillcolor=PHASE_FILL, labelloc="c",
                     label=_block(f"<B>{dot_label_text(name)}</B>", wide), id=f"phase.{phase.id}",
                     tooltip=phase_view.title, **{"class": "phase"})  # fmt: skip
    _header(drawing, view.t("Phase"), y, 24, cls="lane phase")
    return y + 24


def _stages(drawing: _Drawing, view: MapView, x_of: dict[int, float], y: float, column: float) -> float:
    cells = []
    for phase_view in view.phases:
        for stage_view in phase_view.stages:
            stage = stage_view.stage
            lines = (Line(stage.name, "name"), *((Line(stage.scenario, "note"),) if stage.scenario else ()))
            cells.append((stage_view, lines, column * len(stage_view.columns)))
    height = max([_height(lines, w) for _, lines, w in cells] + [30.0])
    for stage_view, lines, w in cells:
        drawing.node(x_of[id(stage_view.columns[0])], y, w, height, fillcolor=STAGE_FILL,
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


def _cell(
    drawing: _Drawing, column: Column, lane: str, x: float, y: float, height: float, wide: float
) -> None:
    attrs: dict[str, object] = {"fillcolor": CELL_FILL}
    lines = column.cells[lane]
    if lane == "touchpoint":
        classes = ["touchpoint"] + ["pain"] * column.is_pain + ["truth"] * column.is_truth
        classes += ["pain-point"] * column.is_pain_point
        attrs.update(
            id=f"touchpoint.{column.touchpoint.id}",
            tooltip=column.touchpoint.name,
            **{"class": " ".join(classes)},
        )
        if column.is_pain:
            attrs.update(fillcolor=PAIN_FILL, color=PAIN_INK)
        elif column.is_truth:
            attrs.update(fillcolor=TRUTH_FILL, color=TRUTH_INK)
        if column.number:  # the number the overview and every sheet give this touchpoint
            lines = tuple(
                Line(f"{column.number} · {x.text}", x.style) if x.style == "name" else x for x in lines
            )
    else:
        attrs["class"] = f"cell {lane}"
    drawing.node(x, y, wide, height, label=_label(lines, wide), **attrs)


def _emotion_lane(
    drawing: _Drawing,
    view: MapView,
    x_of: dict[int, float],
    y: float,
    column: float,
    height: float,
    *,
    expected: bool = True,
) -> float:
    """One line per persona across the columns; +2 at the top, -2 at the bottom.

    A line joins only touchpoints side by side that its persona passes: where the persona skips
    one, the line stops and starts again after the gap. Personas who feel the same at the same
    touchpoint are set side by side, so no marker hides another. A Moment of Pain the team marked
    rings the points of those it hurts, with ▼ under them; a negative emotion alone gets a lighter
    ▽; a Moment of Truth puts ★ over the points. Each persona's name stands in the gutter right of
    the map, spread so that no two overlap, with a leader line from the last point of its line.
    """
    top, bottom = 22.0, 16.0  # room for the lane's title, and for the marks over and under the points
    step = math.floor((height - top - bottom) / 4)  # whole points: the levels evenly spaced to the point
    t = view.t
    _header(drawing, t("Emotion"), y, height, cls="lane emotion")

    def level(score: float) -> float:
        return y + top + step * (2 - score)

    for c in view.columns:
        drawing.node(x_of[id(c)], y, column, height, fillcolor="white", label="", **{"class": "cell emotion"})
    right = HEADER_WIDTH + column * len(view.columns)
    for score in (2, 1, 0, -1, -2):
        scale = signed_in(score, t) + (f" {emotion_word(score, t)}" if score in (2, 0, -2) else "")
        wide = len(scale) * NOTE_SIZE * CHAR_WIDTH
        drawing.node(HEADER_WIDTH - 4 - wide, level(score) - 7, wide, 14, shape="plaintext", style="solid",
                     label=Html(f'<FONT POINT-SIZE="{NOTE_SIZE:g}" COLOR="{DIM}">{dot_label_text(scale)}</FONT>'),
                     labelloc="c", **{"class": "scale"})  # fmt: skip
        drawing.edge(drawing.anchor(HEADER_WIDTH, level(score)), drawing.anchor(right, level(score)),
                     color=DIM if score == 0 else GRID, penwidth=0.8 if score == 0 else 0.5,
                     **{"class": "level"})  # fmt: skip
    place = _places(view, x_of, column)
    ends: list[tuple[Persona, float, float]] = []
    for persona in view.personas:
        key = persona.id or "everyone"  # an id, not a word
        previous: str | None = None
        last: tuple[float, float] | None = None
        for number, c in enumerate(view.columns):
            point = next((p for p in c.points if p.persona == persona.id), None)
            if point is None or point.emotion is None:
                previous = None  # the persona does not pass here: the line breaks
                continue
            x, at = place[(id(c), persona.id)], level(point.emotion)
            tip = t("{persona} at {touchpoint}: {score}", persona=persona.name, touchpoint=c.touchpoint.name,
                    score=signed_in(point.emotion, t))  # fmt: skip
            if expected and point.expected is not None and point.expected != point.emotion:
                hoped = signed_in(point.expected, t)
                tip += " " + t("(expected {score})", score=hoped)
                hollow = _marker(drawing, x, level(point.expected), persona.marker, "white", persona.colour,
                                 id=f"expected.{key}.{c.touchpoint.id}", tooltip=t("{persona} expected {score}", persona=persona.name, score=hoped),
                                 **{"class": "expected"})  # fmt: skip
                drawing.edge(hollow, drawing.anchor(x, at), color=persona.colour, style="dashed", penwidth=0.8,
                             **{"class": "gap"})  # fmt: skip
            hurt = feels_pain(point)
            if hurt and c.is_pain:
                ring = MARKER_SIZE + 7
                drawing.node(x - ring / 2, at - ring / 2, ring, ring, shape="circle", style="solid", color=PAIN,
                             penwidth=1.8, label="", id=f"pain.{key}.{c.touchpoint.id}", **{"class": "pain-ring"})  # fmt: skip
            name = _marker(drawing, x, at, persona.marker, persona.colour, "white", id=f"point.{key}.{c.touchpoint.id}",
                           tooltip=tip, **{"class": f"point emotion{point.emotion:+d}" + " hurt" * hurt})  # fmt: skip
            if previous is not None:
                drawing.edge(previous, name, color=persona.colour, penwidth=2.2, **{"class": f"curve {key}"})
            previous = name
            last = (x, at)
            del number
        if last is not None:
            ends.append((persona, *last))
    _moment_marks(drawing, view, x_of, column, level)
    _end_labels(drawing, ends, right, y + 4, y + height - 4)
    return y + height


def _places(view: MapView, x_of: dict[int, float], column: float) -> dict[tuple[int, str | None], float]:
    """Where each persona's point stands across its column: in the middle, or, where several
    personas feel the same there, side by side."""
    placed: dict[tuple[int, str | None], float] = {}
    for c in view.columns:
        same: dict[int, list[str | None]] = {}
        for point in c.points:
            if point.emotion is not None:
                same.setdefault(point.emotion, []).append(point.persona)
        for personas in same.values():
            apart = min(MARKER_SIZE + 2, (column - 4) / len(personas))
            for index, persona in enumerate(personas):
                placed[(id(c), persona)] = (
                    x_of[id(c)] + column / 2 + (index - (len(personas) - 1) / 2) * apart
                )
    return placed


def _moment_marks(
    drawing: _Drawing, view: MapView, x_of: dict[int, float], column: float, level: Callable[[float], float]
) -> None:
    """★ over a Moment of Truth's highest point; ▼ under a marked Moment of Pain's lowest point
    among those it hurts, ▽ under a pain point's; on columns too narrow for them side by side, a
    mark that would touch its neighbour's steps further out."""
    placed: list[tuple[float, float]] = []

    def free(x: float, y: float, step: float) -> float:
        while any(abs(x - px) < 12 and abs(y - py) < 12 for px, py in placed):
            y += step
        placed.append((x, y))
        return y

    for c in view.columns:
        scores = [p.emotion for p in c.points if p.emotion is not None]
        hurt = [p.emotion for p in c.points if p.emotion is not None and feels_pain(p)]
        middle = x_of[id(c)] + column / 2
        if c.is_truth and scores:
            _mark(
                drawing,
                middle,
                free(middle, level(max(scores)) - MARKER_SIZE - 4, -11),
                TRUTH_SIGN,
                TRUTH,
                "truth-mark",
            )
        if hurt:
            sign, colour, cls = (
                (PAIN_SIGN, PAIN, "pain-mark")
                if c.is_pain
                else (PAIN_POINT_SIGN, PAIN_POINT, "pain-point-mark")
            )
            _mark(drawing, middle, free(middle, level(min(hurt)) + MARKER_SIZE + 5, 11), sign, colour, cls)


def _mark(drawing: _Drawing, x: float, y: float, sign: str, colour: str, cls: str) -> None:
    drawing.node(x - 6, y - 6, 12, 12, shape="plaintext", style="solid", labelloc="c",
                 label=Html(f'<FONT POINT-SIZE="{NOTE_SIZE:g}" COLOR="{colour}">{sign}</FONT>'), **{"class": cls})  # fmt: skip


LABEL_HEIGHT = 12.0


def _end_labels(
    drawing: _Drawing, ends: list[tuple[Persona, float, float]], right: float, top: float, bottom: float
) -> None:
    """The personas' names in the gutter right of the map, each level with its line's last point
    where it can be, spread so that no two overlap, with a dotted leader line to that point."""
    order = sorted(ends, key=lambda end: end[2])
    wanted = spread([y for *_, y in order], top, bottom, LABEL_HEIGHT)
    for (persona, x, y), at in zip(order, wanted, strict=True):
        key = persona.id or "everyone"
        text = _clip(persona.name, GUTTER_RIGHT - 10, NOTE_SIZE * BOLD)
        label = drawing.node(right + 8, at - LABEL_HEIGHT / 2, GUTTER_RIGHT - 10, LABEL_HEIGHT, shape="plaintext",
                             style="solid", labelloc="c", id=f"end.{key}",
                             label=_block(f'<FONT POINT-SIZE="{NOTE_SIZE:g}" COLOR="{persona.colour}"><B>{dot_label_text(text)}</B></FONT>', GUTTER_RIGHT - 10),
                             **{"class": "end-label"})  # fmt: skip
        del label
        drawing.edge(drawing.anchor(x + MARKER_SIZE / 2 + 1, y), drawing.anchor(right + 8, at),
                     color=persona.colour, style="dotted", penwidth=0.8, **{"class": f"leader {key}"})  # fmt: skip


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
    badge = ("pain", "truth", "pain-point")
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
    if line.style in ("pain", "truth", "pain-point"):
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
