"""What several command tests share: findings and reports read as JSON, places in a file, and
the fixture projects of `tests/projects/`."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from conftest import cjm

PROJECTS = Path(__file__).resolve().parent.parent / "projects"


BASE = Path(__file__).resolve().parent.parent / "diff" / "base.yaml"


FINDING = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>CJM\d{3}) (?:error|warning): (?P<message>.*)$"
)


def validate_json(*args: str, cwd: Path | None = None) -> tuple[int, list[dict[str, Any]]]:
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


def bare(ident: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(ident)}(?![\w-])")
