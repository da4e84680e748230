"""What a journey map means, the same for every command: scope, pains, ranking, names and states.

Each test is numbered by the point of behaviour it pins down (1a, 5b...). The fixtures are in
`tests/projects/<name>/`, or written to `tmp_path` where a test needs a variation.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

from conftest import CASES, cjm

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
