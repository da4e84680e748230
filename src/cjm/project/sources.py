"""Where a project's files come from: paths, folders, standard input and git revisions (`REV:PATH`).

A source is the bytes of one file with the name the user will see, and knows how to read a file
named relative to it (a journey's `catalogs:`) from the same place: the working tree, or the same
revision.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from cjm.config import MAX_FILE_SIZE
from cjm.errors import InputError

STDIN = "-"
YAML_SUFFIXES = (".yaml", ".yml")
_SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "venv", "site-packages"})
_CJM_FILE = re.compile(rb"^(?:\xef\xbb\xbf)?cjm[ \t]*:", re.MULTILINE)
_CATALOG_FILE = re.compile(rb"^kind[ \t]*:[ \t]*[\"']?catalog\b", re.MULTILINE)


@dataclass(frozen=True)
class Source:
    path: str  # as the user will see it
    data: bytes
    revision: str | None = None  # read from this git revision; `path` is then "REV:PATH"
    stdin: bool = False  # read from standard input; `path` is then the name to report
    limit: int = MAX_FILE_SIZE  # the largest file read, for those named relative to this one

    @cached_property
    def looks_like_catalog(self) -> bool:
        # The pattern tries every line of the file; most files (journeys) have no `kind` at all.
        return b"kind" in self.data and _CATALOG_FILE.search(self.data) is not None

    @cached_property  # asked many times a run, and each realpath asks the system about each folder
    def identity(self) -> str:
        """The same for every spelling of the same file."""
        return self.path if self.revision is not None else os.path.realpath(self.path)

    @cached_property
    def folder(self) -> tuple[str, ...]:
        """The folder the file is in, as the parts of its path; a revision's folders are its own."""
        if self.revision is not None:
            inner = _normal(PurePosixPath(self.path.split(":", 1)[1]).parent)
            return (f"{self.revision}:", *(part for part in inner.split("/") if part not in ("", ".")))
        return Path(os.path.realpath(Path(self.path).parent if not self.stdin else ".")).parts

    def is_within(self, folder: tuple[str, ...]) -> bool:
        """Whether the file is in `folder` or in a folder below it."""
        return self.folder[: len(folder)] == folder

    def catalog_like(self, name: str) -> str | None:
        """A catalog file beside the one `name` points at whose name is close to it, written the way
        `name` is (`catalogo.yaml` → `catalogo-seguros.yaml`): what a typo in `catalogs:` meant."""
        if self.revision is not None:
            return None  # a revision's folder would take a git call per file: say nothing
        written = PurePosixPath(name.replace(os.sep, "/"))
        folder = (Path(self.path).parent if not self.stdin else Path(".")) / written.parent
        try:
            names = [n for n in os.listdir(folder) if n.endswith(YAML_SUFFIXES) and n != written.name]
        except OSError:
            return None
        import difflib  # only when a catalog named is missing

        for close in difflib.get_close_matches(written.name, names, n=5, cutoff=0.5):
            try:
                data = read(str(folder / close), self.limit)
            except InputError:
                continue
            if _CATALOG_FILE.search(data):
                return str(written.parent / close) if str(written.parent) != "." else close
        return None

    def relative(self, name: str) -> Source:
        """The file `name` (relative to this one) from the same place: the working tree or the revision."""
        if self.revision is not None:
            inner = PurePosixPath(self.path.split(":", 1)[1]).parent / name
            return read_revision(f"{self.revision}:{_normal(inner)}", self.limit)
        folder = Path(self.path).parent if not self.stdin else Path(".")
        target = os.path.normpath(folder / name)
        return Source(target, read(target, self.limit), limit=self.limit)


def is_cjm_file(data: bytes) -> bool:
    """Has a top-level `cjm:` key: the mark of a journey or catalog file."""
    return _CJM_FILE.search(data) is not None


@dataclass
class Found:
    """The files of a run, and what was left out of folders (with why)."""

    sources: list[Source]
    skipped: list[str]
    not_regular: list[str] = field(default_factory=list)  # FIFOs, devices, sockets found in folders


def collect(
    paths: Iterable[str],
    stdin_name: str = "<stdin>",
    journeys_only: bool = False,
    limit: int = MAX_FILE_SIZE,
) -> Found:
    """Files, folders (every YAML file with a top-level `cjm:` key) and `-` (stdin), each once.

    With `journeys_only`, files named one by one are skipped too when they have no `cjm:` key
    (pre-commit passes every changed YAML file). Nothing larger than `limit` bytes is read; in
    folders, what is not a regular file is left out unopened (a FIFO would wait forever).
    """
    found = Found([], [])
    seen: set[str] = set()
    for path in paths:
        for source in _sources_of(path, stdin_name, journeys_only, found, limit):
            if source.identity not in seen:
                seen.add(source.identity)
                found.sources.append(source)
    return found


def _sources_of(
    path: str, stdin_name: str, journeys_only: bool, found: Found, limit: int
) -> Iterator[Source]:
    if path == STDIN:
        data = _read_capped(sys.stdin.buffer, stdin_name, limit)
        yield Source(stdin_name, data, stdin=True, limit=limit)
        return
    if os.path.isdir(path):
        for file in _yaml_files(path):
            if not _is_regular(file):
                found.not_regular.append(file)
                continue
            data = read(file, limit)
            if is_cjm_file(data):
                yield Source(file, data, limit=limit)
            else:
                found.skipped.append(file)
        return
    if not os.path.exists(path) and is_revision(path):
        yield from _revision_sources(path, found.skipped, limit)
        return
    if not os.path.exists(path):
        raise InputError(f"{path}: no such file or folder")
    data = read(path, limit)
    if not journeys_only or is_cjm_file(data):
        yield Source(path, data, limit=limit)


def _is_regular(path: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True  # reading it says why it cannot be read


def _yaml_files(folder: str) -> Iterator[str]:
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if not f.startswith(".") and f not in _SKIPPED_FOLDERS)
        for name in sorted(files):
            if name.endswith(YAML_SUFFIXES):
                yield os.path.join(root, name)


def read(path: str, limit: int = MAX_FILE_SIZE) -> bytes:
    """The bytes of a file named by the user (a FIFO too: it is read as it comes), up to `limit`."""
    try:
        with open(path, "rb") as stream:
            return _read_capped(stream, path, limit)
    except ValueError:  # a NUL in the name, as a journey's `catalogs:` may hold
        raise InputError(f"{path}: not a file name: it holds a NUL character") from None
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None


def _read_capped(stream: BinaryIO, name: str, limit: int) -> bytes:
    size = _regular_size(stream)
    if size is not None and size <= limit:
        # A buffer of the file's own size, not of the limit (16 MiB for each small file), and
        # one byte more to see whether it grew since.
        data = stream.read(size + 1)
        if len(data) > size:
            data += stream.read(limit - size)
    else:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(
            f"{name}: larger than {_size(limit)}, the most cjm reads (max_file_size in the configuration)"
        )
    return data


def _regular_size(stream: BinaryIO) -> int | None:
    """The size of a regular file; None for a pipe, a FIFO or a device, whose size says nothing."""
    try:
        status = os.fstat(stream.fileno())
    except (OSError, ValueError):  # no file descriptor (a test's stream)
        return None
    return status.st_size if stat.S_ISREG(status.st_mode) else None


def _size(count: int) -> str:
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if count >= size and count % size == 0:
            return f"{count // size} {unit}"
    return f"{count:,} bytes"


# -- git revisions ------------------------------------------------------------------------------


def is_revision(spec: str) -> bool:
    """`REV:PATH`, as `git show` takes it (and not a Windows drive letter)."""
    return ":" in spec and len(spec.split(":", 1)[0]) > 1


def _revision_sources(spec: str, skipped: list[str], limit: int) -> Iterator[Source]:
    """A file or a folder at a revision, read through git like `git show REV:PATH`."""
    revision, path = spec.split(":", 1)
    if _git_answer("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}") is not None:
        kind = _git_answer("cat-file", "-t", spec)
        if kind is None and not path.endswith(YAML_SUFFIXES):
            return  # a folder not there at that revision: no files (a diff shows them all added)
        if kind is None:
            kind = _git("cat-file", "-t", spec, spec=spec)  # a file named: git says it is missing
    else:
        _refuse_shallow(revision, spec)
        kind = _git("cat-file", "-t", spec, spec=spec)  # git says what is wrong
    if kind.decode().strip() != "tree":
        yield read_revision(spec, limit)
        return
    listed = _git("ls-tree", "-r", "--name-only", "--full-name", revision, "--", path or ".", spec=spec)
    for name in listed.decode("utf-8", "replace").splitlines():
        if name.endswith(YAML_SUFFIXES):
            source = read_revision(f"{revision}:{name}", limit)
            if is_cjm_file(source.data):
                yield source
            else:
                skipped.append(source.path)


def read_revision(spec: str, limit: int = MAX_FILE_SIZE) -> Source:
    revision = spec.split(":", 1)[0]
    if _git_answer("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}") is None:
        _refuse_shallow(revision, spec)
    data = _git("show", spec, spec=spec)
    if len(data) > limit:
        raise InputError(
            f"{spec}: larger than {_size(limit)}, the most cjm reads (max_file_size in the configuration)"
        )
    return Source(spec, data, revision, limit=limit)


def _normal(path: PurePosixPath) -> str:
    """`a/b/../c` as `a/c`: git names files by their normal path."""
    return os.path.normpath(str(path)).replace(os.sep, "/")


def _refuse_shallow(revision: str, spec: str) -> None:
    """A revision not found in a shallow clone (CI's default) is most likely history not fetched."""
    if (_git_answer("rev-parse", "--is-shallow-repository") or b"").strip() == b"true":
        raise InputError(
            f"{spec}: revision '{revision}' is not in this clone, which is shallow (its history is"
            " missing): fetch it with 'git fetch --unshallow', or in GitHub Actions give"
            " actions/checkout 'fetch-depth: 0'"
        )


def _git_answer(*arguments: str) -> bytes | None:
    """What git prints, or None when it fails (or is not installed)."""
    import subprocess  # only for revisions: most runs read the working tree

    try:
        process = subprocess.run(["git", *arguments], capture_output=True, timeout=60, check=False)
    except OSError:
        return None
    return process.stdout if process.returncode == 0 else None


def _git(*arguments: str, spec: str) -> bytes:
    import subprocess

    try:
        process = subprocess.run(["git", *arguments], capture_output=True, timeout=60, check=False)
    except FileNotFoundError:
        raise InputError(f"{spec}: reading a revision needs git, and git is not installed") from None
    if process.returncode != 0:
        reason = process.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(f"{spec}: {reason[0] if reason else 'git could not read it'}")
    return process.stdout
