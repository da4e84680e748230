"""Every key of a journey or catalog file has hover text in editors: its schema property has a description."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
_SUBSCHEMA_LISTS = ("anyOf", "oneOf", "allOf", "prefixItems")
_SUBSCHEMAS = ("items", "additionalProperties", "not", "if", "then", "else")


def _properties(schema: Any, path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each property declared anywhere in `schema`, with its path, through nested subschemas."""
    if not isinstance(schema, dict):
        return
    for name, prop in schema.get("properties", {}).items():
        yield f"{path}/properties/{name}", prop
        yield from _properties(prop, f"{path}/properties/{name}")
    for key in _SUBSCHEMA_LISTS:
        for i, sub in enumerate(schema.get(key, [])):
            yield from _properties(sub, f"{path}/{key}/{i}")
    for key in _SUBSCHEMAS:
        yield from _properties(schema.get(key), f"{path}/{key}")
    for pattern, sub in schema.get("patternProperties", {}).items():
        yield from _properties(sub, f"{path}/patternProperties/{pattern}")


def _all_properties(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    yield from _properties(schema, "#")
    for name, definition in schema.get("$defs", {}).items():
        yield from _properties(definition, f"#/$defs/{name}")


@pytest.mark.parametrize("kind", ["journey", "catalog"])
def test_every_property_has_a_description(kind: str) -> None:
    schema = json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    found = list(_all_properties(schema))
    assert len(found) > 20, "the walk found too few properties to be checking anything"
    missing = [
        path
        for path, prop in found
        if not isinstance(prop.get("description"), str) or not prop["description"].strip()
    ]
    assert not missing, f"properties without a description in schemas/{kind}.schema.json: " + ", ".join(
        missing
    )


def test_the_walk_reaches_nested_properties() -> None:
    """A property nested in a union or a list item, or inside a definition, is checked too."""
    schema = {
        "properties": {"a": {"description": "A.", "anyOf": [{"properties": {"b": {}}}, {"type": "null"}]}},
        "$defs": {"D": {"properties": {"c": {"items": {"oneOf": [{"properties": {"d": {}}}]}}}}},
    }
    paths = {path for path, prop in _all_properties(schema) if "description" not in prop}
    assert paths == {
        "#/properties/a/anyOf/0/properties/b",
        "#/$defs/D/properties/c",
        "#/$defs/D/properties/c/items/oneOf/0/properties/d",
    }
