"""Work spread over every core: forked workers that share the parent's objects.

Validating and drawing a large folder both map one function over many items. Workers are
forked, so they inherit what the parent has read instead of receiving it pickled; a few items
are done in this process, where starting workers would cost more than they save.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

PARALLEL_FROM = 32
"""Fewer items than this are done in one process: starting workers would cost more."""

MEMORY_BUDGET = 200 * 2**20
"""Bytes that the processes of a run may hold together, as each one's resident size counts."""

_work: Callable[[object], object] | None = None  # what forked workers inherit


def default_jobs() -> int:
    """One process per core, as many as fit in `MEMORY_BUDGET` (two at least, where there are
    two cores). A forked worker is as large as its parent at first, so that on sixteen cores a
    large folder's workers would hold many times what the work needs; `--jobs` says otherwise."""
    cores = os.cpu_count() or 1
    size = _resident_size()
    if size is None:
        return cores
    return max(min(cores, 2), min(cores, MEMORY_BUDGET // size - 1))


def _resident_size() -> int | None:
    """This process's resident size in bytes, where the system says it (Linux)."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def spread(
    work: Callable[[Item], Result],
    items: Sequence[Item],
    jobs: int | None = None,
    least: int = PARALLEL_FROM,
) -> Iterator[Result]:
    """`work` over `items`, in order; on `jobs` processes (default: `default_jobs()`) when there
    are at least `least` items and the system can fork."""
    global _work
    jobs = jobs or default_jobs()
    if jobs == 1 or len(items) < least or not _can_fork():
        yield from map(work, items)
        return
    import multiprocessing

    _work = work  # type: ignore[assignment]
    gc.freeze()  # workers share the parent's objects instead of copying them
    try:
        with multiprocessing.get_context("fork").Pool(min(jobs, len(items))) as pool:
            chunk = max(1, len(items) // (jobs * 8))
            yield from pool.imap(_call, items, chunksize=chunk)
    finally:
        gc.unfreeze()
        _work = None


def _can_fork() -> bool:
    import multiprocessing  # only here: importing it costs a one-file run a tenth of its start-up

    return "fork" in multiprocessing.get_all_start_methods()


def _call(item: object) -> object:
    assert _work is not None
    return _work(item)
