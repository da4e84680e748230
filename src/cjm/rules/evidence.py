"""Evidence: what a map claims to rest on resolves, and a map carries no customer's details.

A map says where its content comes from (`evidence`) and how solid it is (`confidence`). A
claim of observation with nothing behind it, or a path to research that is not there, makes the
map an assumption again; a customer's e-mail address copied from an interview makes it a leak.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from cjm.findings import Problem, Severity
from cjm.loader import Map, Position, Seq
from cjm.model import Catalog, EvidenceEntry, Journey, Node, evidence_entry
from cjm.rules import Context, rule


@rule("CJM314", "claim-without-evidence", Severity.WARNING, "journey")
def claim_without_evidence(journey: Journey, scope: Any) -> Iterator[Problem]:
    """
    A touchpoint says `confidence: observed` or `reported` without any `evidence`.

    Observed means seen in data or in the field, reported means a customer said so: both are
    claims that someone can check, and a reader of the map needs to know where. Name the
    interviews, the survey, the analytics report or the research file in `evidence`, or lower
    the confidence to `inferred` or `assumed`. Reported at the touchpoint.
    """
    for _, _, touchpoint in journey.touchpoints():
        if touchpoint.confidence in ("observed", "reported") and not touchpoint.evidence:
            yield Problem(
                touchpoint.at(),
                f"touchpoint '{touchpoint.id}' is {touchpoint.confidence} but names no evidence:"
                " say where it was seen or heard, or lower its confidence",
            )


@rule("CJM315", "unresolved-evidence", Severity.ERROR, "journey")
def unresolved_evidence(journey: Journey, scope: Any, context: Context) -> Iterator[Problem]:
    """
    An evidence path that does not exist, or a line past its file's end.

    An `evidence` entry that looks like a path (`research/entrevistas.md#L12`, `encuesta.csv`,
    or anything starting with `./`, `../` or `/`) is read relative to the journey file, and must
    be there: a map that points at research nobody can open rests on nothing. With `#L12`, the
    file must have that line. URLs and free text (`Entrevistas octubre 2026`) are not checked.
    Paths are checked for files in the working tree, not for a file read from a git revision or
    from standard input. Reported at the evidence entry.
    """
    if context.folder is None:
        return
    folder = Path(context.folder)
    for _, _, touchpoint in journey.touchpoints():
        for index, text in enumerate(touchpoint.evidence):
            reason = unresolved(evidence_entry(text), folder)
            if reason is not None:
                yield Problem(touchpoint.at("evidence", index), f"evidence '{text}' {reason}")


def unresolved(entry: EvidenceEntry, folder: Path) -> str | None:
    """Why an evidence entry does not resolve in `folder`, or None when it does (or is no path)."""
    if entry.kind != "path":
        return None
    assert entry.path is not None
    target = folder / entry.path
    if not target.exists():
        return "does not exist (paths are relative to the journey file)"
    if entry.line is None:
        return None
    if not target.is_file():
        return "is a folder: a line can only be given of a file"
    lines = line_count(target)
    if not 1 <= entry.line <= lines:
        return f"points at line {entry.line}, but the file has {lines} lines"
    return None


def line_count(path: Path) -> int:
    data = path.read_bytes()
    return data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)


@rule("CJM316", "personal-data", Severity.WARNING, "journey", "catalog")
def personal_data(subject: Journey | Catalog, scope: Any) -> Iterator[Problem]:
    """
    Personal data in a map's text: an e-mail address, a phone number, an IBAN or a national id.

    Maps are shared, printed and published; a customer's details copied from an interview
    note, a complaint or a call log do not belong in them (and keeping them there may break data
    protection law). Replace them with a description ("a customer in Valencia"), or keep them in
    the research files the map points to. Recognised: e-mail addresses, phone numbers written
    internationally (+34 …, 0034 …) or as Spanish numbers of nine digits, IBANs (with a valid
    check), and Spanish DNI and NIE numbers (with a valid letter). The finding names the kind of
    data, never the value, so that the finding itself can be published. Reported at the text.
    """
    for text, position in texts_of(subject):
        for kind in personal_data_in(text):
            yield Problem(position, f"this text holds {kind}: remove it before the map is shared")


def texts_of(node: Node) -> Iterator[tuple[str, Position]]:
    """Every text written in a journey or catalog, where its value starts."""
    source = node.__pydantic_private__.get("_source") if node.__pydantic_private__ else None
    yield from _walk(source)


def _walk(tree: Any) -> Iterator[tuple[str, Position]]:
    if isinstance(tree, Map):
        for key, position in tree.value_at.items():
            value = tree[key]
            if isinstance(value, str):
                yield value, position
            else:
                yield from _walk(value)
    elif isinstance(tree, Seq):
        for item, position in zip(tree, tree.item_at, strict=True):
            if isinstance(item, str):
                yield item, position
            else:
                yield from _walk(item)


_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_INTERNATIONAL_PHONE = re.compile(r"(?<![\w+])(?:\+|00)[1-9](?:[ ()-]{0,2}\d){7,13}(?![\d])")
_SPANISH_PHONE = re.compile(r"(?<![\w.,+])[6789](?:[ -]?\d){8}(?![\w.,])")
_IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}(?![A-Za-z0-9])")
_DNI = re.compile(r"(?<![A-Za-z0-9])([XYZ]?)(\d{7,8})[ -]?([A-Z])(?![A-Za-z0-9])")
_DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def _iban(found: str) -> bool:
    code = found.replace(" ", "")
    moved = code[4:] + code[:4]
    number = "".join(str(int(c, 36)) for c in moved)
    return int(number) % 97 == 1


def _national_id(match: re.Match[str]) -> bool:
    prefix, digits, letter = match.groups()
    if prefix:
        if len(digits) != 7:
            return False
        digits = str("XYZ".index(prefix)) + digits
    elif len(digits) != 8:
        return False
    return _DNI_LETTERS[int(digits) % 23] == letter


_KINDS: tuple[tuple[str, re.Pattern[str], Callable[[re.Match[str]], bool]], ...] = (
    ("an e-mail address", _EMAIL, lambda m: True),
    ("a phone number", _INTERNATIONAL_PHONE, lambda m: True),
    ("a phone number", _SPANISH_PHONE, lambda m: True),
    ("an IBAN", _IBAN, lambda m: _iban(m.group(0))),
    ("a national id (DNI/NIE)", _DNI, _national_id),
)


def personal_data_in(text: str) -> list[str]:
    """The kinds of personal data in `text`, each once, in a fixed order."""
    found: list[str] = []
    for kind, pattern, valid in _KINDS:
        if kind not in found and any(valid(m) for m in pattern.finditer(text)):
            found.append(kind)
    return found
