"""A Mermaid `journey` diagram read into a journey, as people write them.

- `title` names the journey (the file's name when it has none); the journey's id is its slug.
- Each `section` is a stage; a section named "Phase · Stage" (as `cjm render` writes them) is
  the stage in the phase its first part names. Otherwise a stage goes to the phase `before` when a word of its name starts
  like one of BEFORE_WORDS (Discover, Research, Antes...), to `after` for AFTER_WORDS (Support,
  Use, Después...), and to `during` otherwise; phases keep the order before, during, after, and
  stages their order within a phase. Tasks before any section go to a stage named after the title.
- Each task `Name: score: Actor, Actor` is a touchpoint on the channel `web` (Mermaid has no
  channels: a comment on each says to set it), felt score - 3 (Mermaid's 1..5 is cjm's -2..2).
  Its actors are personas, with ids slugified and names as written. One actor: a single score
  and that persona; several: the score for each of them. Consecutive tasks of one name in a
  section, with different actors, are one touchpoint felt by each (as `cjm render` writes one
  task per persona). A comment `%% Actor: score` above a task of several actors gives that
  actor's own score (as `cjm render` writes them, the task's score being their mean).
- Entity codes (#58; and the like) are decoded; `%%` comments, blank lines, indentation,
  accTitle/accDescr and a Markdown fence around the diagram are allowed.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cjm.errors import UnusableInput
from cjm.exchange.places import NodePath
from cjm.language import plural

CHANNEL_COMMENT = "Mermaid has no channel: set the real one"
BEFORE_WORDS = ("before", "discover", "research", "aware", "search", "consider", "explor", "attract",
                "inspir", "antes", "descubr", "investig", "busc", "busqueda", "atrac", "consideracion")  # fmt: skip
AFTER_WORDS = ("after", "support", "use", "usage", "using", "renew", "loyal", "retention", "return",
               "despues", "uso", "soporte", "postventa", "posventa", "fideliz", "renov")  # fmt: skip
DURING_WORDS = ("during", "durante")
SECTION_SEPARATOR = " · "
_SCORE_COMMENT = re.compile(r"%%\s*(?P<actor>.+):\s*(?P<score>[1-5])\s*")
_ENTITY = re.compile(r"#(\w+);")


def slug(text: str, fallback: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or fallback


def _unique(ident: str, taken: set[str]) -> str:
    candidate, n = ident, 2
    while candidate in taken:
        candidate, n = f"{ident}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _decoded(text: str) -> str:
    def entity(match: re.Match[str]) -> str:
        code = match.group(1)
        if code.isdigit():  # ASCII digits only: '²' is a digit to Python, not a number to int()
            small = code.isascii() and len(code) <= 7 and int(code) < 0x110000
            return chr(int(code)) if small else match.group()
        named = html.unescape(f"&{code};")
        return match.group() if named == f"&{code};" else named

    return _ENTITY.sub(entity, text).strip()


def phase_of(section: str) -> str:
    phase, separator, _ = section.partition(SECTION_SEPARATOR)
    if separator and any(w in DURING_WORDS for w in slug(phase, "").split("-")):
        return "during"
    words = [w for w in slug(phase if separator else section, "").split("-") if w]
    for phase, stems in (("before", BEFORE_WORDS), ("after", AFTER_WORDS)):
        if any(w == s or (len(s) >= 4 and w.startswith(s)) for w in words for s in stems):
            return phase
    return "during"


def _lines(text: str) -> list[tuple[int, str]]:
    """The diagram's statements with their line numbers: fence, front matter and comments left out."""
    raw = text.splitlines()
    fence = next((i for i, line in enumerate(raw) if line.strip().lower().startswith("```mermaid")), None)
    numbered = list(enumerate(raw, start=1))
    if fence is not None:
        end = next((i for i in range(fence + 1, len(raw)) if raw[i].strip().startswith("```")), len(raw))
        numbered = numbered[fence + 1 : end]
    if numbered and numbered[0][1].strip() == "---":  # front matter (config)
        close = next((k for k in range(1, len(numbered)) if numbered[k][1].strip() == "---"), 0)
        numbered = numbered[close + 1 :]
    kept, in_description = [], False
    for number, line in numbered:
        if _SCORE_COMMENT.fullmatch(line.strip()):
            kept.append((number, line.strip()))  # an actor's own score, for the task under it
            continue
        line = re.sub(r"%%.*", "", line).strip()
        if in_description:
            in_description = "}" not in line
            continue
        if re.match(r"accdescr\s*\{", line, re.IGNORECASE):
            in_description = "}" not in line
            continue
        if line and not re.match(r"acc(title|descr)\s*:", line, re.IGNORECASE):
            kept.append((number, line))
    return kept


def read_mermaid(data: bytes, source: Path) -> Diagram:
    name = source.name
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnusableInput(f"{name} is not UTF-8 text") from None
    lines = _lines(text)
    if not lines or lines[0][1].lower() != "journey":
        at = lines[0][0] if lines else 1
        raise UnusableInput(f"{name}:{at}: a Mermaid journey diagram starts with the word 'journey'")
    title: str | None = None
    title_line: int | None = None
    sections: list[_Section] = []
    problems: list[str] = []
    own: dict[str, int] = {}  # actor -> score, from the comments above the next task
    for number, line in lines[1:]:
        keyword, _, rest = line.partition(" ")
        comment = _SCORE_COMMENT.fullmatch(line)
        if comment:
            own[_decoded(comment["actor"])] = int(comment["score"])
        elif keyword.lower() == "title":
            title, title_line = _decoded(rest), number
        elif keyword.lower() == "section":
            sections.append(_Section(number, _decoded(rest)))
        else:
            task, colon, data_part = line.partition(":")
            score_text, _, actors = data_part.partition(":")
            if (
                not colon
                or not re.fullmatch(r"\s*[0-9]{1,3}\s*", score_text)
                or not 1 <= int(score_text) <= 5
            ):
                problems.append(
                    f"{name}:{number}: write a task as 'Name: score: Actor, Actor', the score a whole"
                    f" number from 1 to 5, not {line!r}"
                )
                continue
            if not sections:
                sections.append(_Section(number, ""))
            people = [_decoded(a) for a in actors.split(",") if _decoded(a)]
            scores = {a: own.get(a, int(score_text)) for a in people} or {"": int(score_text)}
            sections[-1].tasks.append((number, _decoded(task), scores, people))
            own = {}
    if problems:
        raise UnusableInput(
            f"{name}: {plural(len(problems), 'line')} cannot be read; nothing written", details=problems
        )
    title = title or source.stem
    places: dict[NodePath, int] = {(): title_line or lines[0][0]}
    content = _journey(title, sections, places)
    comments: dict[NodePath, str] = {}
    for p, phase in enumerate(content["phases"]):
        for s, stage in enumerate(phase["stages"]):
            for t in range(len(stage["touchpoints"])):
                comments[("phases", p, "stages", s, "touchpoints", t, "channel")] = CHANNEL_COMMENT

    def where(path: NodePath) -> str:
        line = next(places[path[:n]] for n in range(len(path), -1, -1) if path[:n] in places)
        return f"{name}:{line}"

    return Diagram(content, comments, where)


@dataclass
class _Section:
    line: int
    name: str
    tasks: list[tuple[int, str, dict[str, int], list[str]]] = field(default_factory=list)


@dataclass(frozen=True)
class Diagram:
    """A diagram read as a journey file's content (not validated yet), the comments its file gets,
    and where each node was read: "journey.mmd:12", the line of the task, section or title."""

    content: dict[str, Any]
    comments: dict[NodePath, str]
    where: Callable[[NodePath], str]


def _journey(title: str, sections: list[_Section], places: dict[NodePath, int]) -> dict[str, Any]:
    """The journey's content; `places` gets the line each phase, stage, touchpoint and persona
    was read from."""
    personas: dict[str, str] = {}  # name -> id
    taken_personas: set[str] = set()
    stage_ids: set[str] = set()
    touchpoint_ids: set[str] = set()
    phases: dict[str, list[dict[str, Any]]] = {"before": [], "during": [], "after": []}
    line_of: dict[int, int] = {}  # id() of a stage or touchpoint built -> its line
    persona_lines: list[int] = []
    for section in sections:
        tasks = section.tasks
        if not tasks:  # a section with nothing drawn in it (cjm writes unscored touchpoints as comments)
            continue
        stage_name = section.name.partition(SECTION_SEPARATOR)[2] or section.name or title
        touchpoints: list[dict[str, Any]] = []
        stage = {
            "id": _unique(slug(stage_name, "stage"), stage_ids),
            "name": stage_name,
            "touchpoints": touchpoints,
        }
        line_of[id(stage)] = section.line
        phases[phase_of(section.name or title)].append(stage)
        previous: dict[str, Any] | None = None
        for number, task, scores, actors in tasks:
            ids = []
            for actor in actors:
                if actor not in personas:
                    personas[actor] = _unique(slug(actor, "persona"), taken_personas)
                    persona_lines.append(number)
                ids.append(personas[actor])
            feelings = {personas.get(a, a): score - 3 for a, score in scores.items()}
            if (
                previous is not None
                and previous["name"] == task
                and ids
                and not set(ids) & set(previous["personas"])
            ):
                emotion = previous.pop("emotion")
                if not isinstance(emotion, dict):
                    emotion = dict.fromkeys(previous["personas"], emotion)
                previous["emotion"] = {**emotion, **feelings}
                previous["personas"] += ids
                continue
            touchpoint: dict[str, Any] = {
                "id": _unique(slug(task, "touchpoint"), touchpoint_ids),
                "name": task,
            }
            touchpoint["channel"] = "web"
            touchpoint["personas"] = ids
            touchpoint["emotion"] = feelings if len(ids) > 1 else next(iter(feelings.values()))
            line_of[id(touchpoint)] = number
            touchpoints.append(touchpoint)
            previous = touchpoint
    kept = [(p, s) for p, s in phases.items() if s]
    places.update({("personas", i): line for i, line in enumerate(persona_lines)})
    for p, (_, stages) in enumerate(kept):
        places[("phases", p)] = line_of[id(stages[0])]
        for s, stage in enumerate(stages):
            places[("phases", p, "stages", s)] = line_of[id(stage)]
            for t, made in enumerate(stage["touchpoints"]):
                places[("phases", p, "stages", s, "touchpoints", t)] = line_of[id(made)]
    return {
        "cjm": 1,
        "id": slug(title, "journey"),
        "title": title,
        "personas": [{"id": i, "name": n} for n, i in personas.items()],
        "phases": [{"id": p, "stages": s} for p, s in kept],
    }
