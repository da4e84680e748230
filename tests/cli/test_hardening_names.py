"""A title or name the map draws must hold something to draw."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLES, cjm

SOFA = (EXAMPLES / "ecommerce-omnichannel.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("blank", ['""', '" "', "'\t'"])
@pytest.mark.parametrize(
    ("field", "line_of"),
    [("title", "title: "), ("persona name", "    name: "), ("stage name", "        name: "),
     ("touchpoint name", "            name: ")],
)  # fmt: skip
def test_a_blank_title_or_name_is_cjm101_where_it_is_written(
    tmp_path: Path, blank: str, field: str, line_of: str
) -> None:
    lines = SOFA.splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith(line_of))
    lines[index] = line_of + blank + "\n"
    path = tmp_path / "sofa.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    result = cjm("validate", str(path))
    assert result.code == 1, result
    assert f"{path}:{index + 1}:" in result.out and "CJM101" in result.out and "blank" in result.out
    rendered = cjm("render", str(path), "-f", "dot")
    assert rendered.code != 0 and "Traceback" not in rendered.err
