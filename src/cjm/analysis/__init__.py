"""What a journey map means, decided once: the curve, Moments of Pain and Truth, gaps, metrics,
ownership, the backlog. Report, render and diff read these facts; none decides them again."""

from cjm.analysis.analyse import (
    CONFIDENCE_LEVELS,
    EVERYONE,
    SCORE_FORMULA,
    Analysis,
    MetricStatus,
    Names,
    Place,
    Point,
    analyse,
    feels_pain,
    metric_status,
)

__all__ = [
    "CONFIDENCE_LEVELS",
    "EVERYONE",
    "SCORE_FORMULA",
    "Analysis",
    "MetricStatus",
    "Names",
    "Place",
    "Point",
    "analyse",
    "feels_pain",
    "metric_status",
]
