"""The map as JSON for other tools to draw (`cjm render --format json`): the same view every
format of cjm draws, laid out and worded, without its drawing.

These models are the contract; `schemas/map.schema.json` is generated from them. The map is one
sheet, without paper; lanes, phases, stages and touchpoints come in the map's order, each
touchpoint with its cells lane by lane, and each persona with its colour, marker and emotion
series over the touchpoints it passes.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from cjm.present.theme import ROLES, KeyRole
from cjm.render.view import LINES_ABOVE, Column, MapView, legend, persona_lines
from cjm.render.view import Line as ViewLine


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Line(_Model):
    text: str
    style: Literal["", "name", "note", "quote", "bad", "good", "pain", "pain-point", "truth"] = Field(
        description=(
            "How to set the line: plain (''), name (bold), note (small, dim), quote, bad or good (a problem, "
            "a metric off or on target), pain or truth (a Moment of Pain the team marked, or of Truth, badge), "
            "pain-point (a negative emotion the team did not mark as a Moment of Pain: a lighter badge)."
        )
    )


class Lane(_Model):
    id: str = Field(
        description="The lane: touchpoint, channel, owner, customer, emotion, problems, ... support."
    )
    title: str = Field(description="Its title in the map's language.")
    line_above: str | None = Field(
        description=(
            "The service blueprint's line drawn above this lane, in the map's language (line of interaction, "
            "of visibility, of internal interaction), or null."
        )
    )


class Touchpoint(_Model):
    id: str
    name: str
    pain: list[str | None] = Field(
        description="The personas (ids; null for everyone) for whom this is a Moment of Pain."
    )
    truth: bool = Field(description="A Moment of Truth.")
    cells: dict[str, list[Line]] = Field(
        description="The lines of each lane shown (by lane id); the emotion lane in words, its curve in personas."
    )


class Stage(_Model):
    id: str
    name: str
    scenario: str | None
    touchpoints: list[Touchpoint]


class Phase(_Model):
    id: str
    title: str = Field(description="The phase's name, or its purchase phase in the map's language.")
    stages: list[Stage]


class Sheet(_Model):
    paper: None = Field(
        default=None, description="The paper the sheet is for; null: the whole map on one sheet."
    )
    lanes: list[Lane] = Field(description="Top to bottom.")
    phases: list[Phase] = Field(description="Left to right.")


class EmotionPoint(_Model):
    touchpoint: str = Field(description="The touchpoint's id.")
    emotion: int | None = Field(description="-2 very negative … 2 very positive; null when none is recorded.")
    expected: int | None = Field(description="What the persona expected to feel, or null.")


class Persona(_Model):
    id: str | None = Field(description="The persona's id; null for a journey that names nobody (everyone).")
    name: str
    colour: str = Field(description="The colour of its curve, as #rrggbb.")
    marker: Literal["circle", "square", "triangle", "diamond"]
    facts: list[Line] = Field(
        description="The persona block: name, archetype, role in the purchase, goals, needs."
    )
    emotions: list[EmotionPoint] = Field(description="Over the touchpoints it passes, in the map's order.")


class Key(_Model):
    sign: str = Field(description="The mark as a character: ▼, ▽, ★, ✓, ✗, ━ or ○.")
    text: str = Field(description="What it means, in the map's language.")
    role: KeyRole = Field(description="The theme role it is drawn in (its colour is theme[role]).")


class MapData(_Model):
    journey: str = Field(description="The journey's id.")
    title: str
    subtitle: str
    lang: str = Field(description="The language of every label.")
    sheets: list[Sheet]
    personas: list[Persona]
    legend: list[Key] = Field(
        description="Every mark the map draws besides the personas' markers, explained."
    )
    theme: dict[str, str] = Field(
        description=(
            "Every colour of the map by role, as #rrggbb: ink, dim, faint (text), grid, rule, cell, header, phase, "
            "stage (the page), pain, pain-fill, pain-point, truth, truth-fill, met, below (a status). A persona's "
            "colour is in personas."
        )
    )


def map_data(view: MapView) -> MapData:
    t = view.t
    lanes = [Lane(id=lane.id, title=lane.title, line_above=_line_above(view, lane.id)) for lane in view.lanes]
    phases = [
        Phase(id=p.phase.id, title=p.title, stages=[
            Stage(id=s.stage.id, name=s.stage.name, scenario=s.stage.scenario,
                  touchpoints=[_touchpoint(view, c) for c in s.columns])
            for s in p.stages
        ])
        for p in view.phases
    ]  # fmt: skip
    personas = [
        Persona(id=p.id, name=p.name, colour=p.colour, marker=p.marker,  # type: ignore[arg-type]
                facts=[_line(line) for line in persona_lines(p, t)] if p.id is not None else [],
                emotions=[EmotionPoint(touchpoint=c.touchpoint.id, emotion=point.emotion, expected=point.expected)
                          for c in view.columns for point in c.points if point.persona == p.id])
        for p in view.personas
    ]  # fmt: skip
    return MapData(journey=view.journey.id, title=view.journey.title, subtitle=view.subtitle, lang=t.lang,
                   sheets=[Sheet(lanes=lanes, phases=phases)], personas=personas,
                   legend=[Key(sign=k.sign, text=k.text, role=k.role) for k in legend(t)],
                   theme=dict(ROLES))  # fmt: skip


def _line_above(view: MapView, lane: str) -> str | None:
    return view.t(LINES_ABOVE[lane]) if lane in LINES_ABOVE else None


def _touchpoint(view: MapView, column: Column) -> Touchpoint:
    cells = {lane.id: [_line(line) for line in column.cells[lane.id]] for lane in view.lanes}
    return Touchpoint(id=column.touchpoint.id, name=column.touchpoint.name, pain=list(column.hurt),
                      truth=column.is_truth, cells=cells)  # fmt: skip


def _line(line: ViewLine) -> Line:
    return Line(text=line.text, style=line.style)  # type: ignore[arg-type]
