"""cjm measure on a 1,000,000-row survey export, beside a bare DuckDB query of the same figure.

Both run as whole processes (start-up included); the goal is cjm within 2x of bare DuckDB.
Run: python benchmarks/measure.py [ROWS]
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
import duckdb, sys
print(duckdb.sql(f"SELECT round(100.0 * (count(*) FILTER (WHERE Q3 >= 9) - count(*) FILTER (WHERE Q3 <= 6))"
                 f" / count(Q3), 1), count(Q3) FROM read_csv('{sys.argv[1]}')").fetchall()[0])
"""


def run(command: list[str]) -> tuple[float, str, int]:
    """Wall time, output and peak memory (KiB) of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    elapsed = time.perf_counter() - start
    return elapsed, done.stdout, max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before)


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    folder = Path(tempfile.mkdtemp())
    rng = random.Random(1)
    with (folder / "export.csv").open("w", encoding="utf-8") as out:
        out.write("ResponseId,RecordedDate,Q1,Q3\n")
        channels = ("App", "Web", "Teléfono")
        for i in range(rows):
            out.write(f"R_{i},2026-11-{1 + i % 28:02d},{channels[i % 3]},{rng.randrange(11)}\n")
    journey = folder / "j.yaml"
    journey.write_text(
        "cjm: 1\nid: b\ntitle: B\nphases:\n  - id: after\n    stages:\n      - id: s\n        name: S\n"
        "        touchpoints:\n          - id: t\n            name: T\n            channel: email\n"
        "            metrics:\n              - {name: NPS, kind: nps, data: {file: export.csv, column: Q3}}\n",
        encoding="utf-8",
    )
    bare_time, bare_out, _ = run([sys.executable, "-c", BARE, str(folder / "export.csv")])
    bare_memory = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    cjm_time, cjm_out, _ = run(
        [sys.executable, "-m", "cjm", "measure", str(journey), "--dry-run", "-f", "json"]
    )
    cjm_memory = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    bare_value, bare_n = eval(bare_out)
    [metric] = json.loads(cjm_out)["metrics"]
    print(f"rows: {rows:,}")
    print(f"bare DuckDB: {bare_time:.2f} s  (NPS {bare_value}, n {bare_n})")
    print(f"cjm measure: {cjm_time:.2f} s  (NPS {metric['value']}, n {metric['n']})")
    print(f"ratio: {cjm_time / bare_time:.2f}x (goal: within 2x)")
    print(
        f"peak memory: bare {bare_memory / 1024:.0f} MiB, both {cjm_memory / 1024:.0f} MiB (largest child so far)"
    )
    print(f"values equal: {float(bare_value) == float(metric['value']) and bare_n == metric['n']}")


if __name__ == "__main__":
    main()
