"""Which rules run and how severe they are: `.cjm.toml`, `[tool.cjm]`, and the command line.

A rule is named by its code (`CJM302`), a prefix of codes (`CJM3`: every warning) or its short
name (`touchpoint-without-owner`). The command line's `--select` replaces the configured
selection; its `--ignore` adds to the configured one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from cjm.errors import ConfigError
from cjm.findings import Severity
from cjm.language import LANGUAGES
from cjm.model import did_you_mean
from cjm.rules import Rule, all_rules, rule_for

MAX_FILE_SIZE = 16 * 1024 * 1024
"""The largest input read (`max_file_size` in the configuration): a journey is a few hundred KiB."""

CONFIG_FILE = ".cjm.toml"
_KEYS = ("select", "ignore", "severity", "catalogs", "lang", "max_file_size", "stale_after_days")
STALE_AFTER_DAYS = 365
"""How old a metric's `measured` date may be before warning CJM313."""
_SIZE = re.compile(r"\s*(?P<number>\d+)\s*(?P<unit>B|KiB|MiB|GiB)?\s*\Z")
_UNITS = {None: 1, "B": 1, "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30}


@dataclass(frozen=True)
class Config:
    select: frozenset[str] | None = None  # None: every rule
    ignore: frozenset[str] = frozenset()
    severity: dict[str, Severity] = field(default_factory=dict)
    catalogs: tuple[Path, ...] = ()
    lang: str | None = None  # of the labels cjm writes, when neither --lang nor the journey says
    max_file_size: int = MAX_FILE_SIZE  # bytes: larger files and standard input are refused
    stale_after_days: int = STALE_AFTER_DAYS  # a metric measured longer ago is stale (CJM313)
    today: date | None = None  # the day rules judge dates against; None: the day of the run
    path: Path | None = None

    def enabled(self, code: str) -> bool:
        """Whether a rule runs: selected (or everything is), not ignored, not turned off. A rule
        that is off by default runs only when the selection or the severity table names it."""
        if code in self.ignore or self.severity.get(code) == Severity.OFF:
            return False
        if self.select is not None:
            return code in self.select
        return code in self.severity or rule_for(code).severity != Severity.OFF

    def severity_of(self, rule: Rule) -> Severity:
        severity = self.severity.get(rule.code, rule.severity)
        return Severity.WARNING if severity == Severity.OFF else severity


def load_config(
    config_file: Path | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    start: Path | None = None,
) -> Config:
    """The configuration in `config_file` (or found upward from `start`), then the options."""
    path = config_file or find_config(start or Path.cwd())
    settings = _read(path) if path else {}
    origin = f"{path}: " if path else ""
    if select is not None:
        selected: frozenset[str] | None = rule_codes(select, "--select")
    elif "select" in settings:
        selected = rule_codes(settings["select"], f"{origin}select")
    else:
        selected = None
    catalogs = _strings(settings.get("catalogs", []), f"{origin}catalogs")
    return Config(
        select=selected,
        ignore=rule_codes(settings.get("ignore", []), f"{origin}ignore") | rule_codes(ignore, "--ignore"),
        severity=_severities(settings.get("severity", {}), f"{origin}severity"),
        catalogs=tuple(path.parent / c for c in catalogs) if path else (),
        lang=_language(settings.get("lang"), f"{origin}lang"),
        max_file_size=_file_size(settings.get("max_file_size", MAX_FILE_SIZE), f"{origin}max_file_size"),
        stale_after_days=_days(
            settings.get("stale_after_days", STALE_AFTER_DAYS), f"{origin}stale_after_days"
        ),
        path=path,
    )


def find_config(start: Path) -> Path | None:
    """The nearest `.cjm.toml`, or `pyproject.toml` with a `[tool.cjm]` table, upward from start."""
    for folder in (start.resolve(), *start.resolve().parents):
        if (folder / CONFIG_FILE).is_file():
            return folder / CONFIG_FILE
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "cjm" in _load_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def _read(path: Path) -> dict[str, Any]:
    data = _load_toml(path)
    settings = data.get("tool", {}).get("cjm", {}) if path.name == "pyproject.toml" else data
    if not isinstance(settings, dict):
        raise ConfigError(f"{path}: [tool.cjm] must be a table")
    for key in settings:
        if path.name != "pyproject.toml" and _is_cjm_table(key, settings[key]):
            raise ConfigError(_table_in_cjm_toml(path, key))
        if key not in _KEYS:
            raise ConfigError(f"{path}: unknown setting '{key}'{did_you_mean(key, _KEYS)}")
    return settings


def _is_cjm_table(key: str, value: Any) -> bool:
    """`[tool.cjm]` or `[cjm]`: a header that only pyproject.toml needs, written in .cjm.toml."""
    return isinstance(value, dict) and (key == "cjm" or (key == "tool" and "cjm" in value))


_CJM_HEADER = re.compile(r"^\s*\[\s*(?:tool\s*\.\s*)?cjm\s*[.\]]")


def _table_in_cjm_toml(path: Path, key: str) -> str:
    header = "tool.cjm" if key == "tool" else "cjm"
    fix = f"{path}: drop '{header}.' from its keys"  # written as dotted keys
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if _CJM_HEADER.match(line):
            fix = f"{path}:{number}:1: drop the [{header}] line"
            break
    return f"{fix}: in {path.name} the settings stand at the top level ([tool.cjm] belongs in pyproject.toml only)"


def _load_toml(path: Path) -> dict[str, Any]:
    """The TOML in `path`; every way it can fail said in one line, with the line where it can."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such configuration file") from None
    except IsADirectoryError:
        raise ConfigError(f"{path}: is a folder, not a configuration file") from None
    except OSError as exc:
        raise ConfigError(f"{path}: the configuration file cannot be read: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ConfigError(
            f"{path}:{line}: byte 0x{data[exc.start]:02x} is not UTF-8: save the configuration as UTF-8"
        ) from None
    import tomllib  # only when there is a configuration to read

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        where = _TOML_POSITION.search(message)
        problem = _TOML_POSITION.sub("", message).strip().rstrip(".")
        problem = problem[:1].lower() + problem[1:]
        if where and where["line"]:
            raise ConfigError(
                f"{path}:{where['line']}:{where['column']}: not valid TOML: {problem}"
            ) from None
        end = " at the end of the file" if where else ""
        raise ConfigError(f"{path}: not valid TOML: {problem}{end}") from None


_TOML_POSITION = re.compile(r"\s*\(at line (?P<line>\d+), column (?P<column>\d+)\)|\s*\(at end of document\)")


def _strings(value: Any, origin: str) -> list[str]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{origin}: expected a list of texts")
    return [v.strip() for v in value if v.strip()]


def rule_codes(selectors: Iterable[str] | str, origin: str) -> frozenset[str]:
    """Codes named by selectors such as "CJM302", "CJM3" or "touchpoint-without-owner"."""
    rules = all_rules()
    by_name = {r.name: r.code for r in rules}
    codes: set[str] = set()
    for selector in _strings(list(selectors) if not isinstance(selectors, str) else selectors, origin):
        upper = selector.upper()
        matched = {r.code for r in rules if r.code.startswith(upper)} or (
            {by_name[selector]} if selector in by_name else set()
        )
        if not matched:
            names = [r.code for r in rules] + list(by_name)
            raise ConfigError(
                f"{origin}: unknown rule '{selector}'{did_you_mean(selector, names)} (see 'cjm rules')"
            )
        codes |= matched
    return frozenset(codes)


def _severities(table: Any, origin: str) -> dict[str, Severity]:
    if not isinstance(table, dict):
        raise ConfigError(f'{origin}: expected a table such as {{CJM302 = "error"}}')
    severities: dict[str, Severity] = {}
    for selector, level in table.items():
        if level not in (Severity.ERROR, Severity.WARNING, Severity.OFF):
            raise ConfigError(f'{origin}: \'{selector}\' must be "error", "warning" or "off", not {level!r}')
        for code in rule_codes([selector], origin):
            severities[code] = Severity(level)
    return severities


def _file_size(value: Any, origin: str) -> int:
    """Bytes, as a whole number (16777216) or with a unit ("16 MiB", "512 KiB", "1 GiB")."""
    match = _SIZE.match(value) if isinstance(value, str) else None
    if isinstance(value, int) and not isinstance(value, bool):
        size = value
    elif match:
        size = int(match["number"]) * _UNITS[match["unit"]]
    else:
        raise ConfigError(f'{origin}: expected a size in bytes, such as 16777216 or "16 MiB", not {value!r}')
    if size < 1:
        raise ConfigError(f"{origin}: must be at least 1 byte")
    return size


def _days(value: Any, origin: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise ConfigError(f"{origin}: expected a whole number of days, such as 365, not {value!r}")


def _language(value: Any, origin: str) -> str | None:
    if value is None or value in LANGUAGES:
        return value  # type: ignore[no-any-return]
    raise ConfigError(f"{origin}: {value!r} is not a language cjm writes: use {' or '.join(LANGUAGES)}")
