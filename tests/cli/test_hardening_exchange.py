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
