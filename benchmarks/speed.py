"""How close is `cjm validate` to the cost of reading the YAML at all, and how much memory does a
large folder take?

Generates a corpus with the validate benchmark's `make_corpus`, then times whole processes from
an installed wheel (bytecode compiled), in turn: `cjm validate --jobs 1` (every rule, one core)
against a bare parse of the same files, a Python process that only pulls every event out of
ruamel.yaml's C parser and throws it away. The figure is the median of the CPU-time ratios of
the pairs: what cjm adds to reading (the tree with positions, the models, the rules, the
findings). Then the peak memory of validating 1,000 files with the default --jobs, each
process's peak summed.

    python benchmarks/speed.py                     # 600 journeys of 40 touchpoints
    python benchmarks/speed.py --files 300 --runs 5 --venv /tmp/cjm-bench
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from timing import installed, pair, summed_peak, verdict
from validate import make_corpus  # the same corpus as the validate benchmark

GOAL = 2.2
MEMORY_GOAL = 200  # MB, summed over every process, 1,000 files, default --jobs
BARE_PARSE = """
import os, sys
from _ruamel_yaml import CParser
folder = sys.argv[1]
for name in sorted(os.listdir(folder)):
    with open(os.path.join(folder, name), "rb") as stream:
        text = stream.read().decode("utf-8")
    parser = CParser(text)
    while parser.check_event():
        parser.get_event()
"""


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=600)
    parser.add_argument("--touchpoints", type=int, default=40)
    parser.add_argument("--runs", type=int, default=7, help="pairs of runs (the median is shown)")
    parser.add_argument("--venv", type=Path, help="install into (and reuse) this environment")
    args = parser.parse_args()
    bin_folder = installed(keep=args.venv)
    folder = Path(tempfile.mkdtemp(prefix="cjm-speed-"))
    corpus = folder / "corpus"
    size = make_corpus(corpus, args.files, args.touchpoints)
    print(f"corpus: {args.files} journeys, {args.touchpoints} touchpoints each, {size / 1e6:.1f} MB")
    result = pair(
        [str(bin_folder / "cjm"), "validate", "--jobs", "1", str(corpus)],
        [str(bin_folder / "python"), "-c", BARE_PARSE, str(corpus)],
        args.runs,
    )
    print(f"  cjm validate --jobs 1 {result['seconds']:.2f} s, bare parse {result['baseline']:.2f} s (CPU)")
    print(f"  cjm validate --jobs 1 / bare ruamel C event parse: {verdict(result['ratio'], GOAL)}")
    large = folder / "large"
    make_corpus(large, 1000, args.touchpoints)
    peak = max(summed_peak([str(bin_folder / "cjm"), "validate", str(large)]) for _ in range(3))
    met = "met" if peak < MEMORY_GOAL else "NOT MET"
    print(f"1,000 journeys, default --jobs: peak memory summed over every process {peak:.0f} MB"
          f" (goal: under {MEMORY_GOAL} MB) {met}")  # fmt: skip
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
