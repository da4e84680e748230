"""Every rule, on fixtures that say what they expect on the offending line.

In `tests/cases/`, a case is a file or a folder. A line ending in `# expect: CJM302@13` must get a
finding of that code at that line and column; nothing else may be found. `# select: CODES`
limits the rules a case runs, `# today: YYYY-MM-DD` fixes the day dates are judged against,
`# near-misses: CODES` names the rules an `ok-*` case exercises
without triggering them.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from conftest import CASES

from cjm.config import Config, rule_codes
from cjm.project import load_project
from cjm.project.check import check
from cjm.rules import all_rules

EXPECT = re.compile(r"#\s*expect:\s*(.+)$")
SELECT = re.compile(r"^#\s*select:\s*(.+)$", re.MULTILINE)
NEAR_MISSES = re.compile(r"^#\s*near-misses:\s*(.+)$", re.MULTILINE)
TODAY = re.compile(r"^#\s*today:\s*(\S+)$", re.MULTILINE)
CASE_PATHS = sorted(CASES.iterdir())


def files_of(case: Path) -> list[Path]:
    return sorted(case.rglob("*.yaml")) if case.is_dir() else [case]


def expectations(case: Path) -> Counter[tuple[str, int, int, str]]:
    expected: Counter[tuple[str, int, int, str]] = Counter()
    for file in files_of(case):
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
            match = EXPECT.search(line)
            for token in match.group(1).split() if match else []:
                code, column = token.split("@")
                expected[(file.name, number, int(column), code)] += 1
    return expected


def header(case: Path, pattern: re.Pattern[str]) -> set[str]:
    found: set[str] = set()
    for file in files_of(case):
        for match in pattern.finditer(file.read_text(encoding="utf-8")):
            found |= set(match.group(1).split())
    return found


@pytest.mark.parametrize("case", CASE_PATHS, ids=lambda p: p.name)
def test_case_finds_exactly_what_it_expects(case: Path) -> None:
    select = header(case, SELECT)
    today = header(case, TODAY)  # the day the rules judge dates against, so that cases do not age
    config = Config(
        select=rule_codes(select, "test") if select else None,
        today=date.fromisoformat(today.pop()) if today else None,
    )
    result = check(load_project([str(case)], config))
    found = Counter((Path(f.path).name, f.line, f.column, f.code) for f in result.findings)
    assert found == expectations(case), "\n".join(
        f"{f.path}:{f.line}:{f.column}: {f.code} {f.message}" for f in result.findings
    )


def test_every_rule_has_a_case_that_triggers_it_and_one_that_just_misses() -> None:
    triggered = {code for case in CASE_PATHS for (_, _, _, code) in expectations(case)}
    missed = {
        code for case in CASE_PATHS if case.name.startswith("ok-") for code in header(case, NEAR_MISSES)
    }
    codes = {rule.code for rule in all_rules()}
    assert codes - triggered == set()
    assert codes - missed - {"CJM309"} <= {"CJM301", "CJM302", "CJM102", "CJM103"}  # ok-complete covers these
    assert not any(expectations(case) for case in CASE_PATHS if case.name.startswith("ok-"))
