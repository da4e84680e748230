"""`cjm render`'s run: one journey's map, or a folder's maps published as a site.

A folder becomes a site: each journey's map, its report page beside it (NAME.report.html, where
the map is NAME.html or NAME.svg…), and index.html listing every map with links to both. The
outputs put together here (render, report, site) never import one another: this is the one place
that composes them, and the command calls it once.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cjm.project import LoadedJourney, Project
    from cjm.render.paper import Paper
    from cjm.render.view import MapView

REPORT_SUFFIX = ".report.html"
"""A journey's report page in a site: beside its map, named as the map is."""


@dataclass(frozen=True)
class Published:
    """What a run wrote: `content` for standard output, else the files."""

    content: str | None = None
    maps: list[Path] | None = None
    reports: list[Path] | None = None
    index: Path | None = None


def publish(
    project: Project,
    where: str,
    output_format: str,
    output: Path | None,
    *,
    persona: str | None = None,
    lang: str | None = None,
    paper: Paper | None = None,
    width: int | None = None,
    color: bool = False,
    progress: Callable[[int], Callable[[], None]] | None = None,
    notice: Callable[[str], None] = lambda message: None,
) -> Published:
    """Draw the map of the journey `where` into `output` (standard output when None), or, when
    `where` is a folder, publish its site into the folder `output` (a journey without `persona`
    left out, with a `notice`). Nothing is written over an input of the run."""
    from cjm.render.maps import render, write_map

    folder = os.path.isdir(where)
    maps = load_maps(project, where, persona, lang, skipped=notice if folder else None)
    if folder:
        assert output is not None, "a folder is published into a folder"
        return _site(project, maps, output_format, output, persona, lang, paper, progress)
    [(_, view)] = maps
    if output is None:
        content = render(view, output_format, width=width, color=color, paper=paper)
        assert isinstance(content, str), "binary formats are written to a file"
        return Published(content=content)
    return Published(maps=write_map(view, output_format, output, paper, project.inputs()))


def _site(
    project: Project,
    maps: list[tuple[LoadedJourney, MapView]],
    output_format: str,
    folder: Path,
    persona: str | None,
    lang: str | None,
    paper: Paper | None,
    progress: Callable[[int], Callable[[], None]] | None,
) -> Published:
    from cjm.files import refuse_inputs, write_content
    from cjm.language import portfolio_language
    from cjm.render.maps import targets, write_maps
    from cjm.report.data import journey_report
    from cjm.report.output.html import render as report_page
    from cjm.site.index import INDEX, Journey, index_page

    places = targets(maps, output_format, folder)
    reports = [place.with_name(place.name.removesuffix(place.suffix) + REPORT_SUFFIX) for place in places]
    index = folder / INDEX
    for place in [*places, *reports, index]:
        refuse_inputs(place, project.inputs)
    step = progress(len(maps) * 2) if progress else (lambda: None)
    write_maps([view for _, view in maps], output_format, places, step, paper, project.inputs())
    journeys = []
    for (loaded, view), place, report in zip(maps, places, reports, strict=True):
        analysis = view.analysis  # each map's own analysis, not made again
        write_content(report, report_page(journey_report(loaded.path, analysis, loaded.lang)))
        journeys.append(Journey(loaded.path, analysis, place.name, report.name))
        step()
    site_lang = portfolio_language(lang, project.config.lang, (loaded.lang for loaded, _ in maps))
    write_content(index, index_page(journeys, site_lang, project.config.stale_after_days))
    return Published(maps=places, reports=reports, index=index)


def load_maps(
    project: Project,
    where: str,
    persona: str | None,
    lang: str | None = None,
    skipped: Callable[[str], None] | None = None,
) -> list[tuple[LoadedJourney, MapView]]:
    """The map of each journey of the run; `skipped`: as `Project.usable` takes it."""
    from cjm.render.view import build_view

    loaded = project.usable(where, persona, lang, skipped)
    return [(j, build_view(j.journey, j.scope, persona, j.lang)) for j in loaded]
