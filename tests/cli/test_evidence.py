"""Evidence that resolves: paths are checked against the working tree, where the journey is."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import cjm

JOURNEY = """cjm: 1
id: evidencias
title: Evidencias
phases:
  - id: before
    stages:
      - id: s
        name: S
        touchpoints:
          - id: t
            name: T
            channel: web
            confidence: observed
            evidence: [notas/entrevistas.md#L2]
"""


@pytest.mark.parametrize("written", [False, True])
def test_an_evidence_path_resolves_next_to_the_journey_wherever_validate_runs(
    tmp_path: Path, written: bool
) -> None:
    folder = tmp_path / "mapas"
    folder.mkdir()
    (folder / "journey.yaml").write_text(JOURNEY, encoding="utf-8")
    if written:
        (folder / "notas").mkdir()
        (folder / "notas" / "entrevistas.md").write_text("una\ndos\n", encoding="utf-8")
    result = cjm("validate", "mapas", "--select", "CJM315", cwd=tmp_path)
    if written:
        assert result.code == 0, result
    else:
        assert result.code == 1
        assert (
            "mapas/journey.yaml:14:24: CJM315 error: evidence 'notas/entrevistas.md#L2' does not exist"
            in result.out
        )


def test_a_journey_read_from_stdin_has_no_folder_to_resolve_evidence_in(tmp_path: Path) -> None:
    result = cjm("validate", "-", "--select", "CJM315", input=JOURNEY, cwd=tmp_path)
    assert result.code == 0, result
    assert "CJM315" not in result.out
