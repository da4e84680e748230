"""The report as one self-contained HTML page: inline CSS, the curve as inline SVG, no requests."""

from __future__ import annotations

from typing import TextIO

from cjm.present.escape import html_text as esc
from cjm.present.theme import marker_svg, persona_look
from cjm.present.words import signed
from cjm.report.data import JourneyReport, PortfolioReport
from cjm.report.sections import Section, journey_sections, portfolio_sections

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:72rem;
padding:0 1rem;color:#1d2433;line-height:1.45}
h1{margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:2px solid #e3e7ef;padding-bottom:.2rem}
.meta{color:#5b6478;margin-top:0}table{border-collapse:collapse;width:100%;margin:.6rem 0;font-size:.92rem}
th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #e3e7ef;vertical-align:top}
th{background:#f5f7fb;font-weight:600}.good{color:#1b7a3a}.bad{color:#b3261e;font-weight:600}
.warn{color:#9a6700}.dim{color:#8a93a6}.note{margin:.3rem 0}.curve{overflow-x:auto;border:1px solid #e3e7ef;
border-radius:8px;padding:.5rem}.formula{font-size:.85rem;color:#5b6478}section.journey{margin-top:3rem}
"""


def write(
    report: JourneyReport | PortfolioReport, out: TextIO, *, color: bool = False, explain: bool = True
) -> None:
    """`explain` is always on here: the backlog table has room for why each item scores what it does."""
    out.write(render(report))


def render(report: JourneyReport | PortfolioReport) -> str:
    if isinstance(report, PortfolioReport):
        p = report.portfolio
        title = "Journey portfolio"
        body = (f"<h1>{title}</h1><p class='meta'>{p.journeys} journeys · {p.touchpoints} touchpoints · "
                f"average emotion {esc(signed(p.average))}</p>"
                + "".join(_section(s) for s in portfolio_sections(report))
                + "".join(f"<section class='journey'>{_journey(j, 'h2')}</section>" for j in report.journeys))  # fmt: skip
    else:
        title = report.title
        body = _journey(report, "h1")
    return (
        "<!DOCTYPE html>\n<html><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{esc(title)}</title><style>{STYLE}</style></head>\n<body>\n{body}\n</body></html>\n"
    )


def _journey(r: JourneyReport, heading: str) -> str:
    touchpoints = len({p.touchpoint for p in r.curve.points})
    who = ", ".join(r.persona_called(p) for p in r.personas)
    sub = "h3" if heading == "h2" else "h2"
    return (
        f"<{heading} id='{esc(r.journey)}'>{esc(r.title)}</{heading}>"
        f"<p class='meta'><code>{esc(r.journey)}</code> ({esc(r.state)}) · {esc(who)} · {touchpoints} touchpoints"
        f" · average emotion <b>{esc(signed(r.curve.average))}</b></p>"
        f"<{sub}>Experience curve</{sub}><div class='curve'>{curve_svg(r)}</div>"
        + "".join(_section(s, sub) for s in journey_sections(r))
    )


def _section(section: Section, heading: str = "h2") -> str:
    html = f"<section id='{esc(section.id)}'><{heading}>{esc(section.title)}</{heading}>"
    if section.rows:
        head = "".join(f"<th>{esc(c)}</th>" for c in section.columns)
        rows = "".join(
            "<tr>" + "".join(f"<td class='{cell.tone}'>{esc(cell.text)}</td>" for cell in row) + "</tr>"
            for row in section.rows
        )
        html += f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    else:
        html += f"<p class='dim'>{esc(section.empty)}</p>"
    html += "".join(f"<p class='note {note.tone}'>{esc(note.text)}</p>" for note in section.notes)
    return html + "</section>"


def curve_svg(r: JourneyReport) -> str:
    """The experience curve: one line per persona, touchpoints left to right, -2 to +2 up."""
    touchpoints: list[tuple[str, str]] = []
    for point in r.curve.points:
        if (point.touchpoint, point.stage) not in touchpoints:
            touchpoints.append((point.touchpoint, point.stage))
    step, left, top, row = 64, 150, 48, 34
    width = left + step * max(len(touchpoints), 1) + 110  # room for the last slanted label
    height = top + row * 4 + 150
    x_of = {t: left + step * i + step // 2 for i, (t, _) in enumerate(touchpoints)}

    def y(emotion: float) -> float:
        return top + row * (2 - emotion)

    parts = [
        (
            f"<svg xmlns='http://www.w3.org/2000/svg' role='img' width='100%' style='min-width:{width * 2 // 3}px'"
            f" preserveAspectRatio='xMinYMin meet' "
            f"viewBox='0 0 {width} {height}' font-family='system-ui,sans-serif' font-size='12'>"
            f"<title>Experience curve of {esc(r.title)}</title>"
        )
    ]
    stage_names = r.names.stages
    for i, stage in enumerate(dict.fromkeys(s for _, s in touchpoints)):
        xs = [x_of[t] for t, s in touchpoints if s == stage]
        x0, x1 = min(xs) - step // 2, max(xs) + step // 2
        fill = "#f5f7fb" if i % 2 == 0 else "#ffffff"
        parts.append(f"<rect x='{x0}' y='{top - 30}' width='{x1 - x0}' height='{row * 4 + 40}' fill='{fill}'/>"
                     f"<text x='{(x0 + x1) / 2}' y='{top - 16}' text-anchor='middle' fill='#5b6478'>"
                     f"{esc(_clip(stage_names.get(stage, stage), (x1 - x0) // 7))}</text>")  # fmt: skip
    labels = {2: "+2 very positive", 1: "+1", 0: "0 neutral", -1: "-1", -2: "-2 very negative"}
    for emotion, label in labels.items():
        dash = "" if emotion == 0 else " stroke-dasharray='3 4'"
        parts.append(f"<line x1='{left}' x2='{width - 100}' y1='{y(emotion)}' y2='{y(emotion)}' stroke='#c9d0dd'{dash}/>"
                     f"<text x='{left - 8}' y='{y(emotion) + 4}' text-anchor='end' fill='#5b6478'>{label}</text>")  # fmt: skip
    for t, _ in touchpoints:
        parts.append(f"<text transform='translate({x_of[t] + 4},{top + row * 4 + 14}) rotate(45)' fill='#1d2433'>"
                     f"{esc(_clip(r.names.touchpoints[t], 22))}</text>")  # fmt: skip
    for index, persona in enumerate(r.personas):
        colour, shape, _ = persona_look(index)
        felt = [
            (p.touchpoint, p.emotion)
            for p in r.curve.points
            if p.persona == persona and p.emotion is not None
        ]
        if len(felt) > 1:
            path = " ".join(f"{x_of[t]},{y(e)}" for t, e in felt)
            parts.append(f"<polyline points='{path}' fill='none' stroke='{colour}' stroke-width='2.5'/>")
        for t, e in felt:
            ring = "<circle r='9' fill='none' stroke='#b3261e' stroke-width='2'/>" if e < 0 else ""
            parts.append(f"<g class='point' transform='translate({x_of[t]},{y(e)})' data-persona='{esc(r.persona_called(persona))}'"
                         f" data-touchpoint='{esc(t)}' data-emotion='{e}'>{ring}{marker_svg(shape, colour, 'white')}"
                         f"<title>{esc(r.persona_called(persona))} at {esc(r.names.touchpoints[t])}: {signed(e)}</title></g>")  # fmt: skip
        parts.append(_legend(index, r.persona_called(persona), colour, height))
    parts.append("</svg>")
    return "".join(parts)


def _legend(index: int, persona: str, colour: str, height: int) -> str:
    x = 20 + 140 * index
    marker = marker_svg(persona_look(index)[1], colour, "white")
    return (f"<g class='legend'><line x1='{x}' x2='{x + 22}' y1='{height - 14}' y2='{height - 14}' stroke='{colour}' stroke-width='3'/>"
            f"<g transform='translate({x + 11},{height - 14})'>{marker}</g><text x='{x + 28}' y='{height - 10}'>{esc(_clip(persona, 16))}</text></g>")  # fmt: skip


def _clip(text: str, length: int) -> str:
    return text if len(text) <= length else text[: max(length - 1, 1)] + "…"
