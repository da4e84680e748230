"""`cjm export` and `cjm import`: a journey to a sheet, and a sheet or a diagram to a journey file.

An import is checked as `cjm validate` checks a file, in the folder it is written to (so that its
catalogs resolve), before anything is written: an invalid journey is never written, nor is an
existing file replaced without `force`.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from cjm.config import Config
from cjm.errors import CannotWrite, InputError, UnusableInput
from cjm.exchange.disables import comments_of, disable_cells
from cjm.exchange.output import FORMATS, WORKBOOKS
from cjm.exchange.places import NodePath
from cjm.exchange.sheets import SheetError, journey_sheets, read_journey
from cjm.findings import Finding
from cjm.language import plural
from cjm.model import Journey
from cjm.project import LoadedJourney

IMPORT_SUFFIXES = {".csv": "csv", ".tsv": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx", ".ods": "xlsx",
                   ".mmd": "mermaid", ".mermaid": "mermaid", ".md": "mermaid"}  # fmt: skip


def _rebase(path: str, old_folder: str, new_folder: str) -> str:
    """A path written relative to `old_folder`, written relative to `new_folder` instead."""
    if os.path.isabs(path):
        return path
    target = os.path.normpath(os.path.join(os.path.abspath(old_folder), path))
    return PurePosixPath(Path(os.path.relpath(target, os.path.abspath(new_folder)))).as_posix()


def export_bytes(loaded: LoadedJourney, output_format: str, output: Path | None) -> bytes:
    """The journey in `output_format`; catalogs' paths made relative to where it is written."""
    journey_folder = os.path.dirname(loaded.path) or "."
    sheet_folder = str(output.parent) if output is not None else "."
    workbook = output_format in WORKBOOKS
    disables = disable_cells(_comments(loaded.path), lists=workbook)
    sheets = journey_sheets(
        loaded, lambda c: _rebase(c, journey_folder, sheet_folder), workbook=workbook, disables=disables
    )
    written: bytes = FORMATS.module(output_format).write(sheets)
    return written


def _comments(path: str) -> dict[NodePath, frozenset[str] | None]:
    """The journey file's `# cjm: disable` comments; none when it cannot be read again."""
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):  # pragma: no cover - it was read a moment ago
        return {}
    return comments_of(text)


def import_format(path: str, chosen: str | None) -> str:
    if chosen is not None:
        return chosen
    suffix = Path(path).suffix.lower()
    if suffix not in IMPORT_SUFFIXES:
        known = ", ".join(IMPORT_SUFFIXES)
        raise InputError(f"{path}: cannot tell its format from its name ({known}): give --format")
    return IMPORT_SUFFIXES[suffix]


@dataclass(frozen=True)
class Imported:
    """A journey read from a sheet or a diagram: its YAML text as it would be written, the journey
    when it is valid, and the place in the source (cell or line) that each node was read from."""

    text: str
    journey: Journey | None
    where: Callable[[NodePath], str]
    problems: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    """Cells that cannot be read, each with its place: the journey is made without them."""


def import_journey(source: Path, input_format: str, output: Path) -> Imported:
    """What `source` holds, as the journey file it would make at `output`."""
    from cjm.project.sources import read as read_capped

    data = read_capped(str(source))  # at most the largest file cjm reads: /dev/zero ends
    header = [f"Imported from {source.name} by cjm import."]
    if input_format == "mermaid":
        from cjm.exchange.mermaid import read_mermaid

        diagram = read_mermaid(data, source)
        return _imported(diagram.content, header, diagram.comments, diagram.where)
    from cjm.exchange.read import read_csv, read_workbook

    sheets = read_csv(data, source.suffix) if input_format == "csv" else read_workbook(source)
    sheet_folder = str(source.parent)
    output_folder = str(output.parent)
    try:
        read = read_journey(
            sheets, csv=input_format == "csv", catalog_path=lambda c: _rebase(c, sheet_folder, output_folder)
        )
    except SheetError as exc:
        details = [f"{place.describe(source.name)}: {message}" for place, message in exc.problems]
        raise UnusableInput(f"{source}: {details[0]}; nothing written") from None
    problems = [(place.describe(source.name), message) for place, message in read.problems]
    imported = _imported(
        read.data, header, read.comments, lambda path: read.place(path).describe(source.name)
    )
    return dataclasses.replace(imported, problems=problems)


def _imported(
    content: dict[str, Any],
    header: list[str],
    comments: dict[NodePath, str],
    where: Callable[[NodePath], str],
) -> Imported:
    """The journey file of `content`; when it is not a valid journey, its text all the same, for
    `cjm validate`'s findings to say what is wrong, each at its place in the source."""
    from pydantic import ValidationError

    from cjm.exchange.journal import journey_yaml

    try:
        journey: Journey | None = Journey.model_validate(content)
    except ValidationError:
        journey = None
    dumped = content if journey is None else journey.model_dump(warnings=False)
    return Imported(journey_yaml(dumped, header, comments), journey, where)


def check_and_write(
    imported: Imported, output: Path, force: bool, config: Config, catalogs: list[str], inputs: list[str]
) -> list[Finding]:
    """Write the imported journey to `output` when it validates; its warnings. Errors: nothing
    written, each said at the cell or line of the source it comes from."""
    from cjm.exchange.places import located
    from cjm.files import refuse_inputs, write_content
    from cjm.project import load_project

    text = imported.text
    refuse_inputs(output, lambda: inputs)
    if output.exists() and not force:
        raise CannotWrite(f"{output} exists: give --force to replace it")
    folder = output.parent if str(output.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{output.name}.", suffix=".yaml")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        project = load_project([temporary], config, catalogs)
        result = project.check()
        read = [name for name in project.inputs() if name != temporary]  # the catalogs it names too
    finally:
        Path(temporary).unlink(missing_ok=True)
    refuse_inputs(output, lambda: read)
    own = [f for f in result.findings if f.path == temporary]
    errors = [f for f in own if f.severity == "error"]
    elsewhere = [f for f in result.findings if f.path != temporary and f.severity == "error"]
    problems = imported.problems
    if problems or errors or elsewhere:
        unread = {place for place, _ in problems}  # a cell not read is not also a missing value
        found = [
            (place, said) for place, said in located(errors, text, imported.where) if place not in unread
        ]
        details = [f"{place}: {said}" for place, said in [*problems, *found]]
        raise UnusableInput(
            f"the imported journey does not validate ({plural(len(details) + len(elsewhere), 'problem')});"
            " nothing written",
            elsewhere,
            details=details,
        )
    write_content(output, text)
    return [dataclasses.replace(f, path=str(output)) for f in own if f.severity == "warning"]


def summary(imported: Imported) -> str:
    journey = imported.journey
    assert journey is not None, "a journey that validates is a valid model"
    stages = sum(1 for _ in journey.stages())
    touchpoints = sum(1 for _ in journey.touchpoints())
    counts = (plural(len(journey.phases), "phase"), plural(stages, "stage"), plural(touchpoints, "touchpoint"),
              plural(len(journey.personas), "persona"))  # fmt: skip
    return ", ".join(counts)
