"""`cjm render FOLDER -o SITE`: a site of every journey's map and report page, and an index that
links both, listing a journey's current state before its future state."""

from __future__ import annotations

import ast
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, chromium, cjm, html_elements, require_program

JOURNEY = """\
cjm: 1
id: {id}
title: {title}
state: {state}
personas: [{{id: ana, name: Ana}}, {{id: bo, name: Zoë Quill}}]
phases:
  - id: before
    stages:
      - id: s
        name: S
        touchpoints:
          - {{id: t1, name: T1, channel: web, emotion: {{ana: {emotion}, bo: 1}}}}
"""


class Index(HTMLParser):
    """The index's table of maps: each row's cells as text, and the links in it."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.links: list[list[str]] = []
        self.header: list[str] = []
        self._cell: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
            self.links.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "a":
            self.links[-1].append(dict(attrs)["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


class Headings(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.h1: list[str] = []
        self._in = False
        self.lang = ""
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in = self._in or tag == "h1"
        if tag == "html":
            self.lang = dict(attrs)["lang"] or ""

    def handle_endtag(self, tag: str) -> None:
        self._in = self._in and tag != "h1"

    def handle_data(self, data: str) -> None:
        if self._in:
            self.h1.append(data)


def _folder(tmp_path: Path) -> Path:
    """A future state read before its current state, and another journey after both."""
    folder = tmp_path / "journeys"
    folder.mkdir()
    for name, ident, title, state, emotion in (
        ("a-to-be.yaml", "claims", "Claims to be", "future", 2),
        ("b-as-is.yaml", "claims", "Claims as is", "current", -2),
        ("c-other.yaml", "renewal", "Renewal", "current", 0),
    ):
        (folder / name).write_text(
            JOURNEY.format(id=ident, title=title, state=state, emotion=emotion), encoding="utf-8"
        )
    return folder


@pytest.mark.parametrize("persona", [None, "ana"])
@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("output_format", ["html", "svg", "markdown"])
def test_the_index_links_each_map_and_its_report_current_state_first(
    tmp_path: Path, output_format: str, lang: str, persona: str | None
) -> None:
    if output_format == "svg":
        require_program("dot")
    site = tmp_path / "site"
    options = ["--persona", persona] if persona else []
    result = cjm(
        "render", str(_folder(tmp_path)), "-f", output_format, "-o", str(site), "--lang", lang, *options
    )
    assert result.code == 0, result
    index = Index((site / "index.html").read_text(encoding="utf-8"))
    header, *rows = index.rows
    assert header[:3] == (
        ["map", "report", "state"] if lang == "en" else ["mapa", "informe", "estado del mapa"]
    )
    assert [row[0] for row in rows] == ["Claims as is", "Claims to be", "Renewal"]
    assert [row[2] for row in rows] == (
        ["current", "future", "current"] if lang == "en" else ["actual", "futuro", "actual"]
    )
    extension = {"html": "html", "svg": "svg", "markdown": "md"}[output_format]
    assert [links for links in index.links if links] == [
        [f"claims.{extension}", "claims.report.html"],
        [f"claims.future.{extension}", "claims.future.report.html"],
        [f"renewal.{extension}", "renewal.report.html"],
    ]
    for links in index.links[1:]:
        assert all((site / link).is_file() for link in links)
        report = (site / links[1]).read_text(encoding="utf-8")
        html_elements(report)  # nothing that runs or loads from elsewhere
        page = Headings(report)
        assert page.lang == lang and "".join(page.h1) in ("Claims as is", "Claims to be", "Renewal")
        assert ("Zoë Quill" in report) == (persona is None)  # the report is of the persona the maps are


def test_a_report_page_of_the_site_is_the_journeys_report(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    assert cjm("render", str(folder), "-o", str(tmp_path / "site")).code == 0
    alone = tmp_path / "alone.html"
    assert cjm("report", str(folder / "b-as-is.yaml"), "-f", "html", "-o", str(alone)).code == 0
    assert (tmp_path / "site" / "claims.report.html").read_text(encoding="utf-8") == alone.read_text(
        encoding="utf-8"
    )
    page = tmp_path / "site" / "claims.future.report.html"
    browser = chromium(tmp_path, "--dump-dom", page.as_uri())
    assert ":CONSOLE" not in browser.stderr and "Claims to be" in browser.stdout


def test_a_site_is_never_written_over_an_input(tmp_path: Path) -> None:
    folder, site = _folder(tmp_path), tmp_path / "site"
    site.mkdir()
    catalog = site / "claims.report.html"  # where the report page would go: a catalog of the run
    catalog.write_text("cjm: 1\nkind: catalog\nteams: [{id: cx, name: CX}]\n", encoding="utf-8")
    result = cjm("render", str(folder), "-o", str(site), "--catalog", str(catalog))
    assert result.code == 2 and "never writes over its input" in result.err, result
    assert catalog.read_text(encoding="utf-8").startswith("cjm: 1\nkind: catalog")
    assert sorted(p.name for p in site.iterdir()) == ["claims.report.html"]  # nothing else written


OUTPUTS = ("render", "report", "site")  # the outputs that write pages of a site


def _imports(package: str) -> set[str]:
    found = set()
    for path in (ROOT / "src" / "cjm" / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("package", ["render", "report", "site"])
def test_no_output_imports_another_output(package: str) -> None:
    others = [f"cjm.{other}" for other in OUTPUTS if other != package]
    imported = sorted(m for m in _imports(package) if m.startswith(tuple(others)))
    assert imported == [], f"cjm.{package} imports {imported}"
