"""The rules' documentation, written from the registry so that code and docs never disagree."""

from __future__ import annotations

import json
import textwrap

from cjm.rules import Rule


def listing(rules: list[Rule], output_format: str) -> str:
    if output_format == "json":
        return (
            json.dumps(
                [
                    {
                        "code": r.code,
                        "name": r.name,
                        "severity": r.severity.value,
                        "summary": r.summary,
                        "description": "\n\n".join(r.paragraphs),
                    }
                    for r in rules
                ],
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
    if output_format == "markdown":
        rows = [f"| {r.code} | `{r.name}` | {r.severity.value} | {r.summary} |" for r in rules]
        return "\n".join(["| code | name | default | meaning |", "| --- | --- | --- | --- |", *rows]) + "\n"
    blocks = []
    for r in rules:
        body = "\n\n".join(
            textwrap.fill(p, 76, initial_indent="    ", subsequent_indent="    ") for p in r.paragraphs
        )
        blocks.append(f"{r.code}  {r.name}  ({r.severity.value})\n{body}\n")
    return "\n".join(blocks)
