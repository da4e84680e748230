"""`cjm diff`: what a change did to the customer's journey.

Everything is matched by id, never by position: a touchpoint reordered within its stage is not a
change, one that goes to another stage or phase is a move. Emotions, pains and metric statuses
come from the same analysis as `cjm report`.
"""

from __future__ import annotations

import os.path
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from cjm.analysis import Analysis, analyse
from cjm.diff.changes import AverageChange, Change, ChangeKind, JourneyDiff, Level
from cjm.model import Improvement, Journey, Metric, Node, Touchpoint
from cjm.present.i18n import N_, Words, words
from cjm.present.words import PHASE_NAMES, channel_name, everyone, phase_title

if TYPE_CHECKING:
    from cjm.project import LoadedJourney

_JOURNEY_FIELDS = [
    name
    for name in Journey.model_fields
    if name not in ("cjm", "kind", "id", "catalogs", "personas", "teams", "channels", "phases")
]
"""The journey's own fields (title, state, owner, status, review_by...): not its structure, and
not `catalogs`, compared by the files they name (see `_catalogs`)."""
_TOUCHPOINT_FIELDS = [
    name
    for name in Touchpoint.model_fields
    if name not in ("id", "name", "emotion", "improvements", "metrics")
]


def diff_pairs(old: list[LoadedJourney], new: list[LoadedJourney]) -> list[JourneyDiff]:
    """Journeys paired by id and state (a current map with the current one, a future map with the
    future one): changed ones, and those added or removed."""
    old_by_key = {_key(j): j for j in old}
    new_by_key = {_key(j): j for j in new}
    diffs = []
    for key in list(old_by_key) + [k for k in new_by_key if k not in old_by_key]:
        before, after = old_by_key.get(key), new_by_key.get(key)
        if before and after:
            diffs.append(diff_journeys(before, after))
        elif before:
            diffs.append(_whole(ChangeKind.REMOVED, before))
        elif after:
            diffs.append(_whole(ChangeKind.ADDED, after))
    return diffs


def _key(loaded: LoadedJourney) -> tuple[str, str]:
    return loaded.journey.id, loaded.journey.state


def _whole(kind: ChangeKind, loaded: LoadedJourney) -> JourneyDiff:
    """A journey (one state of it) that only one side has."""
    journey, added = loaded.journey, kind is ChangeKind.ADDED
    return JourneyDiff(
        journey.id,
        None if added else loaded.path,
        loaded.path if added else None,
        [
            Change(
                kind,
                (journey.id,),
                "journey",
                None if added else journey.title,
                journey.title if added else None,
            )
        ],
        title=journey.title,
        lang=loaded.lang,
        state=journey.state,
    )


def diff_journeys(old: LoadedJourney, new: LoadedJourney) -> JourneyDiff:
    t = words(new.lang)  # what the map leaves unnamed (default phases, everyone) in its language
    before, after = analyse(old.journey, old.scope), analyse(new.journey, new.scope)
    result = JourneyDiff(
        new.journey.id, old.path, new.path, title=new.journey.title, lang=new.lang, state=new.journey.state
    )
    root = (new.journey.id,)
    changes = result.changes
    changes += _fields(root, old.journey, new.journey, _JOURNEY_FIELDS)
    changes += _catalogs(root, old, new)
    changes += _definitions(
        root,
        "persona",
        {p: v[0] for p, v in old.scope.cast.items()},
        {p: v[0] for p, v in new.scope.cast.items()},
    )
    changes += _definitions(root, "team", _teams(old), _teams(new))
    changes += _definitions(root, "channel", _channels(old), _channels(new))
    changes += _structure(root, old, new)
    changes += _emotions(root, before, after)
    changes += _metrics(root, before, after)
    changes += _metric_fields(root, before, after)
    changes += _improvements(root, old, new)
    labels = _Labels(old, new, t)
    result.changes = [labels.named(change) for change in changes]
    result.stages = _averages(before.stages, after.stages)
    result.phases = [
        replace(a, name=labels.label("phase", a.id)) for a in _averages(before.phases, after.phases)
    ]
    result.old_average, result.new_average = before.average, after.average
    return result


def _fields(path: tuple[str, ...], old: Node, new: Node, names: list[str]) -> list[Change]:
    changes = []
    for name in names:
        was, now = _plain(getattr(old, name)), _plain(getattr(new, name))
        if was != now:
            changes.append(Change(ChangeKind.CHANGED, path, name, was, now))
    return changes


def _catalogs(root: tuple[str, ...], old: LoadedJourney, new: LoadedJourney) -> list[Change]:
    """The catalogs a journey names, as they are written, when it names other files: a journey
    moved to another folder names the same catalog by another relative path."""
    if _named_files(old) == _named_files(new):
        return []
    return [Change(ChangeKind.CHANGED, root, "catalogs", old.journey.catalogs, new.journey.catalogs)]


def _named_files(loaded: LoadedJourney) -> set[str]:
    folder = os.path.dirname(os.path.abspath(loaded.place))
    return {os.path.normpath(os.path.join(folder, name)) for name in loaded.journey.catalogs}


def _plain(value: Any) -> Any:
    if isinstance(value, Node):
        return value.model_dump(exclude_defaults=True)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _definitions(
    root: tuple[str, ...],
    kind: str,
    old: dict[str, Node],
    new: dict[str, Node],
    compared: tuple[str, ...] | None = None,
) -> list[Change]:
    """Added, removed, renamed; and changes in the `compared` fields (default: all but id and name)."""
    changes = []
    for ident in old.keys() - new.keys():
        changes.append(
            Change(ChangeKind.REMOVED, (*root, ident), kind, getattr(old[ident], "name", ident), None)
        )
    for ident in new.keys() - old.keys():
        changes.append(
            Change(ChangeKind.ADDED, (*root, ident), kind, None, getattr(new[ident], "name", ident))
        )
    for ident in old.keys() & new.keys():
        was, now = old[ident], new[ident]
        if was.name != now.name:  # type: ignore[attr-defined]
            changes.append(Change(ChangeKind.RENAMED, (*root, ident), kind, was.name, now.name))  # type: ignore[attr-defined]
        others = (
            list(compared)
            if compared is not None
            else [f for f in type(now).model_fields if f not in ("id", "name")]
        )
        changes += [
            Change(ChangeKind.CHANGED, (*root, ident), f"{kind}.{c.field}", c.old, c.new)
            for c in _fields((), was, now, others)
        ]
    return sorted(changes, key=lambda c: (c.path, c.kind))


def _teams(loaded: LoadedJourney) -> dict[str, Node]:
    """The teams the journey declares; a touchpoint's change of owner is shown on the touchpoint."""
    declared = {t if isinstance(t, str) else t.id for t in loaded.journey.teams}
    return {t: loaded.scope.teams[t] for t in declared if t in loaded.scope.teams}


def _channels(loaded: LoadedJourney) -> dict[str, Node]:
    """The channels the journey declares; a touchpoint's change of channel is shown on the touchpoint."""
    declared = {c if isinstance(c, str) else c.id for c in loaded.journey.channels}
    return {c: loaded.scope.channels[c] for c in declared if c in loaded.scope.channels}


def _structure(root: tuple[str, ...], old: LoadedJourney, new: LoadedJourney) -> list[Change]:
    """Phases, stages and touchpoints: added, removed, renamed, moved, and their changed fields."""
    changes = []
    old_phases = {p.id: p for p in old.journey.phases}
    new_phases = {p.id: p for p in new.journey.phases}
    changes += _definitions(root, "phase", old_phases, new_phases, compared=())  # type: ignore[arg-type]
    changes += _placed(root, "stage", {s.id: (p, s) for p, s in old.journey.stages()},
                       {s.id: (p, s) for p, s in new.journey.stages()}, ["scenario", "context"])  # fmt: skip
    changes += _placed(root, "touchpoint", {tp.id: (s, tp) for _, s, tp in old.journey.touchpoints()},
                       {tp.id: (s, tp) for _, s, tp in new.journey.touchpoints()}, _TOUCHPOINT_FIELDS)  # fmt: skip
    order: dict[str, int] = {}
    for _, stage, touchpoint in [*new.journey.touchpoints(), *old.journey.touchpoints()]:
        order.setdefault(stage.id, len(order))
        order.setdefault(touchpoint.id, len(order))
    return sorted(changes, key=lambda c: (order.get(c.path[-1], -1), c.kind))


def _placed(
    root: tuple[str, ...],
    kind: str,
    old: dict[str, tuple[Any, Any]],
    new: dict[str, tuple[Any, Any]],
    fields: list[str],
) -> list[Change]:
    """Stages in phases, touchpoints in stages: added, removed, moved to another, renamed, changed."""
    changes = []
    for ident in old.keys() - new.keys():
        changes.append(
            Change(ChangeKind.REMOVED, (*root, old[ident][0].id, ident), kind, old[ident][1].name, None)
        )
    for ident in new.keys() - old.keys():
        changes.append(
            Change(ChangeKind.ADDED, (*root, new[ident][0].id, ident), kind, None, new[ident][1].name)
        )
    for ident in old.keys() & new.keys():
        (old_place, was), (new_place, now) = old[ident], new[ident]
        path = (*root, new_place.id, ident)
        if old_place.id != new_place.id:
            changes.append(Change(ChangeKind.MOVED, path, kind, old_place.id, new_place.id))
        if was.name != now.name:
            changes.append(Change(ChangeKind.RENAMED, path, kind, was.name, now.name))
        changes += _fields(path, was, now, fields)
    return changes


def _emotions(root: tuple[str, ...], before: Analysis, after: Analysis) -> list[Change]:
    """Per touchpoint and persona: improved or regressed; and pains that appeared or went away."""
    changes = []
    old_points = {(p.place.touchpoint.id, p.persona): p for p in before.curve}
    for point in after.curve:
        key = (point.place.touchpoint.id, point.persona)
        was = old_points.get(key)
        if was is None or was.emotion is None or point.emotion is None or was.emotion == point.emotion:
            continue
        level: Level = "better" if point.emotion > was.emotion else "worse"
        kind = ChangeKind.IMPROVED if level == "better" else ChangeKind.REGRESSED
        changes.append(
            Change(
                kind,
                (*root, point.place.stage.id, key[0], _persona(key[1])),
                "emotion",
                was.emotion,
                point.emotion,
                level,
            )
        )
    old_pains = {(p.place.touchpoint.id, p.persona): p for p in before.pains}
    new_pains = {(p.place.touchpoint.id, p.persona): p for p in after.pains}
    for key, pain in new_pains.items():
        if key not in old_pains:
            changes.append(
                Change(
                    ChangeKind.NEW_PAIN,
                    (*root, pain.place.stage.id, key[0], _persona(key[1])),
                    "moment",
                    None,
                    pain.emotion,
                    "worse",
                )
            )
    still_there = {p.place.touchpoint.id for p in after.curve}
    for key, pain in old_pains.items():
        if key not in new_pains:
            gone = N_("touchpoint removed") if key[0] not in still_there else N_("no longer a pain")
            changes.append(
                Change(
                    ChangeKind.PAIN_GONE,
                    (*root, pain.place.stage.id, key[0], _persona(key[1])),
                    "moment",
                    pain.emotion,
                    gone,
                    "better",
                )
            )
    return changes


def _metrics(root: tuple[str, ...], before: Analysis, after: Analysis) -> list[Change]:
    changes = []
    old_metrics = {(m.place.touchpoint.id, m.metric.name): m for m in before.metrics}
    for status in after.metrics:
        key = (status.place.touchpoint.id, status.metric.name)
        path = (*root, status.place.stage.id, *key)
        was = old_metrics.get(key)
        if was is None:
            changes.append(Change(ChangeKind.ADDED, path, "metric", None, status.metric.value))
            continue
        if was.metric.value != status.metric.value:
            changes.append(_metric_value(path, was.metric, status.metric))
        if was.metric.target != status.metric.target:
            changes.append(
                Change(ChangeKind.CHANGED, path, "metric.target", was.metric.target, status.metric.target)
            )
        if was.status != status.status:
            level: Level = (
                "better" if status.status == "met" else "worse" if status.status == "below" else "neutral"
            )
            changes.append(Change(ChangeKind.METRIC_STATUS, path, "status", was.status, status.status, level))
    new_metrics = {(m.place.touchpoint.id, m.metric.name) for m in after.metrics}
    for key, was in old_metrics.items():
        if key not in new_metrics:
            changes.append(
                Change(
                    ChangeKind.REMOVED, (*root, was.place.stage.id, *key), "metric", was.metric.value, None
                )
            )
    return changes


def _metric_value(path: tuple[str, ...], was: Metric, now: Metric) -> Change:
    """A value that moves the way `higher_is_better` wants has improved; the other way, worsened."""
    if was.value is None or now.value is None:
        return Change(ChangeKind.CHANGED, path, "metric.value", was.value, now.value)
    kind = ChangeKind(now.moved(was.value, now.value))
    level: Level = "better" if kind == ChangeKind.IMPROVED else "worse"
    return Change(kind, path, "metric.value", was.value, now.value, level)


_METRIC_FIELDS = ["unit", "source", "higher_is_better", "kind", "data"]
"""What a metric is, besides its value and target; `n`, `measured` and `history` are written by
`cjm measure` with each new value."""


def _metric_fields(root: tuple[str, ...], before: Analysis, after: Analysis) -> list[Change]:
    old_metrics = {(m.place.touchpoint.id, m.metric.name): m.metric for m in before.metrics}
    changes = []
    for status in after.metrics:
        key = (status.place.touchpoint.id, status.metric.name)
        if key in old_metrics:
            path = (*root, status.place.stage.id, *key)
            found = _fields(path, old_metrics[key], status.metric, _METRIC_FIELDS)
            changes += [replace(c, field=f"metric.{c.field}") for c in found]
    return changes


def _improvements(root: tuple[str, ...], old: LoadedJourney, new: LoadedJourney) -> list[Change]:
    changes = []
    old_items = {(tp.id, i.text): (s, i) for _, s, tp in old.journey.touchpoints() for i in _items(tp)}
    new_items = {(tp.id, i.text): (s, i) for _, s, tp in new.journey.touchpoints() for i in _items(tp)}
    for key, (stage, item) in new_items.items():
        path, was = (*root, stage.id, *key), old_items.get(key, (None, None))[1]
        if was is None:
            changes.append(Change(ChangeKind.ADDED, path, "improvement", None, item.status))
            continue
        if was.status != item.status:
            level: Level = "better" if item.status == "done" else "neutral"
            changes.append(
                Change(ChangeKind.IMPROVEMENT_STATUS, path, "status", was.status, item.status, level)
            )
        others = [f for f in Improvement.model_fields if f not in ("text", "status")]
        changes += [replace(c, field=f"improvement.{c.field}") for c in _fields(path, was, item, others)]
    for key, (stage, item) in old_items.items():
        if key not in new_items:
            changes.append(
                Change(ChangeKind.REMOVED, (*root, stage.id, *key), "improvement", item.status, None)
            )
    return changes


def _items(touchpoint: Touchpoint) -> list[Improvement]:
    """A touchpoint's improvements; the model has already made objects of those written as text."""
    return [i for i in touchpoint.improvements if isinstance(i, Improvement)]


def _averages(old: list[Any], new: list[Any]) -> list[AverageChange]:
    old_by_id = {a.id: a for a in old}
    new_by_id = {a.id: a for a in new}
    ids = [a.id for a in new] + [a.id for a in old if a.id not in new_by_id]
    return [
        AverageChange(
            i,
            (new_by_id.get(i) or old_by_id[i]).name,
            old_by_id[i].emotion if i in old_by_id else None,
            new_by_id[i].emotion if i in new_by_id else None,
        )
        for i in ids
    ]


class _Labels:
    """What people call the things a diff names: their name, with the id where two share it."""

    def __init__(self, old: LoadedJourney, new: LoadedJourney, t: Words) -> None:
        self.names: dict[str, dict[str, str]] = {}
        self.t = t
        self.everyone = everyone(t)
        for side in (old, new):  # the new name wins
            journey, scope = side.journey, side.scope
            self._add("journey", {journey.id: journey.title})
            self._add("phase", {p.id: phase_title(p, t) for p in journey.phases})
            self._add("stage", {s.id: s.name for _, s in journey.stages()})
            self._add("touchpoint", {tp.id: tp.name for _, _, tp in journey.touchpoints()})
            self._add("persona", {i: p.name for i, p in scope.personas.items()})
            self._add("team", {i: t.name for i, t in scope.teams.items()})
            self._add("channel", {i: channel_name(c, t) for i, c in scope.channels.items()})

    def _add(self, kind: str, names: dict[str, str]) -> None:
        self.names.setdefault(kind, {}).update(names)

    def label(self, kind: str, ident: str) -> str:
        if kind == "persona" and ident == "*":
            return self.everyone
        names = self.names.get(kind, {})
        name = names.get(ident, ident)
        shared = sum(other == name for other in names.values()) > 1
        return f"{name} ({ident})" if shared else name

    def named(self, change: Change) -> Change:
        names = tuple(self.label(kind, i) for kind, i in zip(_steps(change), change.path, strict=True))
        kind = _VALUE_KINDS.get((change.field or "").split(".")[-1])
        if change.kind is ChangeKind.MOVED:
            kind = "stage" if change.field == "touchpoint" else "phase"
        if change.kind is ChangeKind.RENAMED and change.field == "phase":  # from or to its default name
            ident = change.path[-1]
            default = self.t(PHASE_NAMES[ident]) if ident in PHASE_NAMES else ident
            return replace(
                change, names=names, old_name=change.old or default, new_name=change.new or default
            )
        if kind is None:
            return replace(change, names=names)
        return replace(
            change,
            names=names,
            old_name=self._values(kind, change.old),
            new_name=self._values(kind, change.new),
        )

    def _values(self, kind: str, value: Any) -> Any:
        if isinstance(value, list):
            return [self.label(kind, v) for v in value]
        return None if value is None else self.label(kind, value)


_VALUE_KINDS = {"channel": "channel", "owner": "team", "personas": "persona"}


def _steps(change: Change) -> tuple[str, ...]:
    """The kind of each step of a change's path."""
    length, field = len(change.path), (change.field or "").split(".")[0]
    if length == 1:
        return ("journey",)
    if length == 2:
        return ("journey", field)
    if length == 3 and field in ("stage", "scenario", "context"):
        return ("journey", "phase", "stage")
    if length == 3:
        return ("journey", "stage", "touchpoint")
    last = "persona" if field in ("emotion", "moment") else "item"  # a metric's name, an improvement's text
    return ("journey", "stage", "touchpoint", last)


def _persona(persona: str | None) -> str:
    return "*" if persona is None else persona
