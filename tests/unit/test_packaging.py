"""An installed cjm has every file it reads: each data file under src/cjm is named by the
package data of pyproject.toml, so `pip install .` (not only an editable install) carries it."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch

from conftest import ROOT

SOURCE = ROOT / "src" / "cjm"


def test_every_data_file_is_in_the_package_data() -> None:
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = settings["tool"]["setuptools"]["package-data"]["cjm"]
    data = [
        path.relative_to(SOURCE).as_posix()
        for path in SOURCE.rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts
    ]
    assert data, "no data file found: the test looks in the wrong place"
    assert [name for name in data if not any(fnmatch(name, pattern) for pattern in patterns)] == []
