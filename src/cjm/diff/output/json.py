"""A diff as JSON, for scripts."""

from __future__ import annotations

import json
from typing import Any, TextIO

from cjm.diff import Change, JourneyDiff


def write(diffs: list[JourneyDiff], out: TextIO, *, color: bool = False) -> None:
    document = {
        "journeys": [
            {
                "journey": d.journey,
                "old": d.old_path,
                "new": d.new_path,
                "headline": {
                    "improved": d.improved,
                    "regressed": d.regressed,
                    "average_before": d.old_average,
                    "average_after": d.new_average,
                },
                "changes": [_change(c) for c in d.changes],
                "stages": [a.__dict__ for a in d.stages],
                "phases": [a.__dict__ for a in d.phases],
            }
            for d in diffs
        ],
        "regressions": sum(len(d.regressions) for d in diffs),
    }
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _change(change: Change) -> dict[str, Any]:
    return {"kind": change.kind, "path": list(change.path), "field": change.field, "old": change.old,
            "new": change.new, "delta": change.delta, "level": change.level}  # fmt: skip
