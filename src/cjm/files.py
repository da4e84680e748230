"""Writing output files: whole or not at all, never over an input by accident; the input size cap.

A regular file is written through a temporary file renamed over it. A device or a FIFO
(`-o /dev/null`, `-o >(less)`) is written as the stream it is, never replaced; a symbolic link is
written through, to its target, and stays a link.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from cjm.errors import CannotWrite


def refuse_inputs(output: Path, inputs: Callable[[], Iterable[str]]) -> None:
    """Stop before writing anything when `output` is one of the run's input files, however it is
    spelled: relative or absolute, through `./`, `..` or a symbolic link, or a hard link."""
    try:
        written = os.stat(output)
    except OSError:
        return  # what does not exist yet is no input
    if not stat.S_ISREG(written.st_mode):
        return  # a device or a FIFO is written as a stream, not over a file
    for name in inputs():
        try:
            read = os.stat(name)
        except OSError:
            continue
        if (read.st_dev, read.st_ino) == (written.st_dev, written.st_ino):
            raise CannotWrite(f"{output} is an input of this run ({name}): cjm never writes over its input")


def write_atomically(path: Path, write: Callable[[Any], None], *, binary: bool = False) -> None:
    """Write through a temporary file in the same folder, then rename it over `path`.

    A symbolic link is followed to its target (which is written as described there); a device or
    a FIFO is written to directly.
    """
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    try:
        mode: int | None = os.stat(path).st_mode
    except OSError:
        mode = None
    if mode is not None and stat.S_ISDIR(mode):
        raise CannotWrite(f"cannot write {path}: it is a folder")
    if mode is not None and not stat.S_ISREG(mode):
        _write_stream(path, write, binary)
        return
    folder = path.parent if str(path.parent) else Path(".")
    if folder.exists() and not folder.is_dir():
        raise CannotWrite(f"cannot write {path}: {folder} is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise CannotWrite(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private; a new file is not
        with (
            os.fdopen(handle, "wb")
            if binary
            else os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out
        ):
            write(out)
        os.replace(temporary, path)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise CannotWrite(f"cannot write {path}: {exc.strerror or exc}") from None
        raise


def _write_stream(path: Path, write: Callable[[Any], None], binary: bool) -> None:
    """A device or a FIFO: opened for writing as it is, never replaced by a file."""
    try:
        with open(path, "wb") if binary else open(path, "w", encoding="utf-8", newline="\n") as out:
            write(out)
    except OSError as exc:
        raise CannotWrite(f"cannot write {path}: {exc.strerror or exc}") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_content(path: Path, content: str | bytes) -> None:
    """`write_atomically` for content already made."""
    write_atomically(path, lambda out: out.write(content), binary=isinstance(content, bytes))


def write_in_place(path: Path, content: bytes, read: bytes) -> None:
    """Write `content` into the file `path` itself, which must still hold the `read` bytes it was
    read as: its mode, owner, hard links and symbolic links stay as they are. A file no one may
    write (no write bit, whoever runs cjm: root too) or one changed since it was read is refused
    with nothing written."""
    check_in_place(path, read)
    try:
        with open(path, "r+b") as out:
            if out.read(len(read) + 1) != read:
                raise CannotWrite(_changed(path))
            out.seek(0)
            out.write(content)
            out.truncate()
    except OSError as exc:
        raise CannotWrite(f"cannot write {path}: {exc.strerror or exc}") from None


def check_in_place(path: Path, read: bytes) -> None:
    """Stop unless `path` may be written in place and still holds the `read` bytes."""
    try:
        mode = os.stat(path).st_mode
        now = path.read_bytes()
    except OSError as exc:
        raise CannotWrite(f"cannot write {path}: {exc.strerror or exc}") from None
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise CannotWrite(f"{path} is read-only: make it writable (chmod u+w) to write into it")
    if now != read:
        raise CannotWrite(_changed(path))


def _changed(path: Path) -> str:
    return f"{path} changed on disk since cjm read it: run the command again on the file as it is now"
