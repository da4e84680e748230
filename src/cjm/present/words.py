"""How cjm words its facts for people, the same in every human format and in each language.

The closed sets of the format (emotions, moments, statuses, priorities, roles, states, the
built-in channels, the purchase phases) have their words here, marked with `N_` where they are
defined and translated with `t` where they are shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from cjm.model import BUILTIN_CHANNELS, Channel, Phase
from cjm.present.i18n import N_, Words, formatted


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """ "1 touchpoint", "2 touchpoints", "1,200 files"."""
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"


class _Trend(Protocol):
    """A metric's trend as the analysis decides it (`cjm.analysis.facts.MetricStatus`)."""

    @property
    def unit(self) -> str | None: ...
    @property
    def change(self) -> float | None: ...
    @property
    def direction(self) -> str | None: ...
    @property
    def history(self) -> Sequence[_Reading]: ...


class _Reading(Protocol):
    @property
    def date(self) -> str | None: ...
    @property
    def value(self) -> float: ...
    @property
    def n(self) -> int | None: ...


class _ScoreParts(Protocol):
    """The parts of a backlog item's score (`cjm.analysis.facts.ScoreParts`)."""

    @property
    def depth(self) -> int: ...
    @property
    def reach(self) -> int: ...
    @property
    def gap(self) -> int: ...
    @property
    def truth(self) -> bool: ...
    @property
    def metrics_below(self) -> int: ...


class _NamedImprovement(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def owner_name(self) -> str | None: ...
    @property
    def status(self) -> str: ...
    @property
    def priority(self) -> str | None: ...


PHASE_NAMES = {
    "before": N_("Before purchase"),
    "during": N_("During purchase"),
    "after": N_("After purchase"),
}
EMOTIONS = {
    -2: N_("very negative"), -1: N_("negative"), 0: N_("neutral"), 1: N_("positive"), 2: N_("very positive")
}  # fmt: skip
WORDS = {
    # moments
    "truth": N_("Moment of Truth"), "pain": N_("Moment of Pain"),
    # improvement status and priority
    "proposed": N_("proposed"), "planned": N_("planned"), "in-progress": N_("in progress"), "done": N_("done"),
    "low": N_("low"), "medium": N_("medium"), "high": N_("high"),
    # roles in the purchase
    "buyer": N_("buyer"), "decision-maker": N_("decision-maker"), "influencer": N_("influencer"),
    "prescriber": N_("prescriber"), "user": N_("user"),
    # states of a journey
    "current": N_("current"), "future": N_("future"),
    # where a map stands
    "draft": N_("draft"), "review": N_("in review"), "approved": N_("approved"), "retired": N_("retired"),
    # metric status against its target
    "below": N_("misses target"), "met": N_("meets target"), "no-target": N_("no target"), "no-value": N_("no value"),
    # how a Moment of Truth is going
    "well": N_("going well"), "badly": N_("going badly"), "mixed": N_("mixed"), "unmeasured": N_("unmeasured"),
    # team stages and channel types
    "front": N_("front stage"), "back": N_("back stage"),
    "digital": N_("digital"), "human": N_("human"), "physical": N_("physical"), "print": N_("print"),
    # confidence in the evidence
    "observed": N_("observed"), "reported": N_("reported"), "inferred": N_("inferred"), "assumed": N_("assumed"),
    "unstated": N_("unstated"),
}  # fmt: skip
"""The word for each value of a closed set of the format, by the value as the file writes it."""


def word(value: str, t: Words) -> str:
    """A value of the format (`in-progress`, `decision-maker`, `below`) as people read it."""
    return t(WORDS[value]) if value in WORDS else value


def everyone(t: Words) -> str:
    """Who a journey that names no personas is about."""
    return t("everyone")


def phase_title(phase: Phase, t: Words) -> str:
    """A phase's own name, or the purchase phase it is ("Before purchase", "Antes de la compra")."""
    return phase.name or purchase_phase_title(phase.id, t)


def purchase_phase_title(phase: str, t: Words) -> str:
    """The purchase phase a phase id is, whatever a map calls it: "Before purchase"."""
    return t(PHASE_NAMES[phase]) if phase in PHASE_NAMES else phase


def channel_name(channel: Channel, t: Words) -> str:
    """A channel's name; a built-in channel's in the map's language (a catalog's as it is written)."""
    return t(channel.name) if BUILTIN_CHANNELS.get(channel.id) is channel else channel.name


def emotion_word(score: int, t: Words) -> str:
    return t(EMOTIONS[score])


def quantity_in(value: float | None, unit: str | None, t: Words) -> str:
    """`quantity` in the map's language: 6.1% and 40 min in English, 6,1 % and 40 min in Spanish."""
    if value is None:
        return "?"
    number = _decimal(value, t)
    if not unit:
        return number
    return t("{number}%", number=number) if unit == "%" else f"{number} {unit}"


def persona_called(persona: str | None, t: Words) -> str:
    """A persona's name, or everyone when the journey names none."""
    return everyone(t) if persona is None else persona


def _decimal(value: float, t: Words) -> str:
    """A number as the language writes it, up to six decimals and without grouping, as `:g` does."""
    return formatted(value, "0.######", t.lang)


# The report's and the diff's words: numbers in the language, the default phases as the report
# names them, "no owner".


def signed_in(value: float | None, t: Words) -> str:
    """`signed` as the language writes decimals: +0.54 in English, +0,54 in Spanish."""
    if value is None:
        return "?"
    text = t.number(abs(value))
    if text == t.number(0):
        return "0"
    return ("+" if value > 0 else "-") + text


def improvement_in(improvement: _NamedImprovement, t: Words) -> str:
    """An improvement with its note: "Llamar en 1 h (Siniestros, planificada, prioridad alta)"."""
    note = improvement_note(improvement.owner_name, improvement.status, improvement.priority, t)
    return f"{improvement.text} ({note})"


def improvement_note(owner_name: str | None, status: str, priority: str | None, t: Words) -> str:
    """Who owns an improvement, how far it has got, and its priority: "Claims, planned, high
    priority"; the one wording of an improvement in the report and on the map."""
    parts = [owner_name or t("no owner"), word(status, t)]
    if priority:
        parts.append(t("{priority} priority", priority=word(priority, t)))
    return ", ".join(parts)


TRENDS = {
    "improved": N_("better {change} since {date}"),
    "worsened": N_("worse {change} since {date}"),
    "unchanged": N_("same since {date}"),
}
"""How a metric moved since its previous value, by `direction`: better or worse by what it aims for."""


def change_in(value: float, unit: str | None, t: Words) -> str:
    """A change with its sign and unit: +5.9%, -1.1 puntos, +2 min ("+5,9 %" in Spanish)."""
    sign = "+" if value > 0 else "-" if value < 0 else ""
    return sign + quantity_in(abs(value), unit, t)


def trend_in(metric: _Trend, t: Words) -> str:
    """ "better +6 since 2026-10-31", "worse -1.1 since …", "same since …"; "" with no previous value."""
    if metric.direction is None or metric.change is None or len(metric.history) < 2:
        return ""
    since = metric.history[-2].date or "?"
    return t(TRENDS[metric.direction], change=change_in(metric.change, metric.unit, t), date=since)


def measured_in(date: str | None, n: int | None, t: Words) -> str:
    """ "2026-11-30, n = 312": when a value was measured and from how many answers."""
    parts = [date] if date else []
    if n is not None:
        parts.append(t("n = {n}", n=t.number(n, 0)))
    return ", ".join(parts)


def reading_in(reading: _Reading, unit: str | None, t: Words) -> str:
    """One value on record: "1.8 puntos on 2026-11-30 (n = 114)"."""
    said = t("{value} on {date}", value=quantity_in(reading.value, unit, t), date=reading.date or "?")
    return said if reading.n is None else f"{said} ({t('n = {n}', n=t.number(reading.n, 0))})"


# The backlog's score in words, and the names of what the analysis leaves unnamed

SCORE_FORMULA = N_(
    "score = depth × reach + gap + targets missed + 2 × truth at risk, where depth is how far below 0 the worst"
    " emotion of those it hurts is (a touchpoint marked `moment: pain` counts at least 1), reach how many"
    " personas it hurts (a Moment of Pain for them), gap the largest expectation gap (expected minus felt"
    " emotion), targets missed the number of its metrics that miss their target, and truth at risk 1 for a"
    " Moment of Truth that also hurts or misses a target (a Moment of Truth that goes well adds nothing)."
    " Moments of Pain rank first, then the rest; within each, the higher score first, then one with an"
    " improvement still open before one whose improvements are all done, then the most urgent priority among"
    " its improvements (high, medium, low, none), then journey order."
)
"""How the backlog is scored and ranked: what `cjm.analysis` computes, said once for every format."""


NO_OWNER_NAME = N_("(no owner)")
"""The owner of the touchpoints no team owns, in the portfolio."""


def explanation_in(parts: _ScoreParts, score: int, priority: str | None, done: bool, t: Words) -> str:
    """A backlog item's score in words: "depth 2 × reach 1 + gap 1 + targets missed 1 = 4; priority high"."""
    truth = t(" + truth at risk 2") if parts.truth else ""
    said = t("depth {depth} × reach {reach} + gap {gap} + targets missed {below}{truth} = {score}",
             depth=parts.depth, reach=parts.reach, gap=parts.gap, below=parts.metrics_below, truth=truth,
             score=score)  # fmt: skip
    urgency = t("priority {priority}", priority=word(priority, t)) if priority else t("no priority")
    return f"{said}; {urgency}" + (t("; every improvement done") if done else "")
