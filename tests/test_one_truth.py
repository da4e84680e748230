"""What a journey map means, the same for every command: scope, pains, ranking, names and states.

Each test is numbered by the point of behaviour it pins down (1a, 5b...). The fixtures are in
`tests/projects/<name>/`, or written to `tmp_path` where a test needs a variation.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import typer.main
from conftest import CASES, EXAMPLES, ROOT, cjm, require_program

from cjm.cli import app

PROJECTS = Path(__file__).resolve().parent / "projects"
BASE = Path(__file__).resolve().parent / "diff" / "base.yaml"
FINDING = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>CJM\d{3}) (?:error|warning): (?P<message>.*)$"
)


def findings(*args: str, cwd: Path | None = None) -> tuple[int, list[dict[str, Any]]]:
    """Exit code and findings of `cjm validate --format json ARGS`."""
    result = cjm("validate", "--format", "json", *args, cwd=cwd)
    assert result.code in (0, 1), result
    return result.code, json.loads(result.out)["findings"]


def position(path: Path, needle: str) -> tuple[int, int]:
    """Line and column (1-based) of the first occurrence of NEEDLE in a file."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(f"{needle!r} is not in {path}")


def report_json(path: Path | str, *options: str, cwd: Path | None = None) -> dict[str, Any]:
    result = cjm("report", "--format", "json", *options, str(path), cwd=cwd)
    assert result.code == 0, result
    return json.loads(result.out)


def diff_json(old: Path, new: Path, *options: str) -> list[dict[str, Any]]:
    result = cjm("diff", "--format", "json", *options, str(old), str(new))
    assert result.code == 0, result
    [journey] = json.loads(result.out)["journeys"]
    return journey["changes"]


def every_command_accepts(journey: str, cwd: Path) -> None:
    for args in (
        ("validate", journey),
        ("report", journey),
        ("render", journey, "--format", "markdown"),
        ("diff", journey, journey),
    ):
        result = cjm(*args, cwd=cwd)
        assert result.code == 0, (args, result)


# 1. Catalog scope is the same for every command.


def test_1a_configured_catalogs_are_in_scope_for_every_command() -> None:
    every_command_accepts("journeys/j.yaml", cwd=PROJECTS / "config-catalog")


def test_1b_catalogs_named_in_the_journey_are_in_scope_for_every_command() -> None:
    # run from elsewhere: `catalogs:` paths are relative to the journey file, not to the current folder
    every_command_accepts("journey-catalogs/journeys/j.yaml", cwd=PROJECTS)


def test_1c_a_named_catalog_that_is_missing_or_not_a_catalog_is_cjm207(tmp_path: Path) -> None:
    shutil.copy(CASES / "ok-complete.yaml", tmp_path / "a-journey.yaml")
    journey = tmp_path / "j.yaml"
    journey.write_text(
        (CASES / "ok-complete.yaml")
        .read_text(encoding="utf-8")
        .replace("\ntitle:", "\ncatalogs:\n  - missing.yaml\n  - a-journey.yaml\ntitle:", 1),
        encoding="utf-8",
    )
    code, found = findings(str(journey))
    cjm207 = [(f["line"], f["column"]) for f in found if f["code"] == "CJM207"]
    assert code == 1
    assert cjm207 == [position(journey, "missing.yaml"), position(journey, "a-journey.yaml")], found


# 2. Files without a `cjm:` key in a folder are skipped, and said to be.


def test_2_a_folder_says_which_files_it_skipped_and_when_no_journey_was_checked(tmp_path: Path) -> None:
    workflow = "on: push\njobs: {}\n"
    mixed, catalogs_only = tmp_path / "mixed", tmp_path / "catalogs-only"
    mixed.mkdir(), catalogs_only.mkdir()
    shutil.copy(CASES / "cjm302-to-cjm310-touchpoints.yaml", mixed / "journey.yaml")
    (mixed / "workflow.yaml").write_text(workflow)
    shutil.copy(CASES / "ok-catalog" / "catalog.yaml", catalogs_only / "catalog.yaml")
    (catalogs_only / "workflow.yaml").write_text(workflow)

    result = cjm("validate", "mixed", cwd=tmp_path)
    assert result.code == 0, result
    skipped = [line for line in result.err.splitlines() if "workflow.yaml" in line]
    assert len(skipped) == 1, result.err
    assert str(Path("mixed", "workflow.yaml")) in skipped[0] and "skipped" in skipped[0].lower()
    assert "CJM302" in result.out and str(Path("mixed", "journey.yaml")) in result.out  # still checked

    result = cjm("validate", "catalogs-only", cwd=tmp_path)
    assert result.code == 0 and "no journey" in (result.out + result.err).lower(), result
    assert cjm("validate", "--strict", "catalogs-only", cwd=tmp_path).code == 1

    # named one by one, a file without `cjm:` is still an error, as it is today
    result = cjm("validate", str(Path("mixed", "workflow.yaml")), cwd=tmp_path)
    assert result.code == 1 and any(FINDING.match(line) for line in result.out.splitlines()), result


# 3. CJM206


def test_3_an_emotion_for_a_persona_that_does_not_pass_is_cjm206() -> None:
    journey = PROJECTS / "absent-persona-emotion" / "journey.yaml"
    code, found = findings(str(journey))
    assert code == 1
    assert [(f["line"], f["column"]) for f in found if f["code"] == "CJM206"] == [
        position(journey, "ana: -2")
    ], found


# 4. A persona's report holds that persona's pains only.


def test_4_a_persona_report_lists_only_that_persona_pains() -> None:
    journey = PROJECTS / "persona-pains" / "journey.yaml"
    pains = report_json(journey, "--persona", "tom")["pains"]
    assert [(p["touchpoint"], p["persona"]) for p in pains] == [("queue", "tom")]
    text = cjm("report", "--persona", "tom", str(journey))
    assert text.code == 0 and "everyone" not in text.out.lower(), text


# 5. The backlog ranks what hurts, weighs priority and what is already done, and explains itself.

BACKLOG = PROJECTS / "backlog" / "journey.yaml"


def backlog_order(journey: Path = BACKLOG) -> list[str]:
    return [item["touchpoint"] for item in report_json(journey)["backlog"]]


def test_5a_a_real_pain_ranks_above_a_moment_of_truth_that_goes_well() -> None:
    order = backlog_order(PROJECTS / "backlog" / "truth-and-pain.yaml")
    assert order[0] == "lost-parcel", order  # above 'happy-truth', which has a problem listed


def test_5b_a_high_priority_improvement_ranks_its_pain_first() -> None:
    order = backlog_order()
    assert order.index("phone-wait") < order.index("long-form"), order  # high before low, equal pains


def test_5c_a_pain_whose_improvements_are_all_done_ranks_below_an_open_one() -> None:
    order = backlog_order()
    assert order.index("invoice-hunt") < order.index("address-twice"), order  # proposed before done


@pytest.mark.parametrize("output_format", ["text", "markdown", "html"])
def test_5d_the_backlog_shows_priority_and_the_owner_team_name(
    output_format: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    result = cjm("report", "--format", output_format, str(BACKLOG))
    assert result.code == 0, result
    backlog = result.out[result.out.index("Backlog") :]
    assert re.search(r"\bhigh\b", backlog), backlog
    assert "Customer operations" in backlog, backlog  # the team's name, not its id 'cx-ops'


def test_5e_explain_prints_the_report_and_the_top_item_score_in_parts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    top = report_json(BACKLOG)["backlog"][0]["name"]
    result = cjm("report", "--explain", str(BACKLOG))
    assert result.code == 0, result
    assert "Order a parcel and get the invoice" in result.out  # the title: the report itself is printed
    lines = result.out.splitlines()
    assert any(
        top in line and any("depth" in near for near in lines[number : number + 4])
        for number, line in enumerate(lines)
    ), result.out


# 6. Opportunities are part of the report.


@pytest.mark.parametrize("output_format", ["text", "markdown", "html", "json"])
def test_6_opportunities_appear_in_every_report_format(
    output_format: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    result = cjm("report", "--format", output_format, str(PROJECTS / "names" / "journey.yaml"))
    assert result.code == 0, result
    out = json.dumps(json.loads(result.out), ensure_ascii=False) if output_format == "json" else result.out
    assert "Retargeting con simulador" in out


# 7. Names, not ids, for people to read.

NAMES = PROJECTS / "names" / "journey.yaml"


def bare(ident: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(ident)}(?![\w-])")


@pytest.mark.parametrize("output_format", ["text", "markdown", "html"])
def test_7a_reports_show_names_and_ids_only_to_tell_twins_apart(
    output_format: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    result = cjm("report", "--format", output_format, str(NAMES))
    assert result.code == 0, result
    out = result.out
    for name in ("Comunica un siniestro por agua", "Siniestro y peritaje", "Ana Martínez", "Luis García"):
        assert name in out, name
    # two touchpoints are both called "Llama al centro de atención": their ids tell them apart
    assert "llamada-alta" in out and "llamada-siniestro" in out
    if output_format == "text":
        assert not bare("parte-siniestro").search(out), out
    # JSON keeps both, for scripts
    r = report_json(NAMES)
    for section in ("pains", "backlog"):
        item = next(i for i in r[section] if i["touchpoint"] == "parte-siniestro")
        assert item["name"] == "Comunica un siniestro por agua", section


@pytest.mark.parametrize("output_format", ["text", "markdown"])
def test_7b_diffs_show_names(output_format: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    new = tmp_path / "new.yaml"
    new.write_text(NAMES.read_text(encoding="utf-8").replace("{ana: -2, luis: -1}", "{ana: 0, luis: -1}"))
    result = cjm("diff", "--format", output_format, str(NAMES), str(new))
    assert result.code == 0, result
    assert "Comunica un siniestro por agua" in result.out and "Ana Martínez" in result.out, result.out


# 8. A lower-is-better metric that moves toward its target got better.


def lower_is_better(tmp_path: Path, value: int) -> Path:
    path = tmp_path / f"value-{value}.yaml"
    text = BASE.read_text(encoding="utf-8")
    path.write_text(text.replace("value: 2, target: 3", f"value: {value}, target: 20"), encoding="utf-8")
    return path


def test_8_a_lower_is_better_metric_going_down_is_better_and_going_up_is_worse(tmp_path: Path) -> None:
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


# 9. Journey ids are unique in a folder, per state.


def test_9_two_journeys_with_one_id_and_state_are_cjm201(tmp_path: Path) -> None:
    states, twins = tmp_path / "states", tmp_path / "twins"
    states.mkdir(), twins.mkdir()
    text = BASE.read_text(encoding="utf-8")
    (states / "current.yaml").write_text(text.replace("id: shop\n", "id: shop\nstate: current\n", 1))
    (states / "future.yaml").write_text(text.replace("id: shop\n", "id: shop\nstate: future\n", 1))
    code, found = findings(str(states))
    assert code == 0 and not [f for f in found if f["code"] == "CJM201"], found

    (twins / "a.yaml").write_text(text)
    (twins / "b.yaml").write_text(text)
    code, found = findings(str(twins))
    duplicates = [(Path(f["path"]).name, f["line"], f["column"]) for f in found if f["code"] == "CJM201"]
    assert code == 1 and duplicates == [("b.yaml", *position(twins / "b.yaml", "shop"))], found


# 10. Unknown channels get useful suggestions.


@pytest.mark.parametrize(
    ("channel", "expected", "not_expected"),
    [("oficina", "store", "social"), ("telefono", "phone", None), ("correo", "email", None)],
)
def test_10a_an_unknown_channel_in_spanish_suggests_the_built_in_one(
    tmp_path: Path, channel: str, expected: str, not_expected: str | None
) -> None:
    journey = tmp_path / "j.yaml"
    journey.write_text(BASE.read_text(encoding="utf-8").replace("channel: in-person", f"channel: {channel}"))
    _, found = findings("--select", "CJM203", str(journey))
    [message] = [f["message"] for f in found]
    assert expected in message, message
    assert not_expected is None or not_expected not in message, message


def test_10b_a_nonsense_channel_lists_the_channels_there_are(tmp_path: Path) -> None:
    (tmp_path / "catalog.yaml").write_text(
        "cjm: 1\nkind: catalog\nchannels:\n  - {id: broker-app, name: App del mediador, type: digital}\n"
    )
    journey = tmp_path / "j.yaml"
    text = BASE.read_text(encoding="utf-8").replace("channel: in-person", "channel: qwertzuiop")
    text = text.replace("\nphases:", "\nchannels:\n  - {id: kiosk, name: Kiosk, type: physical}\nphases:", 1)
    journey.write_text(text)
    _, found = findings("--select", "CJM203", "--catalog", str(tmp_path / "catalog.yaml"), str(journey))
    [message] = [f["message"] for f in found]
    for channel in ("web", "phone", "kiosk", "broker-app"):
        assert bare(channel).search(message), (channel, message)


# 11. One broken persona in a catalog does not hide the rest of it.


def test_11_a_typo_in_one_catalog_persona_leaves_the_others_usable() -> None:
    folder = PROJECTS / "catalog-with-a-typo"
    code, found = findings(str(folder))
    assert code == 1
    in_catalog = [
        (f["code"], f["line"], f["column"]) for f in found if Path(f["path"]).name == "catalog.yaml"
    ]
    assert ("CJM102", *position(folder / "catalog.yaml", "nmae")) in in_catalog, found
    in_journey = [f for f in found if Path(f["path"]).name == "journey.yaml"]
    assert not [f for f in in_journey if f["code"] in ("CJM202", "CJM203", "CJM204")], in_journey


# 12. A portfolio keeps the current and the future state apart, and pairs them.


def test_12_a_portfolio_keeps_states_apart_and_pairs_them() -> None:
    """`portfolio.states`: a mapping by state ("current", "future"), or a list of objects with a
    `state` key, each with the same sections as `portfolio` (`phases`, `stages`, `channels`,
    `owners`). `pairs` (at the top level of the report, or inside `portfolio`): a list of
    `{journey, current_average, future_average}`, one per journey id found in both states."""
    folder = PROJECTS / "two-states"
    data = report_json(folder)
    portfolio = data["portfolio"]
    assert "states" in portfolio, list(portfolio)
    states = portfolio["states"]
    if isinstance(states, list):
        states = {s["state"]: s for s in states}
    current, future = report_json(folder / "current.yaml"), report_json(folder / "future.yaml")
    assert {s["id"]: s["average"] for s in states["current"]["stages"]} == {
        s["id"]: s["average"] for s in current["curve"]["stages"]
    }
    assert {s["id"]: s["average"] for s in states["future"]["stages"]} == {
        s["id"]: s["average"] for s in future["curve"]["stages"]
    }
    # no figure mixes the states: -0.5, 0.5 and 0.17 are the two states' points averaged together
    # (before/find/web, during/report/phone and after/settle/email, the claims team)
    figures = [
        row["average"]
        for section in (portfolio, *states.values())
        for kind in ("phases", "stages", "channels", "owners")
        for row in section.get(kind, [])
    ]
    assert not {-0.5, 0.5, 0.17} & set(figures), figures
    pairs = data.get("pairs", portfolio.get("pairs"))
    assert pairs is not None, list(data)
    [pair] = pairs
    assert (pair["journey"], pair["current_average"], pair["future_average"]) == (
        "claims-service",
        current["curve"]["average"],
        future["curve"]["average"],
    )


# 13. Small finishes.


def test_13a_dash_h_is_help() -> None:
    for args in (("-h",), ("validate", "-h")):
        result = cjm(*args)
        assert result.code == 0 and "Usage" in result.out, (args, result)


def test_13b_no_help_page_shows_python_types() -> None:
    commands = typer.main.get_command(app).commands  # every command, also those added later
    for args in [("--help",)] + [(name, "--help") for name in commands]:
        result = cjm(*args)
        assert result.code == 0, args
        assert "list[str]" not in result.out, (args, result.out)


def undescribed(node: Any, where: str) -> list[str]:
    """Properties, anywhere in a schema (its `$defs` included), that have no description."""
    missing = []
    if isinstance(node, dict):
        properties = node.get("properties")
        if isinstance(properties, dict):
            missing += [
                f"{where}.{name}"
                for name, spec in properties.items()
                if not (isinstance(spec, dict) and str(spec.get("description", "")).strip())
            ]
        for key, value in node.items():
            missing += undescribed(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            missing += undescribed(value, f"{where}[{index}]")
    return missing


@pytest.mark.parametrize("kind", ["journey", "catalog"])
def test_13c_every_schema_property_has_a_description(kind: str) -> None:
    schema = json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    assert undescribed(schema, kind) == []


def test_13d_markdown_diff_has_no_neutral_bullet_in_a_list_and_agrees_in_number(tmp_path: Path) -> None:
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


def test_13e_the_table_at_80_columns_tells_problems_from_improvements(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = cjm("render", str(EXAMPLES / "ecommerce-omnichannel.yaml"), "--format", "table")
    assert result.code == 0, result
    lines = result.out.splitlines()

    def where(text: str) -> tuple[int, str]:
        found = [(n, line) for n, line in enumerate(lines) if text in line]
        assert len(found) == 1, (text, result.out)
        number, line = found[0]
        before = re.split(r"\s{2,}|│", line[: line.index(text)])[-1].strip()  # the marker or label in front
        return number, before

    problem_line, problem_mark = where("Forty-minute")
    improvement_line, improvement_mark = where("Book a collection")
    labelled = any("improve" in line.lower() for line in lines[problem_line + 1 : improvement_line + 1])
    assert problem_mark != improvement_mark or labelled, "\n".join(lines[problem_line : improvement_line + 1])


def test_13f_cjm308_only_for_a_persona_absent_between_stages_it_takes_part_in(tmp_path: Path) -> None:
    journey = PROJECTS / "persona-gaps" / "journey.yaml"
    _, found = findings("--select", "CJM308", str(journey))
    # Tom joins in the second phase: no warning; Ana is before and after, not during
    assert [(f["line"], "ana" in f["message"]) for f in found] == [
        (position(journey, "- id: during")[0], True)
    ]

    payroll = tmp_path / "payroll.yaml"  # without its `# cjm: disable=CJM308` comments
    text = (EXAMPLES / "b2b-payroll-onboarding.yaml").read_text(encoding="utf-8")
    payroll.write_text(re.sub(r"\s*# cjm: disable=CJM308.*", "", text), encoding="utf-8")
    _, found = findings("--select", "CJM308", str(payroll))
    assert found == []


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


def test_13g_a_changed_channel_is_one_change_of_the_touchpoint(tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(CHANNEL.replace("CHANNEL", "web"))  # web and phone are each used by this touchpoint alone
    new.write_text(CHANNEL.replace("CHANNEL", "phone"))
    assert [(c["kind"], c["path"][-1], c["field"], c["old"], c["new"]) for c in diff_json(old, new)] == [
        ("changed", "get-in-touch", "channel", "web", "phone")
    ]


def test_13h_diff_reads_the_catalog_from_a_revision(tmp_path: Path) -> None:
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
