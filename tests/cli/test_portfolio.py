"""A portfolio lists each journey's current state before its future state, whatever the files
are called, in every format of the report."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, cjm

TWO_STATES = ROOT / "tests" / "projects" / "two-states"


@pytest.fixture
def future_first(tmp_path: Path) -> Path:
    """The future state's file sorts before the current state's."""
    shutil.copy(TWO_STATES / "future.yaml", tmp_path / "a-future.yaml")
    shutil.copy(TWO_STATES / "current.yaml", tmp_path / "b-current.yaml")
    return tmp_path


def test_the_report_s_json_lists_the_current_state_first(future_first: Path) -> None:
    report = json.loads(cjm("report", str(future_first), "--format", "json").out)
    assert [m["state"] for m in report["portfolio"]["maps"]] == ["current", "future"]
    assert [j["state"] for j in report["journeys"]] == ["current", "future"]


@pytest.mark.parametrize("output_format", ["text", "markdown", "html"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_human_format_lists_the_current_state_first(
    future_first: Path, output_format: str, lang: str
) -> None:
    out = cjm("report", str(future_first), "--format", output_format, "--lang", lang).out
    assert out.index("Report a claim (today)") < out.index("Report a claim (to be)")
