"""How a fact reads at a glance, the same in every command: good, bad, a warning, or nothing to
judge. Each format shows a tone as it can: a colour in the terminal, a CSS class in HTML, a style
on the map, nothing in Markdown; every tone is also said in words or signs, never by colour alone.
"""

from __future__ import annotations

from typing import Literal

Tone = Literal["good", "bad", "warn", "dim", ""]

NEUTRAL_BELOW = 0.5
"""An emotion (or a mean of emotions) under this, and not below 0, is neutral: worth a look, not
yet good. So a 0 is a warning, a +1 good, and a phase averaging +0.3 still a warning."""


def emotion_tone(emotion: float | None) -> Tone:
    """Below 0 bad, neutral a warning, from +0.5 good; nothing felt, dim."""
    if emotion is None:
        return "dim"
    return "bad" if emotion < 0 else "warn" if emotion < NEUTRAL_BELOW else "good"


_STANDING_TONES: dict[str, Tone] = {"below": "bad", "met": "good", "no-target": "warn", "no-value": "warn"}
_DIRECTION_TONES: dict[str, Tone] = {"improved": "good", "worsened": "bad", "unchanged": "dim"}
_GOING_TONES: dict[str, Tone] = {"well": "good", "badly": "bad", "mixed": "warn", "unmeasured": "dim"}


def standing_tone(standing: str) -> Tone:
    """A metric that meets its target is good, one that misses it bad; one that cannot be judged
    (no target, no value) a warning."""
    return _STANDING_TONES[standing]


def direction_tone(direction: str | None) -> Tone:
    """A metric that improved since its previous value is good, one that worsened bad."""
    return _DIRECTION_TONES.get(direction or "", "dim")


def going_tone(going: str) -> Tone:
    """How a Moment of Truth is going: well, badly, mixed (a warning) or unmeasured."""
    return _GOING_TONES[going]


TERMINAL: dict[Tone, str] = {"good": "green", "bad": "bold red", "warn": "yellow", "dim": "dim", "": ""}
"""Each tone as a terminal style (rich's names)."""


def painted(text: str, tone: Tone) -> str:
    """`text` with the terminal codes of its tone, for the outputs that write plain text."""
    from rich.color import ColorSystem
    from rich.style import Style

    style = TERMINAL[tone]
    return Style.parse(style).render(text, color_system=ColorSystem.STANDARD) if style else text
