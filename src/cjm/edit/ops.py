"""The operations `cjm edit` applies to a journey, as pydantic models: their JSON Schema is the
contract an assistant writes against.

An operation names what it changes by id. The objects it adds (a touchpoint, a stage, an
improvement) and the fields it sets are checked against the format's own models, so a wrong
value is refused with the operation's index and field before any line is written.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal, TypeAlias

from pydantic import BaseModel, ConfigDict, Field, GetJsonSchemaHandler, TypeAdapter, ValidationError
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, ErrorDetails

from cjm.model import (
    SLUG_PATTERN,
    UNION_TAG_PREFIX,
    Improvement,
    Journey,
    Node,
    Stage,
    Touchpoint,
    did_you_mean,
)

Id = Annotated[str, Field(pattern=SLUG_PATTERN)]
Emotion = int | str


@dataclass(frozen=True)
class _SchemaOf:
    """The JSON Schema of a field that holds one of the format's objects: that object's."""

    model: type[BaseModel]

    def __get_pydantic_json_schema__(self, _: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return handler(self.model.__pydantic_core_schema__)


TouchpointFields = Annotated[dict[str, Any], _SchemaOf(Touchpoint)]
StageFields = Annotated[dict[str, Any], _SchemaOf(Stage)]
ImprovementFields = Annotated[str | dict[str, Any], _SchemaOf(Improvement)]
Fields = Annotated[
    dict[str, Any], Field(description="Fields to give these values, as the format writes them.")
]
Unset = Annotated[list[str], Field(description="Fields to take out.")]
After = Annotated[
    Id | None, Field(description="Put it after this one (an id in the same place). Default: last.")
]


class _Op(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AddTouchpoint(_Op):
    """Add a touchpoint to a stage."""

    op: Literal["add_touchpoint"]
    stage: Id
    after: After = None
    touchpoint: TouchpointFields


class UpdateTouchpoint(_Op):
    """Set and take out fields of a touchpoint; the lines of the others stay as they are."""

    op: Literal["update_touchpoint"]
    touchpoint: Id
    set: Fields = {}
    unset: Unset = []


class RemoveTouchpoint(_Op):
    """Take a touchpoint out of the journey."""

    op: Literal["remove_touchpoint"]
    touchpoint: Id


class MoveTouchpoint(_Op):
    """Move a touchpoint, as written, to a stage (the same or another)."""

    op: Literal["move_touchpoint"]
    touchpoint: Id
    stage: Id
    after: After = None


class AddStage(_Op):
    """Add a stage to a phase (with no touchpoints unless it brings them)."""

    op: Literal["add_stage"]
    phase: Literal["before", "during", "after"]
    after: After = None
    stage: StageFields


class UpdateStage(_Op):
    """Set and take out fields of a stage (its touchpoints change through touchpoint operations)."""

    op: Literal["update_stage"]
    stage: Id
    set: Fields = {}
    unset: Unset = []


class RemoveStage(_Op):
    """Take a stage out; refused while it holds touchpoints, unless `cascade` takes them too."""

    op: Literal["remove_stage"]
    stage: Id
    cascade: bool = False


class AddImprovement(_Op):
    """Add an improvement (a text, or an object) to a touchpoint."""

    op: Literal["add_improvement"]
    touchpoint: Id
    improvement: ImprovementFields


class SetEmotion(_Op):
    """Record how the customer feels at a touchpoint: for everyone, or for one persona (the
    other personas keep the value they had)."""

    op: Literal["set_emotion"]
    touchpoint: Id
    persona: Id | None = None
    value: Annotated[
        Emotion,
        Field(
            description="-2 very negative … 2 very positive, or its word (negative, muy-positivo…).",
            json_schema_extra={
                "oneOf": [{"type": "integer", "minimum": -2, "maximum": 2}, {"type": "string"}]
            },
        ),
    ]


class SetJourney(_Op):
    """Set and take out the journey's own fields: title, description, state, lang, owner,
    status, review_by, personas, teams, channels, catalogs."""

    op: Literal["set_journey"]
    set: Fields = {}
    unset: Unset = []


Op: TypeAlias = Annotated[
    AddTouchpoint | UpdateTouchpoint | RemoveTouchpoint | MoveTouchpoint | AddStage | UpdateStage
    | RemoveStage | AddImprovement | SetEmotion | SetJourney,
    Field(discriminator="op"),
]  # fmt: skip
OPS = TypeAdapter(list[Op])

JOURNEY_FIELDS = tuple(f for f in Journey.model_fields if f not in ("cjm", "kind", "id", "phases"))
"""What set_journey may change: the journey's own fields, not its identity or its phases."""


def ops_schema() -> dict[str, Any]:
    """The JSON Schema of a list of operations."""
    return OPS.json_schema()


@dataclass(frozen=True)
class OpProblem:
    """Something wrong with one operation: its index (from 0), the field, and what is wrong."""

    index: int | None
    field: str
    message: str
    where: tuple[Step, ...] = ()  # the path to the field inside the list of operations

    def __str__(self) -> str:
        at = f"op {self.index}" if self.index is not None else "ops"
        return f"{at}: {self.field}: {self.message}" if self.field else f"{at}: {self.message}"


Step = str | int


class OpsError(Exception):
    def __init__(self, problems: list[OpProblem]) -> None:
        super().__init__("; ".join(map(str, problems)))
        self.problems = problems


def parse_ops(data: Any) -> list[Op]:
    """The operations in `data` (a decoded JSON list), each checked as the format says."""
    if not isinstance(data, list):
        raise OpsError([OpProblem(None, "", 'give a list of operations: [{"op": ...}, ...]')])
    try:
        ops = OPS.validate_python(data)
    except ValidationError as exc:
        raise OpsError([_problem(error) for error in exc.errors(include_url=False)]) from None
    problems = [p for index, op in enumerate(ops) for p in _payload_problems(index, op)]
    if problems:
        raise OpsError(problems)
    return ops


def read_ops(text: str) -> list[Op]:
    """Operations from JSON text; problems point at the line and column of the operation."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise OpsError([OpProblem(None, "", f"not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")])
    return parse_ops(data)


def _payload_problems(index: int, op: Any) -> list[OpProblem]:
    """The added objects and the set fields checked against the format's models."""
    if isinstance(op, AddTouchpoint):
        return _checked(index, ("touchpoint",), Touchpoint, op.touchpoint)
    if isinstance(op, AddStage):
        return _checked(index, ("stage",), Stage, {"touchpoints": [], **op.stage})
    if isinstance(op, AddImprovement):
        value = op.improvement
        return [] if isinstance(value, str) else _checked(index, ("improvement",), Improvement, value)
    if isinstance(op, (UpdateTouchpoint, UpdateStage, SetJourney)):
        models: dict[type[_Op], type[Node]] = {
            UpdateTouchpoint: Touchpoint,
            UpdateStage: Stage,
            SetJourney: Journey,
        }
        model = models[type(op)]
        allowed = _changeable(type(op))
        problems = [
            OpProblem(
                index,
                f"{part}.{name}" if part == "set" else f"unset[{i}]",
                _not_changeable(name, allowed, part),
            )
            for part, names in (("set", list(op.set)), ("unset", op.unset))
            for i, name in enumerate(names)
            if name not in allowed
        ]
        changed = {k: v for k, v in op.set.items() if k in allowed}
        return problems + _fields_problems(index, model, changed)
    if isinstance(op, SetEmotion):
        return _checked(
            index, ("value",), Touchpoint, {**_MINIMAL[Touchpoint], "emotion": op.value}, only="emotion"
        )
    return []


def _changeable(kind: type[_Op]) -> tuple[str, ...]:
    if kind is SetJourney:
        return JOURNEY_FIELDS
    model = Touchpoint if kind is UpdateTouchpoint else Stage
    return tuple(f for f in model.model_fields if f not in ("id", "touchpoints"))


def _not_changeable(name: str, allowed: tuple[str, ...], part: str) -> str:
    if name == "id":
        return "an id is how maps, diffs and other files name this: it is not changed by an edit"
    if name in ("touchpoints", "phases"):
        return f"'{name}' changes through the operations on stages and touchpoints"
    if name in ("cjm", "kind"):
        return f"'{name}' is part of what the file is, not a field to edit"
    return f"unknown field '{name}'{did_you_mean(name, allowed)}"


_MINIMAL: dict[type[Node], dict[str, Any]] = {
    Touchpoint: {"id": "x", "name": "x", "channel": "web"},
    Stage: {"id": "x", "name": "x", "touchpoints": []},
    Journey: {"cjm": 1, "id": "x", "title": "x", "phases": []},
}


def _fields_problems(index: int, model: type[Node], values: dict[str, Any]) -> list[OpProblem]:
    """Each set field checked as that model's field (in an object that is otherwise minimal)."""
    return [
        problem
        for name, value in values.items()
        for problem in _checked(index, ("set", name), model, {**_MINIMAL[model], name: value}, only=name)
    ]


def _checked(
    index: int, at: tuple[str, ...], model: type[Node], value: Any, only: str | None = None
) -> list[OpProblem]:
    try:
        model.model_validate(value, context={})
    except ValidationError as exc:
        errors = [
            e for e in exc.errors(include_url=False) if only is None or (e["loc"] and e["loc"][0] == only)
        ]
        return [
            OpProblem(
                index, _joined((*at, *e["loc"][1:]) if only else (*at, *e["loc"])), _message(e), (index, *at)
            )
            for e in errors
        ]
    return []


def _problem(error: ErrorDetails) -> OpProblem:
    loc = [step for step in error["loc"] if not (isinstance(step, str) and step.startswith(UNION_TAG_PREFIX))]
    if error["type"] == "union_tag_invalid":
        message = (
            f"unknown operation {error['input'].get('op')!r}{did_you_mean(str(error['input'].get('op')), _OP_NAMES)}"
            if isinstance(error["input"], dict)
            else _message(error)
        )
    elif error["type"] == "union_tag_not_found":
        message = f'an operation needs "op": one of {", ".join(_OP_NAMES)}'
    else:
        message = _message(error)
    index = loc[0] if loc and isinstance(loc[0], int) else None
    rest = tuple(loc[1:]) if index is not None else tuple(loc)
    if rest and rest[0] in _OP_NAMES:
        rest = rest[1:]  # the member of the union the error was found in
    return OpProblem(index, _joined(rest), message, tuple(loc))


_OP_NAMES = [
    "add_touchpoint", "update_touchpoint", "remove_touchpoint", "move_touchpoint", "add_stage",
    "update_stage", "remove_stage", "add_improvement", "set_emotion", "set_journey",
]  # fmt: skip


def _message(error: ErrorDetails) -> str:
    if error["type"] == "extra_forbidden":
        return "unknown field"
    if error["type"] == "missing":
        return "required, and missing"
    if error["type"] == "string_pattern_mismatch":
        return f"{error['input']!r} is not an id: lowercase letters, digits, '-' and '_'"
    return re.sub(r"^Value error, ", "", error["msg"])


def _joined(loc: tuple[Any, ...] | list[Any]) -> str:
    text = ""
    for step in loc:
        if isinstance(step, str) and step.startswith(UNION_TAG_PREFIX):
            continue
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


_WHITESPACE = re.compile(r"[ \t\n\r]*")
_STEP = re.compile(r"\.?([^.\[\]]+)|\[(\d+)\]")


def json_position(text: str, problem: OpProblem) -> tuple[int, int]:
    """The 1-based line and column in the JSON `text` of the field a problem is about (of the
    deepest part of its path that is written there)."""
    path: list[Step] = [] if problem.index is None else [problem.index]
    for match in _STEP.finditer(problem.field):
        path.append(match.group(1) if match.group(1) is not None else int(match.group(2)))
    offset = _offset(text, _WHITESPACE.match(text, 0).end(), path)  # type: ignore[union-attr]
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _offset(text: str, at: int, path: list[Step]) -> int:
    """Where the value at `path` starts, from the value that starts at `at`."""
    if not path or at >= len(text) or text[at] not in "[{":
        return at
    decoder = json.JSONDecoder()
    step, rest = path[0], path[1:]
    closing = "]" if text[at] == "[" else "}"
    position, index = _WHITESPACE.match(text, at + 1).end(), 0  # type: ignore[union-attr]
    try:
        while position < len(text) and text[position] != closing:
            key: Step = index
            if closing == "}":
                key, position = decoder.raw_decode(text, position)
                position = _WHITESPACE.match(text, position).end() + 1  # type: ignore[union-attr]
                position = _WHITESPACE.match(text, position).end()  # type: ignore[union-attr]
            if key == step:
                return _offset(text, position, rest)
            _, position = decoder.raw_decode(text, position)
            position = _WHITESPACE.match(text, position).end()  # type: ignore[union-attr]
            if text[position : position + 1] == ",":
                position = _WHITESPACE.match(text, position + 1).end()  # type: ignore[union-attr]
            index += 1
    except (json.JSONDecodeError, IndexError):
        pass
    return at
