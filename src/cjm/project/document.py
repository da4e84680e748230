"""Read one file into a journey or a catalog, with what is wrong with the file itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from cjm.findings import Problem
from cjm.loader import Map, YamlError, decode, locate, parse
from cjm.model import FORMAT_VERSION, Catalog, Channel, Journey, Node, Persona, Team, UnknownKey, did_you_mean
from cjm.project.wording import problems_from_errors


@dataclass
class Document:
    """A file as read: its text, its YAML tree, its model when it has one, and its problems."""

    text: str = ""
    tree: Any = None
    model: Journey | Catalog | None = None
    problems: list[tuple[str, Problem]] = field(default_factory=list)

    @property
    def journey(self) -> Journey | None:
        return self.model if isinstance(self.model, Journey) else None

    @property
    def catalog(self) -> Catalog | None:
        return self.model if isinstance(self.model, Catalog) else None


def read_document(data: bytes) -> Document:
    """Read and validate one file; problems carry the codes CJM100 to CJM103."""
    document = Document()
    try:
        document.text = decode(data)
        document.tree = parse(document.text)
    except YamlError as exc:
        document.problems.append(("CJM100", Problem(exc.position, exc.message)))
        return document
    tree = document.tree
    if not isinstance(tree, Map):
        document.problems.append(("CJM101", Problem((1, 1), _not_a_mapping(tree))))
        return document
    header = _header_problem(tree)
    if header is not None:
        document.problems.append(header)
        return document
    model_class = Catalog if tree.get("kind") == "catalog" else Journey
    context: dict[str, Any] = {}
    try:
        document.model = model_class.model_validate(tree, context=context)
    except ValidationError as exc:
        unknown: list[UnknownKey] = context.get("unknown", [])
        meant = {(u.mapping, u.meant) for u in unknown}  # "missing 'title'" when 'titulo' is there
        errors = exc.errors(include_url=False)
        problems = problems_from_errors(tree, errors, model_class.kind_name, explained=meant)
        document.problems += [("CJM101", p) for p in problems]
        if model_class is Catalog:
            document.model = _usable_part(tree)
    document.problems += [("CJM102", Problem(u.position, u.message)) for u in context.get("unknown", [])]
    return document


def _not_a_mapping(tree: Any) -> str:
    if tree is None:
        return "the file is empty: a journey starts with 'cjm: 1'"
    shape = "a list" if isinstance(tree, list) else "a single value"
    return f"the top level is {shape}: a journey file is a mapping of fields, starting with 'cjm: 1'"


def _header_problem(tree: Map) -> tuple[str, Problem] | None:
    """A version or kind that makes the rest of the file unreadable with any confidence."""
    if "cjm" not in tree:
        message = "not a journey or catalog file: it has no 'cjm: 1' line (the format version) at the top"
        return "CJM101", Problem((1, 1), message)
    version = tree["cjm"]
    if isinstance(version, bool) or not isinstance(version, int):
        message = f"'cjm' is the format version: write 'cjm: 1', not {yaml_value(version)}"
        return "CJM101", Problem(locate(tree, ["cjm"]), message)
    if version != FORMAT_VERSION:
        return "CJM103", Problem(locate(tree, ["cjm"]), _version_message(version))
    kind = tree.get("kind", "journey")
    if kind not in ("journey", "catalog"):
        message = f"'kind' must be journey or catalog, not {yaml_value(kind)}{did_you_mean(str(kind), ('journey', 'catalog'))}"
        return "CJM101", Problem(locate(tree, ["kind"]), message)
    return None


def yaml_value(value: Any) -> str:
    """A value as YAML spells it: `true`, `null`, `1.5`, `'text'`, `a list`, `a mapping`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null (nothing)"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _version_message(version: int) -> str:
    if version > FORMAT_VERSION:
        return (
            f"format version {version} is newer than this cjm reads (highest: {FORMAT_VERSION}): upgrade cjm"
        )
    return f"format version {version} does not exist: the first version is 1, write 'cjm: 1'"


def _usable_part(tree: Map) -> Catalog | None:
    """The entries of a catalog that are valid on their own: one broken persona does not take the
    others out of scope (its own findings say what to fix)."""
    kept = Map(tree.start)
    for key in ("cjm", "kind", "title", "description", "personas", "teams", "channels"):
        if key in tree:
            kept[key] = tree[key]
    item_types: dict[str, type[Node]] = {"personas": Persona, "teams": Team, "channels": Channel}
    for key, item_type in item_types.items():
        items = tree.get(key)
        kept[key] = [item for item in items if _valid(item_type, item)] if isinstance(items, list) else []
    try:
        return Catalog.model_validate(kept, context={})
    except ValidationError:
        return None


def _valid(item_type: type[Node], item: Any) -> bool:
    try:
        item_type.model_validate(item, context={})
    except ValidationError:
        return False
    return True
