"""How the human formats of a diff word each change: by name, as the map's readers call things, in
the journey's language (`JourneyDiff.lang`).

Every value is worded too: a closed set of the format (a moment, a status, a priority, a channel's
type) and a language by their names, yes and no, "none" for an empty value, and text written over
several lines folded onto one, as a paragraph reads (one change, one line).
"""

from __future__ import annotations

from typing import Any

from cjm.diff.changes import Change, ChangeKind, JourneyDiff
from cjm.present.i18n import DEFAULT, N_, Words
from cjm.present.words import quantity_in, signed_in, word

SYMBOL = {"better": "▲", "worse": "▼", "neutral": "•"}
_DEFINITIONS = ("persona", "team", "channel", "phase")
_VERBS = {
    ChangeKind.ADDED: N_("added"), ChangeKind.REMOVED: N_("removed"), ChangeKind.RENAMED: N_("renamed"),
    ChangeKind.MOVED: N_("moved"), ChangeKind.IMPROVED: N_("improved"), ChangeKind.REGRESSED: N_("regressed"),
    ChangeKind.WORSENED: N_("worsened"),
}  # fmt: skip
"""The kinds of change as the diff says them."""
_FIELDS = {
    # what is added, removed, renamed or moved
    "journey": N_("journey"), "persona": N_("persona"), "team": N_("team"), "channel": N_("channel"),
    "phase": N_("phase"), "stage": N_("stage"), "touchpoint": N_("touchpoint"), "metric": N_("metric"),
    "improvement": N_("improvement"),
    # the fields that change
    "title": N_("title"), "description": N_("description"), "state": N_("state"), "scenario": N_("scenario"),
    "team.stage": N_("front or back stage"), "unit": N_("unit"), "source": N_("source"),
    "higher_is_better": N_("higher is better"), "kind": N_("kind"), "data": N_("data"),
    "lang": N_("language"), "catalogs": N_("catalogs"), "review_by": N_("review by"), "priority": N_("priority"),
    "context": N_("context"), "activity": N_("activity"), "personas": N_("personas"), "owner": N_("owner"),
    "frontstage": N_("frontstage"), "backstage": N_("backstage"), "support": N_("support"),
    "need": N_("need"), "goal": N_("goal"),
    "expectation": N_("expectation"), "thoughts": N_("thoughts"), "emotion": N_("emotion"),
    "expected_emotion": N_("expected emotion"), "moment": N_("moment"), "problems": N_("problems"),
    "opportunities": N_("opportunities"), "evidence": N_("evidence"), "confidence": N_("confidence"),
    "value": N_("value"), "target": N_("target"), "status": N_("status"), "needs": N_("needs"),
    "motivations": N_("motivations"), "role": N_("role"), "archetype": N_("archetype"), "goals": N_("goals"),
    "channels": N_("channels"), "frustrations": N_("frustrations"), "profile": N_("profile"), "type": N_("type"),
}  # fmt: skip
"""The things and fields a change names, as the diff says them; another field is shown as it is."""
_WORDED = ("status", "state", "improvement", "confidence", "role", "type", "moment", "priority", "stage")
"""Fields whose values are a closed set of the format, said in the language (a team's `stage`:
front or back)."""
_GONE = {"touchpoint removed": N_("touchpoint removed"), "no longer a pain": N_("no longer a pain")}


def describe(change: Change, t: Words, state: str = "current") -> str:
    """One line, in words: "improved Reports water damage (Ana Martínez): emotion -2 → 0 (+2)";
    `state`: of the journey the change is in."""
    return folded(_described(change, t, state))


def folded(text: str) -> str:
    """Text written over several lines, on one: its lines joined by a space."""
    lines = text.splitlines()
    return text if len(lines) < 2 else " ".join(line.strip() for line in lines if line.strip())


def _described(change: Change, t: Words, state: str) -> str:
    if change.kind in (ChangeKind.ADDED, ChangeKind.REMOVED):
        return _added_or_removed(change, t, state)
    if change.kind is ChangeKind.RENAMED:
        old, new = (change.old_name, change.new_name) if change.old_name else (change.old, change.new)
        return t(
            "renamed {what} {old} → {new}", what=_field(change.field, t), old=show(old, t), new=show(new, t)
        )
    if change.kind is ChangeKind.MOVED:
        return t("moved {what} {subject}: {old} → {new}", what=_field(change.field, t),
                 subject=subject(change, t), old=show(change.old_name, t), new=show(change.new_name, t))  # fmt: skip
    if change.kind is ChangeKind.NEW_PAIN:
        return t("new Moment of Pain at {subject}: emotion {emotion}", subject=subject(change, t),
                 emotion=signed_in(change.new, t))  # fmt: skip
    if change.kind is ChangeKind.PAIN_GONE:
        why = t(_GONE[change.new]) if change.new in _GONE else show(change.new, t)
        return t("Moment of Pain gone at {subject}: {why}", subject=subject(change, t), why=why)
    return _changed(change, t)


def _added_or_removed(change: Change, t: Words, state: str) -> str:
    value = change.new if change.kind is ChangeKind.ADDED else change.old
    names = _names(change)
    verb, what = t(_VERBS[change.kind]), _field(change.field, t)
    if len(names) >= 4:  # a metric or an improvement, at its touchpoint
        shown = f" ({_value(change, value, t)})" if value not in (None, "") else ""
        return (
            t("{verb} {what} {name} at {where}", verb=verb, what=what, name=names[-1], where=names[2]) + shown
        )
    if len(names) == 1 and state == "future":
        return t("{verb} the future state of {title}", verb=verb, title=show(value, t))
    if len(names) == 1:
        return f"{verb} {what} {show(value, t)}"
    return f"{verb} {what} {names[-1]}"


def _changed(change: Change, t: Words) -> str:
    verb = f"{t(_VERBS[change.kind])} " if change.kind in _VERBS else ""
    where = subject(change, t)
    old, new = (
        (change.old_name, change.new_name) if change.new_name or change.old_name else (change.old, change.new)
    )
    delta = f" ({signed_in(change.delta, t)})" if change.delta is not None else ""
    prefix = f"{where}: " if where else ""
    return f"{verb}{prefix}{_field_of(change, t)} {_value(change, old, t)} → {_value(change, new, t)}{delta}"


def subject(change: Change, t: Words) -> str:
    """What the change is about, by name: "Checks out (Ana)", "Pays / Failed payments", "persona Bob"."""
    names = _names(change)
    if len(names) == 2:
        kind = (change.field or "").split(".")[0]
        return f"{_field(kind, t)} {names[1]}" if kind in _DEFINITIONS else names[1]
    if len(names) == 3:
        return names[2]  # a stage or touchpoint: its id is unique, its container needs no naming
    if len(names) >= 4 and change.field in ("emotion", "moment"):
        return f"{names[2]} ({names[3]})"
    return " / ".join(names[2:])


def _names(change: Change) -> tuple[str, ...]:
    return change.names or change.path


def _field(field: str | None, t: Words) -> str:
    return t(_FIELDS[field]) if field in _FIELDS else str(field)


def _field_of(change: Change, t: Words) -> str:
    """The field a change is in: by its whole name where its last part is ambiguous (team.stage)."""
    field = change.field or ""
    return _field(field if field in _FIELDS else field.split(".")[-1], t)


def _value(change: Change, value: Any, t: Words) -> str:
    """A value the change shows; a value of a closed set of the format, or a language, in words."""
    last = (change.field or "").split(".")[-1]
    if change.new_name is not None or change.old_name is not None:
        return show(value, t)  # already named (a channel, an owner)
    if last == "lang" and isinstance(value, str):
        return _language(value, t)
    return show(value, t, worded=last in _WORDED)


def _language(code: str, t: Words) -> str:
    """ "Spanish" in English, "español" in Spanish."""
    from babel import Locale

    return str(Locale.parse(code).get_display_name(t.lang))


def summary(diff: JourneyDiff, t: Words) -> str:
    """ "1 touchpoint improved, 2 regressed; average emotion +0.78 → +0.33"."""
    return t("{improved}, {regressed}; average emotion {before} → {after}",
             improved=t.plural("{count} touchpoint improved", "{count} touchpoints improved", len(diff.improved)),
             regressed=t.plural("{count} regressed", "{count} regressed", len(diff.regressed)),
             before=signed_in(diff.old_average, t), after=signed_in(diff.new_average, t))  # fmt: skip


def headline(diff: JourneyDiff, t: Words) -> str:
    return f"{title(diff, t)}: {summary(diff, t)}"


def title(diff: JourneyDiff, t: Words) -> str:
    """The journey's title; a future state's says so."""
    named = folded(diff.headline)
    return t("{title} (future state)", title=named) if diff.state == "future" else named


def show(value: Any, t: Words, *, worded: bool = False) -> str:
    """A value as people read it; `worded`: a value of a closed set of the format, in words."""
    if value is None or value in ("", [], {}):
        return t.in_context("value", "none")
    if isinstance(value, bool):
        return t("yes") if value else t("no")
    if isinstance(value, list):
        return "[" + ", ".join(show(v, t, worded=worded) for v in value) + "]"
    if isinstance(value, dict):
        return ", ".join(f"{key}: {show(v, t, worded=worded)}" for key, v in value.items())
    if isinstance(value, float) and t.lang != DEFAULT:  # English keeps the value as Python writes it
        return quantity_in(value, None, t)
    if isinstance(value, str) and worded:
        return word(value, t)
    return folded(str(value))
