"""Data flows one way: files → project → model → analysis → outputs. Read from the code's own
imports (those inside functions too), so a shortcut taken anywhere shows here."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest
from conftest import ROOT

SOURCE = ROOT / "src" / "cjm"
OUTPUTS = ("lint", "report", "render", "diff", "measure", "exchange", "site", "trace")
"""The packages that write something for people or other tools; each reads the layers below.
The agents' layer (`edit`, `agents`) sits beside the command line and may call them all."""


def _room(path: Path) -> str:
    """The part of cjm a file belongs to: its package, or the module itself at the top."""
    relative = path.relative_to(SOURCE)
    return relative.parts[0].removesuffix(".py")


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node but those under `if TYPE_CHECKING:`, which only the type checker reads."""
    nodes: list[ast.AST] = []
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING"):
            nodes += [n for child in node.orelse for n in ast.walk(child)]
            continue
        nodes.append(node)
        nodes += _runtime_nodes(node)
    return nodes


def _imported_rooms(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    rooms = set()
    for node in _runtime_nodes(tree):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        rooms |= {name.split(".")[1] for name in names if name.startswith("cjm.") and name.count(".") >= 1}
        rooms |= {
            alias.name
            for alias in getattr(node, "names", [])
            if isinstance(node, ast.ImportFrom) and node.module == "cjm"
        }
    return rooms


@cache
def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in SOURCE.rglob("*.py"):
        room = _room(path)
        graph.setdefault(room, set()).update(_imported_rooms(path) - {room})
    return graph


@pytest.mark.parametrize("output", OUTPUTS)
def test_no_output_imports_another_output(output: str) -> None:
    if output not in _graph():
        pytest.skip(f"cjm has no {output} package")
    assert _graph()[output] & set(OUTPUTS) == set()


def test_analysis_is_free_of_words_and_outputs() -> None:
    assert _graph()["analysis"] & {"present", *OUTPUTS} == set()


@pytest.mark.parametrize(
    "layer", ["project", "model", "loader", "rules", "scope", "config", "data", "present"]
)
def test_the_layers_below_the_outputs_import_none(layer: str) -> None:
    assert _graph()[layer] & {*OUTPUTS, "cli"} == set()


def _depth(room: str, graph: dict[str, set[str]], seen: tuple[str, ...] = ()) -> int:
    assert room not in seen, f"import cycle: {' → '.join((*seen, room))}"
    below = [_depth(other, graph, (*seen, room)) for other in graph.get(room, ()) if other in graph]
    return 1 + max(below, default=0)


def test_the_longest_chain_of_imports_is_short() -> None:
    """Counted from `python -m cjm` down: it was 12 while render, report, diff and measure asked
    the linter whether they could use a project, and render imported report."""
    graph = _graph()
    assert max(_depth(room, graph) for room in graph) <= 10
