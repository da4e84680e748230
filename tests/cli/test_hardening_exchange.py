"""Export and import against texts that are code elsewhere: spreadsheet formulas."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from conftest import EXAMPLES, cjm

from .test_import_export import _journey

FORMULAS = [
    '=HYPERLINK("http://example.com","clic")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A2)",
    "'=ya neutralizado",
    "'sin fórmula",
]


@pytest.mark.parametrize("text", FORMULAS)
def test_csv_export_writes_no_formula_and_import_gives_the_text_back(tmp_path: Path, text: str) -> None:
    source = (EXAMPLES / "ecommerce-omnichannel.yaml").read_text(encoding="utf-8")
    name = next(line for line in source.splitlines() if line.startswith("            name: "))
    quoted = "'" + text.replace("'", "''") + "'"
    journey = tmp_path / "sofa.yaml"
    journey.write_text(source.replace(name, f"            name: {quoted}", 1), encoding="utf-8")
    sheet = tmp_path / "sofa.csv"
    assert cjm("export", str(journey), "-o", str(sheet)).code == 0
    cells = [cell for row in csv.reader(io.StringIO(sheet.read_text(encoding="utf-8-sig"))) for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@") and not re.fullmatch(r"-[0-9.]+", c)]
    back = tmp_path / "back.yaml"
    result = cjm("import", str(sheet), "-o", str(back))
    assert result.code == 0, result
    assert text in [t.name for p in _journey(back).phases for s in p.stages for t in s.touchpoints]
    diff = cjm("diff", str(journey), str(back))
    assert diff.code == 0 and "no change" in diff.out, diff


C1 = "\\x9b31m\\x85\\x90"  # written as YAML escapes: raw, YAML refuses them


@pytest.mark.parametrize(
    ("command", "output_format"),
    [("render", "mermaid"), ("render", "dot"), ("render", "markdown"), ("report", "markdown"),
     ("report", "text")],
)  # fmt: skip
def test_no_c1_control_reaches_mermaid_markdown_or_dot(
    tmp_path: Path, command: str, output_format: str
) -> None:
    source = (EXAMPLES / "ecommerce-omnichannel.yaml").read_text(encoding="utf-8")
    name = next(line for line in source.splitlines() if line.startswith("            name: "))
    journey = tmp_path / "sofa.yaml"
    journey.write_text(source.replace(name, f'            name: "Pide{C1} el sofá"', 1), encoding="utf-8")
    result = cjm(command, str(journey), "--format", output_format)
    if result.code == 2 and "no such option" in result.err.lower():
        pytest.skip(f"{command} has no {output_format} format")
    assert result.code in (0, 1), result
    assert not re.search("[\x80-\x9f]", result.out)


@pytest.mark.parametrize("output_format", ["csv", "xlsx"])
@pytest.mark.parametrize("item", ["?x", "¿Cuándo llega?", "10:30", "https://example.com/a?b=1", "-x", ":x"])
def test_a_metric_with_awkward_texts_comes_back_unchanged(
    tmp_path: Path, output_format: str, item: str
) -> None:
    source = (EXAMPLES / "ecommerce-omnichannel.yaml").read_text(encoding="utf-8")
    name = next(line for line in source.splitlines() if line.startswith("            name: "))
    quoted = "'" + item.replace("'", "''") + "'"
    metric = f"            metrics:\n              - {{name: {quoted}, value: 1, unit: {quoted}}}"
    journey = tmp_path / "sofa.yaml"
    journey.write_text(source.replace(name, f"{name}\n{metric}", 1), encoding="utf-8")
    if cjm("validate", str(journey)).code == 2:
        pytest.skip("the example already gives this touchpoint metrics")
    sheet = tmp_path / f"sofa.{output_format}"
    assert cjm("export", str(journey), "-o", str(sheet)).code == 0
    back = tmp_path / "back.yaml"
    result = cjm("import", str(sheet), "-o", str(back))
    assert result.code == 0, result
    diff = cjm("diff", str(journey), str(back))
    assert diff.code == 0 and "no change" in diff.out, diff


def test_xlsx_export_refuses_a_text_longer_than_an_excel_cell_and_names_it(tmp_path: Path) -> None:
    source = (EXAMPLES / "ecommerce-omnichannel.yaml").read_text(encoding="utf-8")
    name = next(line for line in source.splitlines() if line.startswith("            name: "))
    journey = tmp_path / "sofa.yaml"
    journey.write_text(source.replace(name, "            name: " + "a" * 32_768, 1), encoding="utf-8")
    sheet = tmp_path / "sofa.xlsx"
    result = cjm("export", str(journey), "-o", str(sheet))
    assert (
        result.code == 2 and "sheet touchpoints, row 2, column name" in result.err and "32,767" in result.err
    )
    assert not sheet.exists() and "Traceback" not in result.err
    assert cjm("export", str(journey), "-o", str(tmp_path / "sofa.csv")).code == 0  # CSV holds it whole
