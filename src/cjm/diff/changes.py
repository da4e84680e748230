"""What a diff finds: the kinds of change, each change, and each journey's changes.

Plain data, language-free: `compare` makes it, the outputs word it. The kinds are a closed set
defined here once; JSON writes them as their values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

Level = Literal["better", "worse", "neutral"]
"""Whether the customer is better off, worse off, or neither."""

FailOn = Literal["regression", "any"]
"""What `--fail-on` fails on: a regression, or any change."""


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    RENAMED = "renamed"
    MOVED = "moved"  # a stage to another phase, a touchpoint to another stage
    CHANGED = "changed"  # a field
    IMPROVED = "improved"  # a persona's emotion, or a metric's value, moved the way the customer wants
    REGRESSED = "regressed"  # a persona's emotion went down
    WORSENED = "worsened"  # a metric's value moved the way the customer does not want
    NEW_PAIN = "new-pain"  # a Moment of Pain appeared
    PAIN_GONE = "pain-gone"  # a Moment of Pain went away
    METRIC_STATUS = "metric-status"  # a metric against its target: met, below...
    IMPROVEMENT_STATUS = "improvement-status"  # proposed, planned, in progress, done


@dataclass(frozen=True)
class Change:
    """One difference, with where it is (a path of ids) and whether the customer is better off.

    `names` is what people call each step of `path` (with the id where two things of a kind share
    a name); `old_name` and `new_name` name the values when they are ids (a channel, an owner).
    """

    kind: ChangeKind
    path: tuple[str, ...]
    field: str | None = None
    old: Any = None
    new: Any = None
    level: Level = "neutral"
    names: tuple[str, ...] = ()
    old_name: Any = None
    new_name: Any = None

    @property
    def delta(self) -> float | None:
        if (
            isinstance(self.old, (int, float))
            and isinstance(self.new, (int, float))
            and not isinstance(self.old, bool)
            and not isinstance(self.new, bool)
        ):
            return round(self.new - self.old, 6)
        return None


@dataclass(frozen=True)
class AverageChange:
    id: str
    name: str
    old: float | None
    new: float | None


@dataclass
class JourneyDiff:
    """One state of one journey (its id and `state`) on both sides."""

    journey: str
    old_path: str | None
    new_path: str | None
    changes: list[Change] = field(default_factory=list)
    stages: list[AverageChange] = field(default_factory=list)
    phases: list[AverageChange] = field(default_factory=list)
    old_average: float | None = None
    new_average: float | None = None
    title: str = ""
    lang: str = "en"  # of the labels the human formats write
    state: str = "current"  # of the new side, or of the old one when the journey went away

    @property
    def improved(self) -> list[str]:
        """Touchpoints where some persona feels better and none worse."""
        better = {c.path[-2] for c in self.changes if c.kind is ChangeKind.IMPROVED and c.field == "emotion"}
        return sorted(better - set(self.regressed))

    @property
    def headline(self) -> str:
        """How people call the journey: its title."""
        return self.title or self.journey

    @property
    def regressed(self) -> list[str]:
        return sorted({c.path[-2] for c in self.changes if c.kind is ChangeKind.REGRESSED})

    @property
    def regressions(self) -> list[Change]:
        """What `--fail-on regression` fails on: worse emotions, new pains, metric values that
        worsened, metrics that fell below their target."""
        return [
            c
            for c in self.changes
            if c.kind in (ChangeKind.REGRESSED, ChangeKind.NEW_PAIN, ChangeKind.WORSENED)
            or (c.kind is ChangeKind.METRIC_STATUS and c.old == "met" and c.new == "below")
        ]


@dataclass
class Comparison:
    """Every journey diffed, and the files of the working tree both sides read (which no output
    may be written over)."""

    diffs: list[JourneyDiff]
    inputs: list[str] = field(default_factory=list)

    def fails(self, fail_on: FailOn | None) -> bool:
        """Whether `--fail-on` fails: on a regression, or on any change, in any journey."""
        if fail_on == "any":
            return any(d.changes for d in self.diffs)
        if fail_on == "regression":
            return any(d.regressions for d in self.diffs)
        return False
