"""A run with many files starts as many workers as there are cores, as long as their memory
stays within the budget: on sixteen cores, a large folder does not take sixteen copies of cjm."""

from __future__ import annotations

import pytest
from conftest import CASES

from cjm import pool
from cjm.project import load_project

MB = 2**20


@pytest.mark.parametrize(
    ("cores", "resident", "workers"),
    [
        (16, 60 * MB, 2),
        (16, 30 * MB, 5),
        (16, 10 * MB, 16),
        (2, 150 * MB, 2),
        (1, 60 * MB, 1),
        (16, None, 16),
    ],
)
def test_default_workers_fit_the_memory_budget(
    monkeypatch: pytest.MonkeyPatch, cores: int, resident: int | None, workers: int
) -> None:
    monkeypatch.setattr(pool.os, "cpu_count", lambda: cores)
    monkeypatch.setattr(pool, "_resident_size", lambda: resident)
    assert pool.default_jobs() == workers


def test_this_process_knows_its_resident_size() -> None:
    size = pool._resident_size()
    assert size is not None and 10 * MB < size < 4096 * MB


def test_a_folder_checked_on_the_default_workers_finds_what_one_process_finds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pool, "PARALLEL_FROM", 1)
    monkeypatch.setattr(pool.spread, "__defaults__", (None, 1))
    folder = str(CASES)
    alone = load_project([folder]).check(1).findings
    assert load_project([folder]).check().findings == alone
