"""Pydantic's validation errors in the words of the format, each at the node to fix (CJM101)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from pydantic_core import ErrorDetails

from cjm.findings import Problem
from cjm.loader import Map, Position, Seq, locate
from cjm.model import BUILTIN_CHANNELS, PHASE_IDS, SLUG_PATTERN, UNION_TAG_PREFIX, spanish_meaning, suggest

_KINDS_OF_LISTS = {
    "phases": "phase", "stages": "stage", "touchpoints": "touchpoint", "personas": "persona",
    "teams": "team", "channels": "channel", "improvements": "improvement", "metrics": "metric",
}  # fmt: skip
_TYPE_ERRORS = {
    "string_type": "text", "int_type": "a whole number", "int_parsing": "a whole number",
    "int_from_float": "a whole number", "float_type": "a number", "float_parsing": "a number",
    "bool_type": "true or false", "bool_parsing": "true or false", "list_type": "a list",
    "dict_type": "a mapping of fields", "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
}  # fmt: skip


def problems_from_errors(
    tree: Any, errors: list[ErrorDetails], root_kind: str, explained: set[tuple[Position, str | None]]
) -> list[Problem]:
    """One CJM101 problem per pydantic error, in the words of the format, at the right node.

    A missing field is left out when an unknown key of the same mapping stands for it
    (`explained`): the unknown key's finding already says what to fix.
    """
    problems = []
    for error in errors:
        loc = [step for step in error["loc"] if not str(step).startswith(UNION_TAG_PREFIX)]
        if error["type"] == "missing" and (locate(tree, loc[:-1]), loc[-1]) in explained:
            continue
        problems.append(_problem(tree, loc, error, root_kind))
    return problems


def _problem(tree: Any, loc: list[Any], error: ErrorDetails, root_kind: str) -> Problem:
    kind, value = error["type"], error.get("input")
    if kind == "missing":
        return Problem(
            locate(tree, loc[:-1]),
            f"missing required field '{loc[-1]}'{_in_object(tree, loc[:-1], root_kind)}",
        )
    subject = _subject(tree, loc, root_kind)
    if kind == "string_pattern_mismatch" and error.get("ctx", {}).get("pattern") == SLUG_PATTERN:
        meant = spanish_meaning(str(value), _closed_ids(loc))
        message = (
            f"{subject} must be an id such as '{meant or slugify(str(value))}' (lowercase letters, digits,"
            f" '-' and '_'), not {_show(value)}"
        )
        message += f" ('{value}' is Spanish for '{meant}')" if meant else ""
    elif kind == "literal_error":
        expected = str(error.get("ctx", {}).get("expected", ""))
        allowed = re.findall(r"'([^']*)'", expected) or [expected]
        message = f"{subject} must be {_or(allowed)}, not {_show(value)}"
        message += suggest(str(value), allowed)
    elif kind == "list_type" and value is None:
        message = f"{subject} is empty: write [] for none"
    elif kind in _TYPE_ERRORS:
        message = f"{subject} must be {_TYPE_ERRORS[kind]}, not {_show(value)}"
    elif kind == "number":
        message = f"{subject} {error['msg']}"
    else:
        message = f"{subject}: {error['msg']}"
    return Problem(locate(tree, loc), message)


def _closed_ids(loc: list[Any]) -> tuple[str, ...]:
    """The ids the format itself defines for the id at `loc`: a phase's, or a channel's."""
    if len(loc) >= 3 and loc[-3] == "phases" and loc[-1] == "id":
        return PHASE_IDS
    if "channel" in loc[-2:] or "channels" in loc[-2:-1]:
        return tuple(BUILTIN_CHANNELS)
    return ()


def _subject(tree: Any, loc: list[Any], root_kind: str) -> str:
    """How to name the value at `loc`: "'moment' in touchpoint 'pay'", "each stage in ..."."""
    if loc and isinstance(loc[-1], int):
        owner = loc[-2] if len(loc) > 1 else ""
        item = _KINDS_OF_LISTS.get(str(owner), f"item of '{owner}'")
        return f"each {item}{_in_object(tree, loc[:-2], root_kind)}"
    if len(loc) >= 2 and isinstance(loc[-2], str) and _is_mapping_of_ids(loc[-2]):
        return f"'{loc[-2]}' of '{loc[-1]}'{_in_object(tree, loc[:-2], root_kind)}"
    field = loc[-1] if loc else "the file"
    return f"'{field}'{_in_object(tree, loc[:-1], root_kind)}"


def _is_mapping_of_ids(field: str) -> bool:
    return field in ("emotion", "expected_emotion")


def _in_object(tree: Any, loc: list[Any], root_kind: str) -> str:
    """ " in touchpoint 'pay'" for the object at `loc`; nothing for the file's top level."""
    if not loc:
        return ""
    node = tree
    for step in loc:
        node = _child(node, step)
    kind = "profile" if loc[-1] == "profile" else None
    if kind is None and len(loc) >= 2 and isinstance(loc[-1], int):
        kind = _KINDS_OF_LISTS.get(str(loc[-2]))
    if kind is None:
        return f" in '{loc[-1]}'"
    ident = next(
        (node[k] for k in ("id", "name") if isinstance(node, Map) and isinstance(node.get(k), str)), None
    )
    return f" in {kind} '{ident}'" if ident else f" in {kind} {_ordinal(loc[-1])}"


def _child(node: Any, step: Any) -> Any:
    if isinstance(node, Map):
        return node.get(step)
    if isinstance(node, Seq) and isinstance(step, int) and step < len(node):
        return node[step]
    return None


def _ordinal(index: Any) -> str:
    return f"#{index + 1}" if isinstance(index, int) else f"'{index}'"


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return repr(value) if len(value) <= 60 else repr(value[:57] + "...")
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _or(words: list[str]) -> str:
    return f"{', '.join(words[:-1])} or {words[-1]}" if len(words) > 1 else "".join(words)


def slugify(text: str) -> str:
    """A valid id close to `text`: lowercase, accents dropped, other characters as '-'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9_-]+", "-", plain).strip("-_")
    return slug or "my-id"
