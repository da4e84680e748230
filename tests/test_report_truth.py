"""What the report says is true for whom: Moments of Pain per persona, the backlog's order,
opportunities, names instead of ids, and a portfolio that keeps current and future apart."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import cjm

TWO_PERSONAS = """cjm: 1
id: claims
title: Siniestros
personas:
  - {id: ana, name: Ana Martínez, needs: [x]}
  - {id: tom, name: Tom Baker, needs: [x]}
teams:
  - {id: claims-team, name: Siniestros, stage: back}
phases:
  - id: after
    stages:
      - id: claim
        name: Parte
        touchpoints:
          - id: water-claim
            name: Comunica un siniestro por agua
            channel: phone
            owner: claims-team
            emotion: {ana: -2, tom: 1}
            improvements: [{text: Llamar en 1 h, owner: claims-team, priority: high}]
          - id: marked
            name: Espera al perito
            channel: phone
            moment: pain
            emotion: 1
            improvements: [Avisar de la visita]
"""


def write(tmp_path: Path, text: str, name: str = "journey.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def report_json(path: Path, *options: str) -> dict:
    result = cjm("report", "--format", "json", *options, str(path))
    assert result.code == 0, result
    return json.loads(result.out)


def test_a_per_persona_emotion_is_a_pain_only_for_whom_it_hurts(tmp_path: Path) -> None:
    path = write(tmp_path, TWO_PERSONAS)
    pains = [(p["touchpoint"], p["persona"]) for p in report_json(path)["pains"]]
    assert pains == [("water-claim", "ana"), ("marked", "ana"), ("marked", "tom")]
    only_tom = report_json(path, "--persona", "tom")
    assert [(p["touchpoint"], p["persona"]) for p in only_tom["pains"]] == [("marked", "tom")]
    assert "water-claim" not in [b["touchpoint"] for b in only_tom["backlog"] if b["parts"]["depth"]]
    for output_format in ("text", "markdown", "html"):
        out = cjm("report", "--format", output_format, "--persona", "tom", str(path)).out
        assert "everyone" not in out.lower()


def test_the_map_marks_a_pain_for_the_personas_who_feel_it(tmp_path: Path) -> None:
    path = write(tmp_path, TWO_PERSONAS)
    markdown = cjm("render", "--format", "markdown", str(path)).out
    assert "Moment of Pain: Ana Martínez" in markdown
    assert "Moment of Pain: Ana Martínez, Tom Baker" in markdown
    only_tom = cjm("render", "--format", "markdown", "--persona", "tom", str(path)).out
    assert only_tom.count("Moment of Pain") == 1 and "Moment of Pain: Tom Baker" in only_tom
