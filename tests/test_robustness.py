"""Bad input never crashes cjm, and checking on all cores finds what one process finds."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLES, cjm
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjm.config import Config
from cjm.pool import PARALLEL_FROM
from cjm.project import load_project
from cjm.project.check import check

SOURCES = [p.read_bytes() for p in sorted(EXAMPLES.glob("*.yaml"))]
CATALOG = str(EXAMPLES / "catalogo-seguros.yaml")
JOURNEYS = [s for s in SOURCES if b"\nkind: catalog" not in s]


@st.composite
def mutated_example(draw: st.DrawFn) -> bytes:
    lines = draw(st.sampled_from(SOURCES)).splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(0, len(lines) - 1))
        mutation = draw(st.sampled_from(["delete", "swap", "bytes", "duplicate", "value", "indent"]))
        if mutation == "delete":
            del lines[min(i, j) : max(i, j) + 1]
        elif mutation == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif mutation == "bytes":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.binary(min_size=1, max_size=8)) + lines[i][at:]
        elif mutation == "duplicate":
            lines.insert(j, lines[i])
        elif mutation == "value" and b": " in lines[i] and b": " in lines[j]:
            key_i, _, value_i = lines[i].partition(b": ")
            key_j, _, value_j = lines[j].partition(b": ")
            lines[i], lines[j] = key_i + b": " + value_j, key_j + b": " + value_i
        elif mutation == "indent":
            lines[i] = draw(st.sampled_from([b" ", b"\t", b"  - ", b""])) + lines[i].lstrip()
    return b"".join(lines)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_example())
def test_mutated_examples_end_in_findings_never_a_crash(data: bytes) -> None:
    result = cjm("validate", "--catalog", CATALOG, "-", input=data)
    assert result.code in (0, 1), result
    assert "Traceback" not in result.out + result.err
    for line in result.out.splitlines()[:-1]:
        assert line.startswith("<stdin>:") and ": CJM" in line, line


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_end_in_findings_never_a_crash(data: bytes) -> None:
    result = cjm("validate", "-", input=data)
    assert result.code in (0, 1), result


def test_many_journeys_checked_on_all_cores_find_the_same(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "catalogo-seguros.yaml", tmp_path)
    for n in range(PARALLEL_FROM + 8):
        source = JOURNEYS[n % len(JOURNEYS)].replace(b"\nid: ", f"\nid: copy-{n}-".encode(), 1)
        (tmp_path / f"journey-{n:03}.yaml").write_bytes(source)
    one = check(load_project([str(tmp_path)], Config()), jobs=1)
    many = check(load_project([str(tmp_path)], Config()), jobs=2)
    assert one.findings == many.findings and one.files == many.files == PARALLEL_FROM + 9
    assert len(one.findings) > PARALLEL_FROM // 2  # the copies carry findings, so the test compares something


def test_the_parallel_path_runs_in_worker_processes_in_a_fresh_interpreter(tmp_path: Path) -> None:
    """A real process, so no earlier test has loaded the rules: the run must not depend on that."""
    for n in range(PARALLEL_FROM + 1):
        source = JOURNEYS[n % len(JOURNEYS)].replace(b"\nid: ", f"\nid: copy-{n}-".encode(), 1)
        (tmp_path / f"journey-{n:03}.yaml").write_bytes(source)
    (tmp_path / "twin.yaml").write_bytes(JOURNEYS[0])  # the same id as journey-000 now has: CJM201
    (tmp_path / "journey-000.yaml").write_bytes(JOURNEYS[0])
    script = (
        "import json, multiprocessing, sys\n"
        "from cjm.config import Config\nfrom cjm.project.check import check\nfrom cjm.project import load_project\n"
        "pools = []\nreal = multiprocessing.get_context\n"
        "multiprocessing.get_context = lambda *a: pools.append(a) or real(*a)\n"
        f"result = check(load_project([{str(tmp_path)!r}], Config()), jobs=2)\n"
        "print(json.dumps([pools != [], sorted({f.code for f in result.findings})]))\n"
    )
    process = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert process.returncode == 0, process.stderr
    used_workers, codes = json.loads(process.stdout)
    assert used_workers and "CJM201" in codes
