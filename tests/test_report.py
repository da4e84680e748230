"""`cjm report`: the facts a person computes by hand from the examples, in every format."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import CASES, EXAMPLES, ROOT, chromium, cjm, html_elements

CATALOG = str(EXAMPLES / "catalogo-seguros.yaml")
SCHEMA = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))


def report(path: Path, *options: str) -> dict:
    result = cjm("report", "--format", "json", *options, str(path))
    assert result.code == 0, result
    data = json.loads(result.out)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    return data


def test_ecommerce_report_says_what_a_person_computes() -> None:
    r = report(EXAMPLES / "ecommerce-omnichannel.yaml")
    assert r["journey"] == "sofa-click-and-collect" and r["personas"] == ["maya", "tom"]
    # Moments of Pain, deepest first: Tom's wait at the desk (-2), then Maya's checkout (-1, a Truth)
    assert [(p["touchpoint"], p["persona"], p["emotion"], p["truth"]) for p in r["pains"]] == [
        ("store-pickup", "tom", -2, False),
        ("laptop-checkout", "maya", -1, True),
    ]
    # expected_emotion minus emotion, largest first
    assert [(g["touchpoint"], g["persona"], g["gap"]) for g in r["gaps"]] == [
        ("store-pickup", "tom", 3),
        ("laptop-checkout", "maya", 2),
        ("app-product-page", "maya", 1),
    ]
    # abandonment and waiting time are lower-is-better: 23 % against 10 % and 40 min against 10 are below
    assert [(m["name"], m["status"], m["gap"]) for m in r["metrics"]] == [
        ("Add-to-cart rate", "met", -1.1),
        ("Showroom visit to online purchase", "below", 7),
        ("Checkout conversion", "below", 14),
        ("Checkout abandonment at delivery step", "below", 13),
        ("Waiting time at the desk", "below", 30),
    ]
    # score = depth × reach + gap + targets missed + 2 × truth at risk
    assert [(b["touchpoint"], b["score"]) for b in r["backlog"]] == [
        ("laptop-checkout", 1 * 1 + 2 + 2 + 2),
        ("store-pickup", 2 * 1 + 3 + 1 + 0),
        ("store-visit", 0 + 0 + 1 + 2),
        ("app-product-page", 1),
        ("marketplace-listing", 0),
        ("assembly", 0),
    ]
    assert r["backlog"][4]["improvements"] == []  # "no improvement yet"
    assert r["ownership"]["without_owner"] == ["review-request"]
    assert r["channels"]["personas"][1] == {
        "persona": "tom",
        "persona_name": "Tom Baker",
        "preferred": ["store", "sms", "phone"],
        "never_offered": ["phone"],
        "unpreferred_used": {"after": ["assembly-guide"]},
    }
    assert r["evidence"] == {
        "touchpoints": 12,
        "observed": 7,
        "reported": 1,
        "inferred": 1,
        "assumed": 3,
        "unstated": 0,
        "with_sources": 3,
    }
    assert [(s["touchpoint"], s["persona"]) for s in r["strengths"]] == [
        ("tiktok-ad", "maya"),
        ("store-visit", "maya"),
    ]
    assert r["curve"]["falls"][0] == {
        "persona": "maya",
        "persona_name": "Maya Chen",
        "from": "store-visit",
        "to": "laptop-checkout",
        "from_name": "Sits on the sofa in the showroom",
        "to_name": "Buys on the laptop and picks click & collect",
        "drop": 3,
    }
    assert {a["id"]: a["average"] for a in r["curve"]["phases"]} == {
        "before": 1.17,
        "during": 0.0,
        "after": 0.0,
    }


def test_insurance_report_ranks_the_claim_first() -> None:
    r = report(EXAMPLES / "seguro-hogar.yaml", "--catalog", CATALOG)
    first = r["backlog"][0]
    assert (first["touchpoint"], first["score"], first["parts"]) == (
        "parte-whatsapp",
        10,  # its response time, and the CSAT and first-time fix that cjm measure computes
        {"depth": 2, "reach": 1, "gap": 3, "truth": True, "metrics_below": 3},
    )
    assert [b["touchpoint"] for b in r["backlog"]] == [
        "parte-whatsapp",
        "formulario-contratacion",
        "simulador-web",
        "llamada-dudas",
        "aviso-renovacion",
        "visita-perito",
        "ayuda-mediadora",
        # not a Moment of Pain for anyone: after every pain, however high they score
        "recomendacion-mediadora",
        "anuncio-instagram",
        "revision-contrato",
        "email-bienvenida",  # a Moment of Truth that goes well weighs nothing
    ]
    assert [p["touchpoint"] for p in r["pains"]][:2] == ["parte-whatsapp", "formulario-contratacion"]
    assert all(p["has_improvement"] for p in r["pains"])
    assert {m["name"]: m["status"] for m in r["metrics"]}["NPS tras la renovación"] == "no-target"
    assert {m["name"]: m["gap"] for m in r["metrics"]}["CTR"] == 0.7
    assert {t["touchpoint"]: t["going"] for t in r["truths"]} == {
        "recomendacion-mediadora": "mixed",
        "formulario-contratacion": "badly",
        "email-bienvenida": "well",
        "parte-whatsapp": "badly",
    }


def test_persona_narrows_the_report() -> None:
    r = report(EXAMPLES / "ecommerce-omnichannel.yaml", "--persona", "tom")
    assert {p["persona"] for p in r["curve"]["points"]} == {"tom"}
    assert [b["touchpoint"] for b in r["backlog"]][:1] == ["store-pickup"]
    result = cjm("report", "--persona", "ana", str(EXAMPLES / "ecommerce-omnichannel.yaml"))
    assert (
        result.code == 2
        and "persona 'ana' is not in journey 'sofa-click-and-collect' (its personas: maya, tom)" in result.err
    )


def test_a_folder_gives_a_portfolio_where_after_purchase_hurts_most() -> None:
    r = report(EXAMPLES)
    # the payroll journey is a future state: it is counted apart, never averaged with the others
    assert r["portfolio"]["journeys"] == 2 and len(r["journeys"]) == 3
    assert [(s["state"], s["journeys"]) for s in r["portfolio"]["states"]] == [("current", 2), ("future", 1)]
    assert r["portfolio"]["phases"][0]["id"] == "after"
    assert r["portfolio"]["stages"][0]["id"] == "siniestro"


def test_invalid_journeys_are_not_reported_on(tmp_path: Path) -> None:
    result = cjm("report", str(CASES / "cjm204-unknown-team.yaml"))
    assert result.code == 2
    assert "cjm204-unknown-team.yaml:16:20: CJM204 error: unknown team 'sails'" in result.err
    assert "Traceback" not in result.err


def test_explain_prints_the_formula() -> None:
    result = cjm("report", "--explain", str(EXAMPLES))
    assert result.code == 0 and result.out.startswith(
        "score = depth × reach + gap + targets missed + 2 × truth at risk"
    )


def test_text_draws_the_curve() -> None:
    out = cjm("report", str(EXAMPLES / "ecommerce-omnichannel.yaml")).out
    assert "  Collects the boxes at the store" in out and "██│   -2" in out
    assert "Backlog: what to fix first" in out


HOSTILE = """cjm: 1
id: hostile
title: "<script>alert('x')</script> | pipes | and *stars*"
personas: [{id: ana, name: "Ana <b>", needs: [x]}]
phases:
  - id: before
    stages:
      - id: s1
        name: "Stage: one; two # three"
        touchpoints:
          - id: t1
            name: "Line one\\nline two | {braces} `ticks` 🏠 ñ"
            channel: web
            emotion: -2
            problems: ["<img src=x onerror=alert(1)> | [link](javascript:alert(1)) 🏠 ñ"]
"""


def test_hostile_text_is_escaped_in_markdown_and_html(tmp_path: Path) -> None:
    journey = tmp_path / "hostile.yaml"
    journey.write_text(HOSTILE, encoding="utf-8")
    markdown = cjm("report", "--format", "markdown", str(journey)).out
    for line in markdown.splitlines():
        if line.startswith("| t1 "):
            assert line.count(" | ") == len(line.split(" | ")) - 1  # no cell broken by a pipe
    assert "<script>" not in markdown and "<img" not in markdown and "\\| pipes \\|" in markdown
    html = cjm("report", "--format", "html", str(journey)).out
    elements = html_elements(html)
    assert "script" not in elements and "img" not in elements
    assert "&lt;script&gt;" in html and "🏠 ñ" in html


def test_html_is_self_contained_and_renders_in_chromium(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    assert (
        cjm(
            "report",
            "--format",
            "html",
            "-o",
            str(page),
            "--catalog",
            CATALOG,
            str(EXAMPLES / "seguro-hogar.yaml"),
        ).code
        == 0
    )
    html = page.read_text(encoding="utf-8")
    assert {"svg", "polyline", "table", "style"} <= html_elements(html)
    assert "url(" not in html and " src=" not in html and "<link" not in html
    dom = chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    assert "Contratar un seguro de hogar online" in dom and "Plan de mejoras: qué arreglar primero" in dom
    assert dom.count('class="point"') == 20  # 17 touchpoints, three of them felt by two personas
    screenshot = tmp_path / "report.png"
    chromium(tmp_path, f"--screenshot={screenshot}", "--window-size=1280,900", page.as_uri())
    data = screenshot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000  # a page with content, not a blank one


@pytest.mark.parametrize("output_format", ["text", "markdown", "html", "json"])
def test_every_format_writes_a_file_whole(tmp_path: Path, output_format: str) -> None:
    out = tmp_path / f"report.{output_format}"
    assert cjm("report", "-f", output_format, "-o", str(out), str(EXAMPLES)).code == 0
    assert "payroll-onboarding" in out.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_b2b_report_weighs_truths_and_lower_is_better_metrics() -> None:
    r = report(EXAMPLES / "b2b-payroll-onboarding.yaml")
    # both at -1 for one persona: the Moment of Truth ranks first
    assert [(p["touchpoint"], p["persona"], p["truth"]) for p in r["pains"]] == [
        ("payslip-app", "ben", True),
        ("data-migration", "priya", False),
    ]
    # a scalar expected_emotion applies to every persona: at the demo, David got the 1 he expected
    assert [(g["touchpoint"], g["persona"], g["gap"]) for g in r["gaps"]] == [
        ("data-migration", "priya", 2),
        ("payslip-app", "ben", 2),
        ("security-review", "david", 1),
    ]
    # 4 days against a 5-day target and 0 errors against 0 are met; lower is better for both
    assert [m["status"] for m in r["metrics"]] == ["met", "met", "met", "below", "met", "below"]
    assert [(b["touchpoint"], b["score"], b["personas"]) for b in r["backlog"]] == [
        ("payslip-app", 1 + 2 + 2 + 1, ["ben"]),
        ("data-migration", 1 + 2 + 0 + 1, ["priya"]),
        ("security-review", 1, ["david"]),
    ]
    assert [(s["touchpoint"], s["persona"]) for s in r["strengths"]] == [
        ("demo", "priya"),
        ("payroll-approval", "david"),
        ("accountant-export", "sofia"),
    ]
    assert r["channels"]["empty_phases"] == [] and r["ownership"]["without_owner"] == []
