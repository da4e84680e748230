"""Write measured figures back into a journey file by editing it, never by writing it anew.

ruamel.yaml's round trip (quotes kept, the file's own indentation) updates the metrics; then the
result is checked line by line: outside the lines of the metrics that changed, every byte must be
the original's. When the round trip touched anything else (a comment it moved, a line it
re-wrapped), only the metrics' own lines are taken from it and spliced into the original text;
when even that does not give back the intended data, the file is refused, never half-edited.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from cjm.errors import CjmError
from cjm.yamlstyle import indent_of, is_blank, plain_data, round_trip

Path_ = tuple[str | int, ...]
WRITTEN = ("value", "n", "measured", "history")
"""The keys cjm measure writes, in the order it adds them."""


@dataclass(frozen=True)
class Update:
    """What to write into one metric: its place in the file, the new figures, its history."""

    path: Path_  # ("phases", 0, "stages", 1, "touchpoints", 2, "metrics", 0)
    value: int | float
    n: int
    measured: str  # YYYY-MM-DD
    history: list[dict[str, Any]] = field(default_factory=list)  # the whole new history, or [] to keep it


class CannotEdit(CjmError):
    """The file cannot be edited without changing more than the metrics' lines."""


def rewrite(text: str, updates: list[Update], name: str) -> str:
    """`text` with the updates made, byte for byte the same elsewhere; a file written with
    CRLF line endings keeps them on every line."""
    if not updates:
        return text
    if "\r\n" in text and text.count("\n") == text.count("\r\n"):
        return rewrite(text.replace("\r\n", "\n"), updates, name).replace("\n", "\r\n")
    yaml = round_trip(text)
    data = yaml.load(text)
    for update in updates:
        _apply(_node(data, update.path), update)
    out = io.StringIO()
    yaml.dump(data, out)
    edited = out.getvalue()
    if text.startswith("\ufeff") and not edited.startswith("\ufeff"):
        edited = "\ufeff" + edited
    old_lines, new_lines = text.splitlines(keepends=True), edited.splitlines(keepends=True)
    old_spans = [_span(old_lines, yaml.load(text), u.path) for u in updates]
    new_tree = yaml.load(edited)
    new_spans = [_span(new_lines, new_tree, u.path) for u in updates]
    if _comment_gaps(old_lines, old_spans, new_lines, new_spans):
        edited = "".join(new_lines)
    if _outside(old_lines, old_spans) == _outside(new_lines, new_spans):
        return edited
    spliced = _splice(old_lines, old_spans, new_lines, new_spans)
    if plain_data(YAML(typ="safe", pure=True).load(spliced)) != plain_data(
        YAML(typ="safe", pure=True).load(edited)
    ):
        raise CannotEdit(
            f"{name}: cannot write the measured figures without changing other lines of the file;"
            " write them by hand (cjm measure --dry-run shows them)"
        )
    return spliced


def _node(data: Any, path: Path_) -> Any:
    for step in path:
        data = data[step]
    return data


def _apply(metric: CommentedMap, update: Update) -> None:
    flow = metric.fa.flow_style()
    values: dict[str, Any] = {
        "value": update.value,
        "n": update.n,
        "measured": datetime.date.fromisoformat(update.measured),
    }
    if update.history:
        history = CommentedSeq()
        if flow:
            history.fa.set_flow_style()
        for entry in update.history:
            item = CommentedMap()
            item["date"] = datetime.date.fromisoformat(entry["date"])
            item["value"] = entry["value"]
            if entry.get("n") is not None:
                item["n"] = entry["n"]
            item.fa.set_flow_style()
            history.append(item)
        old = metric.get("history")
        if isinstance(old, CommentedSeq):  # keep the items as written, add the new one
            for index, item in enumerate(history):
                if index >= len(old):
                    old.append(item)
            history = old
        values["history"] = history
    for key in WRITTEN:
        if key not in values:
            continue
        if key in metric:
            if key == "history" or metric[key] != values[key] or type(metric[key]) is not type(values[key]):
                metric[key] = values[key]
            continue
        before = [k for k in WRITTEN[: WRITTEN.index(key)] if k in metric]
        position = list(metric).index(before[-1]) + 1 if before else len(metric)
        metric.insert(position, key, values[key])


def _span(lines: list[str], tree: Any, path: Path_) -> tuple[int, int]:
    """The lines [start, end) of a sequence item: from its first line to its last line of
    content, without the blank lines and comments that follow it."""
    parent = _node(tree, path[:-1])
    index = path[-1]
    assert isinstance(parent, CommentedSeq) and isinstance(index, int)
    line, column = parent.lc.item(index)
    before = lines[line][:column].rstrip()
    dash = len(before) - 1 if before.endswith("-") else column - 1
    if index + 1 < len(parent):
        end = parent.lc.item(index + 1)[0]
        while end > line and lines[end].lstrip()[:1] == "-" and indent_of(lines[end]) < dash:
            end -= 1
    else:
        end = line + 1
        while end < len(lines) and (is_blank(lines[end]) or indent_of(lines[end]) > dash):
            end += 1
    while end > line + 1 and is_blank(lines[end - 1]):
        end -= 1
    if index + 1 < len(parent):
        next_line = parent.lc.item(index + 1)[0]
        # the next item's own line starts at its dash: that line is not ours
        end = min(end, next_line)
        while end > line + 1 and is_blank(lines[end - 1]):
            end -= 1
    return line, end


def _comment_gaps(
    old: list[str], old_spans: list[tuple[int, int]], new: list[str], new_spans: list[tuple[int, int]]
) -> bool:
    """Give a metric's trailing comment back the spaces before it, which the round trip makes one
    (`{name: A, value: 5}      # tras la firma`); True when a line changed."""
    import re

    changed = False
    for (old_start, old_end), (new_start, new_end) in zip(old_spans, new_spans, strict=True):
        for line in old[old_start:old_end]:
            found = re.search(r"(\s+)(#.*)$", line.rstrip("\r\n"))
            if found is None:
                continue
            gap, comment = found.groups()
            for i in range(new_start, new_end):
                body = new[i].rstrip("\r\n")
                theirs = re.search(r"(\s+)" + re.escape(comment) + "$", body)
                if theirs is not None and theirs.group(1) != gap:
                    new[i] = body[: theirs.start()] + gap + comment + new[i][len(body) :]
                    changed = True
                    break
    return changed


def _outside(lines: list[str], spans: list[tuple[int, int]]) -> list[str]:
    inside = {i for start, end in spans for i in range(start, end)}
    return [line for i, line in enumerate(lines) if i not in inside]


def _splice(
    old: list[str], old_spans: list[tuple[int, int]], new: list[str], new_spans: list[tuple[int, int]]
) -> str:
    """The original lines, with each metric's lines replaced by the round trip's, less any comment
    line the round trip moved into them from outside."""
    result: list[str] = []
    at = 0
    for (old_start, old_end), (new_start, new_end) in sorted(zip(old_spans, new_spans, strict=True)):
        result += old[at:old_start]
        own = {line.strip() for line in old[old_start:old_end] if is_blank(line)}
        result += [line for line in new[new_start:new_end] if not is_blank(line) or line.strip() in own]
        at = old_end
    result += old[at:]
    return "".join(result)
