"""The rule registry: every finding cjm reports comes from a rule registered here.

A rule has a stable code (`CJM303`), a short name (`pain-without-improvement`), a default
severity and a docstring that is its user documentation (`cjm rules` prints it). Rules that look
at a journey or a catalog are generators of `Problem`s; the rules of the file itself (CJM100 to
CJM103) are reported while the file is read, by `cjm.rules.structure`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Literal

from cjm.findings import Problem, Severity

Subject = Literal["file", "journey", "catalog"]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    doc: str
    subjects: tuple[Subject, ...]
    check: Callable[..., Iterator[Problem]] | None = None
    wants_context: bool = False  # its check takes a third argument, the run's `Context`

    @property
    def summary(self) -> str:
        """The first paragraph of the documentation, on one line."""
        return self.paragraphs[0] if self.paragraphs else ""

    @property
    def paragraphs(self) -> list[str]:
        return [p.replace("\n", " ") for p in self.doc.split("\n\n") if p.strip()]


@dataclass(frozen=True)
class Context:
    """What a rule may need beyond the file: the day of the run and the configured thresholds.
    A rule asks for it with a third parameter; the others never see it."""

    today: date
    stale_after_days: int = 365
    folder: str | None = None  # where the file's relative paths resolve; None off the working tree


REGISTRY: dict[str, Rule] = {}


def rule(
    code: str, name: str, severity: Severity, *subjects: Subject
) -> Callable[[Callable[..., Iterator[Problem]]], Callable[..., Iterator[Problem]]]:
    """Register a rule; the decorated function's docstring is the rule's documentation."""

    def register(check: Callable[..., Iterator[Problem]]) -> Callable[..., Iterator[Problem]]:
        wants_context = len(inspect.signature(check).parameters) > 2
        _add(
            Rule(code, name, severity, inspect.cleandoc(check.__doc__ or ""), subjects, check, wants_context)
        )
        return check

    return register


def file_rule(code: str, name: str, severity: Severity, doc: str) -> None:
    """Register a rule that the reading of the file reports, not a check of its content."""
    _add(Rule(code, name, severity, inspect.cleandoc(doc), ("file",)))


def _add(new: Rule) -> None:
    if new.code in REGISTRY:
        raise ValueError(f"rule {new.code} is registered twice")
    REGISTRY[new.code] = new


@cache
def all_rules() -> list[Rule]:
    from cjm.rules import completeness, evidence, governance, metrics, references, structure  # noqa: F401  (importing registers)

    return sorted(REGISTRY.values(), key=lambda r: r.code)


def rule_for(code: str) -> Rule:
    """The rule with this code (the rules' modules are loaded on first use)."""
    all_rules()
    return REGISTRY[code]


@cache
def rules_for(subject: Subject) -> list[Rule]:
    """The rules that check the content of a journey or a catalog, in code order."""
    return [r for r in all_rules() if subject in r.subjects and r.check is not None]
