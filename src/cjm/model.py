"""The journey file format, version 1, as pydantic models.

Field names follow the format page word for word. Each model keeps the YAML mapping it was read
from (`source`), so that rules can point at the line and column of any field.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, TypeAlias, get_args

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
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from cjm.language import Language
from cjm.loader import Map, Position, locate, start_of

FORMAT_VERSION = 1
SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
PHASE_IDS = ("before", "during", "after")
PHASE_NAMES = {"before": "before purchase", "during": "during purchase", "after": "after purchase"}

EMOTION_WORDS = {
    "very-negative": -2, "negative": -1, "neutral": 0, "positive": 1, "very-positive": 2,
    "muy-negativo": -2, "negativo": -1, "positivo": 1, "muy-positivo": 2,
    "muy-negativa": -2, "negativa": -1, "positiva": 1, "muy-positiva": 2,
}  # fmt: skip
MOMENT_WORDS = {"verdad": "truth", "dolor": "pain"}
"""Spanish words for `moment`, read as the format's own."""

EMOTION_LABELS = {-2: "very negative", -1: "negative", 0: "neutral", 1: "positive", 2: "very positive"}

# Empty lists and mappings are made fresh for each object (pydantic deep-copies a `default=[]`
# every time it uses it); the JSON Schema still shows them as the default.
EMPTY_LIST: dict[str, Any] = {"default": []}
EMPTY_MAPPING: dict[str, Any] = {"default": {}}

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
State = Literal["current", "future"]
"""A map of the journey as customers live it today, or as the team means it to be."""
STATES: tuple[State, ...] = get_args(State)
Standing = Literal["below", "met", "no-target", "no-value"]
"""How a metric stands against its target: `below` misses it (short of it, whichever way is
better), `met` meets it; `no-target`, `no-value` when one of the two is missing."""
Direction = Literal["improved", "worsened", "unchanged"]
"""How a metric moved since its previous value, judged by `higher_is_better` (not up or down)."""


def _moment(value: Any) -> Any:
    return MOMENT_WORDS.get(value, value) if isinstance(value, str) else value


Moment = Annotated[
    Literal["truth", "pain"],
    BeforeValidator(_moment),
    WithJsonSchema({"enum": ["truth", "pain", *MOMENT_WORDS]}),
]


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


LARGEST_NUMBER = 10**15
"""The largest size of a metric's figure: a float keeps 15 significant digits, so a larger figure
is not kept as written, and the sums and gaps made of it overflow."""


def _number(value: Any) -> int | float:
    """A finite number of at most 15 digits: `.inf`, `.nan`, `1e999`, 400-digit integers and
    1e22 break every sum and chart made of them later."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, float) and math.isfinite(value) and abs(value) <= LARGEST_NUMBER:
            return value
        if isinstance(value, int) and abs(value) <= LARGEST_NUMBER:
            return value
        shown = (
            str(value)
            if isinstance(value, float) or abs(value) < 10**30
            else f"a number of {len(str(abs(value)))} digits"
        )
        raise PydanticCustomError(
            "number", "must be a finite number from -1e15 to 1e15, not {value}", {"value": shown}
        )
    raise PydanticCustomError("number", "must be a number, not {value}", {"value": repr(value)})


Number = Annotated[
    int | float,
    PlainValidator(_number),
    WithJsonSchema({"type": "number", "minimum": -LARGEST_NUMBER, "maximum": LARGEST_NUMBER}),
]


def _shown(value: str) -> str:
    """A name or title the map draws: it must hold something to see."""
    if not value.strip():
        raise PydanticCustomError("blank", "must hold some text, not only blanks")
    return value


Shown = Annotated[str, AfterValidator(_shown), Field(json_schema_extra={"pattern": r"\S"})]
"""A title or name the map shows: at least one character that is not a blank."""
Age = Annotated[
    str, WithJsonSchema({"type": ["integer", "string"], "description": "31, or a range such as '25-34'."})
]


def did_you_mean(word: str, choices: Any) -> str:
    """ " (did you mean 'x'?)" when a choice is close to `word`, else ""."""
    close = close_matches(word, choices)
    return f" (did you mean '{close[0]}'?)" if close else ""


def close_matches(word: str, choices: Any, cutoff: float = 0.6) -> list[str]:
    """The choice closest to `word` in spelling, if one is close enough (`cutoff`, from 0 to 1)
    to be what was meant."""
    import difflib  # only when there is a mistake to suggest for

    return difflib.get_close_matches(str(word), list(choices), n=1, cutoff=cutoff)


# Spanish words a practitioner is likely to write for the values of the format's closed sets,
# written without accents and with '-' between words, and the value each stands for. Only the
# emotion words and `verdad` and `dolor` are read as the format's own; the others are suggested.
SPANISH_VALUES = {
    "antes": "before", "durante": "during", "despues": "after",
    "actual": "current", "futuro": "future", "futura": "future",
    "borrador": "draft", "revision": "review", "en-revision": "review", "aprobado": "approved",
    "aprobada": "approved", "retirado": "retired", "retirada": "retired",
    "pendiente": "proposed", "propuesta": "proposed", "propuesto": "proposed", "planificada": "planned",
    "planificado": "planned", "prevista": "planned", "previsto": "planned", "en-curso": "in-progress",
    "en-marcha": "in-progress", "en-progreso": "in-progress", "hecha": "done", "hecho": "done",
    "terminada": "done", "terminado": "done", "completada": "done", "completado": "done",
    "alta": "high", "alto": "high", "media": "medium", "medio": "medium", "baja": "low", "bajo": "low",
    "fisico": "physical", "fisica": "physical", "humano": "human", "humana": "human",
    "impreso": "print", "papel": "print",
    "comprador": "buyer", "compradora": "buyer", "decisor": "decision-maker", "decisora": "decision-maker",
    "influenciador": "influencer", "influenciadora": "influencer", "prescriptor": "prescriber",
    "prescriptora": "prescriber", "usuario": "user", "usuaria": "user",
    "observado": "observed", "observada": "observed", "declarado": "reported", "declarada": "reported",
    "reportado": "reported", "reportada": "reported", "inferido": "inferred", "inferida": "inferred",
    "supuesto": "assumed", "supuesta": "assumed", "asumido": "assumed", "asumida": "assumed",
    "delantero": "front", "trastienda": "back",
    "telefono": "phone", "llamada": "phone", "movil": "mobile-app", "aplicacion": "mobile-app",
    "aplicacion-movil": "mobile-app", "correo": "email", "correo-electronico": "email",
    "oficina": "store", "tienda": "store", "sucursal": "store", "presencial": "in-person",
    "cara-a-cara": "in-person", "visita": "in-person", "en-persona": "in-person", "carta": "postal",
    "correo-postal": "postal", "redes": "social", "redes-sociales": "social", "sitio-web": "web",
    "pagina-web": "web", "centro-de-llamadas": "call-center", "atencion-al-cliente": "call-center",
    "publicidad": "ads", "anuncio": "ads", "evento": "event", "feria": "event", "socio": "partner",
    "mediador": "partner", "distribuidor": "partner", "mensaje": "sms", "chat-en-vivo": "chat",
}  # fmt: skip


def spanish_meaning(word: str, choices: Any) -> str | None:
    """The choice that `word` is the Spanish for ('Después' → 'after'), if any (a plural too)."""
    plain = unicodedata.normalize("NFKD", str(word)).encode("ascii", "ignore").decode().lower()
    plain = "-".join(plain.replace("_", " ").replace("-", " ").split())
    for form in (plain, plain.removesuffix("s"), plain.removesuffix("es")):
        meant = SPANISH_VALUES.get(form)
        if meant is not None and meant in choices:
            return meant
    return None


def suggest(word: str, choices: Any) -> str:
    """ " ('antes' is Spanish for 'before')" when `word` is the Spanish for a choice, else the
    " (did you mean 'x'?)" of a close spelling, else ""."""
    meant = spanish_meaning(word, choices)
    if meant is not None:
        return f" ('{word}' is Spanish for '{meant}')"
    return did_you_mean(word, choices)


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

    # Each field's description is its hover text in editors, through the JSON Schema.
    model_config = ConfigDict(
        extra="forbid",
        coerce_numbers_to_str=True,
    )
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
        # This runs for every mapping of every file: the common case (no unknown key) is one set
        # test, and the source is stored past pydantic's slower __setattr__.
        if not isinstance(data, Map):
            return handler(data)
        if not cls.field_names.issuperset(data):
            data = cls._drop_unknown_keys(data, info)
        node = handler(data)
        node.__pydantic_private__["_source"] = data
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
                        data.key_position(key), data.start, meant, cls._unknown_key_message(key, data, meant)
                    )
                )
        kept = Map(data.start)
        marks = data.marks
        for i in range(0, len(marks), 3):
            key = marks[i]
            if key in cls.field_names:
                kept.add(key, data[key], marks[i + 1], marks[i + 2])
        return kept

    @classmethod
    def _meant(cls, key: Any) -> str | None:
        """The field an unknown key most likely stands for: its English name, or a close one."""
        translated = _SPANISH_KEYS.get(str(key).lower())
        if translated in cls.field_names:
            return translated
        import difflib

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
        private = self.__pydantic_private__  # skips pydantic's slower __getattr__
        source = private["_source"] if private else None
        if source is None:
            return (1, 1)
        return locate(source, path, key=key) if path else start_of(source)


class Profile(Node):
    """Who the persona is beyond age and income: what a modern buyer persona records."""

    kind_name = "profile"
    age: Age | None = Field(
        default=None, description="The persona's age: a number such as 31, or a range such as '25-34'."
    )
    education: str | None = Field(default=None, description="Level of education, e.g. 'Grado' or 'Máster'.")
    occupation: str | None = Field(
        default=None, description="What the persona does for a living, e.g. 'Diseñadora'."
    )
    family: str | None = Field(default=None, description="Family situation, e.g. 'En pareja, sin hijos'.")
    income: str | None = Field(default=None, description="Income level or bracket, in the team's own words.")
    location: str | None = Field(
        default=None, description="Where the persona lives or works: a city, a region or a kind of area."
    )
    brands: TextList = Field(
        default_factory=list,
        json_schema_extra=EMPTY_LIST,
        description="Brands the persona prefers or trusts; a text or a list of texts.",
    )
    inspirations: TextList = Field(
        default_factory=list,
        json_schema_extra=EMPTY_LIST,
        description="What or who inspires the persona; a text or a list of texts.",
    )
    priorities: TextList = Field(
        default_factory=list,
        json_schema_extra=EMPTY_LIST,
        description="What matters most to the persona when choosing; a text or a list of texts.",
    )


class Persona(Node):
    """A customer archetype, or someone else who takes part in the purchase."""

    kind_name = "persona"
    id: Slug = Field(
        description=(
            "The id that journeys, touchpoints and per-persona emotions use for this persona: lowercase "
            "letters, digits, '-' and '_', e.g. 'ana'."
        )
    )
    name: Shown = Field(description="The persona's name as the map shows it, e.g. 'Ana Martínez'.")
    archetype: str | None = Field(
        default=None,
        description=(
            "The customer archetype in a few words: the behaviour this persona stands for, e.g. 'Primera "
            "vivienda, nativa digital'."
        ),
    )
    role: Literal["buyer", "decision-maker", "influencer", "prescriber", "user"] | None = Field(
        default=None,
        description=(
            "The part played in the purchase: buyer, decision-maker, influencer, prescriber, or user (who "
            "uses the product without necessarily buying it)."
        ),
    )
    gender: Literal["female", "male", "neutral"] | None = Field(
        default=None,
        description=(
            "Only how cjm words the persona's role in languages whose words agree with it: female, male or "
            "neutral (in Spanish 'compradora', 'comprador', 'persona compradora'). Without it, the neutral "
            "wording."
        ),
    )
    description: str | None = Field(
        default=None, description="A short portrait of the persona, in free text."
    )
    profile: Profile | None = Field(
        default=None,
        description=(
            "Who the persona is beyond age and income: education, occupation, family, brands, "
            "inspirations, priorities."
        ),
    )
    needs: TextList = Field(
        default_factory=list,
        json_schema_extra=EMPTY_LIST,
        description=(
            "What the persona needs from the product or service; a text or a list of texts. Without needs "
            "and motivations, warning CJM306."
        ),
    )
    motivations: TextList = Field(
        default_factory=list,
        json_schema_extra=EMPTY_LIST,
        description="Why the persona buys, or would buy; a text or a list of texts.",
    )
    goals: TextList = Field(
        default_factory=list,
        json_schema_extra=EMPTY_LIST,
        description="What the persona wants to achieve; a text or a list of texts.",
    )
    frustrations: TextList = Field(
        default_factory=list,
        json_schema_extra=EMPTY_LIST,
        description="What annoys or blocks the persona today; a text or a list of texts.",
    )
    channels: IdList = Field(
        default_factory=list,
        json_schema_extra=EMPTY_LIST,
        description=(
            "The persona's preferred channels (built-in or declared channel ids); an id or a list of ids. "
            "Warning CJM307 when a journey offers the persona none of them."
        ),
    )


class Team(Node):
    """Who is responsible for touchpoints: front stage (seen by the customer) or back stage."""

    kind_name = "team"
    id: Slug = Field(
        description="The id that touchpoints, improvements and journeys name as their `owner`, e.g. 'claims'."
    )
    name: Shown = Field(description="The team's name as the map shows it, e.g. 'Siniestros'.")
    stage: Literal["front", "back"] | None = Field(
        default=None,
        description=(
            "front: the customer deals with this team (front stage); back: it works where the customer "
            "does not see it (back stage)."
        ),
    )
    description: str | None = Field(
        default=None, description="What the team does for the customer, in free text."
    )


class Channel(Node):
    """A way the customer and the organisation meet."""

    kind_name = "channel"
    id: Slug = Field(
        description=(
            "The id that touchpoints name as their `channel` and personas among their preferred "
            "`channels`, e.g. 'broker-app'."
        )
    )
    name: Shown = Field(description="The channel's name as the map shows it, e.g. 'App del mediador'.")
    type: Literal["digital", "human", "physical", "print"] | None = Field(
        default=None,
        description=(
            "How the contact happens: digital, human (a person on the other side), physical (a place) or "
            "print."
        ),
    )
    description: str | None = Field(
        default=None, description="What the channel is and how customers reach it, in free text."
    )


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
    text: str = Field(description="The change, in a sentence, e.g. 'Mostrar precio desde 9 €/mes'.")
    owner: Slug | None = Field(
        default=None, description="The id of the team that carries the improvement out."
    )
    status: Literal["proposed", "planned", "in-progress", "done"] = Field(
        default="proposed",
        description="How far it has got: proposed (the default), planned, in-progress or done.",
    )
    priority: Literal["low", "medium", "high"] | None = Field(
        default=None, description="low, medium or high."
    )


def _iso_date(value: Any) -> str:
    """A date written YYYY-MM-DD: YAML 1.2 reads it as text, which must name a real day."""
    import datetime

    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, str) and len(value) == 10:
        try:
            return datetime.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise PydanticCustomError(
        "date", "must be a date written YYYY-MM-DD, such as 2026-11-30, not {value}", {"value": repr(value)}
    )


IsoDate = Annotated[
    str,
    PlainValidator(_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "description": "A date, YYYY-MM-DD."}),
]
MetricKind = Literal[
    "nps", "csat", "ces", "mean", "median", "share", "count", "reach", "dropoff", "conversion"
]
METRIC_KINDS: tuple[str, ...] = get_args(MetricKind)
MetricMethod = Literal["top2", "mean", "agree"]
METHODS: dict[str, tuple[str, ...]] = {"csat": ("top2", "mean"), "ces": ("mean", "agree")}
"""The kinds computed in more than one way, and their methods: the first is the default."""
EVENT_KINDS = ("reach", "dropoff", "conversion")
"""The kinds computed from an event export (its sessions), not from survey answers."""
DATA_SUFFIXES = (
    ".csv",
    ".tsv",
    ".txt",
    ".parquet",
    ".json",
    ".jsonl",
    ".ndjson",
    ".xlsx",
    ".xlsm",
    ".xls",
    ".ods",
)
"""The exports `cjm measure` reads, by the file's suffix."""
ScalarAnswer = str | int | float | bool


class MetricData(Node):
    """Where `cjm measure` reads a metric's answers: one column of one file, some of its rows."""

    kind_name = "data"
    file: str = Field(
        description=(
            "The export, relative to the journey file: .csv, .tsv, .xlsx, .ods, .parquet, .json or .jsonl "
            "(JSON lines). Qualtrics, SurveyMonkey, Google Forms and Typeform CSV exports are read as they are."
        )
    )
    column: str | None = Field(
        default=None,
        description=(
            "The column of the answers: its header; in a Qualtrics export the question id (Q3) or its text. "
            "Every kind but count needs one."
        ),
    )
    where: dict[str, ScalarAnswer | list[ScalarAnswer]] = Field(
        default_factory=dict,
        json_schema_extra=EMPTY_MAPPING,
        description="Keep only the rows whose column equals the value, or one of a list of values: {Q1: App}.",
    )
    date_column: str | None = Field(
        default=None,
        description="The column holding each answer's date, which `--since` and `--until` filter on.",
    )
    match: TextList = Field(
        default_factory=list,
        json_schema_extra=EMPTY_LIST,
        description="For kind share: the answer, or the list of answers, that count as success.",
    )
    match_case: bool = Field(
        default=True,
        description=(
            "true (the default): `where` and `match` values must equal the answers exactly; false: case and "
            "accents are ignored ('si' matches 'Sí'). Either way, a value that matches no row is an error."
        ),
    )
    sheet: str | None = Field(
        default=None, description="The sheet of a spreadsheet (.xlsx, .ods); the first one by default."
    )
    session: str | None = Field(
        default=None,
        description="Kinds reach, dropoff and conversion: the event export's column of the session (or visitor) id.",
    )
    event: str | None = Field(
        default=None,
        description="Kinds reach, dropoff and conversion: the column of the event name that touchpoints list in `events`.",
    )
    time: str | None = Field(
        default=None,
        description=(
            "Kinds reach, dropoff and conversion: the column of each event's time, which orders a session's "
            "events and which `--since` and `--until` filter on."
        ),
    )
    to: Slug | None = Field(
        default=None,
        description=(
            "Kind conversion: the id of the touchpoint that counts as converted; the value is the share of the "
            "sessions at this touchpoint that later reach it."
        ),
    )

    @field_validator("file")
    @classmethod
    def _readable(cls, file: str) -> str:
        """A file `cjm measure` can read, by its suffix."""
        suffix = "." + file.rsplit(".", 1)[-1].lower() if "." in file.rsplit("/", 1)[-1] else ""
        if suffix not in DATA_SUFFIXES:
            raise PydanticCustomError(
                "data_file",
                "{file} is not an export cjm measure reads: use one of {suffixes}",
                {"file": repr(file), "suffixes": ", ".join(DATA_SUFFIXES)},
            )
        return file

    def missing_for(self, kind: str) -> list[str]:
        """The fields of `data` that `kind` needs and that are not written."""
        needed = (
            ["session", "event", "time", *(["to"] if kind == "conversion" else [])]
            if kind in EVENT_KINDS
            else []
            if kind == "count"
            else ["column", *(["match"] if kind == "share" else [])]
        )
        return [key for key in needed if not getattr(self, key)]


class Measurement(Node):
    """An earlier value of a metric, as `cjm measure` recorded it."""

    kind_name = "measurement"
    date: IsoDate = Field(description="The date of the value, YYYY-MM-DD.")
    value: Number = Field(description="The value then.")
    n: int | None = Field(default=None, ge=0, description="How many answers it was computed from.")


class Metric(Node):
    """A measure of the touchpoint, with the target that says whether it is good enough."""

    kind_name = "metric"
    name: Shown = Field(description="What is measured, e.g. 'CTR' or 'NPS tras la firma'.")
    value: Number | None = Field(default=None, description="The latest figure, a number in `unit`.")
    target: Number | None = Field(
        default=None,
        description=(
            "The figure the team aims for; the value meets it or misses it as `higher_is_better` says. "
            "Without a target, warning CJM305."
        ),
    )
    unit: str | None = Field(default=None, description="The unit of value and target, e.g. '%', 's' or '€'.")
    source: str | None = Field(
        default=None,
        description="Where the figure comes from, in free text, e.g. 'Meta Ads' or 'Encuesta tras la firma'.",
    )
    higher_is_better: bool = Field(
        default=True,
        description=(
            "true (the default) when a value above the target is good; false for figures such as waiting "
            "time or churn."
        ),
    )
    kind: MetricKind | None = Field(
        default=None,
        description=(
            "How `cjm measure` computes the value from `data`: nps (% of 9-10 minus % of 0-6), csat (% of "
            "4-5 on 1-5), ces (mean on 1-7), mean, median, share (% of answers in `match`), count (rows); "
            "from an event export: reach (% of the sessions that entered the journey that reached this "
            "touchpoint), dropoff (% of the sessions at this touchpoint that went no further in the journey) "
            "or conversion (% of the sessions at this touchpoint that later reach `to`)."
        ),
    )
    method: MetricMethod | None = Field(
        default=None,
        description=(
            "How a kind with variants is computed. csat: top2 (the default, % of answers 4-5 on 1-5) or mean "
            "(mean on 1-5); ces: mean (the default, mean on 1-7) or agree (% of answers 5-7 on 1-7). Other "
            "kinds have none."
        ),
    )
    data: MetricData | None = Field(
        default=None,
        description=(
            "Where `cjm measure` reads the answers: a file, a column, and which rows to keep; measured with "
            "`kind`. Every kind but count needs `column`, share needs `match`, and reach, dropoff and conversion "
            "need `session`, `event` and `time` (conversion also `to`)."
        ),
    )
    n: int | None = Field(
        default=None,
        ge=0,
        description="How many answers the value is computed from (written by cjm measure).",
    )
    measured: IsoDate | None = Field(
        default=None,
        description=(
            "The date of the value, YYYY-MM-DD (written by cjm measure). Older than `stale_after_days`: "
            "warning CJM313."
        ),
    )
    history: list[Measurement] = Field(
        default_factory=list,
        json_schema_extra=EMPTY_LIST,
        description="Earlier values, oldest first, each with its date and n (written by cjm measure).",
    )

    @field_validator("method")
    @classmethod
    def _variant(cls, method: str | None, info: ValidationInfo) -> str | None:
        """A method the kind has."""
        kind = info.data.get("kind")
        if method is None or "kind" not in info.data or method in METHODS.get(kind or "", ()):
            return method
        if kind in METHODS:
            raise PydanticCustomError("method", "kind {kind} is computed by {methods}, not {method}",
                                      {"kind": kind, "methods": " or ".join(METHODS[kind]), "method": repr(method)})  # fmt: skip
        said = f"kind {kind}" if kind else "a metric without kind"
        raise PydanticCustomError(
            "method", "only kinds csat and ces have a method, not {said}", {"said": said}
        )

    @property
    def computed_by(self) -> str | None:
        """The method of a kind with variants (`method`, else its default); None for the other kinds."""
        return self.method or (METHODS[self.kind][0] if self.kind in METHODS else None)

    @field_validator("data")
    @classmethod
    def _measurable(cls, data: MetricData | None, info: ValidationInfo) -> MetricData | None:
        """`data` with what its kind needs, so that `cjm validate` catches what `cjm measure` would refuse."""
        kind = info.data.get("kind")  # absent when wrong, which is said on its own
        if data is None or kind is None:  # data without kind is valid since cjm: 1, and not measured
            return data
        missing = data.missing_for(kind)
        if missing:
            said = [repr(key) for key in missing]
            what = ", ".join(said[:-1]) + " and " + said[-1] if len(said) > 1 else said[0]
            why = ": the answers that count as success" if missing == ["match"] else ""
            raise PydanticCustomError("data_kind", "kind {kind} needs {what}{why}",
                                      {"kind": kind, "what": what, "why": why})  # fmt: skip
        return data

    # Whether a figure is good enough, and whether it got better, is decided here for every
    # command (report, render, diff, measure, CJM311): `higher_is_better` turns both round.

    def shortfall_of(self, value: float) -> float | None:
        """How far `value` falls short of the target, in the metric's unit, whichever way is better:
        positive when it misses the target, 0 or less when it meets it; None without a target."""
        if self.target is None:
            return None
        short = self.target - value if self.higher_is_better else value - self.target
        return round(short, 9) + 0  # without float noise (0.1 + 0.2 meets a target of 0.3); no -0.0

    def standing_of(self, value: float | None) -> Standing:
        """How `value` stands against the target: it meets it (`met`) or misses it (`below`)."""
        if self.target is None:
            return "no-target"
        shortfall = None if value is None else self.shortfall_of(value)
        return "no-value" if shortfall is None else "below" if shortfall > 0 else "met"

    @property
    def shortfall(self) -> float | None:
        """How far the value falls short of the target (see `shortfall_of`); None without both."""
        return None if self.value is None else self.shortfall_of(self.value)

    @property
    def standing(self) -> Standing:
        return self.standing_of(self.value)

    @property
    def misses_target(self) -> bool:
        return self.standing == "below"

    def moved(self, was: float, now: float) -> Direction:
        """How the figure moved from `was` to `now`: improved when it went the way the metric aims
        (up when higher is better, down otherwise), worsened the other way."""
        if now == was:
            return "unchanged"
        return "improved" if (now > was) == self.higher_is_better else "worsened"


def _improvements(items: list[str | Improvement]) -> list[Improvement]:
    return [Improvement(text=item) if isinstance(item, str) else item for item in items]


UNION_TAG_PREFIX = "<"
"""Error locations name the member of a union they failed in; such names start with this."""


def _by_form(value: Any) -> str:
    return "<object>" if isinstance(value, dict) else "<text>"


if TYPE_CHECKING:  # what the validator below makes of it
    ImprovementList: TypeAlias = list[Improvement]
else:
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
    id: Slug = Field(
        description=(
            "The touchpoint's id, unique in the whole journey (not only in its stage), e.g. 'instagram-ad'."
        )
    )
    name: Shown = Field(
        description="The contact in a few words, as the map shows it, e.g. 'Ve un anuncio en Instagram'."
    )
    channel: Slug = Field(
        description=(
            "Where the contact happens: a built-in channel (web, mobile-app, email, sms, whatsapp, chat, "
            "social, phone, call-center, store, in-person, postal, ads, event, partner) or the id of one "
            "declared in the journey or a catalog."
        )
    )
    activity: str | None = Field(
        default=None, description="What the customer does here, e.g. 'Desliza el feed en el móvil'."
    )
    personas: IdList = Field(
        default_factory=list,
        json_schema_extra=EMPTY_LIST,
        description=(
            "The ids of the personas who pass through this touchpoint; an id or a list of ids. Default: "
            "all the journey's personas."
        ),
    )
    owner: Slug | None = Field(
        default=None,
        description="The id of the team responsible for this touchpoint. Without an owner, warning CJM302.",
    )
    frontstage: str | None = Field(
        default=None,
        description=(
            "What the customer sees of the organisation here (front stage), e.g. 'Anuncio segmentado por "
            "código postal'."
        ),
    )
    backstage: TextList = Field(
        default_factory=list,
        json_schema_extra=EMPTY_LIST,
        description=(
            "What supports the front stage out of the customer's sight (back stage): processes, systems, "
            "teams; a text or a list of texts."
        ),
    )
    support: TextList = Field(
        default_factory=list,
        json_schema_extra=EMPTY_LIST,
        description=(
            "The support processes and systems behind the back stage (the service blueprint's last lane, "
            "under the line of internal interaction), e.g. 'Motor de tarificación'; a text or a list of texts."
        ),
    )
    need: str | None = Field(
        default=None, description="What the customer needs at this point, e.g. 'Saber cuánto cuesta'."
    )
    goal: str | None = Field(
        default=None,
        description="What the customer wants to achieve here, e.g. 'Encontrar un seguro sin papeleo'.",
    )
    expectation: str | None = Field(
        default=None,
        description=(
            "What the customer expects to find here, e.g. 'Precio claro en un clic'; set against what "
            "happens, it shows where the experience falls short."
        ),
    )
    thoughts: str | None = Field(
        default=None,
        description="What the customer may be thinking, in their own words, e.g. '¿Será otro anuncio engañoso?'.",
    )
    emotion: EmotionValue | None = Field(
        default=None,
        description=(
            "How the customer feels here: -2 very negative … 2 very positive, or the word (negative, "
            "muy-positivo…); a mapping gives one value per persona id. It draws the experience curve; "
            "below 0 is a Moment of Pain."
        ),
    )
    expected_emotion: EmotionValue | None = Field(
        default=None,
        description=(
            "What the customer wanted to feel here, in the same forms as `emotion`; the distance between "
            "the two is the expectation gap."
        ),
    )
    moment: Moment | None = Field(
        default=None,
        description=(
            "truth: a Moment of Truth, where the customer makes up their mind (warning CJM304 without a "
            "metric); pain: a Moment of Pain, which needs an improvement (warning CJM303 without one). "
            "The Spanish verdad and dolor are read as truth and pain."
        ),
    )
    problems: TextList = Field(
        default_factory=list,
        json_schema_extra=EMPTY_LIST,
        description="What goes wrong for the customer here; a text or a list of texts.",
    )
    improvements: ImprovementList = Field(
        default_factory=list,
        json_schema_extra=EMPTY_LIST,
        description=(
            "Changes that would solve the problems or ease a Moment of Pain: each a text, or an object "
            "with text, owner, status and priority."
        ),
    )
    opportunities: TextList = Field(
        default_factory=list,
        json_schema_extra=EMPTY_LIST,
        description="Chances to do better than the customer expects, or to sell more; a text or a list of texts.",
    )
    metrics: list[Metric] = Field(
        default_factory=list,
        json_schema_extra=EMPTY_LIST,
        description="The figures the team watches on this touchpoint, each with a name, a value and a target.",
    )
    evidence: TextList = Field(
        default_factory=list,
        json_schema_extra=EMPTY_LIST,
        description=(
            "Where this touchpoint's content comes from: interviews, surveys, call logs, analytics; a "
            "text or a list of texts. An entry is a path relative to the journey file (optionally with a "
            "line: 'research/entrevistas.md#L12'; a path with spaces starts with ./ or ../), a URL, or free "
            "text. A path that does not exist, or a line past the file's end, is error CJM315."
        ),
    )
    events: TextList = Field(
        default=[],
        description=(
            "The analytics event names that show a customer at this touchpoint, e.g. [checkout_started]; "
            "`cjm trace` maps an event export onto the map with them. An event belongs to one touchpoint: "
            "CJM201 otherwise."
        ),
    )
    confidence: Literal["observed", "reported", "inferred", "assumed"] | None = Field(
        default=None,
        description=(
            "How solid the content is: observed (seen in data or in the field), reported (the customer "
            "said so), inferred (deduced from other data) or assumed (a team hypothesis)."
        ),
    )

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

    def hurts(self, emotion: int | None) -> bool:
        """Whether whoever feels `emotion` here lives a Moment of Pain: the one rule for it. A
        touchpoint marked `moment: pain` hurts everyone who passes it; otherwise it hurts those who
        feel it below 0."""
        return self.moment == "pain" or (emotion is not None and emotion < 0)

    @property
    def is_moment_of_pain(self) -> bool:
        """A Moment of Pain for anyone (CJM303 asks it; the analysis asks `hurts` per persona)."""
        return self.hurts(None) or any(self.hurts(score) for score in self.scores())

    @property
    def is_moment_of_truth(self) -> bool:
        return self.moment == "truth"


def _score_for(value: int | dict[str, int] | None, persona: str | None) -> int | None:
    if isinstance(value, dict):
        return value.get(persona) if persona is not None else None
    return value


_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://\S+$")
_LINE_MARK = re.compile(r"#L([0-9]+)$")
_FILE_NAME = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,7}$")


@dataclass(frozen=True)
class EvidenceEntry:
    """What one `evidence` entry is: a path relative to the journey (with a line, optionally), a
    URL, or free text (an interview round, a survey's name)."""

    kind: Literal["path", "url", "text"]
    text: str
    path: str | None = None  # without its `#L12`
    line: int | None = None


def evidence_entry(text: str) -> EvidenceEntry:
    """Read one evidence entry. A path is one word with a `/`, a file name's suffix or a line
    (`research/entrevistas.md#L12`, `encuesta.csv`), or anything that starts with `./`, `../` or `/`
    (so that a path with spaces can be written); a URL has a scheme (`https://`); the rest is text."""
    stripped = text.strip()
    if _URL.match(stripped) or (stripped.startswith("www.") and " " not in stripped):
        return EvidenceEntry("url", text)
    mark = _LINE_MARK.search(stripped)
    path = stripped[: mark.start()] if mark else stripped
    explicit = path.startswith(("./", "../", "/"))
    one_word = path != "" and not any(c.isspace() for c in path)
    if explicit or (one_word and ("/" in path or _FILE_NAME.search(path) or mark)):
        return EvidenceEntry("path", text, path, int(mark.group(1)) if mark else None)
    return EvidenceEntry("text", text)


class Stage(Node):
    """A chapter of the journey (attraction, purchase, first use, renewal...)."""

    kind_name = "stage"
    id: Slug = Field(description="The stage's id, unique in the journey, e.g. 'attraction'.")
    name: Shown = Field(
        description="The stage's name as the map shows it, e.g. 'Atracción', 'Venta' or 'Fidelización'."
    )
    scenario: str | None = Field(
        default=None,
        description="The situation the customer is in during this stage, e.g. 'Ana acaba de firmar la hipoteca.'",
    )
    context: str | None = Field(
        default=None,
        description=(
            "The background (antecedentes): what brings the customer here, e.g. 'Compara seguros una vez "
            "al año.'"
        ),
    )
    touchpoints: list[Touchpoint] = Field(
        description="The touchpoints of this stage, in the order the customer goes through them."
    )


class Phase(Node):
    """Before, during or after the purchase."""

    kind_name = "phase"
    id: Slug = Field(
        description="before, during or after (the purchase); each phase at most once, in that order."
    )
    name: Shown | None = Field(
        default=None,
        description=(
            "The phase's name as the map shows it, e.g. 'Antes de la compra'. Default: before purchase, "
            "during purchase or after purchase."
        ),
    )
    stages: list[Stage] = Field(description="The stages of this phase, in the customer's order.")

    @property
    def title(self) -> str:
        return self.name or PHASE_NAMES.get(self.id, self.id)


class Journey(Node):
    """One journey of one product or service, told from the customer's side."""

    kind_name = "journey"
    cjm: Literal[1] = Field(
        description="The format version: 1. A newer number is an error that names the highest version supported."
    )
    kind: Literal["journey"] = Field(
        default="journey", description="journey (the default): one journey of one product or service."
    )
    id: Slug = Field(
        description="The journey's id: lowercase letters, digits, '-' and '_', e.g. 'home-insurance-online'."
    )
    title: Shown = Field(description="The journey's title, e.g. 'Contratar un seguro de hogar online'.")
    description: str | None = Field(
        default=None,
        description="What the journey covers, e.g. 'Desde el primer anuncio hasta la primera renovación.'",
    )
    state: State = Field(
        default="current",
        description=(
            "current: the journey as customers live it today (as-is, the default); future: the journey "
            "the team wants to offer (to-be)."
        ),
    )
    lang: Language | None = Field(
        default=None,
        description=(
            "The language of the labels cjm writes for this map (headings, legends, report and diff "
            "prose, decimal separators): en (the default) or es. --lang on a command wins."
        ),
    )
    catalogs: TextList = Field(
        default_factory=list,
        json_schema_extra=EMPTY_LIST,
        description=(
            "Catalog files whose personas, teams and channels this journey uses, as paths relative to "
            "this file, e.g. '../catalogo.yaml'; a path or a list of paths."
        ),
    )
    owner: Slug | None = Field(
        default=None,
        description=(
            "The id of the team that keeps this map alive (governance), e.g. 'cx'; a team of the journey "
            "or of a catalog in scope."
        ),
    )
    status: Literal["draft", "review", "approved", "retired"] = Field(
        default="draft",
        description=(
            "Where the map stands: draft (the default), review, approved or retired. Retired maps are "
            "still listed, but left out of the portfolio's totals."
        ),
    )
    review_by: IsoDate | None = Field(
        default=None,
        description="The date by which the map must be checked again, YYYY-MM-DD. Once passed, warning CJM312.",
    )
    personas: list[_reference_or(Persona)] = Field(  # type: ignore[valid-type]
        default_factory=list,
        json_schema_extra=EMPTY_LIST,
        description=(
            "Who the journey is about: ids of personas in a catalog, or whole personas inline. "
            "Touchpoints may only name these; with none listed, any persona in scope."
        ),
    )
    teams: list[_reference_or(Team)] = Field(  # type: ignore[valid-type]
        default_factory=list,
        json_schema_extra=EMPTY_LIST,
        description=(
            "The teams that own touchpoints: ids of teams in a catalog, or whole teams inline (id, name, "
            "stage front or back)."
        ),
    )
    channels: list[_reference_or(Channel)] = Field(  # type: ignore[valid-type]
        default_factory=list,
        json_schema_extra=EMPTY_LIST,
        description=(
            "Channels beyond the built-in ones: ids of channels in a catalog, or whole channels inline "
            "(id, name, type)."
        ),
    )
    phases: list[Phase] = Field(
        description=(
            "The phases of the purchase, in order: before, during and after. A missing one is warning CJM301."
        )
    )

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
    cjm: Literal[1] = Field(
        description="The format version: 1. A newer number is an error that names the highest version supported."
    )
    kind: Literal["catalog"] = Field(
        description="catalog: personas, teams and channels shared by many journeys."
    )
    title: str | None = Field(
        default=None, description="The catalog's title, e.g. 'Clientes y equipos de seguros de hogar'."
    )
    description: str | None = Field(
        default=None, description="What the catalog holds and which journeys use it, in free text."
    )
    lang: Language | None = Field(
        default=None,
        description=(
            "The language of the labels cjm writes for the journeys that use this catalog and say none "
            "themselves: en or es."
        ),
    )
    personas: list[Persona] = Field(
        default_factory=list,
        json_schema_extra=EMPTY_LIST,
        description="Personas that every journey in scope can name by id.",
    )
    teams: list[Team] = Field(
        default_factory=list,
        json_schema_extra=EMPTY_LIST,
        description="Teams that every journey in scope can name as owners.",
    )
    channels: list[Channel] = Field(
        default_factory=list,
        json_schema_extra=EMPTY_LIST,
        description="Channels beyond the built-in ones that every journey in scope can use.",
    )


SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema"
FILE_TITLES = {
    "journey": "cjm journey file, format version 1",
    "catalog": "cjm catalog file, format version 1",
}


def file_schema(kind: Literal["journey", "catalog"]) -> dict[str, Any]:
    """The JSON Schema of journey or catalog files, generated from these models."""
    generated = (Journey if kind == "journey" else Catalog).model_json_schema()
    return {
        "$schema": SCHEMA_DRAFT,
        "title": FILE_TITLES[kind],
        **{key: value for key, value in generated.items() if key != "title"},
    }
