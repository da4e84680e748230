"""Metrics over time: whether a metric meets its target, and whether its figure is still recent.

Both need a value that someone keeps current, by hand or with `cjm measure`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from cjm.findings import Problem, Severity
from cjm.model import Journey
from cjm.rules import Context, rule
from cjm.scope import JourneyScope


@rule("CJM311", "metric-misses-target", Severity.OFF, "journey")
def metric_misses_target(journey: Journey, scope: JourneyScope) -> Iterator[Problem]:
    """
    A metric misses its target.

    Off by default: a map records where the experience falls short, and a missed target is
    information, not a mistake in the file. Turn it on (`--select CJM311`, or `select` or
    `severity` in the configuration) to make a pipeline fail while a figure stays below its
    target. `higher_is_better: false` turns the comparison round. Reported at the metric's
    `value`.
    """
    for _, _, touchpoint in journey.touchpoints():
        for metric in touchpoint.metrics:
            if metric.misses_target:
                side = "below" if metric.higher_is_better else "above"
                yield Problem(
                    metric.at("value"),
                    f"metric '{metric.name}' of touchpoint '{touchpoint.id}' is {metric.value}, {side}"
                    f" its target {metric.target}",
                )


@rule("CJM313", "stale-metric", Severity.WARNING, "journey")
def stale_metric(journey: Journey, scope: JourneyScope, context: Context) -> Iterator[Problem]:
    """
    A metric's `measured` date is older than `stale_after_days`.

    A figure from long ago says little about the experience today, and decisions taken on it
    may be wrong. Measure it again (`cjm measure` does it for metrics with `data`), or raise
    `stale_after_days` in the configuration (default 365) for figures that change slowly.
    Reported at the `measured` date.
    """
    for _, _, touchpoint in journey.touchpoints():
        for metric in touchpoint.metrics:
            if metric.measured is None:
                continue
            age = (context.today - date.fromisoformat(metric.measured)).days
            if age > context.stale_after_days:
                yield Problem(
                    metric.at("measured"),
                    f"metric '{metric.name}' of touchpoint '{touchpoint.id}' was measured {age} days ago"
                    f" ({metric.measured}), more than {context.stale_after_days}: measure it again",
                )
