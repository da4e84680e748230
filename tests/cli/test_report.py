"""`cjm report` as users run it: what each section keeps for one persona, and the words it uses."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import cjm

FORMATS = ("text", "markdown", "html", "json")

JOURNEY = """\
cjm: 1
id: {id}
title: Home insurance
personas: [{personas}]
teams: [{{id: web, name: Web team}}, {{id: claims, name: Claims desk}}]
phases:
  - id: before
    stages:
      - id: look
        name: Look around
        touchpoints:
          - id: browse
            name: Browses the catalogue
            channel: web
            owner: web
            emotion: -1
            improvements: [Better search]
{only_luis}"""
ONLY_LUIS = """\
          - id: phone-claim
            name: Calls the claims line
            channel: phone
            personas: [luis]
            owner: claims
            moment: truth
            confidence: assumed
            problems: [Nobody picks up]
            opportunities: [Call back within the hour]
            metrics:
              - {name: Answered calls, value: 40, target: 90, unit: "%"}
"""
PERSONAS = "{id: ana, name: Ana Ruiz, needs: [Cover]}, {id: luis, name: Luis Gil, needs: [Speed]}"


def journey(folder: Path, ident: str, personas: str, only_luis: bool = True) -> Path:
    path = folder / f"{ident}.yaml"
    text = JOURNEY.format(id=ident, personas=personas, only_luis=ONLY_LUIS if only_luis else "")
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("output_format", FORMATS)
def test_a_persona_report_keeps_only_what_the_persona_passes_through(
    tmp_path: Path, output_format: str
) -> None:
    path = journey(tmp_path, "home", PERSONAS)
    result = cjm("report", "--format", output_format, "--persona", "ana", str(path))
    assert result.code == 0, result
    said = result.out
    if output_format == "json":  # every section; `names` is a lookup of the whole journey's names
        said = json.dumps({k: v for k, v in json.loads(said).items() if k != "names"}, ensure_ascii=False)
    # Luis's touchpoint is in no section: not a Moment of Truth, a metric, an owner, a backlog item
    for text in ("Calls the claims line", "Answered calls", "Claims desk", "Nobody picks up", "Call back"):
        assert text not in said, text
    assert "Browses the catalogue" in result.out
    everyone = cjm("report", "--format", output_format, str(path))
    assert "Calls the claims line" in everyone.out and "Answered calls" in everyone.out


def test_a_persona_report_counts_only_the_persona_touchpoints(tmp_path: Path) -> None:
    path = journey(tmp_path, "home", PERSONAS)
    r = json.loads(cjm("report", "--format", "json", "--persona", "ana", str(path)).out)
    assert [t["touchpoint"] for t in r["truths"]] == []
    assert [m["touchpoint"] for m in r["metrics"]] == []
    assert [b["touchpoint"] for b in r["backlog"]] == ["browse"]
    assert [t["id"] for t in r["ownership"]["teams"]] == ["web"]
    assert r["evidence"]["touchpoints"] == 1 and r["evidence"]["assumed"] == 0
    assert r["opportunities"] == []


@pytest.mark.parametrize("output_format", FORMATS)
def test_a_folder_skips_a_journey_without_the_persona_and_says_so(tmp_path: Path, output_format: str) -> None:
    journey(tmp_path, "home", PERSONAS)
    journey(tmp_path, "motor", "{id: luis, name: Luis Gil, needs: [Speed]}")
    result = cjm("report", "--format", output_format, "--persona", "ana", str(tmp_path))
    assert result.code == 0, result
    assert result.err.strip().splitlines() == [
        f"cjm: skipped {tmp_path / 'motor.yaml'}: persona 'ana' is not in journey 'motor'"
    ]
    if output_format == "json":
        [home] = json.loads(result.out)["journeys"]
        assert home["journey"] == "home" and home["personas"] == ["ana"] and home["truths"] == []
    else:
        assert "Browses the catalogue" in result.out and "Calls the claims line" not in result.out


def test_a_folder_where_no_journey_has_the_persona_is_an_error(tmp_path: Path) -> None:
    journey(tmp_path, "home", PERSONAS)
    journey(tmp_path, "motor", "{id: luis, name: Luis Gil, needs: [Speed]}")
    result = cjm("report", "--persona", "eva", str(tmp_path))
    assert result.code == 2 and result.out == ""
    assert result.err.strip().splitlines()[-1] == f"cjm: error: persona 'eva' is in no journey of {tmp_path}"


WAIT = """\
cjm: 1
id: wait
title: Waiting
lang: {lang}
phases:
  - id: after
    stages:
      - id: collect
        name: Collect
        touchpoints:
          - id: desk
            name: Waits at the desk
            channel: store
            emotion: -1
            moment: truth
            metrics:
              - {{name: Waiting time, value: {wait}, target: 10, unit: min, higher_is_better: false{data}}}
              - {{name: Served, value: {served}, target: 90, unit: "%"}}
"""
STATUS_WORDS = {
    "en": ("misses target", "meets target", "below target", "target met"),
    "es": ("no alcanza el objetivo", "alcanza el objetivo", "por debajo del objetivo", "objetivo cumplido"),
}
STATUS = {"en": "status", "es": "estado"}


def waiting(folder: Path, lang: str = "en", wait: float = 40, served: float = 95, data: str = "") -> Path:
    path = folder / "wait.yaml"
    path.write_text(WAIT.format(lang=lang, wait=wait, served=served, data=data), encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("output_format", ["text", "markdown", "html"])
def test_a_lower_is_better_metric_above_its_target_misses_it(
    tmp_path: Path, output_format: str, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """40 min against a target of 10 min is not "below target": it misses the target."""
    monkeypatch.setenv("COLUMNS", "200")  # a terminal wide enough for a cell on one line
    misses, meets, below, met = STATUS_WORDS[lang]
    result = cjm("report", "--format", output_format, "--lang", lang, str(waiting(tmp_path)))
    assert result.code == 0, result
    said = " ".join(result.out.split())  # the terminal table wraps cells
    assert f"Waiting time: {misses}" in said and f"Served: {meets}" in said
    assert below not in said and met not in said


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("output_format", ["text", "markdown"])
def test_diff_says_a_metric_misses_or_meets_its_target(tmp_path: Path, output_format: str, lang: str) -> None:
    old = waiting(tmp_path, lang, wait=8, served=95).rename(tmp_path / "old.yaml")
    new = waiting(tmp_path, lang, wait=40, served=80)
    result = cjm("diff", "--format", output_format, str(old), str(new))
    misses, meets, below, met = STATUS_WORDS[lang]
    said = " ".join(result.out.split())  # the terminal wraps long lines
    assert f"Waiting time: {STATUS[lang]} {meets} → {misses}" in said
    assert f"Served: {STATUS[lang]} {meets} → {misses}" in said
    assert below not in said and met not in said


@pytest.mark.parametrize("lang", ["en", "es"])
def test_measure_says_a_metric_misses_or_meets_its_target(tmp_path: Path, lang: str) -> None:
    (tmp_path / "waits.csv").write_text("Minutes\n30\n50\n", encoding="utf-8")
    path = waiting(tmp_path, lang, data=", kind: mean, data: {file: waits.csv, column: Minutes}")
    result = cjm("measure", str(path), "--date", "2026-11-30", "--dry-run")
    assert result.code == 0, result
    expected = {"en": "misses its target of 10 min", "es": "no alcanza su objetivo de 10 min"}[lang]
    assert result.out.splitlines()[-2].endswith(expected)


@pytest.mark.parametrize(("lang", "said"), [("en", "1 misses target"), ("es", "1 no alcanza el objetivo")])
def test_the_portfolio_counts_the_metrics_that_miss_their_target(
    tmp_path: Path, lang: str, said: str
) -> None:
    waiting(tmp_path, lang)
    result = cjm("report", "--format", "markdown", str(tmp_path))
    assert result.code == 0, result
    assert said in result.out and STATUS_WORDS[lang][2] not in result.out


@pytest.mark.parametrize(
    ("wait", "status", "moved"), [(40, "below", "worsened"), (10, "met", "improved"), (8, "met", "improved")]
)
def test_every_command_judges_a_metric_alike(tmp_path: Path, wait: int, status: str, moved: str) -> None:
    """Report, validate (CJM311), measure and diff ask the metric itself how it stands and moves."""
    (tmp_path / "waits.csv").write_text(f"Minutes\n{wait}\n", encoding="utf-8")
    data = ", kind: mean, data: {file: waits.csv, column: Minutes}, measured: 2026-10-31"
    path = waiting(tmp_path, wait=20, data=data)
    (tmp_path / "old.yaml").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    [reported, _] = json.loads(cjm("report", "--format", "json", str(path)).out)["metrics"]
    assert reported["status"] == "below" and reported["gap"] == 10  # 20 min against 10
    measured = json.loads(cjm("measure", "--format", "json", str(path), "--date", "2026-11-30").out)
    assert [m["status"] for m in measured["metrics"]] == [status]
    [reported, _] = json.loads(cjm("report", "--format", "json", str(path)).out)["metrics"]
    assert reported["status"] == status and reported["direction"] == moved  # from 20 min
    checked = cjm("validate", "--select", "CJM311", str(path))
    assert ("CJM311" in checked.out) is (status == "below"), checked
    changes = json.loads(cjm("diff", "--format", "json", str(tmp_path / "old.yaml"), str(path)).out)
    kinds = {c["kind"] for d in changes["journeys"] for c in d["changes"] if c["field"] == "metric.value"}
    assert kinds == {moved}


def colour_of(out: str, text: str) -> str:
    """The terminal colour a text is written in: the last ANSI code before it on its line."""
    match = re.search(r"\x1b\[([\d;]+)m[^\x1b\n]*?" + re.escape(text), out)
    assert match, (text, out)
    return match.group(1)


def test_a_tone_is_the_same_colour_in_every_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A neutral emotion, and a metric with no target to judge, look the same in the report, the map
    and measure."""
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    (tmp_path / "waits.csv").write_text("Minutes\n3\n", encoding="utf-8")
    path = tmp_path / "wait.yaml"
    path.write_text(
        WAIT.format(
            lang="en", wait=40, served=95, data=", kind: mean, data: {file: waits.csv, column: Minutes}"
        )
        .replace("emotion: -1", "emotion: 0")
        .replace("target: 10, ", ""),
        encoding="utf-8",
    )
    report = cjm("report", str(path)).out
    drawn = cjm("render", "--format", "table", str(path)).out
    measured = cjm("measure", "--dry-run", str(path)).out
    assert colour_of(drawn, "●") == colour_of(report, "●")  # the curve at 0, neutral
    assert colour_of(measured, "no target") == colour_of(report, "no target")


@pytest.mark.parametrize(("languages", "expected"), [(("es", "es"), "es"), (("es", "en"), "en")])
def test_a_run_over_many_journeys_speaks_their_shared_language(
    tmp_path: Path, languages: tuple[str, str], expected: str
) -> None:
    """The portfolio, the rendered site's index and measure's summary choose their language alike:
    the journeys' own when they all share one, else English."""
    for number, lang in enumerate(languages):
        (tmp_path / f"j{number}.yaml").write_text(
            WAIT.format(lang=lang, wait=40, served=95, data="").replace("id: wait", f"id: j{number}"),
            encoding="utf-8",
        )
    portfolio = json.loads(cjm("report", "--format", "json", str(tmp_path)).out)
    measured = cjm("measure", str(tmp_path), "--dry-run").out
    site = tmp_path.parent / "site"
    assert cjm("render", str(tmp_path), "-o", str(site)).code == 0
    index = (site / "index.html").read_text(encoding="utf-8")
    assert portfolio["lang"] == expected and f"<html lang='{expected}'" in index
    nothing = {
        "es": "ninguna métrica con 'kind' y 'data' que medir",
        "en": "no metric with 'kind' and 'data'",
    }
    assert nothing[expected] in measured


PHASE_TITLES = {
    "en": ("Before purchase", "After purchase"),
    "es": ("Antes de la compra", "Después de la compra"),
}


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("output_format", FORMATS)
def test_the_portfolio_names_a_phase_by_the_purchase_phase_it_is(
    tmp_path: Path, output_format: str, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each map may call its phases what it likes; across maps a phase is the purchase phase it is."""
    monkeypatch.setenv("COLUMNS", "200")
    for ident, name in (("first", "Descubre"), ("second", "Explora")):
        text = WAIT.format(lang=lang, wait=40, served=95, data="").replace("id: wait", f"id: {ident}")
        text = text.replace("  - id: after\n", f"  - id: before\n    name: {name}\n")
        (tmp_path / f"{ident}.yaml").write_text(text, encoding="utf-8")
    result = cjm("report", "--format", output_format, str(tmp_path))
    assert result.code == 0, result
    before = PHASE_TITLES[lang][0]
    if output_format == "json":
        [row] = json.loads(result.out)["portfolio"]["phases"]
        assert (row["id"], row["name"], row["journeys"]) == ("before", before, 2)
        return
    portfolio = result.out.split("Descubre")[0] if "Descubre" in result.out else result.out
    assert before in portfolio and "Explora" not in portfolio
    note = {"en": "Phases are", "es": "Las fases se"}[lang]
    assert note in portfolio
