"""The emotion curve in SVG, the same on every HTML page that draws it.

One line per persona across the touchpoints, +2 at the top and -2 at the bottom; a marker per
point (the persona's shape and colour), a hollow one where the persona expected something else,
and a red ring where the touchpoint is a Moment of Pain for that persona.

It reads plain values, not the report or the map: the page says which touchpoints stand side
by side, where each persona passes and what it feels there, and how big to draw; what is the
page's own (the report's stage bands and slanted names, the map's table) it draws around this.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Literal

from cjm.present.escape import html_text as esc
from cjm.present.i18n import Words, words
from cjm.present.theme import (
    DIM,
    FAINT,
    GRID,
    MARKER_SIZE,
    PAIN,
    PAIN_POINT,
    PAIN_POINT_SIGN,
    PAIN_SIGN,
    TRUTH,
    TRUTH_SIGN,
    marker_svg,
)
from cjm.present.words import emotion_word, signed_in, word

SCORES = (2, 1, 0, -1, -2)


@dataclass(frozen=True)
class Column:
    """A touchpoint along the curve, in the order the journey passes them."""

    id: str
    name: str


@dataclass(frozen=True)
class Point:
    """Where one persona passes: the column's index, the emotion felt and the one expected
    there, and whether the touchpoint is a Moment of Pain for this persona."""

    column: int
    emotion: int
    expected: int | None = None
    pain: bool = False
    truth: bool = False  # a Moment of Truth where this persona passes
    pain_point: bool = False  # a negative emotion where no Moment of Pain is marked: a lighter ▽


@dataclass(frozen=True)
class Line:
    """One persona's curve: a point only where it passes and records an emotion."""

    id: str  # written as data-persona; "" for a journey that names no personas
    name: str
    colour: str
    marker: str  # circle, square, triangle or diamond
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Frame:
    """Where to draw, in px. Column i is `column` wide and starts at left + i × (column + gap);
    +2 is at `top` and the scores are `level` apart. The scale is written left of the grid with
    its words ("outside", which needs `left` px of room) or small over each line ("inside")."""

    width: float
    height: float
    left: float
    top: float
    column: float
    level: float
    gap: float = 0
    scale: Literal["outside", "inside"] = "inside"
    font_size: int = 10
    fluid: bool = False  # scale with the page (not below two thirds), rather than a fixed size
    gutter: float = 0  # px right of the grid for the personas' names; 0: each name by its last point
    breaks: Literal["dotted", "gap"] = "dotted"  # what a line draws over touchpoints a persona skips

    def x(self, index: int) -> float:
        """The centre of column `index`."""
        return self.left + index * (self.column + self.gap) + self.column / 2

    def y(self, score: float) -> float:
        return self.top + self.level * (2 - score)

    def right(self, columns: int) -> float:
        """The right edge of the last of `columns` columns."""
        return self.left + columns * (self.column + self.gap) - self.gap


def svg(
    title: str,
    columns: list[Column],
    lines: list[Line],
    frame: Frame,
    *,
    under: str = "",
    over: str = "",
    t: Words,
) -> str:
    """The whole <svg>: `under` is drawn before the grid (bands), `over` after the curve (labels);
    its words (the scale, the tooltips) in the language of `t`."""
    w, h = frame.width, frame.height
    size = (
        f"width='100%' style='min-width:{w * 2 // 3:g}px' preserveAspectRatio='xMinYMin meet'"
        if frame.fluid
        else f"width='{w:g}' height='{h:g}'"
    )
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' class='emotion-curve' role='img' {size} viewBox='0 0 {w:g} {h:g}'"
        f" font-family='system-ui,sans-serif' font-size='{frame.font_size}'><title>{esc(title)}</title>"
        f"{under}{grid(frame, len(columns), t)}{curves(columns, lines, frame, t)}{over}</svg>"
    )


def grid(frame: Frame, columns: int, t: Words | None = None) -> str:
    """One line per score, evenly spaced, 0 solid and the others dashed, each with its label."""
    t = t or words()
    parts = []
    x0, x1 = frame.left, frame.right(max(columns, 1))
    for score in SCORES:
        y = frame.y(score)
        dash = "" if score == 0 else " stroke-dasharray='3 4'"
        parts.append(
            f"<line class='level' x1='{x0:g}' x2='{x1:g}' y1='{y:g}' y2='{y:g}' stroke='{GRID}'{dash}/>"
        )
        if frame.scale == "outside":
            label = signed_in(score, t) + (f" {emotion_word(score, t)}" if score in (2, 0, -2) else "")
            parts.append(
                f"<text x='{x0 - 8:g}' y='{y + 4:g}' text-anchor='end' fill='{DIM}'>{esc(label)}</text>"
            )
        else:
            label = signed_in(score, t) + (f" {emotion_word(score, t)}" if score in (2, 0, -2) else "")
            parts.append(f"<text x='{x0 + 3:g}' y='{y - 3:g}' fill='{FAINT}'>{esc(label)}</text>")
    return "".join(parts)


def curves(columns: list[Column], lines: list[Line], frame: Frame, t: Words | None = None) -> str:
    """Every persona's line first, then the points over all the lines, so none hides a marker.

    Where several personas pass the same touchpoint, each is shifted a little sideways so that
    equal emotions do not draw one marker over the other.
    """
    t = t or words()
    spread = min(8.0, (frame.column - 40) / max(len(lines) - 1, 1))
    shifted = [(line, (i - (len(lines) - 1) / 2) * spread) for i, line in enumerate(lines)]
    paths, points, ends = [], [], []
    lasts: list[tuple[Line, float, float]] = []
    for line, dx in shifted:
        felt = sorted(line.points, key=lambda p: p.column)
        runs = _runs(felt)  # a break where the persona does not pass: only a thin dotted line over it
        for run, following in itertools.pairwise(runs if frame.breaks == "dotted" else []):
            ends_at = f"{frame.x(run[-1].column) + dx:g},{frame.y(run[-1].emotion):g}"
            starts_at = f"{frame.x(following[0].column) + dx:g},{frame.y(following[0].emotion):g}"
            paths.append(f"<polyline class='skip' data-persona='{esc(line.id)}' points='{ends_at} {starts_at}'"
                         f" fill='none' stroke='{line.colour}' stroke-width='1.2' stroke-dasharray='2 4'/>")  # fmt: skip
        for run in runs:
            if len(run) > 1:
                path = " ".join(f"{frame.x(p.column) + dx:g},{frame.y(p.emotion):g}" for p in run)
                paths.append(f"<polyline class='curve' data-persona='{esc(line.id)}' points='{path}' fill='none'"
                             f" stroke='{line.colour}' stroke-width='2.5'/>")  # fmt: skip
        points += [_point(line, p, columns[p.column], frame.x(p.column) + dx, frame, t) for p in felt]
        if felt and not frame.gutter:
            ends.append(_end_label(line, felt[-1], frame.x(felt[-1].column) + dx, frame, len(columns)))
        elif felt:
            lasts.append((line, frame.x(felt[-1].column) + dx, frame.y(felt[-1].emotion)))
    if lasts:
        ends = _gutter_labels(lasts, frame, frame.right(max(len(columns), 1)))
    return "".join(paths + points + ends)


def spread(wanted: list[float], top: float, bottom: float, height: float) -> list[float]:
    """Where to set labels `height` tall that would each stand at its `wanted` height (sorted top
    to bottom), as near to it as they can between `top` and `bottom` with no two overlapping."""
    at = [max(top, min(y, bottom - height * (len(wanted) - i))) for i, y in enumerate(wanted)]
    for i in range(1, len(at)):
        at[i] = max(at[i], at[i - 1] + height)
    return at


def _gutter_labels(lasts: list[tuple[Line, float, float]], frame: Frame, right: float) -> list[str]:
    """The personas' names in the gutter right of the grid, each level with its line's last point
    where it can be, spread so that no two overlap, with a dotted leader line to that point."""
    order = sorted(lasts, key=lambda last: last[2])
    height = frame.font_size + 3
    top, bottom = frame.y(2) - frame.level / 2, frame.y(-2) + frame.level / 2
    room = max(int((frame.gutter - 10) / (frame.font_size * 0.62)), 4)  # characters the gutter holds
    labels = []
    for (line, x, y), at in zip(order, spread([y for *_, y in order], top, bottom, height), strict=True):
        labels.append(
            f"<line class='leader' data-persona='{esc(line.id)}' x1='{x + MARKER_SIZE / 2 + 1:g}' y1='{y:g}'"
            f" x2='{right + 6:g}' y2='{at:g}' stroke='{line.colour}' stroke-width='0.8' stroke-dasharray='1 2'/>"
            f"<text class='end-label' data-persona='{esc(line.id)}' x='{right + 8:g}' y='{at + frame.font_size / 3:g}'"
            f" fill='{line.colour}' font-weight='600'>{esc(_clipped(line.name, room))}</text>"
        )  # fmt: skip
    return labels


def _clipped(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def _runs(points: list[Point]) -> list[list[Point]]:
    """Points on touchpoints side by side, split where the persona skips one."""
    runs: list[list[Point]] = []
    for point in points:
        if runs and runs[-1][-1].column == point.column - 1:
            runs[-1].append(point)
        else:
            runs.append([point])
    return runs


def _end_label(line: Line, point: Point, x: float, frame: Frame, columns: int) -> str:
    """The persona's name by the last point of its line; leftwards at the map's right edge."""
    last = point.column == columns - 1
    anchor, dx = ("end", -9) if last else ("start", 9)
    return (f"<text class='end-label' data-persona='{esc(line.id)}' x='{x + dx:g}' y='{frame.y(point.emotion) - 7:g}'"
            f" text-anchor='{anchor}' fill='{line.colour}' font-weight='600'>{esc(line.name)}</text>")  # fmt: skip


def _point(line: Line, point: Point, column: Column, x: float, frame: Frame, t: Words) -> str:
    y = frame.y(point.emotion)
    tip = t("{persona} at {touchpoint}: {score}", persona=line.name, touchpoint=column.name,
            score=signed_in(point.emotion, t))  # fmt: skip
    drawn = ""
    if point.expected is not None and point.expected != point.emotion:
        tip += " " + t("(expected {score})", score=signed_in(point.expected, t))
        drawn = (f"<line x1='{x:g}' x2='{x:g}' y1='{frame.y(point.expected):g}' y2='{y:g}' stroke='{line.colour}'"
                 f" stroke-dasharray='3 3'/><g class='expected' transform='translate({x:g},{frame.y(point.expected):g})'>"
                 f"{marker_svg(line.marker, 'white', line.colour)}</g>")  # fmt: skip
    ring = ""
    if point.pain:  # a ring and a sign, not colour alone
        tip += f" · {word('pain', t)}"
        ring = (f"<circle r='{MARKER_SIZE / 2 + 4:g}' fill='none' stroke='{PAIN}' stroke-width='2'/>"
                f"<text class='pain-mark' y='{MARKER_SIZE + 11:g}' text-anchor='middle' fill='{PAIN}'>{PAIN_SIGN}</text>")  # fmt: skip
    if point.pain_point:
        ring = (f"<text class='pain-point-mark' y='{MARKER_SIZE + 11:g}' text-anchor='middle' fill='{PAIN_POINT}'>"
                f"{PAIN_POINT_SIGN}</text>")  # fmt: skip
    if point.truth:
        tip += f" · {word('truth', t)}"
        ring += (f"<text class='truth-mark' y='{-MARKER_SIZE:g}' text-anchor='middle' fill='{TRUTH}'>"
                 f"{TRUTH_SIGN}</text>")  # fmt: skip
    pain = " data-pain='yes'" if point.pain or point.pain_point else ""  # hurt here, marked or not
    pain += " data-moment='pain'" if point.pain else ""
    return (f"{drawn}<g class='point'{pain} transform='translate({x:g},{y:g})' data-persona='{esc(line.id)}'"
            f" data-touchpoint='{esc(column.id)}' data-emotion='{point.emotion}'>{ring}"
            f"{marker_svg(line.marker, line.colour, 'white')}<title>{esc(tip)}</title></g>")  # fmt: skip
