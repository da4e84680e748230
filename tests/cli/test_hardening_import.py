"""`cjm import` against diagrams and files made to break it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import cjm


@pytest.mark.parametrize(
    "task",
    ["Pide #\u00b2; el sofá: 5: Ana", "Pide #\u0663; el sofá: 4: Ana", "Pide: " + "9" * 4400 + ": Ana",
     "Pide: \u0664: Ana", "Pide #" + "9" * 5000 + "; el sofá: 3: Ana"],
    ids=["superscript-entity", "arabic-digit-entity", "4400-digit-score", "arabic-digit-score", "long-entity"],
)  # fmt: skip
def test_a_mermaid_task_made_to_break_the_reader_is_an_error_or_read(tmp_path: Path, task: str) -> None:
    diagram = tmp_path / "j.mmd"
    diagram.write_text(f"journey\n  title Comprar\n  section Compra\n    {task}\n", encoding="utf-8")
    result = cjm("import", str(diagram), "-o", str(tmp_path / "j.yaml"))
    assert result.code in (0, 2), result
    assert "Traceback" not in result.err
    if result.code == 2:
        assert "j.mmd:4" in result.err


def test_import_of_an_endless_file_stops_at_the_size_limit(tmp_path: Path) -> None:
    result = cjm("import", "/dev/zero", "-f", "csv", "-o", str(tmp_path / "z.yaml"))
    assert result.code == 2 and "larger than" in result.err, result


def test_a_metrics_cell_nested_500_deep_is_an_error_at_its_cell(tmp_path: Path) -> None:
    import csv

    from conftest import EXAMPLES

    sheet = tmp_path / "sofa.csv"
    assert cjm("export", str(EXAMPLES / "ecommerce-omnichannel.yaml"), "-o", str(sheet)).code == 0
    rows = list(csv.reader(sheet.read_text(encoding="utf-8-sig").splitlines()))
    rows[1][rows[0].index("metrics")] = "[" * 500 + "]" * 500
    with sheet.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    result = cjm("import", str(sheet), "-o", str(tmp_path / "back.yaml"))
    assert result.code == 2 and "row 2, column metrics" in result.err and "nested too deep" in result.err, (
        result
    )


@pytest.mark.parametrize("body", ["", "  section Compra\n", "  section Compra\n  section Uso\n"])
def test_a_mermaid_journey_without_tasks_is_an_error_not_a_traceback(tmp_path: Path, body: str) -> None:
    diagram = tmp_path / "j.mmd"
    diagram.write_text(f"journey\n  title Comprar\n{body}", encoding="utf-8")
    result = cjm("import", str(diagram), "-o", str(tmp_path / "j.yaml"))
    assert result.code == 2 and "j.mmd:" in result.err and "nothing written" in result.err, result
    assert not (tmp_path / "j.yaml").exists()
