"""The one place where `cjm edit` and `cjm mcp` call the rest of cjm.

Every library function they use (loading and checking a project, the semantic diff and its
writers, the report, the map, measuring) is called here, so that a change of any of them is
mended in this file alone. Nothing here shells out to `cjm` or reads its text output.
"""

from __future__ import annotations

import dataclasses
import datetime
import io
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cjm.config import Config
    from cjm.diff.changes import JourneyDiff
    from cjm.findings import Finding
    from cjm.measure.run import MeasureResult
    from cjm.project import LoadedJourney, Project


def project(paths: Sequence[str], config: Config | None = None, catalogs: Sequence[str] = ()) -> Project:
    from cjm.project import load_project

    return load_project(paths, config, catalogs)


def _with_text(path: str, data: bytes, config: Config | None, catalogs: Sequence[str]) -> Project:
    """The project of one journey file, read as `data` says rather than as the disk does."""
    from cjm.project import Source

    loaded = project([path], config, catalogs)
    return dataclasses.replace(loaded, journeys=[Source(path, data)], _named_by={})


def findings(
    path: str, data: bytes, config: Config | None = None, catalogs: Sequence[str] = ()
) -> list[Finding]:
    """What `cjm validate` finds in the journey file `path` if it held `data`."""
    return _with_text(path, data, config, catalogs).check().findings


def validate(paths: Sequence[str], config: Config | None = None) -> list[Finding]:
    return project(paths, config).check().findings


def loaded_journey(
    path: str, data: bytes, config: Config | None = None, catalogs: Sequence[str] = ()
) -> LoadedJourney | None:
    """The journey ready for the diff, or None when errors in it stand in the way."""
    from cjm.errors import CjmError

    try:
        return _with_text(path, data, config, catalogs).usable(path)[0]
    except CjmError:
        return None


def semantic_diff(old: LoadedJourney, new: LoadedJourney) -> JourneyDiff:
    from cjm.diff.compare import diff_journeys

    return diff_journeys(old, new)


def compare(
    old: list[str], new: list[str], config: Config | None = None, lang: str | None = None
) -> list[JourneyDiff]:
    from cjm.diff.compare import compare as compare_sides

    return compare_sides(old, new, (), config, lang).diffs


def diff_written(diffs: list[JourneyDiff], output_format: str, color: bool = False) -> str:
    """The diffs as `cjm diff --format FORMAT` writes them."""
    from cjm.diff.output import FORMATS

    out = io.StringIO()
    FORMATS.module(output_format).write(diffs, out, color=color)
    return out.getvalue()


def diff_document(diffs: list[JourneyDiff]) -> dict[str, Any]:
    """The diffs as the JSON document of `cjm diff --format json`."""
    import json

    document: dict[str, Any] = json.loads(diff_written(diffs, "json"))
    return document


def report_document(paths: str, persona: str | None = None, lang: str | None = None) -> dict[str, Any]:
    """The JSON document of `cjm report --format json`."""
    import json

    from cjm.report.build import build_report, write_report

    built = build_report(project([paths]), paths, persona, lang)
    out = io.StringIO()
    write_report(built, "json", out, color=False)
    document: dict[str, Any] = json.loads(out.getvalue())
    return document


def render_text(path: str, output_format: str, persona: str | None = None, lang: str | None = None) -> str:
    """The map as `cjm render --format FORMAT` writes it (a text format)."""
    from cjm.render.maps import load_maps, render

    maps = load_maps(project([path]), path, persona, lang)
    content = render(maps[0][1], output_format, width=100, color=False)
    assert isinstance(content, str)
    return content


def measure(paths: list[str], write: bool, on: datetime.date | None = None) -> MeasureResult:
    from cjm.measure.run import measure as run_measure

    return run_measure(project(paths), ", ".join(paths), on or datetime.date.today(), dry_run=not write)


def journey_list(root: str) -> list[dict[str, Any]]:
    """Every journey under `root` that can be read: id, title, state, status, owner, file, counts."""
    loaded = project([root])
    listed = []
    for source in loaded.journeys:
        journey = loaded.open(source).document.journey
        if journey is None:
            continue
        stages = [s for _, s in journey.stages()]
        listed.append(
            {"id": journey.id, "title": journey.title, "state": journey.state, "status": journey.status,
             "owner": journey.owner, "file": os.path.normpath(source.path),
             "counts": {"phases": len(journey.phases), "stages": len(stages),
                        "touchpoints": sum(len(s.touchpoints) for s in stages)}}
        )  # fmt: skip
    return listed


def schema_text(kind: str) -> str:
    from cjm.schema import schema_text as text

    return text(kind)  # type: ignore[arg-type]


def ops_schema() -> dict[str, Any]:
    from cjm.edit.ops import ops_schema as schema

    return schema()


def rules_text() -> str:
    from cjm.rules import all_rules
    from cjm.rules.listing import listing

    return listing(all_rules(), "markdown")
