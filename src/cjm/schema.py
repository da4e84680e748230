"""The JSON Schema (draft 2020-12) of journey and catalog files, generated from the models."""

from __future__ import annotations

import json
from typing import Any, Literal

from cjm.model import Catalog, Journey

Kind = Literal["journey", "catalog"]
KINDS: tuple[Kind, ...] = ("journey", "catalog")


def json_schema(kind: Kind) -> dict[str, Any]:
    model = Journey if kind == "journey" else Catalog
    generated = model.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"cjm {kind} file, format version 1",
        **{key: value for key, value in generated.items() if key != "title"},
    }


def schema_text(kind: Kind) -> str:
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
