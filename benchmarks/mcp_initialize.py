"""How long `cjm mcp` takes to answer `initialize`: from starting the process to the answer.

    python benchmarks/mcp_initialize.py [RUNS]

Starts `python -m cjm mcp` RUNS times (default 10), sends the raw JSON-RPC `initialize` request
on its stdin, and prints the median and the slowest time to read the answer.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time

REQUEST = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {
        "protocolVersion": "2025-06-18",
        "capabilities": {},
        "clientInfo": {"name": "bench", "version": "0"},
    },
}


def once() -> float:
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "cjm", "mcp"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write((json.dumps(REQUEST) + "\n").encode())
    process.stdin.flush()
    answer = json.loads(process.stdout.readline())
    elapsed = time.perf_counter() - start
    assert answer.get("id") == 1 and "result" in answer, answer
    process.stdin.close()
    process.wait(timeout=30)
    return elapsed


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    times = [once() for _ in range(runs)]
    print(
        f"initialize answered in {statistics.median(times) * 1000:.0f} ms (median of {runs}), slowest {max(times) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
