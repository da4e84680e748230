"""The journey file format, version 1, as pydantic models.

Field names follow the format page word for word. Each model keeps the YAML mapping it was read
from (`source`), so that rules can point at the line and column of any field.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PlainValidator,
    PrivateAttr,
    StringConstraints,
    Tag,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from cjm.loader import Map, Position, locate, start_of

FORMAT_VERSION = 1
SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
PHASE_IDS = ("before", "during", "after")
PHASE_NAMES = {"before": "before purchase", "during": "during purchase", "after": "after purchase"}

EMOTION_WORDS = {
    "very-negative": -2, "negative": -1, "neutral": 0, "positive": 1, "very-positive": 2,
    "muy-negativo": -2, "negativo": -1, "positivo": 1, "muy-positivo": 2,
}  # fmt: skip
EMOTION_LABELS = {-2: "very negative", -1: "negative", 0: "neutral", 1: "positive", 2: "very positive"}

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _list_or_single(item_schema: dict[str, Any], description: str) -> WithJsonSchema:
    return WithJsonSchema(
        {"description": description, "anyOf": [item_schema, {"type": "array", "items": item_schema}]}
    )


TextList = Annotated[
    list[str],
    BeforeValidator(_one_or_many),
    _list_or_single({"type": "string"}, "A text, or a list of texts."),
]
IdList = Annotated[
    list[Slug],
    BeforeValidator(_one_or_many),
    _list_or_single({"type": "string", "pattern": SLUG_PATTERN}, "An id, or a list of ids."),
]


def _emotion(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and -2 <= value <= 2:
        return value
    if isinstance(value, str) and value in EMOTION_WORDS:
        return EMOTION_WORDS[value]
    hint = did_you_mean(value, EMOTION_WORDS) if isinstance(value, str) else ""
    raise PydanticCustomError(
        "emotion",
        "an emotion is a whole number from -2 to 2 or a word such as 'negative' or"
        " 'muy-positivo', not {value}{hint}",
        {"value": repr(value), "hint": hint},
    )


Emotion = Annotated[
    int,
    PlainValidator(_emotion),
    WithJsonSchema(
        {
            "description": "-2 very negative … 2 very positive, or the word for it.",
            "oneOf": [
                {"type": "integer", "minimum": -2, "maximum": 2},
                {"enum": list(EMOTION_WORDS)},
            ],
        }
    ),
]
EmotionValue = Annotated[
    Annotated[Emotion, Tag("<score>")] | Annotated[dict[Slug, Emotion], Tag("<per-persona>")],
    Discriminator(lambda v: "<per-persona>" if isinstance(v, dict) else "<score>"),
]


def _number(value: Any) -> int | float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    raise PydanticCustomError("number", "must be a number, not {value}", {"value": repr(value)})


Number = Annotated[int | float, PlainValidator(_number), WithJsonSchema({"type": "number"})]
Age = Annotated[
    str, WithJsonSchema({"type": ["integer", "string"], "description": "31, or a range such as '25-34'."})
]


def did_you_mean(word: str, choices: Any) -> str:
    """ " (did you mean 'x'?)" when a choice is close to `word`, else ""."""
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


# Spanish keys a practitioner is likely to write; the format's keys are English.
_SPANISH_KEYS = {
    "nombre": "name", "titulo": "title", "título": "title", "descripcion": "description",
    "descripción": "description", "fases": "phases", "etapas": "stages", "canal": "channel",
    "canales": "channels", "equipos": "teams", "responsable": "owner", "dueño": "owner",
    "actividad": "activity", "necesidad": "need", "necesidades": "needs", "objetivo": "goal",
    "objetivos": "goals", "expectativa": "expectation", "pensamientos": "thoughts",
    "emocion": "emotion", "emoción": "emotion", "momento": "moment", "problemas": "problems",
    "mejoras": "improvements", "oportunidades": "opportunities", "metricas": "metrics",
    "métricas": "metrics", "evidencia": "evidence", "escenario": "scenario",
    "antecedentes": "context", "motivaciones": "motivations", "frustraciones": "frustrations",
    "arquetipo": "archetype", "rol": "role", "perfil": "profile", "estado": "status",
    "prioridad": "priority", "objetivo_valor": "target", "valor": "value", "unidad": "unit",
    "fuente": "source", "confianza": "confidence",
}  # fmt: skip


@dataclass(frozen=True)
class UnknownKey:
    """A key the format does not define, found while validating (rule CJM102)."""

    position: Position
    mapping: Position  # where the mapping that holds it starts
    meant: str | None  # the field it most likely stands for
    message: str


class Node(BaseModel):
    """A mapping of the file: closed to unknown keys, and aware of where it was written."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)
    kind_name: ClassVar[str] = "object"
    field_names: ClassVar[frozenset[str]] = frozenset()
    _source: Map | None = PrivateAttr(default=None)

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        cls.field_names = frozenset(cls.model_fields)  # pydantic computes model_fields on each access

    @model_validator(mode="wrap")
    @classmethod
    def _keep_source(cls, data: Any, handler: Any, info: ValidationInfo) -> Any:
        if isinstance(data, Map):
            data = cls._drop_unknown_keys(data, info)
        node = handler(data)
        if isinstance(data, Map):
            node._source = data
        return node

    @classmethod
    def _drop_unknown_keys(cls, data: Map, info: ValidationInfo) -> Any:
        """Unknown keys become findings with a suggestion; the rest is still validated."""
        unknown = [key for key in data if key not in cls.field_names]
        if not unknown:
            return data
        if info.context is not None:
            for key in unknown:
                meant = cls._meant(key)
                info.context.setdefault("unknown", []).append(
                    UnknownKey(
                        data.key_at[key], data.start, meant, cls._unknown_key_message(key, data, meant)
                    )
                )
        kept = Map(data.start)
        for key, value in data.items():
            if key in cls.field_names:
                kept[key] = value
                kept.key_at[key] = data.key_at[key]
                kept.value_at[key] = data.value_at[key]
        return kept

    @classmethod
    def _meant(cls, key: Any) -> str | None:
        """The field an unknown key most likely stands for: its English name, or a close one."""
        translated = _SPANISH_KEYS.get(str(key).lower())
        if translated in cls.field_names:
            return translated
        close = difflib.get_close_matches(str(key), list(cls.model_fields), n=1, cutoff=0.6)
        return close[0] if close else None

    @classmethod
    def _unknown_key_message(cls, key: Any, data: Map, meant: str | None) -> str:
        where = cls.kind_name
        if isinstance(data.get("id"), str):
            where += f" '{data['id']}'"
        hint = f" (did you mean '{meant}'?)" if meant else ""
        return f"unknown field '{key}' in {where}{hint}"

    def at(self, *path: Any, key: bool = False) -> Position:
        """Where a field of this object (or the object itself, with no path) was written."""
        source = self.__pydantic_private__["_source"]  # skips pydantic's slower __getattr__
        if source is None:
            return (1, 1)
        return locate(source, path, key=key) if path else start_of(source)


class Profile(Node):
    """Who the persona is beyond age and income: what a modern buyer persona records."""

    kind_name = "profile"
    age: Age | None = None
    education: str | None = None
    occupation: str | None = None
    family: str | None = None
    income: str | None = None
    location: str | None = None
    brands: TextList = []
    inspirations: TextList = []
    priorities: TextList = []


class Persona(Node):
    """A customer archetype, or someone else who takes part in the purchase."""

    kind_name = "persona"
    id: Slug
    name: str
    archetype: str | None = None
    role: Literal["buyer", "decision-maker", "influencer", "prescriber", "user"] | None = None
    description: str | None = None
    profile: Profile | None = None
    needs: TextList = []
    motivations: TextList = []
    goals: TextList = []
    frustrations: TextList = []
    channels: IdList = Field(default=[], description="The persona's preferred channels.")


class Team(Node):
    """Who is responsible for touchpoints: front stage (seen by the customer) or back stage."""

    kind_name = "team"
    id: Slug
    name: str
    stage: Literal["front", "back"] | None = None
    description: str | None = None


class Channel(Node):
    """A way the customer and the organisation meet."""

    kind_name = "channel"
    id: Slug
    name: str
    type: Literal["digital", "human", "physical", "print"] | None = None
    description: str | None = None


BUILTIN_CHANNELS: dict[str, Channel] = {
    channel.id: channel
    for channel in (
        Channel(id="web", name="Web", type="digital"),
        Channel(id="mobile-app", name="Mobile app", type="digital"),
        Channel(id="email", name="Email", type="digital"),
        Channel(id="sms", name="SMS", type="digital"),
        Channel(id="whatsapp", name="WhatsApp", type="digital"),
        Channel(id="chat", name="Chat", type="digital"),
        Channel(id="social", name="Social media", type="digital"),
        Channel(id="phone", name="Phone", type="human"),
        Channel(id="call-center", name="Call center", type="human"),
        Channel(id="store", name="Store", type="physical"),
        Channel(id="in-person", name="In person", type="human"),
        Channel(id="postal", name="Postal mail", type="print"),
        Channel(id="ads", name="Advertising", type="digital"),
        Channel(id="event", name="Event", type="physical"),
        Channel(id="partner", name="Partner", type="human"),
    )
}


class Improvement(Node):
    """A change proposed to fix a problem, with who owns it and how far it has got."""

    kind_name = "improvement"
    text: str
    owner: Slug | None = None
    status: Literal["proposed", "planned", "in-progress", "done"] = "proposed"
    priority: Literal["low", "medium", "high"] | None = None


class Metric(Node):
    """A measure of the touchpoint, with the target that says whether it is good enough."""

    kind_name = "metric"
    name: str
    value: Number | None = None
    target: Number | None = None
    unit: str | None = None
    source: str | None = None
    higher_is_better: bool = True


def _improvements(items: list[str | Improvement]) -> list[Improvement]:
    return [Improvement(text=item) if isinstance(item, str) else item for item in items]


UNION_TAG_PREFIX = "<"
"""Error locations name the member of a union they failed in; such names start with this."""


def _by_form(value: Any) -> str:
    return "<object>" if isinstance(value, dict) else "<text>"


ImprovementList = Annotated[
    list[
        Annotated[
            Annotated[str, Tag("<text>")] | Annotated[Improvement, Tag("<object>")],
            Discriminator(_by_form),
        ]
    ],
    AfterValidator(_improvements),
]


def _reference_or(model: type[Node]) -> Any:
    """A list item that is either an id (defined in a catalog) or the whole object, inline."""
    return Annotated[
        Annotated[Slug, Tag("<text>")] | Annotated[model, Tag("<object>")],
        Discriminator(_by_form),
    ]


class Touchpoint(Node):
    """A moment where the customer is in contact with the organisation."""

    kind_name = "touchpoint"
    id: Slug
    name: str
    channel: Slug
    activity: str | None = None
    personas: IdList = Field(default=[], description="Who passes here; default: all.")
    owner: Slug | None = None
    frontstage: str | None = None
    backstage: TextList = []
    need: str | None = None
    goal: str | None = None
    expectation: str | None = None
    thoughts: str | None = None
    emotion: EmotionValue | None = None
    expected_emotion: EmotionValue | None = None
    moment: Literal["truth", "pain"] | None = None
    problems: TextList = []
    improvements: ImprovementList = []
    opportunities: TextList = []
    metrics: list[Metric] = []
    evidence: TextList = []
    confidence: Literal["observed", "reported", "inferred", "assumed"] | None = None

    def emotion_of(self, persona: str | None) -> int | None:
        """The emotion recorded for `persona` (a single score applies to every persona)."""
        return _score_for(self.emotion, persona)

    def expected_emotion_of(self, persona: str | None) -> int | None:
        return _score_for(self.expected_emotion, persona)

    def scores(self) -> list[int]:
        """Every emotion score recorded here."""
        if self.emotion is None:
            return []
        return list(self.emotion.values()) if isinstance(self.emotion, dict) else [self.emotion]

    @property
    def is_moment_of_pain(self) -> bool:
        """Marked as a Moment of Pain, or felt as negative by anyone."""
        return self.moment == "pain" or any(score < 0 for score in self.scores())

    @property
    def is_moment_of_truth(self) -> bool:
        return self.moment == "truth"


def _score_for(value: int | dict[str, int] | None, persona: str | None) -> int | None:
    if isinstance(value, dict):
        return value.get(persona) if persona is not None else None
    return value


class Stage(Node):
    """A chapter of the journey (attraction, purchase, first use, renewal...)."""

    kind_name = "stage"
    id: Slug
    name: str
    scenario: str | None = None
    context: str | None = None
    touchpoints: list[Touchpoint]


class Phase(Node):
    """Before, during or after the purchase."""

    kind_name = "phase"
    id: Slug
    name: str | None = None
    stages: list[Stage]

    @property
    def title(self) -> str:
        return self.name or PHASE_NAMES.get(self.id, self.id)


class Journey(Node):
    """One journey of one product or service, told from the customer's side."""

    kind_name = "journey"
    cjm: Literal[1] = Field(description="The format version.")
    kind: Literal["journey"] = "journey"
    id: Slug
    title: str
    description: str | None = None
    state: Literal["current", "future"] = "current"
    personas: list[_reference_or(Persona)] = []  # type: ignore[valid-type]
    teams: list[_reference_or(Team)] = []  # type: ignore[valid-type]
    channels: list[_reference_or(Channel)] = []  # type: ignore[valid-type]
    phases: list[Phase]

    def stages(self) -> Iterator[tuple[Phase, Stage]]:
        for phase in self.phases:
            for stage in phase.stages:
                yield phase, stage

    def touchpoints(self) -> Iterator[tuple[Phase, Stage, Touchpoint]]:
        for phase, stage in self.stages():
            for touchpoint in stage.touchpoints:
                yield phase, stage, touchpoint


class Catalog(Node):
    """Personas, teams and channels shared by many journeys."""

    kind_name = "catalog"
    cjm: Literal[1] = Field(description="The format version.")
    kind: Literal["catalog"]
    title: str | None = None
    description: str | None = None
    personas: list[Persona] = []
    teams: list[Team] = []
    channels: list[Channel] = []
