"""`cjm validate` reads its own plain arguments, without typer, and answers exactly as typer does;
anything else (help, a value typer must judge) is typer's."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CASES, EXAMPLES, cjm

from cjm import __main__ as fastpath
from cjm.__main__ import run_validate, validate_options

WARNINGS_ONLY = str(CASES / "cjm302-to-cjm310-touchpoints.yaml")
WITH_ERRORS = str(CASES / "cjm204-unknown-team.yaml")
CATALOG_FOLDER = str(CASES / "ok-catalog")
JOURNEY_OF_CATALOG = str(CASES / "ok-catalog" / "journey.yaml")
CATALOG = str(CASES / "ok-catalog" / "catalog.yaml")
FUTURE = str(Path(__file__).parent.parent / "projects" / "two-states")

PLAIN = [
    [WITH_ERRORS],
    [str(EXAMPLES)],
    [FUTURE],
    [WITH_ERRORS, WARNINGS_ONLY],
    ["--format", "json", WITH_ERRORS],
    ["--format=sarif", str(EXAMPLES)],
    ["-f", "github", WARNINGS_ONLY],
    ["--strict", WARNINGS_ONLY],
    ["--select", "CJM3", "--ignore=touchpoint-without-owner", WARNINGS_ONLY],
    ["--catalog", CATALOG, "--catalog", CATALOG, JOURNEY_OF_CATALOG],
    ["--catalog=" + CATALOG, JOURNEY_OF_CATALOG],
    [CATALOG_FOLDER, "--jobs", "1"],
    ["-j", "2", "--journeys-only", CATALOG_FOLDER],
    ["--jobs=1", str(EXAMPLES), "--strict"],
    ["--select", "CJM999", WARNINGS_ONLY],  # a configuration error: exit 2, one line
    [str(CASES / "nowhere.yaml")],  # a missing file: exit 2, one line
]


def fast(arguments: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int | None, str, str]:
    capsys.readouterr()
    code = run_validate(arguments)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("arguments", PLAIN, ids=lambda a: " ".join(Path(w).name for w in a))
def test_plain_arguments_are_read_without_typer_to_the_same_answer(
    arguments: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    typer_answer = cjm("validate", *arguments)
    code, out, err = fast(arguments, capsys)
    assert code is not None, "read without typer"
    assert (code, out, err) == (typer_answer.code, typer_answer.out, typer_answer.err)


def test_standard_input_and_its_name_without_typer(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = Path(WITH_ERRORS).read_bytes()
    arguments = ["--stdin-filename", "journeys/team.yaml", "-"]
    typer_answer = cjm("validate", *arguments, input=data)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert fast(arguments, capsys) == (typer_answer.code, typer_answer.out, typer_answer.err)
    assert typer_answer.out.startswith("journeys/team.yaml:6:5: CJM204 error:")


@pytest.mark.parametrize("output_format", ["text", "json", "github", "sarif"])
def test_an_output_file_and_a_configuration_without_typer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], output_format: str
) -> None:
    config = tmp_path / ".cjm.toml"
    config.write_text('ignore = ["CJM302"]\n', encoding="utf-8")
    report = tmp_path / f"report.{output_format}"
    arguments = ["--config", str(config), "-o", str(report), "--format", output_format, WARNINGS_ONLY]
    typer_answer = cjm("validate", *arguments)
    written_by_typer = report.read_text(encoding="utf-8")
    report.unlink()
    assert fast(arguments, capsys) == (typer_answer.code, typer_answer.out, typer_answer.err)
    assert report.read_text(encoding="utf-8") == written_by_typer
    assert "'no-owner' has no owner" not in written_by_typer  # the configuration's ignore
    assert "'silent-pain' has no improvement" in written_by_typer


@pytest.mark.parametrize(
    "arguments",
    [
        ["--help"],
        ["-h", WITH_ERRORS],
        ["--format", "xml", WITH_ERRORS],
        ["-fjson", WITH_ERRORS],
        ["-f=json", WITH_ERRORS],
        ["--jobs", "0", WITH_ERRORS],
        ["-j", "two", WITH_ERRORS],
        ["--strict=yes", WITH_ERRORS],
        ["--format", "json", "--format", "text", WITH_ERRORS],
        ["--", WITH_ERRORS],
        ["--unknown", WITH_ERRORS],
        ["--select"],
        ["--select", "--strict", WITH_ERRORS],
        ["--output=", WITH_ERRORS],
        ["-x", WITH_ERRORS],
    ],
)
def test_anything_but_the_plain_forms_is_left_to_typer(arguments: list[str]) -> None:
    assert validate_options(arguments) is None
    assert run_validate(arguments) is None


def test_shell_completion_is_left_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_CJM_COMPLETE", "bash_complete")
    assert run_validate([WITH_ERRORS]) is None


@pytest.mark.parametrize("named", ["the file", "its folder"])
def test_validating_one_file_imports_neither_typer_nor_what_it_does_not_use(
    tmp_path: Path, named: str
) -> None:
    journey = tmp_path / "journey.yaml"
    journey.write_bytes(Path(WARNINGS_ONLY).read_bytes())
    program = (
        "import atexit, sys\n"
        "unused = ('typer', 'click', 'multiprocessing', 'tomllib', 'subprocess', 'importlib.metadata')\n"
        "atexit.register(lambda: sys.stderr.write(repr(sorted(m for m in unused if m in sys.modules))))\n"
        "from cjm.__main__ import run\n"
        "sys.argv = ['cjm', 'validate', sys.argv[1]]\n"
        "run()\n"
    )
    where = str(journey) if named == "the file" else str(tmp_path)
    process = subprocess.run(
        [sys.executable, "-c", program, where], capture_output=True, text=True, check=False, cwd=tmp_path
    )
    assert process.returncode == 0, process.stderr
    assert "CJM303" in process.stdout
    assert process.stderr.splitlines()[-1] == "[]"


def test_pydantic_plugins_are_read_once_they_are_turned_on(monkeypatch: pytest.MonkeyPatch) -> None:
    assert list(fastpath._no_plugins()) == []  # off, as cjm runs: nothing is read
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "")
    monkeypatch.setitem(sys.modules, fastpath._PLUGIN_LOADER, sys.modules[fastpath._PLUGIN_LOADER])
    assert list(fastpath._no_plugins()) == []  # on: the real loader's answer (none are installed)
    assert sys.modules[fastpath._PLUGIN_LOADER].get_plugins is not fastpath._no_plugins
