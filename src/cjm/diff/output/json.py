"""A diff as JSON, for scripts."""

from __future__ import annotations

import json
from typing import Any, TextIO

from cjm.diff.changes import Change, JourneyDiff


def write(diffs: list[JourneyDiff], out: TextIO, *, color: bool = False) -> None:
    document = {
        "journeys": [
            {
                "journey": d.journey,
                "title": d.title,
                "state": d.state,
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
    """The change; `names` runs parallel to `path`, `old_name`/`new_name` name values that are ids."""
    found = {"kind": change.kind.value, "path": list(change.path), "names": list(change.names or change.path),
             "field": change.field, "old": change.old, "new": change.new, "delta": change.delta,
             "level": change.level}  # fmt: skip
    if change.old_name is not None or change.new_name is not None:
        found |= {"old_name": change.old_name, "new_name": change.new_name}
    return found
