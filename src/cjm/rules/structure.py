"""Rules of the file itself (CJM100 to CJM103): is it readable, and is it shaped like the format?

These are reported while a file is read (`cjm.project.document`, which words them), before any
other rule: a file that is not readable YAML or has an unsupported version is not checked further.
"""

from __future__ import annotations

from cjm.findings import Severity
from cjm.rules import file_rule

file_rule(
    "CJM100",
    "unreadable-yaml",
    Severity.ERROR,
    """
    The file is not readable as YAML.

    A syntax error, a tab used for indentation, a duplicate key, bytes that are not UTF-8,
    several YAML documents in one file, nesting deeper than 100 levels, a tag other than YAML's
    own, or aliases that expand past 100,000 nodes (an "alias bomb"). The finding points at the
    place the reader stopped. No other rule runs on the file.
    """,
)

file_rule(
    "CJM101",
    "invalid-value",
    Severity.ERROR,
    """
    A required field is missing, or a value has the wrong type or range.

    Required: `cjm`, `id`, `title` and `phases` in a journey; `id` and `stages` in a phase;
    `id`, `name` and `touchpoints` in a stage; `id`, `name` and `channel` in a touchpoint; `id`
    and `name` in a persona, team or channel; `text` in an improvement; `name` in a metric. Ids
    are slugs (lowercase letters, digits, `-` and `_`). Emotions are whole numbers from -2 to 2
    or their words. An empty file, or one whose top level is not a mapping, is reported at
    line 1. A missing field is reported at the first key of the mapping that lacks it.
    """,
)

file_rule(
    "CJM102",
    "unknown-field",
    Severity.ERROR,
    """
    A field that the format does not define.

    Usually a typo or a field written in Spanish: the message suggests the closest field
    (`emocion` → `emotion`, `canal` → `channel`). The rest of the object is still checked.
    """,
)

file_rule(
    "CJM103",
    "unsupported-version",
    Severity.ERROR,
    """
    The file's format version (`cjm:`) is not one this cjm supports.

    This cjm reads version 1. A newer number means the file was written for a newer cjm:
    upgrade it. No other rule runs on the file.
    """,
)
