"""The map in each format: every module here has `render(view, options) -> str | bytes`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from cjm.formats import Format, Formats

if TYPE_CHECKING:
    from cjm.render.paper import Paper

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
    paper: Paper | None = None  # the sheet to print on, for html's @page
