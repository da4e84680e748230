"""Where a node of a journey file was read from, and back.

An import is checked as a journey file before anything is written, so its findings point at the
lines of a file that does not exist yet. Each finding is taken back to the node it points at (a
key, a value, a list's item) and from there to the cell or the line that node was read from.
Export goes the other way for inline `# cjm: disable` comments: each comment's line is taken to
the node it sits on, so that the sheet can carry it with its item.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator
from typing import Any

from cjm.findings import Finding
from cjm.loader import Map, Position, Seq, parse

NodePath = tuple[str | int, ...]
"""Keys and indexes from the top of the file: ("phases", 0, "stages", 1, "touchpoints", 2, "channel")."""


def _nodes(node: Any, path: NodePath = ()) -> Iterator[tuple[Position, NodePath]]:
    if isinstance(node, Map):
        for key, key_at in node.key_at.items():
            value_at = node.value_position(key)
            yield key_at, (*path, key)
            if value_at[0] == key_at[0] or not isinstance(node[key], (Map, Seq)):
                yield value_at, (*path, key)  # a block under its key starts where its first item does
            yield from _nodes(node[key], (*path, key))
    elif isinstance(node, Seq):
        for index, item_at in enumerate(node.item_at):
            yield item_at, (*path, index)
            yield from _nodes(node[index], (*path, index))


class NodeIndex:
    """The nodes of a YAML text by where they start: keys, values and list items."""

    def __init__(self, text: str) -> None:
        found = sorted(_nodes(parse(text)), key=lambda entry: (entry[0], len(entry[1])))
        self._positions = [position for position, _ in found]
        self._paths = [path for _, path in found]

    def path_at(self, position: Position) -> NodePath:
        """The node that starts at `position`, else the last one before it (() before the first)."""
        index = bisect_right(self._positions, position) - 1
        if index < 0:
            return ()
        exact = self._positions[index] == position
        if exact:  # the outermost node that starts there: an item rather than its first key
            while index > 0 and self._positions[index - 1] == position:
                index -= 1
        return self._paths[index]

    def on_line(self, line: int) -> NodePath | None:
        """The outermost node that starts on `line`; None when none does (a comment's own line)."""
        index = bisect_right(self._positions, (line, 0))
        paths = []
        while index < len(self._positions) and self._positions[index][0] == line:
            paths.append(self._paths[index])
            index += 1
        return min(paths, key=len) if paths else None


def located(findings: list[Finding], text: str, where: Callable[[NodePath], str]) -> list[tuple[str, str]]:
    """Each finding of the journey file `text` at the place `where` names for its node, and what it says."""
    index = NodeIndex(text)
    return [
        (where(index.path_at((f.line, f.column))), f"{f.code} {f.severity}: {f.message}") for f in findings
    ]
