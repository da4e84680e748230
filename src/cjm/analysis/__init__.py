"""What a journey map means, decided once: the curve, Moments of Pain and Truth, gaps, metrics,
ownership, the backlog; and across maps, the portfolio. The facts are in `facts.py`; report,
render and diff read them and decide none of them again."""

from cjm.analysis.analyse import analyse, feels_pain, metric_status, told_apart
from cjm.analysis.facts import (
    CONFIDENCE_LEVELS,
    EVERYONE,
    Analysis,
    MetricStatus,
    Names,
    Persona,
    Place,
    Point,
)
from cjm.analysis.portfolio import portfolio, state_pairs

__all__ = [
    "CONFIDENCE_LEVELS",
    "EVERYONE",
    "Analysis",
    "MetricStatus",
    "Names",
    "Persona",
    "Place",
    "Point",
    "analyse",
    "feels_pain",
    "metric_status",
    "portfolio",
    "state_pairs",
    "told_apart",
]
