"""The HTML pages (the map, the report, the portfolio site) come from templates that share one
page shell, and write every user string as text, never as markup or as template code."""

from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import cjm, html_elements

SCRIPT = "<script>alert(1)</script>"
TEMPLATE = "{{ 7*7 }}{% if true %}yes{% endif %}"
HOSTILE = f"{SCRIPT} {TEMPLATE} & 'quotes' \"too\""
Q = json.dumps(HOSTILE)  # a YAML string

JOURNEY = f"""\
cjm: 1
id: hostile
title: {Q}
description: {Q}
personas:
  - {{id: ana, name: {Q}, needs: [{Q}]}}
phases:
  - id: before
    name: {Q}
    stages:
      - id: s1
        name: {Q}
        touchpoints:
          - id: t1
            name: {Q}
            channel: web
            emotion: -2
            problems: [{Q}]
            improvements: [{Q}]
"""


class Page(HTMLParser):
    """A page read back: its elements, its text and every attribute value."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.attributes: list[str] = []
        self.shell: list[str] = []  # the structure every page shares
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes += [value or "" for _, value in attrs]
        if "main" not in self.shell and tag in (
            "html",
            "head",
            "meta",
            "title",
            "style",
            "body",
            "header",
            "main",
        ):
            self.shell.append(tag if tag != "meta" else f"meta {sorted(n for n, _ in attrs)}")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _pages(tmp_path: Path, lang: str) -> dict[str, str]:
    """Every HTML page cjm writes, of a journey whose every name is hostile."""
    (tmp_path / "journeys").mkdir()
    (tmp_path / "journeys" / "hostile.yaml").write_text(JOURNEY, encoding="utf-8")
    journey = str(tmp_path / "journeys" / "hostile.yaml")
    for arguments in (
        ("render", journey, "-o", str(tmp_path / "map.html")),
        ("report", journey, "-f", "html", "-o", str(tmp_path / "report.html")),
        ("report", str(tmp_path / "journeys"), "-f", "html", "-o", str(tmp_path / "portfolio.html")),
        ("render", str(tmp_path / "journeys"), "-o", str(tmp_path / "site")),
    ):
        result = cjm(*arguments, "--lang", lang)
        assert result.code == 0, result
    return {
        name: (tmp_path / name).read_text(encoding="utf-8")
        for name in ("map.html", "report.html", "portfolio.html", "site/index.html")
    }


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_user_string_is_text_on_every_page(tmp_path: Path, lang: str) -> None:
    for name, html in _pages(tmp_path, lang).items():
        assert "script" not in html_elements(html), name
        page = Page(html)
        text = "".join(page.text)
        assert HOSTILE in text, name  # written whole, as the user wrote it
        assert "49" not in text and "yes" not in text.replace(TEMPLATE, ""), name  # never run as a template
        assert SCRIPT not in html and TEMPLATE.replace("'", "") in html.replace("&#x27;", ""), name


def test_the_map_the_report_and_the_site_share_one_page_shell(tmp_path: Path) -> None:
    shells = {name: Page(html).shell for name, html in _pages(tmp_path, "en").items()}
    assert len({tuple(shell) for shell in shells.values()}) == 1, shells
    [shell] = {tuple(shell) for shell in shells.values()}
    assert "meta ['content', 'http-equiv']" in shell  # the policy that lets no page load anything


def test_checking_a_journey_does_not_load_the_template_engine(tmp_path: Path) -> None:
    (tmp_path / "j.yaml").write_text(JOURNEY, encoding="utf-8")
    code = (
        "import sys; from cjm.__main__ import run; sys.argv = ['cjm', 'validate', sys.argv[1]]\n"
        "try:\n    run()\nexcept SystemExit:\n    pass\n"
        "assert 'jinja2' not in sys.modules, 'jinja2 loaded'"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "j.yaml")], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
