"""The map speaks the map's language: every label cjm writes, in every format; the user's words as written."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import EXAMPLES, require_program

from cjm.present.roles import role_word
from cjm.project import load_project
from cjm.project.check import usable
from cjm.render.maps import render
from cjm.render.output.dot import to_dot
from cjm.render.view import MapView, build_view

SEGURO = EXAMPLES / "seguro-hogar.yaml"
CATALOG = EXAMPLES / "catalogo-seguros.yaml"
SOFA = EXAMPLES / "ecommerce-omnichannel.yaml"
GOLDEN = Path(__file__).parent / "render_golden"
ENGLISH = ["Touchpoint", "Channel", "Owner", "Improvements", "Problems", "Opportunities", "Metrics", "Emotion",
           "Moment of Pain", "Moment of Truth", "Before purchase", "During purchase", "After purchase", "everyone",
           "target", "priority", "Needs", "Goal:", "Expects", "expected", "touchpoints", "front stage", "back stage",
           "Front stage", "line of visibility", "line of interaction", "line of internal interaction",
           "Customer actions", "Support processes", "hollow", "ringed", "Journey map", "Archetype", "Frustrations",
           "Where", "Confidence", "current state", "no owner", "planned", "proposed", "buyer", "very positive"]  # fmt: skip
SPANISH = ["Punto de contacto", "Canal", "Responsable", "Mejoras", "Problemas", "Oportunidades", "Métricas",
           "Emoción", "Momento de dolor", "Momento de la verdad", "Antes de la compra", "objetivo", "prioridad",
           "Necesita", "Espera:", "esperaba", "puntos de contacto", "frontstage", "línea de visibilidad",
           "línea de interacción", "línea de interacción interna", "Acciones del cliente", "Procesos de soporte", "vacío",
           "Arquetipo", "Frustraciones", "Dónde", "Confianza", "estado actual", "sin responsable", "planificada",
           "propuesta", "comprador", "muy positiva"]  # fmt: skip


def view(path: Path, lang: str | None = None) -> MapView:
    catalogs = [str(CATALOG)] if path == SEGURO else []  # the sofa's catalog is its own file
    [loaded] = usable(load_project([str(path)], catalogs=catalogs), str(path), None, lang)
    return build_view(loaded.journey, loaded.scope, None, loaded.lang)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def texts(v: MapView) -> dict[str, str]:
    """What a reader sees of the map in every text format: no markup, attributes or CSS."""
    page = _Text()
    page.feed(str(render(v, "html")))
    out = {
        "table": str(render(v, "table", width=200)),
        "table80": str(render(v, "table", width=80)),
        "markdown": str(render(v, "markdown")),
        "mermaid": str(render(v, "mermaid")),
        "html": " ".join(page.parts),
    }
    if shutil.which("dot"):
        svg = ET.fromstring(render(v, "svg"))
        out["svg"] = " ".join(" ".join(e.itertext()) for e in svg.iter())
        out["svg"] += " ".join(
            value for e in svg.iter() for key, value in e.attrib.items() if key.endswith("title")
        )
    return out


def _unwritten(words: list[str], *files: Path) -> list[str]:
    """The label words the user's own files do not contain, so that finding one means cjm wrote it."""
    written = " ".join(f.read_text(encoding="utf-8") for f in files)
    kept = [w for w in words if w not in written]
    assert len(kept) >= len(words) * 2 // 3, "the journey itself uses too many of the label words"
    return kept


def test_a_spanish_journey_is_mapped_in_spanish_in_every_format() -> None:
    outputs = texts(view(SEGURO))
    for name, text in outputs.items():
        found = [w for w in _unwritten(ENGLISH, SEGURO, CATALOG) if w in text]
        assert found == [], name
    table = outputs["table"]
    assert "Punto de contacto" in table and "▼ Momento de dolor: Ana Martínez" in table
    assert "17 puntos de contacto" in table and "estado actual" in table
    assert "Antes de la compra".upper() in table and "Canal" in table and "Mejoras" in table
    assert "prioridad alta" in table and "Notas" in outputs["table80"]
    assert "Necesidades" in outputs["html"] and "Rol en la compra" in outputs["html"]


def test_the_same_journey_with_lang_en_has_no_spanish_label() -> None:
    outputs = texts(view(SEGURO, "en"))
    for name, text in outputs.items():
        found = [w for w in _unwritten(SPANISH, SEGURO, CATALOG) if w in text]
        assert found == [], name
    assert "Touchpoint" in outputs["table"] and "17 touchpoints" in outputs["table"]
    assert "Ana Martínez" in outputs["table"]  # the user's words stay as written


def test_numbers_use_the_languages_decimal_separator() -> None:
    spanish, english = texts(view(SEGURO)), texts(view(SEGURO, "en"))
    assert "CTR: 0,8\u00a0% (objetivo 1,5\u00a0%)" in spanish["html"]  # a space, which never breaks, before %
    assert "CTR: 0.8% (target 1.5%)" in english["html"] and "0,8" not in english["html"]
    if "svg" in spanish:
        assert re.search("CTR: 0,8[ \u00a0]%", spanish["svg"]) and "CTR: 0.8%" in english["svg"]
    assert "+1" in spanish["table"] and "esperaba +2" in spanish["table"]


@pytest.mark.parametrize("output_format", ["table80", "table200", "markdown", "html", "mermaid", "dot"])
def test_an_english_journey_renders_as_it_always_has(output_format: str) -> None:
    v = view(SOFA)
    if output_format.startswith("table"):
        output = render(v, "table", width=int(output_format.removeprefix("table")))
    elif output_format == "dot":
        output = to_dot(v)
    else:
        output = render(v, output_format)
    golden = (GOLDEN / f"ecommerce-omnichannel.{output_format}").read_text(encoding="utf-8")
    assert output == golden


def test_a_spanish_pdf_reads_in_spanish(tmp_path: Path) -> None:
    require_program("dot")
    require_program("pdftotext")  # Debian package poppler-utils
    pdf = tmp_path / "map.pdf"
    pdf.write_bytes(render(view(SEGURO), "pdf"))  # type: ignore[arg-type]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Punto de" in text and not [w for w in _unwritten(ENGLISH, SEGURO, CATALOG) if w in text]


def test_the_service_blueprint_has_its_four_lanes_and_three_lines_in_dot_and_html() -> None:
    """Customer actions, front stage, back stage and support, split by the lines of interaction,
    visibility and internal interaction, in that order, in the map's language."""
    for lang, lines in (
        ("en", ["line of interaction", "line of visibility", "line of internal interaction"]),
        ("es", ["línea de interacción", "línea de visibilidad", "línea de interacción interna"]),
    ):
        v = view(SEGURO, lang)
        assert [lane.id for lane in v.lanes][-4:] == ["activity", "frontstage", "backstage", "support"]
        dot = html.unescape(to_dot(v).replace("<BR/>", " "))
        ids = ["line-of-interaction", "line-of-visibility", "line-of-internal-interaction"]
        assert [dot.index(f'id="{i}"') for i in ids] == sorted(dot.index(f'id="{i}"') for i in ids)
        page = str(render(v, "html"))
        for text in (dot, page):
            positions = [text.index(f">{line}<") for line in lines]
            assert positions == sorted(positions), (lang, lines)
        assert "Motor de tarificación" in dot and "Motor de tarificación" in page
        assert "Desliza el feed por la noche" in dot and "Desliza el feed por la noche" in page


def _says(text: str, output: str) -> bool:
    """The words of `text`, in order, somewhere in `output`: a table or a drawing may wrap a text,
    and set other columns' words between its lines."""
    words, found = iter(output.split()), True
    for piece in text.split():
        found = any(piece == w or w.endswith(piece) or w.startswith(piece) for w in words)
        if not found:
            return False
    return found


def test_every_format_says_the_same_of_a_touchpoint() -> None:
    """Name, problems, improvements, opportunities, metric names, need and support of one touchpoint,
    in the table at 200 columns, Markdown, HTML and the SVG's text (Mermaid draws only the name)."""
    v = view(SOFA)
    [column] = [c for c in v.columns if c.touchpoint.id == "app-product-page"]
    tp = column.touchpoint
    said = [tp.name, *tp.problems, *(i.text for i in tp.improvements), *tp.opportunities]
    said += [m.name for m in tp.metrics] + [tp.need or "", *tp.support, *tp.backstage, tp.frontstage or ""]
    said += [tp.activity or "", tp.expectation or ""]
    assert all(said) and tp.support and tp.opportunities and tp.metrics
    outputs = texts(v)
    start = outputs["table"].index(tp.name)
    outputs["table"] = outputs["table"][start : outputs["table"].index("Sits on the sofa")]  # its row
    outputs["table80"] = outputs["table80"][outputs["table80"].index("Reads reviews") :]
    for name, output in outputs.items():
        for text in said if name != "mermaid" else [tp.name]:
            assert _says(text, html.unescape(output)), (name, text)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_format_has_the_persona_block(lang: str) -> None:
    """Each persona's role in the purchase and first goal, in the drawing, the page, Markdown and the table."""
    v = view(SOFA, lang)
    outputs = texts(v)
    block = {"table": "persona", "table80": "persona", "markdown": "## persona", "html": "persona"}
    for persona in v.personas:
        assert persona.role and persona.goals
        role = role_word(persona.role, persona.gender, v.t)
        for name, output in outputs.items():
            if name == "mermaid":
                continue
            start = output.lower().index(block[name]) if name in block else 0
            part = html.unescape(output[start:])
            assert _says(persona.goals[0], part), (name, persona.name)
            line = v.t("Role in the purchase: {role}", role=role)
            assert _says(line if name != "html" else role, part), (name, persona.name)
