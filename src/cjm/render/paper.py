"""The map laid out for printing: a grid of sheets of one paper size, each scaled to fit it.

A long journey fitted to one sheet prints too small to read. With a paper size, the map becomes a
grid of sheets, hung side by side on a wall:

- across, the stages go side by side, cut only between stages; as many as fit a sheet at a scale
  where no text prints under 6 pt, spread evenly so that every sheet is about as full. A stage
  wider than a sheet alone is cut between two touchpoints, and a warning says so once.
- down, when the lanes are taller than a sheet, they go on a second row of sheets (a third…),
  each repeating the touchpoint lane, and never a row of one lane.

Every sheet repeats the title, the legend, the lane labels and the phase and stage bands, and
says which sheet it is and which sheets go on left, right and below. A map of more than one sheet
opens on an overview: the whole journey's emotion curve filling a sheet, its stages and phases
named, its touchpoints numbered as on the sheets.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from cjm.present.i18n import Words
from cjm.present.theme import NOTE_SIZE
from cjm.render.papers import MM, PAPERS, PaperName
from cjm.render.view import Lane, MapView, StageView

MARGIN = 10 * MM  # on every side: what most printers can reach
SMALLEST_PRINTED = 6.0  # pt: the smallest text a sheet prints
SMALLEST_DRAWN = math.floor(NOTE_SIZE)  # pt: the smallest text drawn (Graphviz sets 9.5 pt at 9)
LEAST_SCALE = SMALLEST_PRINTED / SMALLEST_DRAWN
MOST_SCALE = 1.0  # text prints at most as large as drawn: 11 pt for a touchpoint's text
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


@dataclass(frozen=True)
class Layout:
    """The sheets of a map, and what a reader is told about how it was cut."""

    sheets: list[Sheet]
    cut_stages: list[str]  # stages too wide for one sheet, cut between touchpoints
    too_small: list[str]  # stages whose sheet still prints under 6 pt (a cell taller than a sheet)


def sheets(view: MapView, sheet: Paper) -> list[Sheet]:
    """The map's sheets: one, or an overview and a grid of sheets (see `layout`)."""
    return layout(view, sheet).sheets


def layout(view: MapView, sheet: Paper) -> Layout:
    """The map on one sheet when it prints there at 6 pt or more; otherwise an overview first,
    then a grid of sheets, row by row."""
    whole = _drawn(view, sheet)
    if whole.smallest >= SMALLEST_PRINTED:
        return Layout([whole], [], [])
    plain = replace(view, persona_block=False)
    room_width, room_height = (side / LEAST_SCALE for side in sheet.room)
    fit = _columns_that_fit(room_width)
    pieces, cut = _pieces(plain, fit)
    groups = _groups(pieces, fit)
    rows = _rows(plain, groups, room_height)
    grid = [[_sheet_view(plain, group, row) for group in groups] for row in rows]
    total = 1 + len(groups) * len(rows)
    drawn = [
        _drawn(replace(cell, sheet=_where(view.t, r, g, len(rows), len(groups), total)), sheet)
        for r, line in enumerate(grid)
        for g, cell in enumerate(line)
    ]
    common = min(s.scale for s in drawn)
    too_small = [s.view.phases[0].stages[0].stage.name for s in drawn if s.smallest < SMALLEST_PRINTED]
    drawn = [replace(s, scale=max(common, LEAST_SCALE) if s.scale >= LEAST_SCALE else s.scale) for s in drawn]
    first = overview(view, sheet, view.t("Sheet {number} of {total}: overview", number=1, total=total))
    return Layout([first, *drawn], cut, too_small)


def _columns_that_fit(width: float) -> int:
    from cjm.render.output.dot import COLUMN_WIDTH, GUTTER_RIGHT, HEADER_WIDTH

    return max(1, int((width - 2 * PAD - HEADER_WIDTH - GUTTER_RIGHT) // COLUMN_WIDTH))


def _pieces(view: MapView, fit: int) -> tuple[list[StageView], list[str]]:
    """The stages, each cut into even pieces of at most `fit` touchpoints; the names of those cut."""
    pieces, cut = [], []
    for stage in (s for p in view.phases for s in p.stages):
        count = math.ceil(len(stage.columns) / fit)
        if count > 1:
            cut.append(stage.stage.name)
        size = math.ceil(len(stage.columns) / count)
        pieces += [
            replace(stage, columns=stage.columns[i : i + size]) for i in range(0, len(stage.columns), size)
        ]
    return pieces, cut


def _groups(pieces: list[StageView], fit: int) -> list[list[StageView]]:
    """The pieces in as few sheets as hold them, spread evenly: the smallest width per sheet that
    needs no more sheets than the fullest packing does."""

    def packed(room: int) -> list[list[StageView]]:
        found: list[list[StageView]] = []
        for piece in pieces:
            if found and sum(len(p.columns) for p in found[-1]) + len(piece.columns) <= room:
                found[-1].append(piece)
            else:
                found.append([piece])
        return found

    fewest = len(packed(fit))
    total = sum(len(p.columns) for p in pieces)
    room = next(r for r in range(math.ceil(total / fewest), fit + 1) if len(packed(r)) <= fewest)
    return packed(room)


def _rows(view: MapView, groups: list[list[StageView]], height: float) -> list[tuple[Lane, ...]]:
    """The lanes of each row of sheets: all on one row when they fit; otherwise split into as few
    rows as fit the sheet's height, each opening on the touchpoint lane and holding two lanes or
    more, cut where the tallest sheet is the least tall."""
    first, rest = view.lanes[0], view.lanes[1:]
    measures = [_Measure(view, group) for group in groups]
    best: list[tuple[Lane, ...]] = [view.lanes]
    for count in range(1, max(len(rest) // 2, 1) + 1):
        splits = [[(first, *run) for run in runs] for runs in _runs(rest, count)]
        if not splits:
            break
        tallest = [max(m.height(row) for m in measures for row in rows) for rows in splits]
        best = splits[tallest.index(min(tallest))]
        if min(tallest) <= height:
            break
    return best


def _runs(lanes: tuple[Lane, ...], count: int) -> list[list[tuple[Lane, ...]]]:
    """Every way to cut `lanes` into `count` runs in order, of two lanes or more each (one run
    holds them all, however few)."""
    if count == 1:
        return [[lanes]]
    return [
        [lanes[:cut], *more]
        for cut in range(2, len(lanes) - 2 * (count - 1) + 1)
        for more in _runs(lanes[cut:], count - 1)
    ]


class _Measure:
    """The height of a sheet of some stages with some lanes, without drawing it again: what every
    sheet of them repeats (title, bands, the touchpoint lane) is measured once."""

    def __init__(self, view: MapView, stages: list[StageView]) -> None:
        from cjm.render.output.dot import lane_heights, to_dot

        whole = _sheet_view(view, stages, view.lanes)
        self.lanes = lane_heights(whole)
        first = view.lanes[0]
        self.top = extent(to_dot(_sheet_view(view, stages, (first,))))[1] - self.lanes[first.id]

    def height(self, lanes: tuple[Lane, ...]) -> float:
        from cjm.render.output.dot import BLUEPRINT_GAP, emotion_height
        from cjm.render.view import LINES_ABOVE

        rest = self.top + sum(self.lanes.get(lane.id, 0.0) for lane in lanes)
        rest += BLUEPRINT_GAP * sum(lane.id in LINES_ABOVE for lane in lanes)
        return rest + (emotion_height(rest - 2 * PAD) if any(lane.id == "emotion" for lane in lanes) else 0.0)


def _sheet_view(view: MapView, stages: list[StageView], lanes: tuple[Lane, ...]) -> MapView:
    return replace(part(view, stages), lanes=lanes)


def _where(t: Words, row: int, group: int, rows: int, groups: int, total: int) -> str:
    """What a sheet says of its place: "Sheet 3 of 7 · ← sheet 2 · continues on sheet 4 → · ↓ sheet 6"."""
    number = 2 + row * groups + group
    parts = [t("Sheet {number} of {total}", number=number, total=total)]
    if group > 0:
        parts.append(t("← continued from sheet {number}", number=number - 1))
    if group < groups - 1:
        parts.append(t("continues on sheet {number} →", number=number + 1))
    if row > 0:
        parts.append(t("↑ the lanes above are on sheet {number}", number=number - groups))
    if row < rows - 1:
        parts.append(t("↓ more lanes on sheet {number}", number=number + groups))
    return " · ".join(parts)


def overview(view: MapView, sheet: Paper, label: str = "") -> Sheet:
    """The whole journey on one sheet, drawn at its printed size: bands, numbers and the curve."""
    from cjm.render.output.dot import overview_dot

    width, height = sheet.room
    source = overview_dot(view, width, height, label)
    drawn_width, drawn_height = extent(source)
    scale = min(MOST_SCALE, width / drawn_width, height / drawn_height)
    return Sheet(view, source, (drawn_width, drawn_height), scale, overview=True)


def part(view: MapView, stages: list[StageView]) -> MapView:
    """The map of `stages` only (whole stages or pieces of them), with every lane of the whole map."""
    keep = {id(s.stage) for s in stages}
    phases = tuple(
        replace(p, stages=tuple(s for s in stages if any(s.stage is x.stage for x in p.stages)))
        for p in view.phases
        if any(id(s.stage) in keep for s in p.stages)
    )
    return replace(view, phases=phases)


def groups(view: MapView, fits: Callable[[MapView], bool]) -> list[list[StageView]]:
    """The stages in groups, each as many whole stages as `fits` one sheet (at least one): how
    the HTML page cuts its table for print."""
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
    return Sheet(view, source, (width, height), min(MOST_SCALE, room_width / width, room_height / height))


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
