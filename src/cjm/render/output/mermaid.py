"""The journey map as a Mermaid `journey` diagram, which GitHub and GitLab draw inline.

One section per stage, named with its phase ("Before purchase · Discover"); one task per
touchpoint with every persona who feels something there as its actors. Mermaid allows one score
per task: it is the mean of the personas' scores plus 3 (Mermaid's 1 to 5), rounded half up, and,
when several personas feel it, a `%%` comment above the task gives each persona's own score ("%% Maya Chen: 5"), which `cjm
import` reads back. Touchpoints without an emotion have no score to draw: a comment names them,
so that nothing is left out silently.
"""

from __future__ import annotations

import math

from cjm.present.escape import mermaid_text
from cjm.render.output import Options
from cjm.render.view import Column, MapView

SECTION_SEPARATOR = " · "
"""Between the phase and the stage in a section's name."""


def render(view: MapView, options: Options | None = None) -> str:
    lines = ["journey", f"  title {mermaid_text(view.journey.title)}"]
    for phase_view in view.phases:
        for stage_view in phase_view.stages:
            section = f"{phase_view.heading}{SECTION_SEPARATOR}{stage_view.stage.name}"
            lines.append(f"  section {mermaid_text(section)}")
            for column in stage_view.columns:
                lines += _task(view, column)
    return "\n".join(lines) + "\n"


def _task(view: MapView, column: Column) -> list[str]:
    """The touchpoint as one task, each persona's score in a comment above it."""
    felt = [p for p in column.points if p.emotion is not None]
    if not felt:
        unrecorded = view.t("no emotion recorded")
        return [f"    %% {column.touchpoint.id}: {unrecorded}"]
    actors = [mermaid_text(view.persona(p.persona).name) for p in felt]
    scores = [p.emotion + 3 for p in felt]  # type: ignore[operator]
    mean = math.floor(sum(scores) / len(scores) + 0.5)
    comments = [
        f"    %% {actor}: {score}" for actor, score in zip(actors, scores, strict=True) if len(felt) > 1
    ]
    return [*comments, f"    {mermaid_text(column.touchpoint.name)}: {mean}: {', '.join(actors)}"]
