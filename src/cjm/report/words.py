"""How the report words its facts, the same in every format."""

from __future__ import annotations

from cjm.report.data import ImprovementFact, Persona


def persona_name(persona: Persona) -> str:
    return "everyone" if persona is None else persona


def signed(value: float | None) -> str:
    """+0.5, -1, 0; "?" when nothing is known."""
    if value is None:
        return "?"
    text = f"{value:+.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("+0", "-0") else text


def improvement_line(improvement: ImprovementFact) -> str:
    owner = improvement.owner or "no owner"
    return f"{improvement.text} ({owner}, {improvement.status})"
