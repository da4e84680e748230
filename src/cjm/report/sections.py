"""The report's sections as titled tables, once for every format.

A cell may carry a tone (`good`, `bad`, `warn`, `dim`) that a format shows as it can: a colour in
the terminal, a CSS class in HTML, nothing in Markdown. The experience curve is drawn by each
format in its own way and is not here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from cjm.analysis.facts import ImprovementFact
from cjm.present.words import improvement_named, signed
from cjm.report.data import JourneyReport, PortfolioReport

Tone = Literal["good", "bad", "warn", "dim", ""]


@dataclass(frozen=True)
class Cell:
    text: str
    tone: Tone = ""


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    columns: list[str]
    rows: list[list[Cell]]
    notes: list[Cell] = field(default_factory=list)
    empty: str = "None."


def tone_of(emotion: float | None) -> Tone:
    if emotion is None:
        return "dim"
    return "bad" if emotion < 0 else "warn" if emotion < 0.5 else "good"


def journey_sections(r: JourneyReport, *, explain: bool = True) -> list[Section]:
    """Every section of one journey; `explain` adds why each backlog item scores what it does."""
    names = r.names

    def at(touchpoint: str) -> Cell:
        return Cell(names.touchpoints.get(touchpoint, touchpoint))

    def channels(ids: list[str]) -> str:
        return ", ".join(names.channels.get(c, c) for c in ids) or "-"

    def touchpoints(ids: list[str]) -> list[str]:
        return [names.touchpoints.get(t, t) for t in ids]

    why = ["why this score"] if explain else []
    return [
        Section("averages", "Averages per phase and stage", ["phase or stage", "average emotion", "points"],
                [[Cell(names.phases[a.id]), _emotion(a.average), Cell(str(a.points))] for a in r.curve.phases]
                + [[Cell(f"· {names.stages[a.id]}"), _emotion(a.average), Cell(str(a.points))] for a in r.curve.stages]),
        Section("falls", "Where the curve falls", ["from", "to", "persona", "drop"],
                [[at(f.from_touchpoint), at(f.to_touchpoint), Cell(r.persona_called(f.persona)), Cell(f"-{f.drop}", "bad")]
                 for f in r.curve.falls]),
        Section("pains", "Moments of Pain, deepest first",
                ["touchpoint", "persona", "emotion", "also Truth", "improvement"],
                [[at(p.touchpoint), Cell(r.persona_called(p.persona)), _emotion(p.emotion),
                  Cell("yes", "warn") if p.truth else Cell(""), _improvements(p.improvements)] for p in r.pains]),
        Section("truths", "Moments of Truth", ["touchpoint", "emotions", "metrics", "going"],
                [[at(t.touchpoint), Cell(", ".join(f"{r.persona_called(None if k == '*' else k)} {signed(v)}"
                                                   for k, v in t.emotions.items()) or "?"),
                  Cell("; ".join(f"{m.name}: {m.status}" for m in t.metrics) or "none", "" if t.metrics else "warn"),
                  Cell(t.going, {"well": "good", "badly": "bad", "mixed": "warn"}.get(t.going, "dim"))]  # type: ignore[arg-type]
                 for t in r.truths]),
        Section("gaps", "Expectation gaps, largest first", ["touchpoint", "persona", "wanted", "felt", "gap"],
                [[at(g.touchpoint), Cell(r.persona_called(g.persona)), Cell(signed(g.expected_emotion)),
                  _emotion(g.emotion), Cell(str(g.gap), "bad" if g.gap >= 2 else "warn")] for g in r.gaps]),
        Section("metrics", "Metrics", ["touchpoint", "metric", "value", "target", "status", "gap"],
                [[at(m.touchpoint), Cell(m.name), Cell(_number(m.value, m.unit)), Cell(_number(m.target, m.unit)),
                  Cell(m.status, {"below": "bad", "met": "good"}.get(m.status, "warn")),  # type: ignore[arg-type]
                  Cell(_number(m.gap, m.unit))] for m in r.metrics]),
        Section("ownership", "Ownership", ["team", "stage", "touchpoints", "average emotion"],
                [[Cell(names.teams.get(t.id, t.name)), Cell(t.stage or ""), Cell(str(len(t.touchpoints))),
                  _emotion(t.average)] for t in r.ownership.teams],
                notes=_notes(("Without an owner", touchpoints(r.ownership.without_owner)),
                             ("Front stage without back stage", touchpoints(r.ownership.frontstage_without_backstage)))),
        Section("channels", "Channel fit", ["persona", "prefers", "never offered", "used, not preferred"],
                [[Cell(r.persona_called(f.persona)), Cell(channels(f.preferred)),
                  Cell(channels(f.never_offered), "warn" if f.never_offered else ""),
                  Cell("; ".join(f"{names.phases.get(phase, phase)}: {channels(c)}"
                                 for phase, c in f.unpreferred_used.items()) or "-")]
                 for f in r.channels.personas],
                notes=_notes(("Purchase phases with no touchpoint", r.channels.empty_phases)),
                empty="No persona states preferred channels."),
        Section("evidence", "Evidence", ["touchpoints", "observed", "reported", "inferred", "assumed", "unstated", "name their sources"],
                [[Cell(str(v)) for v in (r.evidence.touchpoints, r.evidence.observed, r.evidence.reported,
                                         r.evidence.inferred, r.evidence.assumed)]
                 + [Cell(str(r.evidence.unstated), "warn" if r.evidence.unstated else ""), Cell(str(r.evidence.with_sources))]]),
        Section("strengths", "Strengths worth protecting and telling", ["touchpoint", "persona", "emotion"],
                [[at(s.touchpoint), Cell(r.persona_called(s.persona)), _emotion(s.emotion)] for s in r.strengths]),
        Section("backlog", "Backlog: what to fix first",
                ["#", "score", "touchpoint", "who", "priority", "owner", "problem", "improvement (owner, status)", *why],
                [[Cell(str(b.rank)), Cell(str(b.score), "bad" if b.moment_of_pain else ""), at(b.touchpoint),
                  Cell(", ".join(r.persona_called(p) for p in b.personas) or "-"),
                  Cell(b.priority or "-", "bad" if b.priority == "high" else ""),
                  Cell(b.owner_name or "no owner", "" if b.owner else "warn"),
                  Cell("; ".join(b.problems) or "-"), _improvements(b.improvements),
                  *([Cell(b.explanation, "dim")] if explain else [])] for b in r.backlog],
                notes=[Cell(r.score_formula.replace("\n    ", " ").replace("\n", " "), "dim")],
                empty="Nothing to fix."),
        Section("opportunities", "Opportunities", ["touchpoint", "opportunity"],
                [[Cell(o.name), Cell(o.text)] for o in r.opportunities]),
    ]  # fmt: skip


def portfolio_sections(report: PortfolioReport) -> list[Section]:
    """Per state, what hurts most; then, for journeys mapped in both states, what the future changes."""
    return [
        Section(f"portfolio-{state.state}-{kind}", f"{kind.title()} that hurt most ({state.state} state)",
                [kind[:-1], "average emotion", "pains", "journeys"],
                [[Cell(h.name), _emotion(h.average), Cell(str(h.pains)), Cell(str(h.journeys))] for h in rows])
        for state in report.portfolio.states
        for kind, rows in (("phases", state.phases), ("stages", state.stages), ("channels", state.channels),
                           ("owners", state.owners))
    ] + ([Section("portfolio-pairs", "What the future state changes",
                  ["journey", "average now", "average in the future", "pains now", "pains in the future"],
                  [[Cell(p.title), _emotion(p.current_average), _emotion(p.future_average),
                    Cell(str(p.pains_current)), Cell(str(p.pains_future))] for p in report.pairs])]
         if report.pairs else [])  # fmt: skip


def _emotion(value: float | None) -> Cell:
    return Cell(signed(value), tone_of(value))


def _improvements(improvements: list[ImprovementFact]) -> Cell:
    if not improvements:
        return Cell("no improvement yet", "bad")
    return Cell("; ".join(improvement_named(i) for i in improvements))


def _notes(*notes: tuple[str, list[str]]) -> list[Cell]:
    return [Cell(f"{label}: {', '.join(items)}", "warn") for label, items in notes if items]


def _number(value: float | None, unit: str | None) -> str:
    return "-" if value is None else f"{value:g}" + (f" {unit}" if unit else "")
