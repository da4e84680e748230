"""What a check finds: one problem, at one place of one file, under one rule."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    OFF = "off"  # a rule's default only: it runs when selected or given a severity, as a warning


@dataclass(frozen=True, slots=True)
class Finding:
    path: str
    line: int
    column: int
    code: str
    name: str
    severity: Severity
    message: str

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)


@dataclass(frozen=True, slots=True)
class Problem:
    """A rule's verdict before it is given a file, a code and a severity."""

    position: tuple[int, int]  # line and column, from 1
    message: str
