"""How the human formats of a diff word each change."""

from __future__ import annotations

from typing import Any

from cjm.diff import Change, JourneyDiff
from cjm.present.words import signed

SYMBOL = {"better": "▲", "worse": "▼", "neutral": "•"}


def describe(change: Change) -> str:
    """One line, in words: "parte-whatsapp (ana): emotion -2 → 0 (+2)"."""
    where = " / ".join(change.path[1:]) or change.path[0]
    if change.kind in ("added", "removed"):
        value = change.new if change.kind == "added" else change.old
        shown = f": {value}" if value not in (None, "") else ""
        return f"{change.kind} {change.field} {where}{shown}"
    if change.kind == "new-pain":
        return f"new Moment of Pain at {where} (emotion {signed(change.new)})"
    if change.kind == "pain-gone":
        return f"Moment of Pain gone at {where} ({change.new})"
    delta = f" ({signed(change.delta)})" if change.delta is not None else ""
    return f"{change.kind} {where}: {change.field} {show(change.old)} → {show(change.new)}{delta}"


def headline(diff: JourneyDiff) -> str:
    return (
        f"{diff.journey}: {len(diff.improved)} touchpoints improved, {len(diff.regressed)} regressed;"
        f" average emotion {signed(diff.old_average)} → {signed(diff.new_average)}"
    )


def show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    return str(value)
