"""The one place where `cjm mcp` calls the rest of cjm beyond what `cjm edit` does (the report,
the map, measuring, the journeys of a root, the rules); loading, checking and diffing come from
`cjm.edit.library`. Nothing here shells out to `cjm` or reads its text output.
"""

from __future__ import annotations

import datetime
import io
import os
from typing import TYPE_CHECKING, Any

from cjm.edit.library import project

if TYPE_CHECKING:
    from cjm.config import Config
    from cjm.diff.changes import JourneyDiff
    from cjm.measure.run import MeasureResult


def report_document(paths: str, persona: str | None = None, lang: str | None = None) -> dict[str, Any]:
    """The JSON document of `cjm report --format json`."""
    import json

    from cjm.report.build import write_report
    from cjm.reporting import build_report

    built = build_report(project([paths]), paths, persona, lang)
    out = io.StringIO()
    write_report(built, "json", out, color=False)
    document: dict[str, Any] = json.loads(out.getvalue())
    return document


def render_text(path: str, output_format: str, persona: str | None = None, lang: str | None = None) -> str:
    """The map as `cjm render --format FORMAT` writes it (a text format)."""
    from cjm.publish import load_maps
    from cjm.render.maps import render

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


def ops_schema() -> dict[str, Any]:
    from cjm.edit.ops import ops_schema as schema

    return schema()


def rules_text() -> str:
    from cjm.rules import all_rules
    from cjm.rules.listing import listing

    return listing(all_rules(), "markdown")


def compare(
    old: list[str], new: list[str], config: Config | None = None, lang: str | None = None
) -> list[JourneyDiff]:
    from cjm.comparing import compare as compare_sides

    return compare_sides(old, new, (), config, lang).diffs
