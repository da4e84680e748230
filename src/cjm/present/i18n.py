"""The labels cjm writes for people, in the map's language.

Messages are written in English in the code, as gettext has them, through a `Words` object named
`t`: `t("Moment of Pain")`, `t.plural("{count} touchpoint", "{count} touchpoints", n)` for a
plural, `N_("...")` to mark a message defined in a table and translated where it is shown,
`t.number(6.1)` for a decimal ("6,1" in Spanish). Their translations live in one gettext
catalog per language, the .po files of `locales/<lang>/` (one per part of cjm), read with Babel:
a translator adds a language with a folder of .po files and its code in `cjm.language.Language`,
without touching any other code. JSON keys,
rule codes and validation messages stay English.
"""

from __future__ import annotations

import gettext
import math
from functools import cache, lru_cache
from io import BytesIO
from pathlib import Path

from cjm.language import DEFAULT, LANGUAGES, choose

__all__ = ["DEFAULT", "LOCALES", "N_", "Words", "choose", "words"]
LOCALES = Path(__file__).parent / "locales"


class Words:
    """The messages of one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._catalog = _translations(lang)

    def __call__(self, message: str, /, **values: object) -> str:
        """`message` in this language, with `{name}` replaced by `values`."""
        text = self._catalog.gettext(message)
        return text.format(**values) if values else text

    def in_context(self, context: str, message: str, /) -> str:
        """`message` where one English word takes several forms in another language ("none" of a
        value is "ninguno" in Spanish, of a list of metrics "ninguna"): a gettext `msgctxt`."""
        return self._catalog.pgettext(context, message)

    def plural(self, singular: str, plural: str, count: int, /, **values: object) -> str:
        """The form of a message that `count` takes ("1 touchpoint", "2 touchpoints"), with
        `{count}` written as this language writes numbers."""
        text = self._catalog.ngettext(singular, plural, count)
        return text.format(count=self.number(count), **values)

    def number(self, value: float, digits: int = 2) -> str:
        """A number as this language writes it: at most `digits` decimals, without trailing zeros
        (6.1 in English, 6,1 in Spanish; 1,234 and 1.234)."""
        pattern = "#,##0" + ("." + "#" * digits if digits else "")
        return formatted(value, pattern, self.lang)


HUGE = 1e15
"""From this size on, a number is written in scientific notation (1E22): a float holds 15 to 17
significant digits, so the rest of a written-out number would be noise."""


def formatted(value: float, pattern: str, lang: str) -> str:
    """`value` written with Babel's `pattern` in `lang`. A map writes the same few numbers
    thousands of times, and Babel takes tens of microseconds for each: each is formatted once."""
    return _formatted(type(value).__name__, repr(value), value, pattern, lang)


@lru_cache(maxsize=4096)
def _formatted(kind: str, spelled: str, value: float, pattern: str, lang: str) -> str:
    # keyed by type and repr as well: 1 == 1.0 == True and 0.0 == -0.0, but they may be written apart
    from babel.numbers import format_decimal, format_scientific

    if not math.isfinite(value):  # a gap between two huge values of opposite signs
        return "∞" if value > 0 else "-∞" if value < 0 else "?"
    if abs(value) >= HUGE:  # past the digits a float holds, and past what Babel can round
        return str(format_scientific(value, format="0.##E0", locale=lang))
    return str(format_decimal(value, format=pattern, locale=lang))


def N_(message: str) -> str:
    """Mark a message for translation where it is defined (a table of words); `t` translates it
    where it is shown."""
    return message


@cache
def words(lang: str | None = None) -> Words:
    """The words of `lang` (English when None)."""
    return Words(lang or DEFAULT)


@cache
def _translations(lang: str) -> gettext.NullTranslations:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    if lang == DEFAULT:
        return gettext.NullTranslations()
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = Catalog(locale=lang)
    for path in sorted((LOCALES / lang).glob("*.po")):  # one file per part of cjm, merged
        with path.open("rb") as po:
            read = read_po(po, locale=lang)
        catalog.mime_headers = read.mime_headers  # the .po's Plural-Forms, not CLDR's (3 forms for es)
        for message in read:
            if message.id:
                catalog[message.id] = message
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)
