"""How the human formats of a diff word each change: by name, as the map's readers call things."""

from __future__ import annotations

from typing import Any

from cjm.diff.compare import Change, JourneyDiff
from cjm.present.words import plural, signed

SYMBOL = {"better": "▲", "worse": "▼", "neutral": "•"}
_DEFINITIONS = ("persona", "team", "channel", "phase")


def describe(change: Change) -> str:
    """One line, in words: "improved Reports water damage (Ana Martínez): emotion -2 → 0 (+2)"."""
    if change.kind in ("added", "removed"):
        return _added_or_removed(change)
    if change.kind == "renamed":
        return f"renamed {change.field} {show(change.old)} → {show(change.new)}"
    if change.kind == "moved":
        return f"moved {change.field} {subject(change)}: {show(change.old_name)} → {show(change.new_name)}"
    if change.kind == "new-pain":
        return f"new Moment of Pain at {subject(change)}: emotion {signed(change.new)}"
    if change.kind == "pain-gone":
        return f"Moment of Pain gone at {subject(change)}: {change.new}"
    return _changed(change)


def _added_or_removed(change: Change) -> str:
    value = change.new if change.kind == "added" else change.old
    names = _names(change)
    if len(names) >= 4:  # a metric or an improvement, at its touchpoint
        shown = f" ({show(value)})" if value not in (None, "") else ""
        return f"{change.kind} {change.field} {names[-1]} at {names[2]}{shown}"
    if len(names) == 1:
        return f"{change.kind} {change.field} {show(value)}"
    return f"{change.kind} {change.field} {names[-1]}"


def _changed(change: Change) -> str:
    word = "" if change.kind in ("changed", "metric-status", "improvement-status") else f"{change.kind} "
    where = subject(change)
    field = (change.field or "").split(".")[-1]
    old, new = (
        (change.old_name, change.new_name) if change.new_name or change.old_name else (change.old, change.new)
    )
    delta = f" ({signed(change.delta)})" if change.delta is not None else ""
    prefix = f"{where}: " if where else ""
    return f"{word}{prefix}{field} {show(old)} → {show(new)}{delta}"


def subject(change: Change) -> str:
    """What the change is about, by name: "Checks out (Ana)", "Pays / Failed payments", "persona Bob"."""
    names = _names(change)
    if len(names) == 2:
        kind = (change.field or "").split(".")[0]
        return f"{kind} {names[1]}" if kind in _DEFINITIONS else names[1]
    if len(names) == 3:
        return names[2]  # a stage or touchpoint: its id is unique, its container needs no naming
    if len(names) >= 4 and change.field in ("emotion", "moment"):
        return f"{names[2]} ({names[3]})"
    return " / ".join(names[2:])


def _names(change: Change) -> tuple[str, ...]:
    return change.names or change.path


def summary(diff: JourneyDiff) -> str:
    """ "1 touchpoint improved, 2 regressed; average emotion +0.78 → +0.33"."""
    return (
        f"{plural(len(diff.improved), 'touchpoint')} improved, {len(diff.regressed)} regressed;"
        f" average emotion {signed(diff.old_average)} → {signed(diff.new_average)}"
    )


def headline(diff: JourneyDiff) -> str:
    return f"{diff.headline}: {summary(diff)}"


def show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    return str(value)
