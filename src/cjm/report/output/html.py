"""The report as one self-contained HTML page: inline CSS, the curve as inline SVG, no requests."""

from __future__ import annotations

from typing import TextIO

from cjm.analysis.facts import MetricStatus
from cjm.present import curve
from cjm.present.escape import html_text as esc
from cjm.present.i18n import Words, words
from cjm.present.pages import drawn, page
from cjm.present.tables import Section
from cjm.present.theme import PAIN_POINT_SIGN, marker_svg, persona_look
from cjm.present.words import reading_in, signed_in, word
from cjm.report.data import JourneyReport, PortfolioReport
from cjm.report.sections import (
    journey_sections,
    portfolio_headline,
    portfolio_sections,
)


def write(
    report: JourneyReport | PortfolioReport, out: TextIO, *, color: bool = False, explain: bool = True
) -> None:
    """`explain` is always on here: the backlog table has room for why each item scores what it does."""
    out.write(render(report))


def render(report: JourneyReport | PortfolioReport) -> str:
    """The page of templates/html/report.html.j2."""
    if isinstance(report, PortfolioReport):
        t = words(report.lang)
        return _page(report.lang, t("Journey portfolio"), portfolio_headline(report),
                     portfolio_sections(report), report.journeys)  # fmt: skip
    return _page(report.lang, report.title, "", [], [report], portfolio=False)


def _page(
    lang: str,
    title: str,
    headline: str,
    sections: list[Section],
    journeys: list[JourneyReport],
    *,
    portfolio: bool = True,
) -> str:
    return page(
        "report.html.j2",
        lang=lang,
        title=title,
        headline=headline,
        portfolio=portfolio,
        sections=sections,
        journeys=[_journey(r) for r in journeys],
        sparkline=lambda metric, lang: drawn(sparkline(metric, words(lang))),
    )


def _journey(r: JourneyReport) -> dict[str, object]:
    """What the page says of one journey, in its language."""
    t = words(r.lang)
    touchpoints = len({p.touchpoint for p in r.curve.points})
    return {
        "id": r.journey,
        "title": r.title,
        "lang": r.lang,
        "state": word(r.state, t),
        "who": ", ".join(r.persona_called(p) for p in r.personas),
        "touchpoints": t.plural("{count} touchpoint", "{count} touchpoints", touchpoints),
        "average_label": t("average emotion"),
        "average": signed_in(r.curve.average, t),
        "curve_title": t("Experience curve"),
        "curve": drawn(curve_svg(r)),
        "sections": journey_sections(r),
    }


_SPARK_WIDTH, _SPARK_HEIGHT, _SPARK_PAD = 96, 22, 3
_SPARK_COLOURS = {"improved": "#1b7a3a", "worsened": "#b3261e"}


def sparkline(metric: MetricStatus, t: Words) -> str:
    """A metric's values on record as a small line, oldest on the left, the current value as a dot
    coloured by whether it is better or worse; its <title> says every value with its date and n."""
    values = [reading.value for reading in metric.history]
    low, high = min(values), max(values)
    inner_w, inner_h = _SPARK_WIDTH - 2 * _SPARK_PAD, _SPARK_HEIGHT - 2 * _SPARK_PAD
    step = inner_w / max(len(values) - 1, 1)

    def y(value: float) -> float:
        if high == low:
            return _SPARK_HEIGHT / 2
        return _SPARK_PAD + inner_h * (high - value) / (high - low)

    points = [(_SPARK_PAD + i * step, y(v)) for i, v in enumerate(values)]
    title = t("{metric}, oldest first: {values}", metric=metric.name,
              values="; ".join(reading_in(r, metric.unit, t) for r in metric.history))  # fmt: skip
    colour = _SPARK_COLOURS.get(metric.direction or "", "#5b6478")
    x_last, y_last = points[-1]
    dots = "".join(f"<circle cx='{x:.1f}' cy='{py:.1f}' r='1.6' fill='#8a93a6'/>" for x, py in points[:-1])
    return (
        f"<svg class='spark' role='img' aria-label='{esc(title)}' width='{_SPARK_WIDTH}' height='{_SPARK_HEIGHT}'"
        f" viewBox='0 0 {_SPARK_WIDTH} {_SPARK_HEIGHT}' xmlns='http://www.w3.org/2000/svg'>"
        f"<title>{esc(title)}</title>"
        f"<polyline points='{' '.join(f'{x:.1f},{py:.1f}' for x, py in points)}' fill='none' stroke='{colour}'"
        " stroke-width='1.5' stroke-linejoin='round' stroke-linecap='round'/>"
        f"{dots}<circle cx='{x_last:.1f}' cy='{y_last:.1f}' r='2.6' fill='{colour}'/></svg>"
    )


def curve_svg(r: JourneyReport) -> str:
    """The experience curve, with the stages as bands behind it and the touchpoints' names slanted below."""
    touchpoints: dict[str, str] = {}  # touchpoint: its stage, in the curve's order
    for point in r.curve.points:
        touchpoints.setdefault(point.touchpoint, point.stage)
    index = {t: i for i, t in enumerate(touchpoints)}
    columns = [curve.Column(t, r.names.touchpoints[t]) for t in touchpoints]
    hurt = {(p.touchpoint, p.persona) for p in r.pains if p.marked}  # the strong ring: curated moments only
    lighter = {(p.touchpoint, p.persona) for p in r.pains if not p.marked}
    lines = []
    order = list(r.names.personas)  # the journey's own order: a persona keeps its colour under --persona
    for number, persona in enumerate(r.personas):
        colour, shape, _ = persona_look(order.index(persona) if persona in order else number)
        points = tuple(
            curve.Point(
                index[p.touchpoint],
                p.emotion,
                p.expected_emotion,
                (p.touchpoint, persona) in hurt,
                pain_point=(p.touchpoint, persona) in lighter,
            )
            for p in r.curve.points
            if p.persona == persona and p.emotion is not None
        )
        lines.append(curve.Line(persona or "", r.persona_called(persona), colour, shape, points))
    step, top, row = 64, 48, 34
    frame = curve.Frame(width=150 + step * max(len(columns), 1) + 110,  # room for the last slanted name
                        height=top + row * 4 + 150, left=150, top=top, column=step, level=row,
                        scale="outside", font_size=12, fluid=True)  # fmt: skip
    bands = []
    for i, stage in enumerate(dict.fromkeys(touchpoints.values())):
        xs = [frame.x(index[t]) for t, s in touchpoints.items() if s == stage]
        x0, x1 = min(xs) - step / 2, max(xs) + step / 2
        fill = "#f5f7fb" if i % 2 == 0 else "#ffffff"
        bands.append(f"<rect x='{x0:g}' y='{top - 30}' width='{x1 - x0:g}' height='{row * 4 + 40}' fill='{fill}'/>"
                     f"<text x='{(x0 + x1) / 2:g}' y='{top - 16}' text-anchor='middle' fill='#5b6478'>"
                     f"{esc(_clip(r.names.stages.get(stage, stage), int(x1 - x0) // 7))}</text>")  # fmt: skip
    names = [f"<text transform='translate({frame.x(i) + 4:g},{top + row * 4 + 14}) rotate(45)' fill='#1d2433'>"
             f"{esc(_clip(c.name, 22))}</text>" for i, c in enumerate(columns)]  # fmt: skip
    t = words(r.lang)
    title = t("Experience curve of {title}", title=r.title)
    return curve.svg(
        title,
        columns,
        lines,
        frame,
        under="".join(bands),
        over="".join(names) + _legend(lines, frame, t),
        t=t,
    )


def _legend(lines: list[curve.Line], frame: curve.Frame, t: Words) -> str:
    y = frame.height - 14
    parts = [f"<g class='legend'><line x1='{x}' x2='{x + 22}' y1='{y:g}' y2='{y:g}' stroke='{line.colour}' stroke-width='3'/>"
             f"<g transform='translate({x + 11},{y:g})'>{marker_svg(line.marker, line.colour, 'white')}</g>"
             f"<text x='{x + 28}' y='{y + 4:g}'>{esc(_clip(line.name, 16))}</text></g>"
             for x, line in zip(range(20, 20 + 140 * len(lines), 140), lines, strict=True)]  # fmt: skip
    points = [p for line in lines for p in line.points]
    keys = [t("hollow: expected")] * any(p.expected not in (None, p.emotion) for p in points)
    keys += [t("ringed: Moment of Pain")] * any(p.pain for p in points)
    keys += [f"{PAIN_POINT_SIGN} " + t("pain point: a negative emotion not marked")] * any(
        p.pain_point for p in points
    )
    if keys:
        parts.append(
            f"<text class='legend' x='{20 + 140 * len(lines)}' y='{y + 4:g}' fill='#5b6478'>{esc(', '.join(keys))}</text>"
        )
    return "".join(parts)


def _clip(text: str, length: int) -> str:
    return text if len(text) <= length else text[: max(length - 1, 1)] + "…"
