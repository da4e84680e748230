"""`cjm diff` on pairs of versions in tests/diff/, on folders, and on git revisions."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import CASES, Result, cjm, require_program

from cjm.diff.changes import ChangeKind
from cjm.present.escape import markdown_text
from cli.common import (
    PROJECTS,
    diff_json,
)

PAIRS = Path(__file__).resolve().parent.parent / "diff"
BASE = PAIRS / "base.yaml"


def changes(new: str | Path, old: str | Path = BASE, *options: str, cwd: Path | None = None) -> list[tuple]:
    result = cjm("diff", "--format", "json", *options, str(old), str(new), cwd=cwd)
    assert result.code == 0, result
    [journey] = json.loads(result.out)["journeys"]
    return [(c["kind"], "/".join(c["path"][1:]), c["field"], c["old"], c["new"]) for c in journey["changes"]]


def test_every_kind_of_change_is_one_of_a_closed_set_that_json_writes_by_name() -> None:
    seen: set[str] = set()
    for pair in sorted(PAIRS.glob("*.yaml")):
        result = json.loads(cjm("diff", "-f", "json", str(BASE), str(pair)).out)
        seen |= {c["kind"] for j in result["journeys"] for c in j["changes"]}
        for lang in ("en", "es"):  # every kind is worded by the human formats
            assert cjm("diff", "--lang", lang, str(BASE), str(pair)).code == 0
            assert cjm("diff", "-f", "markdown", "--lang", lang, str(BASE), str(pair)).code == 0
    assert seen == {kind.value for kind in ChangeKind}


def test_reordering_is_no_change() -> None:
    assert changes(PAIRS / "reordered.yaml") == []
    assert cjm("diff", "--fail-on", "any", str(BASE), str(PAIRS / "reordered.yaml")).code == 0


def test_renames_keep_their_ids() -> None:
    assert changes(PAIRS / "renamed.yaml") == [
        ("renamed", "bob", "persona", "Bob", "Roberto"),
        ("renamed", "care", "team", "Customer care", "Care team"),
        ("renamed", "before/discover", "stage", "Discover", "Discovery"),
        ("renamed", "discover/ad", "touchpoint", "Sees an ad", "Sees a video ad"),
    ]


def test_a_touchpoint_moved_to_another_stage_is_a_move(tmp_path: Path) -> None:
    assert changes(PAIRS / "moved.yaml") == [("moved", "use/pay", "touchpoint", "buy", "use")]
    result = json.loads(cjm("diff", "-f", "json", str(BASE), str(PAIRS / "moved.yaml")).out)["journeys"][0]
    assert {s["id"]: (s["old"], s["new"]) for s in result["stages"]}["use"] == (2.0, 1.5)
    # a stage moved to another phase: 'use' goes from after to during
    text = BASE.read_text()
    use = text[text.index("      - id: use\n") :]
    text = text.replace(use, "").replace("  - id: after\n    stages:\n", "  - id: after\n    stages: []\n")
    text = text.replace("  - id: after\n", use + "  - id: after\n")
    (tmp_path / "stage-moved.yaml").write_text(text)
    assert changes(tmp_path / "stage-moved.yaml") == [("moved", "during/use", "stage", "after", "during")]


def test_emotions_per_persona_pains_and_the_headline() -> None:
    found = changes(PAIRS / "emotions.yaml")
    assert ("improved", "discover/call/bob", "emotion", -1, 0) in found
    assert ("improved", "buy/checkout/ana", "emotion", -1, 1) in found
    assert ("regressed", "buy/checkout/bob", "emotion", 1, 0) in found
    assert ("regressed", "use/delivery/ana", "emotion", 2, -1) in found
    assert ("new-pain", "use/delivery/ana", "moment", None, -1) in found
    assert ("pain-gone", "buy/checkout/ana", "moment", -1, "no longer a pain") in found
    result = json.loads(cjm("diff", "-f", "json", str(BASE), str(PAIRS / "emotions.yaml")).out)
    headline = result["journeys"][0]["headline"]
    assert headline == {"improved": ["call"], "regressed": ["checkout", "delivery"],
                        "average_before": 0.78, "average_after": 0.33}  # fmt: skip
    assert cjm("diff", "--fail-on", "regression", str(BASE), str(PAIRS / "emotions.yaml")).code == 1


def test_metric_values_targets_and_status() -> None:
    assert changes(PAIRS / "metrics.yaml") == [
        ("improved", "buy/checkout/Conversion", "metric.value", 30, 45),
        ("changed", "buy/checkout/Conversion", "metric.target", 40, 42),
        ("metric-status", "buy/checkout/Conversion", "status", "below", "met"),
        ("worsened", "buy/pay/Failed payments", "metric.value", 2, 5),
        ("metric-status", "buy/pay/Failed payments", "status", "met", "below"),
    ]
    # a metric that goes from met to below is a regression even when no emotion moved
    assert cjm("diff", "--fail-on", "regression", str(BASE), str(PAIRS / "metrics.yaml")).code == 1


def test_metric_values_are_judged_by_higher_is_better() -> None:
    pair = (str(BASE), str(PAIRS / "metric-values.yaml"))
    result = json.loads(cjm("diff", "-f", "json", *pair).out)["journeys"][0]["changes"]
    assert [(c["kind"], c["path"][-1], c["old"], c["new"], c["level"]) for c in result] == [
        ("worsened", "Conversion", 30, 25, "worse"),  # higher is better, and it fell
        ("improved", "Failed payments", 2, 1, "better"),  # lower is better, and it fell
    ]
    text = cjm("diff", *pair).out
    assert "▼ worsened" in text and "▲ improved" in text
    markdown = cjm("diff", "-f", "markdown", *pair).out
    assert "- ▼ worsened" in markdown and "- ▲ improved" in markdown
    # no status moved (Conversion stays below, Failed payments stays met): the value alone fails
    assert cjm("diff", "--fail-on", "regression", *pair).code == 1
    assert json.loads(cjm("diff", "-f", "json", *pair).out)["regressions"] == 1


def test_improvements_added_removed_and_done() -> None:
    assert changes(PAIRS / "improvements.yaml") == [
        ("improvement-status", "discover/call/Shorter queue", "status", "proposed", "done"),
        ("added", "use/delivery/Choose a delivery slot", "improvement", None, "proposed"),
        ("removed", "buy/checkout/One-page checkout", "improvement", "planned", None),
    ]
    assert cjm("diff", "--fail-on", "regression", str(BASE), str(PAIRS / "improvements.yaml")).code == 0


def test_touchpoint_fields_and_touchpoints_added_or_removed() -> None:
    found = changes(PAIRS / "fields.yaml")
    assert ("changed", "discover/ad", "channel", "social", "email") in found
    assert ("changed", "discover/ad", "owner", "web-team", "care") in found
    assert ("changed", "discover/call", "personas", ["bob"], ["ana", "bob"]) in found
    assert ("added", "use/review", "touchpoint", None, "Writes a review") in found
    assert ("removed", "use/delivery", "touchpoint", "Gets the parcel", None) in found
    assert ("new-pain", "discover/call/ana", "moment", None, -1) in found  # Ana now passes the call


def test_markdown_is_a_pull_request_comment() -> None:
    out = cjm("diff", "--format", "markdown", str(BASE), str(PAIRS / "emotions.yaml")).out
    assert out.startswith(
        "| journey | improved | regressed | average emotion | changes |\n|---|---|---|---|---|\n"
        "| Buy online | 1 | 2 | +0.78 → +0.33 | 10 |\n\n### Buy online\n\n"
        "1 touchpoint improved, 2 regressed; average emotion +0.78 → +0.33; 10 changes.\n\n"
    )
    assert "- ▼ regressed Gets the parcel (Ana): emotion 2 → -1 (-3)\n" in out
    assert "- added improvement Call before coming at Gets the parcel (proposed)\n" in out


def test_markdown_marks_only_better_or_worse_and_counts_agree_in_number(tmp_path: Path) -> None:
    out = cjm("diff", "--format", "markdown", str(BASE), str(PAIRS / "moved.yaml")).out
    assert "0 touchpoints improved, 0 regressed; average emotion +0.78 → +0.78; 1 change.\n" in out
    assert "- moved touchpoint Pays: Buy → Use\n" in out
    for pair in ("fields", "improvements", "metrics", "renamed"):
        assert "- •" not in cjm("diff", "--format", "markdown", str(BASE), str(PAIRS / f"{pair}.yaml")).out
    better = BASE.read_text().replace("emotion: {ana: -1, bob: 1}", "emotion: {ana: 0, bob: 1}")
    (tmp_path / "better.yaml").write_text(
        better.replace("personas: [bob], emotion: -1", "personas: [bob], emotion: 0")
    )
    out = cjm("diff", "--format", "markdown", str(BASE), str(tmp_path / "better.yaml")).out
    assert "| Buy online | 2 | 0 |" in out and "2 touchpoints improved, 0 regressed;" in out


def test_human_formats_name_things_by_name() -> None:
    text = cjm("diff", str(BASE), str(PAIRS / "emotions.yaml")).out
    assert text.startswith("Buy online: 1 touchpoint improved, 2 regressed; average emotion +0.78 → +0.33\n")
    assert "  ▼ regressed Gets the parcel (Ana): emotion 2 → -1 (-3)\n" in text
    assert "  ▼ new Moment of Pain at Gets the parcel (Bob): emotion -1\n" in text
    assert "delivery" not in text and "shop" not in text
    metrics = cjm("diff", str(BASE), str(PAIRS / "metrics.yaml")).out
    assert "  ▼ worsened Pays / Failed payments: value 2 → 5 (+3)\n" in metrics
    renamed = cjm("diff", str(BASE), str(PAIRS / "renamed.yaml")).out
    assert "  • renamed persona Bob → Roberto\n" in renamed
    result = json.loads(cjm("diff", "-f", "json", str(BASE), str(PAIRS / "emotions.yaml")).out)["journeys"][0]
    assert result["title"] == "Buy online"
    [delivery] = [
        c for c in result["changes"] if c["kind"] == "regressed" and c["path"][-2:] == ["delivery", "ana"]
    ]
    assert delivery["path"] == ["shop", "use", "delivery", "ana"]
    assert delivery["names"] == ["Buy online", "Use", "Gets the parcel", "Ana"]


def test_an_id_tells_apart_two_things_that_share_a_name(tmp_path: Path) -> None:
    old = (
        BASE.read_text()
        .replace("name: Pays,", "name: Checks out,")
        .replace("{id: bob, name: Bob", "{id: bob, name: Ana")
    )
    new = old.replace("owner: web-team, emotion: 1,\n", "owner: web-team, emotion: 0,\n")
    (tmp_path / "old.yaml").write_text(old)
    (tmp_path / "new.yaml").write_text(new)
    text = cjm("diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml")).out
    assert "  ▼ regressed Checks out (pay) (Ana (ana)): emotion 1 → 0 (-1)\n" in text
    assert "  ▼ regressed Checks out (pay) (Ana (bob)): emotion 1 → 0 (-1)\n" in text


def test_a_touchpoint_changing_channel_is_one_change_of_that_touchpoint(tmp_path: Path) -> None:
    found = changes(PAIRS / "fields.yaml")
    assert [c for c in found if c[2] == "channel"] == [
        ("changed", "discover/ad", "channel", "social", "email")
    ]
    text = cjm("diff", str(BASE), str(PAIRS / "fields.yaml")).out
    assert "  • Sees an ad: channel Social media → Email\n" in text
    assert "  • Sees an ad: owner Web team → Customer care\n" in text
    web_to_phone = BASE.read_text().replace(
        "{id: pay, name: Pays, channel: web", "{id: pay, name: Pays, channel: phone"
    )
    kiosk = "channels:\n  - {id: kiosk, name: Kiosk, type: physical}\nteams:\n"
    (tmp_path / "phone.yaml").write_text(web_to_phone.replace("teams:\n", kiosk, 1))
    assert changes(tmp_path / "phone.yaml") == [
        ("added", "kiosk", "channel", None, "Kiosk"),  # declared by the journey itself
        ("changed", "buy/pay", "channel", "web", "phone"),
    ]
    assert "  • Pays: channel Web → Phone\n" in cjm("diff", str(BASE), str(tmp_path / "phone.yaml")).out


def test_folders_pair_journeys_by_id(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir(), new.mkdir()
    shutil.copy(BASE, old / "a.yaml")
    shutil.copy(PAIRS / "renamed.yaml", new / "renamed-file-name.yaml")  # same id, other file name
    (new / "extra.yaml").write_text(BASE.read_text().replace("id: shop\n", "id: shop-two\n", 1))
    result = json.loads(cjm("diff", "-f", "json", str(old), str(new)).out)
    assert [(j["journey"], len(j["changes"])) for j in result["journeys"]] == [("shop", 4), ("shop-two", 1)]
    assert result["journeys"][1]["changes"][0]["kind"] == "added"


def test_invalid_journeys_and_unreadable_inputs_exit_2() -> None:
    result = cjm("diff", str(BASE), str(CASES / "cjm204-unknown-team.yaml"))
    assert result.code == 2 and "cjm204-unknown-team.yaml:16:20: CJM204 error" in result.err
    assert cjm("diff", str(BASE), "nowhere.yaml").code == 2
    assert cjm("diff", str(BASE)).code == 2


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    require_program("git")

    def git(*arguments: str) -> None:
        subprocess.run(["git", "-c", "user.name=cjm tests", "-c", "user.email=tests@cjm.invalid", *arguments],
                       cwd=tmp_path, check=True, capture_output=True)  # fmt: skip

    git("init", "-q", "-b", "main")
    (tmp_path / "journeys").mkdir()
    shutil.copy(BASE, tmp_path / "journeys" / "shop.yaml")
    git("add", ".")
    git("commit", "-q", "-m", "first map")
    shutil.copy(PAIRS / "emotions.yaml", tmp_path / "journeys" / "shop.yaml")
    git("commit", "-q", "-am", "the delivery got worse")
    shutil.copy(PAIRS / "metrics.yaml", tmp_path / "journeys" / "shop.yaml")  # uncommitted
    return tmp_path


def test_revisions_are_read_through_git(repository: Path) -> None:
    emotion = changes("HEAD:journeys/shop.yaml", "HEAD~1:journeys/shop.yaml", cwd=repository)
    assert ("regressed", "use/delivery/ana", "emotion", 2, -1) in emotion
    working_tree = changes("journeys/shop.yaml", "main~1:journeys/shop.yaml", cwd=repository)
    assert ("metric-status", "buy/pay/Failed payments", "status", "met", "below") in working_tree
    result = cjm("diff", "--format", "json", "--rev", "HEAD~1", "--rev", "HEAD", "journeys", cwd=repository)
    assert result.code == 0 and json.loads(result.out)["regressions"] == 3 + 2  # worse emotions, new pains
    result = cjm(
        "diff", "--format", "json", "--rev", "HEAD", "journeys", cwd=repository
    )  # against the working tree
    assert json.loads(result.out)["journeys"][0]["old"] == "HEAD:journeys/shop.yaml"


def test_a_missing_revision_or_path_is_a_clear_error(repository: Path) -> None:
    for spec in ("nope:journeys/shop.yaml", "HEAD:journeys/missing.yaml"):
        result = cjm("diff", spec, "journeys/shop.yaml", cwd=repository)
        assert result.code == 2 and result.err.startswith(f"cjm: error: {spec}: fatal:"), result


def test_a_catalog_is_read_from_a_revision(tmp_path: Path) -> None:
    require_program("git")
    git = ["git", "-c", "user.name=cjm tests", "-c", "user.email=tests@cjm.invalid"]
    catalog = "cjm: 1\nkind: catalog\npersonas:\n  - {id: eva, name: Eva, needs: [Calm]}\n"
    journey = BASE.read_text().replace("personas:\n  - {id: ana", "personas:\n  - eva\n  - {id: ana", 1)
    (tmp_path / "catalog.yaml").write_text(catalog)
    (tmp_path / "j.yaml").write_text(journey)
    subprocess.run([*git, "init", "-q", "-b", "main"], cwd=tmp_path, check=True)
    subprocess.run([*git, "add", "."], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "map"], cwd=tmp_path, check=True)
    (tmp_path / "catalog.yaml").unlink()  # only the revision has it now
    (tmp_path / "j.yaml").write_text(journey.replace("name: Sees an ad", "name: Sees a video ad"))
    assert cjm("diff", "HEAD:j.yaml", "j.yaml", cwd=tmp_path).code == 2  # eva is unknown without it
    found = changes("j.yaml", "HEAD:j.yaml", "--catalog", "HEAD:catalog.yaml", cwd=tmp_path)
    assert found == [("renamed", "discover/ad", "touchpoint", "Sees an ad", "Sees a video ad")]


def test_each_side_is_read_once_and_no_input_is_written_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cjm import comparing, project

    loaded: list[list[str]] = []
    load_project = project.load_project

    def counted(paths: list[str], *arguments: object, **options: object) -> project.Project:
        loaded.append(list(paths))
        return load_project(paths, *arguments, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(project, "load_project", counted)
    monkeypatch.setattr(comparing, "load_project", counted)
    shutil.copy(PAIRS / "renamed.yaml", tmp_path / "new.yaml")
    (tmp_path / "diff.txt").write_text("the diff of the last run\n")  # written over: is it an input?
    result = cjm("diff", str(BASE), str(tmp_path / "new.yaml"), "-o", str(tmp_path / "diff.txt"))
    assert result.code == 0 and "renamed persona Bob → Roberto" in (tmp_path / "diff.txt").read_text()
    assert loaded == [[str(BASE)], [str(tmp_path / "new.yaml")]]
    for target in (tmp_path / "new.yaml", BASE):
        before = target.read_bytes()
        result = cjm("diff", str(BASE), str(tmp_path / "new.yaml"), "-o", str(target))
        assert result.code == 2 and "is an input of this run" in result.err
        assert target.read_bytes() == before


def test_wrong_revisions_or_paths_are_one_clear_line() -> None:
    result = cjm("diff", "--rev", "HEAD~2", "--rev", "HEAD~1", "--rev", "HEAD", "journeys")
    assert (
        result.code == 2
        and result.err == "cjm: error: --rev is given at most twice: the old revision, then the new one\n"
    )
    result = cjm("diff", str(BASE), str(BASE), str(BASE))
    assert (
        result.code == 2
        and result.err.startswith("cjm: error: give OLD and NEW")
        and result.err.count("\n") == 1
    )


def future(text: str) -> str:
    """The same map as the future state (to-be) of the journey."""
    return text.replace("title: Buy online\n", "title: Buy online\nstate: future\n", 1)


def worse(text: str) -> str:
    """The parcel now hurts everyone."""
    return text.replace(
        "channel: in-person, owner: care, emotion: 2}", "channel: in-person, owner: care, emotion: -2}"
    )


def git_in(folder: Path, *arguments: str) -> None:
    require_program("git")
    subprocess.run(["git", "-c", "user.name=cjm tests", "-c", "user.email=tests@cjm.invalid", *arguments],
                   cwd=folder, check=True, capture_output=True)  # fmt: skip


def both_states(folder: Path, *, future_text: str | None) -> None:
    """A folder with the current map of the shop, and its future map (or none)."""
    folder.mkdir(exist_ok=True)
    (folder / "shop.yaml").write_text(BASE.read_text())
    (folder / "shop-future.yaml").unlink(missing_ok=True)
    if future_text is not None:
        (folder / "shop-future.yaml").write_text(future_text)


def diff_of_states(tmp_path: Path, how: str, new_future: str | None, *options: str) -> Result:
    """Diff a folder whose future state becomes `new_future`: two folders, or one at HEAD."""
    if how == "folders":
        both_states(tmp_path / "old", future_text=future(BASE.read_text()))
        both_states(tmp_path / "new", future_text=new_future)
        return cjm("diff", *options, str(tmp_path / "old"), str(tmp_path / "new"))
    both_states(tmp_path / "journeys", future_text=future(BASE.read_text()))
    git_in(tmp_path, "init", "-q", "-b", "main")
    git_in(tmp_path, "add", ".")
    git_in(tmp_path, "commit", "-q", "-m", "maps")
    both_states(tmp_path / "journeys", future_text=new_future)
    return cjm("diff", *options, "--rev", "HEAD", "journeys", cwd=tmp_path)


@pytest.mark.parametrize("how", ["folders", "rev"])
@pytest.mark.parametrize("output_format", ["text", "markdown", "json"])
def test_a_future_state_is_compared_with_the_future_state(
    tmp_path: Path, how: str, output_format: str
) -> None:
    result = diff_of_states(tmp_path, how, worse(future(BASE.read_text())), "-f", output_format)
    assert result.code == 0, result
    if output_format == "json":
        found = {(j["journey"], j["state"]): j["changes"] for j in json.loads(result.out)["journeys"]}
        assert found[("shop", "current")] == []
        assert ("regressed", ["shop", "use", "delivery", "ana"]) in [
            (c["kind"], c["path"]) for c in found[("shop", "future")]
        ]
        assert json.loads(result.out)["regressions"] == 4
    elif output_format == "markdown":
        assert (
            "| Buy online (future state) | 0 | 1 |" in result.out and "| Buy online | 0 | 0 |" in result.out
        )
        assert "### Buy online (future state)\n" in result.out
        assert "- ▼ regressed Gets the parcel (Ana): emotion 2 → -2 (-4)\n" in result.out
    else:
        assert "Buy online (future state): 0 touchpoints improved, 1 regressed;" in result.out
        assert "  ▼ regressed Gets the parcel (Ana): emotion 2 → -2 (-4)\n" in result.out
    assert cjm_fail_on(tmp_path, how, "regression", worse(future(BASE.read_text()))) == 1
    assert cjm_fail_on(tmp_path, how, "any", future(BASE.read_text())) == 0


def cjm_fail_on(tmp_path: Path, how: str, fail_on: str, new_future: str | None) -> int:
    folder = tmp_path / f"{how}-{fail_on}-{new_future is None}"
    folder.mkdir()
    return diff_of_states(folder, how, new_future, "--fail-on", fail_on).code


@pytest.mark.parametrize("how", ["folders", "rev"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_future_state_that_appears_or_goes_away_is_a_change(tmp_path: Path, how: str, lang: str) -> None:
    result = diff_of_states(tmp_path, how, None, "--lang", lang, "-f", "markdown")
    gone = {
        "en": "- removed the future state of Buy online\n",
        "es": "- se elimina el estado futuro de Buy online\n",
    }
    assert gone[lang] in result.out, result
    assert cjm_fail_on(tmp_path, how, "any", None) == 1
    old, new = tmp_path / "appears" / "old", tmp_path / "appears" / "new"
    old.parent.mkdir()
    both_states(old, future_text=None)
    both_states(new, future_text=future(BASE.read_text()))
    added = json.loads(cjm("diff", "-f", "json", str(old), str(new)).out)["journeys"]
    assert [(j["state"], [c["kind"] for c in j["changes"]]) for j in added] == [
        ("current", []),
        ("future", ["added"]),
    ]
    text = cjm("diff", "--lang", lang, str(old), str(new)).out
    assert {
        "en": "  • added the future state of Buy online\n",
        "es": "  • se añade el estado futuro de Buy online\n",
    }[lang] in text


JOURNEY_FIELDS = [
    # field, before, after, the line in English, the line in Spanish
    ("title", "title: Buy online", "title: Buy a sofa online",
     "title Buy online → Buy a sofa online", "título Buy online → Buy a sofa online"),
    ("description", "description: Desde el anuncio.", "description: Hasta la firma.",
     "description Desde el anuncio. → Hasta la firma.", "descripción Desde el anuncio. → Hasta la firma."),
    ("state", "state: current", "state: future", "state current → future", "estado del mapa actual → futuro"),
    ("lang", "lang: en", "lang: es", "language English → Spanish", "idioma inglés → español"),
    ("catalogs", "catalogs: []", "catalogs: [catalogo.yaml]",
     "catalogs none → [catalogo.yaml]", "catálogos ninguno → [catalogo.yaml]"),
    ("owner", "owner: web-team", "owner: care", "owner Web team → Customer care",
     "responsable Web team → Customer care"),
    ("status", "status: approved", "status: retired", "status approved → retired", "estado aprobado → retirado"),
    ("review_by", "review_by: 2027-03-31", "review_by: 2027-06-30",
     "review by 2027-03-31 → 2027-06-30", "revisar antes de 2027-03-31 → 2027-06-30"),
]  # fmt: skip


def test_every_field_of_the_journey_itself_is_compared() -> None:
    from cjm.model import Journey

    structure = {"cjm", "kind", "id", "personas", "teams", "channels", "phases"}
    assert {case[0] for case in JOURNEY_FIELDS} == set(Journey.model_fields) - structure


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize(("field", "before", "after", "english", "spanish"), JOURNEY_FIELDS)
def test_the_journey_s_own_fields_are_changes(
    tmp_path: Path, lang: str, field: str, before: str, after: str, english: str, spanish: str
) -> None:
    (tmp_path / "catalogo.yaml").write_text("cjm: 1\nkind: catalog\npersonas: []\n")
    text = BASE.read_text().replace("title: Buy online\n", "title: Buy online\nFIELD\n", 1)
    if field == "title":
        text = text.replace("title: Buy online\nFIELD\n", "FIELD\n")
    (tmp_path / "old.yaml").write_text(text.replace("FIELD", before))
    (tmp_path / "new.yaml").write_text(text.replace("FIELD", after))
    pair = (str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"))
    assert [(c[0], c[2]) for c in changes(pair[1], pair[0])] == [("changed", field)]
    assert cjm("diff", "--fail-on", "any", *pair).code == 1
    line = {"en": english, "es": spanish}[lang]
    assert f"  • {line}\n" in cjm("diff", "--lang", lang, *pair).out
    assert f"- {markdown_text(line)}\n" in cjm("diff", "-f", "markdown", "--lang", lang, *pair).out


PAYS = "owner: web-team, emotion: 1,\n"
CONVERSION = '{name: Conversion, value: 30, target: 40, unit: "%"'


def test_a_journey_that_names_the_same_catalog_from_another_folder_has_not_changed(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "catalogo.yaml").write_text("cjm: 1\nkind: catalog\npersonas: []\n")
    journey = BASE.read_text().replace("title: Buy online\n", "title: Buy online\ncatalogs: [CATALOG]\n", 1)
    (tmp_path / "old.yaml").write_text(journey.replace("CATALOG", "catalogo.yaml"))
    (tmp_path / "maps" / "new.yaml").write_text(journey.replace("CATALOG", "../catalogo.yaml"))
    assert changes(tmp_path / "maps" / "new.yaml", tmp_path / "old.yaml") == []


VALUES = [
    # what is replaced in the base map, by what before and after, the line in English, in Spanish
    (PAYS, "owner: web-team, emotion: 1, moment: pain,\n", PAYS,
     "Pays: moment Moment of Pain → none", "Pays: momento Momento de dolor → ninguno"),
    (PAYS, "owner: web-team, emotion: 1, confidence: observed,\n", "owner: web-team, emotion: 1, confidence: assumed,\n",
     "Pays: confidence observed → assumed", "Pays: confianza observado → supuesto"),
    (PAYS, 'owner: web-team, emotion: 1, activity: "Pays\\n\\n  by card.\\n",\n',
     "owner: web-team, emotion: 1, activity: Pays by phone.,\n",
     "Pays: activity Pays by card. → Pays by phone.", "Pays: actividad Pays by card. → Pays by phone."),
    ("{text: Shorter queue, owner: care, status: proposed}", "{text: Shorter queue, owner: care, priority: low}",
     "{text: Shorter queue, owner: web-team, priority: high, status: done}",
     "Calls for advice / Shorter queue: priority low → high", "Calls for advice / Shorter queue: prioridad baja → alta"),
    ("{text: Shorter queue, owner: care, status: proposed}", "{text: Shorter queue, owner: care, priority: low}",
     "{text: Shorter queue, owner: web-team, priority: high, status: done}",
     "Calls for advice / Shorter queue: owner Customer care → Web team",
     "Calls for advice / Shorter queue: responsable Customer care → Web team"),
    ("higher_is_better: false}", "higher_is_better: false}", "higher_is_better: true}",
     "Pays / Failed payments: higher is better no → yes", "Pays / Failed payments: cuanto más alto, mejor no → sí"),
    (CONVERSION, CONVERSION, CONVERSION + ', source: "Web\\nanalytics"',
     "Checks out / Conversion: source none → Web analytics", "Checks out / Conversion: fuente ninguno → Web analytics"),
]  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize(("find", "before", "after", "english", "spanish"), VALUES)
def test_every_value_is_worded_in_the_output_s_language(
    tmp_path: Path, lang: str, find: str, before: str, after: str, english: str, spanish: str
) -> None:
    assert find in BASE.read_text()
    (tmp_path / "old.yaml").write_text(BASE.read_text().replace(find, before))
    (tmp_path / "new.yaml").write_text(BASE.read_text().replace(find, after))
    pair = (str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"))
    line = {"en": english, "es": spanish}[lang]
    text = cjm("diff", "--lang", lang, *pair).out
    assert f" {line}\n" in text, text
    markdown = cjm("diff", "-f", "markdown", "--lang", lang, *pair).out
    assert f" {markdown_text(line)}\n" in markdown, markdown
    assert "\\x0a" not in text + markdown


@pytest.mark.parametrize("lang", ["en", "es"])
def test_team_stages_channel_types_and_phases_are_worded(tmp_path: Path, lang: str) -> None:
    old = BASE.read_text().replace(
        "{id: web-team, name: Web team}", "{id: web-team, name: Web team, stage: front}"
    )
    old = old.replace("teams:\n", "channels: [{id: kiosk, name: Kiosk, type: physical}]\nteams:\n", 1)
    new = old.replace("stage: front}", "stage: back}").replace("type: physical}", "type: digital}")
    new = new.replace("  - id: before\n", "  - id: before\n    name: Discovery\n")
    (tmp_path / "old.yaml").write_text(old)
    (tmp_path / "new.yaml").write_text(new)
    text = cjm("diff", "--lang", lang, str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml")).out
    expected = {
        "en": ["team Web team: front or back stage front stage → back stage", "channel Kiosk: type physical → digital",
               "renamed phase Before purchase → Discovery"],
        "es": ["equipo Web team: frontstage o backstage frontstage → backstage", "canal Kiosk: tipo físico → digital",
               "se renombra fase Antes de la compra → Discovery"],
    }  # fmt: skip
    for line in expected[lang]:
        assert f"  • {line}\n" in text, text


LONG = "Sees a long advertisement about sofas, armchairs, delivery slots and the assembly service"


def long_rename(tmp_path: Path) -> tuple[str, str]:
    (tmp_path / "new.yaml").write_text(BASE.read_text().replace("name: Sees an ad,", f"name: '{LONG}',"))
    return str(BASE), str(tmp_path / "new.yaml")


def test_a_pipe_or_a_file_gets_each_change_on_one_line(tmp_path: Path) -> None:
    wanted = f"  • renamed touchpoint Sees an ad → {LONG}\n"
    assert wanted in cjm("diff", *long_rename(tmp_path)).out
    assert cjm("diff", *long_rename(tmp_path), "-o", str(tmp_path / "diff.txt")).code == 0
    assert wanted in (tmp_path / "diff.txt").read_text()


def test_a_terminal_gets_long_lines_wrapped_at_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from cjm.comparing import compare
    from cjm.diff.output import text

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setenv("COLUMNS", "40")
    old, new = long_rename(tmp_path)
    terminal = Terminal()
    text.write(compare([old], [new]).diffs, terminal, color=False)
    lines = terminal.getvalue().splitlines()
    assert max(len(line) for line in lines) <= 40, lines
    start = lines.index("  • renamed touchpoint Sees an ad → Sees")
    assert all(line.startswith("    ") for line in lines[start + 1 :]), lines
    assert " ".join(line.strip() for line in lines[start:]) == f"• renamed touchpoint Sees an ad → {LONG}"


NAMES = PROJECTS / "names" / "journey.yaml"


def lower_is_better(tmp_path: Path, value: int) -> Path:
    path = tmp_path / f"value-{value}.yaml"
    text = BASE.read_text(encoding="utf-8")
    path.write_text(text.replace("value: 2, target: 3", f"value: {value}, target: 20"), encoding="utf-8")
    return path


CHANNEL = """\
cjm: 1
id: channel-change
title: One touchpoint changes its channel
personas: [{id: ana, name: Ana, needs: [Cover]}]
teams: [{id: ops, name: Operations}]
phases:
  - id: before
    stages:
      - id: contact
        name: Contact
        touchpoints:
          - {id: get-in-touch, name: Gets in touch, channel: CHANNEL, owner: ops, emotion: 1}
          - {id: newsletter, name: Reads the newsletter, channel: email, owner: ops, emotion: 1}
"""


@pytest.mark.parametrize("output_format", ["text", "markdown"])
def test_diffs_show_names(output_format: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    new = tmp_path / "new.yaml"
    new.write_text(NAMES.read_text(encoding="utf-8").replace("{ana: -2, luis: -1}", "{ana: 0, luis: -1}"))
    result = cjm("diff", "--format", output_format, str(NAMES), str(new))
    assert result.code == 0, result
    assert "Comunica un siniestro por agua" in result.out and "Ana Martínez" in result.out, result.out


def test_a_lower_is_better_metric_going_down_is_better_and_going_up_is_worse(tmp_path: Path) -> None:
    forty, thirty = lower_is_better(tmp_path, 40), lower_is_better(tmp_path, 30)

    def value_change(old: Path, new: Path) -> dict[str, Any]:
        [change] = [c for c in diff_json(old, new) if c["field"] == "metric.value"]
        return change

    assert value_change(forty, thirty)["level"] == "better"
    assert value_change(thirty, forty)["level"] == "worse"
    assert cjm("diff", "--fail-on", "regression", str(thirty), str(forty)).code == 1

    for output_format in ("text", "markdown"):
        for old, new, words in ((forty, thirty, ("▲", "improved")), (thirty, forty, ("▼", "worsened"))):
            out = cjm("diff", "--format", output_format, str(old), str(new)).out
            lines = [line for line in out.splitlines() if "Failed payments" in line]
            assert any(word in line for line in lines for word in words), (output_format, out)


def test_markdown_diff_has_no_neutral_bullet_in_a_list_and_agrees_in_number(tmp_path: Path) -> None:
    text = BASE.read_text(encoding="utf-8")
    channel = tmp_path / "channel.yaml"  # one change, neutral
    channel.write_text(
        text.replace(
            "channel: web, owner: web-team, emotion: 1,", "channel: phone, owner: web-team, emotion: 1,"
        )
    )
    better = tmp_path / "better.yaml"  # one touchpoint improved
    better.write_text(text.replace("personas: [bob], emotion: -1,", "personas: [bob], emotion: 0,"))
    for new in (channel, better):
        out = cjm("diff", "--format", "markdown", str(BASE), str(new)).out
        assert "- •" not in out, out
        assert not re.search(r"\b1 (touchpoints|changes)\b", out), out


def test_a_changed_channel_is_one_change_of_the_touchpoint(tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(CHANNEL.replace("CHANNEL", "web"))  # web and phone are each used by this touchpoint alone
    new.write_text(CHANNEL.replace("CHANNEL", "phone"))
    assert [(c["kind"], c["path"][-1], c["field"], c["old"], c["new"]) for c in diff_json(old, new)] == [
        ("changed", "get-in-touch", "channel", "web", "phone")
    ]


def test_diff_reads_the_catalog_from_a_revision(tmp_path: Path) -> None:
    """Already works today: kept as a coverage test."""
    require_program("git")

    def git(*arguments: str) -> None:
        subprocess.run(["git", "-c", "user.name=cjm tests", "-c", "user.email=tests@cjm.invalid", *arguments],
                       cwd=tmp_path, check=True, capture_output=True)  # fmt: skip

    git("init", "-q", "-b", "main")
    shutil.copy(CASES / "ok-catalog" / "catalog.yaml", tmp_path / "catalog.yaml")
    shutil.copy(CASES / "ok-catalog" / "journey.yaml", tmp_path / "j.yaml")
    git("add", ".")
    git("commit", "-q", "-m", "first map")
    journey = tmp_path / "j.yaml"
    journey.write_text(
        journey.read_text(encoding="utf-8").replace("owner: ops, emotion: 0", "owner: ops, emotion: -1")
    )
    result = cjm(
        "diff", "--format", "json", "HEAD:j.yaml", "j.yaml", "--catalog", "HEAD:catalog.yaml", cwd=tmp_path
    )
    assert result.code == 0, result
    [changes] = [j["changes"] for j in json.loads(result.out)["journeys"]]
    assert ("regressed", ["catalog-user", "s3", "t3", "ana"]) in [(c["kind"], c["path"]) for c in changes]
