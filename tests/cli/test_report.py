"""`cjm report` as users run it: what each section keeps for one persona, and the words it uses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import cjm

FORMATS = ("text", "markdown", "html", "json")

JOURNEY = """\
cjm: 1
id: {id}
title: Home insurance
personas: [{personas}]
teams: [{{id: web, name: Web team}}, {{id: claims, name: Claims desk}}]
phases:
  - id: before
    stages:
      - id: look
        name: Look around
        touchpoints:
          - id: browse
            name: Browses the catalogue
            channel: web
            owner: web
            emotion: -1
            improvements: [Better search]
{only_luis}"""
ONLY_LUIS = """\
          - id: phone-claim
            name: Calls the claims line
            channel: phone
            personas: [luis]
            owner: claims
            moment: truth
            confidence: assumed
            problems: [Nobody picks up]
            opportunities: [Call back within the hour]
            metrics:
              - {name: Answered calls, value: 40, target: 90, unit: "%"}
"""
PERSONAS = "{id: ana, name: Ana Ruiz, needs: [Cover]}, {id: luis, name: Luis Gil, needs: [Speed]}"


def journey(folder: Path, ident: str, personas: str, only_luis: bool = True) -> Path:
    path = folder / f"{ident}.yaml"
    text = JOURNEY.format(id=ident, personas=personas, only_luis=ONLY_LUIS if only_luis else "")
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("output_format", FORMATS)
def test_a_persona_report_keeps_only_what_the_persona_passes_through(
    tmp_path: Path, output_format: str
) -> None:
    path = journey(tmp_path, "home", PERSONAS)
    result = cjm("report", "--format", output_format, "--persona", "ana", str(path))
    assert result.code == 0, result
    said = result.out
    if output_format == "json":  # every section; `names` is a lookup of the whole journey's names
        said = json.dumps({k: v for k, v in json.loads(said).items() if k != "names"}, ensure_ascii=False)
    # Luis's touchpoint is in no section: not a Moment of Truth, a metric, an owner, a backlog item
    for text in ("Calls the claims line", "Answered calls", "Claims desk", "Nobody picks up", "Call back"):
        assert text not in said, text
    assert "Browses the catalogue" in result.out
    everyone = cjm("report", "--format", output_format, str(path))
    assert "Calls the claims line" in everyone.out and "Answered calls" in everyone.out


def test_a_persona_report_counts_only_the_persona_touchpoints(tmp_path: Path) -> None:
    path = journey(tmp_path, "home", PERSONAS)
    r = json.loads(cjm("report", "--format", "json", "--persona", "ana", str(path)).out)
    assert [t["touchpoint"] for t in r["truths"]] == []
    assert [m["touchpoint"] for m in r["metrics"]] == []
    assert [b["touchpoint"] for b in r["backlog"]] == ["browse"]
    assert [t["id"] for t in r["ownership"]["teams"]] == ["web"]
    assert r["evidence"]["touchpoints"] == 1 and r["evidence"]["assumed"] == 0
    assert r["opportunities"] == []


@pytest.mark.parametrize("output_format", FORMATS)
def test_a_folder_skips_a_journey_without_the_persona_and_says_so(tmp_path: Path, output_format: str) -> None:
    journey(tmp_path, "home", PERSONAS)
    journey(tmp_path, "motor", "{id: luis, name: Luis Gil, needs: [Speed]}")
    result = cjm("report", "--format", output_format, "--persona", "ana", str(tmp_path))
    assert result.code == 0, result
    assert result.err.strip().splitlines() == [
        f"cjm: skipped {tmp_path / 'motor.yaml'}: persona 'ana' is not in journey 'motor'"
    ]
    if output_format == "json":
        [home] = json.loads(result.out)["journeys"]
        assert home["journey"] == "home" and home["personas"] == ["ana"] and home["truths"] == []
    else:
        assert "Browses the catalogue" in result.out and "Calls the claims line" not in result.out


def test_a_folder_where_no_journey_has_the_persona_is_an_error(tmp_path: Path) -> None:
    journey(tmp_path, "home", PERSONAS)
    journey(tmp_path, "motor", "{id: luis, name: Luis Gil, needs: [Speed]}")
    result = cjm("report", "--persona", "eva", str(tmp_path))
    assert result.code == 2 and result.out == ""
    assert result.err.strip().splitlines()[-1] == f"cjm: error: persona 'eva' is in no journey of {tmp_path}"
