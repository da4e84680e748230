"""The analysis decides facts, not words: it reads nothing of the outputs, and a folder drawn in
any language is analysed once per journey."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, cjm

ANALYSE = importlib.import_module("cjm.analysis.analyse")  # the module, which the function shadows


def test_the_analysis_imports_no_words_and_no_output() -> None:
    code = (
        "import sys, cjm.analysis; "
        "print(sorted({m.split('.')[1] for m in sys.modules if m.startswith('cjm.') and m.count('.') >= 1}))"
    )
    loaded = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                       check=True).stdout.replace("'", '"'))  # fmt: skip
    assert set(loaded) & {"present", "report", "render", "diff", "measure", "lint", "exchange"} == set()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_folder_render_analyses_each_journey_once(
    tmp_path: Path, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    curves = []
    drawn = ANALYSE.experience_curve
    monkeypatch.setattr(ANALYSE, "experience_curve", lambda *a: curves.append(a) or drawn(*a))
    folder = tmp_path / "maps"
    folder.mkdir()
    for example in ("ecommerce-omnichannel.yaml", "b2b-payroll-onboarding.yaml"):
        (folder / example).write_text((EXAMPLES / example).read_text(encoding="utf-8"), encoding="utf-8")
    result = cjm("render", str(folder), "-o", str(tmp_path / "site"), "--lang", lang)
    assert result.code == 0, result
    assert len(curves) == 2 and (tmp_path / "site" / "index.html").exists()
