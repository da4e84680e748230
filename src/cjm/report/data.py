"""The report as the JSON that scripts read; every other format writes the same facts.

These envelopes are the contract of `cjm report --format json`, with the facts of `cjm.analysis`
inside them as they are: `schemas/report.schema.json` is generated from them.
"""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from pydantic import Field

from cjm.analysis import EVERYONE, Analysis, Persona, portfolio, state_pairs, told_apart
from cjm.analysis.facts import (
    AtTouchpoint,
    Average,
    BacklogItem,
    Channels,
    Evidence,
    Fact,
    Fall,
    Gap,
    HurtOf,
    MetricStatus,
    Names,
    Opportunity,
    Ownership,
    Pain,
    Point,
    Portfolio,
    State,
    StatePair,
    StatePortfolio,
    Strength,
    Truth,
)
from cjm.analysis.portfolio import map_summary
from cjm.config import STALE_AFTER_DAYS
from cjm.model import BUILTIN_CHANNELS
from cjm.present.i18n import Words, words
from cjm.present.words import (
    SCORE_FORMULA,
    channel_name,
    everyone,
    explanation_in,
    phase_title,
    purchase_phase_title,
)

_F = TypeVar("_F", bound=Fact)


class Curve(Fact):
    average: float | None
    points: list[Point]
    stages: list[Average]
    phases: list[Average]
    falls: list[Fall] = Field(description="Where the curve drops, largest first.")


class JourneyReport(Fact):
    journey: str
    title: str
    path: str
    state: State
    personas: list[Persona]
    curve: Curve
    pains: list[Pain]
    truths: list[Truth]
    gaps: list[Gap]
    metrics: list[MetricStatus]
    ownership: Ownership
    channels: Channels
    evidence: Evidence
    strengths: list[Strength]
    backlog: list[BacklogItem]
    opportunities: list[Opportunity]
    names: Names
    score_formula: str = SCORE_FORMULA
    lang: str = Field(default="en", description="The language of the labels of the human formats: en or es.")

    def persona_called(self, persona: Persona) -> str:
        """A persona as people read it: "Ana Martínez", or "everyone" for a journey naming none."""
        return everyone(words(self.lang)) if persona is EVERYONE else self.names.persona(persona)


class PortfolioReport(Fact):
    portfolio: Portfolio
    pairs: list[StatePair]
    journeys: list[JourneyReport]
    lang: str = Field(default="en", description="The language of the labels of the human formats: en or es.")


def journey_report(path: str, analysis: Analysis, lang: str = "en") -> JourneyReport:
    """The facts of one journey, with what the map leaves unnamed named in `lang`."""
    journey, said = analysis.journey, _Worded(analysis, words(lang))
    names = said.names
    return JourneyReport(
        journey=journey.id,
        title=journey.title,
        path=path,
        state=journey.state,
        personas=analysis.personas,
        curve=Curve(
            average=analysis.average,
            points=said.all(analysis.curve),
            stages=analysis.stages,
            phases=[a.model_copy(update={"name": names.phases[a.id]}) for a in analysis.phases],
            falls=said.all(analysis.falls),
        ),
        pains=said.all(analysis.pains),
        truths=said.all(analysis.truths),
        gaps=said.all(analysis.gaps),
        metrics=analysis.metrics,
        ownership=analysis.ownership,
        channels=analysis.channels,
        evidence=analysis.evidence,
        strengths=said.all(analysis.strengths),
        backlog=[
            said.one(b).model_copy(
                update={"explanation": explanation_in(b.parts, b.score, b.priority, b.done, said.t)}
            )
            for b in analysis.backlog
        ],
        opportunities=analysis.opportunities,
        names=names,
        lang=lang,
    )


class _Worded:
    """Facts with what the map leaves unnamed named in a language: a purchase phase ("Antes de la
    compra"), a built-in channel ("Teléfono"), everyone ("todos")."""

    def __init__(self, analysis: Analysis, t: Words) -> None:
        journey, scope = analysis.journey, analysis.scope
        self.t = t
        self.names = analysis.names.model_copy(
            update={
                "channels": told_apart({cid: channel_name(c, t) for cid, c in scope.channels.items()}),
                "phases": told_apart({phase.id: phase_title(phase, t) for phase in journey.phases}),
            }
        )
        self.everyone = everyone(t)

    def one(self, fact: _F) -> _F:
        update: dict[str, str] = {}
        if isinstance(fact, AtTouchpoint) and fact.phase_name != self.names.phases[fact.phase]:
            update["phase_name"] = self.names.phases[fact.phase]
        if getattr(fact, "persona", "") is EVERYONE:
            update["persona_name"] = self.everyone
        return fact.model_copy(update=update) if update else fact

    def all(self, facts: list[_F]) -> list[_F]:
        return [self.one(fact) for fact in facts]


def _phases_titled(across: Portfolio, t: Words) -> Portfolio:
    """The portfolio's phases named by the purchase phase each is ("Before purchase"), in the
    report's language: maps that call one phase by different names are counted together."""

    def titled(state: StatePortfolio) -> dict[str, list[HurtOf]]:
        return {
            "phases": [h.model_copy(update={"name": purchase_phase_title(h.id, t)}) for h in state.phases],
            "channels": [h.model_copy(update={"name": _channel_called(h, t)}) for h in state.channels],
        }

    states = [state.model_copy(update=titled(state)) for state in across.states]
    return across.model_copy(update={**titled(across), "states": states})


def _channel_called(row: HurtOf, t: Words) -> str:
    """A built-in channel in the language; a channel a map or a catalog names, as it is named."""
    builtin = BUILTIN_CHANNELS.get(row.id)
    return channel_name(builtin, t) if builtin is not None and builtin.name == row.name else row.name


def portfolio_report(
    analysed: list[tuple[str, Analysis, str]],
    lang: str = "en",
    today: date | None = None,
    stale_after_days: int = STALE_AFTER_DAYS,
) -> PortfolioReport:
    """An overview of every map, then across journeys each state apart, then each journey's own
    report. `today` (default: the day of the run) decides which reviews are overdue and which
    metrics are stale."""
    analyses = [analysis for _, analysis, _ in analysed]
    day = today or date.today()
    maps = [map_summary(path, analysis, day, stale_after_days) for path, analysis, _ in analysed]
    return PortfolioReport(
        portfolio=_phases_titled(portfolio(analyses, maps), words(lang)),
        pairs=state_pairs(analyses),
        journeys=[journey_report(path, analysis, language) for path, analysis, language in analysed],
        lang=lang,
    )
