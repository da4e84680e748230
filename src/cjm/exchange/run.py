"""`cjm export` and `cjm import`: a journey to a sheet, and a sheet or a diagram to a journey file.

An import is checked as `cjm validate` checks a file, in the folder it is written to (so that its
catalogs resolve), before anything is written: an invalid journey is never written, nor is an
existing file replaced without `force`.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from pathlib import Path, PurePosixPath
from typing import Any

from cjm.config import Config
from cjm.errors import CannotWrite, InputError, UnusableInput
from cjm.exchange.output import FORMATS, WORKBOOKS
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
    sheets = journey_sheets(
        loaded, lambda c: _rebase(c, journey_folder, sheet_folder), workbook=output_format in WORKBOOKS
    )
    written: bytes = FORMATS.module(output_format).write(sheets)
    return written


def import_format(path: str, chosen: str | None) -> str:
    if chosen is not None:
        return chosen
    suffix = Path(path).suffix.lower()
    if suffix not in IMPORT_SUFFIXES:
        known = ", ".join(IMPORT_SUFFIXES)
        raise InputError(f"{path}: cannot tell its format from its name ({known}): give --format")
    return IMPORT_SUFFIXES[suffix]


def import_journey(source: Path, input_format: str, output: Path) -> tuple[Journey, str]:
    """The journey that `source` holds, and its YAML text as it would be written to `output`."""
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {source}: {exc.strerror or exc}") from None
    header = [f"Imported from {source.name} by cjm import."]
    if input_format == "mermaid":
        from cjm.exchange.mermaid import CHANNEL_COMMENT, read_mermaid

        journey = read_mermaid(data, source)
        from cjm.exchange.journal import journey_yaml

        def comment(touchpoint: Any) -> None:
            touchpoint.yaml_add_eol_comment(CHANNEL_COMMENT, "channel")

        return journey, journey_yaml(journey, header, comment)
    from cjm.exchange.journal import journey_yaml
    from cjm.exchange.read import read_csv, read_workbook

    sheets = read_csv(data, source.name) if input_format == "csv" else read_workbook(source)
    sheet_folder = str(source.parent)
    output_folder = str(output.parent)
    try:
        journey = read_journey(
            sheets, csv=input_format == "csv", catalog_path=lambda c: _rebase(c, sheet_folder, output_folder)
        )
    except SheetError as exc:
        details = [f"{place.describe(source.name)}: {message}" for place, message in exc.problems]
        count = len(details)
        raise UnusableInput(
            f"{source}: {count} problem{'s' if count != 1 else ''} in the sheet; nothing written",
            details=details,
        ) from None
    return journey, journey_yaml(journey, header)


def check_and_write(
    text: str, output: Path, force: bool, config: Config, catalogs: list[str], inputs: list[str]
) -> list[Finding]:
    """Write `text` to `output` when it validates; its warnings. Errors: nothing written."""
    from cjm.files import refuse_inputs, write_content
    from cjm.project import load_project

    refuse_inputs(output, lambda: inputs)
    if output.exists() and not force:
        raise CannotWrite(f"{output} exists: give --force to replace it")
    folder = output.parent if str(output.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{output.name}.", suffix=".yaml")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        result = load_project([temporary], config, catalogs).check()
    finally:
        Path(temporary).unlink(missing_ok=True)
    findings = [dataclasses.replace(f, path=str(output)) for f in result.findings if f.path == temporary]
    findings += [f for f in result.findings if f.path != temporary]
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        raise UnusableInput(
            f"the imported journey does not validate ({plural(len(errors), 'error')}, at the lines it would have"
            f" in {output}); nothing written",
            errors,
        )
    write_content(output, text)
    return [f for f in findings if f.severity == "warning"]


def summary(journey: Journey) -> str:
    stages = sum(1 for _ in journey.stages())
    touchpoints = sum(1 for _ in journey.touchpoints())
    counts = (plural(len(journey.phases), "phase"), plural(stages, "stage"), plural(touchpoints, "touchpoint"),
              plural(len(journey.personas), "persona"))  # fmt: skip
    return ", ".join(counts)
