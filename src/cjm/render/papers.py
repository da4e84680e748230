"""The paper sizes a map can be laid out on (`render --paper`): the names the command line
offers and the sizes the layout uses, in one table."""

from __future__ import annotations

from typing import Literal

PaperName = Literal["a4", "a3", "a2", "a1", "a0", "letter", "tabloid"]

MM = 72 / 25.4
PAPERS: dict[PaperName, tuple[float, float]] = {  # portrait width × height, in points
    "a4": (210 * MM, 297 * MM),
    "a3": (297 * MM, 420 * MM),
    "a2": (420 * MM, 594 * MM),
    "a1": (594 * MM, 841 * MM),
    "a0": (841 * MM, 1189 * MM),
    "letter": (612.0, 792.0),
    "tabloid": (792.0, 1224.0),
}
