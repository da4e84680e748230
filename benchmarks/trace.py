"""cjm trace on 10,000,000 events (Parquet), beside a bare DuckDB query of the same per-touchpoint
counts (sessions that reached each touchpoint, sessions that stopped there, median time to the
next one).

Both run as whole processes (start-up included); the goal is cjm within 3x of bare DuckDB, which
computes only those counts while cjm also computes the transitions, the events no touchpoint
lists and the sessions that never entered. The script checks that both agree on the counts.
Run: python benchmarks/trace.py [EVENTS]
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

EVENTS = ["ad_click", "product_view", "cart_view", "checkout_started", "payment_submitted", "review_written"]
NOISE = ["page_view", "scroll"]
JOURNEY = """cjm: 1
id: bench
title: Bench
phases:
  - id: before
    stages:
      - id: s
        name: S
        touchpoints:
          - {id: anuncio, name: Anuncio, channel: social, events: [ad_click]}
          - {id: ficha, name: Ficha, channel: web, events: [product_view]}
          - {id: carrito, name: Carrito, channel: web, events: [cart_view, checkout_started]}
          - {id: pago, name: Pago, channel: web, events: [payment_submitted]}
          - {id: resena, name: Reseña, channel: web, events: [review_written]}
"""
MAP = {
    "ad_click": 0,
    "product_view": 1,
    "cart_view": 2,
    "checkout_started": 2,
    "payment_submitted": 3,
    "review_written": 4,
}
BARE = """
import duckdb, sys, json
mapping = json.loads(sys.argv[2])
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
con.execute("CREATE TABLE m (event VARCHAR, tp INTEGER)")
con.executemany("INSERT INTO m VALUES (?, ?)", list(mapping.items()))
rows = con.execute(f'''
    WITH v AS (SELECT e.session, e.time, m.tp, lead(m.tp) OVER w AS next_tp, lead(e.time) OVER w AS next_time
               FROM read_parquet('{sys.argv[1]}') e JOIN m USING (event)
               WINDOW w AS (PARTITION BY e.session ORDER BY e.time, m.tp))
    SELECT tp, count(DISTINCT session), count(*) FILTER (WHERE next_tp IS NULL),
           median(epoch(next_time) - epoch(time)) FILTER (WHERE next_tp <> tp)
    FROM v GROUP BY tp ORDER BY tp''').fetchall()
print(json.dumps([[tp, reached, dropoff] for tp, reached, dropoff, _ in rows]))
"""


def generate(path: Path, events: int) -> None:
    """Sessions of ten events: mostly along the map, some back and forth, some noise."""
    names = "[" + ", ".join(f"'{e}'" for e in EVENTS + NOISE) + "]"
    duckdb.sql(f"""
        COPY (
            SELECT 's' || (i // 10) AS session,
                   {names}[(CASE WHEN hash(i, 1) % 100 < 15 THEN 7 + hash(i, 2) % 2
                                 ELSE 1 + least(5, (i % 10) // 2 + hash(i, 3) % 2) END)::BIGINT] AS event,
                   TIMESTAMP '2026-11-01' + to_seconds(((i // 10) % 86400 * 30 + (i % 10) * 45
                                                        + hash(i, 4) % 40)::BIGINT) AS time
            FROM range({events}) r(i)
        ) TO '{path}' (FORMAT parquet)
    """)


def run(command: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return time.perf_counter() - start, done.stdout


def main() -> None:
    events = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
    folder = Path(tempfile.mkdtemp())
    export = folder / "events.parquet"
    generate(export, events)
    (folder / "journey.yaml").write_text(JOURNEY, encoding="utf-8")
    bare_time, bare_out = run([sys.executable, "-c", BARE, str(export), json.dumps(MAP)])
    cjm_time, cjm_out = run([sys.executable, "-m", "cjm", "trace", str(folder / "journey.yaml"), "--events",
                             str(export), "-f", "json"])  # fmt: skip
    found = json.loads(cjm_out)
    bare = {tp: (reached, dropoff) for tp, reached, dropoff in json.loads(bare_out)}
    ours = {i: (t["reached"], t["dropoff"]) for i, t in enumerate(found["touchpoints"]) if t["reached"]}
    print(f"events: {events:,}, sessions: {found['sessions']:,}, entered: {found['entered']:,}")
    print(f"bare DuckDB: {bare_time:.2f} s")
    print(f"cjm trace:   {cjm_time:.2f} s")
    print(f"ratio: {cjm_time / bare_time:.2f}x (goal: within 3x)")
    print(f"reached and drop-off equal: {bare == ours}")


if __name__ == "__main__":
    main()
