"""The map as JSON for other tools to draw; `schemas/map.schema.json` describes it."""

from __future__ import annotations

from cjm.render.data import map_data
from cjm.render.output import Options
from cjm.render.view import MapView


def render(view: MapView, options: Options | None = None) -> str:
    return map_data(view).model_dump_json(indent=2) + "\n"
