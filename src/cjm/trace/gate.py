"""`--fail-on`: what makes a trace fail a pipeline.

`unreached`: a touchpoint that lists events was reached by no session. `undrawn`: a session took
a step the map does not draw; `undrawn:5%` (or `undrawn:0.05`) only when one such step was taken
by at least that share of the sessions that entered the journey.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from cjm.errors import CjmError
from cjm.trace.data import Trace


@dataclass(frozen=True)
class Gate:
    kind: Literal["unreached", "undrawn"]
    share: float = 0.0  # undrawn: the least share of entered sessions that fails


def parse_gate(text: str) -> Gate:
    """A `--fail-on` value: unreached, undrawn, or undrawn:SHARE (5% or 0.05)."""
    name, _, share = text.strip().partition(":")
    if name == "unreached" and not share:
        return Gate("unreached")
    if name == "undrawn":
        return Gate("undrawn", _share(share, text)) if share else Gate("undrawn")
    raise CjmError(f"--fail-on {text!r}: use unreached, undrawn, or undrawn:SHARE such as undrawn:5%")


def _share(text: str, whole: str) -> float:
    percent = text.endswith("%")
    try:
        value = float(text.removesuffix("%").strip())
    except ValueError:
        value = -1.0
    value = value / 100 if percent else value
    if not 0 <= value <= 1:
        raise CjmError(f"--fail-on {whole!r}: write the share as a percentage (5%) or a fraction (0.05)")
    return value


def failures(trace: Trace, gates: list[Gate]) -> list[str]:
    """One line per reason the trace fails its gates."""
    found: list[str] = []
    for gate in gates:
        if gate.kind == "unreached":
            found += [f"touchpoint '{ident}' was reached by no session" for ident in trace.unreached]
            continue
        for step in trace.undrawn:
            share = step.sessions / trace.entered if trace.entered else 0.0
            if share >= gate.share:
                found.append(
                    f"{step.sessions} of {trace.entered} sessions ({share:.1%}) went {step.source} → {step.target}"
                    f" ({step.kind}), a step the map does not draw"
                )
    return found
