"""Rules on references: every id is defined once, and every reference names something defined."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cjm.findings import Problem, Severity
from cjm.model import (
    PHASE_IDS,
    SPANISH_VALUES,
    Catalog,
    Journey,
    Node,
    close_matches,
    did_you_mean,
    spanish_meaning,
    suggest,
)
from cjm.rules import file_rule, rule
from cjm.scope import JourneyScope, Scope, persona_references

file_rule(
    "CJM207",
    "unusable-catalog",
    Severity.ERROR,
    """
    A catalog named in the journey's `catalogs:` cannot be read, or is not a catalog.

    A journey can name the catalogs it uses itself, with paths relative to the journey file
    (`catalogs: [../catalogo.yaml]`), so that every command sees the same personas, teams and
    channels for it. Each path must be a readable file with `kind: catalog`. Reported at the
    path in the list.
    """,
)


@rule("CJM201", "duplicate-id", Severity.ERROR, "journey", "catalog")
def duplicate_id(subject: Journey | Catalog, scope: Any) -> Iterator[Problem]:
    """
    An id is defined twice.

    Ids are unique within their kind across a whole journey: two touchpoints may not share an
    id even in different stages, and neither may two stages, personas, teams or channels. In
    catalogs, an id is unique across every catalog in scope: the first definition (in path
    order) is the one journeys use. A journey may define a persona, team or channel of its own
    with the id of a catalog's: its own definition wins there. An analytics event belongs to one
    touchpoint: two touchpoints that list it in `events` would make `cjm trace` count a
    customer at both. Reported at the second id.
    """
    if isinstance(subject, Catalog):
        yield from _duplicates_across_catalogs(subject, scope)
        return
    for kind, ids in _journey_ids(subject).items():
        first: dict[str, tuple[Node, tuple[Any, ...]]] = {}
        for ident, node, path in ids:
            if ident in first:
                line = first[ident][0].at(*first[ident][1])[0]
                yield Problem(node.at(*path), f"duplicate {kind} id '{ident}' (first at line {line})")
            else:
                first[ident] = (node, path)


def _journey_ids(journey: Journey) -> dict[str, list[tuple[str, Node, tuple[Any, ...]]]]:
    """Each kind's ids, with where to find them: (id, object, path within the object)."""
    ids: dict[str, list[tuple[str, Node, tuple[Any, ...]]]] = {}
    for field_name, kind in (("personas", "persona"), ("teams", "team"), ("channels", "channel")):
        ids[kind] = [
            (item, journey, (field_name, i)) if isinstance(item, str) else (item.id, item, ("id",))
            for i, item in enumerate(getattr(journey, field_name))
        ]
    ids["stage"] = [(stage.id, stage, ("id",)) for _, stage in journey.stages()]
    ids["touchpoint"] = [(tp.id, tp, ("id",)) for _, _, tp in journey.touchpoints()]
    ids["event"] = [
        (e, tp, ("events", i)) for _, _, tp in journey.touchpoints() for i, e in enumerate(tp.events)
    ]
    return ids


def _duplicates_across_catalogs(catalog: Catalog, scope: Scope) -> Iterator[Problem]:
    for kind, items, known in (("persona", catalog.personas, scope.personas),
                               ("team", catalog.teams, scope.teams),
                               ("channel", catalog.channels, scope.channels)):  # fmt: skip
        for item in items:
            first = known.get(item.id)
            if first is None or first is item:
                continue
            if any(first is other for other in items):
                place = f"line {first.at('id')[0]}"
            else:
                place = scope.defined_in.get(id(first), "the built-in channels")
            yield Problem(item.at("id"), f"duplicate {kind} id '{item.id}' (first defined at {place})")


@rule("CJM202", "unknown-persona", Severity.ERROR, "journey")
def unknown_persona(journey: Journey, scope: JourneyScope) -> Iterator[Problem]:
    """
    A persona id that names no persona.

    The journey's `personas` list names personas of a catalog in scope (or defines them
    inline). A touchpoint's `personas` and the keys of a per-persona `emotion` or
    `expected_emotion` must be among the journey's personas; when the journey lists none, any
    persona in scope may be used.
    When a catalog in scope cannot be read (CJM207, or CJM100 on a catalog of the run), ids that
    no other catalog defines are not reported: they may be that catalog's.
    """
    for i, item in enumerate(journey.personas):
        if isinstance(item, str) and item not in scope.personas and not scope.unread:
            yield Problem(journey.at("personas", i), _unknown("persona", item, scope.personas, scope))
    listed = [item if isinstance(item, str) else item.id for item in journey.personas]
    for _, _, touchpoint in journey.touchpoints():
        for pid, path, key in persona_references(touchpoint):
            if listed and pid not in listed:
                hint = did_you_mean(pid, listed)
                message = f"persona '{pid}' is not one of this journey's personas ({', '.join(listed)}){hint}"
                yield Problem(touchpoint.at(*path, key=key), message)
            elif not listed and pid not in scope.personas and not scope.unread:
                yield Problem(touchpoint.at(*path, key=key), _unknown("persona", pid, scope.personas, scope))


@rule("CJM206", "emotion-of-absent-persona", Severity.ERROR, "journey")
def emotion_of_absent_persona(journey: Journey, scope: JourneyScope) -> Iterator[Problem]:
    """
    A per-persona emotion names a persona that does not pass through that touchpoint.

    A touchpoint's `personas` says who passes there (everyone, when it is not set). An emotion
    or expected emotion for anyone else would put a feeling on the curve where that persona never
    is, and could make a Moment of Pain out of it. Either add the persona to the touchpoint's
    `personas`, or remove the emotion. Reported at the persona's key in the emotion.
    """
    for _, _, touchpoint in journey.touchpoints():
        if not touchpoint.personas:
            continue
        for field_name in ("emotion", "expected_emotion"):
            value = getattr(touchpoint, field_name)
            for pid in value if isinstance(value, dict) else ():
                if pid not in touchpoint.personas and pid in scope.cast:
                    message = (
                        f"persona '{pid}' has an {field_name.replace('_', ' ')} at touchpoint '{touchpoint.id}'"
                        f" but does not pass through it (its personas: {', '.join(touchpoint.personas)})"
                    )
                    yield Problem(touchpoint.at(field_name, pid, key=True), message)


@rule("CJM203", "unknown-channel", Severity.ERROR, "journey", "catalog")
def unknown_channel(subject: Journey | Catalog, scope: Any) -> Iterator[Problem]:
    """
    A channel id that names no channel.

    A touchpoint's `channel` and a persona's preferred `channels` are built-in channels (`web`,
    `mobile-app`, `email`, `sms`, `whatsapp`, `chat`, `social`, `phone`, `call-center`,
    `store`, `in-person`, `postal`, `ads`, `event`, `partner`), or channels that a catalog in
    scope or the journey itself defines.
    When a catalog in scope cannot be read (CJM207, or CJM100 on a catalog of the run), ids that
    no other catalog defines are not reported: they may be that catalog's.
    """
    if scope.unread:
        return
    personas = subject.personas
    if isinstance(subject, Journey):
        for _, _, touchpoint in subject.touchpoints():
            if touchpoint.channel not in scope.channels:
                message = _unknown("channel", touchpoint.channel, scope.channels, scope)
                yield Problem(touchpoint.at("channel"), message)
    for persona in personas:
        if isinstance(persona, str):
            continue
        for i, channel in enumerate(persona.channels):
            if channel not in scope.channels:
                yield Problem(persona.at("channels", i), _unknown("channel", channel, scope.channels, scope))


@rule("CJM204", "unknown-team", Severity.ERROR, "journey")
def unknown_team(journey: Journey, scope: JourneyScope) -> Iterator[Problem]:
    """
    A team id that names no team.

    A touchpoint's `owner`, an improvement's `owner` and the ids in the journey's `teams` list
    name teams that a catalog in scope or the journey itself defines, and so does the journey's
    own `owner` (the team that keeps the map).
    When a catalog in scope cannot be read (CJM207, or CJM100 on a catalog of the run), ids that
    no other catalog defines are not reported: they may be that catalog's.
    """
    if scope.unread:
        return
    if journey.owner is not None and journey.owner not in scope.teams:
        yield Problem(journey.at("owner"), _unknown("team", journey.owner, scope.teams, scope))
    for i, item in enumerate(journey.teams):
        if isinstance(item, str) and item not in scope.teams:
            yield Problem(journey.at("teams", i), _unknown("team", item, scope.teams, scope))
    for _, _, touchpoint in journey.touchpoints():
        owned: list[tuple[str | None, Node, tuple[Any, ...]]] = [(touchpoint.owner, touchpoint, ("owner",))]
        owned += [
            (imp.owner, touchpoint, ("improvements", i, "owner"))
            for i, imp in enumerate(touchpoint.improvements)
        ]
        for owner, node, path in owned:
            if owner is not None and owner not in scope.teams:
                yield Problem(node.at(*path), _unknown("team", owner, scope.teams, scope))


@rule("CJM205", "phase-order", Severity.ERROR, "journey")
def phase_order(journey: Journey, scope: JourneyScope) -> Iterator[Problem]:
    """
    A phase id that is not `before`, `during` or `after`, a phase given twice, or phases out of
    order.

    The purchase phases are the backbone of a journey map: before the purchase (discovery,
    consideration), during it, and after it (use, service, loyalty). Each appears at most once,
    in that order; name them as you like with `name`.
    """
    seen: list[str] = []
    for phase in journey.phases:
        at = phase.at("id")
        latest = max(seen, key=PHASE_IDS.index, default=None)
        if phase.id not in PHASE_IDS:
            hint = suggest(phase.id, PHASE_IDS)
            yield Problem(
                at, f"phase '{phase.id}' is not a purchase phase: use before, during or after{hint}"
            )
        elif phase.id in seen:
            yield Problem(
                at, f"phase '{phase.id}' appears twice: put all its stages under one '{phase.id}' phase"
            )
        elif latest is not None and PHASE_IDS.index(phase.id) < PHASE_IDS.index(latest):
            yield Problem(
                at, f"phase '{phase.id}' comes after '{latest}': the order is before, during, after"
            )
        if phase.id in PHASE_IDS and phase.id not in seen:
            seen.append(phase.id)


def _unknown(kind: str, ident: str, known: dict[str, Any], scope: Any) -> str:
    """ "unknown channel 'emial' (did you mean 'email'?)", or what there is to choose from."""
    hint = did_you_mean(ident, known)
    if kind == "channel":
        spanish = spanish_meaning(ident, known)
        if spanish:
            return f"unknown channel '{ident}' ('{ident}' is Spanish for '{spanish}')"
        meant = _channel_meant(ident, known)
        if meant:
            return f"unknown channel '{ident}' (did you mean '{meant}'?)"
        return f"unknown channel '{ident}': the channels are {', '.join(known)}"
    if not hint and known:
        shown = ", ".join(list(known)[:6]) + (", ..." if len(known) > 6 else "")
        hint = f" (known {kind}s: {shown})"
    elif not hint and scope.catalogs == 0:
        hint = " (no catalog is in scope: give one with --catalog FILE)"
    return f"unknown {kind} '{ident}'{hint}"


# Words people write in English for a channel, and the built-in channel they mean (the Spanish
# ones are `cjm.model.SPANISH_VALUES`).
CHANNEL_SYNONYMS = {
    "app": "mobile-app", "mail": "email", "e-mail": "email", "shop": "store", "branch": "store",
    "office": "store", "showroom": "store", "face-to-face": "in-person", "mail-postal": "postal",
    "letter": "postal", "instagram": "social", "facebook": "social", "linkedin": "social",
    "twitter": "social", "tiktok": "social", "web-site": "web", "website": "web", "online": "web",
    "call-centre": "call-center", "contact-center": "call-center", "advertising": "ads",
    "broker": "partner", "text": "sms", "chatbot": "chat",
}  # fmt: skip


def _channel_meant(ident: str, known: dict[str, Any]) -> str | None:
    """The channel a user most likely meant: by spelling, then by a known synonym."""
    close = close_matches(ident, known, 0.75)
    if close:
        return close[0]
    plain = ident.lower().replace("_", "-")
    synonym = CHANNEL_SYNONYMS.get(plain) or CHANNEL_SYNONYMS.get(plain.rstrip("s"))
    if synonym in known:
        return synonym
    words = CHANNEL_SYNONYMS | SPANISH_VALUES  # a misspelt synonym: 'telefno' is still the phone
    close = close_matches(plain, words, 0.8)
    if close and words[close[0]] in known:
        return words[close[0]]
    close = close_matches(ident, known)
    return close[0] if close else None
