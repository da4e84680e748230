"""The report sets the Moments of Pain the team marked (`moment: pain`) apart from the pain points
(a negative emotion alone), as the map does: the strong list holds only the curated ones."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import EXAMPLES, cjm
from ruamel.yaml import YAML

from cjm.present.i18n import words

SEGURO = ["--catalog", str(EXAMPLES / "catalogo-seguros.yaml"), str(EXAMPLES / "seguro-hogar.yaml")]
SOFA = [str(EXAMPLES / "ecommerce-omnichannel.yaml")]
STRONG = "Moments of Pain, as the team marked them, deepest first"
LIGHT = "Pain points: negative emotions not marked as a Moment of Pain, deepest first"


def _curated(path: str) -> set[str]:
    journey = YAML(typ="safe").load(Path(path).read_text(encoding="utf-8"))
    return {
        tp["id"]
        for phase in journey["phases"]
        for stage in phase["stages"]
        for tp in stage["touchpoints"]
        if tp.get("moment") == "pain"
    }


def _rows(markdown: str, title: str) -> list[str]:
    section = markdown.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]
    return [line for line in section.splitlines() if line.startswith("| ")][1:]  # less the header


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("journey", [SEGURO, SOFA], ids=["seguro", "sofa"])
def test_the_report_lists_only_curated_moments_of_pain_and_pain_points_apart(
    journey: list[str], lang: str
) -> None:
    data = json.loads(cjm("report", *journey, "--format", "json").out)
    curated = _curated(journey[-1])
    pains = data["pains"]
    assert {p["touchpoint"] for p in pains if p["marked"]} == curated & {p["touchpoint"] for p in pains}
    strong = [p for p in pains if p["marked"]]
    light = [p for p in pains if not p["marked"]]
    assert light, "the example has pain points to set apart"
    t = words(lang)
    markdown = cjm("report", *journey, "--lang", lang, "--format", "markdown").out
    assert strong and len(_rows(markdown, t(STRONG))) == len(strong)
    assert len(_rows(markdown, t(LIGHT))) == len(light)
    for output_format in ("text", "html"):
        out = cjm("report", *journey, "--lang", lang, "--format", output_format).out
        assert t(STRONG) in out and t(LIGHT) in out, output_format


def test_the_report_curve_rings_only_curated_moments_of_pain() -> None:
    page = cjm("report", *SOFA, "--format", "html").out
    [drawn] = re.findall(r"<svg[^>]*class='emotion-curve'.*?</svg>", page, re.DOTALL)
    assert len(re.findall(r"data-moment='pain'", drawn)) == 1  # Tom at the desk, marked
    assert "pain-point-mark" in drawn  # Maya's checkout: a negative emotion, not marked
