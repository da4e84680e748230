"""`cjm measure` against a journey that changes under it, and the file it writes back."""

from __future__ import annotations

import datetime
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import cjm

from cjm.errors import CjmError
from cjm.measure.run import measure
from cjm.project import load_project

from .test_measure import ROWS, journey, measured, write_csv

TWO = (
    "              - {name: A, kind: nps, data: {file: a.csv, column: Score}}",
    "              - {name: B, kind: count, data: {file: a.csv}}",
)


def test_a_journey_edited_during_the_run_is_refused_and_left_as_edited(tmp_path: Path) -> None:
    write_csv(tmp_path / "a.csv")
    path = journey(tmp_path, *TWO)
    project = load_project([str(path)])
    edited = path.read_text(encoding="utf-8").replace("- {name: A,", "- {name: Z, value: 7,", 1)

    def progress(total: int) -> Callable[[], None]:
        def step() -> None:
            path.write_text(edited, encoding="utf-8")  # someone saves the file meanwhile

        return step

    with pytest.raises(CjmError) as caught:
        measure(project, str(path), datetime.date(2026, 11, 30), progress=progress)
    assert str(path) in caught.value.message and "changed" in caught.value.message
    assert path.read_text(encoding="utf-8") == edited


def run(path: Path) -> str:
    result = cjm("measure", str(path), "--date", "2026-11-30")
    assert result.code == 0, result
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664])
def test_write_back_keeps_the_mode(tmp_path: Path, mode: int) -> None:
    write_csv(tmp_path / "a.csv")
    path = journey(tmp_path, *TWO)
    path.chmod(mode)
    assert "value:" in run(path)
    assert stat.S_IMODE(path.stat().st_mode) == mode


def test_write_back_keeps_hard_and_symbolic_links(tmp_path: Path) -> None:
    write_csv(tmp_path / "a.csv")
    path = journey(tmp_path, *TWO)
    twin = tmp_path / "twin.yaml"
    os.link(path, twin)
    alias = tmp_path / "alias.yaml"
    alias.symlink_to(path.name)
    text = run(alias)
    assert alias.is_symlink() and "value:" in text
    assert twin.read_text(encoding="utf-8") == text and twin.stat().st_ino == path.stat().st_ino


def test_write_back_keeps_crlf_line_endings(tmp_path: Path) -> None:
    write_csv(tmp_path / "a.csv")
    path = journey(tmp_path, *TWO)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    cjm("measure", str(path), "--date", "2026-11-30")
    data = path.read_bytes()
    assert b"value:" in data and data.count(b"\n") == data.count(b"\r\n")


@pytest.mark.parametrize("mode", [0o444, 0o400])
def test_a_read_only_journey_is_refused_even_for_root(tmp_path: Path, mode: int) -> None:
    write_csv(tmp_path / "a.csv")
    path = journey(tmp_path, *TWO)
    before = path.read_bytes()
    path.chmod(mode)
    result = cjm("measure", str(path), "--date", "2026-11-30")
    assert result.code != 0 and "read-only" in result.err and str(path) in result.err
    assert path.read_bytes() == before and "Traceback" not in result.err


SECRET = "-----BEGIN OPENSSH PRIVATE KEY-----b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ" * 3


@pytest.mark.parametrize("spelling", ["absolute", "dots", "symlink"])
@pytest.mark.parametrize("root", ["config", "git", "folder"])
def test_a_data_file_outside_the_project_is_refused_without_quoting_it(
    tmp_path: Path, spelling: str, root: str
) -> None:
    secret = tmp_path / "id_rsa.csv"
    secret.write_text(f"{SECRET}\n{SECRET}\n", encoding="utf-8")
    project = tmp_path / "project"
    folder = project / "maps"
    folder.mkdir(parents=True)
    if root == "config":
        (project / ".cjm.toml").write_text("", encoding="utf-8")
    elif root == "git":
        (project / ".git").mkdir()
    if spelling == "symlink":
        (folder / "answers.csv").symlink_to(secret)
    name = {"absolute": str(secret), "dots": "../../id_rsa.csv", "symlink": "answers.csv"}[spelling]
    path = journey(
        folder, f"              - {{name: M, kind: mean, data: {{file: '{name}', column: Score}}}}"
    )
    result = cjm("measure", str(path), "--date", "2026-11-30", cwd=folder)
    assert result.code != 0 and "outside the project" in result.err, result
    assert "BEGIN OPENSSH" not in result.out + result.err and "Traceback" not in result.err


@pytest.mark.parametrize("root", ["config", "git"])
def test_a_data_file_in_a_sibling_folder_of_the_project_is_read(tmp_path: Path, root: str) -> None:
    (tmp_path / "data").mkdir()
    write_csv(tmp_path / "data" / "a.csv")
    if root == "config":
        (tmp_path / ".cjm.toml").write_text("", encoding="utf-8")
    else:
        (tmp_path / ".git").mkdir()
    (tmp_path / "maps").mkdir()
    path = journey(tmp_path / "maps", "              - {name: M, kind: count, data: {file: ../data/a.csv}}")
    result = cjm("measure", str(path), "--date", "2026-11-30", cwd=tmp_path)
    assert result.code == 0, result


def test_a_missing_column_quotes_only_a_short_excerpt_of_each_header(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(f"{SECRET}\n1\n", encoding="utf-8")
    path = journey(tmp_path, "              - {name: M, kind: mean, data: {file: a.csv, column: Score}}")
    result = cjm("measure", str(path), "--date", "2026-11-30")
    assert result.code != 0 and "has no column 'Score'" in result.err
    assert SECRET[:40] + "…" in result.err and SECRET[:41] not in result.err


@pytest.mark.parametrize("answer", ["inf", "nan", "Infinity", "-inf", "1e400", "1e30", "1e16"])
@pytest.mark.parametrize("kind", ["mean", "median", "nps"])
def test_an_answer_past_any_finite_figure_is_an_error_naming_its_row(
    tmp_path: Path, answer: str, kind: str
) -> None:
    rows = [("App", "7", "4", "Sí", "2026-11-01"), ("App", answer, "4", "Sí", "2026-11-02")]
    write_csv(tmp_path / "a.csv", rows)
    path = journey(
        tmp_path, f"              - {{name: M, kind: {kind}, data: {{file: a.csv, column: Score}}}}"
    )
    before = path.read_bytes()
    result = cjm("measure", str(path), "--date", "2026-11-30")
    assert result.code != 0 and f"row 3: '{answer}'" in result.err, result
    assert path.read_bytes() == before
    assert cjm("validate", str(path)).code == 0


@pytest.mark.parametrize(
    "recorded", ["measured: 2026-12-01", "measured: 2026-11-01, history: [{date: 2026-12-05, value: 1}]"]
)
def test_a_date_before_the_one_recorded_is_refused_and_history_stays_in_order(
    tmp_path: Path, recorded: str
) -> None:
    write_csv(tmp_path / "a.csv")
    path = journey(
        tmp_path,
        f"              - {{name: B, kind: count, data: {{file: a.csv}}, value: 3, n: 3, {recorded}}}",
    )
    before = path.read_bytes()
    result = cjm("measure", str(path), "--date", "2026-11-30")
    assert result.code == 2 and "--date 2026-11-30 is before" in result.err, result
    assert path.read_bytes() == before


@pytest.mark.parametrize("undefined", [b"\x81", b"\x8d", b"\x9d"])
def test_a_csv_neither_utf8_nor_windows_1252_is_read_without_a_traceback(
    tmp_path: Path, undefined: bytes
) -> None:
    (tmp_path / "a.csv").write_bytes(b"Canal,Score\r\nApp" + undefined + b",9\r\nWeb,3\r\n")
    path = journey(tmp_path, "              - {name: M, kind: mean, data: {file: a.csv, column: Score}}")
    [m] = measured(path)
    assert (m["value"], m["n"]) == (6, 2)


@pytest.mark.parametrize(
    ("name", "decoy"), [("survey[1].csv", "survey1.csv"), ("a*.csv", "ab.csv"), ("a?.csv", "ab.csv")]
)
def test_a_data_file_name_with_glob_characters_names_that_file_only(
    tmp_path: Path, name: str, decoy: str
) -> None:
    write_csv(tmp_path / name, ROWS[:2])
    write_csv(tmp_path / decoy, ROWS)
    links = set(Path(tempfile.gettempdir()).glob("cjm-*"))
    path = journey(tmp_path, f"              - {{name: M, kind: count, data: {{file: '{name}'}}}}")
    [m] = measured(path)
    assert m["n"] == 2
    assert set(Path(tempfile.gettempdir()).glob("cjm-*")) <= links  # the link made to read it is gone


def test_an_export_with_cr_only_line_endings_is_read_record_by_record(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_bytes(b"Canal,Score\rApp,9\rWeb,3\rApp,6\r")
    path = journey(tmp_path, "              - {name: M, kind: mean, data: {file: a.csv, column: Score}}")
    [m] = measured(path)
    assert (m["value"], m["n"]) == (6, 3)
