"""The journey map as one self-contained HTML page, for people with no tools installed.

Inline CSS and SVG only; a Content-Security-Policy forbids the page to load anything, so it
opens the same offline, from an email attachment or from a file share. The map is a table with
one column per touchpoint; the emotion curve is an SVG in its own row, aligned with the columns.
Below the map: the persona cards, then every detail of every touchpoint.
"""

from __future__ import annotations

import re
from string import Template

from cjm.model import Persona as PersonaModel
from cjm.model import Touchpoint
from cjm.present import curve, theme
from cjm.present.escape import html_text as esc
from cjm.present.i18n import N_, Words
from cjm.present.theme import marker_svg
from cjm.present.words import channel_name, emotion_word, signed_in, word
from cjm.render.output import Options
from cjm.render.paper import MARGIN as PAGE_MARGIN
from cjm.render.paper import Paper, groups, paper, part
from cjm.render.view import LINES_ABOVE, Column, Line, MapView, Persona, improvement_note

COLUMN = 150  # px, the width of a touchpoint column
LEVEL = 24  # px between two emotion scores
MARGIN = 22

STYLE = Template("""
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:1.5rem;color:$ink;line-height:1.4}
h1{margin:0 0 .2rem}h2{margin-top:2rem;border-bottom:2px solid $rule;padding-bottom:.2rem}
.meta{color:$dim;margin:0 0 1rem}.scroll{overflow-x:auto;border:1px solid $rule;border-radius:8px}
table.map{border-collapse:separate;border-spacing:2px;table-layout:fixed;font-size:.82rem}
.map th,.map td{vertical-align:top;text-align:left;padding:.35rem .45rem;background:$cell;overflow-wrap:anywhere}
.map th.lane{position:sticky;left:0;background:$header;z-index:1;overflow-wrap:normal}
.map a{text-decoration:none}.map th .note{font-weight:400}
.map th.phase{text-transform:uppercase;letter-spacing:.04em;text-align:center}
.phase-before{background:$phase_before!important}.phase-during{background:$phase_during!important}.phase-after{background:$phase_after!important}
.stage-before{background:$stage_before!important}.stage-during{background:$stage_during!important}.stage-after{background:$stage_after!important}
.map td.truth{background:$truth_fill;box-shadow:inset 0 0 0 2px $truth}.map td.pain{background:$pain_fill;box-shadow:inset 0 0 0 2px $pain}
.map td.curve{padding:0;background:#fff}.map tr.below-line>*{border-top:2px dashed $dim}
.line{display:block}.name{font-weight:600}.note{color:$dim;font-style:italic;font-size:.92em}.quote{font-style:italic}
.bad{color:$pain}.good{color:$met}.pain-badge{color:$pain;font-weight:700;font-size:.8em;text-transform:uppercase}
.truth-badge{color:$truth;font-weight:700;font-size:.8em;text-transform:uppercase}
.legend{font-size:.78rem;font-weight:400;margin-top:.3rem}.legend span{display:block;white-space:nowrap}
.visibility{font-size:.7rem;color:$dim;font-style:italic;font-weight:400}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(26rem,1fr));gap:1rem}
.card{border:1px solid $rule;border-radius:8px;padding:.8rem 1rem;border-top:4px solid var(--colour)}
.card h3{margin:.1rem 0}.card dl,.detail dl{display:grid;grid-template-columns:8rem 1fr;gap:.15rem .8rem;margin:.5rem 0}
dt{color:$dim}dd{margin:0}.detail{border-left:4px solid $rule;padding:.2rem 1rem;margin:1rem 0}
.detail.pain{border-left-color:$pain}.detail.truth{border-left-color:$truth}
.metrics td,.metrics th{padding:.1rem .6rem .1rem 0;text-align:left}a{color:inherit}
.sheets{display:none}
@media print{body{margin:0}.scroll{display:none}.sheets{display:block}
.sheet{break-after:page}.sheet:last-child{break-after:auto}.map thead{display:table-header-group}
.map tr{break-inside:avoid}.card,.detail{break-inside:avoid}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
""").substitute(
    ink=theme.INK,
    dim=theme.DIM,
    rule=theme.RULE,
    header=theme.HEADER_FILL,
    cell=theme.CELL_FILL,
    pain=theme.PAIN,
    pain_fill=theme.PAIN_FILL,
    met=theme.MET,
    truth=theme.TRUTH,
    truth_fill=theme.TRUTH_FILL,
    **{f"phase_{k}": v for k, v in theme.PHASE_FILLS.items()},
    **{f"stage_{k}": v for k, v in theme.STAGE_FILLS.items()},
)
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def render(view: MapView, options: Options | None = None) -> str:
    j, t = view.journey, view.t
    headings = [esc(t("Journey map")), esc(t("Personas")), esc(t("Touchpoints"))]
    body = [
        f"<header><h1>{esc(j.title)}</h1><p class='meta'><code>{esc(j.id)}</code> · {esc(view.subtitle)}</p>",
        f"<p>{esc(j.description)}</p>" if j.description else "", "</header>",
        f"<section id='map'><h2>{headings[0]}</h2><div class='scroll'>", _map(view), "</div>",
        _sheets(view, options.paper if options and options.paper else paper("a3", landscape=True)), "</section>",
        f"<section id='personas'><h2>{headings[1]}</h2><div class='cards'>", *(_card(view, p) for p in view.personas),
        f"</div></section><section id='touchpoints'><h2>{headings[2]}</h2>", *(_detail(view, c) for c in view.columns),
        "</section>",
    ]  # fmt: skip
    return (
        f"<!DOCTYPE html>\n<html lang='{view.t.lang}'><head><meta charset='utf-8'>"
        f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{esc(j.title)}</title><style>{STYLE}{_page(options)}</style></head>\n<body>\n{''.join(body)}\n</body></html>\n"
    )


_ID = re.compile(r" id='[^']*'")


def _page(options: Options | None) -> str:
    """The printed page: the --paper sheet, else A3 landscape."""
    sheet = options.paper if options and options.paper else paper("a3", landscape=True)
    return f"@page{{size:{sheet.width:.1f}pt {sheet.height:.1f}pt;margin:{PAGE_MARGIN:.1f}pt}}\n"


def _sheets(view: MapView, sheet: Paper) -> str:
    """The map again for print only, as one table per sheet: whole stages, as many as fit its
    width, each table with the lane labels. A browser cuts a table too wide for the page."""
    room = sheet.room[0] * 96 / 72 - 130 - 8  # px: the page, less the lane labels' column

    def fits(candidate: MapView) -> bool:
        return len(candidate.columns) * (COLUMN + 2) <= room

    tables = [_ID.sub("", _map(part(view, group))) for group in groups(view, fits)]  # ids once a page
    return (
        "<div class='sheets'>" + "".join(f"<div class='sheet'>{table}</div>" for table in tables) + "</div>"
    )


def _map(view: MapView) -> str:
    columns, t = view.columns, view.t
    phase, stage = esc(t("Phase")), esc(t("Stage"))
    rows = ["<table class='map'><colgroup><col style='width:130px'>"
            + f"<col style='width:{COLUMN}px'>" * len(columns) + "</colgroup><thead>"]  # fmt: skip
    rows.append(f"<tr><th class='lane'>{phase}</th>" + "".join(
        f"<th class='phase phase-{esc(p.phase.id)}' colspan='{len(p.columns)}'>{esc(p.title)}</th>" for p in view.phases
    ) + "</tr>")  # fmt: skip
    rows.append(f"<tr><th class='lane'>{stage}</th>" + "".join(
        f"<th class='stage stage-{esc(p.phase.id)}' id='stage-{esc(s.stage.id)}' colspan='{len(s.columns)}'>{esc(s.stage.name)}"
        + (f"<span class='line note'>{esc(s.stage.scenario)}</span>" if s.stage.scenario else "") + "</th>"
        for p in view.phases for s in p.stages
    ) + "</tr></thead><tbody>")  # fmt: skip
    for lane in view.lanes:
        below = " class='below-line'" if lane.id in LINES_ABOVE else ""
        head = esc(lane.title)
        if lane.id in LINES_ABOVE:
            head = f"<span class='line visibility'>{esc(t(LINES_ABOVE[lane.id]))}</span>{head}"
        if lane.id == "emotion":
            rows.append(f"<tr class='emotion'><th class='lane'>{head}{_legend(view)}</th>"
                        f"<td class='curve' colspan='{len(columns)}'>{_curve(view)}</td></tr>")  # fmt: skip
            continue
        cells = "".join(_cell(column, lane.id) for column in columns)
        rows.append(f"<tr{below}><th class='lane'>{head}</th>{cells}</tr>")
    return "".join(rows) + "</tbody></table>"


def _cell(column: Column, lane: str) -> str:
    lines = column.cells[lane]
    if lane != "touchpoint":
        return f"<td>{_lines(lines)}</td>"
    classes = " ".join(["touchpoint"] + ["pain"] * column.is_pain + ["truth"] * column.is_truth)
    return f"<td class='{classes}' id='map-{esc(column.touchpoint.id)}'><a href='#tp-{esc(column.touchpoint.id)}'>{_lines(lines)}</a></td>"


def _lines(lines: tuple[Line, ...]) -> str:
    styles = {"pain": "pain-badge", "truth": "truth-badge"}
    return "".join(
        f"<span class='line {styles.get(line.style, line.style)}'>{esc(line.text)}</span>" for line in lines
    )


def _legend(view: MapView) -> str:
    items = "".join(
        f"<span><svg width='14' height='14' viewBox='-7 -7 14 14' aria-hidden='true'>{marker_svg(p.marker, p.colour, p.colour)}</svg> {esc(p.name)}</span>"
        for p in view.personas
    )
    t = view.t
    ringed, hollow = esc(t("ringed: pain")), esc(t("hollow: expected"))
    pain = f"<span class='note'>▼ {ringed}</span>" if any(c.is_pain for c in view.columns) else ""
    if any(c.is_truth for c in view.columns):
        pain += f"<span class='note'>★ {esc(word('truth', t))}</span>"
    return f"<div class='legend'>{items}<span class='note'>{hollow}</span>{pain}</div>"


def _curve(view: MapView) -> str:
    """The emotion curve in the table's emotion row: each point under its touchpoint's column."""
    columns = view.columns
    lines = [
        curve.Line(persona.id or "", persona.name, persona.colour, persona.marker, tuple(
            curve.Point(i, p.emotion, p.expected, persona.id in c.hurt, c.is_truth)
            for i, c in enumerate(columns) for p in c.points
            if p.persona == persona.id and p.emotion is not None
        ))
        for persona in view.personas
    ]  # fmt: skip
    frame = curve.Frame(width=COLUMN * len(columns) + 2 * (len(columns) - 1), height=MARGIN * 2 + LEVEL * 4,
                        left=0, top=MARGIN, column=COLUMN, level=LEVEL, gap=2)  # fmt: skip
    title = view.t("Emotion curve of {journey}", journey=view.journey.title)
    return curve.svg(
        title, [curve.Column(c.touchpoint.id, c.touchpoint.name) for c in columns], lines, frame, t=view.t
    )


def _card(view: MapView, p: Persona) -> str:
    model: PersonaModel | None = view.scope.cast[p.id][0] if p.id in view.scope.cast else None
    facts: list[tuple[str, object]] = []
    t = view.t
    if model is not None:
        profile = model.profile
        channels = view.scope.channels
        facts += [(N_("Archetype"), model.archetype), (N_("Role"), model.role and word(model.role, t)),
                  (N_("About"), model.description)]  # fmt: skip
        if profile is not None:
            facts += [(N_("Age"), profile.age), (N_("Occupation"), profile.occupation), (N_("Education"), profile.education),
                      (N_("Family"), profile.family), (N_("Income"), profile.income), (N_("Location"), profile.location),
                      (N_("Brands"), profile.brands), (N_("Inspirations"), profile.inspirations),
                      (N_("Priorities"), profile.priorities)]  # fmt: skip
        facts += [(N_("Needs"), model.needs), (N_("Motivations"), model.motivations), (N_("Goals"), model.goals),
                  (N_("Frustrations"), model.frustrations),
                  (N_("Channels"), [channel_name(channels[c], t) if c in channels else c for c in model.channels])]  # fmt: skip
    return (f"<article class='card' style='--colour:{p.colour}'><h3>{esc(p.name)}</h3>"
            f"{_facts(facts, t)}</article>")  # fmt: skip


def _detail(view: MapView, column: Column) -> str:
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
    classes = " ".join(["detail"] + ["pain"] * column.is_pain + ["truth"] * column.is_truth)
    return (f"<article class='{classes}' id='tp-{esc(tp.id)}'><h3>{esc(tp.name)} <small class='note'>{esc(tp.id)}</small></h3>"
            f"{_facts(facts, t)}</article>")  # fmt: skip


def _facts(facts: list[tuple[str, object]], t: Words) -> str:
    """Titled facts, the titles (marked with N_) in the map's language; empty ones left out."""
    rows = []
    for title, value in facts:
        if not value:
            continue
        shown = "<br>".join(esc(v) for v in value) if isinstance(value, list) else esc(value)
        rows.append(f"<dt>{esc(t(title))}</dt><dd>{shown}</dd>")
    return f"<dl>{''.join(rows)}</dl>"
