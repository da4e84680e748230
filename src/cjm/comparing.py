"""`cjm diff`'s run: each side of the comparison read once, through the project, then every
journey paired by id and state and diffed (`cjm.diff.compare`)."""

from __future__ import annotations

from collections.abc import Sequence

from cjm.config import Config
from cjm.diff.changes import Comparison
from cjm.diff.compare import diff_journeys, diff_pairs
from cjm.errors import CjmError
from cjm.project import LoadedJourney, Project, load_project
from cjm.project.sources import is_revision


def compare_paths(
    paths: Sequence[str],
    revisions: Sequence[str] = (),
    catalogs: Sequence[str] = (),
    config: Config | None = None,
    lang: str | None = None,
) -> Comparison:
    """`cjm diff`: OLD and NEW (files, folders or `REV:PATH`), or `paths` at the first revision
    against the second, or against the working tree when only one is given."""
    if len(revisions) > 2:
        raise CjmError("--rev is given at most twice: the old revision, then the new one")
    if revisions:
        old = [f"{revisions[0]}:./{p}" for p in paths]
        new = [f"{revisions[1]}:./{p}" for p in paths] if len(revisions) == 2 else list(paths)
    elif len(paths) == 2:
        old, new = [paths[0]], [paths[1]]
    else:
        raise CjmError("give OLD and NEW (files, folders or REV:PATH), or --rev REV and the paths to compare")
    return compare(old, new, catalogs, config, lang)


def compare(
    old: list[str],
    new: list[str],
    catalogs: Sequence[str] = (),
    config: Config | None = None,
    lang: str | None = None,
) -> Comparison:
    """Diff two files, two folders or two revisions (`REV:PATH`); journeys are paired by id.

    Two single journeys are compared even when their ids differ. Each side is read once; the
    comparison keeps the files of the working tree they read.
    """
    (before, old_project), (after, new_project) = (
        _load_side(old, catalogs, config, lang),
        _load_side(new, catalogs, config, lang),
    )
    inputs = old_project.inputs() + new_project.inputs()
    if len(before) == 1 and len(after) == 1:
        return Comparison([diff_journeys(before[0], after[0])], inputs)
    return Comparison(diff_pairs(before, after), inputs)


def _load_side(
    specs: list[str], catalogs: Sequence[str], config: Config | None, lang: str | None
) -> tuple[list[LoadedJourney], Project]:
    """One side's journeys and project; no journey for folders that did not exist yet at a
    revision (everything on the other side is then added, or removed)."""
    project = load_project(specs, config, catalogs)
    if not project.journeys and not project.catalogs and all(is_revision(s) for s in specs):
        return [], project
    return project.usable(", ".join(specs), lang=lang), project
