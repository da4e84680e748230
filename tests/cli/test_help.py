"""`-h` is help on every command, and no help page shows a Python type."""

from __future__ import annotations

import typer.main
from conftest import cjm

from cjm.cli import app


def test_dash_h_is_help() -> None:
    for args in (("-h",), ("validate", "-h")):
        result = cjm(*args)
        assert result.code == 0 and "Usage" in result.out, (args, result)


def test_no_help_page_shows_python_types() -> None:
    commands = typer.main.get_command(app).commands  # every command, also those added later
    for args in [("--help",)] + [(name, "--help") for name in commands]:
        result = cjm(*args)
        assert result.code == 0, args
        assert "list[str]" not in result.out, (args, result.out)
