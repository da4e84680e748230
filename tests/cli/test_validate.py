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


# -- configuration --------------------------------------------------------------------------------


@pytest.mark.parametrize("header", ["[tool.cjm]", "[ tool . cjm ]", "[cjm]"])
def test_a_table_header_in_cjm_toml_is_named_with_how_to_fix_it(tmp_path: Path, header: str) -> None:
    """`[tool.cjm]` belongs in pyproject.toml; in .cjm.toml the settings stand at the top level."""
    (tmp_path / ".cjm.toml").write_text(f'# cjm settings\n\n{header}\nignore = ["CJM302"]\n')
    (tmp_path / "j.yaml").write_text("cjm: 1\nid: j\ntitle: J\nphases: []\n")
    result = cjm("validate", "j.yaml", cwd=tmp_path)
    assert result.code == 2 and result.out == "", result
    [line] = result.err.splitlines()
    assert line.startswith(f"cjm: error: {tmp_path / '.cjm.toml'}:3:1: "), line
    assert f"drop the {header.replace(' ', '')} line" in line and "pyproject.toml" in line, line
    assert "unknown setting" not in line, line


def test_a_dotted_tool_cjm_key_in_a_named_configuration_gets_the_same_hint(tmp_path: Path) -> None:
    (tmp_path / "team.toml").write_text('tool.cjm.ignore = ["CJM302"]\n')
    (tmp_path / "j.yaml").write_text("cjm: 1\nid: j\ntitle: J\nphases: []\n")
    result = cjm("validate", "--config", "team.toml", "j.yaml", cwd=tmp_path)
    assert result.code == 2, result
    assert result.err == (
        "cjm: error: team.toml: drop 'tool.cjm.' from its keys: in team.toml the settings stand at the top"
        " level ([tool.cjm] belongs in pyproject.toml only)\n"
    )


def test_an_unrelated_table_in_cjm_toml_is_still_an_unknown_setting(tmp_path: Path) -> None:
    (tmp_path / ".cjm.toml").write_text("[tool.ruff]\nline-length = 100\n")
    (tmp_path / "j.yaml").write_text("cjm: 1\nid: j\ntitle: J\nphases: []\n")
    result = cjm("validate", "j.yaml", cwd=tmp_path)
    assert result.code == 2 and "unknown setting 'tool'" in result.err, result
