"""Managing many journeys: governance fields, starter journeys (`cjm init`), the portfolio page."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from conftest import cjm

JOURNEY = """cjm: 1
id: {id}
title: {title}
owner: cx
status: {status}
review_by: 2020-01-31
teams: [{{id: cx, name: Customer experience}}]
phases:
  - id: before
    stages:
      - id: s
        name: S
        touchpoints:
          - {{id: t1, name: T1, channel: web, owner: cx, emotion: {emotion}}}
          - {{id: t2, name: T2, channel: web, owner: cx, emotion: {emotion}, confidence: assumed}}
"""


def _journey(folder: Path, ident: str, status: str, emotion: int) -> None:
    (folder / f"{ident}.yaml").write_text(
        JOURNEY.format(id=ident, title=ident.title(), status=status, emotion=emotion), encoding="utf-8"
    )


def test_retired_maps_leave_the_portfolio_totals_but_stay_listed(tmp_path: Path) -> None:
    _journey(tmp_path, "live", "approved", 1)
    _journey(tmp_path, "old", "retired", -2)
    result = cjm("report", str(tmp_path), "--format", "json")
    assert result.code == 0, result
    report = json.loads(result.out)
    assert report["portfolio"]["journeys"] == 1
    assert report["portfolio"]["touchpoints"] == 2
    assert report["portfolio"]["average"] == 1
    assert [s["journeys"] for s in report["portfolio"]["states"]] == [1]
    assert report["portfolio"]["owners"][0]["journeys"] == 1
    assert {j["journey"] for j in report["journeys"]} == {"live", "old"}


def test_a_portfolio_of_retired_maps_only_has_empty_totals(tmp_path: Path) -> None:
    _journey(tmp_path, "old", "retired", -2)
    report = json.loads(cjm("report", str(tmp_path), "--format", "json").out)
    assert report["portfolio"]["journeys"] == 0 and report["portfolio"]["average"] is None


def test_a_retired_map_is_not_due_for_review(tmp_path: Path) -> None:
    _journey(tmp_path, "live", "approved", 1)
    _journey(tmp_path, "old", "retired", 1)
    found = cjm("validate", str(tmp_path), "--format", "json", "--select", "CJM312")
    findings = json.loads(found.out)["findings"]
    assert [(Path(f["path"]).name, f["code"]) for f in findings] == [("live.yaml", "CJM312")]


def test_governance_values_are_checked(tmp_path: Path) -> None:
    text = JOURNEY.format(id="x", title="X", status="archived", emotion=1).replace("2020-01-31", "2026-02-30")
    (tmp_path / "x.yaml").write_text(text, encoding="utf-8")
    found = cjm("validate", str(tmp_path), "--format", "json", "--select", "CJM1")
    findings = json.loads(found.out)["findings"]
    assert sorted((f["code"], f["line"]) for f in findings) == [("CJM101", 5), ("CJM101", 6)]


TEMPLATES = [(template, lang) for template in ("b2c", "b2b", "service") for lang in ("en", "es")]


@pytest.mark.parametrize(("template", "lang"), TEMPLATES, ids=lambda v: str(v))
def test_each_starter_validates_without_error_and_can_be_reported(
    tmp_path: Path, template: str, lang: str
) -> None:
    result = cjm("init", str(tmp_path), "--template", template, "--lang", lang)
    assert result.code == 0, result
    assert f"cjm validate {tmp_path}" in result.out
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == (["journey.yaml"] if template == "service" else ["catalog.yaml", "journey.yaml"])
    checked = json.loads(cjm("validate", str(tmp_path), "--format", "json").out)
    assert checked["errors"] == 0
    codes = {f["code"] for f in checked["findings"]}
    assert codes and codes <= {"CJM302", "CJM304", "CJM307", "CJM308"}  # what to fill in next
    report = cjm("report", str(tmp_path / "journey.yaml"), "--format", "json")
    assert report.code == 0, report
    assert json.loads(report.out)["lang"] == lang
    text = (tmp_path / "journey.yaml").read_text(encoding="utf-8")
    assert "status: draft" in text and "review_by:" in text and "moment: pain" in text


def test_a_starter_is_due_for_review_in_three_months_and_its_figure_is_dated_today(tmp_path: Path) -> None:
    from cjm.starter import init

    written = init(tmp_path / "sofa.yaml", "b2c", "en", today=date(2026, 1, 15))
    text = written.journey.read_text(encoding="utf-8")
    assert "review_by: 2026-04-15" in text and "measured: 2026-01-15" in text
    assert "\nid: sofa  " in text and written.catalog == tmp_path / "catalog.yaml"


def test_init_never_overwrites_without_force(tmp_path: Path) -> None:
    (tmp_path / "catalog.yaml").write_text("mine\n", encoding="utf-8")
    refused = cjm("init", str(tmp_path))
    assert refused.code == 2
    assert refused.err.strip().splitlines() == [
        f"cjm: error: {tmp_path / 'catalog.yaml'} already exists: give --force to overwrite it, or another PATH"
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["catalog.yaml"]  # nothing written
    assert (tmp_path / "catalog.yaml").read_text(encoding="utf-8") == "mine\n"
    forced = cjm("init", str(tmp_path), "--force")
    assert forced.code == 0, forced
    assert "kind: catalog" in (tmp_path / "catalog.yaml").read_text(encoding="utf-8")
    assert (tmp_path / "journey.yaml").is_file()


def test_init_defaults_to_the_current_folder(tmp_path: Path) -> None:
    result = cjm("init", "--template", "service", cwd=tmp_path)
    assert result.code == 0, result
    assert result.out.splitlines()[0] == "wrote journey.yaml"
    assert (tmp_path / "journey.yaml").is_file()


def test_an_unknown_language_version_of_a_template_is_a_one_line_error(tmp_path: Path) -> None:
    from cjm.starter import InitError, init

    with pytest.raises(InitError, match="has no 'fr' version: choose one of en, es"):
        init(tmp_path, "b2c", "fr")
    with pytest.raises(InitError, match="unknown template 'b2x'"):
        init(tmp_path, "b2x", "en")
