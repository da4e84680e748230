"""YAML written back in the file's own style: the one round trip that `cjm measure` (its
write-back) and `cjm edit` (typed operations) edit journey files with.

Quotes are kept, no line is re-wrapped, and mappings and sequences are indented as the file
indents them, so that only the edited lines change.
"""

from __future__ import annotations

import datetime
import itertools
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.util import load_yaml_guess_indent


def round_trip(text: str) -> YAML:
    """A round-trip parser and writer for `text` that keeps quotes, never re-wraps a line, and
    indents as the file does."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1 << 16  # never re-wrap a line
    _, sequence, offset = load_yaml_guess_indent(text)  # a sequence item's content, and its dash
    offset = offset or 0
    yaml.indent(mapping=_mapping_indent(text), sequence=max(sequence or 2, offset + 2), offset=offset)
    return yaml


def indent_of(line: str) -> int:
    """The spaces a line starts with."""
    return len(line) - len(line.lstrip(" "))


def is_blank(line: str) -> bool:
    """A line with nothing but spaces or a comment."""
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def plain_data(data: Any) -> Any:
    """YAML data as plain values, dates as text: to compare two texts' meaning."""
    if isinstance(data, dict):
        return {str(k): plain_data(v) for k, v in data.items()}
    if isinstance(data, list):
        return [plain_data(v) for v in data]
    if isinstance(data, (datetime.date, datetime.datetime)):
        return data.isoformat()
    return data


def _mapping_indent(text: str) -> int:
    """How far the file indents a mapping inside a mapping (2 unless it says otherwise)."""
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    for line, following in itertools.pairwise(lines):
        stripped = line.strip()
        if stripped.endswith(":") and not stripped.startswith("-") and not following.lstrip().startswith("-"):
            step = indent_of(following) - indent_of(line)
            if step > 0:
                return step
    return 2
