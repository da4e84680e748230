"""`cjm measure --format json`: each metric's old and new figures, and the diff of each file."""

from __future__ import annotations

import json
from typing import TextIO

from cjm.measure.run import MeasureResult


def write(result: MeasureResult, out: TextIO, *, color: bool = False) -> None:
    document = {
        "dry_run": result.dry_run,
        "metrics": [
            {
                "path": m.path,
                "line": m.line,
                "column": m.column,
                "touchpoint": m.touchpoint,
                "name": m.name,
                "kind": m.kind,
                "method": m.method,
                "definition": m.definition,
                "previous": m.previous,
                "value": m.value,
                "n": m.n,
                "measured": m.measured,
                "target": m.target,
                "unit": m.unit,
                "higher_is_better": m.higher_is_better,
                "status": m.status,
                "sql": m.sql,
            }
            for m in result.measured
        ],
        "diffs": result.diffs,
    }
    out.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
