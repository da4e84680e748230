"""Input that tries to harm the user or the machine: control characters, outputs over inputs,
devices, FIFOs, endless input, closed pipes, numbers past floats, shallow clones."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import CASES, cjm, cjm_process, require_program

from cjm.present.escape import terminal_text
from cjm.project import load_project

UNKNOWN_TEAM = (CASES / "cjm204-unknown-team.yaml").read_text(encoding="utf-8")
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def journey_with(tmp_path: Path, owner: str, name: str = "journey.yaml") -> Path:
    path = tmp_path / name
    text = UNKNOWN_TEAM.replace("owner: sails", f"owner: {owner}")
    path.write_text(text.replace('"\\x1b"', '"\\e"'), encoding="utf-8")
    return path


def test_terminal_text_shows_control_characters_and_obeys_none() -> None:
    assert terminal_text("a\x1b[31mb\x9bc\x00d\u2028") == "a\\x1b[31mb\\x9bc\\x00d\\u2028"
    assert terminal_text("one\ntwo\tthree") == "one\\x0atwo\\x09three"
    assert terminal_text("one\ntwo\tthree\r", allow="\n\t") == "one\ntwo\tthree\\x0d"
    assert terminal_text("plain ñ €") == "plain ñ €"


@pytest.mark.parametrize("output_format", ["text", "github"])
def test_validate_prints_no_escape_sequence_from_names_keys_or_file_names(
    tmp_path: Path, output_format: str
) -> None:
    folder = tmp_path / "in\x1b]0;title\x07"
    folder.mkdir()
    journey_with(folder, '"\\e[2J\\x9b31m"', name="j\x1b[31m.yaml")
    (folder / "other\x1b[1m.yaml").write_text("on: push\n", encoding="utf-8")
    result = cjm("validate", "--format", output_format, str(folder))
    assert result.code == 1
    assert not CONTROLS.search(result.out + result.err)
    assert "\\x1b[2J\\x9b31m" in result.out and "j\\x1b[31m.yaml" in result.out
    assert "other\\x1b[1m.yaml" in result.err  # the skipped-file notice


@pytest.mark.parametrize("output_format", ["text", "github"])
def test_no_finding_spans_lines_so_none_can_start_a_workflow_command(
    tmp_path: Path, output_format: str
) -> None:
    folder = tmp_path / "journeys"
    folder.mkdir()
    journey_with(folder, '"x\\n::error file=a::value\\r::warning::cr"', name="n\n::error::name.yaml")
    extra = folder / "k.yaml"
    extra.write_text('cjm: 1\nid: k\ntitle: K\nphases: []\n"k\\n::error::key": 1\n', encoding="utf-8")
    result = cjm("validate", "--format", output_format, str(folder))
    expected = len(json.loads(cjm("validate", "--format", "json", str(folder)).out)["findings"])
    *lines, summary = result.out.split("\n")[:-1]
    assert len(lines) == expected >= 3 and "checked" in summary and "\r" not in result.out
    finding = (
        r"::(error|warning) file=[^:,]*,line=\d+,col=\d+,title=CJM\d{3} [a-z-]+::[^:]*(::[^:]*)*$"
        if output_format == "github"
        else re.escape(str(folder)) + r"/.+:\d+:\d+: CJM\d{3} (error|warning): "
    )
    assert all(re.match(finding, line) for line in lines), lines
    assert "name.yaml" in result.out  # reported, on its own line


def test_error_messages_on_stderr_are_escaped(tmp_path: Path) -> None:
    result = cjm("validate", str(tmp_path / "missing\x1b[31m\n::error::x.yaml"))
    assert result.code == 2
    assert "missing\\x1b[31m\\x0a::error::x.yaml" in result.err and "\x1b" not in result.err


def project_of(tmp_path: Path) -> tuple[Path, Path]:
    """A valid journey that names a catalog of its own."""
    folder = tmp_path / "journeys"
    shutil.copytree(CASES / "ok-named-catalog", folder)
    journey = next(p for p in sorted(folder.rglob("*.yaml")) if b"kind: catalog" not in p.read_bytes())
    catalog = next(p for p in sorted(folder.rglob("*.yaml")) if b"kind: catalog" in p.read_bytes())
    return journey, catalog


def test_no_command_writes_over_its_input_by_any_spelling(tmp_path: Path) -> None:
    journey, catalog = project_of(tmp_path)
    (tmp_path / "link.yaml").symlink_to(journey)
    os.link(catalog, tmp_path / "hard.yaml")
    before = {p: p.read_bytes() for p in (journey, catalog)}
    relative = os.path.relpath(journey, tmp_path)
    runs = [
        ("validate", str(journey), "-o", f"./{relative}"),
        ("validate", relative, "-o", str(journey)),
        ("validate", str(journey), "-o", "link.yaml"),
        ("validate", str(journey), "-o", "hard.yaml"),  # the catalog the journey names
        ("report", str(journey), "-o", f"../{tmp_path.name}/link.yaml"),
        ("report", str(journey.parent), "-o", str(catalog)),
        ("diff", str(journey), relative, "-o", f"./{relative}"),
        ("render", str(journey), "--format", "markdown", "-o", "hard.yaml"),  # render too, over a catalog
    ]
    for args in runs:
        result = cjm(*args, cwd=tmp_path)
        assert result.code == 2, (args, result)
        assert result.err.count("\n") == 1 and "is an input of this run" in result.err, result.err
        assert {p: p.read_bytes() for p in before} == before
    assert (tmp_path / "link.yaml").is_symlink()
    assert cjm("validate", str(journey), "-o", str(tmp_path / "out.txt")).code == 0


def test_output_onto_a_fifo_a_device_or_a_symlink_keeps_what_is_there(tmp_path: Path) -> None:
    journey, _ = project_of(tmp_path)
    target = tmp_path / "findings.txt"
    target.write_text("old\n")
    link = tmp_path / "link.txt"
    link.symlink_to(target.name)
    assert cjm("validate", str(journey), "-o", str(link)).code == 0
    assert link.is_symlink() and "checked" in target.read_text()
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to("made.txt")
    assert cjm("validate", str(journey), "-o", str(dangling)).code == 0
    assert dangling.is_symlink() and "checked" in (tmp_path / "made.txt").read_text()

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    process = cjm_process("validate", str(journey), "-o", str(fifo))
    assert process.returncode == 0, process.stderr
    assert b"checked" in reader.communicate(timeout=30)[0]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)

    process = cjm_process("validate", str(journey), "-o", os.devnull)
    assert process.returncode == 0, process.stderr
    assert stat.S_ISCHR(os.lstat(os.devnull).st_mode)
    assert not list(Path(os.devnull).parent.glob(".null.*.tmp"))


NEAR_MISSES = (CASES / "ok-near-misses.yaml").read_text(encoding="utf-8")
METRIC = "{name: Tiempo de respuesta, value: 3, target: 5,"


@pytest.mark.parametrize(
    ("value", "target"),
    [(".inf", "5"), ("3", ".nan"), ("-1e309", "5"), ("3", "1" + "0" * 400), ("3", "9" * 5000)],
)
def test_numbers_must_be_finite_everywhere(tmp_path: Path, value: str, target: str) -> None:
    assert METRIC in NEAR_MISSES
    journey = tmp_path / "journey.yaml"
    journey.write_text(NEAR_MISSES.replace(METRIC, f"{{name: T, value: {value}, target: {target},"))
    line = next(i for i, text in enumerate(journey.read_text().splitlines(), 1) if "{name: T," in text)
    result = cjm("validate", str(journey))
    assert result.code == 1
    assert re.search(rf":{line}:\d+: CJM101 error: .*must be a finite number", result.out), result.out
    for args in (
        ["report", str(journey)],
        ["render", "-f", "markdown", str(journey)],
        ["render", "-f", "dot", str(journey)],
        ["diff", str(CASES / "ok-near-misses.yaml"), str(journey)],
    ):
        outcome = cjm_process(*args)
        assert outcome.returncode == 2, (args, outcome.stderr)
        assert b"Traceback" not in outcome.stderr and b"a finite number" in outcome.stderr


def test_a_reader_that_stops_early_ends_cjm_quietly_with_sigpipes_code(tmp_path: Path) -> None:
    for i in range(400):  # findings well past what a pipe buffers
        (tmp_path / f"j{i}.yaml").write_text(UNKNOWN_TEAM.replace("id: teams", f"id: t{i}"))
    process = subprocess.Popen(
        [sys.executable, "-m", "cjm", "validate", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    assert b"CJM204" in process.stdout.readline()
    process.stdout.close()
    error = process.stderr.read()
    assert process.wait(timeout=120) == 141
    assert error == b""


def test_messages_say_what_is_wrong_in_plain_words(tmp_path: Path) -> None:
    (tmp_path / "nul.yaml").write_bytes(b"cjm: 1\nid: a\nti\0tle: x\n")
    (tmp_path / "merge.yaml").write_text("cjm: 1\nbase: &b {id: a}\n<<: *b\ntitle: x\nphases: []\n")
    (tmp_path / "true.yaml").write_text("cjm: true\n")
    lines = cjm("validate", str(tmp_path)).out.splitlines()
    assert [line.removeprefix(str(tmp_path) + os.sep) for line in lines[:-1]] == [
        "merge.yaml:3:1: CJM100 error: merge keys (<<) are not supported: write the keys out",
        "nul.yaml:3:3: CJM100 error: a NUL character (byte 0) is not allowed in a YAML file",
        "true.yaml:1:6: CJM101 error: 'cjm' is the format version: write 'cjm: 1', not true",
    ]


def test_configuration_errors_are_one_line_in_plain_words(tmp_path: Path) -> None:
    (tmp_path / "syntax.toml").write_text('select = ["CJM1"]\nignore = \n')
    (tmp_path / "latin1.toml").write_bytes(b'select = ["CJM1"]\n# caf\xe9\n')
    expected = {
        "missing.toml": "cjm: error: missing.toml: no such configuration file",
        "syntax.toml": "cjm: error: syntax.toml:2:10: not valid TOML: invalid value",
        "latin1.toml": "cjm: error: latin1.toml:2: byte 0xe9 is not UTF-8: save the configuration as UTF-8",
    }
    for name, line in expected.items():
        result = cjm("validate", "--config", name, str(CASES / "ok-complete.yaml"), cwd=tmp_path)
        assert (result.code, result.err) == (2, line + "\n")


def test_a_fifo_in_a_folder_is_skipped_with_a_notice_never_opened(tmp_path: Path) -> None:
    shutil.copy(CASES / "ok-complete.yaml", tmp_path / "journey.yaml")
    os.mkfifo(tmp_path / "waiting.yaml")
    process = cjm_process("validate", str(tmp_path))  # would wait for a writer forever
    assert process.returncode == 0, process.stderr
    notice = f"cjm: skipped {tmp_path / 'waiting.yaml'}: not a regular file"
    assert process.stderr.decode().startswith(notice) and process.stderr.count(b"\n") == 1


def test_input_is_read_up_to_a_configurable_size(tmp_path: Path) -> None:
    small = (CASES / "ok-complete.yaml").read_bytes()
    big = small + b"#" * (16 * 1024 * 1024) + b"\n"
    process = cjm_process("validate", "-", input=big, cwd=tmp_path)
    assert process.returncode == 2
    assert (
        process.stderr
        == b"cjm: error: <stdin>: larger than 16 MiB, the most cjm reads (max_file_size in the configuration)\n"
    )
    (tmp_path / "big.yaml").write_bytes(big)
    assert cjm("validate", "big.yaml", cwd=tmp_path).code == 2
    (tmp_path / ".cjm.toml").write_text('max_file_size = "20 MiB"\n')
    assert cjm("validate", "big.yaml", cwd=tmp_path).code == 0
    (tmp_path / ".cjm.toml").write_text(f"max_file_size = {len(small) - 1}\n")
    assert "larger than" in cjm("validate", "-", input=small, cwd=tmp_path).err
    fifo = tmp_path / "named.yaml"
    os.mkfifo(fifo)
    writer = subprocess.Popen(["sh", "-c", f"cat {CASES / 'ok-complete.yaml'} > {fifo}"])
    (tmp_path / ".cjm.toml").unlink()
    assert cjm_process("validate", str(fifo)).returncode == 0  # named: read, as the user asked
    writer.wait(timeout=30)
    endless = subprocess.Popen(["yes", "# padding"], stdout=subprocess.PIPE)
    process = subprocess.run(
        [sys.executable, "-m", "cjm", "validate", "-"],
        check=False,
        stdin=endless.stdout,
        capture_output=True,
        timeout=120,
    )
    endless.kill()
    endless.wait()
    assert process.returncode == 2 and b"larger than 16 MiB" in process.stderr


def git(folder: Path, *arguments: str) -> None:
    subprocess.run(["git", "-c", "user.name=cjm tests", "-c", "user.email=tests@cjm.invalid", *arguments],
                   cwd=folder, check=True, capture_output=True)  # fmt: skip


def test_a_shallow_clone_says_the_history_is_missing_and_how_to_fetch_it(tmp_path: Path) -> None:
    require_program("git")
    origin = tmp_path / "origin"
    origin.mkdir()
    git(origin, "init", "-q", "-b", "main")
    shutil.copy(CASES / "ok-complete.yaml", origin / "journey.yaml")
    git(origin, "add", ".")
    git(origin, "commit", "-q", "-m", "first")
    (origin / "journey.yaml").write_text((CASES / "ok-complete.yaml").read_text() + "# again\n")
    git(origin, "commit", "-q", "-am", "second")
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", "clone")
    for args in (["diff", "HEAD~1:journey.yaml", "journey.yaml"], ["diff", "--rev", "HEAD~1", "."]):
        result = cjm(*args, cwd=tmp_path / "clone")
        assert result.code == 2 and result.err.count("\n") == 1, result.err
        assert "shallow" in result.err and "fetch-depth: 0" in result.err
        assert "git fetch --unshallow" in result.err
    assert cjm("diff", "HEAD~1:journey.yaml", "journey.yaml", cwd=origin).code == 0


def a_journey_new_since_the_first_commit(folder: Path) -> None:
    """A repository whose first commit has no journeys/ folder, and a journey in it since."""
    require_program("git")
    git(folder, "init", "-q", "-b", "main")
    (folder / "README").write_text("a project\n")
    git(folder, "add", ".")
    git(folder, "commit", "-q", "-m", "first")
    (folder / "journeys").mkdir()
    shutil.copy(CASES / "ok-complete.yaml", folder / "journeys" / "journey.yaml")


def test_a_folder_missing_at_a_revision_has_no_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_journey_new_since_the_first_commit(tmp_path)
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "the first journey")
    monkeypatch.chdir(tmp_path)
    assert load_project(["HEAD~1:./journeys"]).journeys == []
    assert len(load_project(["HEAD:./journeys"]).journeys) == 1
    missing = cjm("validate", "HEAD~1:journeys/journey.yaml", cwd=tmp_path)  # a file named: git's error
    assert missing.code == 2 and "fatal:" in missing.err


def test_a_catalog_name_with_a_nul_character_is_a_finding(tmp_path: Path) -> None:
    journey = tmp_path / "journey.yaml"
    journey.write_text('cjm: 1\nid: a\ntitle: A\nphases: []\ncatalogs: "\\0"\n')
    result = cjm("validate", str(journey))
    assert result.code == 1 and "CJM207" in result.out and "NUL character" in result.out
    assert cjm("report", str(journey)).code == 2


HOSTILE = """cjm: 1
id: hostile
title: "Clear \\e[2J the screen"
personas: [{id: ana, name: "Ana \\e]0;pwned\\a", needs: [x]}]
teams: [{id: ops, name: "Ops \\x9b31m"}]
phases:
  - id: before
    stages:
      - id: s
        name: "Stage \\e[8mhidden"
        touchpoints:
          - id: t
            name: "Pays \\e]8;;http://evil\\e\\\\link"
            channel: web
            owner: ops
            emotion: -1
            problems: ["Slow \\e[31mred"]
            improvements: [{text: "Faster \\e[5m", owner: ops}]
            opportunities: ["More \\e[0m"]
"""


@pytest.mark.parametrize(
    "command",
    [
        ["render", "--format", "table"],
        ["render", "--format", "markdown"],
        ["report", "--format", "text"],
        ["report", "--format", "markdown"],
        ["diff", "--format", "text"],
        ["diff", "--format", "markdown"],
    ],
)
def test_names_cannot_drive_the_terminal_in_any_human_output(tmp_path: Path, command: list[str]) -> None:
    """ESC, CSI (C1) and BEL in names, problems and improvements are shown as \\x1b, never obeyed."""
    (tmp_path / "old.yaml").write_text(HOSTILE.replace("emotion: -1", "emotion: 1"), encoding="utf-8")
    (tmp_path / "journey.yaml").write_text(HOSTILE, encoding="utf-8")
    paths = ["old.yaml", "journey.yaml"] if command[0] == "diff" else ["journey.yaml"]
    result = cjm(command[0], *paths, *command[1:], cwd=tmp_path)
    assert result.code == 0, result
    assert not CONTROLS.search(result.out), repr(result.out[:400])
    assert "\\x1b" in result.out


def test_a_folder_new_since_the_revision_diffs_as_everything_added(tmp_path: Path) -> None:
    a_journey_new_since_the_first_commit(tmp_path)
    result = cjm("diff", "--rev", "HEAD", "journeys", "--format", "json", cwd=tmp_path)
    assert result.code == 0, result
    [journey] = json.loads(result.out)["journeys"]
    assert [c["kind"] for c in journey["changes"]] == ["added"] and journey["old"] is None


def test_a_text_longer_than_graphvizs_quoted_strings_is_drawn_and_kept_whole_elsewhere(
    tmp_path: Path,
) -> None:
    """Graphviz refuses a quoted string over 16,384 bytes; the drawing shortens it, the page keeps it."""
    require_program("dot")
    long = "x" * 20_000
    journey = tmp_path / "journey.yaml"
    journey.write_text(
        f'cjm: 1\nid: long\ntitle: "{long}"\nphases:\n  - id: before\n    stages:\n      - id: s\n'
        f'        name: S\n        touchpoints:\n          - {{id: t, name: "{long}", channel: web, emotion: 1}}\n',
        encoding="utf-8",
    )
    drawn = cjm("render", str(journey), "-o", str(tmp_path / "map.svg"))
    assert drawn.code == 0, drawn
    ET.parse(tmp_path / "map.svg")  # a whole SVG
    page = cjm("render", str(journey), "--format", "html")
    assert page.code == 0 and long in page.out
