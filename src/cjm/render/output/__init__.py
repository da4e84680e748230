"""The map in each format: every module here has `render(view, options) -> str | bytes`."""

from __future__ import annotations

from dataclasses import dataclass

from cjm.formats import Format, Formats

FORMATS = Formats(
    "cjm.render.output",
    Format("table", "table", "txt"),
    Format("dot", "dot", "dot"),
    Format("svg", "graphviz", "svg"),
    Format("png", "graphviz", "png", binary=True),
    Format("pdf", "graphviz", "pdf", binary=True),
    Format("mermaid", "mermaid", "mmd"),
    Format("html", "html", "html"),
    Format("markdown", "markdown", "md"),
    Format("json", "json", "json"),
)
ALSO_BY_SUFFIX = {".gv": "dot", ".htm": "html", ".markdown": "markdown", ".mermaid": "mermaid"}


@dataclass(frozen=True)
class Options:
    format: str
    width: int | None = None  # of the terminal, for the table
    color: bool = False
