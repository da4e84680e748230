"""Governance: a journey map is a living document, kept by a team and checked again by a date."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from cjm.findings import Problem, Severity
from cjm.model import Journey
from cjm.rules import Context, rule
from cjm.scope import JourneyScope


@rule("CJM312", "review-overdue", Severity.WARNING, "journey")
def review_overdue(journey: Journey, scope: JourneyScope, context: Context) -> Iterator[Problem]:
    """
    The journey's `review_by` date has passed.

    A map nobody checks drifts away from what customers live: channels change, teams move, the
    pains it shows get fixed or get worse. Its `owner` should walk through it again, with fresh
    evidence, then move `review_by` forward. A map that no longer describes a service can be
    given `status: retired` instead: retired maps are not checked for review. Reported at the
    `review_by` date.
    """
    if journey.review_by is None or journey.status == "retired":
        return
    late = (context.today - date.fromisoformat(journey.review_by)).days
    if late > 0:
        yield Problem(
            journey.at("review_by"),
            f"the map was due for review on {journey.review_by}, {late} days ago: check it with its owner"
            " and move review_by forward",
        )
