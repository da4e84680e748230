"""Inline `# cjm: disable` comments carried through a sheet, each with its item.

A sheet has no comments, so each item's comments are a cell of its own: the column `disable` of
a touchpoint's row (`phase.disable` and `stage.disable` for its phase and stage, `journey.disable`
in a CSV file, the field `disable` on a workbook's journey sheet, the column `disable` of the
personas, teams and channels sheets). The cell holds one line per comment: the rules it silences
(`CJM302, CJM310`, or `all` for a bare `# cjm: disable`), after the field whose line it is on
when that is not the item's first line: `owner: CJM204`, `problems.2: CJM316` (items of a list
numbered from 1). Import writes each comment back at the end of that line.
"""

from __future__ import annotations

import re
from collections import defaultdict

from cjm.exchange.cells import CellError
from cjm.exchange.places import NodeIndex, NodePath

DISABLE = "disable"
EVERY_RULE = "all"
_RULES = re.compile(r"[\w-]+(?:\s*,\s*[\w-]+)*")
_LISTS = ("personas", "teams", "channels")


def owner_of(path: NodePath, *, lists: bool) -> NodePath:
    """The item whose row holds a comment on `path`: a touchpoint, a stage, a phase, (with `lists`)
    a persona, team or channel of its own sheet; else the journey, ()."""
    if path[:1] == ("phases",) and len(path) >= 2:
        if len(path) >= 6 and path[2] == "stages" and path[4] == "touchpoints":
            return path[:6]
        return path[:4] if len(path) >= 4 and path[2] == "stages" else path[:2]
    if lists and len(path) >= 2 and path[0] in _LISTS:
        return path[:2]
    return ()


def comments_of(text: str) -> dict[NodePath, frozenset[str] | None]:
    """The `# cjm: disable` comments of a journey file, by the node on their line (None: every rule)."""
    from cjm.project.check import disabled_lines

    disabled = disabled_lines(text)
    if not disabled:
        return {}
    index = NodeIndex(text)
    found = {}
    for line, rules in disabled.items():
        path = index.on_line(line)
        if path is not None:
            found[path] = rules
    return found


def disable_cells(comments: dict[NodePath, frozenset[str] | None], *, lists: bool) -> dict[NodePath, str]:
    """The `disable` cell of each item that has comments, by the item's path."""
    lines: dict[NodePath, list[str]] = defaultdict(list)
    for path, rules in comments.items():
        owner = owner_of(path, lists=lists)
        field = ".".join(str(s + 1) if isinstance(s, int) else s for s in path[len(owner) :])
        said = EVERY_RULE if rules is None else ", ".join(sorted(rules))
        lines[owner].append(f"{field}: {said}" if field else said)
    return {owner: "\n".join(said) for owner, said in lines.items()}


def read_disable(text: str | None, owner: NodePath) -> dict[NodePath, str]:
    """A `disable` cell as the comments to write, by the path of the node each goes on."""
    comments: dict[NodePath, str] = {}
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        field, _, rules = line.rpartition(":")
        rules = rules.strip()
        if not _RULES.fullmatch(rules):
            raise CellError(
                f"write the rules a comment silences (CJM302, CJM310, or all), after the field whose line"
                f" it is on (owner: CJM204), not {line.strip()!r}"
            )
        steps = [int(s) - 1 if s.isdigit() else s for s in field.strip().split(".") if s]
        listed = "".join(rules.split())
        comments[(*owner, *steps)] = "cjm: disable" if rules == EVERY_RULE else f"cjm: disable={listed}"
    return comments
