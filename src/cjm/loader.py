"""Read journey files: bytes → YAML 1.2 tree whose mappings and sequences know where they stand.

The tree is built straight from the event stream of ruamel.yaml's C parser (libyaml). That is
several times faster than ruamel's own constructors, records the 1-based line and column of every
key and value on the way, and lets the loader refuse what no journey needs before anything walks
it: several documents, duplicate keys, nesting deeper than `MAX_DEPTH`, aliases that expand past
`MAX_ALIAS_EXPANSION` nodes (an "alias bomb"), and tags other than YAML's own.
"""

from __future__ import annotations

import gc
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

Position = tuple[int, int]
"""A 1-based (line, column)."""

MAX_DEPTH = 100
"""A journey nests about ten levels deep; anything past this is not a journey."""

MAX_ALIAS_EXPANSION = 100_000
"""How many nodes aliases may add to what the file spells out."""


class YamlError(Exception):
    """The text is not a readable YAML document (rule CJM100)."""

    def __init__(self, message: str, position: Position = (1, 1)) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


class Map(dict[Any, Any]):
    """A YAML mapping that remembers where it, each key and each value start."""

    __slots__ = ("key_at", "start", "value_at")

    def __init__(self, start: Position) -> None:
        super().__init__()
        self.start = start
        self.key_at: dict[Any, Position] = {}
        self.value_at: dict[Any, Position] = {}


class Seq(list[Any]):
    """A YAML sequence that remembers where it and each item start."""

    __slots__ = ("item_at", "start")

    def __init__(self, start: Position) -> None:
        super().__init__()
        self.start = start
        self.item_at: list[Position] = []


def decode(data: bytes) -> str:
    """UTF-8 text without its byte-order mark; other encodings are refused where they break."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise YamlError(
            f"byte 0x{data[exc.start]:02x} is not UTF-8: save the file as UTF-8", (line, column)
        ) from None
    return text.removeprefix("\ufeff")


def parse(text: str) -> Any:
    """The single document in `text` as plain Python values, `Map` and `Seq` (None when empty)."""
    nul = text.find("\0")
    if nul >= 0:  # the parser stops at it with its own words, at the start of the file
        line = text.count("\n", 0, nul) + 1
        column = nul - (text.rfind("\n", 0, nul) + 1) + 1
        raise YamlError("a NUL character (byte 0) is not allowed in a YAML file", (line, column))
    with _without_gc():
        try:
            return _TreeBuilder(_event_source(text)).build()
        except MarkedYAMLError as exc:
            raise _syntax_error(exc, text) from None
        except YAMLError as exc:  # unmarked errors: rare, but never a traceback
            raise YamlError(str(exc).strip().splitlines()[-1]) from None


# -- where a finding points ------------------------------------------------------------------


def locate(root: Any, path: Iterable[Any], *, key: bool = False) -> Position:
    """Where the node at `path` starts (its key with `key=True`), or the nearest enclosing node.

    Path elements that do not index the current node are skipped: pydantic puts the names of
    union members in its error locations, and they are not in the document.
    """
    node, here = root, getattr(root, "start", (1, 1))
    steps = list(path)
    for i, step in enumerate(steps):
        last = i == len(steps) - 1
        if isinstance(node, Map) and _is_key(node, step):
            here = node.key_at[step] if (key and last) else node.value_at[step]
            node = node[step]
        elif isinstance(node, Seq) and isinstance(step, int) and 0 <= step < len(node):
            here = node.item_at[step]
            node = node[step]
    return here


def start_of(node: Any) -> Position:
    """Where a mapping or sequence starts: its first key or item."""
    return getattr(node, "start", (1, 1))


def _is_key(node: Map, step: Any) -> bool:
    try:
        return step in node
    except TypeError:  # an unhashable step never names a key
        return False


# -- the event stream ---------------------------------------------------------------------------

try:
    from _ruamel_yaml import CParser as _CParser  # ruamel.yaml.clib
except ImportError:  # pragma: no cover - depends on the installation
    _CParser = None


def has_c_parser() -> bool:
    return _CParser is not None


def _event_source(text: str) -> Any:
    if _CParser is not None:
        return _CParser(text)
    return _pure_python_parser(text)


def _pure_python_parser(text: str) -> Any:
    """ruamel's own parser: the same events, several times slower. Said once per run."""
    global _slow_parser_said
    if not _slow_parser_said:
        _slow_parser_said = True
        sys.stderr.write(
            "cjm: warning: ruamel.yaml.clib is not installed, so YAML is read with the slower"
            " pure-Python parser (pip install ruamel.yaml.clib)\n"
        )
    from ruamel.yaml import YAML

    _, parser = YAML(typ="safe", pure=True).get_constructor_parser(text)
    return parser


_slow_parser_said = False


@contextmanager
def _without_gc() -> Iterator[None]:
    """Building a tree allocates many objects and no cycles: the collector only costs time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_SCALAR_START = frozenset("0123456789+-.~nNtTfF")
_NULLS = frozenset({"~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_SPECIAL_FLOATS = {
    ".inf": float("inf"), ".Inf": float("inf"), ".INF": float("inf"),
    "+.inf": float("inf"), "+.Inf": float("inf"), "+.INF": float("inf"),
    "-.inf": float("-inf"), "-.Inf": float("-inf"), "-.INF": float("-inf"),
    ".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan"),
}  # fmt: skip
_CORE = "tag:yaml.org,2002:"


def _plain_scalar(value: str) -> Any:
    """YAML 1.2 core schema: `no`, `yes`, `on` and dates stay text."""
    if not value:
        return None
    if value[0] not in _SCALAR_START:
        return value
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    if _INT.match(value):
        try:
            return int(value)
        except ValueError:  # past Python's 4,300 digits: as a float, it is infinite
            return float(value)
    if _FLOAT.match(value):
        return float(value)
    if value in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[value]
    if value[:2] == "0o" and value[2:].isdigit():
        return int(value, 0)
    if value[:2] == "0x":
        try:
            return int(value, 0)
        except ValueError:
            return value
    return value


_TAG_TYPES: dict[str, type | tuple[type, ...]] = {
    "int": int,
    "float": (int, float),
    "bool": bool,
    "null": type(None),
}


def _tagged_scalar(value: str, tag: str, position: Position) -> Any:
    kind = tag[len(_CORE) :] if tag.startswith(_CORE) else None
    if kind == "str":
        return value
    if kind in ("int", "float", "bool", "null"):
        resolved = _plain_scalar(value)
        expected = _TAG_TYPES[kind]
        if isinstance(resolved, expected) and not (kind == "int" and isinstance(resolved, bool)):
            return float(resolved) if kind == "float" else resolved  # type: ignore[arg-type]  # an int or float here
        raise YamlError(f"'{value}' is not a valid !!{kind}", position)
    raise YamlError(f"unsupported tag '{tag}': journey files use plain YAML values", position)


class _TreeBuilder:
    """Turns parser events into Python values with positions, refusing what no journey needs."""

    def __init__(self, events: Any) -> None:
        self._next_event = events.get_event
        self._anchors: dict[str, tuple[Any, int]] = {}
        self._nodes = 0  # nodes the file spells out
        self._expanded = 0  # nodes that aliases add

    def build(self) -> Any:
        """The document's root value. The common events are handled inline: this loop is hot."""
        next_event = self._next_event
        root: Any = None
        documents = 0
        stack: list[list[Any]] = []  # [container, pending key, anchor, nodes at start]
        while True:
            event = next_event()
            kind = type(event)
            if kind is ScalarEvent:
                self._nodes += 1
                mark = event.start_mark
                position = (mark.line + 1, mark.column + 1)
                value = event.value
                if event.tag is not None or event.anchor is not None:
                    value = self._special_scalar(event, position)
                elif not event.style:
                    value = _plain_scalar(value) if not value or value[0] in _SCALAR_START else value
                from_container = False
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                mark = event.start_mark
                position = (mark.line + 1, mark.column + 1)
                self._open(event, position, depth=len(stack))
                container = Map(position) if kind is MappingStartEvent else Seq(position)
                self._nodes += 1
                stack.append([container, _NO_KEY, event.anchor, self._nodes + self._expanded])
                continue
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                value, _, anchor, first = stack.pop()
                if anchor is not None:
                    self._anchors[anchor] = (value, self._nodes + self._expanded - first + 1)
                position = value.start
                from_container = True
            elif kind is AliasEvent:
                mark = event.start_mark
                position = (mark.line + 1, mark.column + 1)
                value = self._alias(event, position)
                from_container = isinstance(value, (Map, Seq))
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise YamlError(
                        "a second YAML document: a journey file holds one document", _position(event)
                    )
                continue
            elif kind is StreamEndEvent or event is None:
                return root
            else:
                continue
            if not stack:
                root = value
                continue
            frame = stack[-1]
            container = frame[0]
            if type(container) is Seq:
                container.append(value)
                container.item_at.append(position)
            elif frame[1] is not _NO_KEY:
                key = frame[1]
                container[key] = value
                container.value_at[key] = position
                frame[1] = _NO_KEY
            else:
                _start_key(frame, value, position, from_container)

    def _special_scalar(self, event: Any, position: Position) -> Any:
        """A scalar with a tag or an anchor."""
        value = event.value
        if event.tag is not None and event.tag != "!":
            value = _tagged_scalar(value, event.tag, position)
        elif not event.style:
            value = _plain_scalar(value)
        if event.anchor is not None:
            self._anchors[event.anchor] = (value, 1)
        return value

    def _open(self, event: Any, position: Position, depth: int) -> None:
        if depth >= MAX_DEPTH:
            raise YamlError(f"nesting deeper than {MAX_DEPTH} levels: this is not a journey file", position)
        kind = "map" if type(event) is MappingStartEvent else "seq"
        if event.tag is not None and event.tag != _CORE + kind:
            raise YamlError(f"unsupported tag '{event.tag}': journey files use plain YAML values", position)

    def _alias(self, event: Any, position: Position) -> Any:
        try:
            value, size = self._anchors[event.anchor]
        except KeyError:
            raise YamlError(f"alias '*{event.anchor}' names no anchor", position) from None
        self._expanded += size
        if self._expanded > MAX_ALIAS_EXPANSION:
            raise YamlError(
                f"aliases expand to more than {MAX_ALIAS_EXPANSION:,} nodes (an alias bomb?)", position
            )
        return value


MERGE_KEY = "<<"
"""YAML 1.1's merge key, which YAML 1.2 dropped: read as a key named `<<`, it would give findings
that hide what was meant, so a `<<` key is refused, once, where it is."""

_NO_KEY = object()
"""The mapping on top of the stack waits for a key, not for a value."""


def _start_key(frame: list[Any], key: Any, position: Position, from_container: bool) -> None:
    container: Map = frame[0]
    if key == MERGE_KEY and not from_container:
        raise YamlError("merge keys (<<) are not supported: write the keys out", position)
    try:
        first = None if from_container else container.key_at.get(key)
    except TypeError:  # an unhashable key
        from_container = True
    if from_container:
        raise YamlError("a key must be a plain value, not a mapping or a list", position)
    if first is not None:
        raise YamlError(f"duplicate key '{key}' (first at line {first[0]})", position)
    container.key_at[key] = position
    frame[1] = key


def _position(event: Any) -> Position:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1)


def _syntax_error(exc: MarkedYAMLError, text: str) -> YamlError:
    mark = exc.problem_mark or exc.context_mark
    position = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or exc.context or "not valid YAML"
    began = exc.context_mark
    what = (exc.context or "").removeprefix("while scanning ").removeprefix("while parsing ")
    what = what.replace("scalar", "text")
    if "end of stream" in problem and began is not None:  # point where the unclosed thing began
        return YamlError(f"{what} starts here and is never closed", (began.line + 1, began.column + 1))
    lines = text.splitlines()
    if "'\\t'" in problem or (
        0 < position[0] <= len(lines) and "\t" in lines[position[0] - 1][: position[1]]
    ):
        return YamlError("a tab character: YAML indents with spaces only", position)
    if problem.startswith("mapping values are not allowed"):
        return YamlError("unexpected ':' here: put a text that contains ': ' in quotes", position)
    if what and began is not None and began.line + 1 != position[0]:
        problem = f"{problem} ({what} that starts at line {began.line + 1})"
    return YamlError(problem, position)
