"""Managing many journeys: governance fields, starter journeys (`cjm init`), the portfolio page."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from conftest import EXAMPLES, chromium, cjm, html_elements

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


def test_the_portfolio_overview_of_the_examples_by_hand() -> None:
    """Counted in the example files: touchpoints; Moments of Pain without an improvement; metrics
    short of their target; touchpoints whose confidence is assumed or missing."""
    report = json.loads(cjm("report", str(EXAMPLES), "--format", "json").out)
    maps = {m["journey"]: m for m in report["portfolio"]["maps"]}
    assert [m["journey"] for m in report["portfolio"]["maps"]] == [
        "payroll-onboarding", "sofa-click-and-collect", "seguro-hogar"
    ]  # fmt: skip
    today = date.today()
    expected = {
        "payroll-onboarding": ("future", "draft", None, None, None, 13, 0, 2, 2),
        "sofa-click-and-collect": ("current", "review", "customer-care", "Customer care", "2027-10-31", 12, 0, 4, 3),
        "seguro-hogar": ("current", "approved", "atencion-cliente", "Atención al cliente", "2027-03-31", 17, 0, 10, 1),
    }  # fmt: skip
    for journey, (
        state,
        status,
        owner,
        owner_name,
        review_by,
        size,
        pains,
        below,
        unsure,
    ) in expected.items():
        m = maps[journey]
        assert (m["state"], m["status"], m["owner"], m["owner_name"], m["review_by"]) == (
            state, status, owner, owner_name, review_by
        )  # fmt: skip
        assert m["overdue"] == (review_by is not None and date.fromisoformat(review_by) < today)
        assert (m["touchpoints"], m["pains_without_improvement"], m["metrics_below"], m["unsure"]) == (
            size, pains, below, unsure
        )  # fmt: skip
        assert m["unsure_share"] == round(unsure / size, 3)
        assert m["path"].endswith(".yaml")


def test_the_overview_comes_first_in_markdown_and_says_overdue_in_words(tmp_path: Path) -> None:
    _journey(tmp_path, "live", "approved", 1)
    _journey(tmp_path, "old", "retired", -2)
    text = cjm("report", str(tmp_path), "--format", "markdown").out
    assert text.index("## Maps") < text.index("## Phases that hurt most")
    assert (
        "| Live | current | approved | Customer experience | 2020-01-31 (overdue) | 2 | 0 | 0 | 100% |"
        in text
    )
    assert "| Old | current | retired | Customer experience | 2020-01-31 | 2 | 2 | 0 | 100% |" in text
    spanish = cjm("report", str(tmp_path), "--format", "markdown", "--lang", "es").out
    assert "## Mapas" in spanish and "2020-01-31 (vencida)" in spanish and "| retirado |" in spanish


def test_the_site_index_links_every_map_and_loads_nothing(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = cjm("render", str(EXAMPLES), "-o", str(site))
    assert result.code == 0, result
    index = site / "index.html"
    html = index.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    html_elements(html)  # nothing that runs or loads from elsewhere
    links = re.findall(r"<a href='([^']+)'>", html)
    assert sorted(links) == sorted(p.name for p in site.iterdir() if p.name != "index.html")
    assert all((site / link).is_file() and "/" not in link for link in links)
    browser = chromium(tmp_path, "--dump-dom", index.as_uri())
    assert ":CONSOLE" not in browser.stderr  # nothing blocked, nothing failed
    for title in ("Move a company's payroll to our service", "Buy a sofa online and collect it in store",
                  "Contratar un seguro de hogar online"):  # fmt: skip
        assert title.replace("'", "&#x27;") in browser.stdout or title in browser.stdout
    shot = tmp_path / "index.png"
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1400,700", index.as_uri())
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_journey_called_index_would_hide_the_site_index(tmp_path: Path) -> None:
    _journey(tmp_path, "index", "approved", 1)
    result = cjm("render", str(tmp_path), "-o", str(tmp_path / "site"))
    assert result.code == 2 and "index" in result.err
    assert not (tmp_path / "site").exists()
