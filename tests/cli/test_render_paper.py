"""`cjm render --paper` as a printer gives it: a grid of sheets read back from the PDF itself
(pdftotext's word boxes), each sheet legible, labelled and carrying the legend."""

from __future__ import annotations

import itertools
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, cjm, require_program

SEGURO = EXAMPLES / "seguro-hogar.yaml"
CATALOG = ["--catalog", str(EXAMPLES / "catalogo-seguros.yaml")]
BOX_TO_SIZE = 1.16  # pdftotext's word box is this much taller than the font size (Helvetica)
Word = tuple[float, float, float, float, str]


def long_journey(folder: Path) -> Path:
    """A journey of 67 touchpoints and three personas, as the benchmarks generate them."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from validate import journey

    path = folder / "long.yaml"
    path.write_text(journey(random.Random(7), 1, 67), encoding="utf-8")
    return path


def pages(pdf: Path) -> list[list[Word]]:
    """Every page's words with their boxes, as pdftotext reads them."""
    require_program("pdftotext")
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    found = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    return [
        [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(found, page)]
        for page in out.split("<page ")[1:]
    ]


def overlapping(words: list[Word]) -> list[tuple[str, str]]:
    """Pairs of words whose letters overlap (the box's middle: its top and bottom hold the line's
    ascent and descent, which the next line may share)."""
    core = [(a, b + (d - b) * 0.2, c, d - (d - b) * 0.2, w) for a, b, c, d, w in words]
    return [
        (p[4], q[4])
        for p, q in itertools.combinations(core, 2)
        if min(p[2], q[2]) - max(p[0], q[0]) > 0.3 and min(p[3], q[3]) - max(p[1], q[1]) > 0.3
    ]


def render(journey: Path, out: Path, *paper: str) -> list[list[Word]]:
    require_program("dot")
    catalog = CATALOG if journey == SEGURO else []
    result = cjm("render", str(journey), *catalog, "--paper", *paper, "-o", str(out))
    assert result.code == 0, result
    return pages(out)


@pytest.fixture(scope="module")
def long_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return long_journey(tmp_path_factory.mktemp("long"))


@pytest.mark.parametrize("paper", [("a3", "--landscape"), ("a4",)], ids=["a3-landscape", "a4"])
@pytest.mark.parametrize("which", ["seguro", "long"])
def test_every_sheet_prints_at_6_pt_or_more_without_overlaps_and_says_where_it_is(
    tmp_path: Path, long_path: Path, paper: tuple[str, ...], which: str
) -> None:
    journey = SEGURO if which == "seguro" else long_path
    sheets = render(journey, tmp_path / "map.pdf", *paper)
    sheet, legend = ("Hoja", "verdad") if which == "seguro" else ("Sheet", "Truth")
    assert len(sheets) > 1
    for number, words in enumerate(sheets, 1):
        text = " ".join(w[4] for w in words)
        assert min(d - b for _, b, _, d, _ in words) / BOX_TO_SIZE >= 6.0, number
        assert overlapping(words) == [], number
        assert f"{sheet} {number} " in text and f" {len(sheets)}" in text, number
        assert legend in text and "★" in text and "▽" in text and "▼" in text, number


def test_seguro_fills_at_most_five_a3_sheets_and_a4_portrait_cuts_it_otherwise(tmp_path: Path) -> None:
    a3 = render(SEGURO, tmp_path / "a3.pdf", "a3", "--landscape")
    a4 = render(SEGURO, tmp_path / "a4.pdf", "a4")
    assert len(a3) <= 5
    first_sheet = [" ".join(w[4] for w in words) for words in (a3[1], a4[1])]
    numbers = [{int(n) for n in re.findall(r"\b(\d+) · ", text)} for text in first_sheet]
    assert numbers[0] != numbers[1] and len(numbers[0]) > len(numbers[1])


def test_the_overview_numbers_every_touchpoint_as_the_sheets_do(tmp_path: Path, long_path: Path) -> None:
    sheets = render(long_path, tmp_path / "map.pdf", "a3", "--landscape")
    overview = {w[4] for w in sheets[0]}
    on_sheets = {
        int(n) for words in sheets[1:] for n in re.findall(r"\b(\d+) · ", " ".join(w[4] for w in words))
    }
    assert on_sheets == set(range(1, 68)) and {str(n) for n in on_sheets} <= overview


def test_a_stage_wider_than_a_sheet_is_cut_between_touchpoints_and_said_once(
    tmp_path: Path, long_path: Path
) -> None:
    require_program("dot")
    result = cjm("render", str(long_path), "--paper", "a4", "-o", str(tmp_path / "map.pdf"))
    assert result.code == 0
    assert result.err.count("stages wider than one a4 sheet, cut between touchpoints") == 1, result.err


def test_several_png_sheets_say_which_files_they_are(tmp_path: Path) -> None:
    require_program("dot")
    result = cjm(
        "render", str(SEGURO), *CATALOG, "--paper", "a3", "--landscape", "-o", str(tmp_path / "map.png")
    )
    files = sorted(tmp_path.glob("map-*.png"))
    assert result.code == 0 and len(files) > 1 and not (tmp_path / "map.png").exists()
    assert str(files[0]) in result.err and files[-1].name in result.err


def test_a_map_that_fits_one_sheet_is_one_sheet(tmp_path: Path) -> None:
    sheets = render(EXAMPLES / "ecommerce-omnichannel.yaml", tmp_path / "map.pdf", "a0", "--landscape")
    assert len(sheets) == 1
