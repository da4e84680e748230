"""`cjm measure`: one line per metric, old → new, and how it stands against its target, in the
journey's language."""

from __future__ import annotations

from typing import TextIO

from cjm.measure.run import Measured, MeasureResult
from cjm.present.escape import terminal_text
from cjm.present.i18n import N_, Words, words
from cjm.present.tone import painted, standing_tone
from cjm.present.words import quantity_in

_STANDINGS = {
    "met": N_("meets its target of {target}"),
    "below": N_("misses its target of {target}"),
    "no-target": N_("no target"),
}


def _number(value: float | None, unit: str | None, t: Words) -> str:
    return "-" if value is None else quantity_in(value, unit, t)


def _line(m: Measured) -> tuple[str, str]:
    t = words(m.lang)
    status = t(_STANDINGS[m.status], target=_number(m.target, m.unit, t))
    arrow = f"{_number(m.previous, None, t)} → {_number(m.value, m.unit, t)}"
    answers = t("n = {n}, measured on {date}", n=t.number(m.n, 0), date=m.measured)
    answers = f"{t(m.definition)}, {answers}" if m.definition else answers
    return (
        f"{terminal_text(m.path)}: {terminal_text(m.touchpoint)} / {terminal_text(m.name)}: {arrow} ({answers})",
        status,
    )


def write(result: MeasureResult, out: TextIO, *, color: bool = False) -> None:
    t = words(result.lang)
    out.writelines(
        terminal_text(diff, allow="\n\t") for path, diff in (result.diffs.items() if result.dry_run else ())
    )
    for m in result.measured:
        said, status = _line(m)
        if color:
            status = painted(status, standing_tone(m.status))
        out.write(f"{said} {status}\n")
    if not result.measured:
        out.write(t("no metric with 'kind' and 'data' to measure") + "\n")
    elif result.dry_run:
        out.write(t("dry run: nothing written") + "\n")
    else:
        metrics = t.plural("{count} metric measured", "{count} metrics measured", len(result.measured))
        files = t.plural("{count} file written", "{count} files written", len(result.diffs))
        out.write(f"{metrics}, {files}\n")
