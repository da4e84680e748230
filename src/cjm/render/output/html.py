"""The journey map as one self-contained HTML page, for people with no tools installed.

Inline CSS and SVG only; a Content-Security-Policy forbids the page to load anything, so it
opens the same offline, from an email attachment or from a file share. The map is a table with
one column per touchpoint; the emotion curve is an SVG in its own row, aligned with the columns.
Below the map: the persona cards, then every detail of every touchpoint.
"""

from __future__ import annotations

from cjm.model import Persona as PersonaModel
from cjm.model import Touchpoint
from cjm.present import curve
from cjm.present.i18n import N_, Words
from cjm.present.pages import drawn, page
from cjm.present.roles import role_word
from cjm.present.theme import KEY_COLOURS, marker_svg
from cjm.present.words import channel_name, emotion_word, signed_in, word
from cjm.render.output import Options
from cjm.render.paper import MARGIN as PAGE_MARGIN
from cjm.render.paper import groups, paper, part
from cjm.render.view import LINES_ABOVE, Column, MapView, Persona, improvement_note, legend

COLUMN = 150  # px, the width of a touchpoint column
GUTTER = 130  # px right of the map, where the emotion curve names its personas
LEVEL = 24  # px between two emotion scores
MARGIN = 22


def render(view: MapView, options: Options | None = None) -> str:
    """The page of templates/html/map.html.j2, printed on the --paper sheet, else A3 landscape."""
    t = view.t
    sheet = options.paper if options and options.paper else paper("a3", landscape=True)
    room = sheet.room[0] * 96 / 72 - 130 - 8  # px: the page, less the lane labels' column

    def fits(candidate: MapView) -> bool:
        return len(candidate.columns) * (COLUMN + 2) <= room

    return page(
        "map.html.j2",
        lang=t.lang,
        title=view.journey.title,
        view=view,
        sheets=[part(view, group) for group in groups(view, fits)],  # a browser cuts a too wide table
        sheet=sheet,
        page_margin=PAGE_MARGIN,
        column_width=COLUMN,
        gutter_width=GUTTER,
        keys=[{"sign": k.sign, "text": k.text, "colour": KEY_COLOURS[k.role]} for k in legend(t)],
        cards=[{"name": p.name, "colour": p.colour, "facts": _card(view, p)} for p in view.personas],
        details=[{"column": c, "facts": _detail(view, c)} for c in view.columns],
        lines_above={lane: t(line) for lane, line in LINES_ABOVE.items()},
        labels={
            "map": t("Journey map"),
            "personas": t("Personas"),
            "touchpoints": t("Touchpoints"),
            "phase": t("Phase"),
            "stage": t("Stage"),
        },
        marker=lambda p: drawn(marker_svg(p.marker, p.colour, p.colour)),
        emotion_curve=lambda v: drawn(_curve(v)),
    )


def _curve(view: MapView) -> str:
    """The emotion curve in the table's emotion row: each point under its touchpoint's column."""
    columns = view.columns
    lines = [
        curve.Line(persona.id or "", persona.name, persona.colour, persona.marker, tuple(
            curve.Point(i, p.emotion, p.expected, persona.id in c.hurt and c.is_pain, c.is_truth,
                        pain_point=persona.id in c.hurt and not c.is_pain)
            for i, c in enumerate(columns) for p in c.points
            if p.persona == persona.id and p.emotion is not None
        ))
        for persona in view.personas
    ]  # fmt: skip
    frame = curve.Frame(width=(COLUMN + 2) * len(columns) + GUTTER, height=MARGIN * 2 + LEVEL * 4,
                        left=0, top=MARGIN, column=COLUMN, level=LEVEL, gap=2, gutter=GUTTER, breaks="gap")  # fmt: skip
    title = view.t("Emotion curve of {journey}", journey=view.journey.title)
    return curve.svg(
        title, [curve.Column(c.touchpoint.id, c.touchpoint.name) for c in columns], lines, frame, t=view.t
    )


def _card(view: MapView, p: Persona) -> list[tuple[str, object]]:
    model: PersonaModel | None = view.scope.cast[p.id][0] if p.id in view.scope.cast else None
    facts: list[tuple[str, object]] = []
    t = view.t
    if model is not None:
        profile = model.profile
        channels = view.scope.channels
        facts += [(N_("Archetype"), model.archetype), (N_("Role"), model.role and role_word(model.role, model.gender, t)),
                  (N_("About"), model.description)]  # fmt: skip
        if profile is not None:
            facts += [(N_("Age"), profile.age), (N_("Occupation"), profile.occupation), (N_("Education"), profile.education),
                      (N_("Family"), profile.family), (N_("Income"), profile.income), (N_("Location"), profile.location),
                      (N_("Brands"), profile.brands), (N_("Inspirations"), profile.inspirations),
                      (N_("Priorities"), profile.priorities)]  # fmt: skip
        facts += [(N_("Needs"), model.needs), (N_("Motivations"), model.motivations), (N_("Goals"), model.goals),
                  (N_("Frustrations"), model.frustrations),
                  (N_("Channels"), [channel_name(channels[c], t) if c in channels else c for c in model.channels])]  # fmt: skip
    return _titled(facts, t)


def _detail(view: MapView, column: Column) -> list[tuple[str, object]]:
    tp: Touchpoint = column.touchpoint
    place, t = column.place, view.t
    feelings = [
        f"{view.persona(p.persona).name}: {signed_in(p.emotion, t)} {emotion_word(p.emotion, t)}"
        + (" " + t("(expected {score})", score=signed_in(p.expected, t)) if p.expected is not None else "")
        for p in column.points if p.emotion is not None
    ]  # fmt: skip
    moments = [word("truth", t)] * column.is_truth + [word("pain", t)] * column.is_pain
    phase = next(p.title for p in view.phases if p.phase is place.phase)
    facts: list[tuple[str, object]] = [
        (N_("Where"), f"{phase} · {place.stage.name}"),
        (N_("Moment"), t("{one} and {other}", one=moments[0], other=moments[1]) if len(moments) == 2
         else "".join(moments)),
        (N_("Channel"), [line.text for line in column.cells["channel"]]),
        (N_("Owner"), [line.text for line in column.cells["owner"]]),
        (N_("Personas"), [view.persona(p.persona).name for p in column.points]),
        (N_("Activity"), tp.activity), (N_("Front stage"), tp.frontstage), (N_("Back stage"), tp.backstage),
        (N_("Support processes"), tp.support),
        (N_("Need"), tp.need), (N_("Goal"), tp.goal), (N_("Expectation"), tp.expectation), (N_("Thoughts"), tp.thoughts),
        (N_("Emotion"), feelings), (N_("Problems"), tp.problems),
        (N_("Improvements"), [f"{i.text} ({improvement_note(i, view.scope, t)})" for i in tp.improvements]),
        (N_("Opportunities"), tp.opportunities), (N_("Metrics"), [line.text for line in column.cells["metrics"]]),
        (N_("Evidence"), tp.evidence), (N_("Confidence"), tp.confidence and word(tp.confidence, t)),
    ]  # fmt: skip
    return _titled(facts, t)


def _titled(facts: list[tuple[str, object]], t: Words) -> list[tuple[str, object]]:
    """The facts' titles (marked with N_) in the map's language."""
    return [(t(title), value) for title, value in facts]
