"""`cjm edit`: apply a list of operations to one journey file, all of them or none.

The operations are made on the text in order. The result is checked as `cjm validate` checks a
file: when it has an error the file did not have before, nothing is written and each such error
is given back with the operation that brought it. Otherwise the file is written through a
temporary file renamed over it (keeping its mode), unless it changed on disk in the meantime.
"""

from __future__ import annotations

import difflib
import os
import stat
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from cjm.agents import library
from cjm.edit.apply import apply_op
from cjm.edit.ops import Op, OpProblem, OpsError
from cjm.edit.yamltext import CannotEdit, YamlText
from cjm.errors import CannotWrite, CjmError, InputError

if TYPE_CHECKING:
    from cjm.config import Config
    from cjm.diff.changes import JourneyDiff
    from cjm.findings import Finding


class EditRefused(CjmError):
    """The operations cannot be applied: each problem names its operation and field."""

    def __init__(self, path: str, problems: list[OpProblem]) -> None:
        count = len(problems)
        super().__init__(
            f"{path}: {count} problem{'s' if count != 1 else ''} in the operations: nothing was written",
            details=[str(p) for p in problems],
        )
        self.problems = problems


class ChangedOnDisk(CannotWrite):
    """The file changed on disk after it was read: writing would lose that change."""


@dataclass
class EditResult:
    path: str
    findings: list[Finding]  # of the edited file
    new: list[Finding]  # of those, what the file did not have before (warnings only)
    diffs: list[JourneyDiff] = field(default_factory=list)  # empty when errors kept it from a diff
    unified: str = ""
    written: bool = False
    dry_run: bool = False
    applied: int = 0


@dataclass
class Edit:
    """Operations made on a file's text, not yet written: `write()` writes them."""

    path: str
    original: bytes
    result: EditResult
    edited: bytes

    def write(self) -> None:
        if self.edited == self.original:
            return
        write_unless_changed(Path(self.path), self.original, self.edited)
        self.result.written = True


def edit(
    path: str,
    ops: Sequence[Op],
    *,
    dry_run: bool = False,
    config: Config | None = None,
    catalogs: Sequence[str] = (),
) -> EditResult:
    """Apply `ops` to the journey file `path`; write unless `dry_run`."""
    planned = prepare(path, ops, config=config, catalogs=catalogs, dry_run=dry_run)
    if not dry_run:
        planned.write()
    return planned.result


def prepare(
    path: str,
    ops: Sequence[Op],
    *,
    config: Config | None = None,
    catalogs: Sequence[str] = (),
    dry_run: bool = False,
) -> Edit:
    original = _read(path)
    try:
        text = original.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text: cjm edits journey files, which are UTF-8") from None
    document = YamlText(text)
    states: list[str] = []
    for index, op in enumerate(ops):
        try:
            apply_op(document, index, op)
        except OpsError as exc:
            raise EditRefused(path, exc.problems) from None
        except CannotEdit as exc:
            raise EditRefused(path, [OpProblem(index, "", exc.message)]) from None
        except Exception as exc:  # ruamel.yaml cannot read the file: the findings say why
            if type(exc).__module__.startswith("ruamel"):
                raise EditRefused(
                    path,
                    [
                        OpProblem(
                            index, "", f"the file cannot be read as YAML: fix it first (cjm validate {path})"
                        )
                    ],
                ) from None
            raise
        states.append(document.text)
    edited = document.text.encode("utf-8")
    before = library.findings(path, original, config, catalogs)
    after = library.findings(path, edited, config, catalogs)
    added = _new(before, after)
    errors = [f for f in added if f.severity == "error"]
    if errors:
        raise EditRefused(path, _blamed(path, errors, states, config, catalogs))
    result = EditResult(path, after, added, dry_run=dry_run, applied=len(ops))
    old_journey = library.loaded_journey(path, original, config, catalogs)
    new_journey = library.loaded_journey(path, edited, config, catalogs)
    if old_journey is not None and new_journey is not None:
        result.diffs = [library.semantic_diff(old_journey, new_journey)]
    result.unified = "".join(
        difflib.unified_diff(
            text.splitlines(keepends=True), document.text.splitlines(keepends=True), path, path
        )
    )
    return Edit(path, original, result, edited)


def _read(path: str) -> bytes:
    from cjm.files import MAX_FILE_SIZE

    try:
        with open(path, "rb") as stream:
            data = stream.read(MAX_FILE_SIZE + 1)
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_SIZE:
        raise InputError(f"{path}: too large to be a journey file")
    return data


def _key(finding: Finding) -> tuple[str, str]:
    return finding.code, finding.message


def _new(before: list[Finding], after: list[Finding]) -> list[Finding]:
    """The findings of `after` that `before` did not have (lines move, so they are compared by
    rule and message)."""
    left = Counter(_key(f) for f in before)
    added = []
    for finding in after:
        if left[_key(finding)] > 0:
            left[_key(finding)] -= 1
        else:
            added.append(finding)
    return added


def _blamed(
    path: str, errors: list[Finding], states: list[str], config: Config | None, catalogs: Sequence[str]
) -> list[OpProblem]:
    """Each new error with the operation after which it appeared and stayed."""
    present = [
        Counter(_key(f) for f in library.findings(path, s.encode("utf-8"), config, catalogs)) for s in states
    ]
    problems = []
    for error in errors:
        index = len(states) - 1
        while index > 0 and present[index - 1][_key(error)] > 0:
            index -= 1
        field = _field_at(states[index], error.line)
        problems.append(OpProblem(index, field, f"{error.code} {error.message}"))
    return problems


def _field_at(text: str, line: int) -> str:
    """The path of the deepest key or item written on `line` (1-based), such as
    `phases[0].stages[1].touchpoints[2].owner`."""
    tree = YamlText(text).tree()
    found: list[Any] = []

    def walk(node: Any, path: str) -> None:
        if isinstance(node, CommentedMap):
            for key, value in node.items():
                here = f"{path}.{key}" if path else str(key)
                if node.lc.key(key)[0] + 1 == line:
                    found.append(here)
                walk(value, here)
        elif isinstance(node, CommentedSeq):
            for index, value in enumerate(node):
                here = f"{path}[{index}]"
                if node.lc.item(index)[0] + 1 == line:
                    found.append(here)
                walk(value, here)

    walk(tree, "")
    return found[-1] if found else ""


def write_unless_changed(path: Path, expected: bytes, content: bytes) -> None:
    """Write `content` over `path` through a temporary file renamed over it, keeping the file's
    mode; refuse when the file no longer holds `expected` (someone changed it since it was read)."""
    target = Path(os.path.realpath(path))
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise CannotWrite(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.chmod(temporary, mode)
        if _read(str(target)) != expected:
            raise ChangedOnDisk(
                f"{path} changed on disk after it was read: nothing was written; run the edit again"
            )
        os.replace(temporary, target)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise CannotWrite(f"cannot write {path}: {exc.strerror or exc}") from None
        raise
