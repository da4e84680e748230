"""The README shows what cjm does: its first example is what `cjm validate examples/` prints,
and its set-up works on a system that refuses a bare `pip install` (PEP 668)."""

from __future__ import annotations

from conftest import ROOT, cjm

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_first_console_block_is_what_validate_prints_on_the_examples() -> None:
    block = README.split("```console\n", 1)[1].split("```", 1)[0]
    command, *shown = block.splitlines()
    assert command == "$ cjm validate examples/"
    # a review date that passes (CJM312) is the map's news, not the README's
    printed = cjm("validate", "examples/", "--ignore", "CJM312", cwd=ROOT).out.splitlines()
    assert shown == printed


def test_the_set_up_makes_a_virtual_environment_first() -> None:
    set_up = README.split("## Set-up", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    assert set_up.startswith("python3 -m venv .venv && . .venv/bin/activate")
