"""The journey map as every format draws it: one column per touchpoint, one lane per kind of fact.

A lane holds, for each touchpoint, a few short lines with a style ("name", "note", "bad"...).
Graphviz, HTML, Markdown and the terminal table all draw these same cells, so the map says the
same thing in every format; only the emotion lane is drawn as a curve where a format can.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from cjm.analysis import EVERYONE, Analysis, MetricStatus, Place, Point, analyse, feels_pain, metric_status
from cjm.model import Improvement, Journey, Phase, Stage, Touchpoint
from cjm.present.i18n import N_, Words, words
from cjm.present.roles import role_word
from cjm.present.theme import (
    BELOW_SIGN,
    MET_SIGN,
    PAIN_POINT_SIGN,
    PAIN_SIGN,
    TRUTH_SIGN,
    KeyRole,
    persona_look,
)
from cjm.present.tone import Tone, emotion_tone, standing_tone
from cjm.present.words import channel_name, everyone, phase_title, quantity_in, signed_in, word
from cjm.present.words import improvement_note as improvement_note_in
from cjm.scope import JourneyScope


@dataclass(frozen=True)
class Lane:
    id: str
    title: str


LANES = (
    Lane("touchpoint", N_("Touchpoint")),
    Lane("channel", N_("Channel")),
    Lane("owner", N_("Owner")),
    Lane("customer", N_("Customer")),
    Lane("emotion", N_("Emotion")),
    Lane("problems", N_("Problems")),
    Lane("improvements", N_("Improvements")),
    Lane("opportunities", N_("Opportunities")),
    Lane("metrics", N_("Metrics")),
    Lane("activity", N_("Customer actions")),
    Lane("frontstage", N_("Front stage")),
    Lane("backstage", N_("Back stage")),
    Lane("support", N_("Support processes")),
)
"""What a touchpoint shows, lane by lane, titled in English; a MapView has them in its language.
Every format reads this one list: a format that has no room for a lane folds it into another."""
ALWAYS_SHOWN = {"touchpoint", "channel", "emotion"}
BLUEPRINT = ("activity", "frontstage", "backstage", "support")
"""The service blueprint's lanes: all shown when one of them has something, so that its lines
always have both sides."""
LINES_ABOVE = {
    "frontstage": N_("line of interaction"),
    "backstage": N_("line of visibility"),
    "support": N_("line of internal interaction"),
}
"""The service blueprint's lines, by the lane under each: the line of interaction between what the
customer does and the front stage, the line of visibility between what the customer sees and the
back stage, the line of internal interaction between the back stage and the support behind it."""
VISIBILITY_LINE_ABOVE = "backstage"


@dataclass(frozen=True)
class Line:
    """One line of a cell. Styles: "" plain, name, note, quote, bad, good, pain (a marked Moment of
    Pain), pain-point (a negative emotion the team did not mark), truth."""

    text: str
    style: str = ""


@dataclass(frozen=True)
class Column:
    """One touchpoint of the map: its cells by lane id, and how each persona feels there."""

    place: Place
    cells: dict[str, tuple[Line, ...]]
    points: tuple[Point, ...]  # one per persona that passes, in the map's persona order
    number: int = 0  # its place in the whole map, from 1: the same on every sheet and the overview

    @property
    def touchpoint(self) -> Touchpoint:
        return self.place.touchpoint

    @property
    def hurt(self) -> tuple[str | None, ...]:
        """The personas on the map for whom this touchpoint is a Moment of Pain or a pain point."""
        return tuple(p.persona for p in self.points if feels_pain(p))

    @property
    def is_pain(self) -> bool:
        """A Moment of Pain the team marked (`moment: pain`): the map's strong red mark. A negative
        emotion alone is a pain point (`is_pain_point`), marked lightly, so that the few moments the
        team chose stand out on the wall."""
        return self.touchpoint.hurts(None)

    @property
    def is_pain_point(self) -> bool:
        """A negative emotion where the team marked no Moment of Pain."""
        return bool(self.hurt) and not self.is_pain

    @property
    def is_truth(self) -> bool:
        return self.touchpoint.is_moment_of_truth


@dataclass(frozen=True)
class Persona:
    id: str | None  # None: a journey that names no personas, felt by everyone
    name: str
    role: str | None
    colour: str
    marker: str  # circle, square, triangle or diamond
    glyph: str  # the marker as a character
    archetype: str | None = None
    goals: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    frustrations: tuple[str, ...] = ()
    motivations: tuple[str, ...] = ()
    gender: str | None = None  # female, male or neutral: how a role agrees with the persona


@dataclass(frozen=True)
class StageView:
    stage: Stage
    columns: tuple[Column, ...]


@dataclass(frozen=True)
class PhaseView:
    phase: Phase
    stages: tuple[StageView, ...]
    title: str  # the phase's name, or the purchase phase it is in the map's language

    @property
    def columns(self) -> tuple[Column, ...]:
        return tuple(c for s in self.stages for c in s.columns)

    @property
    def heading(self) -> str:
        """The phase's name as a heading: "Before purchase"."""
        return self.title[:1].upper() + self.title[1:]


@dataclass(frozen=True)
class MapView:
    journey: Journey
    scope: JourneyScope
    analysis: Analysis
    personas: tuple[Persona, ...]
    phases: tuple[PhaseView, ...]
    lanes: tuple[Lane, ...]  # those with something to show, in LANES order
    t: Words  # the labels cjm writes, in the map's language
    persona_block: bool = True  # a sheet of a map cut for paper shows only the persona legend
    sheet: str = ""  # on a map cut for paper: which sheet this is, and where the map goes on
    touchpoints: int = 0  # of the whole map, whichever part of it a sheet shows

    @property
    def columns(self) -> tuple[Column, ...]:
        return tuple(c for p in self.phases for c in p.columns)

    def persona(self, persona_id: str | None) -> Persona:
        return next(p for p in self.personas if p.id == persona_id)

    @property
    def subtitle(self) -> str:
        t = self.t
        who = ", ".join(
            p.name + (f" ({role_word(p.role, p.gender, t)})" if p.role else "") for p in self.personas
        )
        state = t("{state} state", state=word(self.journey.state, t))
        count = t.plural("{count} touchpoint", "{count} touchpoints", self.touchpoints or len(self.columns))
        return f"{state} · {who} · {count}"


def build_view(
    journey: Journey, scope: JourneyScope, persona: str | None = None, lang: str = "en"
) -> MapView:
    """The map of a journey; with `persona`, only the touchpoints that persona passes through.

    Stages left without touchpoints are not drawn.
    """
    t = words(lang)
    analysis = analyse(journey, scope, persona)
    journey_order = list(scope.cast)  # a persona keeps its colour whichever personas are shown
    personas = tuple(
        _persona(pid, scope, journey_order.index(pid) if pid in journey_order else i, t)
        for i, pid in enumerate(analysis.personas)
    )
    points: dict[int, list[Point]] = {}
    for point in analysis.curve:
        points.setdefault(id(point.place.touchpoint), []).append(point)
    names = {p.id: p.name for p in personas}
    numbers = itertools.count(1)
    phases = []
    for phase in journey.phases:
        stages = []
        for stage in phase.stages:
            columns = tuple(
                _column(Place(phase, stage, tp), scope, points.get(id(tp), []), names, t, next(numbers))
                for tp in stage.touchpoints
                if persona is None or id(tp) in points
            )
            if columns:
                stages.append(StageView(stage, columns))
        if stages:
            phases.append(PhaseView(phase, tuple(stages), phase_title(phase, t)))
    filled = {lane for p in phases for c in p.columns for lane, lines in c.cells.items() if lines}
    if filled & set(BLUEPRINT):
        filled |= set(BLUEPRINT)  # each line of the blueprint needs both sides
    lanes = tuple(Lane(lane.id, t(lane.title)) for lane in LANES if lane.id in ALWAYS_SHOWN | filled)
    total = sum(len(p.columns) for p in phases)
    return MapView(journey, scope, analysis, personas, tuple(phases), lanes, t, touchpoints=total)


def _persona(pid: str | None, scope: JourneyScope, index: int, t: Words) -> Persona:
    looks = persona_look(index)
    if pid is EVERYONE or pid not in scope.cast:
        name = everyone(t).capitalize() if pid is EVERYONE else pid
        return Persona(pid, name, None, *looks)
    persona = scope.cast[pid][0]
    return Persona(pid, persona.name, persona.role, *looks, persona.archetype, tuple(persona.goals),
                   tuple(persona.needs), tuple(persona.frustrations), tuple(persona.motivations),
                   persona.gender)  # fmt: skip


def persona_lines(persona: Persona, t: Words) -> tuple[Line, ...]:
    """What the persona block of a map says of a persona: name, archetype, role in the purchase,
    goals and needs; the same in every format."""
    return (
        Line(persona.name, "name"),
        *_optional(persona.archetype, "note"),
        *_optional(
            persona.role
            and t("Role in the purchase: {role}", role=role_word(persona.role, persona.gender, t))
        ),
        *_optional(t("Goals: {goals}", goals="; ".join(persona.goals)) if persona.goals else None),
        *_optional(t("Needs: {need}", need="; ".join(persona.needs)) if persona.needs else None),
    )


def _column(
    place: Place,
    scope: JourneyScope,
    points: list[Point],
    names: dict[str | None, str],
    t: Words,
    number: int,
) -> Column:
    return Column(place, _cells(place, scope, points, names, t), tuple(points), number)


def _cells(
    place: Place, scope: JourneyScope, points: list[Point], names: dict[str | None, str], t: Words
) -> dict[str, tuple[Line, ...]]:
    tp = place.touchpoint
    channel = scope.channels.get(tp.channel)
    team = scope.teams.get(tp.owner) if tp.owner else None
    badges = []
    hurt = [p.persona for p in points if feels_pain(p)]
    if hurt:
        whose = "" if hurt == [EVERYONE] else ": " + ", ".join(names[p] for p in hurt)
        if tp.hurts(None):
            badges.append(Line(f"{PAIN_SIGN} {word('pain', t)}{whose}", "pain"))
        else:
            point = t("pain point")
            badges.append(Line(f"{PAIN_POINT_SIGN} {point}{whose}", "pain-point"))
    if tp.is_moment_of_truth:
        badges.append(Line(f"{TRUTH_SIGN} {word('truth', t)}", "truth"))
    return {
        "touchpoint": (*badges, Line(tp.name, "name")),
        "channel": (Line(channel_name(channel, t) if channel else tp.channel),
                    *_optional(word(channel.type, t) if channel and channel.type else None, "note")),
        "owner": (Line(team.name), *_optional(team.stage and word(team.stage, t), "note")) if team
        else _optional(tp.owner),
        "customer": (*_optional(tp.need and t("Needs: {need}", need=tp.need)),
                     *_optional(tp.goal and t("Goal: {goal}", goal=tp.goal)),
                     *_optional(tp.expectation and t("Expects: {expectation}", expectation=tp.expectation)),
                     *_optional(tp.thoughts and f"“{tp.thoughts}”", "quote")),
        "emotion": tuple(_feeling(p, names, t) for p in points if p.emotion is not None),
        "problems": tuple(Line(f"• {problem}", "bad") for problem in tp.problems),
        "improvements": tuple(
            line for i in tp.improvements if not isinstance(i, str)  # read as objects already
            for line in (Line(f"• {i.text}"), Line(improvement_note(i, scope, t), "note"))
        ),
        "opportunities": tuple(Line(f"• {o}") for o in tp.opportunities),
        "metrics": tuple(_metric_line(metric_status(place, m), t) for m in tp.metrics),
        "activity": _optional(tp.activity),
        "frontstage": _optional(tp.frontstage),
        "backstage": tuple(Line(f"• {b}") for b in tp.backstage),
        "support": tuple(Line(f"• {s}") for s in tp.support),
    }  # fmt: skip


def _optional(text: str | None, style: str = "") -> tuple[Line, ...]:
    return (Line(text, style),) if text else ()


def _feeling(point: Point, names: dict[str | None, str], t: Words) -> Line:
    expected = (
        " " + t("(expected {score})", score=signed_in(point.expected, t))
        if point.expected not in (None, point.emotion)
        else ""
    )
    return Line(
        f"{names[point.persona]} {signed_in(point.emotion, t)}{expected}", _style(emotion_tone(point.emotion))
    )


def improvement_note(improvement: Improvement, scope: JourneyScope, t: Words) -> str:
    """Who owns an improvement, how far it has got, and its priority: "Claims, planned, high priority"."""
    team = scope.teams.get(improvement.owner) if improvement.owner else None
    return improvement_note_in(
        team.name if team else improvement.owner, improvement.status, improvement.priority, t
    )


def _metric_line(status: MetricStatus, t: Words) -> Line:
    """A metric with its value and target; whether it meets the target said by a sign in front
    ("✓", "✗") as well as by colour."""
    m = status.metric
    sign = {"below": BELOW_SIGN + " ", "met": MET_SIGN + " "}.get(status.status, "")
    text = f"{sign}{m.name}: {quantity_in(m.value, m.unit, t)}"
    if m.target is not None:
        text += " " + t("(target {value})", value=quantity_in(m.target, m.unit, t))
    return Line(text, _style(standing_tone(status.status)))


def _style(tone: Tone) -> str:
    """A tone as the map's lines show it: good and bad; the map has no style for the others."""
    return tone if tone in ("good", "bad") else ""


@dataclass(frozen=True)
class Key:
    """One entry of the map's legend: a mark, what it means, and the theme role it is drawn in
    (pain, pain-point, truth, met, below, ink or dim)."""

    sign: str
    text: str
    role: KeyRole


def legend(t: Words) -> tuple[Key, ...]:
    """Every mark the map draws besides the personas' markers, explained; the same in every
    format and on every sheet."""
    return (
        Key("━", t("a persona's line: a gap where the persona does not pass"), "ink"),
        Key("○", t("hollow: what the persona expected"), "dim"),
        Key(PAIN_SIGN, t("{moment}, as the team marked it", moment=word("pain", t)), "pain"),
        Key(PAIN_POINT_SIGN, t("pain point: a negative emotion not marked"), "pain-point"),
        Key(TRUTH_SIGN, word("truth", t), "truth"),
        Key(MET_SIGN, word("met", t), "met"),
        Key(BELOW_SIGN, word("below", t), "below"),
    )
