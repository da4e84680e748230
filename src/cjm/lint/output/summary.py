"""The line that ends a check's human output."""

from __future__ import annotations

from cjm.language import plural
from cjm.project.check import CheckResult


def summary(result: CheckResult) -> str:
    """ "12 files checked: 2 errors, 3 warnings (in 2 files)." or "... no problems found"."""
    files = plural(result.files, "file")
    if not result.findings:
        return f"{files} checked: no problems found."
    counts = f"{plural(result.count('error'), 'error')}, {plural(result.count('warning'), 'warning')}"
    affected = len({f.path for f in result.findings})
    return f"{files} checked: {counts} (in {plural(affected, 'file')})."
