"""The one way every command reads a project: files, configuration, catalogs and scope.

`load_project` finds the files of a run (paths, folders, stdin, `REV:PATH`) and splits catalogs
from journeys. A journey's scope holds the built-in channels, the catalogs named in the
configuration and those given with `--catalog`, and the catalogs found among the paths in its own
folder or a folder above it (not beside it: projects side by side keep their own catalogs).
`Project.open` reads one journey and adds the catalogs that the journey names itself
(`catalogs:`, relative to its file), so validate, report, render and diff see the same scope for
the same file.
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
from cjm.project.sources import Source, collect, is_revision
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

    @property
    def place(self) -> str:
        """Its file's path, without the revision of a `REV:PATH` read through git."""
        return self.path.split(":", 1)[1] if is_revision(self.path) else self.path


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
    catalogs: list[Source]  # found among the paths, or given (in path order)
    journeys: list[Source]  # every other file with a top-level `cjm:` key
    skipped: list[str]  # YAML files found in folders without a `cjm:` key
    catalog_documents: list[Document]
    not_regular: list[str] = field(default_factory=list)  # FIFOs and devices found in folders
    everywhere: frozenset[str] = frozenset()  # the catalogs given (configuration, --catalog)
    _scopes: dict[tuple[str, ...], tuple[Scope, set[str]]] = field(default_factory=dict, repr=False)
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
        skipped: Callable[[str], None] | None = None,
    ) -> list[LoadedJourney]:
        """The journeys every command but validate works on, when nothing stands in the way of
        using them: no error in the project, a journey found, `persona` in each (or, with
        `skipped`, in one at least: the others are left out, each said to `skipped`); `lang`
        (else each journey's own) is the language of the labels written for them."""
        from cjm.project.check import usable

        return usable(self, where, persona, lang, skipped)

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

    def scope_for(self, source: Source) -> tuple[Scope, set[str]]:
        """The scope of a journey before it names catalogs itself, and the catalogs in it: those
        given, and those found in the journey's folder or above it (all of them for standard
        input, which is in no folder)."""
        key = ("journey", *source.folder) if not source.stdin else ("stdin",)
        if key not in self._scopes:
            self._scopes[key] = self._scope_of(
                lambda c: c.identity in self.everywhere or source.stdin or source.is_within(c.folder)
            )
        return self._scopes[key]

    def catalog_scope(self, catalog: Source) -> Scope:
        """What a catalog of the run is checked against (CJM201 across catalogs): every catalog
        that is in scope with it for some journey, in its folder, above it or below it."""
        if catalog.identity in self.everywhere:
            return self._scope_of(lambda c: True)[0]
        key = ("catalog", *catalog.folder)
        if key not in self._scopes:
            self._scopes[key] = self._scope_of(
                lambda c: (
                    c.identity in self.everywhere
                    or catalog.is_within(c.folder)
                    or c.is_within(catalog.folder)
                )
            )
        return self._scopes[key][0]

    def _scope_of(self, keep: Callable[[Source], bool]) -> tuple[Scope, set[str]]:
        scope, kept = Scope(), set()
        for source, document in zip(self.catalogs, self.catalog_documents, strict=True):
            if keep(source):
                kept.add(source.identity)
                if document.catalog is not None:
                    scope.add(document.catalog, source.path)
                else:
                    scope.unread += 1
        return scope, kept

    def open(self, source: Source) -> Opened:
        """Read a journey, and the catalogs it names (CJM207 for those that cannot be used)."""
        document = read_document(source.data)
        journey = document.journey
        base, known = self.scope_for(source)
        if journey is None or not journey.catalogs:
            self._named_by[source.identity] = []
            return Opened(source, document, base)
        scope = base.copy()
        named: list[Source] = []
        known = set(known)
        for index, name in enumerate(journey.catalogs):
            at = journey.at("catalogs", index)
            try:
                catalog_source = source.relative(name)
            except InputError as exc:
                scope.unread += 1
                document.problems.append(("CJM207", Problem(at, _unreadable(name, exc, source))))
                continue
            catalog = self.read_catalog(catalog_source)
            problem = _not_a_catalog(name, catalog_source, catalog)
            if problem is not None:
                scope.unread += 1
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
    catalog_sources.sort(key=lambda s: s.path)
    documents = [read_document(s.data) for s in catalog_sources]
    not_regular = found.not_regular + extra.not_regular
    everywhere = frozenset(s.identity for s in extra.sources)
    return Project(
        config, catalog_sources, journey_sources, found.skipped, documents, not_regular, everywhere
    )


def _not_a_catalog(name: str, source: Source, document: Document) -> str | None:
    if document.catalog is not None:
        return None
    if document.journey is not None:
        return f"'{name}' is a journey, not a catalog (a catalog has 'kind: catalog')"
    if not source.looks_like_catalog:
        return f"'{name}' is not a catalog (a catalog has 'kind: catalog')"
    return f"catalog '{name}' cannot be read: check it with cjm validate {source.path}"


def _unreadable(name: str, exc: InputError, journey: Source) -> str:
    reason = exc.message.split(": ", 1)[-1]
    meant = journey.catalog_like(name)
    hint = f" (did you mean '{meant}'?)" if meant else ""
    return (
        f"catalog '{name}' cannot be read: {reason[:1].lower() + reason[1:]}{hint}; the personas, teams"
        " and channels the journey may take from it are not checked until it can be"
    )
