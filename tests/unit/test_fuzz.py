"""Structural mutations of the examples, through every command: none ends in a traceback.

Each case takes an example, changes its structure the way a hurried edit or a broken generator
does (a key dropped, a value of another type, a list emptied or repeated, text made hostile) and
runs validate, report, render, diff, export and import on it in this process, where an uncaught
exception fails the test with its traceback. Seeded and bounded: the same cases on every run;
`CJM_FUZZ_CASES=500` runs more.
"""

from __future__ import annotations

import copy
import io
import os
import random
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, cjm
from ruamel.yaml import YAML

CASES = int(os.environ.get("CJM_FUZZ_CASES", "12"))
SOURCES = ["ecommerce-omnichannel.yaml", "seguro-hogar.yaml", "b2b-payroll-onboarding.yaml"]
ODD_VALUES: list[Any] = [
    None, "", " ", 0, -1, 3, 2.5, 10**40, 1e300, True, [], {}, [[]], {"a": {"b": None}},
    "x" * 5000, "línea\nsegunda", "\x1b[31mred", "<script>alert(1)</script>", "{{ 7*7 }}",
    "=HYPERLINK(\"http://x\")", "a: b", "- item", "#", "%", "\u202e\u2028", "🏠", "2026-02-30",
    "very-negative", "dolor", "pain", "after", "antes",
]  # fmt: skip


def _yaml() -> YAML:
    yaml = YAML()
    yaml.width = 4096
    return yaml


def _nodes(tree: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in the tree: a key of a mapping, or an index of a sequence."""
    places = []
    if isinstance(tree, dict):
        for key, value in tree.items():
            places.append((*path, key))
            places += _nodes(value, (*path, key))
    elif isinstance(tree, list):
        for index, value in enumerate(tree):
            places.append((*path, index))
            places += _nodes(value, (*path, index))
    return places


def _parent(tree: Any, place: tuple[Any, ...]) -> Any:
    for step in place[:-1]:
        tree = tree[step]
    return tree


def _mutate(tree: Any, rng: random.Random) -> None:
    place = rng.choice(_nodes(tree))
    parent, last = _parent(tree, place), place[-1]
    kind = rng.choice(["drop", "replace", "replace", "empty", "repeat", "swap", "nest"])
    if kind == "drop":
        del parent[last]
    elif kind == "replace":
        parent[last] = copy.deepcopy(rng.choice(ODD_VALUES))
    elif kind == "empty":
        parent[last] = type(parent[last])() if isinstance(parent[last], (list, dict)) else ""
    elif kind == "repeat" and isinstance(parent, list):
        parent.insert(last, copy.deepcopy(parent[last]))
    elif kind == "swap":
        others = [p for p in _nodes(tree) if p[:-1] != place[:-1]]
        if others:
            other = rng.choice(others)
            parent[last] = copy.deepcopy(_parent(tree, other)[other[-1]])
    elif kind == "nest":
        parent[last] = [parent[last]]


def _mutant(seed: int) -> str:
    rng = random.Random(seed)
    yaml = _yaml()
    tree = yaml.load((EXAMPLES / SOURCES[seed % len(SOURCES)]).read_text(encoding="utf-8"))
    for _ in range(rng.randint(1, 3)):
        _mutate(tree, rng)
    out = io.StringIO()
    yaml.dump(tree, out)
    return out.getvalue()


@pytest.mark.parametrize("seed", range(CASES))
def test_a_mutated_example_never_ends_in_a_traceback(tmp_path: Path, seed: int) -> None:
    original = EXAMPLES / SOURCES[seed % len(SOURCES)]
    catalog = str(EXAMPLES / "catalogo-seguros.yaml")
    path = tmp_path / "mutant.yaml"
    path.write_text(_mutant(seed), encoding="utf-8")
    given = path.read_bytes()
    runs = [
        ["validate", str(path), "--catalog", catalog],
        ["validate", str(path), "--catalog", catalog, "--format", "sarif"],
        ["report", str(path), "--catalog", catalog],
        ["report", str(path), "--catalog", catalog, "--format", "html", "--lang", "es"],
        ["report", str(path), "--catalog", catalog, "--format", "json"],
        ["render", str(path), "--catalog", catalog, "--format", "markdown"],
        ["render", str(path), "--catalog", catalog, "--format", "mermaid"],
        ["render", str(path), "--catalog", catalog, "--format", "json"],
        ["render", str(path), "--catalog", catalog, "--format", "dot"],
        ["render", str(path), "--catalog", catalog, "--format", "html", "-o", str(tmp_path / "map.html")],
        ["diff", str(original), str(path), "--catalog", catalog],
        ["diff", str(path), str(original), "--catalog", catalog, "--format", "json"],
        ["export", str(path), "--catalog", catalog, "-o", str(tmp_path / "sheet.csv")],
    ]
    for args in runs:
        result = cjm(*args)  # an uncaught exception fails here, with its traceback
        assert result.code in (0, 1, 2), (args, result)
        assert "Traceback" not in result.err, (args, result)
    if (tmp_path / "sheet.csv").exists():
        back = cjm(
            "import", str(tmp_path / "sheet.csv"), "-o", str(tmp_path / "back.yaml"), "--catalog", catalog
        )
        assert back.code in (0, 1, 2) and "Traceback" not in back.err, back
    assert path.read_bytes() == given  # nothing the user wrote is rewritten
