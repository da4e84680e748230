"""`cjm render`: the journey map, drawn for people to look at.

Every format draws the same `MapView`. The Graphviz formats (svg, png, pdf) need Graphviz's
`dot` program; without it, the DOT source is still written, and the error says how to install it.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from cjm.check import LoadedJourney, load_journeys, usable
from cjm.render.view import MapView, build_view

EXTENSIONS = {"table": "txt", "dot": "dot", "svg": "svg", "png": "png", "pdf": "pdf",
              "mermaid": "mmd", "html": "html", "markdown": "md"}  # fmt: skip
FORMATS = tuple(EXTENSIONS)
DRAWN_BY_GRAPHVIZ = ("svg", "png", "pdf")
BINARY = ("png", "pdf")
_BY_SUFFIX = {f".{ext}": fmt for fmt, ext in EXTENSIONS.items()} | {
    ".gv": "dot",
    ".htm": "html",
    ".markdown": "markdown",
    ".mermaid": "mermaid",
}
INSTALL_GRAPHVIZ = "install Graphviz (Debian/Ubuntu: apt install graphviz; macOS: brew install graphviz; Windows: winget install graphviz)"


class RenderError(Exception):
    """The map could not be drawn; `exit_code` 1 when only the drawing failed."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class GraphvizMissing(RenderError):
    """Graphviz is not installed: `written` are the DOT sources written instead of the drawings."""

    def __init__(self, written: list[Path] | None = None, output_format: str = "svg") -> None:
        message = f"Graphviz's 'dot' program was not found: {INSTALL_GRAPHVIZ}"
        if written:
            drawn = written[0].with_suffix(f".{output_format}")
            message += (f". The DOT source is written instead ({', '.join(map(str, written))}): once Graphviz is"
                        f" installed, run cjm render again, or: dot -T{output_format} {written[0]} -o {drawn}")  # fmt: skip
        else:
            message += "; or write the map's DOT source with --format dot"
        super().__init__(message, exit_code=1)
        self.written = written or []


def format_for(path: Path) -> str | None:
    """The format an output file's name asks for (map.svg: svg), if any."""
    return _BY_SUFFIX.get(path.suffix.lower())


def load_maps(path: str, catalogs: list[str], persona: str | None) -> list[tuple[LoadedJourney, MapView]]:
    loaded = usable(*load_journeys([path], catalogs), path, persona)
    return [(journey, build_view(journey.journey, journey.scope, persona)) for journey in loaded]


def default_format(output: Path | None, folder: bool, terminal: bool) -> str:
    """The format when none is given: the output file's suffix; html for a folder; the table on a
    terminal; Markdown when the output is piped."""
    if folder:
        return "html"
    if output is not None:
        found = format_for(output)
        if found is None:
            raise RenderError(
                f"cannot tell the format from '{output.name}': give --format ({', '.join(FORMATS)})"
            )
        return found
    return "table" if terminal else "markdown"


def targets(maps: list[tuple[LoadedJourney, MapView]], output_format: str, folder: Path) -> list[Path]:
    """Where each map of a folder goes: FOLDER/<journey id>.<extension>."""
    seen: dict[str, str] = {}
    for journey, _ in maps:
        ident = journey.journey.id
        if ident in seen:
            raise RenderError(
                f"{seen[ident]} and {journey.path} have the same id '{ident}', and each map is named after its journey's id"
            )
        seen[ident] = journey.path
    return [folder / f"{journey.journey.id}.{EXTENSIONS[output_format]}" for journey, _ in maps]


def refuse_to_overwrite(targets: list[Path], inputs: list[LoadedJourney]) -> None:
    """Stop before writing anything when a map would be written over a journey file."""
    journeys = {Path(journey.path).resolve() for journey in inputs}
    for target in targets:
        if target.resolve() in journeys:
            raise RenderError(f"{target} is the journey file itself: cjm render never writes over its input")


def write_map(view: MapView, output_format: str, target: Path) -> None:
    """Render the map into `target`, whole or not at all.

    Without Graphviz, the svg, png and pdf formats write the DOT source beside `target` and raise
    GraphvizMissing.
    """
    from cjm.files import write_content

    try:
        content = render(view, output_format)
    except GraphvizMissing:
        from cjm.render.dot import to_dot

        source = target.with_suffix(".dot")
        write_content(source, to_dot(view))
        raise GraphvizMissing([source], output_format) from None
    write_content(target, content)


def render(
    view: MapView, output_format: str, *, width: int | None = None, color: bool = False
) -> str | bytes:
    """The map in `output_format` (one of FORMATS); svg, png and pdf need Graphviz."""
    if output_format in DRAWN_BY_GRAPHVIZ or output_format == "dot":
        from cjm.render.dot import to_dot

        return to_dot(view) if output_format == "dot" else draw(to_dot(view), output_format)
    module = importlib.import_module(f"cjm.render.{output_format}")
    if output_format == "table":
        return module.to_table(view, width=width, color=color)  # type: ignore[no-any-return]
    return module.render(view)  # type: ignore[no-any-return]


def draw(source: str, output_format: str) -> bytes | str:
    """Graphviz's drawing of DOT `source`: bytes for png and pdf, text for svg.

    Every node is pinned, so the layout step is skipped (`dot -Kneato -n`): ten times faster on
    a large map than `dot -Tsvg`, which gives the same drawing.
    """
    import graphviz

    try:
        drawn = graphviz.pipe("neato", output_format, source.encode("utf-8"), neato_no_op=True, quiet=True)
    except graphviz.ExecutableNotFound:
        raise GraphvizMissing() from None
    except graphviz.CalledProcessError as exc:
        reason = (exc.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        raise RenderError(
            f"Graphviz could not draw the map: {reason[0] if reason else exc}", exit_code=1
        ) from None
    return drawn if output_format in BINARY else drawn.decode("utf-8")
