"""A journey written out as a YAML file people keep editing: the format's key order, short lists
and emotions per persona on one line, metrics as one-line mappings."""

from __future__ import annotations

import datetime
import io
import re
from typing import Any

from cjm.exchange.places import NodePath

_FLOW_MAPPINGS = {"emotion", "expected_emotion", "where"}
_FLOW_ITEMS = {"metrics", "history"}
_SHORT = 70


def _clean(value: Any) -> Any:
    """The dump without what is empty or left at its default where the format says so."""
    if isinstance(value, dict):
        kept = {k: _clean(v) for k, v in value.items() if v is not None and v != [] and v != {}}
        if set(kept) >= {"text", "status"} and kept["status"] == "proposed":
            del kept["status"]  # an improvement's default
        if kept.get("higher_is_better") is True and "name" in kept:
            del kept["higher_is_better"]  # a metric's default
        if kept.get("match_case") is True and "file" in kept:
            del kept["match_case"]  # a metric's data's default
        return kept
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _short(items: list[Any]) -> bool:
    scalars = all(isinstance(i, (str, int, float)) and "\n" not in str(i) for i in items)
    return scalars and sum(len(str(i)) + 2 for i in items) <= _SHORT


def _scalars(mapping: dict[str, Any]) -> bool:
    return all(isinstance(v, (str, int, float, bool)) and "\n" not in str(v) for v in mapping.values())


def _styled(value: Any, key: str | None = None, flow: bool = False, *, exact: bool = False) -> Any:
    """`exact`: inside `where`, whose answers keep their type (5 and '5' are different answers)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        styled = CommentedMap((k, _styled(v, k, exact=exact or k == "where")) for k, v in value.items())
        if flow or (key in _FLOW_MAPPINGS and _scalars(value)):
            styled.fa.set_flow_style()
        return styled
    if isinstance(value, list):
        if key in ("improvements",):
            value = [i["text"] if isinstance(i, dict) and list(i) == ["text"] else i for i in value]
        items = CommentedSeq(
            _styled(v, None, key in _FLOW_ITEMS and isinstance(v, dict) and _scalars(v), exact=exact)
            for v in value
        )
        if value and _short(value):
            items.fa.set_flow_style()
        return items
    return value if exact or not isinstance(value, str) else _bare(value)


_WHOLE = re.compile(r"-?[1-9][0-9]*|0")
_DECIMAL = re.compile(r"-?[0-9]+\.[0-9]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _bare(text: str) -> Any:
    """A text that reads back the same when written without quotes, as the value it looks like: a
    number (a text field takes a number as its text: `age: 41`) or a date (`review_by: 2027-02-15`,
    which the format reads as text). Anything else stays a text, quoted where YAML needs it."""
    if _WHOLE.fullmatch(text):
        return int(text)
    if _DECIMAL.fullmatch(text) and repr(float(text)) == text:
        return float(text)
    if _DATE.fullmatch(text):
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            return text
    return text


def journey_yaml(
    content: dict[str, Any], header: list[str], comments: dict[NodePath, str] | None = None
) -> str:
    """A journey's content (a model's dump, or what an import read when it is not valid) as YAML
    text; `comments` go at the end of the line of the node at each path."""
    from ruamel.yaml import YAML

    dumped = _clean(content)
    dumped = {"cjm": dumped.pop("cjm", 1), "kind": dumped.pop("kind", "journey"), **dumped}
    styled = _styled(dumped)
    for path, comment in (comments or {}).items():
        _comment(styled, path, comment)
    _quote_in_flow(styled)
    styled.yaml_set_start_comment("\n".join(header))
    yaml = YAML(typ="rt")
    yaml.width = 1 << 16  # a line never wraps: a comment at its end stays on the line of its node
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    yaml.dump(styled, out)
    return out.getvalue()


def _comment(styled: Any, path: NodePath, comment: str) -> None:
    """`comment` on the line where the node at `path` starts; inside a flow collection, which holds
    no comment, on the line of the collection. A list's item other than a phase, a stage or a
    touchpoint (a metric, a persona) is written on one line, so that its comment stands for all of it."""
    from ruamel.yaml.comments import CommentedBase, CommentedMap

    parent, step, node = None, None, styled
    for key in path:
        if not _has(node, key) or (isinstance(node, CommentedBase) and node.fa.flow_style()):
            break
        parent, step, node = node, key, node[key]
    if isinstance(node, CommentedMap) and not node.fa.flow_style() and node:
        if isinstance(step, int) and path[-2] not in _ROWS and _one_line(node):
            node.fa.set_flow_style()  # on its own line, as the comment that silences what it holds was
        else:
            parent, step = node, next(iter(node))  # a mapping's first line is its first key's
    if parent is None or step is None:
        return
    parent.yaml_add_eol_comment(comment, step)


def _quote_in_flow(node: Any, flow: bool = False) -> None:
    """Quote the texts with a '?' or a ':' inside a flow collection (`10:30`, a URL): YAML writes
    them bare there, and the readers that follow YAML 1.1 (cjm's among them) stop at them."""
    from ruamel.yaml.comments import CommentedBase
    from ruamel.yaml.scalarstring import SingleQuotedScalarString

    flow = flow or (isinstance(node, CommentedBase) and bool(node.fa.flow_style()))
    steps = node.keys() if isinstance(node, dict) else range(len(node)) if isinstance(node, list) else []
    for step in list(steps):
        child = node[step]
        if flow and isinstance(child, str) and ("?" in child or ":" in child):
            node[step] = SingleQuotedScalarString(child)
        else:
            _quote_in_flow(child, flow)


_ROWS = ("phases", "stages", "touchpoints")
"""Items too large for one line: a comment on one of them is on its first line."""


def _one_line(value: Any) -> bool:
    if isinstance(value, dict):
        return all(_one_line(v) for v in value.values())
    if isinstance(value, list):
        return all(_one_line(v) for v in value)
    return "\n" not in str(value)


def _has(node: Any, key: str | int) -> bool:
    if isinstance(node, dict):
        return key in node
    return isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node)
