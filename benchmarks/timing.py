"""Whole processes timed as users run cjm: from an installed wheel (bytecode compiled), CPU time
as the system accounts it, pairs interleaved so that a machine's drift does not bias a ratio.

    from timing import installed, pair, summed_peak
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def installed(*extra: str, keep: Path | None = None) -> Path:
    """The bin folder of a virtual environment where cjm (and `extra` packages) are installed from
    a wheel, as users install it: pip compiles the bytecode. `keep` reuses that environment."""
    folder = keep or Path(tempfile.mkdtemp(prefix="cjm-bench-venv-"))
    bin_folder = folder / "bin"
    if not (bin_folder / "cjm").exists():
        venv.create(folder, with_pip=True)
    pip = [str(bin_folder / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "--force-reinstall", "--no-deps", str(ROOT)], check=True)
    subprocess.run([*pip, str(ROOT), *extra], check=True)
    return bin_folder


def cpu_seconds(command: list[str]) -> tuple[float, int]:
    """User + system seconds of the whole process and the children it waited for; exit code."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    return usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status)


def pair(command: list[str], baseline: list[str], runs: int) -> dict[str, float]:
    """Medians of CPU seconds of `command` and `baseline`, run in turn, and of their ratios."""
    cpu_seconds(command), cpu_seconds(baseline)  # warm the file cache for both
    mine, theirs, ratios = [], [], []
    for _ in range(runs):
        a, _ = cpu_seconds(command)
        b, _ = cpu_seconds(baseline)
        mine.append(a)
        theirs.append(b)
        ratios.append(a / b)
    return {
        "seconds": statistics.median(mine),
        "baseline": statistics.median(theirs),
        "ratio": statistics.median(ratios),
    }


def summed_peak(command: list[str]) -> float:
    """Peak memory (MB) of a command summed over every process it starts: each process's own
    peak resident size (VmHWM), read every few milliseconds while it runs, added up. Pages that
    forked workers share with their parent count in each, so the sum is an upper bound."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peaks: dict[int, int] = {}
    while process.poll() is None:
        for pid in _tree(process.pid):
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    peaks[pid] = max(peaks.get(pid, 0), int(line.split()[1]))
        time.sleep(0.005)
    return sum(peaks.values()) / 1024


def _tree(root: int) -> list[int]:
    """`root` and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                parent = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def verdict(ratio: float, goal: float) -> str:
    return f"{ratio:.2f}x (goal: at most {goal}x) {'met' if ratio <= goal else 'NOT MET'}"
