"""Findings as one JSON document, for scripts."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TextIO

from cjm import __version__
from cjm.project.check import CheckResult


def write(result: CheckResult, out: TextIO, *, color: bool) -> None:
    document = {
        "tool": {"name": "cjm", "version": __version__},
        "files": result.files,
        "errors": result.count("error"),
        "warnings": result.count("warning"),
        "findings": [asdict(f) for f in result.findings],
    }
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")
