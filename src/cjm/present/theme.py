"""The look every format shares: one colour and one marker shape per persona, and the marker
drawn in SVG. Formats read these; none defines its own persona colours."""

from __future__ import annotations

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2")
"""One colour per persona, in the order the journey lists them."""
MARKERS = (("circle", "●"), ("square", "■"), ("triangle", "▲"), ("diamond", "◆"))
"""And one marker shape per persona (with the character that stands for it in text), so that
the curves can be told apart in black and white."""


def persona_look(index: int) -> tuple[str, str, str]:
    """The colour, marker shape and marker character of the journey's `index`-th persona."""
    return (PALETTE[index % len(PALETTE)], *MARKERS[index % len(MARKERS)])


def marker_svg(shape: str, fill: str, stroke: str) -> str:
    """A persona's marker, centred on 0,0."""
    paint = f"fill='{fill}' stroke='{stroke}' stroke-width='1.5'"
    if shape == "circle":
        return f"<circle r='5' {paint}/>"
    if shape == "square":
        return f"<rect x='-4.5' y='-4.5' width='9' height='9' {paint}/>"
    if shape == "triangle":
        return f"<polygon points='0,-6 5.5,4.5 -5.5,4.5' {paint}/>"
    return f"<polygon points='0,-6 6,0 0,6 -6,0' {paint}/>"
