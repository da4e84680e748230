"""The map's legend and the emotion curve's persona names, as the HTML page and the JSON view give
them: the whole legend of the drawings (`view.legend()`), and names in a gutter that never overlap."""

from __future__ import annotations

import html
import itertools
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import EXAMPLES, cjm

from cjm.present.i18n import words
from cjm.render.view import legend

SVG = "{http://www.w3.org/2000/svg}"
SEGURO = ["--catalog", str(EXAMPLES / "catalogo-seguros.yaml"), str(EXAMPLES / "seguro-hogar.yaml")]
PAYROLL = [str(EXAMPLES / "b2b-payroll-onboarding.yaml")]
SOFA = [str(EXAMPLES / "ecommerce-omnichannel.yaml")]
CROWDED = """cjm: 1
id: crowded
title: Everyone ends together
personas:
  - {id: ana, name: Ana Martínez Fernández de la Vega, needs: [x]}
  - {id: marta, name: Marta Ruiz, needs: [x]}
  - {id: luis, name: Luis García, needs: [x]}
  - {id: eva, name: Eva, needs: [x]}
phases:
  - id: before
    stages:
      - id: all
        name: All
        touchpoints:
          - {id: one, name: One, channel: web, emotion: {ana: 1, marta: 1, luis: 1, eva: 1}}
          - {id: two, name: Two, channel: web, personas: [ana, marta], emotion: {ana: 2, marta: 2}}
          - {id: three, name: Three, channel: web, emotion: {ana: 2, marta: 2, luis: 2, eva: 2}}
"""


def _screen_curve(page: str) -> ET.Element:
    [drawn] = re.findall(
        r"<svg[^>]*class='emotion-curve'.*?</svg>", page.split("<div class='sheets'>")[0], re.DOTALL
    )
    return ET.fromstring(drawn)


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("journey", [SEGURO, PAYROLL, SOFA], ids=["seguro", "payroll", "sofa"])
@pytest.mark.parametrize("persona", [None, "first"])
def test_the_html_map_and_the_json_view_carry_the_whole_legend(
    journey: list[str], lang: str, persona: str | None
) -> None:
    chosen = []
    if persona:
        data = json.loads(cjm("render", *journey, "--format", "json").out)
        chosen = ["--persona", data["personas"][0]["id"]]
    keys = legend(words(lang))
    page = cjm("render", *journey, *chosen, "--lang", lang, "--format", "html")
    assert page.code == 0, page
    [shown] = re.findall(
        r"<div class='legend'>.*?</div>", page.out.split("<div class='sheets'>")[0], re.DOTALL
    )
    text = html.unescape(re.sub(r"<[^>]+>", " ", shown))
    for key in keys:
        assert key.sign in text and key.text in text, key
    data = json.loads(cjm("render", *journey, *chosen, "--lang", lang, "--format", "json").out)
    assert [(k["sign"], k["text"], k["role"]) for k in data["legend"]] == [
        (k.sign, k.text, k.role) for k in keys
    ]
    assert {k["role"] for k in data["legend"]} <= set(data["theme"])


@pytest.mark.parametrize("journey", ["crowded", "seguro", "payroll", "sofa"])
def test_the_html_curve_names_its_personas_in_a_right_gutter_without_overlap(
    tmp_path: Path, journey: str
) -> None:
    path = tmp_path / "crowded.yaml"
    path.write_text(CROWDED, encoding="utf-8")
    arguments = {"crowded": [str(path)], "seguro": SEGURO, "payroll": PAYROLL, "sofa": SOFA}[journey]
    root = _screen_curve(cjm("render", *arguments, "--format", "html").out)
    right = max(float(line.get("x2", "")) for line in root.iter(f"{SVG}line") if line.get("class") == "level")
    width = float(root.get("viewBox", "").split()[2])
    size = float(root.get("font-size", ""))
    labels = [e for e in root.iter(f"{SVG}text") if e.get("class") == "end-label"]
    personas = {g.get("data-persona") for g in root.iter(f"{SVG}g") if g.get("class") == "point"}
    assert {e.get("data-persona") for e in labels} == personas
    ys = sorted(float(e.get("y", "")) for e in labels)
    assert all(b - a >= size for a, b in itertools.pairwise(ys)), ys  # never one over another
    for label in labels:
        x = float(label.get("x", ""))
        assert right < x and x + len("".join(label.itertext())) * size * 0.62 <= width + 1  # in the gutter
        [leader] = [
            e for e in root.iter(f"{SVG}line")
            if e.get("class") == "leader" and e.get("data-persona") == label.get("data-persona")
        ]  # fmt: skip
        assert (
            float(leader.get("x2", "")) <= x
            and abs(float(leader.get("y2", "")) - float(label.get("y", ""))) < size
        )
