"""`cjm edit`: typed operations on a journey, all or none, every untouched byte kept."""

from __future__ import annotations

import difflib
import json
import os
import shutil
import stat
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, cjm
from ruamel.yaml import YAML

from cjm.edit.ops import parse_ops
from cjm.edit.run import ChangedOnDisk, prepare

BLOCK = """\
# A journey written in block style, with comments everywhere.
cjm: 1
id: j
title: T   # the title
personas: [{id: ana, name: Ana, needs: [x]}, {id: luis, name: Luis, needs: [y]}]
teams: [{id: ventas, name: Ventas}]
phases:
  - id: before
    stages:
      - id: s1
        name: S1
        touchpoints:
          # the first touchpoint
          - id: a
            name: A   # kept
            channel: web
            owner: ventas
            emotion: 1

          # the second one
          - id: b
            name: B
            channel: email
            owner: ventas
            emotion: -1
            improvements:
              - text: Fix B
      - id: s2
        name: S2
        touchpoints:
          - id: c
            name: C
            channel: phone
            owner: ventas
"""

FLOW = """\
cjm: 1
id: j
title: T
personas: [{id: ana, name: Ana, needs: [x]}, {id: luis, name: Luis, needs: [y]}]
teams: [{id: ventas, name: Ventas}]
phases:
  - id: before
    stages:
      - id: s1
        name: S1
        touchpoints:
          - {id: a, name: A, channel: web, owner: ventas, emotion: 1}  # flow a
          - {id: b, name: B, channel: email, owner: ventas, emotion: -1, improvements: [Fix B]}
      - id: s2
        name: S2
        touchpoints: [{id: c, name: C, channel: phone, owner: ventas}]
"""


def _edit(tmp_path: Path, text: str, ops: list[dict[str, Any]], *args: str) -> tuple[Any, Path]:
    journey = tmp_path / "j.yaml"
    if not journey.exists():
        journey.write_text(text, encoding="utf-8")
    (tmp_path / "ops.json").write_text(json.dumps(ops, indent=1), encoding="utf-8")
    return cjm("edit", "j.yaml", "--ops", "ops.json", *args, cwd=tmp_path), journey


def _data(path: Path) -> Any:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def _touchpoints(data: Any) -> dict[str, list[str]]:
    return {s["id"]: [t["id"] for t in s["touchpoints"]] for p in data["phases"] for s in p["stages"]}


OPS_AND_CHECKS = [
    (
        {"op": "add_touchpoint", "stage": "s1", "after": "a",
         "touchpoint": {"id": "n", "name": "N", "channel": "web", "owner": "ventas", "personas": ["ana"]}},
        lambda d: _touchpoints(d)["s1"] == ["a", "n", "b"] and d["phases"][0]["stages"][0]["touchpoints"][1]["personas"] == ["ana"],
    ),
    (
        {"op": "update_touchpoint", "touchpoint": "b", "set": {"name": "B2", "moment": "pain"}, "unset": ["emotion"]},
        lambda d: (t := d["phases"][0]["stages"][0]["touchpoints"][1])["name"] == "B2" and "emotion" not in t and t["moment"] == "pain",
    ),
    ({"op": "remove_touchpoint", "touchpoint": "a"}, lambda d: _touchpoints(d)["s1"] == ["b"]),
    ({"op": "move_touchpoint", "touchpoint": "a", "stage": "s2"}, lambda d: _touchpoints(d) == {"s1": ["b"], "s2": ["c", "a"]}),
    ({"op": "move_touchpoint", "touchpoint": "c", "stage": "s1", "after": "a"}, lambda d: _touchpoints(d) == {"s1": ["a", "c", "b"], "s2": []}),
    (
        {"op": "add_stage", "phase": "before", "after": "s1", "stage": {"id": "s3", "name": "S3"}},
        lambda d: list(_touchpoints(d)) == ["s1", "s3", "s2"],
    ),
    ({"op": "update_stage", "stage": "s2", "set": {"scenario": "Llama al banco"}}, lambda d: d["phases"][0]["stages"][1]["scenario"] == "Llama al banco"),
    ({"op": "remove_stage", "stage": "s2", "cascade": True}, lambda d: list(_touchpoints(d)) == ["s1"]),
    (
        {"op": "add_improvement", "touchpoint": "b", "improvement": {"text": "Llamar antes", "status": "planned"}},
        lambda d: d["phases"][0]["stages"][0]["touchpoints"][1]["improvements"][-1] == {"text": "Llamar antes", "status": "planned"},
    ),
    (
        {"op": "add_improvement", "touchpoint": "a", "improvement": "Otra"},
        lambda d: d["phases"][0]["stages"][0]["touchpoints"][0]["improvements"] == ["Otra"],
    ),
    ({"op": "set_emotion", "touchpoint": "a", "value": "muy-negativo"}, lambda d: d["phases"][0]["stages"][0]["touchpoints"][0]["emotion"] == "muy-negativo"),
    ({"op": "set_emotion", "touchpoint": "a", "persona": "luis", "value": 2}, lambda d: d["phases"][0]["stages"][0]["touchpoints"][0]["emotion"] == {"ana": 1, "luis": 2}),
    (
        {"op": "set_journey", "set": {"status": "review", "review_by": "2030-01-31", "description": "Del anuncio a la firma"}},
        lambda d: (d["status"], str(d["review_by"]), d["description"]) == ("review", "2030-01-31", "Del anuncio a la firma"),
    ),
]  # fmt: skip


@pytest.mark.parametrize("style", ["block", "flow"])
@pytest.mark.parametrize(
    ("op", "check"), OPS_AND_CHECKS, ids=[o["op"] + str(i) for i, (o, _) in enumerate(OPS_AND_CHECKS)]
)
def test_every_operation_in_block_and_flow_files(
    tmp_path: Path, style: str, op: dict[str, Any], check: Any
) -> None:
    text = BLOCK if style == "block" else FLOW
    result, journey = _edit(tmp_path, text, [op])
    assert result.code == 0, result
    assert check(_data(journey))
    assert cjm("validate", "j.yaml", cwd=tmp_path).code == 0
    edited = journey.read_text(encoding="utf-8")
    kept_comments = [
        line for line in text.splitlines() if "#" in line and "- id: a" not in line and "{id: a" not in line
    ]
    if op["op"] not in ("remove_touchpoint", "move_touchpoint", "remove_stage"):
        assert all(line.split("#")[1] in edited for line in kept_comments)
    if style == "flow" and op["op"] == "add_touchpoint":
        assert "  - {id: n, name: N, channel: web, owner: ventas, personas: [ana]}\n" in edited


def test_an_update_keeps_the_comments_and_bytes_of_the_touchpoint_and_of_the_rest(tmp_path: Path) -> None:
    result, journey = _edit(
        tmp_path, BLOCK, [{"op": "update_touchpoint", "touchpoint": "a", "set": {"emotion": -2}}]
    )
    assert result.code == 0, result
    assert journey.read_text(encoding="utf-8") == BLOCK.replace(
        "            emotion: 1\n", "            emotion: -2\n"
    )


def test_an_added_touchpoint_changes_nothing_else_and_follows_the_spacing(tmp_path: Path) -> None:
    op = {
        "op": "add_touchpoint",
        "stage": "s1",
        "touchpoint": {"id": "n", "name": "N", "channel": "web", "owner": "ventas"},
    }
    result, journey = _edit(tmp_path, BLOCK, [op])
    assert result.code == 0, result
    added = "\n          - id: n\n            name: N\n            channel: web\n            owner: ventas\n"
    assert journey.read_text(encoding="utf-8") == BLOCK.replace(
        "              - text: Fix B\n", "              - text: Fix B\n" + added
    )


def test_the_examples_keep_every_line_outside_the_edit(tmp_path: Path) -> None:
    for name in ("seguro-hogar.yaml", "catalogo-seguros.yaml"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    original = (tmp_path / "seguro-hogar.yaml").read_text(encoding="utf-8")
    ops = [
        {"op": "add_touchpoint", "stage": "atraccion", "after": "anuncio-instagram",
         "touchpoint": {"id": "comparador", "name": "Compara precios", "channel": "web", "owner": "marketing", "personas": ["ana"]}},
        {"op": "add_improvement", "touchpoint": "comparador", "improvement": "Aparecer en los comparadores"},
    ]  # fmt: skip
    (tmp_path / "ops.json").write_text(json.dumps(ops), encoding="utf-8")
    result = cjm("edit", "seguro-hogar.yaml", "--ops", "ops.json", "--format", "json", cwd=tmp_path)
    assert result.code == 0, result
    outcome = json.loads(result.out)
    assert outcome["written"] is True
    changes = outcome["diff"]["journeys"][0]["changes"]
    assert any(c["kind"] == "added" and c["path"][-1] == "comparador" for c in changes)
    edited = (tmp_path / "seguro-hogar.yaml").read_text(encoding="utf-8")
    matcher = difflib.SequenceMatcher(None, original.splitlines(), edited.splitlines(), autojunk=False)
    assert {op for op, *_ in matcher.get_opcodes()} == {"equal", "insert"}  # not a byte of the rest changed
    new_lines = [
        line
        for op, _, _, j1, j2 in matcher.get_opcodes()
        if op == "insert"
        for line in edited.splitlines()[j1:j2]
    ]
    assert new_lines == [
        "",  # the map parts its touchpoints with a blank line
        "          - id: comparador", "            name: Compara precios", "            channel: web",
        "            owner: marketing", "            personas: [ana]", "            improvements:",
        "              - Aparecer en los comparadores",
    ]  # fmt: skip
    assert cjm("validate", "seguro-hogar.yaml", cwd=tmp_path).code == 0


def test_all_or_nothing_each_problem_with_its_operation_and_field(tmp_path: Path) -> None:
    ops = [
        {"op": "set_journey", "set": {"title": "Nuevo"}},
        {
            "op": "add_touchpoint",
            "stage": "s1",
            "touchpoint": {"id": "n", "name": "N", "channel": "web", "owner": "nadie"},
        },
    ]
    result, journey = _edit(tmp_path, BLOCK, ops)
    assert result.code == 2 and journey.read_text(encoding="utf-8") == BLOCK
    assert (
        "ops.json:" in result.err and "op 1: phases[0].stages[0].touchpoints[2].owner: CJM204" in result.err
    )
    assert "nothing was written" in result.err


@pytest.mark.parametrize(
    ("op", "said"),
    [
        ({"op": "update_touchpoint", "touchpoint": "a", "set": {"emotion": 7}}, "ops.json:6:15: op 0: set.emotion: an emotion is"),
        ({"op": "update_touchpoint", "touchpoint": "zz", "set": {"name": "Z"}}, "op 0: touchpoint: no touchpoint 'zz'"),
        ({"op": "remove_stage", "stage": "s1"}, "holds touchpoints (a, b)"),
        ({"op": "add_touchpont", "stage": "s1"}, "did you mean 'add_touchpoint'"),
        ({"op": "update_stage", "stage": "s1", "set": {"id": "x"}}, "op 0: set.id: an id is how"),
        ({"op": "add_touchpoint", "stage": "s1", "after": "c", "touchpoint": {"id": "n", "name": "N", "channel": "web"}}, "no touchpoint 'c' in stage 's1'"),
        ({"op": "add_touchpoint", "stage": "s1", "touchpoint": {"id": "a", "name": "N", "channel": "web"}}, "has a touchpoint 'a' already"),
        ({"op": "add_stage", "phase": "after", "stage": {"id": "x", "name": "X"}}, "has no phase 'after'"),
        ({"op": "add_touchpoint", "stage": "s1", "touchpoint": {"id": "n", "name": "N", "channel": "web", "colour": 1}}, "touchpoint.colour: unknown field"),
    ],
)  # fmt: skip
def test_a_refused_operation_says_why_and_writes_nothing(
    tmp_path: Path, op: dict[str, Any], said: str
) -> None:
    result, journey = _edit(tmp_path, BLOCK, [op])
    assert result.code == 2, result
    assert said in result.err and "Traceback" not in result.err
    assert journey.read_text(encoding="utf-8") == BLOCK


def test_operations_that_are_not_json_or_not_a_list(tmp_path: Path) -> None:
    (tmp_path / "j.yaml").write_text(BLOCK, encoding="utf-8")
    assert "not JSON" in cjm("edit", "j.yaml", "--ops", "-", input="[{", cwd=tmp_path).err
    assert "give a list of operations" in cjm("edit", "j.yaml", "--ops", "-", input="{}", cwd=tmp_path).err
    assert "no such file" in cjm("edit", "j.yaml", "--ops", "nothing.json", cwd=tmp_path).err.lower()


def test_dry_run_prints_the_unified_diff_and_writes_nothing(tmp_path: Path) -> None:
    result, journey = _edit(
        tmp_path, BLOCK, [{"op": "set_emotion", "touchpoint": "a", "value": 2}], "--dry-run"
    )
    assert result.code == 0, result
    assert "-            emotion: 1\n+            emotion: 2\n" in result.out and "would change" in result.out
    assert journey.read_text(encoding="utf-8") == BLOCK


def test_the_write_keeps_the_mode_and_refuses_a_file_changed_on_disk(tmp_path: Path) -> None:
    journey = tmp_path / "j.yaml"
    journey.write_text(BLOCK, encoding="utf-8")
    os.chmod(journey, 0o640)
    result, _ = _edit(tmp_path, BLOCK, [{"op": "set_emotion", "touchpoint": "a", "value": 0}])
    assert result.code == 0 and stat.S_IMODE(journey.stat().st_mode) == 0o640
    planned = prepare(str(journey), parse_ops([{"op": "set_emotion", "touchpoint": "a", "value": 2}]))
    journey.write_text(BLOCK.replace("title: T", "title: Changed"), encoding="utf-8")  # someone else's save
    with pytest.raises(ChangedOnDisk):
        planned.write()
    assert "title: Changed" in journey.read_text(encoding="utf-8") and not list(tmp_path.glob(".j.yaml.*"))


def test_json_output_names_the_findings_and_the_change(tmp_path: Path) -> None:
    result, _ = _edit(
        tmp_path,
        BLOCK,
        [{"op": "update_touchpoint", "touchpoint": "a", "unset": ["owner"]}],
        "--format",
        "json",
    )
    assert result.code == 0, result
    outcome = json.loads(result.out)
    assert [f["code"] for f in outcome["findings"] if f["new"]] == ["CJM302"]
    assert outcome["diff"]["journeys"][0]["changes"][0]["field"] == "owner"
