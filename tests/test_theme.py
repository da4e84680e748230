"""The theme: persona colours that colour-blind readers tell apart, from each other and from the
status colours, and a colour that stays with its persona whichever personas a map shows."""

from __future__ import annotations

import itertools
import math
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import EXAMPLES, cjm, require_program

from cjm.present import theme

SVG = "{http://www.w3.org/2000/svg}"
# Machado, Oliveira and Fernandes (2009), severity 1.0, applied to linear RGB
SIMULATIONS = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}  # fmt: skip
LEAST = 15.0  # CIE76 ΔE: clearly different colours at a glance, whatever the vision
STATUS = {name: colour for name, colour in theme.STATUS_COLOURS.items()}


def _linear(colour: str) -> tuple[float, ...]:
    channels = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return tuple(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)


def _seen(colour: str, vision: str) -> tuple[float, ...]:
    rgb = _linear(colour)
    if vision == "typical":
        return rgb
    matrix = SIMULATIONS[vision]
    return tuple(min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True)))) for row in matrix)


def _lab(rgb: tuple[float, ...]) -> tuple[float, float, float]:
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(v: float) -> float:
        return v ** (1 / 3) if v > 0.008856 else 7.787 * v + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def delta_e(one: str, other: str, vision: str) -> float:
    """CIE76 distance between two colours as a reader with `vision` sees them."""
    return math.dist(_lab(_seen(one, vision)), _lab(_seen(other, vision)))


def test_the_simulation_confuses_what_it_should() -> None:
    """The old palette's red and green, and Okabe-Ito's blue and the met green, far apart for
    typical vision, come close under deuteranopia and tritanopia."""
    assert delta_e("#d62728", "#2ca02c", "typical") > 70
    assert delta_e("#d62728", "#2ca02c", "deuteranopia") < 10
    assert delta_e("#0072b2", theme.MET, "typical") > 40
    assert delta_e("#0072b2", theme.MET, "tritanopia") < LEAST


@pytest.mark.parametrize("vision", ["typical", *SIMULATIONS])
def test_persona_colours_stay_apart_from_each_other_and_from_the_status_colours(vision: str) -> None:
    for one, other in itertools.combinations(theme.PALETTE, 2):
        assert delta_e(one, other, vision) >= LEAST, (one, other, vision)
    for colour, (status, shown) in itertools.product(theme.PALETTE, STATUS.items()):
        assert delta_e(colour, shown, vision) >= LEAST, (colour, status, vision)


def test_each_persona_has_its_own_colour_and_marker() -> None:
    looks = [theme.persona_look(i) for i in range(len(theme.PALETTE))]
    assert len({colour for colour, _, _ in looks}) == len(looks)
    assert len({shape for _, shape, _ in looks}) == len(looks) == len(theme.MARKERS)
    assert theme.MARKER_SIZE >= 8


def _point_fills(tmp_path: Path, *arguments: str) -> dict[str, str]:
    require_program("dot")
    out = tmp_path / "map.svg"
    assert cjm("render", *arguments, "-o", str(out)).code == 0
    fills = {}
    for group in ET.parse(out).getroot().iter(f"{SVG}g"):
        ident = group.get("id", "")
        if ident.startswith("point."):
            shape = next(e for e in group.iter() if e.tag in (f"{SVG}ellipse", f"{SVG}polygon"))
            fills[ident.split(".")[1]] = shape.get("fill", "").lower()
    return fills


@pytest.mark.parametrize(
    ("journey", "persona"),
    [("ecommerce-omnichannel.yaml", "tom"), ("seguro-hogar.yaml", "luis"), ("seguro-hogar.yaml", "marta")],
)
def test_a_persona_keeps_its_colour_whichever_personas_are_shown(
    tmp_path: Path, journey: str, persona: str
) -> None:
    path = ["--catalog", str(EXAMPLES / "catalogo-seguros.yaml"), str(EXAMPLES / journey)]
    everyone = _point_fills(tmp_path, *path)
    alone = _point_fills(tmp_path, *path, "--persona", persona)
    assert set(alone) == {persona}
    assert alone[persona] == everyone[persona]
    assert len(set(everyone.values())) == len(everyone)  # and no two personas share one
