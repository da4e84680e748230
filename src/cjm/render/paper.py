"""The map laid out for printing: split into sheets of a paper size, each scaled to fit it.

A long journey fitted to one sheet prints too small to read. With a paper size, the map is cut
into sheets at stage boundaries only: each sheet takes as many whole stages as fit at a scale
where no text prints under 6 pt, and repeats the title, the persona legend, the lane labels and
the phase and stage bands. A stage too wide for a sheet alone gets a sheet of its own, scaled
down as far as needed (and a warning says how small its text prints). A journey of more than
one sheet opens on an overview: the bands and the emotion curve only, fitted to the sheet.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from cjm.present.theme import NOTE_SIZE
from cjm.render.papers import MM, PAPERS, PaperName
from cjm.render.view import MapView, StageView

MARGIN = 10 * MM  # on every side: what most printers can reach
SMALLEST_PRINTED = 6.0  # pt: the smallest text a sheet prints
SMALLEST_DRAWN = math.floor(NOTE_SIZE)  # pt: the smallest text drawn (Graphviz sets 9.5 pt at 9)
PAD = 18.0  # pt: Graphviz's pad around the drawing (pad=0.25 in dot.py)


@dataclass(frozen=True)
class Paper:
    name: PaperName
    width: float  # pt
    height: float  # pt

    @property
    def room(self) -> tuple[float, float]:
        """The printable width and height, inside the margins."""
        return self.width - 2 * MARGIN, self.height - 2 * MARGIN


def paper(name: PaperName, landscape: bool = False) -> Paper:
    """The sheet `name` (a4, a3, … letter, tabloid), portrait unless `landscape`."""
    width, height = PAPERS[name]
    return Paper(name, *((height, width) if landscape else (width, height)))


@dataclass(frozen=True)
class Sheet:
    view: MapView
    source: str  # DOT
    size: tuple[float, float]  # of the drawing, pt, before scaling
    scale: float  # printed size / drawn size
    overview: bool = False

    @property
    def smallest(self) -> float:
        """The smallest text on the sheet, in printed points."""
        return SMALLEST_DRAWN * self.scale


def sheets(view: MapView, sheet: Paper) -> list[Sheet]:
    """The map cut into sheets at stage boundaries, an overview first when there are several.

    The persona block is on the overview (or the only sheet); the others repeat the legend only,
    so that the map's own lanes keep the room."""
    whole = _drawn(view, sheet)
    if whole.smallest >= SMALLEST_PRINTED:
        return [whole]
    view = replace(view, persona_block=False)
    stages = groups(view, lambda candidate: _drawn(candidate, sheet).smallest >= SMALLEST_PRINTED)
    drawn = [page for group in stages for page in _pages(part(view, group), sheet)] or [
        _sheet(view, [], sheet)
    ]
    common = min((s.scale for s in drawn if s.smallest >= SMALLEST_PRINTED), default=1.0)
    drawn = [s if s.smallest < SMALLEST_PRINTED else replace(s, scale=common) for s in drawn]
    if len(drawn) > 1:
        drawn.insert(0, overview(replace(view, persona_block=True), sheet))
    return drawn


def _pages(view: MapView, sheet: Paper) -> list[Sheet]:
    """A group of stages on one sheet; when even one stage is too tall for the sheet at 6 pt, its
    lanes on as many sheets as it takes, each sheet opening on the touchpoint lane again (the
    line between two lanes that part is then at a sheet's edge)."""
    whole = _drawn(view, sheet)
    if whole.smallest >= SMALLEST_PRINTED or len(view.lanes) < 3:
        return [whole]
    first, packs = view.lanes[0], [[view.lanes[0]]]
    for lane in view.lanes[1:]:
        candidate = replace(view, lanes=(*packs[-1], lane))
        if len(packs[-1]) == 1 or _drawn(candidate, sheet).smallest >= SMALLEST_PRINTED:
            packs[-1].append(lane)
        else:
            packs.append([first, lane])
    pages = [_drawn(replace(view, lanes=tuple(pack)), sheet) for pack in packs]
    # Lanes help a stage too tall for the sheet, not one too wide: then it stays whole, and warned of.
    return pages if all(page.smallest >= SMALLEST_PRINTED for page in pages) else [whole]


def overview(view: MapView, sheet: Paper) -> Sheet:
    """The whole journey on one sheet: the phase and stage bands and the emotion curve."""
    return replace(_drawn(replace(view, lanes=tuple(x for x in view.lanes if x.id == "emotion")), sheet),
                   overview=True)  # fmt: skip


def _sheet(view: MapView, stages: list[StageView], sheet: Paper) -> Sheet:
    return _drawn(part(view, stages), sheet)


def part(view: MapView, stages: list[StageView]) -> MapView:
    """The map of `stages` only, with every lane of the whole map."""
    keep = {id(s) for s in stages}
    phases = tuple(
        replace(p, stages=tuple(s for s in p.stages if id(s) in keep))
        for p in view.phases
        if any(id(s) in keep for s in p.stages)
    )
    return replace(view, phases=phases)


def groups(view: MapView, fits: Callable[[MapView], bool]) -> list[list[StageView]]:
    """The stages in groups, each as many whole stages as `fits` one sheet (at least one)."""
    found: list[list[StageView]] = []
    for stage in (s for p in view.phases for s in p.stages):
        if found and fits(part(view, found[-1] + [stage])):
            found[-1].append(stage)
        else:
            found.append([stage])
    return found


def _drawn(view: MapView, sheet: Paper) -> Sheet:
    from cjm.render.output.dot import to_dot

    source = to_dot(view)
    width, height = extent(source)
    room_width, room_height = sheet.room
    return Sheet(view, source, (width, height), min(1.0, room_width / width, room_height / height))


_NODE = re.compile(r'pos="(-?[\d.]+),(-?[\d.]+)!", width="?([\d.]+)"?, height="?([\d.]+)"?')


def extent(source: str) -> tuple[float, float]:
    """The width and height of the drawing of DOT `source`, pad included, from its pinned nodes."""
    right = bottom = 0.0
    for x, y, width, height in _NODE.findall(source):
        right = max(right, float(x) + float(width) * 36)
        bottom = max(bottom, -float(y) + float(height) * 36)
    return right + 2 * PAD, bottom + 2 * PAD


def draw(sheet: Sheet, output_format: str, paper_size: Paper) -> str | bytes:
    """One sheet in svg (sized to print at its scale), png (150 dpi at print size) or pdf (one
    page of the paper size, the drawing centred on it)."""
    from cjm.render.output.graphviz import draw as graphviz

    if output_format == "png":
        return graphviz(_with(sheet.source, dpi=round(150 * sheet.scale, 2)), "png")
    drawn = graphviz(sheet.source, output_format)
    if isinstance(drawn, str):
        return _svg_scaled(drawn, sheet.scale)
    return _pdf_on_paper(drawn, sheet.scale, paper_size)


def pdf(pages: list[bytes]) -> bytes:
    """The sheets' PDFs joined into one document, in order."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in pages:
        writer.add_page(PdfReader(io.BytesIO(page)).pages[0])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _with(source: str, **attrs: float) -> str:
    """DOT `source` with more graph attributes."""
    extra = ", ".join(f"{key}={value:g}" for key, value in attrs.items())
    return source.removesuffix("}\n") + f"  graph [{extra}]\n}}\n"


_SIZE = re.compile(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"')


def _svg_scaled(svg: str, scale: float) -> str:
    """The SVG printed at `scale`: its size shrinks, its viewBox (the drawing's units) stays."""

    def scaled(match: re.Match[str]) -> str:
        width, height = (float(match[i]) * scale for i in (1, 2))
        return f'<svg width="{width:.2f}pt" height="{height:.2f}pt"'

    return _SIZE.sub(scaled, svg, count=1)


def _pdf_on_paper(drawn: bytes, scale: float, sheet: Paper) -> bytes:
    from pypdf import PdfReader, PdfWriter, Transformation
    from pypdf.generic import RectangleObject

    writer = PdfWriter()
    page = writer.add_page(PdfReader(io.BytesIO(drawn)).pages[0])
    width, height = float(page.mediabox.width) * scale, float(page.mediabox.height) * scale
    left, bottom = (sheet.width - width) / 2, (sheet.height - height) / 2
    page.add_transformation(Transformation().scale(scale).translate(left, bottom))
    page.mediabox = page.cropbox = RectangleObject((0, 0, sheet.width, sheet.height))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
