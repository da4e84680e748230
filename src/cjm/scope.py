"""What a journey can refer to: the built-in channels, the catalogs in scope and its own lists."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cjm.loader import Position
from cjm.model import BUILTIN_CHANNELS, Catalog, Channel, Journey, Persona, Team, Touchpoint


@dataclass
class Scope:
    """Everything the catalogs in scope define, by id.

    The first definition of an id wins; a catalog may redefine a built-in channel (to name it in
    the team's language, for example).
    """

    personas: dict[str, Persona] = field(default_factory=dict)
    teams: dict[str, Team] = field(default_factory=dict)
    channels: dict[str, Channel] = field(default_factory=lambda: dict(BUILTIN_CHANNELS))
    defined_in: dict[int, str] = field(default_factory=dict)  # id(definition) → catalog path
    catalogs: int = 0
    langs: dict[str, str] = field(default_factory=dict)  # catalog path → its lang, where it names one
    unread: int = 0
    """Catalogs in scope that could not be read: an id that no other defines may be one of theirs,
    so references are not reported as unknown (the catalog's own finding says what to fix)."""

    def add(self, catalog: Catalog, path: str) -> None:
        self.catalogs += 1
        if catalog.lang:
            self.langs.setdefault(path, catalog.lang)
        for known, items in ((self.personas, catalog.personas), (self.teams, catalog.teams),
                             (self.channels, catalog.channels)):  # fmt: skip
            for item in items:
                if item.id not in known or known[item.id] is BUILTIN_CHANNELS.get(item.id):
                    known[item.id] = item  # type: ignore[assignment]
                    self.defined_in[id(item)] = path

    def copy(self) -> Scope:
        return Scope(
            dict(self.personas),
            dict(self.teams),
            dict(self.channels),
            dict(self.defined_in),
            self.catalogs,
            dict(self.langs),
            self.unread,
        )

    def for_journey(self, journey: Journey) -> JourneyScope:
        return JourneyScope(self, journey)


class JourneyScope:
    """The scope as one journey sees it: its inline definitions shadow the catalogs'.

    `cast` is the journey's own personas: those it lists or, when it lists none, those of the
    scope that its touchpoints name, each with the place that brings it into the journey.
    """

    def __init__(self, scope: Scope, journey: Journey) -> None:
        self.journey = journey
        self.catalogs = scope.catalogs
        self.unread = scope.unread
        self.personas = dict(scope.personas)
        self.teams = dict(scope.teams)
        self.channels = dict(scope.channels)
        for listed, known in ((journey.personas, self.personas), (journey.teams, self.teams),
                              (journey.channels, self.channels)):  # fmt: skip
            for item in listed:
                if not isinstance(item, str):
                    known[item.id] = item
        self.cast = self._cast(journey)
        self.lang = journey.lang or self._catalogs_lang(scope, journey)
        """The language of the labels cjm writes for the journey (unless --lang says): its own, or
        that of the first catalog it takes a persona, team or channel from."""

    def _catalogs_lang(self, scope: Scope, journey: Journey) -> str | None:
        if not scope.langs:
            return None
        used: list[Persona | Team | Channel] = [persona for persona, _ in self.cast.values()]
        for _, _, touchpoint in journey.touchpoints():
            if touchpoint.channel in self.channels and touchpoint.channel not in BUILTIN_CHANNELS:
                used.append(self.channels[touchpoint.channel])  # a renamed built-in says nothing of it
            used += [self.teams[touchpoint.owner]] if touchpoint.owner in self.teams else []
        for item in used:
            path = scope.defined_in.get(id(item))
            if path in scope.langs:
                return scope.langs[path]
        return None

    def _cast(self, journey: Journey) -> dict[str, tuple[Persona, Position]]:
        if journey.personas:
            listed = ((_id(item), journey.at("personas", i)) for i, item in enumerate(journey.personas))
            return {pid: (self.personas[pid], at) for pid, at in listed if pid in self.personas}
        named: dict[str, tuple[Persona, Position]] = {}
        for _, _, touchpoint in journey.touchpoints():
            for pid, path, key in persona_references(touchpoint):
                if pid in self.personas and pid not in named:
                    named[pid] = (self.personas[pid], touchpoint.at(*path, key=key))
        return named

    def personas_at(self, touchpoint_personas: list[str]) -> list[str]:
        """The journey's personas that pass through a touchpoint (all of them by default)."""
        if not touchpoint_personas:
            return list(self.cast)
        return [pid for pid in touchpoint_personas if pid in self.cast]


def _id(item: str | Persona | Team | Channel) -> str:
    return item if isinstance(item, str) else item.id


def persona_references(touchpoint: Touchpoint) -> list[tuple[str, tuple[Any, ...], bool]]:
    """Every persona id a touchpoint names, with its path in the touchpoint and whether it is a key.

    Ids are named in `personas` and as the keys of per-persona emotions.
    """
    found: list[tuple[str, tuple[Any, ...], bool]] = [
        (pid, ("personas", i), False) for i, pid in enumerate(touchpoint.personas)
    ]
    for field_name in ("emotion", "expected_emotion"):
        value = getattr(touchpoint, field_name)
        if isinstance(value, dict):
            found += [(pid, (field_name, pid), True) for pid in value]
    return found
