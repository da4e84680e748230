"""SARIF 2.1.0, the format code-scanning services (GitHub, GitLab, Azure DevOps) import."""

from __future__ import annotations

import json
import os
from typing import Any, TextIO
from urllib.parse import quote

from cjm import __version__
from cjm.project.check import CheckResult
from cjm.rules import all_rules

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def write(result: CheckResult, out: TextIO, *, color: bool) -> None:
    json.dump(sarif_log(result), out, ensure_ascii=False, indent=2)
    out.write("\n")


def sarif_log(result: CheckResult) -> dict[str, Any]:
    rules = all_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "cjm",
                        "version": __version__,
                        "rules": [_descriptor(r) for r in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [
                    {
                        "ruleId": f.code,
                        "ruleIndex": index[f.code],
                        "level": f.severity.value,
                        "message": {"text": f.message},
                        "locations": [{"physicalLocation": _location(f.path, f.line, f.column)}],
                    }
                    for f in result.findings
                ],
            }
        ],
    }


def _descriptor(rule: Any) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": "\n\n".join(rule.paragraphs)},
        "defaultConfiguration": (
            {"level": "warning", "enabled": False}  # off by default: runs when selected, as a warning
            if rule.severity.value == "off"
            else {"level": rule.severity.value}
        ),
    }


def _location(path: str, line: int, column: int) -> dict[str, Any]:
    relative = not os.path.isabs(path)
    uri = quote(path.replace(os.sep, "/")) if relative else "file://" + quote(path.replace(os.sep, "/"))
    artifact: dict[str, Any] = {"uri": uri}
    if relative:
        artifact["uriBaseId"] = "%SRCROOT%"
    return {"artifactLocation": artifact, "region": {"startLine": line, "startColumn": column}}
