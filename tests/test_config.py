"""Configuration: where it is found, what it changes, and clear errors for what it gets wrong."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import CASES, cjm

JOURNEY = (CASES / "cjm302-to-cjm310-touchpoints.yaml").read_bytes()


def project(tmp_path: Path, config_name: str, config: str) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / config_name).write_text(config, encoding="utf-8")
    nested = tmp_path / "journeys" / "deep"
    nested.mkdir(parents=True)
    (nested / "j.yaml").write_bytes(JOURNEY)
    return nested


def findings(cwd: Path, *options: str) -> list[dict[str, object]]:
    result = cjm("validate", "--format", "json", *options, "j.yaml", cwd=cwd)
    assert result.code in (0, 1), result
    return json.loads(result.out)["findings"]


def test_pyproject_tool_cjm_is_found_upward(tmp_path: Path) -> None:
    cwd = project(
        tmp_path, "pyproject.toml", '[project]\nname = "x"\n\n[tool.cjm]\nignore = ["CJM302", "CJM31"]\n'
    )
    assert {f["code"] for f in findings(cwd)} == {"CJM303", "CJM304", "CJM305"}


def test_dot_cjm_toml_regrades_severity_and_strict_exit(tmp_path: Path) -> None:
    cwd = project(
        tmp_path,
        ".cjm.toml",
        'select = ["CJM302"]\n[severity]\nowner = "error"\n'.replace("owner", "touchpoint-without-owner"),
    )
    [finding] = findings(cwd)
    assert (finding["code"], finding["severity"]) == ("CJM302", "error")
    assert cjm("validate", "j.yaml", cwd=cwd).code == 1


def test_command_line_select_replaces_and_ignore_adds(tmp_path: Path) -> None:
    cwd = project(tmp_path, ".cjm.toml", 'select = ["CJM302"]\nignore = ["CJM303"]\n')
    assert {f["code"] for f in findings(cwd, "--select", "CJM30")} == {"CJM302", "CJM304", "CJM305"}
    assert {f["code"] for f in findings(cwd, "--select", "CJM3", "--ignore", "CJM304")} == {
        "CJM302",
        "CJM305",
        "CJM310",
    }


def test_explicit_config_file(tmp_path: Path) -> None:
    cwd = project(tmp_path, "elsewhere.toml", 'select = ["CJM310"]\n')
    assert {f["code"] for f in findings(cwd, "--config", str(tmp_path / "elsewhere.toml"))} == {"CJM310"}


def test_configured_catalogs_are_in_scope(tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "catalog.yaml").write_bytes((CASES / "ok-catalog" / "catalog.yaml").read_bytes())
    (tmp_path / ".cjm.toml").write_text('catalogs = ["shared/catalog.yaml"]\n')
    (tmp_path / "j.yaml").write_bytes((CASES / "ok-catalog" / "journey.yaml").read_bytes())
    assert cjm("validate", "j.yaml", cwd=tmp_path).out.endswith("2 files checked: no problems found.\n")
    # the catalog is read once even when the folder holding it is checked too
    assert cjm("validate", ".", cwd=tmp_path).code == 0


def test_mistakes_in_configuration_are_clear_errors(tmp_path: Path) -> None:
    for number, (config, words) in enumerate(
        (
            ('selct = ["CJM302"]\n', "unknown setting 'selct' (did you mean 'select'?)"),
            ('ignore = ["CJM399"]\n', "unknown rule 'CJM399'"),
            ('[severity]\nCJM302 = "fatal"\n', 'must be "error", "warning" or "off"'),
            ("select = [\n", "not valid TOML: invalid value at the end of the file"),
        )
    ):
        cwd = project(tmp_path / str(number), ".cjm.toml", config)
        result = cjm("validate", "j.yaml", cwd=cwd)
        assert result.code == 2 and words in result.err, (config, result)
        assert result.err.count("\n") == 1 and result.err.startswith("cjm: error: ")


def test_inline_disable_silences_only_its_line(tmp_path: Path) -> None:
    text = JOURNEY.decode().replace("- id: no-owner", "- id: no-owner  # cjm: disable=CJM302")
    text = text.replace("- id: silent-pain", "- id: silent-pain  # cjm: disable")
    (tmp_path / "j.yaml").write_text(text, encoding="utf-8")
    codes = [f["code"] for f in findings(tmp_path)]
    assert sorted(codes) == ["CJM303", "CJM304", "CJM305", "CJM310"]
