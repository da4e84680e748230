"""Check journey files: find them, read them, run the rules, keep what the user asked for.

Catalogs are read first, in path order, and together make the scope of every journey checked in
the same run (with the `--catalog` files and the configured `catalogs`). Journeys are then
checked one by one, on every core when there are many of them.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from cjm.config import Config
from cjm.document import Document, read_document
from cjm.findings import Finding
from cjm.model import Journey
from cjm.rules import REGISTRY, Problem, Rule, rules_for
from cjm.scope import JourneyScope, Scope

STDIN = "-"
PARALLEL_FROM = 32
"""Fewer journeys than this are checked in one process: starting workers would cost more."""

_YAML_SUFFIXES = (".yaml", ".yml")
_SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "venv", "site-packages"})
_CJM_FILE = re.compile(rb"^(?:\xef\xbb\xbf)?cjm[ \t]*:", re.MULTILINE)
_CATALOG_FILE = re.compile(rb"^kind[ \t]*:[ \t]*[\"']?catalog\b", re.MULTILINE)
_DISABLE = re.compile(r"#\s*cjm:\s*disable\b(?:\s*=\s*([\w-]+(?:\s*,\s*[\w-]+)*))?")


class InputError(Exception):
    """A path that cannot be read: the run stops before checking anything (exit code 2)."""


@dataclass(frozen=True, slots=True)
class Source:
    path: str  # as the user will see it
    data: bytes

    @property
    def looks_like_catalog(self) -> bool:
        return _CATALOG_FILE.search(self.data) is not None


@dataclass
class CheckResult:
    findings: list[Finding]
    files: int

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


def check_paths(
    paths: Iterable[str],
    config: Config,
    catalogs: Iterable[str] = (),
    jobs: int | None = None,
    stdin_name: str = "<stdin>",
    journeys_only: bool = False,
) -> CheckResult:
    """Check files, folders (every YAML file with a top-level `cjm:` key) and `-` (stdin).

    With `journeys_only`, files named one by one are skipped too when they have no `cjm:` key
    (pre-commit passes every changed YAML file).
    """
    catalog_sources, journey_sources = _gather(paths, config, catalogs, stdin_name, journeys_only)
    scope, catalog_documents = read_catalogs(catalog_sources)
    findings: list[Finding] = []
    for source, document in catalog_documents:
        findings += findings_of(source.path, document, scope, config)
    for batch in _check_journeys(journey_sources, scope, config, jobs):
        findings += batch
    return CheckResult(findings, len(catalog_sources) + len(journey_sources))


@dataclass(frozen=True)
class LoadedJourney:
    path: str
    journey: Journey
    scope: JourneyScope


def load_journeys(
    paths: Iterable[str], catalogs: Iterable[str] = (), config: Config | None = None
) -> tuple[list[LoadedJourney], list[Finding]]:
    """The journeys under `paths` ready to use, and the errors that keep the others out.

    Catalogs are found as `check_paths` finds them; a journey with any error is left out.
    """
    config = config or Config()
    catalog_sources, journey_sources = _gather(paths, config, catalogs, "<stdin>", False)
    return load_sources(journey_sources, catalog_sources, config)


class UnusableInput(Exception):
    """Journeys that cannot be used as they are: the message says why, the findings (if any) where."""

    def __init__(self, message: str, findings: Iterable[Finding] = ()) -> None:
        super().__init__(message)
        self.findings = list(findings)


def usable(
    loaded: list[LoadedJourney], errors: list[Finding], where: str, persona: str | None = None
) -> list[LoadedJourney]:
    """`loaded`, when nothing stands in the way of using it: errors, no journey, a persona not in one."""
    if errors:
        raise UnusableInput(
            f"{where}: {len(errors)} error(s) in the input: fix them first (cjm validate)", errors
        )
    if not loaded:
        raise UnusableInput(f"no journey found in {where}")
    for journey in loaded if persona is not None else ():
        if persona not in journey.scope.cast:
            known = ", ".join(journey.scope.cast) or "none"
            raise UnusableInput(
                f"persona '{persona}' is not in journey '{journey.journey.id}' (its personas: {known})"
            )
    return loaded


def load_sources(
    journey_sources: list[Source], catalog_sources: list[Source], config: Config | None = None
) -> tuple[list[LoadedJourney], list[Finding]]:
    """`load_journeys` for files already read (from git, for example)."""
    config = config or Config()
    scope, catalog_documents = read_catalogs(catalog_sources)
    errors = [
        f
        for s, d in catalog_documents
        for f in findings_of(s.path, d, scope, config)
        if f.severity == "error"
    ]
    loaded = []
    for source in journey_sources:
        document = read_document(source.data)
        found = [f for f in findings_of(source.path, document, scope, config) if f.severity == "error"]
        errors += found
        if document.journey is not None and not found:
            loaded.append(LoadedJourney(source.path, document.journey, scope.for_journey(document.journey)))
    return loaded, errors


def _gather(
    paths: Iterable[str], config: Config, catalogs: Iterable[str], stdin_name: str, journeys_only: bool
) -> tuple[list[Source], list[Source]]:
    """The catalogs in scope (found among the paths, given, configured) and the other files."""
    sources = collect_sources(paths, stdin_name, journeys_only)
    given = {os.path.realpath(s.path) for s in sources}
    extra = [str(p) for p in config.catalogs] + list(catalogs)
    catalog_sources: list[Source] = []
    journey_sources: list[Source] = []
    for source in sources:
        (catalog_sources if source.looks_like_catalog else journey_sources).append(source)
    catalog_sources += [s for s in collect_sources(extra) if os.path.realpath(s.path) not in given]
    return catalog_sources, journey_sources


def collect_sources(
    paths: Iterable[str], stdin_name: str = "<stdin>", journeys_only: bool = False
) -> list[Source]:
    sources: list[Source] = []
    seen: set[str] = set()
    for path in paths:
        for source in _sources_of(path, stdin_name, journeys_only):
            real = os.path.realpath(source.path)
            if real not in seen:
                seen.add(real)
                sources.append(source)
    return sources


def _sources_of(path: str, stdin_name: str, journeys_only: bool) -> Iterator[Source]:
    if path == STDIN:
        yield Source(stdin_name, sys.stdin.buffer.read())
        return
    if os.path.isdir(path):
        for file in _yaml_files(path):
            data = _read(file)
            if is_cjm_file(data):
                yield Source(file, data)
        return
    if not os.path.exists(path):
        raise InputError(f"{path}: no such file or folder")
    data = _read(path)
    if not journeys_only or is_cjm_file(data):
        yield Source(path, data)


def is_cjm_file(data: bytes) -> bool:
    """Has a top-level `cjm:` key: the mark of a journey or catalog file."""
    return _CJM_FILE.search(data) is not None


def _yaml_files(folder: str) -> Iterator[str]:
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if not f.startswith(".") and f not in _SKIPPED_FOLDERS)
        for name in sorted(files):
            if name.endswith(_YAML_SUFFIXES):
                yield os.path.join(root, name)


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None


def read_catalogs(sources: Iterable[Source]) -> tuple[Scope, list[tuple[Source, Document]]]:
    """The scope that the catalogs define, and each catalog as read."""
    scope = Scope()
    documents = []
    for source in sorted(sources, key=lambda s: s.path):
        document = read_document(source.data)
        if document.catalog is not None:
            scope.add(document.catalog, source.path)
        documents.append((source, document))
    return scope, documents


def findings_of(path: str, document: Document, scope: Scope, config: Config) -> list[Finding]:
    """What the enabled rules find in one document, less what its inline comments disable."""
    found: list[tuple[Rule, Problem]] = [(REGISTRY[code], p) for code, p in document.problems]
    if document.journey is not None:
        found += _run(rules_for("journey"), config, document.journey, scope.for_journey(document.journey))
    elif document.catalog is not None:
        found += _run(rules_for("catalog"), config, document.catalog, scope)
    disabled = _disabled_lines(document.text)
    findings = [
        Finding(path, p.position[0], p.position[1], r.code, r.name, config.severity_of(r), p.message)
        for r, p in found
        if config.enabled(r.code) and not _silenced(disabled, p.position[0], r)
    ]
    return sorted(findings, key=lambda f: f.sort_key)


def _run(rules: list[Rule], config: Config, subject: object, scope: object) -> Iterator[tuple[Rule, Problem]]:
    for rule in rules:
        if config.enabled(rule.code) and rule.check is not None:
            for problem in rule.check(subject, scope):
                yield rule, problem


def _disabled_lines(text: str) -> dict[int, frozenset[str] | None]:
    """Lines with `# cjm: disable=CODE,...` (None: every rule on that line)."""
    if "disable" not in text:
        return {}
    disabled: dict[int, frozenset[str] | None] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = _DISABLE.search(line) if "disable" in line else None
        if match:
            names = match.group(1)
            disabled[number] = frozenset(n.strip() for n in names.split(",") if n.strip()) if names else None
    return disabled


def _silenced(disabled: dict[int, frozenset[str] | None], line: int, rule: Rule) -> bool:
    if line not in disabled:
        return False
    names = disabled[line]
    return names is None or rule.code in names or rule.name in names


# -- checking many journeys -----------------------------------------------------------------------

_shared: tuple[Scope, Config] | None = None  # what forked workers inherit


def _check_journeys(
    sources: list[Source], scope: Scope, config: Config, jobs: int | None
) -> Iterator[list[Finding]]:
    global _shared
    jobs = jobs or os.cpu_count() or 1
    parallel = (
        jobs > 1 and len(sources) >= PARALLEL_FROM and "fork" in multiprocessing.get_all_start_methods()
    )
    _shared = (scope, config)
    collecting = gc.isenabled()
    gc.disable()  # reading builds many objects and no cycles: collections only cost time
    try:
        if not parallel:
            yield from map(_check_source, sources)
            return
        gc.freeze()  # workers share the parent's objects instead of copying them
        with multiprocessing.get_context("fork").Pool(min(jobs, len(sources))) as pool:
            yield from pool.imap(_check_source, sources, chunksize=max(1, len(sources) // (jobs * 8)))
    finally:
        gc.unfreeze()
        if collecting:
            gc.enable()
        _shared = None


def _check_source(source: Source) -> list[Finding]:
    assert _shared is not None
    scope, config = _shared
    return findings_of(source.path, read_document(source.data), scope, config)
