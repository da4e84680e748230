"""`cjm validate` on the inputs users actually write: what it reports, once, at the place to fix."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import cjm


def findings(*args: str, cwd: Path | None = None) -> list[dict[str, Any]]:
    """The findings of `cjm validate --format json ARGS` (which must run to the end)."""
    result = cjm("validate", "--format", "json", *args, cwd=cwd)
    assert result.code in (0, 1), result
    return list(json.loads(result.out)["findings"])


def brief(found: list[dict[str, Any]]) -> list[tuple[str, int, int, str]]:
    return [(Path(f["path"]).name, f["line"], f["column"], f["code"]) for f in found]


# -- characters YAML does not allow ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("character", "named"),
    [("\a", "U+0007"), ("\x1b", "U+001B"), ("\x7f", "U+007F"), ("\ufffe", "U+FFFE"), ("\uffff", "U+FFFF")],
)
@pytest.mark.parametrize("where", ["a quoted text", "a plain text", "a comment"])
@pytest.mark.parametrize("given", ["file", "folder"])
def test_a_character_yaml_refuses_is_reported_where_it_is_and_named(
    tmp_path: Path, character: str, named: str, where: str, given: str
) -> None:
    line = {
        "a quoted text": f'title: "Año 🏠 {character} fin"',
        "a plain text": f"title: Año 🏠 {character} fin",
        "a comment": f"title: Año  # 🏠 {character} fin",
    }[where]
    (tmp_path / "j.yaml").write_text(f"cjm: 1\nid: j\n{line}\nphases: []\n", encoding="utf-8")
    [finding] = findings(str(tmp_path / "j.yaml") if given == "file" else str(tmp_path))
    column = line.index(character) + 1  # in characters, as every other finding counts them
    assert (finding["code"], finding["line"], finding["column"]) == ("CJM100", 3, column)
    assert named in finding["message"] and "unicode string" not in finding["message"], finding
