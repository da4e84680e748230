"""`cjm render --paper`: the map laid out on sheets of paper, split at stage boundaries."""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import EXAMPLES, chromium, cjm, require_program

from cjm.render.paper import MARGIN, paper

SVG = "{http://www.w3.org/2000/svg}"
STAGES, PER_STAGE = 10, 6
NAMES = {f"tp{n:02d}": f"Step{n:02d}" for n in range(1, STAGES * PER_STAGE + 1)}
LANES = {"lane phase", "lane stage", "lane touchpoint", "lane channel", "lane emotion"}


def long_journey(folder: Path, stages: int = STAGES, per_stage: int = PER_STAGE) -> Path:
    """A journey of `stages` stages of `per_stage` touchpoints each, felt by two personas."""
    ids = iter(NAMES.items())

    def touchpoint(n: int) -> dict[str, object]:
        tid, name = next(ids)
        return {"id": tid, "name": name, "channel": "web", "personas": ["ana", "ben"][: 1 + n % 2],
                "emotion": n % 5 - 2, "thoughts": "Is this the right place to ask about it?"}  # fmt: skip

    def stage(s: int) -> dict[str, object]:
        return {"id": f"s{s}", "name": f"Stage{s}", "touchpoints": [touchpoint(n) for n in range(per_stage)]}

    thirds = [range(stages // 3), range(stages // 3, 2 * stages // 3), range(2 * stages // 3, stages)]
    journey = {
        "cjm": 1, "id": "long", "title": "A long journey",
        "personas": [{"id": "ana", "name": "Ana"}, {"id": "ben", "name": "Ben"}],
        "phases": [{"id": p, "stages": [stage(s) for s in third]} for p, third in zip(("before", "during", "after"), thirds)],
    }  # fmt: skip
    path = folder / "long.yaml"
    path.write_text(
        "".join(f"{key}: {json.dumps(value)}\n" for key, value in journey.items()), encoding="utf-8"
    )
    return path


def ids(root: ET.Element, prefix: str) -> list[str]:
    return [
        g.get("id", "").removeprefix(prefix)
        for g in root.iter(f"{SVG}g")
        if g.get("id", "").startswith(prefix)
    ]


def classes(root: ET.Element) -> set[str]:
    return {g.get("class", "").removeprefix("node ") for g in root.iter(f"{SVG}g")}


def printed_smallest(root: ET.Element) -> float:
    """The smallest text of an SVG sheet, in points as printed: the SVG's size is its printed size."""
    width = float(root.get("width", "0").removesuffix("pt"))
    scale = width / float(root.get("viewBox", "0 0 1 1").split()[2])
    return min(float(t.get("font-size", "0")) for t in root.iter(f"{SVG}text")) * scale


@pytest.fixture(scope="module")
def a3_sheets(tmp_path_factory: pytest.TempPathFactory) -> list[ET.Element]:
    require_program("dot")
    folder = tmp_path_factory.mktemp("a3")
    result = cjm(
        "render", str(long_journey(folder)), "--paper", "a3", "--landscape", "-o", str(folder / "map.svg")
    )
    assert result.code == 0 and "sheets: wrote" in result.err, result
    files = sorted(folder.glob("map-*.svg"), key=lambda p: int(p.stem.split("-")[1]))
    assert not (folder / "map.svg").exists() and len(files) > 2
    return [ET.parse(f).getroot() for f in files]


def test_a_long_journey_opens_on_an_overview_of_bands_and_curve(a3_sheets: list[ET.Element]) -> None:
    first = a3_sheets[0]
    assert ids(first, "touchpoint.") == [] and "lane emotion" in classes(first)
    assert len(ids(first, "stage.")) == STAGES and "lane problems" not in classes(first)


def test_every_touchpoint_is_on_one_sheet_and_stages_are_never_cut(a3_sheets: list[ET.Element]) -> None:
    sheets = a3_sheets[1:]
    found = [t for sheet in sheets for t in ids(sheet, "touchpoint.")]
    assert sorted(found) == sorted(NAMES)
    for sheet in sheets:
        stages = {f"s{(int(t[2:]) - 1) // PER_STAGE}" for t in ids(sheet, "touchpoint.")}
        assert (
            stages == set(ids(sheet, "stage.")) and len(ids(sheet, "touchpoint.")) == len(stages) * PER_STAGE
        )


def test_every_sheet_repeats_lanes_and_legend_and_prints_no_text_under_6_pt(
    a3_sheets: list[ET.Element],
) -> None:
    room = paper("a3", landscape=True).room
    for sheet in a3_sheets[1:]:
        assert LANES <= classes(sheet)
        legend = "".join(next(g for g in sheet.iter(f"{SVG}g") if g.get("id") == "title").itertext())
        assert "Ana" in legend and "Ben" in legend
        assert printed_smallest(sheet) >= 6.0
        assert float(sheet.get("width", "0").removesuffix("pt")) <= room[0] + 0.01
        assert float(sheet.get("height", "0").removesuffix("pt")) <= room[1] + 0.01


def test_the_pdf_has_a_page_per_sheet_and_every_touchpoint(
    tmp_path: Path, a3_sheets: list[ET.Element]
) -> None:
    from pypdf import PdfReader

    require_program("pdftotext")
    out = tmp_path / "map.pdf"
    assert (
        cjm("render", str(long_journey(tmp_path)), "--paper", "a3", "--landscape", "-o", str(out)).code == 0
    )
    pages = PdfReader(out).pages
    assert len(pages) == len(a3_sheets)
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages} == {(1191, 842)}
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert all(name in text for name in NAMES.values())


def test_a_stage_too_wide_for_a_sheet_is_cut_between_touchpoints_and_said_once(tmp_path: Path) -> None:
    require_program("dot")
    journey = long_journey(tmp_path, stages=3, per_stage=20)
    result = cjm("render", str(journey), "--paper", "a4", "-o", str(tmp_path / "map.png"))
    assert result.code == 0
    assert (
        "stages wider than one a4 sheet, cut between touchpoints: 'Stage0', 'Stage1', 'Stage2'" in result.err
    )
    files = sorted(tmp_path.glob("map*.png"))
    assert len(files) > 4 and all(re.fullmatch(r"map-\d+\.png", f.name) for f in files)


@pytest.mark.parametrize(
    "example", sorted(p.name for p in EXAMPLES.glob("*.yaml") if "catalog" not in p.name)
)
def test_the_examples_render_on_a4(tmp_path: Path, example: str) -> None:
    from pypdf import PdfReader

    require_program("dot")
    catalog = ["--catalog", str(EXAMPLES / "catalogo-seguros.yaml")] if "seguro" in example else []
    out = tmp_path / "map.pdf"
    assert cjm("render", str(EXAMPLES / example), *catalog, "--paper", "a4", "-o", str(out)).code == 0
    result = cjm(
        "render", str(EXAMPLES / example), *catalog, "--paper", "a4", "-o", str(tmp_path / "map.svg")
    )
    sheets = sorted(tmp_path.glob("map*.svg"))
    assert result.code == 0 and len(PdfReader(out).pages) == len(sheets)
    assert "too big" not in result.err, result.err  # a stage too tall goes on with its lanes instead
    for sheet in sheets[1:] if len(sheets) > 1 else sheets:
        root = ET.parse(sheet).getroot()
        assert printed_smallest(root) >= 6.0, sheet.name
        text = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
        assert "Touchpoint" in text or "Punto de contacto" in text, sheet.name  # each sheet opens on it


def test_without_paper_a_short_map_stays_one_canvas_and_paper_fits_the_margins(tmp_path: Path) -> None:
    require_program("dot")
    out = tmp_path / "map.svg"
    assert (
        cjm(
            "render", str(long_journey(tmp_path, stages=3, per_stage=1)), "--paper", "a3", "-o", str(out)
        ).code
        == 0
    )
    root = ET.parse(out).getroot()
    assert float(root.get("width", "0").removesuffix("pt")) <= paper("a3").width - 2 * MARGIN
    assert [p.name for p in tmp_path.glob("map*.svg")] == ["map.svg"]


def test_the_html_page_prints_every_stage_on_its_paper(tmp_path: Path) -> None:
    require_program("pdftotext")
    page, printed = tmp_path / "map.html", tmp_path / "out.pdf"
    assert (
        cjm("render", str(long_journey(tmp_path)), "--paper", "a4", "--landscape", "-o", str(page)).code == 0
    )
    assert "@page{size:841.9pt 595.3pt;" in page.read_text(encoding="utf-8")
    chromium(tmp_path, f"--print-to-pdf={printed}", "--no-pdf-header-footer", page.as_uri())
    text = subprocess.run(["pdftotext", str(printed), "-"], capture_output=True, text=True, check=True).stdout
    assert all(f"Stage{s}" in text for s in range(STAGES)) and all(name in text for name in NAMES.values())
    from pypdf import PdfReader

    first = PdfReader(printed).pages[0].mediabox
    assert (round(float(first.width)), round(float(first.height))) == (842, 595)


def test_paper_is_refused_for_formats_without_pages(tmp_path: Path) -> None:
    result = cjm("render", str(long_journey(tmp_path)), "--paper", "a3", "-f", "markdown")
    assert result.code == 2 and "--paper" in result.err


def test_a_folder_renders_each_journey_on_paper(tmp_path: Path) -> None:
    from pypdf import PdfReader

    require_program("dot")
    (tmp_path / "in").mkdir()
    long_journey(tmp_path / "in")
    result = cjm(
        "render",
        str(tmp_path / "in"),
        "-f",
        "pdf",
        "--paper",
        "a3",
        "--landscape",
        "-o",
        str(tmp_path / "out"),
    )
    assert result.code == 0 and len(PdfReader(tmp_path / "out" / "long.pdf").pages) > 2
