"""`cjm export` and `cjm import`: every example through CSV and Excel and back unchanged, errors
that point at the cell, and Mermaid journeys written the way people write them."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, cjm
from test_render import parse_mermaid_journey

from cjm.exchange.mermaid import phase_of
from cjm.model import Journey
from cjm.project import load_project
from cjm.project.check import usable

JOURNEYS = ["seguro-hogar", "ecommerce-omnichannel", "b2b-payroll-onboarding"]


def _journey(path: Path | str) -> Journey:
    return usable(load_project([str(path)]), str(path))[0].journey


EVERY_RULE = ("--select", "CJM1,CJM2,CJM3")  # CJM311 too, which is off by default


def _findings(path: Path) -> list[dict[str, object]]:
    result = cjm("validate", str(path), *EVERY_RULE, "--format", "json")
    return [f for f in json.loads(result.out)["findings"] if f["path"] == str(path)]


def _silenced_copy(folder: Path, name: str) -> Path:
    """The example, with a `# cjm: disable=CODE` comment on every line a finding points at."""
    folder.mkdir()
    for catalog in EXAMPLES.glob("catalogo-*.yaml"):
        shutil.copy(catalog, folder / catalog.name)
    copy = folder / f"{name}.yaml"
    shutil.copy(EXAMPLES / f"{name}.yaml", copy)
    codes: dict[int, set[str]] = {}
    for finding in _findings(copy):
        codes.setdefault(int(finding["line"]), set()).add(str(finding["code"]))  # type: ignore[call-overload]
    lines = copy.read_text(encoding="utf-8").split("\n")
    for line, silenced in codes.items():
        lines[line - 1] += f"  # cjm: disable={','.join(sorted(silenced))}"
    copy.write_text("\n".join(lines), encoding="utf-8")
    assert _findings(copy) == []
    return copy


@pytest.mark.parametrize("name", JOURNEYS)
@pytest.mark.parametrize("output_format", ["csv", "xlsx"])
def test_every_example_comes_back_unchanged(tmp_path: Path, name: str, output_format: str) -> None:
    original = _silenced_copy(tmp_path / "src", name)
    sheet, back = tmp_path / "out" / f"{name}.{output_format}", tmp_path / f"{name}.yaml"
    assert cjm("export", str(original), "-o", str(sheet)).code == 0
    imported = cjm("import", str(sheet), "-o", str(back))
    assert imported.code == 0, imported
    text = cjm("diff", str(original), str(back))
    assert text.code == 0 and ("no change" in text.out or "sin cambios" in text.out), text
    report = json.loads(cjm("diff", str(original), str(back), "--format", "json").out)
    assert [d["changes"] for d in report["journeys"]] == [[]]
    before, after = _journey(original).model_dump(warnings=False), _journey(back).model_dump(warnings=False)
    after["catalogs"] = before["catalogs"]  # rewritten relative to the new file, same catalog
    assert before == after
    # the comments came back, each on its item's line: they silence the same findings
    written = back.read_text(encoding="utf-8")
    assert written.count("# cjm: disable=") == original.read_text(encoding="utf-8").count("# cjm: disable=")
    assert _findings(back) == []
    # numbers and dates are written as YAML writes them, never as quoted texts
    assert re.findall(r"""['"](?:-?[0-9]+(?:\.[0-9]+)?|[0-9]{4}-[0-9]{2}-[0-9]{2})['"]""", written) == []


def test_csv_is_utf8_with_a_byte_order_mark_and_one_row_per_touchpoint(tmp_path: Path) -> None:
    sheet = tmp_path / "hogar.csv"
    cjm("export", str(EXAMPLES / "seguro-hogar.yaml"), "-o", str(sheet))
    data = sheet.read_bytes()
    assert data.startswith("\ufeff".encode()) and "Atracción".encode() in data
    import csv
    import io

    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:7] == [
        "phase.id",
        "phase.name",
        "stage.id",
        "stage.name",
        "stage.scenario",
        "stage.context",
        "id",
    ]
    assert {"emotion", "emotion:luis", "improvements", "metrics", "journey.title"} <= set(rows[0])
    assert len(rows) - 1 == len(list(_journey(EXAMPLES / "seguro-hogar.yaml").touchpoints()))
    improvements = rows[1][rows[0].index("improvements")]
    assert (
        improvements
        == "Mostrar «desde 9 €/mes» en el anuncio [owner: marketing, status: planned, priority: high]"
    )
    assert cjm("export", str(EXAMPLES / "seguro-hogar.yaml")).out.startswith("phase.id,")


def test_workbook_has_its_sheets(tmp_path: Path) -> None:
    from python_calamine import CalamineWorkbook

    book = tmp_path / "b2b.xlsx"
    cjm("export", str(EXAMPLES / "b2b-payroll-onboarding.yaml"), "-o", str(book))
    workbook = CalamineWorkbook.from_path(str(book))
    assert workbook.sheet_names == ["touchpoints", "journey", "personas", "teams", "channels"]
    personas = workbook.get_sheet_by_name("personas").to_python()
    assert personas[0][:3] == ["from", "id", "name"] and personas[1][0] == "journey"
    assert cjm("export", str(EXAMPLES / "b2b-payroll-onboarding.yaml"), "--format", "xlsx").code == 2


def _edited_workbook(tmp_path: Path, edit: object) -> Path:
    from openpyxl import load_workbook

    book = tmp_path / "sofa.xlsx"
    cjm("export", str(EXAMPLES / "ecommerce-omnichannel.yaml"), "-o", str(book))
    workbook = load_workbook(book)
    edit(workbook)  # type: ignore[operator]
    workbook.save(book)
    return book


def test_an_import_error_names_sheet_row_and_column_and_writes_nothing(tmp_path: Path) -> None:
    def edit(workbook: object) -> None:
        sheet = workbook["touchpoints"]  # type: ignore[index]
        headers = [cell.value for cell in sheet[1]]
        sheet.cell(row=7, column=headers.index("emotion") + 1).value = "happy"
        sheet.cell(row=3, column=headers.index("moment") + 1).value = "glory"

    book = _edited_workbook(tmp_path, edit)
    target = tmp_path / "sofa.yaml"
    result = cjm("import", str(book), "-o", str(target))
    assert result.code == 2 and not target.exists()
    assert "sofa.xlsx: sheet touchpoints, row 7, column emotion: 'happy' is not an emotion" in result.err
    assert "sofa.xlsx: sheet touchpoints, row 3, column moment: CJM101 error: 'moment'" in result.err
    assert "must be truth or pain, not 'glory'" in result.err
    assert "nothing written" in result.err


def test_per_persona_emotion_and_unknown_column_errors_in_csv(tmp_path: Path) -> None:
    sheet = tmp_path / "hogar.csv"
    cjm("export", str(EXAMPLES / "seguro-hogar.yaml"), "-o", str(sheet))
    text = sheet.read_text(encoding="utf-8-sig").replace("emotion:luis", "emotion:luis,colour", 1)
    lines = text.split("\r\n")
    sheet.write_text("\r\n".join(lines), encoding="utf-8")
    result = cjm("import", str(sheet), "-o", str(tmp_path / "x.yaml"))
    assert result.code == 2 and "hogar.csv: row 1, column colour: unknown column 'colour'" in result.err


def test_an_invalid_journey_is_refused_and_nothing_overwritten(tmp_path: Path) -> None:
    def edit(workbook: object) -> None:
        sheet = workbook["touchpoints"]  # type: ignore[index]
        headers = [cell.value for cell in sheet[1]]
        sheet.cell(row=2, column=headers.index("channel") + 1).value = "carrier-pigeon"

    book = _edited_workbook(tmp_path, edit)
    target = tmp_path / "sofa.yaml"
    result = cjm("import", str(book), "-o", str(target))
    assert result.code == 2 and not target.exists()
    assert (
        "sofa.xlsx: sheet touchpoints, row 2, column channel: CJM203 error: unknown channel 'carrier-pigeon'"
        in result.err
    )
    assert list(tmp_path.iterdir()) == [book]  # no temporary file left behind
    target.write_text("keep me")
    good = tmp_path / "good.xlsx"
    cjm("export", str(EXAMPLES / "ecommerce-omnichannel.yaml"), "-o", str(good))
    refused = cjm("import", str(good), "-o", str(target))
    assert refused.code == 2 and "--force" in refused.err and target.read_text() == "keep me"
    assert cjm("import", str(good), "-o", str(target), "--force").code == 0
    assert _journey(target).id == "sofa-click-and-collect"


def test_hand_filled_sheet_continues_phase_and_stage_from_the_row_above(tmp_path: Path) -> None:
    sheet = tmp_path / "taller.csv"
    sheet.write_text(
        "phase.id;stage.id;stage.name;id;name;channel;emotion;problems;journey.id;journey.title\n"
        "before;descubre;Descubre;anuncio;Ve un anuncio;social;positivo;;taller;Taller\n"
        ';;;tienda;Entra en la tienda;store;-1;"Cola larga\nNadie atiende";;\n'
        "during;compra;Compra;pago;Paga;web;2;;;\n",
        encoding="utf-8",
    )
    out = tmp_path / "taller.yaml"
    assert cjm("import", str(sheet), "-o", str(out)).code == 0
    journey = _journey(out)
    [(_, stage), (_, buy)] = list(journey.stages())
    assert [t.id for t in stage.touchpoints] == ["anuncio", "tienda"] and buy.id == "compra"
    assert stage.touchpoints[0].emotion == 1 and stage.touchpoints[1].problems == [
        "Cola larga",
        "Nadie atiende",
    ]


WORKING_DAY = """\
journey
    title My working day
    section Go to work
      Make tea: 5: Me
      Go upstairs: 3: Me
      Do work: 1: Me, Cat
    section Go home
      Go downstairs: 5: Me
      Sit down: 5: Me
"""

SEVERAL_ACTORS = """\
```mermaid
journey
  title Contratar un seguro#58; hogar
  accTitle: Seguro
  section Descubrir
    Ve un anuncio#58; «desde 9 €»: 4: Ana Martínez
    Pregunta a su mediadora#59; la llama: 2: Ana Martínez, Luis Martínez
  section Contratar
    Firma #38; paga: 3: Ana Martínez, Luis Martínez, Marta
  section Después de la compra
    Da un parte: 1: Luis Martínez
```
"""

ODD = """\
%% written by hand, indentation all over the place
journey

section Research
        Compare prices: 3: Sam
  %% a note between tasks
Read reviews: 2: Sam   %% trailing comment
	section Buy
  Checkout: 4: Sam, Alex
section Support
      Call the help desk: 1
"""


def _import_mermaid(tmp_path: Path, name: str, text: str) -> Journey:
    diagram = tmp_path / f"{name}.mmd"
    diagram.write_text(text, encoding="utf-8")
    out = tmp_path / f"{name}.yaml"
    result = cjm("import", str(diagram), "-o", str(out))
    assert result.code == 0, result
    assert cjm("validate", str(out)).code == 0
    assert "channel: web  # Mermaid has no channel: set the real one" in out.read_text(encoding="utf-8")
    return _journey(out)


def test_mermaid_docs_working_day(tmp_path: Path) -> None:
    journey = _import_mermaid(tmp_path, "day", WORKING_DAY)
    assert journey.title == "My working day" and [p.id for p in journey.phases] == ["during"]
    assert [s.name for _, s in journey.stages()] == ["Go to work", "Go home"]
    touchpoints = {t.name: t for _, _, t in journey.touchpoints()}
    assert touchpoints["Make tea"].emotion == 2 and touchpoints["Make tea"].personas == ["me"]
    assert touchpoints["Do work"].emotion == {"me": -2, "cat": -2}
    assert [(p.id, p.name) for p in journey.personas] == [("me", "Me"), ("cat", "Cat")]  # type: ignore[union-attr]


def test_mermaid_with_several_actors_and_entity_codes(tmp_path: Path) -> None:
    journey = _import_mermaid(tmp_path, "seguro", SEVERAL_ACTORS)
    assert journey.title == "Contratar un seguro: hogar" and journey.id == "contratar-un-seguro-hogar"
    assert [(p.id, [s.name for s in p.stages]) for p in journey.phases] == [
        ("before", ["Descubrir"]), ("during", ["Contratar"]), ("after", ["Después de la compra"])
    ]  # fmt: skip
    names = [t.name for _, _, t in journey.touchpoints()]
    assert names == [
        "Ve un anuncio: «desde 9 €»",
        "Pregunta a su mediadora; la llama",
        "Firma & paga",
        "Da un parte",
    ]
    assert [p.id for p in journey.personas] == ["ana-martinez", "luis-martinez", "marta"]  # type: ignore[union-attr]
    signing = list(journey.touchpoints())[2][2]
    assert signing.emotion == {"ana-martinez": 0, "luis-martinez": 0, "marta": 0}


def test_mermaid_with_odd_indentation_comments_and_no_title(tmp_path: Path) -> None:
    journey = _import_mermaid(tmp_path, "shop-trip", ODD)
    assert journey.title == "shop-trip" and journey.id == "shop-trip"
    assert [(p.id, [s.id for s in p.stages]) for p in journey.phases] == [
        ("before", ["research"]), ("during", ["buy"]), ("after", ["support"])
    ]  # fmt: skip
    [help_desk] = [t for _, _, t in journey.touchpoints() if t.name == "Call the help desk"]
    assert help_desk.emotion == -2 and help_desk.personas == []


def test_mermaid_bad_score_is_an_error_with_its_line(tmp_path: Path) -> None:
    diagram = tmp_path / "bad.mmd"
    diagram.write_text("journey\n  section A\n    Task: 7: Me\n    No score here\n", encoding="utf-8")
    result = cjm("import", str(diagram), "-o", str(tmp_path / "bad.yaml"))
    assert result.code == 2 and "bad.mmd:3: " in result.err and "bad.mmd:4: " in result.err
    assert not (tmp_path / "bad.yaml").exists()
    diagram.write_text("graph TD\n A-->B\n", encoding="utf-8")
    assert "starts with the word 'journey'" in cjm("import", str(diagram), "-o", str(tmp_path / "b.yaml")).err


@pytest.mark.parametrize("name", JOURNEYS)
def test_cjm_own_mermaid_comes_back(tmp_path: Path, name: str) -> None:
    original = EXAMPLES / f"{name}.yaml"
    diagram = tmp_path / f"{name}.mmd"
    assert cjm("render", str(original), "--format", "mermaid", "-o", str(diagram)).code == 0
    journey = _import_mermaid(tmp_path, name, diagram.read_text(encoding="utf-8"))
    source = _journey(original)
    loaded = usable(load_project([str(original)]), str(original))[0]
    assert [s.name for _, s in journey.stages()] == [s.name for _, s in source.stages()]
    felt = [t for _, _, t in source.touchpoints() if t.emotion is not None]
    assert [t.name for _, _, t in journey.touchpoints()] == [t.name for t in felt]
    persona_names = {p.name for p in journey.personas}  # type: ignore[union-attr]
    assert persona_names == {loaded.scope.personas[p].name for p in loaded.scope.cast}
    by_name = {p.id: p.name for p in journey.personas}  # type: ignore[union-attr]
    for mine, theirs in zip([t for _, _, t in journey.touchpoints()], felt, strict=True):
        people = theirs.personas or list(loaded.scope.cast)
        expected = {loaded.scope.personas[p].name: theirs.emotion_of(p) for p in people}
        got = {
            by_name[p]: mine.emotion_of(p) if isinstance(mine.emotion, dict) else mine.emotion
            for p in mine.personas
        }
        assert got == {k: v for k, v in expected.items() if v is not None}
    assert parse_mermaid_journey(diagram.read_text(encoding="utf-8"))["title"] == source.title


def test_phase_words() -> None:
    assert [phase_of(s) for s in ("Discover", "Antes de comprar", "Use the app", "Soporte", "Checkout", "User")] == [
        "before", "before", "after", "after", "during", "during"
    ]  # fmt: skip


def test_cells_keep_awkward_texts_whole() -> None:
    from cjm.exchange import cells
    from cjm.model import Improvement

    items = ["", " padded ", '"quoted"', "two\nlines", "a | pipe", "[bracket]"]
    assert cells.read_lines(cells.write_lines(items)) == items
    improvements = [
        Improvement(text="Ends in [brackets]", owner="ops", status="done", priority="low"),
        Improvement(text="plain"),
        Improvement(text=" spaced\nout ", status="planned"),
    ]
    read = cells.read_improvements(cells.write_improvements(improvements))
    assert [Improvement.model_validate(i) for i in read] == improvements
    assert cells.read_improvements("Fix it [planned, high, ops]\nKeep [not, attributes here]") == [
        {"text": "Fix it", "status": "planned", "priority": "high", "owner": "ops"},
        {"text": "Keep [not, attributes here]"},
    ]
    assert cells.unflow(cells.flow({"name": "a\nb", "source": "yes"})) == {"name": "a\nb", "source": "yes"}
    assert cells.read_ids("ana, luis\nmarta") == ["ana", "luis", "marta"]
    assert cells.read_emotion(-2.0) == -2 and cells.read_emotion("Muy-Positivo") == 2
    for bad in ('"unterminated', '"done" trailing'):
        with pytest.raises(cells.CellError):
            cells.read_lines(bad)
    with pytest.raises(cells.CellError):
        cells.read_improvements('"text" then junk')
    with pytest.raises(cells.CellError):
        cells.unflow("{name: [unclosed")
    import datetime

    from cjm.spreadsheet import cell_text

    assert cell_text(True) == "true" and cell_text(datetime.date(2027, 3, 31)) == "2027-03-31"
    assert cell_text(datetime.datetime(2027, 3, 31)) == "2027-03-31"


def test_a_section_with_no_task_is_left_out(tmp_path: Path) -> None:
    """cjm writes touchpoints without an emotion as comments: such a section has no task."""
    diagram = tmp_path / "d.mmd"
    diagram.write_text(
        "journey\n  title T\n  section Buy\n    Pays: 4: Ana\n  section Loyalty\n    %% no emotion recorded\n",
        encoding="utf-8",
    )
    result = cjm("import", str(diagram), "-o", str(tmp_path / "j.yaml"))
    assert result.code == 0, result
    assert "Loyalty" not in (tmp_path / "j.yaml").read_text(encoding="utf-8")


def test_a_section_named_phase_and_stage_goes_to_that_phase() -> None:
    """`cjm render` names sections "Before purchase · Research": the phase decides, not the stage."""
    assert phase_of("During purchase · Research") == "during"
    assert phase_of("After purchase · Discover") == "after"
    assert phase_of("Antes de la compra · Pago") == "before"
    assert phase_of("Research") == "before"


# -- a finding of an imported sheet points at its cell --------------------------------------------


def _sheet_rows(path: Path) -> list[list[str]]:
    """The touchpoints' table as a spreadsheet shows it (row 1 = headers), read without cjm."""
    if path.suffix == ".csv":
        import csv
        import io

        return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    from openpyxl import load_workbook

    return [["" if v is None else str(v) for v in row] for row in load_workbook(path)["touchpoints"].values]


def _edit_cell(path: Path, row: int, column: str, value: str) -> None:
    """Write `value` in the cell of `column` on spreadsheet row `row` (row 1 = headers)."""
    if path.suffix == ".csv":
        import csv

        rows = _sheet_rows(path)
        rows[row - 1][rows[0].index(column)] = value
        with path.open("w", encoding="utf-8", newline="") as out:
            csv.writer(out).writerows(rows)
        return
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = book["touchpoints"]
    headers = [c.value for c in sheet[1]]
    sheet.cell(row=row, column=headers.index(column) + 1).value = value
    book.save(path)


@pytest.mark.parametrize("output_format", ["csv", "xlsx"])
def test_a_finding_of_an_imported_sheet_names_its_row_and_column_never_a_yaml_line(
    tmp_path: Path, output_format: str
) -> None:
    sheet = tmp_path / f"sofa.{output_format}"
    assert cjm("export", str(EXAMPLES / "ecommerce-omnichannel.yaml"), "-o", str(sheet)).code == 0
    rows = _sheet_rows(sheet)
    ids = [r[rows[0].index("id")] for r in rows]
    row = ids.index("store-visit") + 1  # as the spreadsheet numbers it: headers are row 1
    _edit_cell(sheet, row, "channel", "emial")
    _edit_cell(sheet, row + 2, "owner", "nobody")
    target = tmp_path / "sofa.yaml"
    result = cjm("import", str(sheet), "-o", str(target))
    assert result.code == 2 and not target.exists()
    where = f"sofa.{output_format}: " + ("sheet touchpoints, " if output_format == "xlsx" else "")
    assert (
        f"{where}row {row}, column channel: CJM203 error: unknown channel 'emial' (did you mean 'email'?)"
        in (result.err)
    )
    assert f"{where}row {row + 2}, column owner: CJM204 error: unknown team 'nobody'" in result.err
    assert ".yaml:" not in result.err and "sofa.yaml" not in result.err


def test_a_bad_value_in_a_journey_or_persona_cell_is_said_with_the_value(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    book = tmp_path / "hogar.xlsx"
    assert cjm("export", str(EXAMPLES / "b2b-payroll-onboarding.yaml"), "-o", str(book)).code == 0
    workbook = load_workbook(book)
    fields = [row[0].value for row in workbook["journey"].iter_rows()]
    workbook["journey"].cell(row=fields.index("status") + 1, column=2).value = "finished"
    personas = workbook["personas"]
    headers = [c.value for c in personas[1]]
    personas.cell(row=3, column=headers.index("role") + 1).value = "boss"
    workbook.save(book)
    result = cjm("import", str(book), "-o", str(tmp_path / "j.yaml"))
    assert result.code == 2
    status = fields.index("status") + 1
    assert (
        f"hogar.xlsx: sheet journey, row {status}, field status: CJM101 error: 'status' must be" in result.err
    )
    assert "not 'finished'" in result.err
    assert (
        "hogar.xlsx: sheet personas, row 3, column role: CJM101 error:" in result.err
        and "'boss'" in result.err
    )

    sheet = tmp_path / "hogar.csv"
    assert cjm("export", str(EXAMPLES / "seguro-hogar.yaml"), "-o", str(sheet)).code == 0
    _edit_cell(sheet, 2, "journey.review_by", "2027-02-30")
    result = cjm("import", str(sheet), "-o", str(tmp_path / "j.yaml"))
    assert result.code == 2
    assert (
        "hogar.csv: row 2, column journey.review_by: CJM101 error:" in result.err
        and "2027-02-30" in result.err
    )


MERMAID_WITHOUT_OWNERS = """\
journey
  title Ir a la tienda
  section Descubrir
    Ve un anuncio: 4: Ana
  section Comprar
    Paga en caja: 2: Ana
"""


def test_a_finding_of_an_imported_mermaid_diagram_names_its_line(tmp_path: Path) -> None:
    (tmp_path / ".cjm.toml").write_text('[severity]\nCJM302 = "error"\n', encoding="utf-8")
    diagram = tmp_path / "tienda.mmd"
    diagram.write_text(MERMAID_WITHOUT_OWNERS, encoding="utf-8")
    result = cjm("import", "tienda.mmd", "-o", "tienda.yaml", cwd=tmp_path)
    assert result.code == 2 and not (tmp_path / "tienda.yaml").exists()
    lines = [line for line in result.err.splitlines() if "CJM302" in line]
    assert [line.split(": CJM302")[0] for line in lines] == ["tienda.mmd:4", "tienda.mmd:6"], result.err


COMMENTED = """\
cjm: 1
id: taller
title: Taller
review_by: 2027-02-15
personas:
  - id: ana   # cjm: disable=CJM306
    name: Ana
    profile: {age: 41, occupation: "2024"}
teams:
  - {id: ventas, name: Ventas}
phases:   # cjm: disable=CJM301
  - id: before
    stages:
      - id: descubre   # cjm: disable
        name: Descubre
        touchpoints:
          - id: anuncio   # cjm: disable=CJM302, CJM310
            name: Ve un anuncio
            channel: social
            emotion: 1
            frontstage: Anuncio
          - id: tienda   # cjm: disable=pain-without-improvement
            name: Entra
            channel: store
            owner: ventas
            emotion: -1   # cjm: disable=CJM309
            metrics:
              - {name: NPS, value: 1.5, target: 2, measured: 2026-11-30, data: {file: a.csv, column: Q, where: {Q1: '5'}}}  # cjm: disable
"""


@pytest.mark.parametrize("output_format", ["csv", "xlsx"])
def test_disable_comments_and_bare_values_come_back_on_their_items(
    tmp_path: Path, output_format: str
) -> None:
    original = tmp_path / "taller.yaml"
    original.write_text(COMMENTED, encoding="utf-8")
    assert _findings(original) == []
    sheet, back = tmp_path / f"taller.{output_format}", tmp_path / "back" / "taller.yaml"
    assert cjm("export", str(original), "-o", str(sheet)).code == 0
    assert cjm("import", str(sheet), "-o", str(back)).code == 0
    assert _findings(back) == []
    written = back.read_text(encoding="utf-8")
    for line in (
        "  - {id: ana, name: Ana, profile: {age: 41, occupation: 2024}}  # cjm: disable=CJM306\n",
        "phases:  # cjm: disable=CJM301",
        "      - id: descubre  # cjm: disable\n",
        "          - id: anuncio  # cjm: disable=CJM302,CJM310",
        "          - id: tienda  # cjm: disable=pain-without-improvement",
        "            emotion: -1  # cjm: disable=CJM309",
        "where: {Q1: '5'}}, measured: 2026-11-30}  # cjm: disable\n",
        "review_by: 2027-02-15\n",
        "where: {Q1: '5'}",  # an answer keeps its type: the text '5' is not the number 5
    ):
        assert line in written, (line, written)
    before, after = _journey(original).model_dump(warnings=False), _journey(back).model_dump(warnings=False)
    assert before == after


def test_a_disable_cell_that_names_no_rule_is_an_error_at_its_cell(tmp_path: Path) -> None:
    original = tmp_path / "taller.yaml"
    original.write_text(COMMENTED, encoding="utf-8")
    sheet = tmp_path / "taller.csv"
    assert cjm("export", str(original), "-o", str(sheet)).code == 0
    _edit_cell(sheet, 2, "disable", "owner: no rule here!")
    result = cjm("import", str(sheet), "-o", str(tmp_path / "back.yaml"))
    assert result.code == 2
    assert "taller.csv: row 2, column disable: write the rules a comment silences" in result.err


def test_a_csv_saved_by_excel_on_windows_is_read_with_its_accents(tmp_path: Path) -> None:
    """Excel's plain "CSV" on a Spanish Windows: Windows-1252, semicolons, CRLF."""
    sheet = tmp_path / "taller.csv"
    sheet.write_bytes(
        "phase.id;stage.id;stage.name;id;name;channel;journey.id;journey.title\r\n"
        'before;atracción;Atracción;anuncio;"Ve el anuncio; le gusta";social;taller;Diseño\r\n'.encode(
            "cp1252"
        )
    )
    out = tmp_path / "taller.yaml"
    result = cjm("import", str(sheet), "-o", str(out))
    assert result.code == 2  # a stage id with an accent is no slug: said at its cell
    assert "taller.csv: row 2, column stage.id: CJM101 error:" in result.err and "atracción" in result.err
    sheet.write_bytes(sheet.read_bytes().replace("atracción;".encode("cp1252"), b"atraccion;"))
    assert cjm("import", str(sheet), "-o", str(out)).code == 0
    journey = _journey(out)
    assert journey.title == "Diseño" and [s.name for _, s in journey.stages()] == ["Atracción"]
    assert [t.name for _, _, t in journey.touchpoints()] == ["Ve el anuncio; le gusta"]
