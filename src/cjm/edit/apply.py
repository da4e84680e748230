"""Apply operations to a journey's text: each one found by id, and turned into edits of nodes."""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from cjm.edit.ops import (
    AddImprovement,
    AddStage,
    AddTouchpoint,
    MoveTouchpoint,
    Op,
    OpProblem,
    OpsError,
    RemoveStage,
    RemoveTouchpoint,
    SetEmotion,
    SetJourney,
    UpdateStage,
    UpdateTouchpoint,
)
from cjm.edit.yamltext import Delete, Insert, Path, Set, YamlText, plain
from cjm.model import Journey, Stage, Touchpoint

TOUCHPOINT_ORDER = tuple(Touchpoint.model_fields)
STAGE_ORDER = tuple(Stage.model_fields)
JOURNEY_ORDER = tuple(Journey.model_fields)


def apply_op(document: YamlText, index: int, op: Op) -> None:
    """Make one operation's edits; an id that is not there is an `OpsError` naming the op."""
    tree = document.tree()
    if not isinstance(tree, CommentedMap):
        raise OpsError([OpProblem(index, "", "the file is not a journey (its top level is not a mapping)")])
    place = _Places(tree, index)
    for edit in _edits(place, op, tree):
        document.apply(edit)


def _edits(place: _Places, op: Op, tree: CommentedMap) -> list[Any]:
    if isinstance(op, AddTouchpoint):
        stage = place.stage(op.stage, "stage")
        at = place.position(tree, stage, "touchpoints", op.after)
        place.unused_touchpoint(str(op.touchpoint.get("id", "")))
        return _insert(tree, (*stage, "touchpoints"), at, op.touchpoint)
    if isinstance(op, UpdateTouchpoint):
        return _fields(
            place.touchpoint(op.touchpoint, "touchpoint"), op.set, op.unset, TOUCHPOINT_ORDER, tree
        )
    if isinstance(op, RemoveTouchpoint):
        path = place.touchpoint(op.touchpoint, "touchpoint")
        return [Delete(path[:-1], path[-1])]
    if isinstance(op, MoveTouchpoint):
        path = place.touchpoint(op.touchpoint, "touchpoint")
        stage = place.stage(op.stage, "stage")
        node = _node(tree, path)
        if op.after == op.touchpoint:
            raise OpsError([OpProblem(place.index, "after", "a touchpoint cannot go after itself")])
        del _node(tree, path[:-1])[path[-1]]  # where it goes, counted without it
        at = place.position(tree, stage, "touchpoints", op.after)
        edits: list[Any] = [Delete(path[:-1], path[-1])]
        return edits + _insert(tree, (*stage, "touchpoints"), at, node)
    if isinstance(op, AddStage):
        phase = place.phase(op.phase)
        at = place.position(tree, phase, "stages", op.after)
        place.unused_stage(str(op.stage.get("id", "")))
        return _insert(
            tree, (*phase, "stages"), at, {**op.stage, "touchpoints": op.stage.get("touchpoints", [])}
        )
    if isinstance(op, UpdateStage):
        return _fields(place.stage(op.stage, "stage"), op.set, op.unset, STAGE_ORDER, tree)
    if isinstance(op, RemoveStage):
        path = place.stage(op.stage, "stage")
        held = _node(tree, path).get("touchpoints") or []
        if held and not op.cascade:
            ids = ", ".join(str(t.get("id")) for t in held if isinstance(t, dict))
            message = f"stage '{op.stage}' holds touchpoints ({ids}): move them, or give \"cascade\": true"
            raise OpsError([OpProblem(place.index, "stage", message)])
        return [Delete(path[:-1], path[-1])]
    if isinstance(op, AddImprovement):
        path = place.touchpoint(op.touchpoint, "touchpoint")
        improvements = _node(tree, path).get("improvements")
        if isinstance(improvements, CommentedSeq):
            return _insert(tree, (*path, "improvements"), len(improvements), op.improvement)
        kept = [improvements] if improvements is not None else []
        return [Set(path, "improvements", [*plain(kept), op.improvement], TOUCHPOINT_ORDER)]
    if isinstance(op, SetEmotion):
        return _emotion(place, op, tree)
    assert isinstance(op, SetJourney)
    return _fields((), op.set, op.unset, JOURNEY_ORDER, tree)


def _insert(tree: CommentedMap, path: Path, at: int, value: Any) -> list[Any]:
    """Insert into the sequence at `path`; a key that is missing or empty is written whole."""
    sequence = _node(tree, path[:-1]).get(path[-1])
    if isinstance(sequence, CommentedSeq) and sequence:
        return [Insert(path, at, value)]
    order = (
        TOUCHPOINT_ORDER if path[-1] == "improvements" else STAGE_ORDER if path[-1] == "touchpoints" else ()
    )
    return [Set(path[:-1], str(path[-1]), [value], order)]


def _fields(
    path: Path, values: dict[str, Any], unset: list[str], order: tuple[str, ...], tree: CommentedMap
) -> list[Any]:
    node = _node(tree, path)
    edits: list[Any] = [Set(path, name, value, order) for name, value in values.items()]
    return edits + [Delete(path, name) for name in unset if name in node and name not in values]


def _emotion(place: _Places, op: SetEmotion, tree: CommentedMap) -> list[Any]:
    path = place.touchpoint(op.touchpoint, "touchpoint")
    touchpoint = _node(tree, path)
    if op.persona is None:
        return [Set(path, "emotion", op.value, TOUCHPOINT_ORDER)]
    now = touchpoint.get("emotion")
    if isinstance(now, CommentedMap):
        return [Set((*path, "emotion"), op.persona, op.value)]
    passing = touchpoint.get("personas") or [_id(p) for p in tree.get("personas") or []]
    passing = [passing] if isinstance(passing, str) else list(passing)
    emotions = {str(p): now for p in passing if now is not None and str(p) != op.persona}
    emotions[op.persona] = op.value
    return [Set(path, "emotion", emotions, TOUCHPOINT_ORDER)]


def _id(item: Any) -> str:
    return str(item.get("id")) if isinstance(item, dict) else str(item)


def _node(tree: Any, path: Path) -> Any:
    for step in path:
        tree = tree[step]
    return tree


class _Places:
    """Where each phase, stage and touchpoint of the journey is, found by id."""

    def __init__(self, tree: CommentedMap, index: int) -> None:
        self.index = index
        self.phases: dict[str, Path] = {}
        self.stages: dict[str, Path] = {}
        self.touchpoints: dict[str, Path] = {}
        for pi, phase in enumerate(_items(tree.get("phases"))):
            self.phases.setdefault(_id(phase), ("phases", pi))
            for si, stage in enumerate(_items(phase.get("stages"))):
                self.stages.setdefault(_id(stage), ("phases", pi, "stages", si))
                for ti, touchpoint in enumerate(_items(stage.get("touchpoints"))):
                    self.touchpoints.setdefault(
                        _id(touchpoint), ("phases", pi, "stages", si, "touchpoints", ti)
                    )

    def _missing(self, what: str, ident: str, known: dict[str, Path], field: str) -> OpsError:
        from cjm.model import did_you_mean

        hint = did_you_mean(ident, known) or f" (its {what}s: {', '.join(known) or 'none'})"
        return OpsError([OpProblem(self.index, field, f"no {what} '{ident}' in the journey{hint}")])

    def touchpoint(self, ident: str, field: str) -> Path:
        if ident not in self.touchpoints:
            raise self._missing("touchpoint", ident, self.touchpoints, field)
        return self.touchpoints[ident]

    def stage(self, ident: str, field: str) -> Path:
        if ident not in self.stages:
            raise self._missing("stage", ident, self.stages, field)
        return self.stages[ident]

    def phase(self, ident: str) -> Path:
        if ident not in self.phases:
            message = f"the journey has no phase '{ident}': add it to 'phases' first (by hand)"
            raise OpsError([OpProblem(self.index, "phase", message)])
        return self.phases[ident]

    def unused_touchpoint(self, ident: str) -> None:
        if ident in self.touchpoints:
            raise OpsError(
                [OpProblem(self.index, "touchpoint.id", f"the journey has a touchpoint '{ident}' already")]
            )

    def unused_stage(self, ident: str) -> None:
        if ident in self.stages:
            raise OpsError([OpProblem(self.index, "stage.id", f"the journey has a stage '{ident}' already")])

    def position(self, tree: CommentedMap, parent: Path, key: str, after: str | None) -> int:
        """The index a new item takes in the sequence `key` of `parent`: after `after`, else last."""
        items = _node(tree, parent).get(key)
        items = items if isinstance(items, list) else []
        if after is None:
            return len(items)
        for index, item in enumerate(items):
            if isinstance(item, dict) and _id(item) == after:
                return index + 1
        kind = "touchpoint" if key == "touchpoints" else "stage"
        here = _id(_node(tree, parent))
        known = ", ".join(_id(i) for i in items) or "none"
        holder = "stage" if kind == "touchpoint" else "phase"
        message = f"no {kind} '{after}' in {holder} '{here}' (its {kind}s: {known})"
        raise OpsError([OpProblem(self.index, "after", message)])


def _items(value: Any) -> list[Any]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []
