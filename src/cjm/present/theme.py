"""The look every format shares: colours, type sizes and spacing, one colour and one marker
shape per persona, and the marker drawn in SVG. Formats read these; none defines its own.

The persona colours are taken from Okabe and Ito's palette, without its red and green, so that
they stay apart from each other and from the status colours (pain, target met, target missed) for
readers with any of the three common colour vision deficiencies; tests/test_theme.py checks it.
Every status is also said with a sign or a word ("▼ pain", "✓ meets target"), never by colour
alone, and every persona has its own marker shape, so a map printed in grey still reads.
"""

from __future__ import annotations

from typing import Literal

# Colours of the page
INK = "#1d2433"
DIM = "#5b6478"
FAINT = "#687083"  # the darkest grey of the scale: 4.5:1 on a cell, as text must be
GRID = "#c9d0dd"
RULE = "#e3e7ef"  # borders of boxes on a page
CELL_FILL = "#f4f6fa"
HEADER_FILL = "#e3e8f0"
PHASE_FILL = "#dfe3ea"  # neutral: a phase is told by its name, and colour is kept for status
STAGE_FILL = "#eef0f4"

# Colours of a status, each also said by its sign
PAIN = "#b3261e"  # a Moment of Pain, a problem, a metric that misses its target: "▼", "✗"
PAIN_FILL = "#fde4e2"
MET = "#1b7a3a"  # a metric that meets its target, a good feeling: "✓"
TRUTH = "#8a5a00"  # a Moment of Truth: "★"
TRUTH_FILL = "#fff1c7"
PAIN_POINT = "#b04d45"  # a negative emotion not marked as a Moment of Pain: lighter, hollow "▽"
STATUS_COLOURS = {"pain": PAIN, "below": PAIN, "met": MET, "truth": TRUTH}
PAIN_SIGN, TRUTH_SIGN, MET_SIGN, BELOW_SIGN = "▼", "★", "✓", "✗"
PAIN_POINT_SIGN = "▽"  # a negative emotion the team did not mark as a Moment of Pain: hollow, lighter
KeyRole = Literal["pain", "pain-point", "truth", "met", "below", "ink", "dim"]
"""The roles a legend entry is drawn in."""
KEY_COLOURS: dict[KeyRole, str] = {"pain": PAIN, "pain-point": PAIN_POINT, "truth": TRUTH, "met": MET,
                                   "below": PAIN, "ink": INK, "dim": DIM}  # fmt: skip
"""The colour of each role a legend entry is drawn in."""
ROLES = {
    "ink": INK, "dim": DIM, "faint": FAINT, "grid": GRID, "rule": RULE, "cell": CELL_FILL, "header": HEADER_FILL,
    "phase": PHASE_FILL, "stage": STAGE_FILL, "pain": PAIN, "pain-fill": PAIN_FILL, "pain-point": PAIN_POINT,
    "truth": TRUTH, "truth-fill": TRUTH_FILL, "met": MET, "below": PAIN,
}  # fmt: skip
"""Every colour of the page by the role it plays: what `render --format json` gives other tools."""

PALETTE = ("#00429d", "#e69f00", "#cc79a7", "#56b4e9", "#000000")
"""One colour per persona, in the order the journey lists them (not the order a map shows)."""
MARKERS = (("circle", "●"), ("square", "■"), ("triangle", "▲"), ("diamond", "◆"), ("pentagon", "⬟"))
"""And one marker shape per persona (with the character that stands for it in text), so that
the curves can be told apart in black and white."""

# Type, in points (the drawing) or px (the HTML page): title > phase > stage > touchpoint > detail
FONT = "Helvetica"
TITLE_SIZE = 20.0
PHASE_SIZE = 14.0
STAGE_SIZE = 12.0
TEXT_SIZE = 11.0  # a touchpoint's name and a cell's text
NOTE_SIZE = 9.5  # details: notes, badges, the scale
LINE_HEIGHT = 13.5
MARKER_SIZE = 10.0  # of a persona's marker on the emotion curve, pt or px: never under 8

# Spacing
PADDING = 6.0
GUTTER = 2.0


def persona_look(index: int) -> tuple[str, str, str]:
    """The colour, marker shape and marker character of the journey's `index`-th persona."""
    return (PALETTE[index % len(PALETTE)], *MARKERS[index % len(MARKERS)])


def marker_svg(shape: str, fill: str, stroke: str, size: float = MARKER_SIZE) -> str:
    """A persona's marker, centred on 0,0, `size` across."""
    paint = f"fill='{fill}' stroke='{stroke}' stroke-width='1.5'"
    r = size / 2
    if shape == "circle":
        return f"<circle r='{r:g}' {paint}/>"
    if shape == "square":
        return f"<rect x='{-r * 0.9:g}' y='{-r * 0.9:g}' width='{size * 0.9:g}' height='{size * 0.9:g}' {paint}/>"
    if shape == "triangle":
        return f"<polygon points='0,{-r * 1.2:g} {r * 1.1:g},{r * 0.9:g} {-r * 1.1:g},{r * 0.9:g}' {paint}/>"
    if shape == "pentagon":
        points = "0,{a:g} {b:g},{c:g} {d:g},{e:g} {f:g},{e:g} {g:g},{c:g}".format(
            a=-r * 1.1, b=r * 1.05, c=-r * 0.3, d=r * 0.65, e=r * 0.95, f=-r * 0.65, g=-r * 1.05
        )
        return f"<polygon points='{points}' {paint}/>"
    return f"<polygon points='0,{-r * 1.2:g} {r * 1.2:g},0 0,{r * 1.2:g} {-r * 1.2:g},0' {paint}/>"
