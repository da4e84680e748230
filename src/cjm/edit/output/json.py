"""An edit as JSON: the findings of the edited file, the semantic diff, and the text's diff."""

from __future__ import annotations

import json
from typing import Any, TextIO

from cjm.agents import library
from cjm.edit.run import EditResult


def document(result: EditResult) -> dict[str, Any]:
    new = {id(f) for f in result.new}
    return {
        "file": result.path,
        "written": result.written,
        "dry_run": result.dry_run,
        "applied": result.applied,
        "findings": [
            {
                "path": f.path,
                "line": f.line,
                "column": f.column,
                "code": f.code,
                "rule": f.name,
                "severity": str(f.severity),
                "message": f.message,
                "new": id(f) in new,
            }
            for f in result.findings
        ],
        "diff": library.diff_document(result.diffs) if result.diffs else None,
        "unified_diff": result.unified,
    }


def write(result: EditResult, out: TextIO, *, color: bool = False) -> None:
    json.dump(document(result), out, ensure_ascii=False, indent=2)
    out.write("\n")
