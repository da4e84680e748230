"""The report's sections as titled tables, once for every format.

A cell may carry a tone (`good`, `bad`, `warn`, `dim`) that a format shows as it can: a colour in
the terminal, a CSS class in HTML, nothing in Markdown. The experience curve is drawn by each
format in its own way and is not here.
"""

from __future__ import annotations

from cjm.analysis.facts import ImprovementFact, MetricStatus
from cjm.analysis.portfolio import NO_OWNER
from cjm.present.i18n import N_, Words, words
from cjm.present.tables import Cell, Section, maps_section
from cjm.present.tables import portfolio_headline as headline_of
from cjm.present.tone import direction_tone, emotion_tone, going_tone, standing_tone
from cjm.present.words import (
    NO_OWNER_NAME,
    SCORE_FORMULA,
    improvement_in,
    measured_in,
    quantity_in,
    signed_in,
    trend_in,
    word,
)
from cjm.report.data import JourneyReport, PortfolioReport

_PHASE_IDS = {"before": N_("before"), "during": N_("during"), "after": N_("after")}
"""The purchase phases with no touchpoint, by their ids, in the language."""


def score_formula(t: Words) -> str:
    """How the backlog is scored, in the language, as `--explain` and the backlog's note say it."""
    return t(SCORE_FORMULA)


def journey_sections(r: JourneyReport, *, explain: bool = True) -> list[Section]:
    """Every section of one journey; `explain` adds why each backlog item scores what it does."""
    names, t = r.names, words(r.lang)

    def at(touchpoint: str) -> Cell:
        return Cell(names.touchpoints.get(touchpoint, touchpoint))

    def channels(ids: list[str]) -> str:
        return ", ".join(names.channels.get(c, c) for c in ids) or "-"

    def touchpoints(ids: list[str]) -> list[str]:
        return [names.touchpoints.get(t, t) for t in ids]

    def emotion(value: float | None) -> Cell:
        return Cell(signed_in(value, t), emotion_tone(value))

    def improvements(found: list[ImprovementFact]) -> Cell:
        if not found:
            return Cell(t("no improvement yet"), "bad")
        return Cell("; ".join(improvement_in(i, t) for i in found))

    def number(value: float | None, unit: str | None) -> Cell:
        return Cell(quantity_in(value, unit, t))

    def trend(m: MetricStatus) -> Cell:
        return Cell(trend_in(m, t), direction_tone(m.direction), m if len(m.history) > 1 else None)

    trends = (
        [
            Cell(
                t(
                    "trend: better or worse by what the metric aims for (higher or lower), since its previous value"
                ),
                "dim",
            )
        ]
        if any(m.direction for m in r.metrics)
        else []
    )

    why = [t("why this score")] if explain else []
    return [
        Section("averages", t("Averages per phase and stage"), [t("phase or stage"), t("average emotion"), t("points")],
                [[Cell(names.phases[a.id]), emotion(a.average), Cell(str(a.points))] for a in r.curve.phases]
                + [[Cell(f"· {names.stages[a.id]}"), emotion(a.average), Cell(str(a.points))] for a in r.curve.stages],
                empty=t("None.")),
        Section("falls", t("Where the curve falls"), [t("from"), t("to"), t("persona"), t("drop")],
                [[at(f.from_touchpoint), at(f.to_touchpoint), Cell(r.persona_called(f.persona)), Cell(f"-{f.drop}", "bad")]
                 for f in r.curve.falls], empty=t("None.")),
        Section("pains", t("Moments of Pain, as the team marked them, deepest first"),
                [t("touchpoint"), t("persona"), t("emotion"), t("also Truth"), t("improvement")],
                [[at(p.touchpoint), Cell(r.persona_called(p.persona)), emotion(p.emotion),
                  Cell(t("yes"), "warn") if p.truth else Cell(""), improvements(p.improvements)]
                 for p in r.pains if p.marked],
                empty=t("None.")),
        Section("pain-points", t("Pain points: negative emotions not marked as a Moment of Pain, deepest first"),
                [t("touchpoint"), t("persona"), t("emotion"), t("also Truth"), t("improvement")],
                [[at(p.touchpoint), Cell(r.persona_called(p.persona)), emotion(p.emotion),
                  Cell(t("yes"), "warn") if p.truth else Cell(""), improvements(p.improvements)]
                 for p in r.pains if not p.marked],
                empty=t("None.")),
        Section("truths", t("Moments of Truth"), [t("touchpoint"), t("emotions"), t("metrics"), t("going")],
                [[at(m.touchpoint), Cell(", ".join(f"{r.persona_called(None if k == '*' else k)} {signed_in(v, t)}"
                                                   for k, v in m.emotions.items()) or "?"),
                  Cell("; ".join(f"{x.name}: {word(x.status, t)}" for x in m.metrics) or t("none"),
                       "" if m.metrics else "warn"),
                  Cell(word(m.going, t), going_tone(m.going))]
                 for m in r.truths], empty=t("None.")),
        Section("gaps", t("Expectation gaps, largest first"), [t("touchpoint"), t("persona"), t("wanted"), t("felt"), t("gap")],
                [[at(g.touchpoint), Cell(r.persona_called(g.persona)), Cell(signed_in(g.expected_emotion, t)),
                  emotion(g.emotion), Cell(str(g.gap), "bad" if g.gap >= 2 else "warn")] for g in r.gaps],
                empty=t("None.")),
        Section("metrics", t("Metrics"), [t("touchpoint"), t("metric"), t("value"), t("target"), t("status"), t("gap"),
                                          t("trend"), t("measured")],
                [[at(m.touchpoint), Cell(m.name), number(m.value, m.unit), number(m.target, m.unit),
                  Cell(word(m.status, t), standing_tone(m.status)),
                  number(m.gap, m.unit), trend(m), Cell(measured_in(m.measured, m.n, t), "dim")] for m in r.metrics],
                notes=trends, empty=t("None.")),
        Section("ownership", t("Ownership"), [t("team"), t("front or back stage"), t("touchpoints"), t("average emotion")],
                [[Cell(names.teams.get(m.id, m.name)), Cell(word(m.stage, t) if m.stage else ""),
                  Cell(str(len(m.touchpoints))), emotion(m.average)] for m in r.ownership.teams],
                notes=_notes((t("Without an owner"), touchpoints(r.ownership.without_owner)),
                             (t("Front stage without back stage"), touchpoints(r.ownership.frontstage_without_backstage))),
                empty=t("None.")),
        Section("channels", t("Channel fit"), [t("persona"), t("prefers"), t("never offered"), t("used, not preferred")],
                [[Cell(r.persona_called(f.persona)), Cell(channels(f.preferred)),
                  Cell(channels(f.never_offered), "warn" if f.never_offered else ""),
                  Cell("; ".join(f"{names.phases.get(phase, phase)}: {channels(c)}"
                                 for phase, c in f.unpreferred_used.items()) or "-")]
                 for f in r.channels.personas],
                notes=_notes((t("Purchase phases with no touchpoint"), [t(_PHASE_IDS[p]) for p in r.channels.empty_phases])),
                empty=t("No persona states preferred channels.")),
        Section("evidence", t("Evidence"), [t("touchpoints"), *(word(level, t) for level in ("observed", "reported", "inferred", "assumed", "unstated")), t("name their sources")],
                [[Cell(str(v)) for v in (r.evidence.touchpoints, r.evidence.observed, r.evidence.reported,
                                         r.evidence.inferred, r.evidence.assumed)]
                 + [Cell(str(r.evidence.unstated), "warn" if r.evidence.unstated else ""), Cell(str(r.evidence.with_sources))]],
                empty=t("None.")),
        Section("strengths", t("Strengths worth protecting and telling"), [t("touchpoint"), t("persona"), t("emotion")],
                [[at(s.touchpoint), Cell(r.persona_called(s.persona)), emotion(s.emotion)] for s in r.strengths],
                empty=t("None.")),
        Section("backlog", t("Backlog: what to fix first"),
                ["#", t("score"), t("touchpoint"), t("who"), t("priority"), t("owner"), t("problem"),
                 t("improvement (owner, status)"), *why],
                [[Cell(str(b.rank)), Cell(str(b.score), "bad" if b.moment_of_pain else ""), at(b.touchpoint),
                  Cell(", ".join(r.persona_called(p) for p in b.personas) or "-"),
                  Cell(word(b.priority, t) if b.priority else "-", "bad" if b.priority == "high" else ""),
                  Cell(b.owner_name or t("no owner"), "" if b.owner else "warn"),
                  Cell("; ".join(b.problems) or "-"), improvements(b.improvements),
                  *([Cell(b.explanation, "dim")] if explain else [])] for b in r.backlog],
                notes=[Cell(score_formula(t), "dim")],
                empty=t("Nothing to fix.")),
        Section("opportunities", t("Opportunities"), [t("touchpoint"), t("opportunity")],
                [[Cell(o.name), Cell(o.text)] for o in r.opportunities], empty=t("None.")),
    ]  # fmt: skip


_HURT_TITLES = {
    "phases": N_("Phases that hurt most ({state} state)"),
    "stages": N_("Stages that hurt most ({state} state)"),
    "channels": N_("Channels that hurt most ({state} state)"),
    "owners": N_("Owners that hurt most ({state} state)"),
}
_PHASES_ACROSS_MAPS = N_(
    "Phases are counted across maps as the purchase phase each is (before, during, after), whatever each map"
    " calls it."
)
_HURT_COLUMNS = {
    "phases": N_("phase"),
    "stages": N_("stage"),
    "channels": N_("channel"),
    "owners": N_("owner"),
}


def portfolio_headline(report: PortfolioReport) -> str:
    """How many journeys and touchpoints, and the average emotion, per state when there are two."""
    return headline_of(report.portfolio.states, words(report.lang))


def overview_section(report: PortfolioReport) -> Section:
    """Every map at a glance: who keeps it, when it is due, its size and its health."""
    return maps_section(report.portfolio.maps, words(report.lang))


def portfolio_sections(report: PortfolioReport) -> list[Section]:
    """Every map at a glance; per state, what hurts most; then, for journeys mapped in both
    states, what the future changes."""
    t = words(report.lang)

    def emotion(value: float | None) -> Cell:
        return Cell(signed_in(value, t), emotion_tone(value))

    return [overview_section(report)] + [
        Section(f"portfolio-{state.state}-{kind}", t(_HURT_TITLES[kind], state=word(state.state, t)),
                [t(_HURT_COLUMNS[kind]), t("average emotion"), t("pains"), t("journeys")],
                [[Cell(t(NO_OWNER_NAME) if h.id == NO_OWNER else h.name), emotion(h.average), Cell(str(h.pains)),
                  Cell(str(h.journeys))] for h in rows],
                notes=[Cell(t(_PHASES_ACROSS_MAPS), "dim")] * (kind == "phases" and bool(rows)), empty=t("None."))
        for state in report.portfolio.states
        for kind, rows in (("phases", state.phases), ("stages", state.stages), ("channels", state.channels),
                           ("owners", state.owners))
    ] + ([Section("portfolio-pairs", t("What the future state changes"),
                  [t("journey"), t("average now"), t("average in the future"), t("pains now"), t("pains in the future")],
                  [[Cell(p.title), emotion(p.current_average), emotion(p.future_average),
                    Cell(str(p.pains_current)), Cell(str(p.pains_future))] for p in report.pairs], empty=t("None."))]
         if report.pairs else [])  # fmt: skip


def _notes(*notes: tuple[str, list[str]]) -> list[Cell]:
    return [Cell(f"{label}: {', '.join(items)}", "warn") for label, items in notes if items]
