"""Journeys generated from the journey schema, valid and then broken, through every command: no
traceback, and only the exit codes cjm documents (0, 1, 2).

Run long with `python -m pytest tests/test_properties.py --hypothesis-profile long`.
"""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path
from typing import Any

from conftest import ROOT, cjm
from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml import YAML

SCHEMA = json.loads((ROOT / "schemas" / "journey.schema.json").read_text(encoding="utf-8"))
IDS = ["a", "b", "web", "email", "ana", "sales", "before", "during", "after", "x-1"]  # so references meet
TEXT = st.one_of(st.sampled_from(["Ana", "Sales", "Web", "ok", ""]), st.text(max_size=12))
JUNK = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), TEXT, st.lists(st.integers(), max_size=2),
    st.dictionaries(TEXT, st.integers(), max_size=2),
)  # fmt: skip


def from_schema(node: dict[str, Any], depth: int = 0) -> st.SearchStrategy[Any]:
    """Values that the JSON Schema node allows (ids from a small pool, so that names resolve)."""
    if "$ref" in node:
        return from_schema(SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[-1]], depth)
    if "const" in node:
        return st.just(node["const"])
    if "enum" in node:
        return st.sampled_from(node["enum"])
    for key in ("anyOf", "oneOf"):
        if key in node:
            return st.one_of([from_schema(option, depth) for option in node[key]])
    kind = node.get("type")
    if isinstance(kind, list):
        return st.one_of([from_schema({**node, "type": k}, depth) for k in kind])
    if kind == "object":
        properties = node.get("properties", {})
        required = set(node.get("required", []))
        if not properties:  # a map such as emotion per persona
            values = next(iter(node.get("patternProperties", {}).values()), node.get("additionalProperties"))
            inner = from_schema(values, depth + 1) if isinstance(values, dict) else st.integers(-2, 2)
            return st.dictionaries(st.sampled_from(IDS), inner, max_size=2)
        return st.fixed_dictionaries(
            {k: from_schema(v, depth + 1) for k, v in properties.items() if k in required},
            optional={k: from_schema(v, depth + 1) for k, v in properties.items() if k not in required and depth < 6},
        )  # fmt: skip
    if kind == "array":
        return st.lists(from_schema(node.get("items", {}), depth + 1), max_size=3 if depth < 4 else 1)
    if kind == "string":
        return st.sampled_from(IDS) if "pattern" in node else TEXT
    if kind == "integer":
        return st.integers(node.get("minimum", -(10**6)), node.get("maximum", 10**6))
    if kind == "number":
        return st.one_of(st.integers(-1000, 1000), st.floats(-1e6, 1e6, allow_nan=False))
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    return JUNK


@st.composite
def journey_text(draw: st.DrawFn) -> str:
    """A journey from the schema; some broken: a key removed, or a value replaced by anything."""
    document = draw(from_schema(SCHEMA))
    for _ in range(draw(st.integers(0, 2))):
        node: Any = document
        while True:
            keys = (
                list(node)
                if isinstance(node, dict)
                else list(range(len(node)))
                if isinstance(node, list)
                else []
            )
            if not keys:
                break
            key = draw(st.sampled_from(keys))
            child = node[key]
            if isinstance(child, (dict, list)) and child and draw(st.booleans()):
                node = child
                continue
            if isinstance(node, dict) and draw(st.booleans()):
                del node[key]
            else:
                node[key] = draw(JUNK)
            break
    out = io.StringIO()
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.dump(document, out)
    return out.getvalue()


@given(old=journey_text(), new=journey_text())
def test_every_command_takes_any_journey_without_a_traceback(old: str, new: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        before, after = Path(folder) / "old.yaml", Path(folder) / "new.yaml"
        before.write_text(old, encoding="utf-8")
        after.write_text(new, encoding="utf-8")
        for args in (
            ["validate", str(after)],
            ["report", str(after)],
            ["report", "-f", "json", str(after)],
            ["render", "-f", "markdown", str(after)],
            ["render", "-f", "dot", str(after)],
            ["diff", str(before), str(after)],
        ):
            result = cjm(*args)  # raises on any exception: catch_exceptions=False
            assert result.code in (0, 1, 2), (args, result)
