"""Every figure a map may hold is written by every output: no crash on a large value, target or
history, and a figure too large to keep is CJM101 at validate, where CI sees it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLES, cjm

ECOMMERCE = (EXAMPLES / "ecommerce-omnichannel.yaml").read_text(encoding="utf-8")
METRIC = "value: 6.1, target: 5,"


def _journey(tmp_path: Path, value: str, target: str) -> Path:
    assert METRIC in ECOMMERCE
    path = tmp_path / "huge.yaml"
    path.write_text(ECOMMERCE.replace(METRIC, f"value: {value}, target: {target},"), encoding="utf-8")
    return path


def _strict_json(text: str) -> object:
    def refuse(constant: str) -> object:
        raise AssertionError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


COMMANDS = [
    ["report"], ["report", "--format", "markdown"], ["report", "--format", "html"], ["report", "--format", "json"],
    ["render", "--format", "table"], ["render", "--format", "markdown"], ["render", "--format", "html"],
    ["render", "--format", "json"], ["render", "--format", "mermaid"], ["render", "--format", "dot"],
]  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
@pytest.mark.parametrize(("value", "target"), [("1.0e15", "-1.0e15"), ("-999999999999999", "1e15")])
def test_the_largest_figures_are_written_by_every_output(
    tmp_path: Path, command: list[str], value: str, target: str
) -> None:
    path = _journey(tmp_path, value, target)
    result = cjm(*command, str(path), "--lang", "es")
    assert result.code == 0, result
    if "json" in command:
        _strict_json(result.out)


@pytest.mark.parametrize("output_format", ["text", "markdown", "json"])
def test_a_diff_to_the_largest_figures_is_written(tmp_path: Path, output_format: str) -> None:
    path = _journey(tmp_path, "1.0e15", "-1.0e15")
    result = cjm("diff", str(EXAMPLES / "ecommerce-omnichannel.yaml"), str(path), "--format", output_format)
    assert result.code == 0, result
    if output_format == "json":
        _strict_json(result.out)


@pytest.mark.parametrize(
    ("value", "target"), [("1.0e22", "5"), ("1.0e308", "-1.0e308"), ("5", "10000000000000001")]
)
def test_a_figure_too_large_to_keep_is_cjm101(tmp_path: Path, value: str, target: str) -> None:
    path = _journey(tmp_path, value, target)
    result = cjm("validate", str(path))
    assert result.code == 1
    assert (
        "CJM101 error: 'value' in metric 'Add-to-cart rate' must be a finite number from -1e15 to 1e15"
        in result.out
        or (
            "CJM101 error: 'target' in metric 'Add-to-cart rate' must be a finite number from -1e15 to 1e15"
            in result.out
        )
    )
    refused = cjm("report", str(path))
    assert refused.code == 2 and "Traceback" not in refused.err
