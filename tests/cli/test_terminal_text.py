"""Text for people: unwrapped in a pipe (CI logs keep each line whole), wrapped between words in
a terminal, and coloured only where rich says a terminal wants colour."""

from __future__ import annotations

import io
import re

import pytest
from conftest import EXAMPLES, cjm

from cjm.present.terminal import colour_wanted
from cjm.project import load_project
from cjm.render.maps import render
from cjm.render.view import build_view
from cjm.report.output import text as report_text
from cjm.reporting import build_report

SEGURO = str(EXAMPLES / "seguro-hogar.yaml")
CATALOG = str(EXAMPLES / "catalogo-seguros.yaml")
ECOMMERCE = str(EXAMPLES / "ecommerce-omnichannel.yaml")


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text))


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("where", [SEGURO, str(EXAMPLES)])
def test_piped_report_keeps_every_line_whole(where: str, lang: str) -> None:
    out = cjm("report", where, "--catalog", CATALOG, "--lang", lang).out
    assert "Calcula el precio en el simulador" in out  # a name long enough to wrap at 80 columns
    improvement = "Dar el precio solo con código postal y metros cuadrados"
    assert any(improvement in line for line in out.splitlines())
    assert max(map(len, out.splitlines())) > 80  # nothing folded it to a terminal's width
    assert all(line == line.rstrip() for line in out.splitlines())  # no padding at line ends


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_narrow_terminal_wraps_the_report_between_words(lang: str) -> None:
    project = load_project([SEGURO], catalogs=[CATALOG])
    built = build_report(project, SEGURO, None, lang)
    whole, narrow = io.StringIO(), io.StringIO()
    report_text.write(built, whole, color=False, width=100_000)
    report_text.write(built, narrow, color=False, width=80)
    assert max(map(len, narrow.getvalue().splitlines())) <= 80
    assert _words(narrow.getvalue()) <= _words(whole.getvalue())  # no word cut in two


def test_a_narrow_terminal_wraps_the_map_table_between_words() -> None:
    project = load_project([SEGURO], catalogs=[CATALOG])
    [loaded] = project.usable(SEGURO)
    view = build_view(loaded.journey, loaded.scope, None, loaded.lang)
    wide, narrow = render(view, "table", width=400), render(view, "table", width=70)
    assert isinstance(wide, str) and isinstance(narrow, str)
    assert max(map(len, narrow.splitlines())) <= 70
    key = narrow.split("PERSONAS")[0]  # a narrow map's key also names the notes' marks
    assert _words(narrow) <= _words(wide) | _words(key)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("environment", "stream", "wanted"),
    [
        ({}, io.StringIO(), False),
        ({}, _Terminal(), True),
        ({"NO_COLOR": "1"}, _Terminal(), False),
        ({"FORCE_COLOR": "1"}, io.StringIO(), True),
    ],
)
def test_colour_is_rich_decision(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], stream: io.StringIO, wanted: bool
) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert colour_wanted(stream) is wanted


def test_validate_in_colour_says_the_same_as_plain(monkeypatch: pytest.MonkeyPatch) -> None:
    plain = cjm("validate", ECOMMERCE).out
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    coloured = cjm("validate", ECOMMERCE).out
    assert "\x1b[" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def test_the_table_at_80_columns_tells_problems_from_improvements(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = cjm("render", str(EXAMPLES / "ecommerce-omnichannel.yaml"), "--format", "table")
    assert result.code == 0, result
    lines = result.out.splitlines()

    def where(text: str) -> tuple[int, str]:
        found = [(n, line) for n, line in enumerate(lines) if text in line]
        assert len(found) == 1, (text, result.out)
        number, line = found[0]
        before = re.split(r"\s{2,}|│", line[: line.index(text)])[-1].strip()  # the marker or label in front
        return number, before

    problem_line, problem_mark = where("Forty-minute")
    improvement_line, improvement_mark = where("Book a collection")
    labelled = any("improve" in line.lower() for line in lines[problem_line + 1 : improvement_line + 1])
    assert problem_mark != improvement_mark or labelled, "\n".join(lines[problem_line : improvement_line + 1])
