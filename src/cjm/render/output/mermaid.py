"""The journey map as a Mermaid `journey` diagram, which GitHub and GitLab draw inline.

One section per stage, one task per touchpoint and persona, scored emotion + 3 (Mermaid's 1 to
5), with the persona as the actor. Touchpoints without an emotion have no score to draw: a
comment names them, so that nothing is left out silently.
"""

from __future__ import annotations

from cjm.present.escape import mermaid_text
from cjm.render.output import Options
from cjm.render.view import MapView


def render(view: MapView, options: Options | None = None) -> str:
    lines = ["journey", f"  title {mermaid_text(view.journey.title)}"]
    unrecorded = view.t("no emotion recorded")
    for phase_view in view.phases:
        for stage_view in phase_view.stages:
            lines.append(f"  section {mermaid_text(stage_view.stage.name)}")
            for column in stage_view.columns:
                felt = [p for p in column.points if p.emotion is not None]
                if not felt:
                    lines.append(f"    %% {column.touchpoint.id}: {unrecorded}")
                for point in felt:
                    actor = mermaid_text(view.persona(point.persona).name)
                    lines.append(f"    {mermaid_text(column.touchpoint.name)}: {point.emotion + 3}: {actor}")  # type: ignore[operator]
    return "\n".join(lines) + "\n"
