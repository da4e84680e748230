"""Do report and diff stay linear on a very large journey? Time them beside validate.

Generates one journey of 10,000 touchpoints (and a copy with some emotions changed), then times
whole processes: `cjm validate` on it, `cjm report` (JSON, and the text a pipe gets) and `cjm
diff` of the two. Report and diff
analyse what validate reads (diff reads two files: compare it with validating both); they
should take a small multiple of it, not grow with the square
of the touchpoints.

    python benchmarks/large.py                  # 10,000 touchpoints
    python benchmarks/large.py --touchpoints 2000
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from validate import journey


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--touchpoints", type=int, default=10_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cjm-large-"))
    text = journey(random.Random(1), 1, args.touchpoints)
    old, new = folder / "old.yaml", folder / "new.yaml"
    old.write_text(text, encoding="utf-8")
    new.write_text(text.replace("emotion: -1", "emotion: 1", 50), encoding="utf-8")
    cjm = [sys.executable, "-m", "cjm"]
    runs = {
        "validate": [*cjm, "validate", str(old)],
        "validate both files": [*cjm, "validate", str(old), str(new)],
        "report --format json": [*cjm, "report", str(old), "--format", "json"],
        "report (text, piped)": [*cjm, "report", str(old)],
        "diff --format json": [*cjm, "diff", str(old), str(new), "--format", "json"],
    }
    print(f"one journey of {args.touchpoints:,} touchpoints, {len(text) // 1024:,} KB")
    base = None
    took = {}
    for label, command in runs.items():
        took[label] = seconds = timed(command)
        base = base or seconds
        print(f"{label:<22} {seconds:7.2f} s   {seconds / base:4.1f}× validate")
    text_report = took["report (text, piped)"] / took["report --format json"]
    print(f"the text report takes {text_report:.1f}× the JSON report (the goal: at most 3×)")
    print(
        f"peak memory of the largest run: {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024} MB"
    )


if __name__ == "__main__":
    main()
