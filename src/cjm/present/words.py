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
    # metric status against its target
    "below": N_("below target"), "met": N_("target met"), "no-target": N_("no target"), "no-value": N_("no value"),
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
    return phase.name or (t(PHASE_NAMES[phase.id]) if phase.id in PHASE_NAMES else phase.id)


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
    """`improvement_named` in the language: "Llamar en 1 h (Siniestros, planificada, prioridad alta)"."""
    parts = [improvement.owner_name or t("no owner"), word(improvement.status, t)]
    if improvement.priority:
        parts.append(t("{priority} priority", priority=word(improvement.priority, t)))
    return f"{improvement.text} ({', '.join(parts)})"


TRENDS = {
    "improved": N_("better {change} since {date}"),
    "worsened": N_("worse {change} since {date}"),
    "unchanged": N_("same since {date}"),
}
"""How a metric moved since its previous value, by `direction`: better or worse by what it aims for."""


def change_in(value: float, unit: str | None, t: Words) -> str:
    """A change with its sign and unit: -1.1 puntos, +2 min. Between two percentages it is their
    difference in percentage points, not a relative change: 75% → 58.3% is -16.7 pts (-16,7 p. p.)."""
    sign = "+" if value > 0 else "-" if value < 0 else ""
    if unit == "%":
        return sign + t("{number} pts", number=_decimal(abs(value), t))
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
