"""JSON Schemas (draft 2020-12), generated from the models: journey and catalog files, and the
JSON that `cjm report` and `cjm render --format json` write."""

from __future__ import annotations

import json
from typing import Any, Literal

Kind = Literal["journey", "catalog", "report", "map", "trace"]
KINDS: tuple[Kind, ...] = ("journey", "catalog", "report", "map", "trace")
_TITLES = {
    "report": "cjm report --format json: one journey's report, or a portfolio of them",
    "map": "cjm render --format json: one journey's map, for other tools to draw",
    "trace": "cjm trace --format json: a journey against the sessions of an event export",
}


def json_schema(kind: Kind) -> dict[str, Any]:
    """The schema of journey or catalog files (from the model), or of an output's JSON."""
    if kind == "report":
        from pydantic import TypeAdapter

        from cjm.report.data import JourneyReport, PortfolioReport

        generated = TypeAdapter(JourneyReport | PortfolioReport).json_schema(
            mode="serialization", by_alias=True
        )
    elif kind == "trace":
        from cjm.trace.data import Trace

        generated = Trace.model_json_schema(mode="serialization", by_alias=True)
    elif kind == "map":
        from cjm.render.data import MapData

        generated = MapData.model_json_schema(mode="serialization")
    else:
        from cjm.model import file_schema

        return file_schema(kind)
    from cjm.model import SCHEMA_DRAFT

    return {
        "$schema": SCHEMA_DRAFT,
        "title": _TITLES[kind],
        **{key: value for key, value in generated.items() if key != "title"},
    }


def schema_text(kind: Kind) -> str:
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
