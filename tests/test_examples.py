"""The examples: realistic maps that validate, use every field of the format, and suit editors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import EXAMPLES, ROOT, cjm
from pydantic import BaseModel

from cjm.model import Catalog, Journey
from cjm.project.document import read_document

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


def test_examples_validate_with_only_their_known_gaps() -> None:
    # The examples' measured and review dates age with the calendar: staleness (CJM313) and
    # overdue reviews (CJM312) are tested on cases that fix their own date, not on the examples.
    result = cjm("validate", "--format", "json", "--ignore", "CJM312,CJM313", str(EXAMPLES))
    assert result.code == 0
    report = json.loads(result.out)
    gaps = {(Path(f["path"]).name, f["code"]) for f in report["findings"]}
    assert report["files"] == 4 and report["errors"] == 0
    assert gaps == {
        ("ecommerce-omnichannel.yaml", "CJM302"),
        ("seguro-hogar.yaml", "CJM305"),
    }


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_each_example_names_its_schema_for_editors_and_passes_it(path: Path) -> None:
    document = read_document(path.read_bytes())
    kind = "catalog" if document.catalog else "journey"
    assert document.text.startswith(f"# yaml-language-server: $schema=../schemas/{kind}.schema.json\n")
    schema = json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(json.loads(json.dumps(document.tree)))


def test_examples_use_every_field_of_the_format() -> None:
    used: dict[str, set[str]] = {}
    for path in EXAMPLE_FILES:
        model = read_document(path.read_bytes()).model
        assert model is not None
        _collect(model, used)
    for model_class in _model_classes(Journey) | _model_classes(Catalog):
        unused = set(model_class.model_fields) - used.get(model_class.__name__, set())
        assert not unused, f"no example sets {model_class.__name__}.{sorted(unused)}"


def _collect(node: Any, used: dict[str, set[str]]) -> None:
    if isinstance(node, BaseModel):
        used.setdefault(type(node).__name__, set()).update(node.model_fields_set)
        for name in node.model_fields_set:
            _collect(getattr(node, name), used)
    elif isinstance(node, (list, tuple)):
        for item in node:
            _collect(item, used)


def _model_classes(model: type[BaseModel]) -> set[type[BaseModel]]:
    found = {model}
    for field in model.model_fields.values():
        for candidate in _types_in(field.annotation):
            if isinstance(candidate, type) and issubclass(candidate, BaseModel) and candidate not in found:
                found |= _model_classes(candidate)
    return found


def _types_in(annotation: Any) -> list[Any]:
    args = getattr(annotation, "__args__", ()) or getattr(annotation, "__metadata__", ())
    origin = getattr(annotation, "__origin__", None)
    return [annotation, *(_types_in(origin) if origin else []), *(t for a in args for t in _types_in(a))]
