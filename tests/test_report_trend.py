"""A metric's trend in the report: decided once in the analysis (previous value, change, better or
worse by higher_is_better, history), shown in every format, in the journey's language."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import cjm

JOURNEY = """\
cjm: 1
id: encuesta
title: Encuesta
{lang}phases:
  - id: after
    stages:
      - id: uso
        name: Uso
        touchpoints:
          - id: firma
            name: Firma
            channel: email
            emotion: 1
            metrics:
              - name: NPS
                target: 30
                unit: puntos
                value: 24
                n: 312
                measured: 2026-11-30
                history:
                  - {{date: 2026-09-30, value: 12, n: 250}}
                  - {{date: 2026-10-31, value: 18, n: 290}}
              - name: Espera
                target: 3
                unit: min
                higher_is_better: false
                value: 5.2
                n: 41
                measured: 2026-11-30
                history:
                  - {{date: 2026-10-31, value: 4.5, n: 40}}
              - name: Abandono
                target: 20
                unit: "%"
                higher_is_better: false
                value: 31
                measured: 2026-11-30
                history:
                  - {{date: 2026-10-31, value: 31}}
              - {{name: CTR, value: 0.8, target: 1.5, unit: "%"}}
"""
WITH_HISTORY = {"NPS": 3, "Espera": 2, "Abandono": 2}
ENGLISH_TREND = ["better", "worse", "same since", "since", "trend", "measured", "oldest first"]
SPANISH_TREND = ["tendencia", "mejor", "peor", "igual desde", "desde", "medido el", "n = 312"]


@pytest.fixture(autouse=True)
def _wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")


def _journey(tmp_path: Path, lang: str | None = None) -> str:
    path = tmp_path / "encuesta.yaml"
    path.write_text(JOURNEY.format(lang=f"lang: {lang}\n" if lang else ""), encoding="utf-8")
    return str(path)


def _report(path: str, output_format: str, *options: str) -> str:
    result = cjm("report", "--format", output_format, *options, path)
    assert result.code == 0, result
    return result.out


def _said(labels: list[str], text: str) -> list[str]:
    return [label for label in labels if re.search(rf"(?<!\w){re.escape(label)}(?!\w)", text)]


def test_the_json_says_the_previous_value_the_change_its_direction_and_the_history(tmp_path: Path) -> None:
    metrics = {m["name"]: m for m in json.loads(_report(_journey(tmp_path), "json"))["metrics"]}
    nps, wait, drop, ctr = metrics["NPS"], metrics["Espera"], metrics["Abandono"], metrics["CTR"]
    # higher is better: 18 → 24 is 6 better
    assert (nps["measured"], nps["n"], nps["previous"], nps["change"], nps["direction"]) == (
        "2026-11-30", 312, 18, 6, "improved",
    )  # fmt: skip
    assert nps["history"] == [
        {"date": "2026-09-30", "value": 12, "n": 250},
        {"date": "2026-10-31", "value": 18, "n": 290},
        {"date": "2026-11-30", "value": 24, "n": 312},
    ]
    # lower is better: 4.5 → 5.2 is 0.7 worse (rounded like the values, not 0.7000000000000002)
    assert (wait["previous"], wait["change"], wait["direction"]) == (4.5, 0.7, "worsened")
    assert wait["history"] == [
        {"date": "2026-10-31", "value": 4.5, "n": 40},
        {"date": "2026-11-30", "value": 5.2, "n": 41},
    ]
    assert (drop["previous"], drop["change"], drop["direction"], drop["n"]) == (31, 0, "unchanged", None)
    # no history: nothing to compare with; the value alone is on record
    assert (ctr["measured"], ctr["previous"], ctr["change"], ctr["direction"]) == (None, None, None, None)
    assert ctr["history"] == [{"date": None, "value": 0.8, "n": None}]


def test_text_and_markdown_show_the_trend_the_date_and_n(tmp_path: Path) -> None:
    path = _journey(tmp_path)
    for output_format in ("text", "markdown"):
        out = _report(path, output_format)
        assert "better +6 puntos since 2026-10-31" in out, output_format
        assert "worse +0.7 min since 2026-10-31" in out, output_format
        assert "same since 2026-10-31" in out, output_format
        assert "2026-11-30, n = 312" in out, output_format
        assert "by what the metric aims for (higher or lower)" in out, output_format


def test_the_html_draws_one_sparkline_per_metric_with_history(tmp_path: Path) -> None:
    html = _report(_journey(tmp_path), "html")
    found = re.findall(r"<svg class='spark'.*?</svg>", html, flags=re.DOTALL)
    assert len(found) == len(WITH_HISTORY)
    ns = "{http://www.w3.org/2000/svg}"
    drawn = {}
    for svg in found:
        root = ET.fromstring(svg)
        title = root.findtext(f"{ns}title") or ""
        [polyline] = root.iter(f"{ns}polyline")
        drawn[title.split(",")[0]] = (len(polyline.get("points", "").split()), title)
    assert {name: count for name, (count, _) in drawn.items()} == WITH_HISTORY
    assert drawn["NPS"][1] == (
        "NPS, oldest first: 12 puntos on 2026-09-30 (n = 250); 18 puntos on 2026-10-31 (n = 290);"
        " 24 puntos on 2026-11-30 (n = 312)"
    )
    assert "better +6 puntos since 2026-10-31" in html
    assert "<script" not in html and " src=" not in html and "url(" not in html


def test_a_spanish_journey_says_its_trend_in_spanish_and_in_english_with_lang_en(tmp_path: Path) -> None:
    path = _journey(tmp_path, "es")
    for output_format in ("text", "markdown", "html"):
        out = _report(path, output_format)
        shown = re.sub(r"<style>.*?</style>|<[^>]+>", " ", out, flags=re.DOTALL)
        assert _said(ENGLISH_TREND, shown) == [], output_format
        assert _said(SPANISH_TREND, shown) == SPANISH_TREND, output_format
        assert "peor +0,7 min desde 2026-10-31" in out and "igual desde 2026-10-31" in out, output_format
        english = _report(path, output_format, "--lang", "en")
        assert "worse +0.7 min since 2026-10-31" in english, output_format
        assert _said(["tendencia", "mejor", "peor", "medido el"], english) == [], output_format
    html = _report(path, "html")
    assert "NPS, del valor más antiguo al más reciente: 12 puntos el 2026-09-30 (n = 250);" in html


def test_measure_speaks_the_journeys_language_unless_told(tmp_path: Path) -> None:
    (tmp_path / "d.csv").write_text("Score\n9\n10\n3\n", encoding="utf-8")
    text = JOURNEY.format(lang="lang: es\n").replace(
        "              - {name: CTR",
        "              - {name: Media, kind: mean, target: 8, data: {file: d.csv, column: Score}, value: 6.5}\n"
        "              - {name: CTR",
    )
    path = tmp_path / "encuesta.yaml"
    path.write_text(text, encoding="utf-8")
    spanish = cjm("measure", str(path), "--date", "2026-11-30", "--dry-run")
    assert spanish.code == 0, spanish
    assert "Media: 6,5 → 7,33 (n = 3, medido el 2026-11-30) no alcanza su objetivo de 8" in spanish.out
    assert "simulación: no se ha escrito nada" in spanish.out
    english = cjm("measure", str(path), "--date", "2026-11-30", "--lang", "en")
    assert english.code == 0, english
    assert "Media: 6.5 → 7.33 (n = 3, measured on 2026-11-30) misses its target of 8" in english.out
    assert english.out.endswith("1 metric measured, 1 file written\n")
