"""The one way every command reads a project: files, configuration, catalogs and scope.

`load_project` finds the files of a run (paths, folders, stdin, `REV:PATH`), splits catalogs from
journeys, and builds the scope that every journey of the run shares: the built-in channels, the
catalogs found among the paths, those named in the configuration and those given with
`--catalog`. `Project.open` reads one journey and adds the catalogs that the journey names
itself (`catalogs:`, relative to its file), so validate, report, render and diff see the same
scope for the same file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from cjm.config import Config
from cjm.errors import InputError
from cjm.findings import Problem
from cjm.model import Journey
from cjm.project.document import Document, read_document
from cjm.project.sources import Source, collect
from cjm.scope import JourneyScope, Scope

if TYPE_CHECKING:
    from cjm.project.check import CheckResult

__all__ = [
    "Document",
    "JourneyScope",
    "LoadedJourney",
    "Opened",
    "Project",
    "Scope",
    "Source",
    "load_project",
]


@dataclass(frozen=True)
class LoadedJourney:
    """A journey ready to use: valid, with the scope it was checked in."""

    path: str
    journey: Journey
    scope: JourneyScope
    lang: str = "en"  # of the labels cjm writes for it: --lang, its own, its catalogs', configured


@dataclass
class Opened:
    """One file as read, with the scope its rules run in and the catalogs it named itself."""

    source: Source
    document: Document
    scope: Scope
    named: list[Source] = field(default_factory=list)

    @cached_property
    def journey_scope(self) -> JourneyScope | None:
        """The scope its rules run in and its facts are computed in: made once."""
        journey = self.document.journey
        return self.scope.for_journey(journey) if journey is not None else None


@dataclass
class Project:
    config: Config
    catalogs: list[Source]  # in scope for every journey of the run
    journeys: list[Source]  # every other file with a top-level `cjm:` key
    skipped: list[str]  # YAML files found in folders without a `cjm:` key
    scope: Scope
    catalog_documents: list[Document]
    not_regular: list[str] = field(default_factory=list)  # FIFOs and devices found in folders
    # What opening journeys found, so that nothing is read twice: each named catalog as read, and
    # the catalogs each journey names.
    _catalogs_read: dict[str, Document] = field(default_factory=dict, repr=False)
    _named_by: dict[str, list[Source]] = field(default_factory=dict, repr=False)

    def check(self, jobs: int | None = None) -> CheckResult:
        """Every finding of the project, sorted by file, line and column (`jobs`: processes)."""
        from cjm.project.check import check

        return check(self, jobs)

    def usable(
        self,
        where: str,
        persona: str | None = None,
        lang: str | None = None,
        without_persona: Callable[[LoadedJourney], None] | None = None,
    ) -> list[LoadedJourney]:
        """The journeys every command but validate works on, when nothing stands in the way of
        using them: no error in the project, a journey found, `persona` in each (or, with
        `without_persona`, in one at least: the others are handed to it and left out); `lang`
        (else each journey's own) is the language of the labels written for them."""
        from cjm.project.check import usable

        return usable(self, where, persona, lang, without_persona)

    def inputs(self) -> list[str]:
        """The files of the working tree the run reads: its catalogs and journeys, and the catalogs
        the journeys name themselves (what no output may be written over)."""
        read = [s for s in self.catalogs + self.journeys if s.revision is None and not s.stdin]
        named = [n for s in self.journeys for n in self.named_by(s) if n.revision is None]
        return [s.path for s in read + named]

    def named_by(self, source: Source) -> list[Source]:
        """The catalogs a journey names itself (opening it only if this run has not yet)."""
        if source.identity not in self._named_by:
            self.open(source)
        return self._named_by[source.identity]

    def read_catalog(self, source: Source) -> Document:
        """A catalog that journeys name, read once however many journeys name it."""
        if source.identity not in self._catalogs_read:
            self._catalogs_read[source.identity] = read_document(source.data)
        return self._catalogs_read[source.identity]

    def open(self, source: Source) -> Opened:
        """Read a journey, and the catalogs it names (CJM207 for those that cannot be used)."""
        document = read_document(source.data)
        journey = document.journey
        if journey is None or not journey.catalogs:
            self._named_by[source.identity] = []
            return Opened(source, document, self.scope)
        scope = self.scope.copy()
        named: list[Source] = []
        known = {s.identity for s in self.catalogs}
        for index, name in enumerate(journey.catalogs):
            at = journey.at("catalogs", index)
            try:
                catalog_source = source.relative(name)
            except InputError as exc:
                document.problems.append(
                    ("CJM207", Problem(at, f"catalog '{name}' cannot be read: {_reason(exc)}"))
                )
                continue
            catalog = self.read_catalog(catalog_source)
            problem = _not_a_catalog(name, catalog_source, catalog)
            if problem is not None:
                document.problems.append(("CJM207", Problem(at, problem)))
            elif catalog_source.identity not in known and catalog.catalog is not None:
                known.add(catalog_source.identity)
                scope.add(catalog.catalog, catalog_source.path)
                named.append(catalog_source)
        self._named_by[source.identity] = named
        return Opened(source, document, scope, named)


def load_project(
    paths: Iterable[str],
    config: Config | None = None,
    catalogs: Iterable[str] = (),
    *,
    stdin_name: str = "<stdin>",
    journeys_only: bool = False,
) -> Project:
    """The files under `paths` and the catalogs in scope for all of them."""
    config = config or Config()
    limit = config.max_file_size
    found = collect(paths, stdin_name, journeys_only, limit)
    given = {s.identity for s in found.sources}
    catalog_sources = [s for s in found.sources if s.looks_like_catalog]
    journey_sources = [s for s in found.sources if not s.looks_like_catalog]
    extra = collect([str(p) for p in config.catalogs] + list(catalogs), limit=limit)
    catalog_sources += [s for s in extra.sources if s.identity not in given]
    scope, documents = read_catalogs(catalog_sources)
    not_regular = found.not_regular + extra.not_regular
    return Project(config, catalog_sources, journey_sources, found.skipped, scope, documents, not_regular)


def read_catalogs(sources: list[Source]) -> tuple[Scope, list[Document]]:
    """The scope that the catalogs define, and each catalog as read (in path order)."""
    scope = Scope()
    documents = []
    for source in sorted(sources, key=lambda s: s.path):
        document = read_document(source.data)
        if document.catalog is not None:
            scope.add(document.catalog, source.path)
        documents.append(document)
    sources.sort(key=lambda s: s.path)
    return scope, documents


def _not_a_catalog(name: str, source: Source, document: Document) -> str | None:
    if document.catalog is not None:
        return None
    if document.journey is not None:
        return f"'{name}' is a journey, not a catalog (a catalog has 'kind: catalog')"
    if not source.looks_like_catalog:
        return f"'{name}' is not a catalog (a catalog has 'kind: catalog')"
    return f"catalog '{name}' cannot be read: check it with cjm validate {source.path}"


def _reason(exc: InputError) -> str:
    return exc.message.split(": ", 1)[-1]
