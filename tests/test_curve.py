"""The emotion curve both HTML pages draw (cjm.present.curve), read back as SVG and checked
against the facts of `cjm report --format json`: a point only where a persona passes, at the
height of its score on evenly spaced levels, one line per persona, a pain on the hurt persona."""

from __future__ import annotations

import itertools
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import EXAMPLES, cjm

SVG = "{http://www.w3.org/2000/svg}"
CATALOG = str(EXAMPLES / "catalogo-seguros.yaml")

TWO_PERSONAS = """cjm: 1
id: claims
title: Siniestros
personas:
  - {id: ana, name: Ana Martínez, needs: [x]}
  - {id: tom, name: Tom Baker, needs: [x]}
phases:
  - id: after
    stages:
      - id: claim
        name: Parte
        touchpoints:
          - {id: water-claim, name: Comunica un siniestro, channel: phone, emotion: {ana: -2, tom: 1}}
          - {id: ana-only, name: Sube fotos, channel: mobile-app, personas: [ana], emotion: 1, expected_emotion: 2}
          - {id: marked, name: Espera al perito, channel: phone, moment: pain, emotion: 1}
          - {id: tom-only, name: Firma, channel: mobile-app, personas: [tom], emotion: 2}
"""
NOBODY = """cjm: 1
id: nobody
title: Nobody named
phases:
  - id: before
    stages:
      - id: look
        name: Look
        touchpoints:
          - {id: ad, name: Sees an ad, channel: web, emotion: 1}
          - {id: silent, name: Reads the page, channel: web}
          - {id: queue, name: Queues, channel: store, emotion: -1}
"""


def journeys(tmp_path: Path) -> dict[str, list[str]]:
    (tmp_path / "two.yaml").write_text(TWO_PERSONAS, encoding="utf-8")
    (tmp_path / "nobody.yaml").write_text(NOBODY, encoding="utf-8")
    return {
        "sofa": [str(EXAMPLES / "ecommerce-omnichannel.yaml")],
        "hogar": ["--catalog", CATALOG, str(EXAMPLES / "seguro-hogar.yaml")],
        "payroll": [str(EXAMPLES / "b2b-payroll-onboarding.yaml")],
        "two": [str(tmp_path / "two.yaml")],
        "two-tom": ["--persona", "tom", str(tmp_path / "two.yaml")],
        "nobody": [str(tmp_path / "nobody.yaml")],
    }


def curve_of(page: str) -> ET.Element:
    """The page's one emotion curve on screen, parsed as XML (the print copy of the map is cut into
    pages, each with its part of the curve)."""
    drawn = re.findall(
        r"<svg[^>]*class='emotion-curve'.*?</svg>", page.split("<div class='sheets'>")[0], re.DOTALL
    )
    assert len(drawn) == 1, drawn
    return ET.fromstring(drawn[0])


def facts(arguments: list[str]) -> dict[str, object]:
    result = cjm("report", "--format", "json", *arguments)
    assert result.code == 0, result
    report: dict[str, object] = json.loads(result.out)
    return report


def translate(element: ET.Element) -> tuple[float, float]:
    match = re.fullmatch(r"translate\(([-\d.]+),([-\d.]+)\)", element.get("transform", ""))
    assert match, element.attrib
    return float(match[1]), float(match[2])


def vertices(polyline: ET.Element) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in (v.split(",") for v in polyline.get("points", "").split())]


@pytest.mark.parametrize("page", ["report", "render"])
@pytest.mark.parametrize("journey", ["sofa", "hogar", "payroll", "two", "two-tom", "nobody"])
def test_the_curve_draws_the_facts(tmp_path: Path, page: str, journey: str) -> None:
    arguments = journeys(tmp_path)[journey]
    report = facts(arguments)
    result = cjm(page, "--format", "html", *arguments)
    assert result.code == 0, result
    root = curve_of(result.out)

    # five levels, +2 at the top, evenly spaced
    levels = [float(line.get("y1", "")) for line in root.iter(f"{SVG}line") if line.get("class") == "level"]
    assert len(levels) == 5 and levels == sorted(levels)
    assert len({round(b - a, 6) for a, b in itertools.pairwise(levels)}) == 1, levels
    y_of = dict(zip((2, 1, 0, -1, -2), levels, strict=True))

    # a point where a persona passes and feels something, nowhere else, at the height of its score
    curve = report["curve"]
    assert isinstance(curve, dict)
    felt = {(p["persona"] or "", p["touchpoint"]): p for p in curve["points"] if p["emotion"] is not None}
    points = [g for g in root.iter(f"{SVG}g") if g.get("class") == "point"]
    drawn = {(g.get("data-persona"), g.get("data-touchpoint")): g for g in points}
    assert len(drawn) == len(points) and set(drawn) == set(felt)
    for key, g in drawn.items():
        assert g.get("data-emotion") == str(felt[key]["emotion"])
        assert translate(g)[1] == y_of[felt[key]["emotion"]]
        assert g.find(f"{SVG}title") is not None
    # the personas sharing a touchpoint stand in the same column
    columns: dict[str | None, list[float]] = {}
    for (_, touchpoint), g in drawn.items():
        columns.setdefault(touchpoint, []).append(translate(g)[0])
    assert all(max(xs) - min(xs) < 40 for xs in columns.values())

    # one line per persona through its own points only: solid between touchpoints side by side
    # that it passes, a dotted break over those it skips; its name at its last point
    step = {"render": 150 + 2, "report": 64}[page]  # from one column to the next
    lines = [p for p in root.iter(f"{SVG}polyline") if p.get("class") in ("curve", "skip")]
    for persona in {persona for persona, _ in felt}:
        own = sorted(translate(g) for (who, _), g in drawn.items() if who == persona)
        mine = [line for line in lines if line.get("data-persona") == persona]
        drawn_through = sorted({v for line in mine for v in vertices(line)})
        if page == "report":
            assert drawn_through == (own if len(own) > 1 else [])
        else:  # the map leaves a gap where the persona skips: a point alone has no line
            assert set(drawn_through) <= set(own)
        for line in mine:
            for (x1, _), (x2, _) in itertools.pairwise(vertices(line)):
                skips = x2 - x1 > step * 1.5  # a touchpoint, or more, between the two
                assert skips == (line.get("class") == "skip"), (persona, x1, x2)
        [end] = [
            e
            for e in root.iter(f"{SVG}text")
            if e.get("class") == "end-label" and e.get("data-persona") == persona
        ]
        if page == "report":
            assert abs(float(end.get("x", "")) - own[-1][0]) < 12
            assert abs(float(end.get("y", "")) - own[-1][1] + 7) < 1
        else:  # in the gutter right of the map, led to its last point
            assert float(end.get("x", "")) > max(x for x, _ in own)
        assert "".join(end.itertext())

    # a pain on the point of the persona it hurts; a hollow marker where another emotion was expected
    pains = report["pains"]
    assert isinstance(pains, list)
    hurt = {(p["persona"] or "", p["touchpoint"]) for p in pains if p["emotion"] is not None}
    assert {key for key, g in drawn.items() if g.get("data-pain") == "yes"} == hurt
    gaps = [p for p in felt.values() if p["expected_emotion"] not in (None, p["emotion"])]
    assert len([g for g in root.iter(f"{SVG}g") if g.get("class") == "expected"]) == len(gaps)


@pytest.mark.parametrize("page", ["report", "render"])
def test_a_pain_marks_only_the_persona_it_hurts(tmp_path: Path, page: str) -> None:
    path = tmp_path / "two.yaml"
    path.write_text(TWO_PERSONAS, encoding="utf-8")
    root = curve_of(cjm(page, "--format", "html", str(path)).out)
    pain = {
        (g.get("data-persona"), g.get("data-touchpoint")): g.get("data-pain")
        for g in root.iter(f"{SVG}g")
        if g.get("class") == "point"
    }
    assert pain == {
        ("ana", "water-claim"): "yes",  # felt -2
        ("tom", "water-claim"): None,  # felt +1 at the same touchpoint
        ("ana", "ana-only"): None,
        ("ana", "marked"): "yes",  # marked `moment: pain`: everyone who passes, whatever they felt
        ("tom", "marked"): "yes",
        ("tom", "tom-only"): None,
    }
    # no band over the whole column: the pain is on the points
    assert not [r for r in root.iter(f"{SVG}rect") if r.get("fill") == "#fde4e2"]
