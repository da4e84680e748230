"""A journey as spreadsheet sheets, and sheets back into a journey, cell for cell.

The touchpoints sheet has one row per touchpoint: its phase's and stage's fields (`phase.id`,
`stage.name`...), then every touchpoint field under its own name. An emotion recorded as one
score is in the column `emotion`; one recorded per persona is in `emotion:ID` columns (both
kinds of column appear when a journey uses both). A stage without touchpoints is a row with no
touchpoint id, a phase without stages a row with only its phase. A workbook has a sheet each for
the journey's own fields, personas, teams and channels; a CSV file, which holds one table, has
the journey's fields in `journey.*` columns of its first row instead.

Reading back, a row whose `phase.id` or `stage.id` is empty continues the phase or stage of the
row above, as people leave them when they fill a sheet by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel

from cjm.exchange import cells
from cjm.exchange.disables import DISABLE, read_disable
from cjm.exchange.places import NodePath
from cjm.model import Channel, Journey, Node, Persona, Phase, Stage, Team, Touchpoint, did_you_mean
from cjm.project import LoadedJourney
from cjm.spreadsheet import cell_text

Sheets = dict[str, list[list[Any]]]
"""Each sheet's rows, by sheet name; the first row holds the headers."""

TOUCHPOINTS, JOURNEY = "touchpoints", "journey"
LISTS: dict[str, type[Node]] = {"personas": Persona, "teams": Team, "channels": Channel}
EMOTIONS = ("emotion", "expected_emotion")
JOURNEY_FIELDS = [f for f in Journey.model_fields if f not in ("cjm", "kind", "phases", *LISTS)]
PHASE_COLUMNS = [f"phase.{f}" for f in Phase.model_fields if f != "stages"]
STAGE_COLUMNS = [f"stage.{f}" for f in Stage.model_fields if f != "touchpoints"]
FROM = "from"
"""The first column of the personas, teams and channels sheets: journey (defined in the journey
itself) or catalog (named by id, defined in a catalog; its other cells are shown, not read)."""


def kind_of(model: type[BaseModel], name: str) -> str:
    """How the field is written in a cell: text, lines, ids, improvements, metrics, emotion, flow."""
    if name in EMOTIONS or name in ("improvements", "metrics"):
        return "emotion" if name in EMOTIONS else name
    if (model, name) in ((Touchpoint, "personas"), (Persona, "channels")):
        return "ids"
    annotation = model.model_fields[name].annotation
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        text = item is str or (get_origin(item) is Annotated and get_args(item)[0] is str)
        return "lines" if text else "flow-lines"
    members = get_args(annotation) or (annotation,)
    structured = any(
        get_origin(m) is dict or (isinstance(m, type) and issubclass(m, (BaseModel, dict))) for m in members
    )
    return "flow" if structured else "text"


def write_cell(model: type[BaseModel], name: str, value: Any) -> Any:
    if value is None or value == [] or value == {}:
        return None
    kind = kind_of(model, name)
    if kind == "lines":
        return cells.write_lines(value)
    if kind == "ids":
        return cells.write_ids(value)
    if kind == "improvements":
        return cells.write_improvements(value)
    if kind in ("metrics", "flow-lines"):
        return cells.write_flow_lines([_plain(item) for item in value])
    if kind == "flow":
        return cells.flow(_plain(value))
    return value if isinstance(value, (str, int, float)) else str(value)


def _plain(value: Any) -> Any:
    return value.model_dump(exclude_defaults=True, warnings=False) if isinstance(value, BaseModel) else value


def read_cell(model: type[BaseModel], name: str, value: Any) -> Any:
    """The cell as the field's value; None when it is empty (the field is left out)."""
    text = cell_text(value)
    if text is None or not text.strip():
        return None
    kind = kind_of(model, name)
    if kind == "lines":
        return cells.read_lines(text)
    if kind == "ids":
        return cells.read_ids(text)
    if kind == "improvements":
        return cells.read_improvements(text)
    if kind == "metrics":
        return [{"name": item} if isinstance(item, str) else item for item in cells.read_flow_lines(text)]
    if kind == "flow-lines":
        return cells.read_flow_lines(text)
    if kind == "flow":
        return cells.unflow(text)
    return text


# -- a journey as sheets --------------------------------------------------------------------------


def _emotion_columns(journey: Journey, name: str) -> list[str]:
    single, personas = False, []
    for _, _, touchpoint in journey.touchpoints():
        value = getattr(touchpoint, name)
        if isinstance(value, dict):
            personas += [p for p in value if p not in personas]
        elif value is not None:
            single = True
    listed = [p if isinstance(p, str) else p.id for p in journey.personas]
    personas.sort(key=lambda p: listed.index(p) if p in listed else len(listed))
    return ([name] if single or not personas else []) + [f"{name}:{p}" for p in personas]


def touchpoint_columns(journey: Journey) -> list[str]:
    columns = PHASE_COLUMNS + STAGE_COLUMNS
    for name in Touchpoint.model_fields:
        columns += _emotion_columns(journey, name) if name in EMOTIONS else [name]
    return columns


def _touchpoint_cells(touchpoint: Touchpoint) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name in Touchpoint.model_fields:
        value = getattr(touchpoint, name)
        if name in EMOTIONS and isinstance(value, dict):
            found.update({f"{name}:{p}": score for p, score in value.items()})
        else:
            found[name] = write_cell(Touchpoint, name, value)
    return found


def _node_cells(node: Node, prefix: str, skip: str) -> dict[str, Any]:
    model = type(node)
    return {f"{prefix}{f}": write_cell(model, f, getattr(node, f)) for f in model.model_fields if f != skip}


def journey_sheets(
    loaded: LoadedJourney,
    catalog_path: Callable[[str], str],
    *,
    workbook: bool,
    disables: dict[NodePath, str] | None = None,
) -> Sheets:
    """The journey as sheets: a workbook's (touchpoints, journey, personas, teams, channels), or
    the one table of a CSV file. `catalog_path` rewrites a catalog's path for where the sheet goes;
    `disables` are the `disable` cells of the items that have inline comments, by their path."""
    journey = loaded.journey
    disables = disables or {}
    columns = touchpoint_columns(journey)
    rows: list[dict[str, Any]] = []
    for p, phase in enumerate(journey.phases):
        phase_cells = _node_cells(phase, "phase.", "stages") | {
            f"phase.{DISABLE}": disables.get(("phases", p))
        }
        if not phase.stages:
            rows.append(phase_cells)
        for s, stage in enumerate(phase.stages):
            stage_path = ("phases", p, "stages", s)
            stage_cells = phase_cells | _node_cells(stage, "stage.", "touchpoints")
            stage_cells[f"stage.{DISABLE}"] = disables.get(stage_path)
            rows += [
                stage_cells | _touchpoint_cells(t) | {DISABLE: disables.get((*stage_path, "touchpoints", i))}
                for i, t in enumerate(stage.touchpoints)
            ] or [stage_cells]
    columns += [
        c for c in (f"phase.{DISABLE}", f"stage.{DISABLE}", DISABLE) if any(row.get(c) for row in rows)
    ]
    own = {name: write_cell(Journey, name, getattr(journey, name)) for name in JOURNEY_FIELDS}
    if journey.catalogs:
        own["catalogs"] = cells.write_lines([catalog_path(c) for c in journey.catalogs])
    own_disable = [DISABLE] if disables.get(()) else []
    own[DISABLE] = disables.get(())
    if not workbook:
        own_columns = [f"journey.{name}" for name in [*JOURNEY_FIELDS, *LISTS, *own_disable]]
        listed = {name: cells.write_flow_lines([_plain(i) for i in getattr(journey, name)]) for name in LISTS}
        first = {f"journey.{k}": v for k, v in (own | listed).items()}
        rows = rows or [{}]
        rows[0] = rows[0] | first
        columns = columns + own_columns
    sheets: Sheets = {TOUCHPOINTS: [columns] + [[row.get(c) for c in columns] for row in rows]}
    if workbook:
        fields = [*JOURNEY_FIELDS, *own_disable]
        sheets[JOURNEY] = [["field", "value"]] + [[name, own[name]] for name in fields]
        for name, model in LISTS.items():
            sheets[name] = _list_sheet(loaded, name, model, disables)
    return sheets


def _list_sheet(
    loaded: LoadedJourney, name: str, model: type[Node], disables: dict[NodePath, str]
) -> list[list[Any]]:
    fields = list(model.model_fields)
    defined: dict[str, Node] = getattr(loaded.scope, name)
    items = getattr(loaded.journey, name)
    own_disable = [DISABLE] if any(disables.get((name, i)) for i in range(len(items))) else []
    rows: list[list[Any]] = [[FROM, *fields, *own_disable]]
    for index, item in enumerate(items):
        origin = "catalog" if isinstance(item, str) else "journey"
        shown = defined.get(item) if isinstance(item, str) else item
        comments = [disables.get((name, index))] if own_disable else []
        if shown is None:  # pragma: no cover - a usable journey's references are all defined
            rows.append([origin, item] + [None] * (len(fields) - 1) + comments)
            continue
        rows.append([origin] + [write_cell(model, f, getattr(shown, f)) for f in fields] + comments)
    return rows


# -- sheets back into a journey -------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """Where a value was read: the sheet (None in a CSV file), the row (from 1, the headers' row),
    and the column's header (or, on the journey sheet, the field)."""

    sheet: str | None
    row: int | None = None
    column: str | None = None
    label: str = "column"

    def describe(self, file: str) -> str:
        """ "sheet.csv: row 14, column channel"; "book.xlsx: sheet touchpoints, row 7, column emotion"."""
        parts = [f"sheet {self.sheet}"] if self.sheet else []
        parts += [f"row {self.row}"] if self.row else []
        parts += [f"{self.label} {self.column}"] if self.column else []
        return f"{file}: {', '.join(parts)}" if parts else file


@dataclass
class _Reading:
    csv: bool
    errors: list[tuple[Place, str]] = field(default_factory=list)
    where: dict[NodePath, Place] = field(default_factory=dict)
    comments: dict[NodePath, str] = field(default_factory=dict)  # the `# cjm: disable` comments to write
    prefix: dict[NodePath, str] = field(default_factory=dict)

    @property
    def touchpoint_sheet(self) -> str | None:
        return None if self.csv else TOUCHPOINTS

    def cell(self, place: Place, read: Callable[..., Any], *args: Any) -> Any:
        try:
            return read(*args)
        except cells.CellError as exc:
            self.errors.append((place, str(exc)))
            return None


class SheetError(Exception):
    """Cells that do not make a journey: each with its place and what is wrong."""

    def __init__(self, problems: list[tuple[Place, str]]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def _headers(row: list[Any]) -> list[str]:
    return [(cell_text(h) or "").strip() for h in row]


def _rows(rows: list[list[Any]]) -> list[tuple[int, dict[str, Any]]]:
    """The body's rows, numbered as the spreadsheet numbers them, as header -> cell (empty rows left out)."""
    headers = _headers(rows[0])
    body = []
    for number, row in enumerate(rows[1:], start=2):
        values = {h: row[i] for i, h in enumerate(headers) if h and i < len(row) and cell_text(row[i])}
        if values:
            body.append((number, values))
    return body


def _check_headers(
    reading: _Reading, sheet: str | None, headers: list[str], known: Callable[[str], bool], choices: list[str]
) -> None:
    seen: set[str] = set()
    for header in headers:
        if not header:
            continue
        if header in seen:
            reading.errors.append((Place(sheet, 1, header), f"the column '{header}' appears twice"))
        elif not known(header):
            hint = did_you_mean(header, choices)
            reading.errors.append((Place(sheet, 1, header), f"unknown column '{header}'{hint}"))
        seen.add(header)


def read_journey(sheets: Sheets, *, csv: bool, catalog_path: Callable[[str], str]) -> SheetJourney:
    """What the sheets hold as a journey file would (not validated yet), where each value was read,
    and every cell that cannot be read (left out of the journey); SheetError without a table."""
    reading = _Reading(csv)
    data: dict[str, Any] = {"cjm": 1, "kind": "journey"}
    if TOUCHPOINTS not in sheets or not sheets[TOUCHPOINTS]:
        raise SheetError(
            [(Place(None if csv else TOUCHPOINTS), "no touchpoints sheet with a row of headers")]
        )
    data["phases"] = _read_touchpoints(reading, sheets[TOUCHPOINTS], data)
    if not csv:
        _read_journey_sheet(reading, sheets.get(JOURNEY) or [], data)
        for name, model in LISTS.items():
            _read_list_sheet(reading, name, model, sheets.get(name) or [], data)
    if data.get("catalogs"):
        data["catalogs"] = [catalog_path(c) for c in data["catalogs"]]
    return SheetJourney(data, reading)


@dataclass(frozen=True)
class SheetJourney:
    """A journey as read from sheets, before it is validated, and where each of its values was read."""

    data: dict[str, Any]
    _reading: _Reading

    @property
    def comments(self) -> dict[NodePath, str]:
        """The inline `# cjm: disable` comments the sheet carries, by the path of their node."""
        return self._reading.comments

    @property
    def problems(self) -> list[tuple[Place, str]]:
        """The cells that cannot be read, by sheet and row."""
        return sorted(self._reading.errors, key=lambda p: (p[0].sheet or "", p[0].row or 0))

    def place(self, path: NodePath) -> Place:
        """The cell (or row) the node at `path` was read from: the nearest one that holds it."""
        reading = self._reading
        for length in range(len(path), -1, -1):
            place = reading.where.get(path[:length])
            if place is None:
                continue
            rest = path[length:]
            if place.column is None and rest and isinstance(rest[0], str):
                column = reading.prefix.get(path[:length], "") + rest[0]
                place = Place(place.sheet, place.row, column, place.label)
            return place
        return Place(None if reading.csv else JOURNEY)


def _set(
    reading: _Reading, target: dict[str, Any], key: str, value: Any, place: Place, path: tuple[Any, ...]
) -> None:
    """Set a field read from a cell; a different value of it, read before, is a conflict."""
    if value is None:
        return
    if key in target and target[key] != value:
        before = reading.where.get(path)
        where = f" (row {before.row})" if before and before.row else ""
        reading.errors.append(
            (
                place,
                f"{value!r} differs from {target[key]!r} given before{where}: write the same, or leave it empty",
            )
        )
        return
    if key not in target:
        target[key] = value
        reading.where[path] = place


def _read_touchpoints(reading: _Reading, rows: list[list[Any]], data: dict[str, Any]) -> list[dict[str, Any]]:
    sheet = reading.touchpoint_sheet
    headers = _headers(rows[0])
    touchpoint_fields = [f for f in Touchpoint.model_fields if f not in EMOTIONS]
    journey_columns = [f"journey.{f}" for f in [*JOURNEY_FIELDS, *LISTS, DISABLE]] if reading.csv else []
    disables = [f"phase.{DISABLE}", f"stage.{DISABLE}", DISABLE]
    choices = PHASE_COLUMNS + STAGE_COLUMNS + list(Touchpoint.model_fields) + disables + journey_columns

    def known(header: str) -> bool:
        return header in choices or any(
            header.startswith(f"{e}:") and len(header) > len(e) + 1 for e in EMOTIONS
        )

    _check_headers(reading, sheet, headers, known, choices)
    phases: dict[str, dict[str, Any]] = {}
    stages: dict[str, tuple[str, dict[str, Any]]] = {}
    phase_id: str | None = None
    stage_id: str | None = None
    for number, row in _rows(rows):
        place = partial(Place, sheet, number)
        if reading.csv:
            _read_journey_columns(reading, number, row, data)
        structure = [h for h in row if not h.startswith("journey.")]
        if not structure:
            continue
        given_phase = cell_text(row.get("phase.id"))
        given_stage = cell_text(row.get("stage.id"))
        if given_phase is not None:
            if given_phase != phase_id:
                stage_id = None
            phase_id = given_phase.strip()
        if given_stage is not None:
            stage_id = given_stage.strip()
        if phase_id is None:
            reading.errors.append((place("phase.id"), "no phase: write before, during or after"))
            continue
        if phase_id not in phases:
            phases[phase_id] = {"id": phase_id, "stages": []}
            index = len(phases) - 1
            reading.where[("phases", index)] = Place(sheet, number, None)
            reading.where[("phases", index, "id")] = place("phase.id")
            reading.prefix[("phases", index)] = "phase."
        phase = phases[phase_id]
        phase_path: tuple[Any, ...] = ("phases", list(phases).index(phase_id))
        for column in PHASE_COLUMNS[1:]:
            name = column.removeprefix("phase.")
            value = reading.cell(place(column), read_cell, Phase, name, row.get(column))
            _set(reading, phase, name, value, place(column), (*phase_path, name))
        _read_disable(reading, row, f"phase.{DISABLE}", phase_path, place)
        has_stage_cells = any(h in STAGE_COLUMNS or h == f"stage.{DISABLE}" for h in row)
        touchpoint_cells = [h for h in structure if h not in PHASE_COLUMNS + STAGE_COLUMNS + disables[:2]]
        if stage_id is None:
            if touchpoint_cells or has_stage_cells:
                reading.errors.append((place("stage.id"), "no stage: write the stage's id"))
            continue
        if stage_id in stages and stages[stage_id][0] != phase_id:
            reading.errors.append(
                (place("stage.id"), f"stage '{stage_id}' is already in phase '{stages[stage_id][0]}'")
            )
            continue
        if stage_id not in stages:
            stages[stage_id] = (phase_id, {"id": stage_id, "touchpoints": []})
            phase["stages"].append(stages[stage_id][1])
            stage_path = (*phase_path, "stages", len(phase["stages"]) - 1)
            reading.where[stage_path] = Place(sheet, number, None)
            reading.where[(*stage_path, "id")] = place("stage.id")
            reading.prefix[stage_path] = "stage."
        stage = stages[stage_id][1]
        stage_path = (*phase_path, "stages", phase["stages"].index(stage))
        for column in STAGE_COLUMNS[1:]:
            name = column.removeprefix("stage.")
            value = reading.cell(place(column), read_cell, Stage, name, row.get(column))
            _set(reading, stage, name, value, place(column), (*stage_path, name))
        _read_disable(reading, row, f"stage.{DISABLE}", stage_path, place)
        if not touchpoint_cells:
            continue
        touchpoint: dict[str, Any] = {}
        path = (*stage_path, "touchpoints", len(stage["touchpoints"]))
        reading.where[path] = Place(sheet, number, None)
        for name in touchpoint_fields:
            value = reading.cell(place(name), read_cell, Touchpoint, name, row.get(name))
            if value is not None:
                touchpoint[name] = value
                reading.where[(*path, name)] = place(name)
        for name in EMOTIONS:
            _read_emotion(reading, row, name, touchpoint, path, place)
        _read_disable(reading, row, DISABLE, path, place)
        stage["touchpoints"].append(touchpoint)
    return list(phases.values())


def _read_disable(
    reading: _Reading, row: dict[str, Any], column: str, owner: NodePath, place: Callable[[str], Place]
) -> None:
    text = cell_text(row.get(column))
    if text is not None:
        reading.comments |= reading.cell(place(column), read_disable, text, owner) or {}


def _read_emotion(
    reading: _Reading,
    row: dict[str, Any],
    name: str,
    touchpoint: dict[str, Any],
    path: tuple[Any, ...],
    place: Callable[[str], Place],
) -> None:
    single = reading.cell(place(name), cells.read_emotion, row.get(name))
    per_persona: dict[str, int] = {}
    for header, value in row.items():
        if header.startswith(f"{name}:"):
            persona = header.split(":", 1)[1].strip()
            score = reading.cell(place(header), cells.read_emotion, value)
            if score is not None:
                per_persona[persona] = score
                reading.where[(*path, name, persona)] = place(header)
    if single is not None and per_persona:
        reading.errors.append(
            (place(name), f"give one {name} for everyone ({name}) or one per persona ({name}:ID), not both")
        )
    elif single is not None:
        touchpoint[name] = single
        reading.where[(*path, name)] = place(name)
    elif per_persona:
        touchpoint[name] = per_persona
        reading.where[(*path, name)] = place(f"{name}:{next(iter(per_persona))}")


def _read_journey_columns(reading: _Reading, number: int, row: dict[str, Any], data: dict[str, Any]) -> None:
    for name in JOURNEY_FIELDS:
        column = f"journey.{name}"
        place = Place(None, number, column)
        value = reading.cell(place, read_cell, Journey, name, row.get(column))
        _set(reading, data, name, value, place, (name,))
    for name in LISTS:
        column = f"journey.{name}"
        place = Place(None, number, column)
        items = reading.cell(place, _flow_items, row.get(column))
        if items:
            _set(reading, data, name, items, place, (name,))
    _read_disable(reading, row, f"journey.{DISABLE}", (), partial(Place, None, number))


def _flow_items(value: Any) -> list[Any]:
    return cells.read_flow_lines(cell_text(value))


def _read_journey_sheet(reading: _Reading, rows: list[list[Any]], data: dict[str, Any]) -> None:
    for number, row in enumerate(rows[1:], start=2):
        name = (cell_text(row[0]) or "").strip() if row else ""
        value = row[1] if len(row) > 1 else None
        if not name:
            continue
        place = Place(JOURNEY, number, name, "field")
        if name == DISABLE:
            _read_disable(reading, {name: value}, name, (), partial(Place, JOURNEY, number, label="field"))
            continue
        if name not in JOURNEY_FIELDS:
            reading.errors.append((place, f"unknown field '{name}'{did_you_mean(name, JOURNEY_FIELDS)}"))
            continue
        parsed = reading.cell(place, read_cell, Journey, name, value)
        _set(reading, data, name, parsed, place, (name,))


def _read_list_sheet(
    reading: _Reading, name: str, model: type[Node], rows: list[list[Any]], data: dict[str, Any]
) -> None:
    if not rows:
        return
    fields = list(model.model_fields)
    columns = [FROM, *fields, DISABLE]
    _check_headers(reading, name, _headers(rows[0]), lambda h: h in columns, columns)
    items: list[Any] = []
    for number, row in _rows(rows):
        path = (name, len(items))
        _read_disable(reading, row, DISABLE, path, partial(Place, name, number))
        origin = (cell_text(row.get(FROM)) or "journey").strip().lower()
        if origin not in ("journey", "catalog"):
            reading.errors.append((Place(name, number, FROM), f"write journey or catalog, not {origin!r}"))
            continue
        if origin == "catalog":
            items.append((cell_text(row.get("id")) or "").strip())
            reading.where[path] = Place(name, number, "id")
            continue
        item: dict[str, Any] = {}
        reading.where[path] = Place(name, number, None)
        for key in fields:
            place = Place(name, number, key)
            value = reading.cell(place, read_cell, model, key, row.get(key))
            if value is not None:
                item[key] = value
                reading.where[(*path, key)] = place
        items.append(item)
    if items:
        data[name] = items
