"""`cjm render`: the journey map, drawn for people to look at.

Every format draws the same `MapView`. The Graphviz formats (svg, png, pdf) need Graphviz's
`dot` program; without it, the DOT source is still written, and the error says how to install it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cjm.errors import GraphvizMissing, RenderError
from cjm.pool import spread
from cjm.render.output import ALSO_BY_SUFFIX, FORMATS, Options
from cjm.render.view import MapView

if TYPE_CHECKING:
    from cjm.project import LoadedJourney
    from cjm.render.paper import Paper

_BY_SUFFIX = {f".{f.extension}": f.name for f in FORMATS.by_name.values()} | ALSO_BY_SUFFIX


def format_for(path: Path) -> str | None:
    """The format an output file's name asks for (map.svg: svg), if any."""
    return _BY_SUFFIX.get(path.suffix.lower())


def default_format(output: Path | None, folder: bool, terminal: bool) -> str:
    """The format when none is given: the output file's suffix; html for a folder; the table on a
    terminal; Markdown when the output is piped."""
    if folder:
        return "html"
    if output is not None:
        found = format_for(output)
        if found is None:
            raise RenderError(
                f"cannot tell the format from '{output.name}': give --format ({', '.join(FORMATS.names)})"
            )
        return found
    return "table" if terminal else "markdown"


def targets(maps: list[tuple[LoadedJourney, MapView]], output_format: str, folder: Path) -> list[Path]:
    """Where each map of a folder goes: FOLDER/<journey id>.<extension>; when the folder holds both
    states of a journey, the future one is <id>.future.<extension>."""
    both = {j.journey.id for j, _ in maps if j.journey.state == "future"} & {
        j.journey.id for j, _ in maps if j.journey.state == "current"
    }
    names = [f"{j.journey.id}.future" if j.journey.id in both and j.journey.state == "future" else j.journey.id
             for j, _ in maps]  # fmt: skip
    html = FORMATS[output_format].extension == "html"
    seen: dict[str, str] = {"index": "the folder's index page"} if html else {}  # the site's index.html
    for (journey, _), name in zip(maps, names, strict=True):
        if name in seen:
            raise RenderError(
                f"{seen[name]} and {journey.path} would both be drawn as {name}: give them different ids"
            )
        seen[name] = journey.path
    return [folder / f"{name}.{FORMATS[output_format].extension}" for name in names]


def write_map(
    view: MapView, output_format: str, target: Path, paper: Paper | None = None, inputs: Sequence[str] = ()
) -> list[Path]:
    """Render the map into `target`, whole or not at all; the files written.

    With `paper`, svg and png are written one file per sheet (map-1.svg, map-2.svg…; map.svg for
    one sheet) and pdf one page per sheet. Without Graphviz, the svg, png and pdf formats write
    the DOT source beside `target` and raise GraphvizMissing. No file is written over one of
    the run's `inputs`: not `target`, nor a sheet's file, nor the DOT source.
    """
    from cjm.files import refuse_inputs, write_content

    try:
        if paper is not None and output_format in ("svg", "png", "pdf"):
            return _write_sheets(view, output_format, target, paper, inputs)
        content = render(view, output_format, paper=paper)
    except GraphvizMissing:
        from cjm.render.output.dot import to_dot

        source = target.with_suffix(".dot")
        refuse_inputs(source, lambda: inputs)
        write_content(source, to_dot(view))
        raise GraphvizMissing([source], output_format) from None
    refuse_inputs(target, lambda: inputs)
    write_content(target, content)
    return [target]


def _write_sheets(
    view: MapView, output_format: str, target: Path, paper: Paper, inputs: Sequence[str]
) -> list[Path]:
    """The map on sheets of `paper`: a file per sheet, or a page per sheet of one pdf. What the
    reader should know of the cut (a stage cut between touchpoints, text under 6 pt, the files
    written for one name asked) is said once, on standard error."""
    import sys

    from cjm.files import refuse_inputs, write_content
    from cjm.render import paper as layout

    t, laid = view.t, layout.layout(view, paper)
    if laid.cut_stages:
        print("cjm: " + t("stages wider than one {paper} sheet, cut between touchpoints: {stages}", paper=paper.name,
                          stages=", ".join(f"'{s}'" for s in laid.cut_stages)), file=sys.stderr)  # fmt: skip
    if laid.too_small:
        print("cjm: " + t("stages too big for one {paper} sheet, their text prints under 6 pt: {stages}", paper=paper.name,
                          stages=", ".join(f"'{s}'" for s in dict.fromkeys(laid.too_small))), file=sys.stderr)  # fmt: skip
    drawn = [layout.draw(sheet, output_format, paper) for sheet in laid.sheets]
    if output_format == "pdf":
        refuse_inputs(target, lambda: inputs)
        write_content(target, layout.pdf([d for d in drawn if isinstance(d, bytes)]))
        return [target]
    places = [target] if len(drawn) == 1 else [
        target.with_name(f"{target.stem}-{n}{target.suffix}") for n in range(1, len(drawn) + 1)
    ]  # fmt: skip
    for place in places:
        refuse_inputs(place, lambda: inputs)
    for place, content in zip(places, drawn, strict=True):
        write_content(place, content)
    if len(places) > 1:
        print("cjm: " + t("{count} sheets: wrote {first} … {last}", count=len(places), first=places[0],
                          last=places[-1].name), file=sys.stderr)  # fmt: skip
    return places


PARALLEL_FROM = 8
"""Fewer maps than this are drawn in one process: starting workers would cost more."""


def write_maps(
    views: list[MapView],
    output_format: str,
    places: list[Path],
    done: Callable[[], None],
    paper: Paper | None = None,
    inputs: Sequence[str] = (),
) -> None:
    """Render each map into its place, on every core when there are many; `done` is called as
    each is written. Without Graphviz, raises GraphvizMissing for all of them, as `write_map` does
    for one."""
    dot_sources: list[Path] = []
    for index, written in enumerate(_drawn(views, output_format, places, paper, inputs)):
        if written is _FAILED:  # again here, to raise the error just as drawing it here would
            written = _write_one(views[index], output_format, places[index], paper, inputs)
        if isinstance(written, list):
            dot_sources += written
        done()
    if dot_sources:
        raise GraphvizMissing(dot_sources, output_format)


_FAILED = "failed"


def _drawn(
    views: list[MapView], output_format: str, places: list[Path], paper: Paper | None, inputs: Sequence[str]
) -> Iterator[object]:
    def draw(index: int) -> object:
        try:
            return _write_one(views[index], output_format, places[index], paper, inputs)
        except Exception:  # noqa: BLE001 - the parent draws it again and raises it as it is
            return _FAILED

    return spread(draw, range(len(views)), least=PARALLEL_FROM)


def _write_one(
    view: MapView, output_format: str, place: Path, paper: Paper | None, inputs: Sequence[str]
) -> list[Path] | None:
    """None once written; without Graphviz, the DOT files written instead."""
    try:
        write_map(view, output_format, place, paper, inputs)
    except GraphvizMissing as missing:
        return list(missing.written)
    return None


def render(
    view: MapView,
    output_format: str,
    *,
    width: int | None = None,
    color: bool = False,
    paper: Paper | None = None,
) -> str | bytes:
    """The map in `output_format` (one of FORMATS); svg, png and pdf need Graphviz."""
    options = Options(output_format, width, color, paper)
    result: str | bytes = FORMATS.module(output_format).render(view, options)
    return result
