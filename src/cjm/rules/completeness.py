"""Warnings: what a complete journey map still lacks, in the terms of the method.

A map is a working tool: it names who is responsible for each touchpoint, answers every Moment
of Pain with an improvement, measures its Moments of Truth, and covers the whole purchase.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cjm.findings import Problem, Severity
from cjm.model import PHASE_IDS, PHASE_NAMES, Catalog, Journey, Persona, close_matches, spanish_meaning
from cjm.rules import rule
from cjm.scope import JourneyScope


@rule("CJM301", "missing-phase", Severity.WARNING, "journey")
def missing_phase(journey: Journey, scope: JourneyScope) -> Iterator[Problem]:
    """
    A purchase phase (before, during or after) is missing.

    A journey covers the whole relationship, not only the sale: what happens before the
    purchase (attraction, consideration), during it, and after it (first use, service,
    loyalty, recommendation). The after-purchase phase is the one most often forgotten.
    Reported at the `phases` key, once for each missing phase. A phase whose id is not a purchase
    phase (CJM205) is taken for the one it most likely stands for (`antes` for before), or, when
    there is none, for whichever is missing.
    """
    present = {phase.id for phase in journey.phases}
    for phase_id in present - set(PHASE_IDS):  # CJM205 asks to fix it: say nothing of what it stands for
        meant = spanish_meaning(phase_id, PHASE_IDS) or next(iter(close_matches(phase_id, PHASE_IDS)), None)
        if meant is None:
            return
        present.add(meant)
    for phase_id in PHASE_IDS:
        if phase_id not in present:
            yield Problem(
                journey.at("phases", key=True),
                f"the journey has no '{phase_id}' phase ({PHASE_NAMES[phase_id]})",
            )


@rule("CJM302", "touchpoint-without-owner", Severity.WARNING, "journey")
def touchpoint_without_owner(journey: Journey, scope: JourneyScope) -> Iterator[Problem]:
    """
    A touchpoint has no owner.

    Every touchpoint needs a team responsible for it, or nobody will improve it. Set `owner`
    to a team id.
    """
    for _, _, touchpoint in journey.touchpoints():
        if touchpoint.owner is None:
            yield Problem(touchpoint.at(), f"touchpoint '{touchpoint.id}' has no owner")


@rule("CJM303", "pain-without-improvement", Severity.WARNING, "journey")
def pain_without_improvement(journey: Journey, scope: JourneyScope) -> Iterator[Problem]:
    """
    A Moment of Pain has no improvement.

    A Moment of Pain is a touchpoint marked `moment: pain`, or one where any persona's emotion
    is below 0. The map exists to answer each of them with a solution: add an improvement.
    """
    for _, _, touchpoint in journey.touchpoints():
        if touchpoint.is_moment_of_pain and not touchpoint.improvements:
            yield Problem(
                touchpoint.at(),
                f"Moment of Pain '{touchpoint.id}' has no improvement{_why_pain(touchpoint)}",
            )


def _why_pain(touchpoint: Any) -> str:
    if touchpoint.moment == "pain":
        return ""
    if isinstance(touchpoint.emotion, dict):
        felt = ", ".join(f"{pid} {score}" for pid, score in touchpoint.emotion.items() if score < 0)
        return f" (emotion {felt})"
    return f" (emotion {touchpoint.emotion})"


@rule("CJM304", "truth-without-metric", Severity.WARNING, "journey")
def truth_without_metric(journey: Journey, scope: JourneyScope) -> Iterator[Problem]:
    """
    A Moment of Truth has no metric.

    Moments of Truth decide what the customer thinks of the brand; without a metric nobody
    knows how they are going. Add one under `metrics` (NPS, CSAT, conversion, time...).
    """
    for _, _, touchpoint in journey.touchpoints():
        if touchpoint.is_moment_of_truth and not touchpoint.metrics:
            yield Problem(touchpoint.at(), f"Moment of Truth '{touchpoint.id}' has no metric")


@rule("CJM305", "metric-without-target", Severity.WARNING, "journey")
def metric_without_target(journey: Journey, scope: JourneyScope) -> Iterator[Problem]:
    """
    A metric has no target.

    A value alone does not say whether the touchpoint is good enough. Set `target` (and
    `higher_is_better: false` for times, costs and error rates).
    """
    for _, _, touchpoint in journey.touchpoints():
        for metric in touchpoint.metrics:
            if metric.target is None:
                yield Problem(
                    metric.at(), f"metric '{metric.name}' of touchpoint '{touchpoint.id}' has no target"
                )


@rule("CJM306", "persona-without-needs", Severity.WARNING, "journey", "catalog")
def persona_without_needs(subject: Journey | Catalog, scope: Any) -> Iterator[Problem]:
    """
    A persona has no needs and no motivations.

    A persona is more than a name and an age: its needs and motivations are what the journey
    must serve. Reported for personas defined in the file (a catalog's personas are reported
    in the catalog).
    """
    for persona in subject.personas:
        if isinstance(persona, Persona) and not persona.needs and not persona.motivations:
            yield Problem(persona.at(), f"persona '{persona.id}' has no needs and no motivations")


@rule("CJM307", "preferred-channel-missing", Severity.WARNING, "journey")
def preferred_channel_missing(journey: Journey, scope: JourneyScope) -> Iterator[Problem]:
    """
    None of a persona's preferred channels is offered to it in the journey.

    Not every persona wants to be reached the same way. When a persona lists preferred
    `channels` and no touchpoint it passes through uses any of them, the journey talks to it
    where it does not listen. Reported where the journey names the persona.
    """
    offered: dict[str, set[str]] = {pid: set() for pid in scope.cast}
    for _, _, touchpoint in journey.touchpoints():
        for pid in scope.personas_at(touchpoint.personas):
            offered[pid].add(touchpoint.channel)
    for pid, (persona, at) in scope.cast.items():
        # a channel CJM203 reports could be any: the persona's, or one offered to it
        unknown = (offered[pid] | set(persona.channels)) - set(scope.channels)
        if persona.channels and not unknown and not offered[pid] & set(persona.channels):
            preferred = ", ".join(persona.channels)
            yield Problem(
                at,
                f"persona '{pid}' prefers {preferred}, and no touchpoint of the journey offers any of them",
            )


@rule("CJM308", "stage-without-persona", Severity.WARNING, "journey")
def stage_without_persona(journey: Journey, scope: JourneyScope) -> Iterator[Problem]:
    """
    A persona takes part before and after a purchase phase, and has no touchpoint in it.

    Not every persona is at every stage, and that is how journeys work: a referring doctor
    writes the referral and reads the results, a security review is for the applicant alone,
    parallel stages offer one channel to one persona and another to the next, a decision-maker
    signs and leaves, the end user arrives after go-live. None of that is reported. What is
    reported is a persona whose path breaks: it has touchpoints in the phases before and after
    one, and none in that whole phase, although the phase has touchpoints for others. The map
    then loses track of that persona in the middle of its own journey. Reported at the phase,
    once per persona. A touchpoint without `personas` counts for every persona.
    """
    phases = [phase for phase in journey.phases if any(stage.touchpoints for stage in phase.stages)]
    served = [
        {pid for stage in phase.stages for tp in stage.touchpoints for pid in scope.personas_at(tp.personas)}
        for phase in phases
    ]
    for pid in scope.cast:
        present = [i for i, who in enumerate(served) if pid in who]
        for i in range(present[0] + 1, present[-1]) if present else ():
            if pid not in served[i]:
                yield Problem(phases[i].at(), f"phase '{phases[i].id}' has no touchpoint for persona '{pid}',"
                                              " who takes part in the phases before and after it")  # fmt: skip


@rule("CJM309", "no-emotion", Severity.WARNING, "journey")
def no_emotion(journey: Journey, scope: JourneyScope) -> Iterator[Problem]:
    """
    No emotion is recorded anywhere in the journey.

    The experience curve, how the customer feels at each touchpoint, is the heart of a journey
    map: without it there are no Moments of Pain to find. Record `emotion` on the touchpoints.
    Reported at line 1.
    """
    if not any(touchpoint.emotion is not None for _, _, touchpoint in journey.touchpoints()):
        yield Problem((1, 1), f"no emotion is recorded anywhere in journey '{journey.id}'")


@rule("CJM310", "frontstage-without-backstage", Severity.WARNING, "journey")
def frontstage_without_backstage(journey: Journey, scope: JourneyScope) -> Iterator[Problem]:
    """
    A touchpoint with a `frontstage` has no `backstage` support.

    A good experience is a coordinated front stage (what the customer sees) and back stage
    (the processes, systems and people behind it). Say what supports the front stage.
    """
    for _, _, touchpoint in journey.touchpoints():
        if touchpoint.frontstage and not touchpoint.backstage:
            yield Problem(
                touchpoint.at(), f"touchpoint '{touchpoint.id}' has a front stage and no back stage"
            )
