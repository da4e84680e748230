"""A persona's role in Spanish agrees with the persona (`gender`), and is neutral without it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import cjm

JOURNEY = """cjm: 1
id: roles
title: Roles
lang: {lang}
personas:
  - {{id: ana, name: Ana, role: buyer{ana}}}
  - {{id: luis, name: Luis, role: prescriber{luis}}}
phases:
  - id: before
    stages:
      - id: s
        name: S
        touchpoints:
          - {{id: t, name: T, channel: web, emotion: 1}}
"""


@pytest.mark.parametrize("output_format", ["markdown", "html", "table"])
@pytest.mark.parametrize(
    ("lang", "genders", "said"),
    [
        ("es", (", gender: female", ", gender: male"), ["Ana (compradora)", "Luis (prescriptor)"]),
        ("es", ("", ", gender: neutral"), ["Ana (persona compradora)", "Luis (persona prescriptora)"]),
        ("en", (", gender: female", ""), ["Ana (buyer)", "Luis (prescriber)"]),
    ],
    ids=["es-gendered", "es-neutral", "en"],
)
def test_the_role_agrees_with_the_persona(
    tmp_path: Path, output_format: str, lang: str, genders: tuple[str, str], said: list[str]
) -> None:
    path = tmp_path / "roles.yaml"
    path.write_text(JOURNEY.format(lang=lang, ana=genders[0], luis=genders[1]), encoding="utf-8")
    result = cjm("render", str(path), "--format", output_format)
    assert result.code == 0, result
    text = " ".join(result.out.split())
    assert all(s in text for s in said), (text[:400], said)
    assert "(comprador)" not in text or lang == "en"


def test_an_unknown_gender_is_refused_where_it_is_written(tmp_path: Path) -> None:
    path = tmp_path / "roles.yaml"
    path.write_text(JOURNEY.format(lang="es", ana=", gender: mujer", luis=""), encoding="utf-8")
    result = cjm("validate", str(path))
    assert (
        result.code != 0
        and "roles.yaml:6:47" in result.out + result.err
        and "gender" in result.out + result.err
    )
