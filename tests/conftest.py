"""Shared helpers: run the real CLI, and find the programs some tests need."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from cjm.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CASES = Path(__file__).resolve().parent / "cases"


def cjm(*args: str, input: str | bytes | None = None, cwd: Path | None = None) -> Result:
    """Run `cjm ARGS` in this process, the way a user would type it."""
    previous = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, list(args), input=input, catch_exceptions=False)
    finally:
        os.chdir(previous)
    return Result(result.exit_code, result.stdout, result.stderr)


class Result:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def __repr__(self) -> str:
        return f"Result(code={self.code}, out={self.out!r}, err={self.err!r})"


def cjm_process(
    *args: str, cwd: Path | None = None, input: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run cjm as its own process (`python -m cjm`), for what only a real process shows."""
    return subprocess.run(
        [sys.executable, "-m", "cjm", *args],
        check=False,
        cwd=cwd,
        input=input,
        capture_output=True,
        timeout=120,
    )


def require_program(name: str) -> str:
    """The path of an outside program; skip where it is missing, fail in CI (CJM_REQUIRE_TOOLS=1)."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CJM_REQUIRE_TOOLS") == "1":
            pytest.fail(f"'{name}' is required here (CJM_REQUIRE_TOOLS=1) but is not installed")
        pytest.skip(f"'{name}' is not installed")
    return path


def chromium(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Headless Chromium with a fresh profile and no network of its own; its console goes to stderr."""
    program = require_program("chromium")
    profile = tempfile.mkdtemp(dir=tmp_path)
    return subprocess.run(
        [program, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
         "--enable-logging=stderr", "--v=0", *arguments],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip


def html_elements(html: str) -> set[str]:
    """The elements of a page, after checking that none runs code or loads anything from elsewhere."""
    found: set[str] = set()

    class Collector(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.add(tag)
            for name, value in attrs:
                assert not name.startswith("on"), (tag, name)  # no event handlers
                if name in ("src", "href", "xlink:href", "srcset", "action", "poster", "data"):  # what loads
                    assert (
                        not (value or "")
                        .lstrip()
                        .lower()
                        .startswith(("http:", "https:", "//", "javascript:"))
                    ), (tag, name, value)

    Collector().feed(html)
    return found


# Property-based tests: a modest run by default, `--hypothesis-profile long` for a long one.
settings.register_profile("cjm", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile("cjm")
