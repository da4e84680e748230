"""The program's entry (`cjm` and `python -m cjm`): `cjm validate` with plain arguments runs without typer.

A pre-commit hook runs `cjm validate` on one or two small files, many times a day: there, reading
the command line with typer (importing it, building the command group and a validator for each
parameter) costs more than the check itself. So the entry reads validate's options itself, in the
forms `--option VALUE`, `--option=VALUE` and `-o VALUE`, and hands everything else to typer: help,
another command, a short option glued to its value, a value it cannot take, an option given
twice, `--`. typer then answers as it always does, so the two ways never disagree; a test holds
each of the options' forms to what typer makes of them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TextIO, cast

# pydantic looks for plugins in every installed package's metadata when the first model is
# built: a quarter of the start-up time of `cjm validate` on one file. cjm uses none.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
_PLUGINS_OFF = ("__all__", "1", "true")  # the values with which pydantic loads no plugin
_PLUGIN_LOADER = "pydantic.plugin._loader"


def _no_plugins() -> Iterable[object]:
    """pydantic's `get_plugins`, which imports `importlib.metadata` (a tenth of a one-file run)
    only to return nothing when plugins are off: nothing, or the real loader's answer once they
    are turned on."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") in _PLUGINS_OFF:
        return ()
    sys.modules.pop(_PLUGIN_LOADER, None)
    from pydantic.plugin._loader import get_plugins

    return get_plugins()


if os.environ["PYDANTIC_DISABLE_PLUGINS"] in _PLUGINS_OFF and _PLUGIN_LOADER not in sys.modules:
    sys.modules[_PLUGIN_LOADER] = ModuleType(_PLUGIN_LOADER)
    sys.modules[_PLUGIN_LOADER].get_plugins = _no_plugins  # type: ignore[attr-defined]


@dataclass
class ValidateOptions:
    """validate's options, as `cjm.commandline.validate` takes them."""

    paths: list[str] = field(default_factory=list)
    output_format: str = "text"
    select: str | None = None
    ignore: str | None = None
    catalog: list[str] | None = None
    config: Path | None = None
    strict: bool = False
    output: Path | None = None
    jobs: int | None = None
    stdin_filename: str | None = None
    journeys_only: bool = False


_FLAGS = {"--strict": "strict", "--journeys-only": "journeys_only"}
_VALUED = {
    "--format": "output_format",
    "-f": "output_format",
    "--select": "select",
    "--ignore": "ignore",
    "--catalog": "catalog",
    "--config": "config",
    "--output": "output",
    "-o": "output",
    "--jobs": "jobs",
    "-j": "jobs",
    "--stdin-filename": "stdin_filename",
}


def validate_options(arguments: list[str]) -> ValidateOptions | None:
    """validate's options from the words after `validate`, or None for anything but the plain
    forms (typer reads those, and says what is wrong with them)."""
    options = ValidateOptions()
    given: set[str] = set()
    words = iter(arguments)
    for word in words:
        if word == "-" or not word.startswith("-"):
            options.paths.append(word)
            continue
        name, equals, value = word.partition("=")
        if name in _FLAGS and not equals:
            attribute = _FLAGS[name]
        elif name in _VALUED and not (equals and not name.startswith("--")):
            attribute = _VALUED[name]
            value = value if equals else next(words, "")
            if not _plain_value(value):
                return None
        else:
            return None  # help, `--`, a short option glued to its value, an unknown option
        if attribute in given and attribute != "catalog":
            return None  # typer's rule for an option given twice
        given.add(attribute)
        if not _take(options, attribute, value):
            return None
    return options


def _plain_value(value: str) -> bool:
    """A value that no reading of the command line could take for an option."""
    return bool(value) and not value.startswith("-")


def _take(options: ValidateOptions, attribute: str, value: str) -> bool:
    """Set one option from its text; False when typer must judge the value."""
    if attribute in ("strict", "journeys_only"):
        setattr(options, attribute, True)
    elif attribute == "catalog":
        options.catalog = [*(options.catalog or []), value]
    elif attribute in ("config", "output"):
        setattr(options, attribute, Path(value))
    elif attribute == "jobs":
        if not (value.isascii() and value.isdigit()) or int(value) < 1:
            return False
        options.jobs = int(value)
    elif attribute == "output_format":
        from cjm.lint.output import FORMATS

        if value not in FORMATS.names:
            return False
        options.output_format = value
    else:
        setattr(options, attribute, value)
    return True


def run_validate(arguments: list[str]) -> int | None:
    """`cjm validate ARGUMENTS` without typer: its exit code, or None when typer must read them."""
    if "_CJM_COMPLETE" in os.environ:  # shell completion is typer's
        return None
    options = validate_options(arguments)
    if options is None:
        return None
    from cjm.commandline import validate

    try:
        return validate(
            options.paths or None,
            options.output_format,
            options.select,
            options.ignore,
            options.catalog,
            options.config,
            options.strict,
            options.output,
            options.jobs,
            options.stdin_filename,
            options.journeys_only,
        )
    except SystemExit as exit:
        return exit.code if isinstance(exit.code, int) else 1


class _PipeClosed(Exception):
    """Standard output's reader went away (`cjm validate | head -1`). Not an OSError, so that
    nothing between a write and `run` turns it into exit code 1, which means "errors found"."""


class _PipeGuard:
    """Standard output, whose broken pipe becomes `_PipeClosed`."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise _PipeClosed from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise _PipeClosed from None

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


SIGPIPE_EXIT = 141
"""128 + SIGPIPE: what a shell reports for a program its reader stopped early."""


def run() -> None:
    """The program: the commands, and a quiet exit when the reader of the output stops early."""
    original = sys.stdout
    sys.stdout = cast(TextIO, _PipeGuard(original))
    try:
        try:
            code = run_validate(sys.argv[2:]) if sys.argv[1:2] == ["validate"] else None
            if code is not None:
                sys.exit(code)
            from cjm.cli import app

            app()
        finally:
            sys.stdout.flush()  # what is still buffered, while a broken pipe can be handled
    except _PipeClosed:
        sys.stdout = original
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, original.fileno())  # Python flushes stdout on exit: let that succeed
        sys.exit(SIGPIPE_EXIT)


if __name__ == "__main__":  # python -m cjm
    run()
