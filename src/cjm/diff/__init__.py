"""`cjm diff`: what a change did to the customer's journey (see `compare`)."""

from cjm.diff.compare import AverageChange, Change, JourneyDiff, compare, diff_journeys, diff_pairs

__all__ = ["AverageChange", "Change", "JourneyDiff", "compare", "diff_journeys", "diff_pairs"]
