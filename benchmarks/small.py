"""One small journey, the pre-commit case: `cjm validate FILE` against `yamllint FILE`.

Both run as whole processes from an installed wheel (bytecode compiled, as users run them), in
turn, from a folder with no configuration; the figure is the median of the CPU-time ratios of
the pairs. The goal is at most 1.2x yamllint.

    python benchmarks/small.py
    python benchmarks/small.py --runs 21 --venv /tmp/cjm-bench   # keep the environment
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from timing import installed, pair, verdict

ROOT = Path(__file__).resolve().parent.parent
SMALL_FILE = ROOT / "examples" / "ecommerce-omnichannel.yaml"
GOAL = 1.2


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15, help="pairs of runs (the median is shown)")
    parser.add_argument("--venv", type=Path, help="install into (and reuse) this environment")
    args = parser.parse_args()
    bin_folder = installed("yamllint", keep=args.venv)
    folder = Path(tempfile.mkdtemp(prefix="cjm-small-"))
    journey = folder / SMALL_FILE.name
    shutil.copy(SMALL_FILE, journey)
    result = pair(
        [str(bin_folder / "cjm"), "validate", str(journey)],
        [str(bin_folder / "yamllint"), str(journey)],
        args.runs,
    )
    print(f"one small journey ({journey.stat().st_size / 1024:.1f} KB), {args.runs} pairs, CPU-time medians:")
    print(f"  cjm validate {result['seconds'] * 1000:.0f} ms, yamllint {result['baseline'] * 1000:.0f} ms")
    print(f"  cjm validate / yamllint: {verdict(result['ratio'], GOAL)}")
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
