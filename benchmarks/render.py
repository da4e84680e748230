"""How long does `cjm render` take on a large journey, and how much of it is Graphviz's?

Generates one journey of 500 touchpoints and 4 personas, then times whole processes from an
installed wheel (bytecode compiled):
`cjm render --format svg` (reading, checking, laying out, and Graphviz drawing), `cjm render
--format dot` (everything but the drawing), and Graphviz alone on the DOT that cjm writes, run
as cjm runs it (`dot -Kneato -n`, no layout step) and as a user would (`dot -Tsvg`). Peak memory
is each run's largest process. Last, the goal: `cjm render --format svg` of 400 touchpoints
against Graphviz alone drawing cjm's DOT as cjm runs it, in turn, the median of the CPU-time
ratios of the pairs (at most 2.5x).

    python benchmarks/render.py
    python benchmarks/render.py --touchpoints 100 --runs 5
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import installed, pair, verdict
from validate import journey, measure  # the same generator as the validate benchmark

CAST = ["ana", "luis", "marta", "sofia"]
GOAL = 2.5


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--touchpoints", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3, help="runs of each command (the median is shown)")
    parser.add_argument("--venv", type=Path, help="install into (and reuse) this environment")
    args = parser.parse_args()
    bin_folder = installed(keep=args.venv)
    dot = shutil.which("dot")
    if dot is None:
        sys.exit("Graphviz's dot is not installed (Debian/Ubuntu: apt install graphviz)")
    folder = Path(tempfile.mkdtemp(prefix="cjm-render-bench-"))
    source = folder / "large.yaml"
    text = journey(random.Random(20261124), 0, args.touchpoints, CAST)
    source.write_text(text, encoding="utf-8")
    cjm = [str(bin_folder / "cjm"), "render", str(source)]
    rows = [
        measure(
            "cjm render --format svg", [*cjm, "--format", "svg", "-o", str(folder / "large.svg")], args.runs
        ),
        measure(
            "cjm render --format dot (no drawing)",
            [*cjm, "--format", "dot", "-o", str(folder / "large.dot")],
            args.runs,
        ),
        measure(
            "dot -Kneato -n -Tsvg (Graphviz alone, as cjm runs it)",
            [dot, "-Kneato", "-n", "-Tsvg", str(folder / "large.dot"), "-o", str(folder / "dot.svg")],
            args.runs,
        ),
        measure(
            "dot -Tsvg (Graphviz alone, with its layout step)",
            [dot, "-Tsvg", str(folder / "large.dot"), "-o", str(folder / "dot.svg")],
            args.runs,
        ),
    ]
    nodes = (folder / "large.dot").read_text(encoding="utf-8").count(" [pos=")
    print(f"one journey: {args.touchpoints} touchpoints, {len(CAST)} personas, {len(text) / 1024:.0f} KB of YAML;"
          f" {nodes:,} Graphviz nodes; SVG {(folder / 'large.svg').stat().st_size / 1e6:.1f} MB\n")  # fmt: skip
    print(f"| {'command':<52} | {'seconds':>7} | {'peak MB':>7} | exit |")
    print(f"| {'-' * 52} | {'-' * 6}:| {'-' * 6}:| ---- |")
    for row in rows:
        print(f"| {row['label']:<52} | {row['seconds']:>7.2f} | {row['memory']:>7.0f} | {row['exit']:>4} |")
    total, drawing = float(rows[0]["seconds"]), float(rows[2]["seconds"])
    print(
        f"\ncjm's own share of the svg run: {total - drawing:.2f} s of {total:.2f} s ({(total - drawing) / total:.0%})"
    )
    goal = folder / "goal.yaml"
    goal.write_text(journey(random.Random(20261124), 0, 400, CAST), encoding="utf-8")
    drawn = [*cjm[:2], str(goal)]
    subprocess.run([*drawn, "--format", "dot", "-o", str(folder / "goal.dot")], check=True)
    result = pair(
        [*drawn, "--format", "svg", "-o", str(folder / "goal.svg")],
        [dot, "-Kneato", "-n", "-Tsvg", str(folder / "goal.dot"), "-o", str(folder / "dot.svg")],
        max(args.runs, 7),
    )
    print(f"\n400 touchpoints: cjm render --format svg {result['seconds']:.2f} s, Graphviz alone"
          f" {result['baseline']:.2f} s (CPU); cjm / Graphviz: {verdict(result['ratio'], GOAL)}")  # fmt: skip
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
