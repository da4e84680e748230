"""Edit a YAML text one node at a time, leaving every other byte as it was.

Each edit (insert an item, delete an item, set or delete a key) is made on ruamel.yaml's
round-trip tree of the whole text, which is dumped again; but only the lines of the edited node
are taken from that dump and spliced into the original text, shifted to the column the node has
there. Comments and blank lines between nodes stay where they were; comments inside an edited
node travel with it. A node inside a flow collection (`{id: a, name: A}`) is edited by
rewriting the smallest block-style node around it, in flow style still. After every edit the
spliced text is read back and must mean what the dump means, or nothing is returned.
"""

from __future__ import annotations

import datetime
import io
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from cjm.errors import CjmError
from cjm.yamlstyle import indent_of, is_blank, plain_data, round_trip

Step = str | int
Path = tuple[Step, ...]
DATE_KEYS = frozenset({"review_by", "measured", "date"})
"""Keys whose values are dates: written unquoted, as people write them."""
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class CannotEdit(CjmError):
    """The text cannot be edited without changing more than the edited node."""


@dataclass(frozen=True)
class Insert:
    """Put `value` at `index` of the sequence at `path`."""

    path: Path
    index: int
    value: Any


@dataclass(frozen=True)
class Delete:
    """Take out the item `index` of the sequence, or the key `index` of the mapping, at `path`."""

    path: Path
    member: Step


@dataclass(frozen=True)
class Set:
    """Give the key `key` of the mapping at `path` the `value`; a new key goes after the keys
    listed before it in `order` (the format's order of fields)."""

    path: Path
    key: str
    value: Any
    order: Sequence[str] = ()


Edit = Insert | Delete | Set


class YamlText:
    """A YAML text being edited; `text` is its current state."""

    def __init__(self, text: str) -> None:
        self._bom = text.startswith("\ufeff")
        text = text.removeprefix("\ufeff")
        self._newline = "\r\n" if "\r\n" in text else "\n"
        self._final_newline = text.endswith("\n") or not text
        text = text.replace("\r\n", "\n")
        self._text = text if self._final_newline else text + "\n"

    @property
    def text(self) -> str:
        text = self._text if self._final_newline else self._text[:-1]
        return ("\ufeff" if self._bom else "") + text.replace("\n", self._newline)

    def tree(self) -> Any:
        """The round-trip tree of the current text (a fresh one: edits to it change nothing)."""
        return round_trip(self._text).load(self._text)

    def apply(self, edit: Edit) -> None:
        yaml = round_trip(self._text)
        tree = yaml.load(self._text)
        lines = self._text.splitlines(keepends=True)
        unit = _unit(tree, edit)
        old_span, column = _old_span(lines, tree, unit, edit)
        parted = (
            _parted(lines, _node(tree, unit.path)) if isinstance(edit, Insert) and not unit.whole else False
        )
        _mutate(tree, edit)
        out = io.StringIO()
        yaml.dump(tree, out)
        dumped = out.getvalue()
        new_lines = dumped.splitlines(keepends=True)
        new_tree = yaml.load(dumped)
        new_span, new_column = _new_span(new_lines, new_tree, unit, edit)
        taken = _shifted(new_lines[new_span[0] : new_span[1]], column - new_column)
        if not unit.whole:
            old_span, taken = _spaced(lines, edit, old_span, taken, parted)
        spliced = "".join(lines[: old_span[0]] + taken + lines[old_span[1] :])
        if plain_data(_safe_load(spliced)) != plain_data(_safe_load(dumped)):
            raise CannotEdit(
                "cannot make this change without rewriting other lines of the file: make it by hand"
            )
        self._text = spliced


# -- where an edit lands --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Unit:
    """The block-style node whose lines change: a member of the container at `path`;
    `whole` when it is rewritten as a whole because the edit is inside a flow collection."""

    path: Path
    member: Step
    whole: bool = False


def _unit(tree: Any, edit: Edit) -> _Unit:
    member: Step = (
        edit.index if isinstance(edit, Insert) else edit.member if isinstance(edit, Delete) else edit.key
    )
    path = edit.path
    flow_at = next((i for i in range(len(path) + 1) if _is_flow(_node(tree, path[:i]))), None)
    if flow_at is None:
        container = _node(tree, path)
        if isinstance(edit, Delete) and len(container) == 1 and path:
            return _Unit(path[:-1], path[-1], whole=True)  # what is left is written `[]` or `{}`
        return _Unit(path, member)
    if flow_at == 0:
        raise CannotEdit("the file is written in flow style as a whole ({...}): edit it by hand")
    return _Unit(path[: flow_at - 1], path[flow_at - 1], whole=True)


def _old_span(lines: list[str], tree: Any, unit: _Unit, edit: Edit) -> tuple[tuple[int, int], int]:
    """The lines [start, end) the edit replaces in the current text, and the node's column."""
    container = _node(tree, unit.path)
    if unit.whole or isinstance(edit, Delete) or (isinstance(edit, Set) and edit.key in container):
        start, end, column = _span(lines, container, unit.member)
        return (start, end), column
    if isinstance(edit, Insert):
        if unit.member == 0:
            start, _, column = _span(lines, container, 0)
            return (start, start), column
        _, end, column = _span(lines, container, int(unit.member) - 1)
        return (end, end), column
    assert isinstance(edit, Set)
    before = _key_before(container, edit.key, edit.order)
    _, end, column = _span(lines, container, before)
    return (end, end), column


def _parted(lines: list[str], sequence: Any) -> bool:
    """Whether the items of a block sequence are parted by blank lines."""
    if not isinstance(sequence, CommentedSeq) or len(sequence) < 2:
        return False
    before = _span(lines, sequence, 1)[0] - 1
    while before > 0 and lines[before].lstrip().startswith("#"):
        before -= 1  # a comment above an item belongs to it
    return not lines[before].strip()


def _spaced(
    lines: list[str], edit: Edit, span: tuple[int, int], taken: list[str], parted: bool
) -> tuple[tuple[int, int], list[str]]:
    """Keep the file's spacing: an item added among items parted by blank lines gets one too;
    an item taken out from between two blank lines takes one of them along."""
    start, end = span
    if isinstance(edit, Delete):
        if end < len(lines) and not lines[end].strip() and (start == 0 or not lines[start - 1].strip()):
            end += 1
        return (start, end), taken
    if parted and isinstance(edit, Insert):
        taken = ["\n", *taken] if edit.index != 0 else [*taken, "\n"]
    return (start, end), taken


def _new_span(lines: list[str], tree: Any, unit: _Unit, edit: Edit) -> tuple[tuple[int, int], int]:
    if isinstance(edit, Delete) and not unit.whole:
        return (0, 0), 0
    start, end, column = _span(lines, _node(tree, unit.path), unit.member)
    return (start, end), column


def _span(lines: list[str], container: Any, member: Step) -> tuple[int, int, int]:
    """The lines [start, end) of a member of a block container, without the blank lines and
    comments after it, and the column of its key or of its dash."""
    if isinstance(container, CommentedSeq):
        assert isinstance(member, int)
        line, column = container.lc.item(member)
        before = lines[line][:column].rstrip()
        if before.endswith("-"):
            column = len(before) - 1
        else:  # the item's content starts on a line after its dash
            while line > 0 and not lines[line].lstrip().startswith("-"):
                line -= 1
            column = indent_of(lines[line])
        value = container[member]
        last = max(line, container.lc.item(member)[0])
    else:
        line, column = container.lc.key(member)
        value = container[member]
        last = max(line, container.lc.value(member)[0])
    last = _last_line(value, last)
    end = last + 1
    while end < len(lines) and (is_blank(lines[end]) or indent_of(lines[end]) > column):
        end += 1
    while end > last + 1 and is_blank(lines[end - 1]):
        end -= 1
    return line, end, column


def _last_line(node: Any, line: int) -> int:
    if isinstance(node, CommentedMap):
        for key, value in node.items():
            line = max(line, node.lc.value(key)[0])
            line = _last_line(value, line)
    elif isinstance(node, CommentedSeq):
        for index, value in enumerate(node):
            line = max(line, node.lc.item(index)[0])
            line = _last_line(value, line)
    return line


def _key_before(container: CommentedMap, key: str, order: Sequence[str]) -> str:
    """The key a new `key` goes after: the last one the format lists before it, else the last
    key; never before the first key (in a sequence item, it shares the line of the dash)."""
    keys = list(container)
    if key in order:
        earlier = set(order[: list(order).index(key)])
        placed = [k for k in keys if k in earlier]
        if placed:
            return str(placed[-1])
        return str(keys[0])
    return str(keys[-1])


# -- the edit on the tree -------------------------------------------------------------------------


def _mutate(tree: Any, edit: Edit) -> None:
    container = _node(tree, edit.path)
    if isinstance(edit, Insert):
        container.insert(edit.index, node_of(edit.value, tree, _parent_key(edit.path), item=True))
    elif isinstance(edit, Delete):
        del container[edit.member]
    elif edit.key in container:
        container[edit.key] = node_of(edit.value, tree, edit.key, keep=container[edit.key])
    else:
        position = list(container).index(_key_before(container, edit.key, edit.order)) + 1
        container.insert(position, edit.key, node_of(edit.value, tree, edit.key))


def node_of(value: Any, tree: Any, key: str | None, *, item: bool = False, keep: Any = None) -> Any:
    """`value` (JSON-like data) as round-trip nodes styled as the file styles that key: flow or
    block as most of the file's collections under the same key are, dates unquoted."""
    if isinstance(value, (CommentedMap, CommentedSeq)):
        return value  # a node of the file itself, moved: as it was written
    if isinstance(value, dict):
        mapping = CommentedMap()
        for k, v in value.items():
            mapping[k] = node_of(v, tree, str(k))
        if _flow_style(tree, key, mapping=True, item=item, keep=keep):
            mapping.fa.set_flow_style()
        return mapping
    if isinstance(value, list):
        sequence = CommentedSeq(node_of(v, tree, key, item=True) for v in value)
        if _flow_style(tree, key, mapping=False, item=False, keep=keep, scalars=_all_scalars(value)):
            sequence.fa.set_flow_style()
        return sequence
    if isinstance(value, str) and key in DATE_KEYS and _ISO_DATE.match(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    return value


def _all_scalars(items: list[Any]) -> bool:
    return all(not isinstance(v, (dict, list)) for v in items)


def _flow_style(
    tree: Any, key: str | None, *, mapping: bool, item: bool, keep: Any, scalars: bool = False
) -> bool:
    """Flow when the node it replaces was, else when most nodes of that kind under that key
    are; lacking any, lists of plain values in flow (`[ana, luis]`), the rest in block."""
    if isinstance(keep, (CommentedMap, CommentedSeq)):
        return bool(keep.fa.flow_style())
    votes = Counter(_styles(tree, key, mapping=mapping, item=item))
    if votes:
        return votes[True] > votes[False]
    return not mapping and scalars


def _styles(node: Any, key: str | None, *, mapping: bool, item: bool, under: str | None = None) -> Any:
    wanted = CommentedMap if mapping else CommentedSeq
    if isinstance(node, CommentedMap):
        for k, v in node.items():
            if not item and str(k) == key and isinstance(v, wanted):
                yield bool(v.fa.flow_style())
            yield from _styles(v, key, mapping=mapping, item=item, under=str(k))
    elif isinstance(node, CommentedSeq):
        for v in node:
            if item and under == key and isinstance(v, wanted):
                yield bool(v.fa.flow_style())
            yield from _styles(v, key, mapping=mapping, item=item, under=under)


def _parent_key(path: Path) -> str | None:
    return str(path[-1]) if path and isinstance(path[-1], str) else None


# -- helpers -------------------------------------------------------------------------------------


def _safe_load(text: str) -> Any:
    return YAML(typ="safe", pure=True).load(text)


def _node(tree: Any, path: Path) -> Any:
    for step in path:
        tree = tree[step]
    return tree


def _is_flow(node: Any) -> bool:
    return isinstance(node, (CommentedMap, CommentedSeq)) and bool(node.fa.flow_style())


def _shifted(lines: list[str], by: int) -> list[str]:
    if by > 0:
        return [" " * by + line if line.strip() else line for line in lines]
    if by < 0:
        return [line[min(-by, indent_of(line)) :] for line in lines]
    return lines


def plain(data: Any) -> Any:
    """Round-trip data as plain JSON-like values (dates as YYYY-MM-DD)."""
    return plain_data(data)
