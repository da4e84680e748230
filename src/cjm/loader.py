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
from contextlib import contextmanager, nullcontext
from typing import Any

from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

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
    """A YAML mapping that remembers where it, each key and each value start.

    Positions are kept as the parser's marks, turned into (line, column) only when asked for:
    most are never asked for. `marks` holds key, key mark, value mark for each entry, in order.
    """

    __slots__ = ("_start", "marks")

    def __init__(self, start: Any) -> None:
        super().__init__()
        self._start = start
        self.marks: list[Any] = []

    @property
    def start(self) -> Position:
        return _at(self._start)

    def add(self, key: Any, value: Any, key_mark: Any, value_mark: Any) -> None:
        """An entry with where its key and its value start (marks or positions)."""
        self[key] = value
        self.marks += (key, key_mark, value_mark)

    def copy_entry(self, source: Map, key: Any) -> None:
        """The entry `key` of `source`, with its positions."""
        i = source._entry(key)
        self.add(key, source[key], source.marks[i + 1], source.marks[i + 2])

    def key_position(self, key: Any) -> Position:
        return _at(self.marks[self._entry(key) + 1])

    def value_position(self, key: Any) -> Position:
        return _at(self.marks[self._entry(key) + 2])

    @property
    def key_at(self) -> dict[Any, Position]:
        marks = self.marks
        return {marks[i]: _at(marks[i + 1]) for i in range(0, len(marks), 3)}

    @property
    def value_at(self) -> dict[Any, Position]:
        marks = self.marks
        return {marks[i]: _at(marks[i + 2]) for i in range(0, len(marks), 3)}

    def _entry(self, key: Any) -> int:
        marks = self.marks
        for i in range(0, len(marks), 3):
            if marks[i] is key or marks[i] == key:
                return i
        raise KeyError(key)


class Seq(list[Any]):
    """A YAML sequence that remembers where it and each item start (as marks, like `Map`)."""

    __slots__ = ("_start", "marks")

    def __init__(self, start: Any) -> None:
        super().__init__()
        self._start = start
        self.marks: list[Any] = []

    @property
    def start(self) -> Position:
        return _at(self._start)

    @property
    def item_at(self) -> list[Position]:
        return [_at(mark) for mark in self.marks]


def _at(mark: Any) -> Position:
    """A parser's mark (0-based line and column) as a position; a position as it is."""
    if type(mark) is tuple:
        return mark
    return (mark.line + 1, mark.column + 1)


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
        raise YamlError("a NUL character (byte 0) is not allowed in a YAML file", _position(text, nul))
    with _without_gc(), _light_events() if _LIGHT_EVENTS else nullcontext():
        try:
            return _TreeBuilder(_events(text)).build()
        except MarkedYAMLError as exc:
            raise _syntax_error(exc, text) from None
        except ReaderError:
            raise _refused_character(text) from None
        except YAMLError as exc:  # unmarked errors: rare, but never a traceback
            raise YamlError(str(exc).strip().splitlines()[-1]) from None


# What YAML 1.2 does not allow in a file: control characters other than tab and line breaks (NEL,
# U+0085, is a line break), surrogates, and U+FFFE and U+FFFF, which are not characters at all.
_REFUSED = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def _refused_character(text: str) -> YamlError:
    """The parser's reader names a character by its offset in "<unicode string>": say which
    character it is, and where, as every other finding does."""
    found = _REFUSED.search(text)
    if found is None:  # pragma: no cover - the reader refuses only what the pattern finds
        return YamlError("a character that YAML does not allow")
    code = ord(found.group())
    what = "a control character" if code < 0xD800 else "not a character"
    message = f"character U+{code:04X} ({what}) is not allowed in a YAML file: delete it"
    return YamlError(message, _position(text, found.start()))


def _position(text: str, index: int) -> Position:
    """The line and column of the character at `index`."""
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


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
            here = node.key_position(step) if (key and last) else node.value_position(step)
            node = node[step]
        elif isinstance(node, Seq) and isinstance(step, int) and 0 <= step < len(node):
            here = _at(node.marks[step])
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
    import _ruamel_yaml as _cyaml  # ruamel.yaml.clib
    from _ruamel_yaml import CParser as _CParser
except ImportError:  # pragma: no cover - depends on the installation
    _cyaml = None
    _CParser = None


def has_c_parser() -> bool:
    return _CParser is not None


# ruamel's C parser makes each event by calling its module's event classes with positional
# arguments, and each of ruamel's classes runs three Python __init__ methods: that is most of
# the cost of reading a file. While cjm reads, those names stand for the slotted classes below,
# whose one __init__ only keeps its arguments (faster to make than a named tuple). The tree needs
# nothing else from an event.


def _event_class(name: str, fields: str) -> type:
    """A class with `fields` as slots, made by calling it with them in order (as namedtuple
    writes its classes, so that making one runs a single short __init__)."""
    names = tuple(fields.split())
    body = "".join(f"\n    self.{field} = {field}" for field in names)
    namespace: dict[str, Any] = {}
    exec(f"def __init__(self, {', '.join(names)}):{body}", namespace)  # noqa: S102 - cjm's own text
    return type(name, (), {"__slots__": names, "_fields": names, "__init__": namespace["__init__"]})


_Scalar = _event_class("_Scalar", "anchor tag implicit value start_mark end_mark style")
_MappingStart = _event_class("_MappingStart", "anchor tag implicit start_mark end_mark flow_style")
_SequenceStart = _event_class("_SequenceStart", "anchor tag implicit start_mark end_mark flow_style")
_MappingEnd = _event_class("_MappingEnd", "start_mark end_mark")
_SequenceEnd = _event_class("_SequenceEnd", "start_mark end_mark")
_Alias = _event_class("_Alias", "anchor start_mark end_mark")
_DocumentStart = _event_class("_DocumentStart", "start_mark end_mark explicit version tags")
_DocumentEnd = _event_class("_DocumentEnd", "start_mark end_mark explicit")
_StreamStart = _event_class("_StreamStart", "start_mark end_mark encoding")
_StreamEnd = _event_class("_StreamEnd", "start_mark end_mark")

_LIGHT: dict[str, type] = {
    "ScalarEvent": _Scalar,
    "MappingStartEvent": _MappingStart,
    "SequenceStartEvent": _SequenceStart,
    "MappingEndEvent": _MappingEnd,
    "SequenceEndEvent": _SequenceEnd,
    "AliasEvent": _Alias,
    "DocumentStartEvent": _DocumentStart,
    "DocumentEndEvent": _DocumentEnd,
    "StreamStartEvent": _StreamStart,
    "StreamEndEvent": _StreamEnd,
}


@contextmanager
def _light_events() -> Iterator[None]:
    saved = {name: getattr(_cyaml, name) for name in _LIGHT}
    for name, light in _LIGHT.items():
        setattr(_cyaml, name, light)
    try:
        yield
    finally:
        for name, event_class in saved.items():
            setattr(_cyaml, name, event_class)


def _light_events_work() -> bool:
    """Whether this ruamel.yaml.clib builds its events as the tuples above expect."""
    if _cyaml is None or not all(hasattr(_cyaml, name) for name in _LIGHT):
        return False  # pragma: no cover - depends on the installation
    expected = [
        _StreamStart, _DocumentStart, _MappingStart, _Scalar, _SequenceStart, _Scalar, _SequenceEnd,
        _Scalar, _Alias, _MappingEnd, _DocumentEnd, _StreamEnd,
    ]  # fmt: skip
    try:
        with _light_events():
            parser = _cyaml.CParser("a: &x [b]\nc: *x\n")
            events = [parser.get_event() for _ in expected]
    except (
        TypeError,
        AttributeError,
        ValueError,
        YAMLError,
    ):  # pragma: no cover - depends on the installation
        return False
    return [type(e) for e in events] == expected and events[3].value == "a" and events[3].start_mark.line == 0


_LIGHT_EVENTS = _light_events_work()


def _events(text: str) -> Any:
    """A function that returns the next event of `text`, as one of the tuples above."""
    if _CParser is not None and _LIGHT_EVENTS:
        return _CParser(text).get_event
    parser = _CParser(text) if _CParser is not None else _pure_python_parser(text)  # pragma: no cover
    return lambda: _lighten(parser.get_event())  # pragma: no cover


def _lighten(event: Any) -> Any:  # pragma: no cover - only without a working C parser
    """One of ruamel's own events as the tuple that stands for it."""
    if event is None:
        return None
    light: Any = _LIGHT[type(event).__name__]
    return light(*(getattr(event, field) for field in light._fields))


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


_known_scalars: dict[str, Any] = {}
"""Plain scalars already resolved, with what they resolved to: journeys repeat the same numbers,
ids and words (`1`, `tp-3`, `neutral`) in every file."""
_KNOWN_SCALARS = 50_000
"""The most kept: past it, a scalar seen for the first time is resolved every time."""

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

    def __init__(self, next_event: Any) -> None:
        self._next_event = next_event
        self._anchors: dict[str, tuple[Any, int]] = {}
        self._expanded = 0  # nodes that aliases add

    def build(self) -> Any:
        """The document's root value. This loop runs once per event: it keeps everything it
        needs in local variables, and positions as the parser's marks."""
        next_event = self._next_event
        anchors = self._anchors
        plain, starts, no_key, known = _plain_scalar, _SCALAR_START, _NO_KEY, _known_scalars
        root: Any = None
        documents = 0
        nodes = 0  # nodes the file spells out
        # the container being filled, its marks, whether it is a sequence, the key awaiting a value
        container: Any = None
        marks: list[Any] = []
        in_seq = False
        pending: Any = no_key
        stack: list[tuple[Any, list[Any], bool, Any, Any, int]] = []  # the enclosing ones
        while True:
            event = next_event()
            kind = type(event)
            if kind is _Scalar:
                nodes += 1
                value, mark = event.value, event.start_mark
                if event.tag is not None or event.anchor is not None:
                    value = self._special_scalar(event)
                elif not event.style and (not value or value[0] in starts):
                    resolved = known.get(value, no_key)
                    if resolved is no_key:
                        resolved = plain(value)
                        if len(known) < _KNOWN_SCALARS:
                            known[value] = resolved
                    value = resolved
                from_container = False
            elif kind is _MappingStart or kind is _SequenceStart:
                if event.tag is not None or len(stack) >= MAX_DEPTH:
                    self._open(event, len(stack))
                nodes += 1
                stack.append((container, marks, in_seq, pending, event.anchor, nodes + self._expanded))
                in_seq = kind is _SequenceStart
                container = Seq(event.start_mark) if in_seq else Map(event.start_mark)
                marks = container.marks
                pending = no_key
                continue
            elif kind is _MappingEnd or kind is _SequenceEnd:
                value = container
                mark = value._start
                container, marks, in_seq, pending, anchor, first = stack.pop()
                if anchor is not None:
                    anchors[anchor] = (value, nodes + self._expanded - first + 1)
                from_container = True
            elif kind is _Alias:
                mark = event.start_mark
                value = self._alias(event)
                from_container = isinstance(value, (Map, Seq))
            elif kind is _DocumentStart:
                documents += 1
                if documents > 1:
                    raise YamlError(
                        "a second YAML document: a journey file holds one document", _at(event.start_mark)
                    )
                continue
            elif kind is _StreamEnd or event is None:
                return root
            else:
                continue
            if container is None:
                root = value
            elif in_seq:
                container.append(value)
                marks.append(mark)
            elif pending is not no_key:
                container[pending] = value
                marks.append(mark)
                pending = no_key
            else:
                _check_key(container, value, mark, from_container)
                marks += (value, mark)
                pending = value

    def _special_scalar(self, event: Any) -> Any:
        """A scalar with a tag or an anchor."""
        value = event.value
        if event.tag is not None and event.tag != "!":
            value = _tagged_scalar(value, event.tag, _at(event.start_mark))
        elif not event.style:
            value = _plain_scalar(value)
        if event.anchor is not None:
            self._anchors[event.anchor] = (value, 1)
        return value

    def _open(self, event: Any, depth: int) -> None:
        position = _at(event.start_mark)
        if depth >= MAX_DEPTH:
            raise YamlError(f"nesting deeper than {MAX_DEPTH} levels: this is not a journey file", position)
        kind = "map" if type(event) is _MappingStart else "seq"
        if event.tag is not None and event.tag != _CORE + kind:
            raise YamlError(f"unsupported tag '{event.tag}': journey files use plain YAML values", position)

    def _alias(self, event: Any) -> Any:
        try:
            value, size = self._anchors[event.anchor]
        except KeyError:
            raise YamlError(f"alias '*{event.anchor}' names no anchor", _at(event.start_mark)) from None
        self._expanded += size
        if self._expanded > MAX_ALIAS_EXPANSION:
            raise YamlError(
                f"aliases expand to more than {MAX_ALIAS_EXPANSION:,} nodes (an alias bomb?)",
                _at(event.start_mark),
            )
        return value


MERGE_KEY = "<<"
"""YAML 1.1's merge key, which YAML 1.2 dropped: read as a key named `<<`, it would give findings
that hide what was meant, so a `<<` key is refused, once, where it is."""

_NO_KEY = object()
"""The mapping on top of the stack waits for a key, not for a value."""


def _check_key(container: Map, key: Any, mark: Any, from_container: bool) -> None:
    """Refuse a key that no journey needs: a merge key, a mapping or list, one seen before."""
    if key == MERGE_KEY and not from_container:
        raise YamlError("merge keys (<<) are not supported: write the keys out", _at(mark))
    try:
        seen = False if from_container else key in container
    except TypeError:  # an unhashable key
        from_container = True
    if from_container:
        raise YamlError("a key must be a plain value, not a mapping or a list", _at(mark))
    if seen:
        first = container.key_position(key)
        raise YamlError(f"duplicate key '{key}' (first at line {first[0]})", _at(mark))


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
