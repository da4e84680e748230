"""The map drawn by Graphviz: svg, png and pdf from the DOT source of `dot.py`."""

from __future__ import annotations

from cjm.errors import GraphvizMissing, RenderError
from cjm.render.output import FORMATS, Options
from cjm.render.output.dot import to_dot
from cjm.render.view import MapView


def render(view: MapView, options: Options) -> str | bytes:
    return draw(to_dot(view), options.format)


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
    assert isinstance(drawn, bytes)
    return drawn if FORMATS[output_format].binary else drawn.decode("utf-8")
