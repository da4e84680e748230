"""Every text colour of the theme reads on the backgrounds it is set on: WCAG AA, 4.5:1."""

from __future__ import annotations

import pytest

from cjm.present.theme import ROLES

WHITE = "#ffffff"
TEXT_ON = {
    "ink": ("cell", "header", "phase", "stage", "pain-fill", "truth-fill"),
    "dim": ("cell", "header", "stage"),
    "faint": ("cell",),
    "pain": ("cell", "pain-fill"),
    "pain-point": ("cell",),
    "truth": ("cell", "truth-fill"),
    "met": ("cell",),
    "below": ("cell",),
}
"""Each role that colours text, and the fills it is set on besides white."""


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_contrast_formula_reads_the_known_extremes() -> None:
    assert contrast("#000000", WHITE) == pytest.approx(21)
    assert contrast("#777777", WHITE) == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize(("text", "fills"), TEXT_ON.items())
def test_every_text_colour_has_4_5_to_1_on_its_backgrounds(text: str, fills: tuple[str, ...]) -> None:
    for background in (WHITE, *(ROLES[fill] for fill in fills)):
        assert contrast(ROLES[text], background) >= 4.5, (text, background)
