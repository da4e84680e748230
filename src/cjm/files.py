"""Writing output files: whole or not at all, never over an input by accident."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cjm.errors import CannotWrite


def write_atomically(path: Path, write: Callable[[Any], None], *, binary: bool = False) -> None:
    """Write through a temporary file in the same folder, then rename it over `path`."""
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


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_content(path: Path, content: str | bytes) -> None:
    """`write_atomically` for content already made."""
    write_atomically(path, lambda out: out.write(content), binary=isinstance(content, bytes))
