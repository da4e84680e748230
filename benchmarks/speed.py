"""How close is `cjm validate` to the cost of reading the YAML at all?

Generates a corpus with the validate benchmark's `make_corpus`, then times whole processes side
by side: `cjm validate --jobs 1` (every rule, one core) against a bare parse of the same files,
a Python process that only pulls every event out of ruamel.yaml's C parser and throws it away.
The ratio between the two is what cjm adds to reading: building the tree with positions,
validating the models, running the rules and writing the findings.

    python benchmarks/speed.py                     # 300 journeys of 40 touchpoints
    python benchmarks/speed.py --files 100 --runs 5
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from validate import make_corpus, measure  # the same corpus as the validate benchmark

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
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--touchpoints", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5, help="runs of each command (the median is shown)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cjm-speed-"))
    corpus = folder / "corpus"
    size = make_corpus(corpus, args.files, args.touchpoints)
    print(f"corpus: {args.files} journeys, {args.touchpoints} touchpoints each, {size / 1e6:.1f} MB\n")
    bare = measure("bare ruamel C event parse", [sys.executable, "-c", BARE_PARSE, str(corpus)], args.runs)
    cjm = measure(
        "cjm validate --jobs 1",
        [sys.executable, "-m", "cjm", "validate", "--jobs", "1", str(corpus)],
        args.runs,
    )
    print(f"| {'command':<28} | {'seconds':>7} | {'peak MB':>7} | exit |")
    print(f"| {'-' * 28} | {'-' * 6}:| {'-' * 6}:| ---- |")
    for row in (bare, cjm):
        print(f"| {row['label']:<28} | {row['seconds']:>7.2f} | {row['memory']:>7.0f} | {row['exit']:>4} |")
    print(f"\ncjm validate / bare parse: {float(cjm['seconds']) / float(bare['seconds']):.2f}x")
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
