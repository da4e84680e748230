"""A journey written out as a YAML file people keep editing: the format's key order, short lists
and emotions per persona on one line, metrics as one-line mappings."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from cjm.model import Journey

_FLOW_MAPPINGS = {"emotion", "expected_emotion", "where"}
_FLOW_ITEMS = {"metrics", "history"}
_SHORT = 70


def _clean(value: Any) -> Any:
    """The dump without what is empty or left at its default where the format says so."""
    if isinstance(value, dict):
        kept = {k: _clean(v) for k, v in value.items() if v is not None and v != [] and v != {}}
        if set(kept) >= {"text", "status"} and kept["status"] == "proposed":
            del kept["status"]  # an improvement's default
        if kept.get("higher_is_better") is True and "name" in kept:
            del kept["higher_is_better"]  # a metric's default
        return kept
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _short(items: list[Any]) -> bool:
    scalars = all(isinstance(i, (str, int, float)) and "\n" not in str(i) for i in items)
    return scalars and sum(len(str(i)) + 2 for i in items) <= _SHORT


def _scalars(mapping: dict[str, Any]) -> bool:
    return all(isinstance(v, (str, int, float, bool)) and "\n" not in str(v) for v in mapping.values())


def _styled(value: Any, key: str | None = None, flow: bool = False) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        styled = CommentedMap((k, _styled(v, k)) for k, v in value.items())
        if flow or (key in _FLOW_MAPPINGS and _scalars(value)):
            styled.fa.set_flow_style()
        return styled
    if isinstance(value, list):
        if key in ("improvements",):
            value = [i["text"] if isinstance(i, dict) and list(i) == ["text"] else i for i in value]
        items = CommentedSeq(
            _styled(v, None, key in _FLOW_ITEMS and isinstance(v, dict) and _scalars(v)) for v in value
        )
        if value and _short(value):
            items.fa.set_flow_style()
        return items
    return value


def journey_yaml(
    journey: Journey, header: list[str], touchpoint_comments: Callable[[Any], None] | None = None
) -> str:
    """The journey as YAML text; `touchpoint_comments` may add comments to each touchpoint's mapping."""
    from ruamel.yaml import YAML

    dumped = _clean(journey.model_dump(warnings=False))
    dumped = {"cjm": dumped.pop("cjm"), "kind": dumped.pop("kind"), **dumped}
    styled = _styled(dumped)
    if touchpoint_comments is not None:
        for phase in styled["phases"]:
            for stage in phase["stages"]:
                for touchpoint in stage.get("touchpoints", []):
                    touchpoint_comments(touchpoint)
    styled.yaml_set_start_comment("\n".join(header))
    yaml = YAML(typ="rt")
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    yaml.dump(styled, out)
    return out.getvalue()
