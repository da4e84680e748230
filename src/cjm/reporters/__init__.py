"""Reporters write a check's findings in one format; they are looked up by name."""

from __future__ import annotations

import importlib
from typing import Protocol, TextIO

from cjm.check import CheckResult

FORMATS = ("text", "json", "github", "sarif")


class Reporter(Protocol):
    def __call__(self, result: CheckResult, out: TextIO, *, color: bool) -> None: ...


def reporter(name: str) -> Reporter:
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}")
    module = importlib.import_module(f"cjm.reporters.{name}_reporter")
    report: Reporter = module.report
    return report


def summary(result: CheckResult) -> str:
    """ "12 files checked: 2 errors, 3 warnings (in 2 files)." or "... no problems found"."""
    files = _plural(result.files, "file")
    if not result.findings:
        return f"{files} checked: no problems found."
    counts = f"{_plural(result.count('error'), 'error')}, {_plural(result.count('warning'), 'warning')}"
    affected = len({f.path for f in result.findings})
    return f"{files} checked: {counts} (in {_plural(affected, 'file')})."


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
