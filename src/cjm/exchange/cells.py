"""How each kind of field is written in one spreadsheet cell, and read back exactly.

- A text is the cell as it is.
- A list of texts (backstage, problems, evidence...) is one item per line. An item that a line
  cannot hold as it is (empty, with a line break, with spaces around it, or starting with a
  double quote) is written as a JSON string, in double quotes; such a line is read as JSON.
- A list of ids (personas) is the ids separated by commas.
- An improvement is one line: its text, then its owner, status and priority in brackets when
  they are set: `Show the price [owner: marketing, status: planned, priority: high]`.
- A metric, or any other structured value (a persona's profile), is a YAML flow mapping on one
  line: `{name: CTR, value: 0.8, target: 1.5, unit: '%'}`.
- An emotion is a number from -2 to 2 (or one of the format's words).

Newlines rather than " | " separate items: a pipe is ordinary text in a touchpoint, and a
spreadsheet shows one item per line, where people read and edit them.
"""

from __future__ import annotations

import io
import json
import re
from typing import Any

from cjm.model import EMOTION_WORDS, Improvement
from cjm.spreadsheet import cell_text

_YAML_FLOW_WIDTH = 1_000_000


class CellError(ValueError):
    """A cell that cannot be read: the message says why, the caller says where."""


# -- lists of texts ---------------------------------------------------------------------------------


def _needs_quotes(item: str) -> bool:
    return item == "" or item != item.strip() or item.startswith('"') or any(c in item for c in "\n\r")


def text_line(item: str) -> str:
    return json.dumps(item, ensure_ascii=False) if _needs_quotes(item) else item


def write_lines(items: list[str]) -> str | None:
    return "\n".join(text_line(item) for item in items) if items else None


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def _quoted(line: str) -> tuple[str, str]:
    """A JSON string at the start of `line`, and what follows it."""
    try:
        value, end = json.JSONDecoder().raw_decode(line)
    except json.JSONDecodeError as exc:
        raise CellError(
            f"a line starting with '\"' is a quoted text, which ends too early: {exc.msg}"
        ) from None
    if not isinstance(value, str):  # pragma: no cover - raw_decode of '"' gives a string or fails
        raise CellError("a line starting with '\"' is a quoted text")
    return value, line[end:].strip()


def read_lines(text: str | None) -> list[str]:
    items = []
    for line in _lines(text or ""):
        if line.startswith('"'):
            value, rest = _quoted(line)
            if rest:
                raise CellError(f"unexpected {rest!r} after the quoted text {line[: len(line) - len(rest)]}")
            items.append(value)
        else:
            items.append(line)
    return items


def write_ids(ids: list[str]) -> str | None:
    return ", ".join(ids) if ids else None


def read_ids(text: str | None) -> list[str]:
    return [part.strip() for part in re.split(r"[,\n;]", text or "") if part.strip()]


# -- improvements -----------------------------------------------------------------------------------

_ATTRIBUTES = ("owner", "status", "priority")
_STATUSES = {"proposed", "planned", "in-progress", "done"}
_PRIORITIES = {"low", "medium", "high"}
_BRACKETS = re.compile(r"^(.*?)\s*\[([^\[\]]*)\]$")


def improvement_line(item: Improvement) -> str:
    text = item.text
    quoted = _needs_quotes(text) or text.endswith("]")
    line = json.dumps(text, ensure_ascii=False) if quoted else text
    attributes = [f"owner: {item.owner}"] if item.owner else []
    attributes += [f"status: {item.status}"] if item.status != "proposed" else []
    attributes += [f"priority: {item.priority}"] if item.priority else []
    return f"{line} [{', '.join(attributes)}]" if attributes else line


def write_improvements(items: list[Improvement]) -> str | None:
    return "\n".join(improvement_line(item) for item in items) if items else None


def _attributes(inside: str) -> dict[str, str] | None:
    """`owner: x, status: planned` (or bare `planned, high, x`); None when it is not that."""
    found: dict[str, str] = {}
    for part in (p.strip() for p in inside.split(",")):
        if not part:
            continue
        key, sep, value = part.partition(":") if ":" in part else part.partition("=")
        if sep:
            key, value = key.strip().lower(), value.strip()
            if key not in _ATTRIBUTES or not value:
                return None
        elif part in _STATUSES:
            key, value = "status", part
        elif part in _PRIORITIES:
            key, value = "priority", part
        elif re.fullmatch(r"[a-z0-9][a-z0-9_-]*", part):
            key, value = "owner", part
        else:
            return None
        if key in found:
            return None
        found[key] = value
    return found


def read_improvements(text: str | None) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for line in _lines(text or ""):
        if line.startswith('"'):
            value, rest = _quoted(line)
            match = _BRACKETS.fullmatch(rest) if rest else None
            attributes = _attributes(match.group(2)) if match and not match.group(1) else {}
            if attributes is None or (rest and match is None):
                raise CellError(
                    f"after the quoted text, write [owner: TEAM, status: STATUS, priority: PRIORITY], not {rest!r}"
                )
            items.append({"text": value, **attributes})
            continue
        match = _BRACKETS.fullmatch(line)
        attributes = _attributes(match.group(2)) if match else None
        if match and attributes is not None and match.group(1):
            items.append({"text": match.group(1), **attributes})
        else:
            items.append({"text": line})
    return items


# -- structured values: one YAML flow mapping a line --------------------------------------------------


def flow(value: Any) -> str:
    """`value` as YAML on one line: a flow mapping or sequence, or a scalar."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = True
    yaml.width = _YAML_FLOW_WIDTH
    yaml.allow_unicode = True
    yaml.representer.sort_base_mapping_type_on_output = False  # the model's order: name first
    out = io.StringIO()
    yaml.dump(value, out)
    text = out.getvalue().strip()
    if text.endswith("\n..."):  # a scalar's end-of-document marker
        text = text.removesuffix("...").strip()
    if "\n" in text or not _reads_back(text, value):
        # a text with line breaks, or one the flow style reads otherwise ("?x" in a sequence is a
        # key): JSON is YAML too, holds them on one line and reads back as written
        text = json.dumps(value, ensure_ascii=False, default=str)
    return text


def _reads_back(text: str, value: Any) -> bool:
    try:
        return bool(unflow(text) == value)
    except CellError:
        return False


def unflow(line: str) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        return YAML(typ="safe", pure=True).load(line)
    except RecursionError:
        raise CellError("a YAML flow mapping nested too deep to read") from None
    except YAMLError as exc:
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise CellError(
            f"{line!r} is not a YAML flow mapping such as {{name: CTR, value: 0.8}}: {problem}"
        ) from None


def write_flow_lines(items: list[Any]) -> str | None:
    return "\n".join(flow(item) for item in items) if items else None


def read_flow_lines(text: str | None) -> list[Any]:
    return [unflow(line) for line in _lines(text or "")]


# -- emotions ---------------------------------------------------------------------------------------


def read_emotion(value: Any) -> int | None:
    text = cell_text(value)
    if text is None:
        return None
    text = text.strip()
    if re.fullmatch(r"[+-]?\d+", text) and -2 <= int(text) <= 2:
        return int(text)
    if text.lower() in EMOTION_WORDS:
        return EMOTION_WORDS[text.lower()]
    raise CellError(
        f"{text!r} is not an emotion: write a whole number from -2 (very negative) to 2 (very positive),"
        " or a word such as 'negative' or 'muy-positivo'"
    )
