"""Managing many journeys: governance fields, starter journeys (`cjm init`), the portfolio page."""

from __future__ import annotations

import json
from pathlib import Path

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
