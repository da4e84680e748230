"""The one place where `cjm edit` calls the rest of cjm: loading and checking a project, and
the semantic diff with its writers. A change of any of them is mended in this file alone (the
MCP server's own calls are in `cjm.agents.library`). Nothing here shells out to `cjm` or reads
its text output.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cjm.config import Config
    from cjm.diff.changes import JourneyDiff
    from cjm.findings import Finding
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
