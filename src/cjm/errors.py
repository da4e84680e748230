"""Every error a user sees comes from one base class: a message, an exit code, and the findings
(file, line, column) that explain it, if any.

The command line prints the findings as `cjm validate` does, then `cjm: error: <message>`, and
exits with `exit_code`: 2 when the input or the command cannot be used, 1 when only the last
step failed (a drawing without Graphviz).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cjm.findings import Finding


class CjmError(Exception):
    """An error the user can act on; never shown as a traceback."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        findings: Iterable[Finding] = (),
        *,
        exit_code: int | None = None,
        details: Iterable[str] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.findings = list(findings)
        self.details = list(details)  # one line each, printed before the message: "FILE:LINE:COL: ..."
        if exit_code is not None:
            self.exit_code = exit_code


class InputError(CjmError):
    """A path that cannot be read: the run stops before checking anything."""


class ConfigError(CjmError):
    """The configuration or the command line names something that does not exist."""


class UnusableInput(CjmError):
    """Journeys that cannot be used as they are: the message says why, the findings where."""


class CannotWrite(CjmError):
    """An output file that cannot be written: the message names it and says why."""


class RenderError(CjmError):
    """The map could not be drawn."""


INSTALL_GRAPHVIZ = (
    "install Graphviz (Debian/Ubuntu: apt install graphviz; macOS: brew install graphviz;"
    " Windows: winget install graphviz)"
)


class GraphvizMissing(RenderError):
    """Graphviz is not installed: `written` are the DOT sources written instead of the drawings."""

    exit_code = 1

    def __init__(self, written: list[Path] | None = None, output_format: str = "svg") -> None:
        message = f"Graphviz's 'dot' program was not found: {INSTALL_GRAPHVIZ}"
        if written:
            drawn = written[0].with_suffix(f".{output_format}")
            message += (
                f". The DOT source is written instead ({', '.join(map(str, written))}): once Graphviz is"
                f" installed, run cjm render again, or: dot -T{output_format} {written[0]} -o {drawn}"
            )
        else:
            message += "; or write the map's DOT source with --format dot"
        super().__init__(message)
        self.written = written or []
