"""A registry of output formats: each command's `output` package lists its formats once, and the
command line reads its choices and help from it. A format's module is imported only when used."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType


@dataclass(frozen=True)
class Format:
    name: str
    module: str  # within the registry's package
    extension: str = ""  # of a file in this format, without the dot
    binary: bool = False


class Formats:
    def __init__(self, package: str, *formats: Format) -> None:
        self.package = package
        self.by_name = {f.name: f for f in formats}

    @property
    def names(self) -> list[str]:
        return list(self.by_name)

    def __getitem__(self, name: str) -> Format:
        return self.by_name[name]

    def module(self, name: str) -> ModuleType:
        return importlib.import_module(f"{self.package}.{self.by_name[name].module}")
