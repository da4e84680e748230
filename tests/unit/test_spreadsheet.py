"""The one way import and measure read spreadsheets: encodings, delimiters, cells as text."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from cjm import spreadsheet


@pytest.mark.parametrize(
    ("data", "rows"),
    [
        ("\ufeffa,b\r\n1,2\r\n".encode(), [["a", "b"], ["1", "2"]]),  # UTF-8 with a byte-order mark, CRLF
        ('año;mes\n3,5;"dos\nlíneas"\n'.encode("cp1252"), [["año", "mes"], ["3,5", "dos\nlíneas"]]),
        (b"a\tb\n1\t2\n", [["a", "b"], ["1", "2"]]),
        (b"a|b\n1|2\n", [["a", "b"], ["1", "2"]]),
        (b"solo\n", [["solo"]]),  # one column: nothing to sniff, a comma
        (b"  \n", []),
    ],
)
def test_csv_text_is_decoded_and_split_as_excel_and_survey_tools_write_it(
    data: bytes, rows: list[list[str]]
) -> None:
    assert spreadsheet.read_csv(data) == rows


def test_the_encoding_of_a_file_is_read_in_chunks(tmp_path: Path) -> None:
    cases = {"bom.csv": "\ufeffé".encode(), "utf8.csv": "é".encode(), "ansi.csv": "é".encode("cp1252")}
    found = {}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        found[name] = spreadsheet.encoding_of(tmp_path / name)
    assert found == {"bom.csv": "utf-8-sig", "utf8.csv": "utf-8", "ansi.csv": "cp1252"}
    (tmp_path / "cut.csv").write_bytes(b"a\xc3")  # a character cut at the end
    assert spreadsheet.encoding_of(tmp_path / "cut.csv") == "cp1252"


def test_a_cell_is_the_text_a_csv_export_holds() -> None:
    text = spreadsheet.cell_text
    assert [text(None), text(""), text(True), text(False), text(3.0), text(2.5), text("x")] == [
        None, None, "true", "false", "3", "2.5", "x"
    ]  # fmt: skip
    assert text(datetime.datetime(2026, 11, 2)) == "2026-11-02"
    assert text(datetime.datetime(2026, 11, 2, 9, 30)) == "2026-11-02 09:30:00"
    assert text(datetime.date(2026, 11, 2)) == "2026-11-02"


def test_a_broken_workbook_is_one_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(spreadsheet.SpreadsheetError, match="cannot read it as a spreadsheet"):
        spreadsheet.read_workbook(broken)
