"""`cjm render`: every example in every format, read back by real parsers and a real browser."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import EXAMPLES, chromium, cjm, cjm_process, html_elements, require_program
from rich.cells import cell_len

from cjm.project import load_project
from cjm.project.check import usable
from cjm.render.maps import render
from cjm.render.output import FORMATS
from cjm.render.view import build_view

CATALOG = str(EXAMPLES / "catalogo-seguros.yaml")
SOFA = str(EXAMPLES / "ecommerce-omnichannel.yaml")
SVG = "{http://www.w3.org/2000/svg}"
JOURNEYS = {"payroll-onboarding", "seguro-hogar", "sofa-click-and-collect"}

HOSTILE = """\
cjm: 1
id: hostile
title: "Title: with #hash; and 100% \\"quotes\\" <b>bold</b>"
personas:
  - {id: ana, name: "Ana, the \\"boss\\": <i>CEO</i> 🏠"}
  - {id: bo, name: "section Bo; %% not a comment"}
phases:
  - id: before
    stages:
      - id: s1
        name: "Stage: one # two; three `tick`"
        touchpoints:
          - id: t1
            name: "<script>alert(1)</script> {braces} | pipe: colon; semi #x; 50% ñ 🏠"
            channel: web
            emotion: {ana: -2, bo: 1}
            problems: ["Line one\\nline two | with \\\\ backslash \\\\N and ]]> and &amp;"]
            improvements: ["<img src=x onerror=alert(1)>"]
          - id: t2
            name: "journey title section: keywords first \\\\N"
            channel: web
            emotion: 0
            frontstage: "{x} [y] <z> \\"w\\" '\\u00e9'"
            backstage: ["%%{init: {}}%%"]
          - id: t3
            name: "A name that goes on and on without any end in sight, really much too long to fit in any cell of a map at all, ever, even printed on A0 paper, as some stakeholders like to write them"
            channel: web
"""


def maps(tmp_path: Path, output_format: str) -> dict[str, Path]:
    out = tmp_path / output_format
    result = cjm("render", str(EXAMPLES), "--format", output_format, "-o", str(out))
    assert result.code == 0, result
    assert (out / "index.html").is_file()  # the folder's overview, linking to each map and report
    pages = {
        path for path in out.iterdir() if path.name == "index.html" or path.name.endswith(".report.html")
    }
    assert {path.name for path in pages} == {"index.html"} | {f"{j}.report.html" for j in JOURNEYS}
    return {path.stem: path for path in out.iterdir() if path not in pages}


@pytest.mark.parametrize("output_format", FORMATS.names)
def test_every_example_renders_in_every_format(tmp_path: Path, output_format: str) -> None:
    if output_format in ("svg", "png", "pdf"):
        require_program("dot")
    written = maps(tmp_path, output_format)
    assert set(written) == JOURNEYS
    for path in written.values():
        data = path.read_bytes()
        check = {
            "png": lambda data=data: data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 50_000,
            "pdf": lambda data=data: data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:],
            "svg": lambda data=data: ET.fromstring(data).tag == f"{SVG}svg",
            "dot": lambda data=data: b'\ngraph "' in data and data.rstrip().endswith(b"}"),
            "html": lambda data=data: data.startswith(b"<!DOCTYPE html>") and b"</html>" in data,
            "markdown": lambda data=data: data.startswith(b"# ") and b"```mermaid\njourney\n" in data,
            "mermaid": lambda data=data: data.startswith(b"journey\n  title "),
            "json": lambda data=data: json.loads(data)["sheets"][0]["phases"],
            "table": lambda data=data: (
                (b"Touchpoint" in data or b"Punto de contacto" in data) and "──".encode() in data
            ),
        }[output_format]
        assert check(), path


def _view(path: str, persona: str | None = None, catalogs: tuple[str, ...] = (CATALOG,)):  # type: ignore[no-untyped-def]
    [loaded] = usable(load_project([path], catalogs=catalogs), path)
    return build_view(loaded.journey, loaded.scope, persona)


def _svg(tmp_path: Path, *arguments: str) -> ET.Element:
    require_program("dot")
    out = tmp_path / "map.svg"
    result = cjm("render", *arguments, "-o", str(out))
    assert result.code == 0, result
    return ET.parse(out).getroot()


def _by_id(root: ET.Element) -> dict[str, ET.Element]:
    return {g.get("id", ""): g for g in root.iter(f"{SVG}g")}


def _centre_y(group: ET.Element) -> float:
    shape = next(e for e in group.iter() if e.tag in (f"{SVG}ellipse", f"{SVG}polygon"))
    if shape.tag == f"{SVG}ellipse":
        return float(shape.get("cy", "0"))
    ys = [float(p.split(",")[1]) for p in shape.get("points", "").split()]
    return (min(ys) + max(ys)) / 2


def test_svg_has_every_stage_touchpoint_and_emotion_point_where_its_score_says(tmp_path: Path) -> None:
    root = _svg(tmp_path, SOFA)
    groups = _by_id(root)
    view = _view(SOFA)
    for _, stage in view.journey.stages():
        assert f"stage.{stage.id}" in groups
    for phase in ("before", "during", "after"):
        assert f"phase.{phase}" in groups
    felt = {
        (p.persona, c.touchpoint.id): p.emotion
        for c in view.columns
        for p in c.points
        if p.emotion is not None
    }
    assert len(felt) == 13  # 12 touchpoints, one felt by both personas
    ys: dict[int, set[float]] = {}
    for (persona, touchpoint), emotion in felt.items():
        group = groups[f"point.{persona}.{touchpoint}"]
        assert f"emotion{emotion:+d}" in group.get("class", "")
        ys.setdefault(emotion, set()).add(round(_centre_y(group), 1))
        assert f"touchpoint.{touchpoint}" in groups
    # one height per score, higher scores higher up (SVG y grows downwards), evenly spaced
    heights = {emotion: ys[emotion].pop() for emotion in ys if len(ys[emotion]) == 1}
    assert sorted(heights, reverse=True) == sorted(heights, key=heights.__getitem__) and len(heights) == 5
    steps = {round(heights[e] - heights[e + 1], 1) for e in range(-2, 2)}
    assert len(steps) == 1 and steps.pop() > 0
    pains = {g.get("id") for g in root.iter(f"{SVG}g") if "pain" in g.get("class", "").split()}
    assert pains == {"touchpoint.laptop-checkout", "touchpoint.store-pickup"}
    curves = [
        g
        for g in root.iter(f"{SVG}g")
        if g.get("class", "").split()[:2] in (["edge", "curve"], ["edge", "skip"])
    ]
    assert len(curves) == 13 - 2  # one line per persona joins its points, broken where it skips some
    assert root.find(f".//{SVG}g[@id='line-of-visibility']") is not None


def test_svg_keeps_accents_and_names_every_lane(tmp_path: Path) -> None:
    root = _svg(tmp_path, "--catalog", CATALOG, str(EXAMPLES / "seguro-hogar.yaml"))
    text = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    for words in (
        "Atracción",
        "Contratación",
        "Ana Martínez",
        "línea de visibilidad",  # the journey is in Spanish: so are cjm's labels
        "Backstage",
        "Emoción",
    ):
        assert words in text


def test_map_is_legible_printed_on_a2_landscape(tmp_path: Path) -> None:
    """Fitted to an A2 sheet (594 × 420 mm, 10 mm margins), no text of a typical map is under 6 pt.

    A3 held until the map drew the whole service blueprint and the persona block; it holds again
    once a map is split into sheets."""
    for name in ("ecommerce-omnichannel.yaml", "b2b-payroll-onboarding.yaml"):
        root = _svg(tmp_path, str(EXAMPLES / name))
        width, height = (float(root.get(side, "0").removesuffix("pt")) for side in ("width", "height"))
        scale = min((1683.8 - 56.7) / width, (1190.6 - 56.7) / height)
        smallest = min(float(t.get("font-size", "0")) for t in root.iter(f"{SVG}text"))
        assert smallest * scale >= 6.0, (name, smallest, scale)


def test_without_graphviz_dot_still_works_and_images_leave_their_source(tmp_path: Path) -> None:
    no_programs = tmp_path / "bin"
    no_programs.mkdir()
    env = {**os.environ, "PATH": str(no_programs)}

    def run(*arguments: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "cjm", "render", SOFA, *arguments],
            check=False,
            env=env,
            capture_output=True,
            timeout=120,
        )

    dot = run("--format", "dot", "-o", str(tmp_path / "map.dot"))
    assert dot.returncode == 0 and '\ngraph "sofa-click-and-collect" {' in (tmp_path / "map.dot").read_text(
        encoding="utf-8"
    )
    (tmp_path / "map.dot").unlink()
    png = run("-o", str(tmp_path / "map.png"))
    message = png.stderr.decode()
    assert png.returncode == 1 and "Traceback" not in message
    assert "'dot' program was not found" in message and "apt install graphviz" in message
    assert str(tmp_path / "map.dot") in message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin", "map.dot"]
    stdout = run("--format", "svg")
    assert stdout.returncode == 1 and b"--format dot" in stdout.stderr and stdout.stdout == b""
    folder = subprocess.run([sys.executable, "-m", "cjm", "render", str(EXAMPLES), "-f", "pdf", "-o", str(tmp_path / "maps")],
                            check=False, env=env, capture_output=True, timeout=120)  # fmt: skip
    assert folder.returncode == 1 and len(folder.stderr.decode().splitlines()) == 1
    assert sorted(p.name for p in (tmp_path / "maps").iterdir()) == sorted(f"{j}.dot" for j in JOURNEYS)


def _hostile(tmp_path: Path) -> str:
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE, encoding="utf-8")
    assert cjm("validate", str(path)).code == 0
    return str(path)


def test_hostile_names_survive_graphviz(tmp_path: Path) -> None:
    root = _svg(tmp_path, _hostile(tmp_path))
    assert {e.tag for e in root.iter()} & {f"{SVG}script", f"{SVG}foreignObject"} == set()
    text = "".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    squashed = "".join(text.split())  # the drawing wraps lines
    for fragment in ("<script>alert(1)</script>", "{braces}|pipe:", "🏠", "\\N", "]]>", "&amp;", "<imgsrc=x"):
        assert fragment in squashed, fragment
    assert "…" in text  # names longer than five lines are cut in the drawing, and whole in the tooltip
    tooltips = {a.get("{http://www.w3.org/1999/xlink}title") for a in root.iter(f"{SVG}a")}
    assert "<script>alert(1)</script> {braces} | pipe: colon; semi #x; 50% ñ 🏠" in tooltips
    assert "journey title section: keywords first \\N" in tooltips
    assert any(
        t and t.startswith("A name that goes on and on") and t.endswith("write them") for t in tooltips
    )


def test_hostile_names_are_escaped_in_html_and_markdown(tmp_path: Path) -> None:
    path = _hostile(tmp_path)
    page = cjm("render", path, "--format", "html").out
    assert {"script", "img", "b", "i"} & html_elements(page) == set()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "🏠" in page
    markdown = cjm("render", path, "--format", "markdown").out
    rows = [line for line in markdown.splitlines() if line.startswith("| ")]
    assert len({len(re.findall(r"(?<!\\)\|", row)) for row in rows}) == 1  # no cell broken by a pipe
    assert "<script>" not in markdown and "<img" not in markdown and "<b>" not in markdown


# Mermaid's journey lexer (mermaid-js/mermaid, user-journey/parser/journey.jison), rule for rule
# in its order; the first rule that matches wins. Mermaid first turns entities such as #58; into
# placeholders (encodeEntities), and turns them back into characters in the drawing.
_LEXER = [(re.compile(pattern, re.IGNORECASE), token) for pattern, token in (
    (r"%%(?!\{)[^\n]*", None), (r"[^}]%%[^\n]*", None), (r"[\n]+", "NEWLINE"), (r"\s+", None),
    (r"#[^\n]*", None), (r"journey", "journey"), (r"title\s[^#\n;]+", "title"),
    (r"accTitle\s*:\s*", "acc_title"), (r"accDescr\s*:\s*", "acc_descr"), (r"accDescr\s*\{\s*", "acc_descr_multiline"),
    (r"section\s[^#:\n;]+", "section"), (r"[^#:\n;]+", "taskName"), (r":[^#\n;]+", "taskData"), (r":", ":"), (r".", "INVALID"),
)]  # fmt: skip


def _mermaid_entities(text: str) -> str:
    text = re.sub(r"style.*:\S*#.*;", lambda m: m.group()[:-1], text)
    text = re.sub(r"classDef.*:\S*#.*;", lambda m: m.group()[:-1], text)
    return re.sub(
        r"#(\w+);",
        lambda m: f"\ufb02°°{m.group(1)}¶ß" if m.group(1).isdigit() else f"\ufb02°{m.group(1)}¶ß",
        text,
    )


def _decoded(text: str) -> str:
    return re.sub(r"\ufb02°°(\d+)¶ß", lambda m: chr(int(m.group(1))), text).strip()


def parse_mermaid_journey(source: str) -> dict[str, object]:
    text, position, tokens = _mermaid_entities(source), 0, []
    while position < len(text):
        for pattern, token in _LEXER:
            match = pattern.match(text, position)
            if match:
                break
        assert match and token != "INVALID", f"Mermaid cannot read {text[position : position + 40]!r}"
        if token and token != "NEWLINE":
            tokens.append((token, match.group()))
        position = match.end()
    assert tokens[0][0] == "journey", tokens[:2]
    title, sections, rest = None, [], tokens[1:]
    while rest:
        (kind, value), rest = rest[0], rest[1:]
        if kind == "title":
            title = _decoded(value[6:])
        elif kind == "section":
            sections.append((_decoded(value[8:]), []))
        else:
            assert kind == "taskName" and rest and rest[0][0] == "taskData", (kind, value, rest[:1])
            score, *actors = rest[0][1][1:].split(":")
            people = [_decoded(a) for a in actors[0].split(",")] if actors else []
            sections[-1][1].append((_decoded(value), int(score), people))
            rest = rest[1:]
    return {"title": title, "sections": sections}


def test_mermaid_reads_back_what_the_journey_says(tmp_path: Path) -> None:
    source = cjm("render", SOFA, "--format", "mermaid").out
    parsed = parse_mermaid_journey(source)
    view = _view(SOFA)
    assert parsed["title"] == "Buy a sofa online and collect it in store"
    assert [name for name, _ in parsed["sections"]] == [  # type: ignore[union-attr]
        f"{p.heading} · {s.stage.name}" for p in view.phases for s in p.stages
    ]
    assert parsed["sections"][0][0] == "Before purchase · Discover"  # type: ignore[index]
    tasks = [task for _, tasks in parsed["sections"] for task in tasks]  # type: ignore[union-attr]
    assert ("Buys on the laptop and picks click & collect", 2, ["Maya Chen"]) in tasks
    # one task per touchpoint, with all its personas; its score is their mean (5 and 4), rounded half up,
    # and each persona's own score is in a comment above it
    assert ("Sits on the sofa in the showroom", 5, ["Maya Chen", "Tom Baker"]) in tasks
    assert "%% Maya Chen: 5\n    %% Tom Baker: 4\n    Sits on the sofa in the showroom: 5:" in source
    assert len(tasks) == len([c for c in view.columns if c.points]) == 12
    only_tom = parse_mermaid_journey(cjm("render", SOFA, "--format", "mermaid", "--persona", "tom").out)
    assert {a for _, tasks in only_tom["sections"] for _, _, actors in tasks for a in actors} == {"Tom Baker"}  # type: ignore[union-attr]


def test_mermaid_keeps_hostile_names_whole(tmp_path: Path) -> None:
    output = cjm("render", _hostile(tmp_path), "--format", "mermaid").out
    parsed = parse_mermaid_journey(output)
    assert parsed["title"] == 'Title: with #hash; and 100% "quotes" <b>bold</b>'
    [(section, tasks)] = parsed["sections"]  # type: ignore[misc]
    assert section == "Before purchase · Stage: one # two; three `tick`"
    assert tasks[0] == (
        "<script>alert(1)</script> {braces} | pipe: colon; semi #x; 50% ñ 🏠",
        3,  # the mean of 1 and 4, rounded half up
        ['Ana, the "boss": <i>CEO</i> 🏠', "section Bo; %% not a comment"],
    )
    assert tasks[1][0] == "journey title section: keywords first \\N"
    assert "`" not in output  # cannot close a Markdown fence around it


def test_table_reads_at_80_and_at_200_columns() -> None:
    view = _view(SOFA)
    names = [c.touchpoint.name for c in view.columns]
    for width in (80, 200):
        table = render(view, "table", width=width)
        assert max(cell_len(line) for line in table.splitlines()) <= width
        words = " ".join(table.split())
        for name in names:
            assert all(word in words for word in name.split()), name
    wide = render(view, "table", width=200)
    assert all(name in wide for name in names)  # whole, on one line
    assert "Channel" in wide and "Improvements" in wide and "Notes" in render(view, "table", width=80)
    assert "▼ Moment of Pain" in wide and "★ Moment of Truth" in wide


def test_persona_shows_only_that_persona_path() -> None:
    result = cjm("render", SOFA, "--format", "table", "--persona", "tom")
    assert result.code == 0
    assert (
        "Collects the boxes at the store" in result.out and "Sees a room-makeover video ad" not in result.out
    )
    assert "Maya Chen" not in result.out.split("\n", 2)[2]
    unknown = cjm("render", SOFA, "--persona", "nobody")
    assert unknown.code == 2 and "persona 'nobody' is not in journey" in unknown.err


def test_html_is_a_self_contained_page_that_chromium_draws(tmp_path: Path) -> None:
    page = tmp_path / "map.html"
    assert cjm("render", "--catalog", CATALOG, str(EXAMPLES / "seguro-hogar.yaml"), "-o", str(page)).code == 0
    html = page.read_text(encoding="utf-8")
    assert {"svg", "polyline", "table", "style"} <= html_elements(html)
    assert "Content-Security-Policy" in html and "url(" not in html and " src=" not in html
    browser = chromium(tmp_path, "--dump-dom", page.as_uri())
    assert ":CONSOLE" not in browser.stderr  # nothing blocked, nothing failed
    dom = browser.stdout
    for text in (
        "Contratar un seguro de hogar online",
        "Ana Martínez",
        "Luis García",
        "Atracción",
        "Personas",
        "línea de visibilidad",
    ):
        assert text in dom
    screen = dom[: dom.index('<div class="sheets">')]  # the map again, cut into pages, follows for print
    assert screen.count('class="point"') == 20  # 17 touchpoints, three of them felt by two personas
    assert dom.count('class="detail') == 17 and dom.count('class="card"') == 3
    screenshot = tmp_path / "map.png"
    chromium(tmp_path, f"--screenshot={screenshot}", "--window-size=1400,1000", page.as_uri())
    data = screenshot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000  # a drawn page, not a blank one


def test_the_format_follows_the_output_name(tmp_path: Path) -> None:
    for name, start in (
        ("map.md", "# "),
        ("map.mmd", "journey"),
        ("map.dot", "// The journey map"),
        ("map.html", "<!DOCTYPE"),
    ):
        assert cjm("render", SOFA, "-o", str(tmp_path / name)).code == 0
        assert (tmp_path / name).read_text(encoding="utf-8").startswith(start)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "map.dot",
        "map.html",
        "map.md",
        "map.mmd",
    ]  # no temp files left
    unknown = cjm("render", SOFA, "-o", str(tmp_path / "map.docx"))
    assert unknown.code == 2 and "give --format" in unknown.err
    assert cjm("render", SOFA).out.startswith("# Buy a sofa")  # piped: Markdown


def test_refusals_are_one_line_and_touch_nothing(tmp_path: Path) -> None:
    journey = tmp_path / "journey.yaml"
    journey.write_bytes(Path(SOFA).read_bytes())
    before = journey.read_bytes()
    overwrite = cjm("render", str(journey), "--format", "markdown", "-o", str(journey))
    assert (
        overwrite.code == 2
        and "never writes over its input" in overwrite.err
        and journey.read_bytes() == before
    )
    binary = cjm("render", str(journey), "--format", "png")
    assert binary.code == 2 and "give -o FILE" in binary.err
    folder = cjm("render", str(tmp_path))
    assert folder.code == 2 and "give -o FOLDER" in folder.err
    (tmp_path / "copy.yaml").write_bytes(before)
    twice = cjm("render", str(tmp_path), "-o", str(tmp_path / "out"))
    assert (
        twice.code == 2
        and "CJM201 error: duplicate journey id 'sofa-click-and-collect'" in twice.err
        and not (tmp_path / "out").exists()
    )
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "bad.yaml").write_text("cjm: 1\nid: x\ntitle: T\nphases:\n\t- id: before\n", encoding="utf-8")
    failed = cjm_process("render", str(broken / "bad.yaml"))
    assert failed.returncode == 2 and b"Traceback" not in failed.stderr and b"bad.yaml:5:1" in failed.stderr


def _ends(edge: ET.Element) -> tuple[float, float]:
    """The x of an edge's two ends, left to right."""
    numbers = [float(n) for n in re.findall(r"-?[0-9.]+", next(edge.iter(f"{SVG}path")).get("d", ""))]
    return min(numbers[0::2]), max(numbers[0::2])


@pytest.mark.parametrize("journey", ["seguro-hogar.yaml", "ecommerce-omnichannel.yaml"])
def test_emotion_lines_never_cross_a_touchpoint_their_persona_skips(tmp_path: Path, journey: str) -> None:
    root = _svg(tmp_path, "--catalog", CATALOG, str(EXAMPLES / journey))
    groups = _by_id(root)
    view = _view(str(EXAMPLES / journey))
    centre = {}
    for column in view.columns:
        box = [
            float(n)
            for n in re.findall(
                r"-?[0-9.]+",
                next(groups[f"touchpoint.{column.touchpoint.id}"].iter(f"{SVG}polygon")).get("points", ""),
            )
        ]
        centre[column.touchpoint.id] = (min(box[0::2]) + max(box[0::2])) / 2
    for persona in view.personas:
        passes = [
            c.touchpoint.id
            for c in view.columns
            if any(p.persona == persona.id and p.emotion is not None for p in c.points)
        ]
        skipped = [centre[c.touchpoint.id] for c in view.columns if c.touchpoint.id not in passes]
        lines = [
            g
            for g in root.iter(f"{SVG}g")
            if g.get("class", "").split()[1:] in (["curve", persona.id], ["skip", persona.id])
        ]
        for line in lines:
            left, right = _ends(line)
            crosses = any(left < x < right for x in skipped)
            assert crosses == ("skip" in line.get("class", "")), (persona.id, left, right)
        # a marker at least 6 pt across at every point; the persona's name where its line ends
        for touchpoint in passes:
            shape = next(
                e
                for e in groups[f"point.{persona.id}.{touchpoint}"].iter()
                if e.tag in (f"{SVG}ellipse", f"{SVG}polygon")
            )
            if shape.tag == f"{SVG}ellipse":
                assert 2 * float(shape.get("rx", "0")) >= 6
            else:
                xs = [float(v.split(",")[0]) for v in shape.get("points", "").split()]
                assert max(xs) - min(xs) >= 6
        end = groups[f"end.{persona.id}"]
        assert persona.name in "".join(end.itertext())
        end_x = next(float(t.get("x", "0")) for t in end.iter(f"{SVG}text"))
        assert abs(end_x - centre[passes[-1]]) < 116


def test_the_map_as_json_follows_its_schema_and_the_map(tmp_path: Path) -> None:
    """One sheet without paper; lanes, phases, stages and touchpoints in the map's order with their
    cells; each persona's colour, marker and emotion over the touchpoints it passes."""
    import jsonschema

    data = json.loads(cjm("render", SOFA, "--format", "json").out)
    schema = json.loads(
        (Path(__file__).parent.parent / "schemas" / "map.schema.json").read_text(encoding="utf-8")
    )
    jsonschema.validate(data, schema)
    view = _view(SOFA)
    [sheet] = data["sheets"]
    assert sheet["paper"] is None
    assert [(lane["id"], lane["title"]) for lane in sheet["lanes"]] == [
        (lane.id, lane.title) for lane in view.lanes
    ]
    lines = {lane["id"]: lane["line_above"] for lane in sheet["lanes"] if lane["line_above"]}
    assert lines == {
        "frontstage": "line of interaction",
        "backstage": "line of visibility",
        "support": "line of internal interaction",
    }
    touchpoints = [
        tp for phase in sheet["phases"] for stage in phase["stages"] for tp in stage["touchpoints"]
    ]
    assert [tp["id"] for tp in touchpoints] == [c.touchpoint.id for c in view.columns]
    checkout = next(tp for tp in touchpoints if tp["id"] == "laptop-checkout")
    assert checkout["pain"] == ["maya"] and checkout["truth"]
    assert {"text": "• Order management system", "style": ""} in checkout["cells"]["support"]
    assert sheet["phases"][0]["title"] == "Before purchase"
    maya, tom = data["personas"]
    assert (maya["id"], maya["marker"], tom["marker"]) == ("maya", "circle", "square")
    assert maya["colour"].startswith("#") and maya["colour"] != tom["colour"]
    assert [p["touchpoint"] for p in tom["emotions"]][:2] == ["tells-tom", "store-visit"]
    assert {"touchpoint": "store-pickup", "emotion": -2, "expected": 1} in tom["emotions"]
    assert "Goals: Have the sofa assembled by Saturday lunch" in [f["text"] for f in tom["facts"]]
    spanish = json.loads(
        cjm("render", str(EXAMPLES / "seguro-hogar.yaml"), "--format", "json", "--catalog", CATALOG).out
    )
    assert "línea de visibilidad" in [lane["line_above"] for lane in spanish["sheets"][0]["lanes"]]
