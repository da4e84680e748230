"""The languages cjm writes its labels in, and which one a run uses.

A translator adds a language with a folder of .po files (cjm/present/locales/<code>/) and its
code here; the format (`lang`), the command line (`--lang`) and the words read this one list.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, get_args

Language = Literal["en", "es"]
"""The languages of the labels cjm writes (`lang`); their messages live in cjm/present/locales."""
LANGUAGES: tuple[str, ...] = get_args(Language)
DEFAULT: Language = "en"


def choose(*preferences: str | None) -> str:
    """The first language given, in order of precedence (the flag, the journey, its catalogs, the
    configuration), or English."""
    return next((lang for lang in preferences if lang), DEFAULT)


def portfolio_language(flag: str | None, configured: str | None, journeys: Iterable[str]) -> str:
    """The one language of what a run over many journeys writes as a whole (a portfolio, a site's
    index, measure's summary): the flag, the configuration, else the journeys' own when they all
    share one, else English."""
    shared = set(journeys)
    return choose(flag, configured, shared.pop() if len(shared) == 1 else None)
