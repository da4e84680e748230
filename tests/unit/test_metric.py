"""A metric against its target, and how its value moved: decided by the metric, whichever way is better."""

from __future__ import annotations

import pytest

from cjm.model import Metric


@pytest.mark.parametrize(
    ("value", "target", "higher_is_better", "standing", "shortfall"),
    [
        (41, 55, True, "below", 14),
        (55, 55, True, "met", 0),
        (60, 55, True, "met", -5),
        (40, 10, False, "below", 30),  # a waiting time above its target misses it
        (10, 10, False, "met", 0),
        (8, 10, False, "met", -2),
        (0.1 + 0.2, 0.3, False, "met", 0),  # float noise is no shortfall
        (None, 10, True, "no-value", None),
        (10, None, True, "no-target", None),
    ],
)
def test_a_metric_meets_or_misses_its_target_whichever_way_is_better(
    value: float | None, target: float | None, higher_is_better: bool, standing: str, shortfall: float | None
) -> None:
    metric = Metric(name="m", value=value, target=target, higher_is_better=higher_is_better)
    assert metric.standing == standing and metric.shortfall == shortfall
    assert metric.misses_target is (standing == "below")


@pytest.mark.parametrize(
    ("was", "now", "higher_is_better", "direction"),
    [(18, 24, True, "improved"), (24, 18, True, "worsened"), (40, 30, False, "improved"),
     (30, 40, False, "worsened"), (5, 5, False, "unchanged")],
)  # fmt: skip
def test_a_value_improves_when_it_moves_the_way_the_metric_aims(
    was: float, now: float, higher_is_better: bool, direction: str
) -> None:
    assert Metric(name="m", higher_is_better=higher_is_better).moved(was, now) == direction
