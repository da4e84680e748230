"""`cjm init`: a commented starter journey that teaches the method, written from a template.

Templates are data: `templates/<template>/<lang>/journey.yaml`, and for templates whose personas
are shared, `catalog.yaml` beside it. A translator adds a language with one more folder. The
starter's review date and the date of its measured metric are set from the day it is written,
so that a new map is neither overdue nor stale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from cjm.errors import CjmError

TEMPLATES = Path(__file__).parent / "templates"
YAML_SUFFIXES = (".yaml", ".yml")
REVIEW_AFTER_DAYS = 90
"""A new map is due for its first review three months after it is written."""
_REVIEW_BY = re.compile(r"^(review_by:\s*)\d{4}-\d{2}-\d{2}", re.MULTILINE)
_MEASURED = re.compile(r"^(\s*measured:\s*)\d{4}-\d{2}-\d{2}", re.MULTILINE)
_ID = re.compile(r"^id:\s*\S+", re.MULTILINE)
_SLUG = re.compile(r"[^a-z0-9_-]+")


class InitError(CjmError):
    """A starter that cannot be written: an unknown template, or a file that is already there."""


@dataclass(frozen=True)
class Written:
    journey: Path
    catalog: Path | None


def template_names() -> list[str]:
    return sorted(p.name for p in TEMPLATES.iterdir() if p.is_dir() and not p.name.startswith("_"))


def targets(path: Path, template: str, lang: str) -> tuple[Path, Path | None]:
    """Where the journey goes (a path ending in .yaml or .yml: that file; any other, such as
    `maps.v2`: a folder, with journey.yaml in it), and its catalog beside it when the template has
    one."""
    source = _template(template, lang)
    file = path.suffix.lower() in YAML_SUFFIXES
    if not file and path.exists() and not path.is_dir():
        raise InitError(f"{path} is a file, not a folder: give a folder, or a journey file ending in .yaml")
    journey = path if file else path / "journey.yaml"
    catalog = journey.with_name("catalog.yaml") if (source / "catalog.yaml").is_file() else None
    return journey, catalog


def init(path: Path, template: str, lang: str, *, force: bool = False, today: date | None = None) -> Written:
    """Write the starter, whole, or nothing at all when a file is in the way and `force` is off."""
    from cjm.files import write_content

    journey, catalog = targets(path, template, lang)
    if catalog is not None and catalog == journey:
        raise InitError(f"{journey} would be both the journey and its catalog: give the journey another name")
    for target in (journey, catalog):
        if target is not None and target.exists() and not force:
            raise InitError(f"{target} already exists: give --force to overwrite it, or another PATH")
    source = _template(template, lang)
    day = today or date.today()
    text = (source / "journey.yaml").read_text(encoding="utf-8")
    text = _REVIEW_BY.sub(lambda m: m.group(1) + (day + timedelta(days=REVIEW_AFTER_DAYS)).isoformat(), text)
    text = _MEASURED.sub(lambda m: m.group(1) + day.isoformat(), text)
    if journey.name != "journey.yaml":
        ident = _SLUG.sub("-", journey.stem.lower()).strip("-_") or "journey"
        text = _ID.sub(f"id: {ident}", text, count=1)
    journey.parent.mkdir(parents=True, exist_ok=True)
    if catalog is not None:
        write_content(catalog, (source / "catalog.yaml").read_text(encoding="utf-8"))
    write_content(journey, text)
    return Written(journey, catalog)


def _template(template: str, lang: str) -> Path:
    folder = TEMPLATES / template
    if not folder.is_dir():
        raise InitError(f"unknown template {template!r}: choose one of {', '.join(template_names())}")
    if not (folder / lang / "journey.yaml").is_file():
        langs = sorted(p.name for p in folder.iterdir() if (p / "journey.yaml").is_file())
        raise InitError(f"template {template!r} has no {lang!r} version: choose one of {', '.join(langs)}")
    return folder / lang
