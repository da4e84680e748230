"""What a trace finds, as the JSON that scripts read; the other formats word the same facts.

These models are the contract of `cjm trace --format json`: `schemas/trace.schema.json` is
generated from them (`cjm schema --kind trace`). Shares are fractions from 0 to 1, times are
seconds.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

TransitionKind = Literal["along", "skip", "back", "repeat"]
TRANSITION_KINDS: tuple[TransitionKind, ...] = ("along", "skip", "back", "repeat")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Reach(_Model):
    id: str = Field(description="The touchpoint's id.")
    reached: int = Field(description="Sessions with at least one event of this touchpoint.")
    share: float | None = Field(
        description="reached as a share of the sessions that entered the journey (0 to 1); null when none did."
    )
    dropoff: int = Field(description="Sessions whose last touchpoint in the journey is this one.")
    dropoff_share: float | None = Field(
        description="dropoff as a share of the sessions that reached this touchpoint; null when none did."
    )
    median_seconds_to_next: float | None = Field(
        description=(
            "The median time, in seconds, from a session's arrival at this touchpoint to its arrival at the "
            "next one, over the visits followed by another touchpoint; null when none was."
        )
    )


class TouchpointTrace(Reach):
    name: str
    stage: str = Field(description="The id of the touchpoint's stage.")
    events: list[str] = Field(description="The event names the touchpoint lists.")
    traced: bool = Field(
        description="Whether it lists events: a touchpoint without them cannot be reached in data."
    )


class Transition(_Model):
    source: str = Field(alias="from", description="The touchpoint a session was at.")
    target: str = Field(alias="to", description="The touchpoint it reached next.")
    kind: TransitionKind = Field(
        description=(
            "along: a step the map draws (the next touchpoint in the map, skipping those that list no events, "
            "or one listed in `next`); skip: forward past touchpoints the map puts between them; back: to an "
            "earlier touchpoint; repeat: the same touchpoint again (one of its events repeated)."
        )
    )
    drawn: bool = Field(description="Whether the map draws this step (kind along).")
    sessions: int = Field(description="Sessions that took this step at least once.")
    share: float | None = Field(description="sessions as a share of the sessions that entered the journey.")
    times: int = Field(description="How many times it was taken, over every session.")


class UnmappedEvent(_Model):
    event: str
    count: int = Field(description="Events of this name in the export (within --since/--until).")


class SegmentTrace(_Model):
    segment: str = Field(description="The value of the --persona column.")
    persona: str | None = Field(
        description="The persona it stands for (by --persona-map, or its own id), or null."
    )
    name: str | None = Field(description="That persona's name, or null.")
    entered: int = Field(description="Sessions of this segment that entered the journey.")
    touchpoints: list[Reach]
    transitions: list[Transition] = Field(description="Its transitions, most sessions first.")


class Trace(_Model):
    journey: str
    title: str
    path: str
    lang: str = Field(description="The language the human formats are written in.")
    events_file: str
    since: date | None
    until: date | None
    events: int = Field(
        description="Events in the export (within --since/--until) with a session and a name."
    )
    unmapped_events: int = Field(description="Of them, those whose name no touchpoint lists.")
    sessions: int = Field(description="Sessions in the export (within --since/--until).")
    entered: int = Field(description="Sessions with at least one event that a touchpoint lists.")
    touchpoints: list[TouchpointTrace] = Field(description="Every touchpoint, in the map's order.")
    transitions: list[Transition] = Field(
        description="Every step seen between touchpoints, most sessions first."
    )
    unreached: list[str] = Field(description="Touchpoints that list events, none of which any session has.")
    untraced: list[str] = Field(description="Touchpoints that list no events.")
    unmapped: list[UnmappedEvent] = Field(description="The 20 most frequent events no touchpoint lists.")
    segments: list[SegmentTrace] = Field(description="Per value of the --persona column, when given.")

    @property
    def undrawn(self) -> list[Transition]:
        """The steps the map does not draw, most sessions first."""
        return [t for t in self.transitions if not t.drawn]
