"""Every file a command writes goes through the one output check: none is written over an input."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, cjm, require_program

from .test_render_paper import long_journey


@pytest.mark.parametrize("suffix", ["svg", "png"])
def test_render_paper_never_writes_a_sheet_over_its_input(tmp_path: Path, suffix: str) -> None:
    require_program("dot")
    journey = long_journey(tmp_path)
    before = journey.read_bytes()
    os.link(journey, tmp_path / f"map-2.{suffix}")  # the second sheet's name is the journey itself
    result = cjm("render", str(journey), "--paper", "a4", "-o", str(tmp_path / f"map.{suffix}"))
    assert result.code != 0 and "is an input of this run" in result.err and f"map-2.{suffix}" in result.err
    assert journey.read_bytes() == before
    assert not (tmp_path / f"map-1.{suffix}").exists()  # nothing written, not even the first sheet


@pytest.mark.parametrize("folder", [False, True], ids=["file", "folder"])
def test_render_without_graphviz_never_writes_the_dot_source_over_its_input(
    tmp_path: Path, folder: bool
) -> None:
    no_programs = tmp_path / "bin"
    no_programs.mkdir()
    source = tmp_path / "maps"
    source.mkdir()
    journey = source / "sofa.yaml"
    shutil.copy(EXAMPLES / "ecommerce-omnichannel.yaml", journey)
    before = journey.read_bytes()
    out = tmp_path / "out"
    out.mkdir()
    name = "sofa-click-and-collect" if folder else "map"
    os.link(journey, out / f"{name}.dot")
    where, target = (str(source), str(out)) if folder else (str(journey), str(out / "map.svg"))
    result = subprocess.run(
        [sys.executable, "-m", "cjm", "render", where, "-f", "svg", "-o", target],
        check=False, env={**os.environ, "PATH": str(no_programs)}, capture_output=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode != 0 and b"is an input of this run" in result.stderr, result.stderr
    assert journey.read_bytes() == before and b"Traceback" not in result.stderr


@pytest.mark.parametrize("sheet_format", ["csv", "xlsx"])
def test_import_force_never_replaces_the_catalog_the_journey_names(tmp_path: Path, sheet_format: str) -> None:
    for name in ("seguro-hogar.yaml", "catalogo-seguros.yaml"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    catalog = tmp_path / "catalogo-seguros.yaml"
    before = catalog.read_bytes()
    sheet = tmp_path / f"hogar.{sheet_format}"
    assert cjm("export", str(tmp_path / "seguro-hogar.yaml"), "-o", str(sheet)).code == 0
    result = cjm("import", str(sheet), "--force", "-o", str(catalog))
    assert result.code != 0 and "is an input of this run" in result.err, result
    assert catalog.read_bytes() == before
