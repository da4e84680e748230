"""How cjm words its facts for people, the same in every human format."""

from __future__ import annotations

from typing import Protocol


class _Improvement(Protocol):
    text: str
    owner: str | None
    status: str


def persona_name(persona: str | None) -> str:
    return "everyone" if persona is None else persona


def signed(value: float | None) -> str:
    """+0.5, -1, 0; "?" when nothing is known."""
    if value is None:
        return "?"
    text = f"{value:+.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("+0", "-0") else text


def quantity(value: float | None, unit: str | None) -> str:
    """6.1%, 40 min, ? when unknown."""
    if value is None:
        return "?"
    number = f"{value:g}"
    if not unit:
        return number
    return f"{number}{unit}" if unit == "%" else f"{number} {unit}"


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """ "1 touchpoint", "2 touchpoints", "1,200 files"."""
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"


def improvement_line(improvement: _Improvement) -> str:
    owner = improvement.owner or "no owner"
    return f"{improvement.text} ({owner}, {improvement.status})"


class _NamedImprovement(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def owner_name(self) -> str | None: ...
    @property
    def status(self) -> str: ...
    @property
    def priority(self) -> str | None: ...


def improvement_named(improvement: _NamedImprovement) -> str:
    """ "Call back within the hour (Claims, planned, high priority)": the owner team by name."""
    parts = [improvement.owner_name or "no owner", improvement.status]
    if improvement.priority:
        parts.append(f"{improvement.priority} priority")
    return f"{improvement.text} ({', '.join(parts)})"
