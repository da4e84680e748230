"""Check a project: run the rules over every file, keep what the user asked for.

Catalogs are checked first, then journeys one by one (on every core when there are many), then
what only the whole run can see: catalogs that journeys name themselves, and journeys that share
an id. Report, render and diff use a project only when this check finds no error in it, so
whatever any command refuses, `cjm validate` reports first.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from cjm.config import Config
from cjm.errors import UnusableInput
from cjm.findings import Finding, Problem
from cjm.language import choose
from cjm.model import STATES
from cjm.pool import spread
from cjm.present.words import plural
from cjm.project import LoadedJourney, Opened, Project, Source
from cjm.project.document import Document
from cjm.rules import Context, Rule, rule_for, rules_for
from cjm.scope import JourneyScope, Scope

_DISABLE = re.compile(r"#\s*cjm:\s*disable\b(?:\s*=\s*([\w-]+(?:\s*,\s*[\w-]+)*))?")


@dataclass
class CheckResult:
    findings: list[Finding]
    files: int
    journeys: int  # of the files, how many are journeys

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


@dataclass
class _Checked:
    """One journey file checked, with what the run needs to know beyond its findings."""

    findings: list[Finding]
    named: list[Source]
    identity: tuple[str, str, str] | None  # (journey id, state, path) when it is a journey
    id_at: tuple[int, int]


def check(project: Project, jobs: int | None = None) -> CheckResult:
    """Every finding of the project, sorted by file, line and column."""
    return _check(project, _check_journeys(project, jobs))


def _check(project: Project, checked_journeys: Iterable[_Checked]) -> CheckResult:
    config = project.config
    findings: list[Finding] = []
    for source, document in zip(project.catalogs, project.catalog_documents, strict=True):
        findings += findings_of(source.path, document, project.catalog_scope(source), config)
    named: dict[str, Source] = {}
    seen: dict[tuple[str, str], str] = {}
    journeys = 0
    for checked in checked_journeys:
        findings += checked.findings
        named.update((s.identity, s) for s in checked.named)
        journeys += 1
        if checked.identity is not None:
            findings += _duplicate_journey(checked, seen, config)
    for source in named.values():
        document = project.read_catalog(source)
        findings += findings_of(source.path, document, _own_scope(document, source), config)
    files = len(project.catalogs) + len(project.journeys) + len(named)
    return CheckResult(sorted(findings, key=lambda f: f.sort_key), files, journeys)


def _duplicate_journey(checked: _Checked, seen: dict[tuple[str, str], str], config: Config) -> list[Finding]:
    """Two files of one run with the same journey id in the same state (current and future pair up)."""
    assert checked.identity is not None
    ident, state, path = checked.identity
    first = seen.setdefault((ident, state), path)
    rule = rule_for("CJM201")
    if first == path or not config.enabled(rule.code):
        return []
    message = f"duplicate journey id '{ident}' ({state} state): {first} has it too"
    return [Finding(path, *checked.id_at, rule.code, rule.name, config.severity_of(rule), message)]


def _own_scope(document: Document, source: Source) -> Scope:
    scope = Scope()
    if document.catalog is not None:
        scope.add(document.catalog, source.path)
    return scope


def usable(
    project: Project,
    where: str,
    persona: str | None = None,
    lang: str | None = None,
    without_persona: Callable[[LoadedJourney], None] | None = None,
) -> list[LoadedJourney]:
    """The project's journeys when nothing stands in the way of using them: errors, no journey,
    a persona not in one. With `without_persona`, a journey without the persona is handed to it
    and left out instead, and only a run where no journey has the persona is refused."""
    opened: list[Opened] = []

    def open_and_check(source: Source) -> _Checked:
        opened.append(project.open(source))
        return _checked(opened[-1], project.config)

    result = _check(project, map(open_and_check, project.journeys))
    errors = [f for f in result.findings if f.severity == "error"]
    if errors:
        raise UnusableInput(
            f"{where}: {plural(len(errors), 'error')} in the input: fix them first (cjm validate)", errors
        )
    loaded = []
    for one in opened:
        journey, scope = one.document.journey, one.journey_scope
        if journey is not None and scope is not None:
            language = choose(lang, scope.lang, project.config.lang)
            loaded.append(LoadedJourney(one.source.path, journey, scope, language))
    if not loaded:
        raise UnusableInput(f"no journey found in {where}")
    loaded = in_order(loaded)
    if persona is not None and without_persona is not None:
        having = [j for j in loaded if persona in j.scope.cast]
        if not having:
            raise UnusableInput(f"persona '{persona}' is in no journey of {where}")
        for lacking in (j for j in loaded if persona not in j.scope.cast):
            without_persona(lacking)
        return having
    for one_journey in loaded if persona is not None else ():
        if persona not in one_journey.scope.cast:
            known = ", ".join(one_journey.scope.cast) or "none"
            message = (
                f"persona '{persona}' is not in journey '{one_journey.journey.id}' (its personas: {known})"
            )
            raise UnusableInput(message)
    return loaded


def in_order(loaded: list[LoadedJourney]) -> list[LoadedJourney]:
    """The journeys in the order of their files, each journey's states together, current before
    future: the order every output lists them in."""
    first: dict[str, int] = {}
    for n, one in enumerate(loaded):
        first.setdefault(one.journey.id, n)
    return sorted(loaded, key=lambda one: (first[one.journey.id], STATES.index(one.journey.state)))


def findings_of(
    path: str, document: Document, scope: Scope, config: Config, journey_scope: JourneyScope | None = None
) -> list[Finding]:
    """What the enabled rules find in one document, less what its inline comments disable
    (`journey_scope`: the journey's scope, when the caller has made it already)."""
    found: list[tuple[Rule, Problem]] = [(rule_for(code), p) for code, p in document.problems]
    context = Context(config.today or date.today(), config.stale_after_days)
    if document.journey is not None:
        journey_scope = journey_scope or scope.for_journey(document.journey)
        found += _run(rules_for("journey"), config, document.journey, journey_scope, context)
    elif document.catalog is not None:
        found += _run(rules_for("catalog"), config, document.catalog, scope, context)
    disabled = _disabled_lines(document.text)
    findings = [
        Finding(path, p.position[0], p.position[1], r.code, r.name, config.severity_of(r), p.message)
        for r, p in found
        if config.enabled(r.code) and not _silenced(disabled, p.position[0], r)
    ]
    return sorted(findings, key=lambda f: f.sort_key)


def _run(
    rules: list[Rule], config: Config, subject: object, scope: object, context: Context
) -> Iterator[tuple[Rule, Problem]]:
    for rule in rules:
        if config.enabled(rule.code) and rule.check is not None:
            found = rule.check(subject, scope, context) if rule.wants_context else rule.check(subject, scope)
            for problem in found:
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

_shared: Project | None = None  # what forked workers inherit


def _check_journeys(project: Project, jobs: int | None) -> Iterator[_Checked]:
    global _shared
    _shared = project
    collecting = gc.isenabled()
    gc.disable()  # reading builds many objects and no cycles: collections only cost time
    try:
        yield from spread(_check_source, project.journeys, jobs)
    finally:
        if collecting:
            gc.enable()
        _shared = None


def _check_source(source: Source) -> _Checked:
    assert _shared is not None
    return _checked(_shared.open(source), _shared.config)


def _checked(opened: Opened, config: Config) -> _Checked:
    path = opened.source.path
    findings = findings_of(path, opened.document, opened.scope, config, opened.journey_scope)
    journey = opened.document.journey
    if journey is None:
        return _Checked(findings, opened.named, None, (1, 1))
    return _Checked(findings, opened.named, (journey.id, journey.state, path), journey.at("id"))
