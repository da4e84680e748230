"""`cjm init` takes a path the way a user means it: a .yaml file, or a folder of any other name."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import cjm


def test_an_existing_file_without_a_yaml_suffix_is_refused_in_one_line(tmp_path: Path) -> None:
    readme = tmp_path / "README"
    readme.write_text("a project\n", encoding="utf-8")
    result = cjm("init", str(readme))
    assert result.code == 2
    assert result.err.splitlines() == [
        f"cjm: error: {readme} is a file, not a folder: give a folder, or a journey file ending in .yaml"
    ]
    assert readme.read_text(encoding="utf-8") == "a project\n"


@pytest.mark.parametrize("name", ["maps.v2", "journeys", "q3.review"])
def test_a_name_with_a_dot_is_a_folder(tmp_path: Path, name: str) -> None:
    result = cjm("init", str(tmp_path / name), "--template", "b2b", "--lang", "es")
    assert result.code == 0, result
    assert (tmp_path / name / "journey.yaml").is_file() and (tmp_path / name / "catalog.yaml").is_file()
    assert cjm("validate", str(tmp_path / name)).code == 0


@pytest.mark.parametrize("name", ["onboarding.yaml", "onboarding.YML"])
def test_a_yaml_name_is_the_journey_file(tmp_path: Path, name: str) -> None:
    result = cjm("init", str(tmp_path / name))
    assert result.code == 0, result
    assert (tmp_path / name).is_file() and (tmp_path / "catalog.yaml").is_file()
