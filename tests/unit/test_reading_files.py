"""A file is read in a buffer of its own size, and whole even when it grows while it is read."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import pytest

from cjm.errors import InputError
from cjm.project.sources import _read_capped, collect


class _Grown:
    """A stream whose file the system says is smaller than what there is to read: a file that
    grew between the moment its size was asked and the moment it was read."""

    def __init__(self, stream: BinaryIO, smaller: BinaryIO) -> None:
        self._stream, self._smaller = stream, smaller

    def fileno(self) -> int:
        return self._smaller.fileno()

    def read(self, size: int) -> bytes:
        return self._stream.read(size)


@pytest.mark.parametrize(("limit", "whole"), [(100, True), (10, False)])
def test_a_file_that_grows_while_read_is_read_up_to_the_limit(
    tmp_path: Path, limit: int, whole: bool
) -> None:
    (tmp_path / "grown.yaml").write_bytes(b"cjm: 1\n" + b"#" * 20)
    (tmp_path / "before.yaml").write_bytes(b"cjm: 1\n")
    with (tmp_path / "grown.yaml").open("rb") as stream, (tmp_path / "before.yaml").open("rb") as smaller:
        grown = _Grown(stream, smaller)
        if whole:
            assert _read_capped(grown, "grown.yaml", limit) == b"cjm: 1\n" + b"#" * 20  # type: ignore[arg-type]
        else:
            with pytest.raises(InputError, match="larger than 10 bytes"):
                _read_capped(grown, "grown.yaml", limit)  # type: ignore[arg-type]


@pytest.mark.parametrize("size", [0, 1, 4096, 100_000])
def test_files_of_every_size_are_read_whole(tmp_path: Path, size: int) -> None:
    data = b"cjm: 1\n" + b"#" * size
    (tmp_path / "a.yaml").write_bytes(data)
    [source] = collect([str(tmp_path)]).sources
    assert source.data == data
    assert source.identity == str((tmp_path / "a.yaml").resolve())
