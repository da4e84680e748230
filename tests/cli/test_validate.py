"""`cjm validate` on the inputs users actually write: what it reports, once, at the place to fix."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, cjm


def findings(*args: str, cwd: Path | None = None) -> list[dict[str, Any]]:
    """The findings of `cjm validate --format json ARGS` (which must run to the end)."""
    result = cjm("validate", "--format", "json", *args, cwd=cwd)
    assert result.code in (0, 1), result
    return list(json.loads(result.out)["findings"])


def brief(found: list[dict[str, Any]]) -> list[tuple[str, int, int, str]]:
    return [(Path(f["path"]).name, f["line"], f["column"], f["code"]) for f in found]


# -- characters YAML does not allow ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("character", "named"),
    [("\a", "U+0007"), ("\x1b", "U+001B"), ("\x7f", "U+007F"), ("\ufffe", "U+FFFE"), ("\uffff", "U+FFFF")],
)
@pytest.mark.parametrize("where", ["a quoted text", "a plain text", "a comment"])
@pytest.mark.parametrize("given", ["file", "folder"])
def test_a_character_yaml_refuses_is_reported_where_it_is_and_named(
    tmp_path: Path, character: str, named: str, where: str, given: str
) -> None:
    line = {
        "a quoted text": f'title: "Año 🏠 {character} fin"',
        "a plain text": f"title: Año 🏠 {character} fin",
        "a comment": f"title: Año  # 🏠 {character} fin",
    }[where]
    (tmp_path / "j.yaml").write_text(f"cjm: 1\nid: j\n{line}\nphases: []\n", encoding="utf-8")
    [finding] = findings(str(tmp_path / "j.yaml") if given == "file" else str(tmp_path))
    column = line.index(character) + 1  # in characters, as every other finding counts them
    assert (finding["code"], finding["line"], finding["column"]) == ("CJM100", 3, column)
    assert named in finding["message"] and "unicode string" not in finding["message"], finding


# -- configuration --------------------------------------------------------------------------------


@pytest.mark.parametrize("header", ["[tool.cjm]", "[ tool . cjm ]", "[cjm]"])
def test_a_table_header_in_cjm_toml_is_named_with_how_to_fix_it(tmp_path: Path, header: str) -> None:
    """`[tool.cjm]` belongs in pyproject.toml; in .cjm.toml the settings stand at the top level."""
    (tmp_path / ".cjm.toml").write_text(f'# cjm settings\n\n{header}\nignore = ["CJM302"]\n')
    (tmp_path / "j.yaml").write_text("cjm: 1\nid: j\ntitle: J\nphases: []\n")
    result = cjm("validate", "j.yaml", cwd=tmp_path)
    assert result.code == 2 and result.out == "", result
    [line] = result.err.splitlines()
    assert line.startswith(f"cjm: error: {tmp_path / '.cjm.toml'}:3:1: "), line
    assert f"drop the {header.replace(' ', '')} line" in line and "pyproject.toml" in line, line
    assert "unknown setting" not in line, line


def test_a_dotted_tool_cjm_key_in_a_named_configuration_gets_the_same_hint(tmp_path: Path) -> None:
    (tmp_path / "team.toml").write_text('tool.cjm.ignore = ["CJM302"]\n')
    (tmp_path / "j.yaml").write_text("cjm: 1\nid: j\ntitle: J\nphases: []\n")
    result = cjm("validate", "--config", "team.toml", "j.yaml", cwd=tmp_path)
    assert result.code == 2, result
    assert result.err == (
        "cjm: error: team.toml: drop 'tool.cjm.' from its keys: in team.toml the settings stand at the top"
        " level ([tool.cjm] belongs in pyproject.toml only)\n"
    )


def test_an_unrelated_table_in_cjm_toml_is_still_an_unknown_setting(tmp_path: Path) -> None:
    (tmp_path / ".cjm.toml").write_text("[tool.ruff]\nline-length = 100\n")
    (tmp_path / "j.yaml").write_text("cjm: 1\nid: j\ntitle: J\nphases: []\n")
    result = cjm("validate", "j.yaml", cwd=tmp_path)
    assert result.code == 2 and "unknown setting 'tool'" in result.err, result


# -- a persona's path through the journey (CJM308) ------------------------------------------------

PATHS = """\
cjm: 1
id: paths
title: Paths
state: {state}
personas:
  - {{id: ana, name: Ana, needs: [x]}}
  - {{id: gp, name: GP, needs: [y]}}
teams: [{{id: ops, name: Ops}}]
phases:
  - id: before
    stages:
      - id: referral
        name: Referral
        touchpoints:
          - {{id: t1, name: T1, channel: email, owner: ops, emotion: 1}}
      - id: review
        name: Review, Ana alone
        touchpoints:
          - {{id: t2, name: T2, channel: web, owner: ops, personas: [ana], emotion: 1}}
  - id: during
    stages:
{during}
  - id: after
    stages:
      - id: follow-up
        name: Follow-up
        touchpoints:
          - {{id: t4, name: T4, channel: email, owner: ops, emotion: 1}}
"""
ANA_ONLY = """\
      - id: surgery
        name: Surgery
        touchpoints:
          - {id: t3, name: T3, channel: in-person, owner: ops, personas: [ana], emotion: 1}"""
BOTH = """\
      - id: surgery
        name: Surgery
        touchpoints:
          - {id: t3, name: T3, channel: in-person, owner: ops, personas: [ana], emotion: 1}
      - id: results
        name: Results
        touchpoints:
          - {id: t5, name: T5, channel: email, owner: ops, personas: [gp], emotion: 1}"""


@pytest.mark.parametrize("state", ["current", "future"])
@pytest.mark.parametrize("given", ["file", "folder"])
@pytest.mark.parametrize(
    ("during", "expected"),
    [(ANA_ONLY, ["gp"]), (BOTH, []), ("      []", [])],
    ids=["gp-absent-from-the-whole-phase", "gp-at-one-stage-of-it", "the-phase-is-empty"],
)
def test_cjm308_only_where_a_persona_misses_a_whole_phase_between_two_it_takes_part_in(
    tmp_path: Path, state: str, given: str, during: str, expected: list[str]
) -> None:
    journey = tmp_path / "paths.yaml"
    journey.write_text(PATHS.format(state=state, during=during), encoding="utf-8")
    found = findings("--select", "CJM308", str(journey if given == "file" else tmp_path))
    during_line = journey.read_text(encoding="utf-8").splitlines().index("  - id: during") + 1
    assert [(f["line"], f["column"]) for f in found] == [(during_line, 5)] * len(expected)
    assert [f["message"] for f in found] == [
        f"phase 'during' has no touchpoint for persona '{pid}', who takes part in the phases before and"
        " after it"
        for pid in expected
    ]


@pytest.mark.parametrize("template", ["b2c", "b2b", "service"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_cjm308_is_quiet_on_the_starters_and_the_examples(tmp_path: Path, template: str, lang: str) -> None:
    assert cjm("init", "--template", template, "--lang", lang, str(tmp_path)).code == 0
    assert findings("--select", "CJM308", str(tmp_path)) == []
    assert findings("--select", "CJM308", str(EXAMPLES)) == []
    assert not [p for p in EXAMPLES.rglob("*.yaml") if "CJM308" in p.read_text(encoding="utf-8")]


# -- Spanish words for the format's closed sets ---------------------------------------------------

SPANISH = """\
cjm: 1
id: es
title: Seguro de hogar
state: {state}
status: {status}
personas:
  - {{id: ana, name: Ana, role: {role}, needs: [x], channels: [{preferred}]}}
teams: [{{id: ops, name: Operaciones}}]
channels:
  - {{id: kiosko, name: Quiosco, type: {type}}}
phases:
  - id: {phase}
    stages:
      - id: s1
        name: S1
        touchpoints:
          - id: t1
            name: T1
            channel: {channel}
            owner: ops
            emotion: muy-negativa
            moment: {moment}
            improvements:
              - {{text: Llamar, status: {improvement}, priority: {priority}}}
  - id: during
    stages: []
  - id: after
    stages: []
"""
RIGHT = {
    "state": "current", "status": "approved", "role": "buyer", "preferred": "phone", "type": "physical",
    "phase": "before", "channel": "phone", "moment": "pain", "improvement": "planned", "priority": "high",
}  # fmt: skip


@pytest.mark.parametrize(
    ("field", "written", "meant"),
    [
        ("phase", "antes", "before"),
        ("phase", "Después", "after"),
        ("status", "aprobado", "approved"),
        ("status", "revisión", "review"),
        ("status", "borrador", "draft"),
        ("status", "retirado", "retired"),
        ("improvement", "pendiente", "proposed"),
        ("improvement", "planificada", "planned"),
        ("improvement", "en-curso", "in-progress"),
        ("improvement", "hecha", "done"),
        ("priority", "alta", "high"),
        ("priority", "media", "medium"),
        ("priority", "baja", "low"),
        ("type", "físico", "physical"),
        ("type", "humano", "human"),
        ("type", "impreso", "print"),
        ("role", "comprador", "buyer"),
        ("role", "decisora", "decision-maker"),
        ("role", "influenciador", "influencer"),
        ("role", "prescriptor", "prescriber"),
        ("role", "usuario", "user"),
        ("state", "futuro", "future"),
        ("channel", "correo", "email"),
        ("channel", "teléfono", "phone"),
        ("channel", "tienda", "store"),
        ("preferred", "llamada", "phone"),
    ],
)
@pytest.mark.parametrize("given", ["file", "folder"])
def test_a_spanish_word_for_a_closed_set_is_one_finding_that_names_the_english(
    tmp_path: Path, field: str, written: str, meant: str, given: str
) -> None:
    journey = tmp_path / "es.yaml"
    journey.write_text(SPANISH.format(**{**RIGHT, field: written}), encoding="utf-8")
    [finding] = findings(str(journey if given == "file" else tmp_path))
    text = journey.read_text(encoding="utf-8")
    line = text[: text.index(f": {written}" if field != "preferred" else f"[{written}")].count("\n") + 1
    assert finding["line"] == line, finding
    assert f"'{written}' is Spanish for '{meant}'" in finding["message"], finding
    assert "did you mean" not in finding["message"], finding


@pytest.mark.parametrize("moment", ["verdad", "dolor"])
def test_the_spanish_words_the_format_accepts_are_read_as_their_english(tmp_path: Path, moment: str) -> None:
    journey = tmp_path / "es.yaml"
    journey.write_text(SPANISH.format(**{**RIGHT, "moment": moment}), encoding="utf-8")
    assert [f["code"] for f in findings(str(journey)) if f["severity"] == "error"] == []


@pytest.mark.parametrize(
    ("phases", "expected"),
    [
        (["antes", "durante", "after"], [("CJM205", "antes", "before"), ("CJM205", "durante", "during")]),
        (["before", "durnig", "after"], [("CJM205", "durnig", "during")]),
        (["before", "xyz", "after"], [("CJM205", "xyz", None)]),
        (["antes", "after"], [("CJM301", "during", None), ("CJM205", "antes", "before")]),
    ],
)
def test_a_wrong_phase_id_is_one_finding_not_a_missing_phase_as_well(
    tmp_path: Path, phases: list[str], expected: list[tuple[str, str, str | None]]
) -> None:
    body = "".join(
        f"  - id: {p}\n    stages:\n      - id: s{i}\n        name: S\n        touchpoints:\n"
        f"          - {{id: t{i}, name: T, channel: web, owner: ops, emotion: 1}}\n"
        for i, p in enumerate(phases)
    )
    journey = tmp_path / "j.yaml"
    journey.write_text(f"cjm: 1\nid: j\ntitle: J\nteams: [{{id: ops, name: Ops}}]\nphases:\n{body}")
    found = findings(str(journey))
    assert [f["code"] for f in found] == [code for code, _, _ in expected], found
    for finding, (_, word, meant) in zip(found, expected, strict=True):
        assert f"'{word}'" in finding["message"], finding
        if meant is not None:
            assert f"'{meant}'" in finding["message"], finding


# -- catalogs: a typo in `catalogs:` is one finding ----------------------------------------------

CATALOG = """\
cjm: 1
kind: catalog
personas:
  - {id: ana, name: Ana, needs: [Precio claro]}
  - {id: luis, name: Luis, needs: [Hablar con alguien]}
teams: [{id: ventas, name: Ventas}]
channels: [{id: app-mediador, name: App del mediador, type: digital}]
"""
USES_CATALOG = """\
cjm: 1
id: hogar
title: Seguro de hogar
state: {state}
catalogs: [{catalogs}]
owner: ventas
personas: [ana, luis]
phases:
  - id: before
    stages:
      - id: s1
        name: S1
        touchpoints:
          - {{id: t1, name: T1, channel: app-mediador, owner: ventas, emotion: {{ana: 1, luis: -1}},
             improvements: [{{text: Llamar, owner: ventas}}]}}
          - {{id: t2, name: T2, channel: web, owner: ventas, personas: [luis], emotion: 1}}
  - id: during
    stages: []
  - id: after
    stages: []
"""


@pytest.mark.parametrize("state", ["current", "future"])
@pytest.mark.parametrize("other", ["none", "--catalog", "configuration"])
@pytest.mark.parametrize(
    ("written", "meant"),
    [("catalogo.yaml", "catalogo-seguros.yaml"), ("../comun/catalogo.yml", "../comun/catalogo-seguros.yaml")],
)
@pytest.mark.parametrize("given", ["file", "folder"])
def test_a_typo_in_catalogs_is_one_finding_with_the_catalog_it_meant(
    tmp_path: Path, state: str, other: str, written: str, meant: str, given: str
) -> None:
    folder = tmp_path / "mapas"
    shared = folder if written == "catalogo.yaml" else tmp_path / "comun"
    for made in (folder, shared):
        made.mkdir(exist_ok=True)
    (shared / "catalogo-seguros.yaml").write_text(CATALOG, encoding="utf-8")
    (tmp_path / "otro.yaml").write_text("cjm: 1\nkind: catalog\nteams: [{id: cx, name: CX}]\n")
    journey = folder / "hogar.yaml"
    journey.write_text(USES_CATALOG.format(state=state, catalogs=written), encoding="utf-8")
    options = {"none": [], "--catalog": ["--catalog", str(tmp_path / "otro.yaml")], "configuration": []}[
        other
    ]
    if other == "configuration":
        (tmp_path / ".cjm.toml").write_text('catalogs = ["otro.yaml"]\n')
    target = journey if given == "file" else folder
    found = findings(*options, str(target.relative_to(tmp_path)), cwd=tmp_path)
    assert brief(found) == [("hogar.yaml", 5, 12, "CJM207")], found
    message = found[0]["message"]
    assert f"catalog '{written}' cannot be read" in message and f"did you mean '{meant}'?" in message, message
    assert "--catalog" not in message, message


@pytest.mark.parametrize(
    "beside",
    ["no folder", "a journey with a close name", "a folder with a close name"],
)
def test_a_catalog_that_cannot_be_read_gets_no_hint_when_nothing_beside_it_is_a_catalog(
    tmp_path: Path, beside: str
) -> None:
    if beside != "no folder":
        (tmp_path / "comun").mkdir()
    if beside == "a journey with a close name":
        (tmp_path / "comun" / "catalogo-viejo.yaml").write_text("cjm: 1\nid: v\ntitle: V\nphases: []\n")
    if beside == "a folder with a close name":
        (tmp_path / "comun" / "catalogo-viejo.yaml").mkdir()
    journey = tmp_path / "hogar.yaml"
    journey.write_text(USES_CATALOG.format(state="current", catalogs="comun/catalogo.yaml"), encoding="utf-8")
    [finding] = findings(str(journey))
    assert finding["code"] == "CJM207" and "did you mean" not in finding["message"], finding


def test_a_typo_in_catalogs_at_a_revision_is_one_finding(tmp_path: Path) -> None:
    (tmp_path / "catalogo-seguros.yaml").write_text(CATALOG, encoding="utf-8")
    journey = tmp_path / "hogar.yaml"
    journey.write_text(USES_CATALOG.format(state="current", catalogs="catalogo.yaml"), encoding="utf-8")
    git = ["git", "-c", "user.name=a", "-c", "user.email=a@b.c", "-C", str(tmp_path)]
    for command in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "maps"]):
        subprocess.run([*git, *command], check=True, capture_output=True)
    found = findings("HEAD:hogar.yaml", cwd=tmp_path)
    assert brief(found) == [("HEAD:hogar.yaml", 5, 12, "CJM207")], found


def test_a_catalog_named_that_is_a_journey_is_one_finding(tmp_path: Path) -> None:
    (tmp_path / "otro-mapa.yaml").write_text("cjm: 1\nid: otro\ntitle: Otro\nphases: []\n")
    journey = tmp_path / "hogar.yaml"
    journey.write_text(USES_CATALOG.format(state="current", catalogs="otro-mapa.yaml"), encoding="utf-8")
    found = findings(str(journey))
    assert brief(found) == [("hogar.yaml", 5, 12, "CJM207")], found
    assert "is a journey, not a catalog" in found[0]["message"]


def test_a_catalog_of_the_run_that_cannot_be_read_is_one_finding_in_it(tmp_path: Path) -> None:
    (tmp_path / "catalogo.yaml").write_text(CATALOG.replace("teams: [", "teams: [[", 1), encoding="utf-8")
    (tmp_path / "hogar.yaml").write_text(USES_CATALOG.format(state="current", catalogs=""), encoding="utf-8")
    found = findings(str(tmp_path))
    assert [(name, code) for name, _, _, code in brief(found)] == [("catalogo.yaml", "CJM100")], found


def test_without_an_unreadable_catalog_unknown_ids_are_still_reported(tmp_path: Path) -> None:
    (tmp_path / "catalogo-seguros.yaml").write_text(CATALOG, encoding="utf-8")
    journey = tmp_path / "hogar.yaml"
    text = USES_CATALOG.format(state="current", catalogs="catalogo-seguros.yaml")
    journey.write_text(text.replace("owner: ventas, personas", "owner: vnetas, personas"), encoding="utf-8")
    assert [code for *_, code in brief(findings(str(journey)))] == ["CJM204"]


# -- catalogs found among the paths: in scope for their own folder and below ----------------------


def test_starter_projects_side_by_side_keep_their_own_catalogs(tmp_path: Path) -> None:
    for template in ("b2c", "b2b", "service"):
        for lang in ("en", "es"):
            assert (
                cjm("init", "--template", template, "--lang", lang, str(tmp_path / f"{template}-{lang}")).code
                == 0
            )
    assert [f for f in findings(str(tmp_path)) if f["severity"] == "error"] == []
    assert cjm("report", "--format", "json", str(tmp_path)).code == 0


def _project(tmp_path: Path, catalog_at: str, journey_at: str) -> Path:
    (tmp_path / catalog_at).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / catalog_at).write_text(CATALOG, encoding="utf-8")
    journey = tmp_path / journey_at
    journey.parent.mkdir(parents=True, exist_ok=True)
    journey.write_text(USES_CATALOG.format(state="current", catalogs=""), encoding="utf-8")
    return journey


@pytest.mark.parametrize(
    ("catalog_at", "journey_at", "in_scope"),
    [
        ("catalogo.yaml", "hogar.yaml", True),  # its own folder
        ("catalogo.yaml", "mapas/2026/hogar.yaml", True),  # below it
        ("comun/catalogo.yaml", "mapas/hogar.yaml", False),  # beside it
        ("mapas/sub/catalogo.yaml", "mapas/hogar.yaml", False),  # below the journey
    ],
)
@pytest.mark.parametrize("command", ["validate", "report"])
def test_a_catalog_found_in_a_folder_is_in_scope_there_and_below(
    tmp_path: Path, catalog_at: str, journey_at: str, in_scope: bool, command: str
) -> None:
    _project(tmp_path, catalog_at, journey_at)
    if command == "validate":
        codes = {f["code"] for f in findings(".", cwd=tmp_path)}
        assert codes == (set() if in_scope else {"CJM202", "CJM203", "CJM204"}), codes
    else:
        assert cjm("report", "--format", "json", ".", cwd=tmp_path).code == (0 if in_scope else 2)


@pytest.mark.parametrize("how", ["--catalog", "configuration", "catalogs:"])
@pytest.mark.parametrize("given", ["file", "folder"])
def test_a_catalog_given_or_named_is_in_scope_wherever_it_is(tmp_path: Path, how: str, given: str) -> None:
    journey = _project(tmp_path, "comun/catalogo.yaml", "mapas/hogar.yaml")
    options: list[str] = []
    if how == "--catalog":
        options = ["--catalog", "comun/catalogo.yaml"]
    elif how == "configuration":
        (tmp_path / ".cjm.toml").write_text('catalogs = ["comun/catalogo.yaml"]\n')
    else:
        text = journey.read_text(encoding="utf-8").replace(
            "catalogs: []", "catalogs: [../comun/catalogo.yaml]"
        )
        journey.write_text(text, encoding="utf-8")
    found = findings(*options, "." if given == "folder" else "mapas/hogar.yaml", cwd=tmp_path)
    assert [f for f in found if f["severity"] == "error"] == []


def test_a_journey_on_standard_input_sees_every_catalog_found(tmp_path: Path) -> None:
    journey = _project(tmp_path, "comun/catalogo.yaml", "mapas/hogar.yaml")
    result = cjm("validate", "-", "comun", input=journey.read_text(encoding="utf-8"), cwd=tmp_path)
    assert result.code == 0, result


def test_the_same_id_in_a_catalog_and_one_below_it_is_still_a_duplicate(tmp_path: Path) -> None:
    """Not in catalogs side by side: no journey has both in scope."""
    _project(tmp_path, "catalogo.yaml", "mapas/hogar.yaml")
    for folder, teams in (
        ("mapas", "[{id: ventas, name: V}, {id: soporte, name: S}]"),
        ("otros", "[{id: soporte, name: S}]"),
    ):
        (tmp_path / folder).mkdir(exist_ok=True)
        (tmp_path / folder / "catalogo.yaml").write_text(f"cjm: 1\nkind: catalog\nteams: {teams}\n")
    found = findings(".", cwd=tmp_path)
    assert [(Path(f["path"]), f["column"], f["code"]) for f in found] == [
        (Path("mapas/catalogo.yaml"), 14, "CJM201")
    ]
