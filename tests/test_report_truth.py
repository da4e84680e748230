"""What the report says is true for whom: Moments of Pain per persona, the backlog's order,
opportunities, names instead of ids, and a portfolio that keeps current and future apart."""

from __future__ import annotations

import json
import re
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


BACKLOG = """cjm: 1
id: shop
title: Tienda
teams: [{id: web-team, name: Equipo web, stage: front}]
phases:
  - id: before
    stages:
      - id: visit
        name: Visita
        touchpoints:
          - id: happy-truth
            name: Paga en un clic
            channel: web
            moment: truth
            emotion: 1
            expected_emotion: 2
            problems: [Falta Bizum]
            metrics: [{name: Conversion, value: 5, target: 4}]
          - id: done-pain
            name: Busca el horario
            channel: web
            emotion: -1
            improvements: [{text: Horario en portada, status: done, priority: high}]
          - id: open-low
            name: Lee las condiciones
            channel: web
            emotion: -1
            owner: web-team
            improvements: [{text: Resumen, priority: low, owner: web-team}]
          - id: open-high
            name: Pregunta por el envío
            channel: web
            emotion: -1
            owner: web-team
            improvements: [{text: Chat, priority: high}]
            opportunities: [Envío gratis el primer pedido]
"""


def test_backlog_ranks_real_pains_first_then_priority_then_open_work(tmp_path: Path) -> None:
    path = write(tmp_path, BACKLOG)
    backlog = report_json(path)["backlog"]
    assert [b["touchpoint"] for b in backlog] == ["open-high", "open-low", "done-pain", "happy-truth"]
    first = backlog[0]
    assert (first["priority"], first["owner"], first["owner_name"]) == ("high", "web-team", "Equipo web")
    assert first["explanation"] == "depth 1 × reach 1 + gap 0 + targets missed 0 = 1; priority high"
    assert backlog[2]["explanation"].endswith("; every improvement done")
    assert backlog[3]["parts"]["truth"] is False  # a Moment of Truth that goes well weighs nothing
    for output_format in ("markdown", "html"):
        out = cjm("report", "--format", output_format, str(path)).out
        assert "depth 1 × reach 1 + gap 0 + targets missed 0 = 1; priority high" in out
        assert "Equipo web" in out and "high" in out
    text = cjm("report", str(path)).out
    assert "Equipo web" in text and "priority" in text


def test_opportunities_appear_in_every_format(tmp_path: Path) -> None:
    path = write(tmp_path, BACKLOG)
    assert report_json(path)["opportunities"] == [
        {"touchpoint": "open-high", "name": "Pregunta por el envío", "text": "Envío gratis el primer pedido"}
    ]
    for output_format in ("text", "markdown", "html"):
        out = cjm("report", "--format", output_format, str(path)).out
        assert "Opportunities" in out and "Envío gratis el primer pedido" in out


SAME_NAMES = TWO_PERSONAS.replace("name: Espera al perito", "name: Comunica un siniestro por agua")


def test_human_formats_name_things_and_add_ids_only_to_shared_names(tmp_path: Path) -> None:
    path = write(tmp_path, TWO_PERSONAS)
    for output_format in ("text", "markdown", "html"):
        out = re.sub(r"<[^>]*>", " ", cjm("report", "--format", output_format, str(path)).out)  # text only
        assert "Comunica un siniestro por agua" in out and "Ana Martínez" in out and "Siniestros" in out
        assert "water-claim" not in out and "claims-team" not in out
    data = report_json(path)
    assert (
        data["pains"][0]["persona_name"] == "Ana Martínez"
        and data["names"]["teams"]["claims-team"] == "Siniestros"
    )
    shared = cjm("report", "--format", "markdown", str(write(tmp_path, SAME_NAMES, "same.yaml"))).out
    assert "Comunica un siniestro por agua (water-claim)" in shared
    assert "Comunica un siniestro por agua (marked)" in shared


def _state(state: str, emotion: int) -> str:
    return f"""cjm: 1
id: claims
title: Siniestros
state: {state}
phases:
  - id: after
    stages:
      - id: claim
        name: Parte
        touchpoints:
          - id: water-claim
            name: Comunica un siniestro por agua
            channel: phone
            emotion: {emotion}
            improvements: [Llamar en 1 h]
"""


def test_a_folder_keeps_current_and_future_apart(tmp_path: Path) -> None:
    write(tmp_path, _state("current", -2), "now.yaml")
    write(tmp_path, _state("future", 2), "later.yaml")
    assert cjm("validate", str(tmp_path)).code == 0  # same id, other state: not a duplicate
    data = report_json(tmp_path)
    states = {s["state"]: s for s in data["portfolio"]["states"]}
    assert states["current"]["average"] == -2 and states["future"]["average"] == 2
    assert states["current"]["phases"] == [
        {
            "id": "after",
            "name": "After purchase",
            "average": -2.0,
            "pains": 1,
            "touchpoints": 1,
            "journeys": 1,
        }
    ]
    assert data["portfolio"]["average"] == -2  # the current state, not the mean of both
    assert data["pairs"] == [
        {"journey": "claims", "title": "Siniestros", "current_average": -2.0, "future_average": 2.0,
         "pains_current": 1, "pains_future": 0}
    ]  # fmt: skip
    for output_format in ("text", "markdown", "html"):
        out = cjm("report", "--format", output_format, str(tmp_path)).out
        assert "current state" in out and "future state" in out and "What the future state changes" in out
