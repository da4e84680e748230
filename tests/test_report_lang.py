"""The report and the diff speak the journey's language: Spanish labels, plurals and decimals for a
Spanish map, and English ones with --lang en."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from tests.conftest import cjm

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ENGLISH_LABELS = [
    "Moments of Pain", "Moments of Truth", "Backlog: what to fix first", "Expectation gaps", "Channel fit",
    "Averages per phase", "Where the curve falls", "Strengths worth", "touchpoint", "average emotion",
    "everyone", "improved", "regressed", "priority", "owner", "Before purchase", "before purchase",
    "target", "why this score", "Experience curve", "depth", "reach", "no improvement yet", "nothing",
    "no change", "planned", "in-progress", "emotion ", "very negative", "very positive", "hollow: expected",
    "trend", "better", "worse", "since", "measured", "oldest first",
]  # fmt: skip
SPANISH_LABELS = [
    "Momentos de dolor", "Momentos de la verdad", "Plan de mejoras", "punto de contacto", "puntos de contacto",
    "emoción media", "prioridad", "responsable", "mejorado", "empeorado", "profundidad",
    "alcance", "brecha", "Curva de experiencia", "por qué esta puntuación", "planificada",
    "tendencia", "medido el", "del valor más antiguo",
]  # fmt: skip


def _journey(tmp_path: Path, name: str, text: str | None = None) -> Path:
    """The Spanish example with its catalog beside it, as `text` when given."""
    shutil.copy(EXAMPLES / "catalogo-seguros.yaml", tmp_path / "catalogo-seguros.yaml")
    path = tmp_path / name
    path.write_text(text or (EXAMPLES / "seguro-hogar.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return path


def _changed(text: str) -> str:
    """The example with an emotion, a metric value, an improvement status and a channel changed."""
    lines = text.splitlines(keepends=True)
    replacements = [
        ("            emotion: 1\n", "            emotion: -1\n"),
        ("value: 0.8, target: 1.5", "value: 1.6, target: 1.5"),
        ("                status: planned\n", "                status: done\n"),
        ("            channel: web\n", "            channel: mobile-app\n"),
    ]
    for old, new in replacements:
        index = next(i for i, line in enumerate(lines) if old in line)
        lines[index] = lines[index].replace(old, new)
    return "".join(lines)


def _outputs(tmp_path: Path, *options: str) -> dict[str, str]:
    """The report (text, markdown, html) and the diff (text, markdown) of the Spanish example."""
    path = _journey(tmp_path, "seguro-hogar.yaml")
    newer = _journey(tmp_path, "seguro-hogar-nuevo.yaml", _changed(path.read_text(encoding="utf-8")))
    found = {}
    for output_format in ("text", "markdown", "html"):
        result = cjm("report", "--format", output_format, *options, str(path))
        assert result.code == 0, result
        found[f"report {output_format}"] = result.out
    for output_format in ("text", "markdown"):
        result = cjm("diff", "--format", output_format, *options, str(path), str(newer))
        assert result.code == 0, result
        found[f"diff {output_format}"] = result.out
    return found


def _said(labels: list[str], text: str) -> list[str]:
    """The labels that appear in `text` as words ("target", not "Retargeting")."""
    return [label for label in labels if re.search(rf"(?<!\w){re.escape(label)}(?!\w)", text)]


def _labels(text: str) -> str:
    """The page's text without its markup (tag names, attributes, CSS)."""
    return re.sub(r"<style>.*?</style>|<[^>]+>", " ", text, flags=re.DOTALL)


@pytest.fixture(autouse=True)
def _wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")


def test_a_spanish_journey_gets_a_spanish_report_and_diff(tmp_path: Path) -> None:
    outputs = _outputs(tmp_path)
    for name, text in outputs.items():
        shown = _labels(text) if name.endswith("html") else text
        english = _said(ENGLISH_LABELS, shown)
        assert english == [], f"{name} says {english} in English"
    report = outputs["report text"]
    assert "17 puntos de contacto · emoción media +0,3" in report
    assert re.search(
        r"profundidad \d × alcance \d \+ brecha \d .*; prioridad alta", outputs["report markdown"]
    )
    assert "Antes de la compra +0,5" in report
    assert re.search(
        r"\b1 punto de contacto mejorado\b|\b0 puntos de contacto mejorados\b", outputs["diff text"]
    )
    assert "emoción media +0,3 → +0,2" in outputs["diff text"]
    assert "▼ empeorado" in outputs["diff text"] and "▲ mejorado" in outputs["diff markdown"]
    assert "1,6" in outputs["diff text"] and "CTR" in outputs["diff text"]
    assert "Momentos de dolor marcados por el equipo, de más a menos profundo" in outputs["report markdown"]
    assert "<html lang='es'>" in outputs["report html"]
    for name in ("report text", "report markdown", "report html"):
        assert "peor -1,1 puntos desde 2026-10-31" in outputs[name], name
        assert "mejor +5,9 puntos desde 2026-10-31" in outputs[name], name


@pytest.mark.parametrize("count, said", [(1, "1 punto de contacto"), (2, "2 puntos de contacto")])
def test_the_spanish_plural(count: int, said: str) -> None:
    from cjm.present.i18n import words

    assert words("es").plural("{count} touchpoint", "{count} touchpoints", count) == said


def test_lang_en_gives_the_english_labels_of_a_spanish_journey(tmp_path: Path) -> None:
    outputs = _outputs(tmp_path, "--lang", "en")
    for name, text in outputs.items():
        shown = _labels(text) if name.endswith("html") else text
        spanish = _said(SPANISH_LABELS, shown)
        assert spanish == [], f"{name} says {spanish} in Spanish"
    assert "17 touchpoints · average emotion +0.3" in outputs["report text"]
    assert "Backlog: what to fix first" in outputs["report markdown"]


def test_the_json_keeps_its_english_keys_and_values(tmp_path: Path) -> None:
    import json

    path = _journey(tmp_path, "seguro-hogar.yaml")
    document = json.loads(cjm("report", "--format", "json", str(path)).out)
    assert document["lang"] == "es" and "pains" in document and "backlog" in document
    assert {b["priority"] for b in document["backlog"]} <= {"high", "medium", "low", None}
    assert document["backlog"][0]["explanation"].startswith("profundidad ")


NAMELESS = """cjm: 1
id: compra
title: Compra
lang: es
phases:
  - id: before
    stages:
      - id: busca
        name: Busca
        touchpoints:
          - {id: mira, name: Mira la web, channel: web, emotion: -1, improvements: [Mejorar la búsqueda]}
          - {id: llama, name: Llama, channel: phone, emotion: 1}
"""


def test_what_the_map_leaves_unnamed_is_named_in_its_language(tmp_path: Path) -> None:
    path = tmp_path / "compra.yaml"
    path.write_text(NAMELESS, encoding="utf-8")
    spanish = cjm("report", str(path)).out
    assert "Antes de la compra -0,5" not in spanish and "Antes de la compra 0" in spanish
    assert "todos" in spanish and "2 puntos de contacto" in spanish
    english = cjm("report", "--lang", "en", str(path)).out
    assert "Before purchase 0" in english and "everyone" in english
