"""What every command does around its one library call, without typer: read the project, say what
was skipped, turn an error into its lines and exit code, write the output.

`cjm validate` runs from here without typer when its arguments are plain (see `cjm.__main__`), and
the typer commands of `cjm.cli` use the same functions, so both ways print and exit alike.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

if TYPE_CHECKING:
    from cjm.config import Config
    from cjm.errors import CjmError
    from cjm.project import Project


def validate(
    paths: list[str] | None,
    output_format: str = "text",
    select: str | None = None,
    ignore: str | None = None,
    catalog: list[str] | None = None,
    config: Path | None = None,
    strict: bool = False,
    output: Path | None = None,
    jobs: int | None = None,
    stdin_filename: str | None = None,
    journeys_only: bool = False,
) -> int:
    """`cjm validate`: check the files, write the findings, and return the exit code."""
    from cjm.lint.output import FORMATS

    where = paths or ["."]
    with errors_reported():
        loaded = project(
            where,
            config,
            catalog,
            select,
            ignore,
            stdin_name=stdin_filename or "<stdin>",
            journeys_only=journeys_only,
        )
        result = loaded.check(jobs)
    if result.files == 0 and not journeys_only:
        fail(f"no journey files found in {', '.join(where)} (YAML files with a top-level 'cjm:' key)")
    writer = FORMATS.module(output_format)
    write(output, lambda out, color: writer.write(result, out, color=color), loaded.inputs)
    no_journey = result.journeys == 0 and result.files > 0
    if no_journey:
        notice(f"no journey checked in {', '.join(where)}: only catalogs were found")
    failed = result.count("error") > 0 or (strict and (result.count("warning") > 0 or no_journey))
    return 1 if failed else 0


def configuration(config_file: Path | None, select: str | None = None, ignore: str | None = None) -> Config:
    from cjm.config import load_config

    return load_config(config_file, split(select), split(ignore) or ())


def project(
    paths: list[str],
    config_file: Path | None,
    catalogs: list[str] | None,
    select: str | None = None,
    ignore: str | None = None,
    **options: object,
) -> Project:
    """The files of the run, read the one way every command reads them; notices for what is skipped."""
    from cjm.project import load_project

    loaded = load_project(paths, configuration(config_file, select, ignore), catalogs or (), **options)  # type: ignore[arg-type]
    for skipped in loaded.skipped:
        notice(f"skipped {skipped}: no top-level 'cjm:' key, so not a journey or catalog file")
    for skipped in loaded.not_regular:
        notice(f"skipped {skipped}: not a regular file (a FIFO, a device or a socket), so not read")
    return loaded


@contextmanager
def errors_reported() -> Iterator[None]:
    """Turn a CjmError into its findings and one line on stderr, and its exit code."""
    from cjm.errors import CjmError

    try:
        yield
    except CjmError as error:
        fail_with(error)


def write(
    output: Path | None, writer: Callable[[TextIO, bool], None], inputs: Callable[[], Iterable[str]]
) -> None:
    """To stdout (in colour on a terminal), or whole to a file that is none of the run's `inputs`."""
    if output is None:
        writer(sys.stdout, color(sys.stdout))
        return
    from cjm.files import refuse_inputs, write_atomically

    with errors_reported():
        refuse_inputs(output, inputs)
        write_atomically(output, lambda out: writer(out, False))


def split(option: str | None) -> list[str] | None:
    return [part.strip() for part in option.split(",") if part.strip()] if option is not None else None


def color(stream: object) -> bool:
    from cjm.present.terminal import colour_wanted

    return colour_wanted(stream)


def say(line: str) -> None:
    """One line on stderr, as it is."""
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def notice(message: str) -> None:
    """One line on stderr: file names and messages may hold anything, and none of it is obeyed."""
    from cjm.present.escape import terminal_text

    say(f"cjm: {terminal_text(message)}")


def fail(message: str) -> NoReturn:
    from cjm.errors import CjmError

    fail_with(CjmError(message))


def fail_with(error: CjmError) -> NoReturn:
    """Exit with the error's code, after the findings that explain it (as `cjm validate` prints them)."""
    from cjm.present.escape import terminal_text

    for f in error.findings:
        path, message = terminal_text(f.path), terminal_text(f.message)
        say(f"{path}:{f.line}:{f.column}: {f.code} {f.severity}: {message}")
    for detail in error.details:
        say(terminal_text(detail))
    say(f"cjm: error: {terminal_text(error.message)}")
    raise SystemExit(error.exit_code)
