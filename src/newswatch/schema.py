"""The one schema every part of newswatch speaks.

All character offsets (`start`, `end`) index into `Article.text`, the original text as
received, so evidence can always be shown in its source. `Article.body` is the text with
boilerplate removed; `Article.body_segments` maps it back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

EntityType = Literal[
    "PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "LANGUAGE"
]
PloverType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]
Modality = Literal["asserted", "possible", "future", "denied", "hedged", "background"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(Model):
    """A stretch of the original article text."""

    start: int = Field(ge=0, description="Character offset into Article.text (inclusive).")
    end: int = Field(ge=0, description="Character offset into Article.text (exclusive).")
    text: str


class Segment(Model):
    """A run of Article.body copied verbatim from Article.text."""

    body_start: int = Field(ge=0)
    text_start: int = Field(ge=0)
    length: int = Field(ge=0)


class Article(Model):
    id: str = Field(description="Content hash of `text` (sha256, hex, first 16 chars).")
    text: str = Field(description="The original text as received.")
    body: str = Field(description="Text with boilerplate lines removed.")
    body_segments: list[Segment] = Field(default_factory=list)
    title: str | None = None
    outlet: str | None = None
    dateline: str | None = Field(None, description="Place named in the dateline, e.g. 'Washington'.")
    published: dt.date | None = None
    published_source: Literal["text", "given", "metadata"] | None = Field(
        None, description="Where `published` came from; null when unknown (never guessed)."
    )
    contributors: list[str] = Field(default_factory=list)
    url: str | None = None
    language: str | None = None
    boilerplate: list[Span] = Field(default_factory=list, description="Removed lines.")
    metadata: dict[str, str] = Field(default_factory=dict, description="Extra fields from the source record.")


class Highlight(Model):
    text: str
    source: Literal["article", "generated"]
    span: Span | None = None
    score: float | None = None


class Entity(Model):
    id: str = Field(description="Brief-local id, e.g. 'E3'.")
    name: str = Field(description="Canonical name.")
    type: str
    aliases: list[str] = Field(default_factory=list)
    mentions: list[Span] = Field(default_factory=list)
    titles: list[str] = Field(default_factory=list, description="Titles and roles, e.g. 'Deputy Defense Secretary'.")
    country: str | None = Field(None, description="ISO 3166-1 alpha-3 code of the entity's country, where known.")
    affiliation: str | None = Field(None, description="Organisation the person speaks for, where stated.")


class Source(Model):
    """Who a claim rests on: a named entity, an anonymous source, or the outlet itself."""

    kind: Literal["person", "organization", "anonymous", "outlet", "unknown"]
    entity_id: str | None = None
    name: str | None = None
    description: str | None = Field(None, description="e.g. 'a U.S. official with knowledge of the latest intelligence'.")
    anonymous: bool = False
    span: Span | None = None


class Quote(Model):
    id: str
    kind: Literal["direct", "reported"]
    text: str
    span: Span
    speaker: Source
    cue: str | None = Field(None, description="Lemma of the speech verb, e.g. 'say', 'tell', 'accord'.")
    cue_span: Span | None = None


class Place(Model):
    id: str
    name: str = Field(description="Gazetteer name.")
    mentions: list[Span] = Field(default_factory=list)
    entity_id: str | None = None
    geonameid: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    feature: Literal["country", "admin1", "admin2", "city", "region", "continent", "other"] | None = None
    country_code: str | None = Field(None, description="ISO 3166-1 alpha-2.")
    admin1: str | None = None
    population: int | None = None
    confidence: float = Field(ge=0, le=1)


class TimeExpression(Model):
    id: str
    text: str
    span: Span
    start: dt.date | None = Field(None, description="First day the expression covers.")
    end: dt.date | None = Field(None, description="Last day the expression covers (== start for a day).")
    granularity: Literal["day", "week", "month", "quarter", "year", "decade", "time", "unknown"] = "unknown"
    kind: Literal["date", "range", "duration", "time", "set"] = "date"
    resolved: bool = False
    anchor: dt.date | None = Field(None, description="Date it was resolved against.")


class Quantity(Model):
    text: str
    span: Span
    value: float | None = None
    comparator: Literal["=", ">", ">=", "<", "<=", "~"] = "="
    item: str | None = Field(None, description="What is counted, e.g. 'SU-34 Fullback fighters'.")
    equipment_class: str | None = Field(None, description="e.g. 'fighter aircraft', 'air defence system', 'troops'.")


class Actor(Model):
    text: str
    entity_id: str | None = None
    code: str | None = Field(None, description="PLOVER actor code: ISO-3 country or IGO/NGO/non-state root.")
    sector: str | None = Field(None, description="GOV, MIL, REB, SPY, ...")
    span: Span | None = None


class Event(Model):
    id: str
    type: PloverType
    mode: str | None = None
    context: list[str] = Field(default_factory=list)
    cameo_root: str | None = None
    quad_class: int | None = Field(None, ge=1, le=4, description="1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict.")
    actor: Actor | None = None
    target: Actor | None = None
    location: str | None = Field(None, description="Place id from the brief.")
    date: dt.date | None = None
    date_end: dt.date | None = None
    date_source: Literal["sentence", "context", "publication", "unknown"] = Field(
        "unknown", description="sentence: a time in the evidence; context: carried from the sentence before; publication: fallback."
    )
    modality: Modality = "asserted"
    quantities: list[Quantity] = Field(default_factory=list)
    attribution: Source | None = None
    quote_id: str | None = None
    trigger: Span
    evidence: Span
    confidence: float = Field(ge=0, le=1)


class PipelineInfo(Model):
    newswatch: str
    model: str
    model_version: str


class Brief(Model):
    schema_version: str = SCHEMA_VERSION
    article: Article
    highlights: list[Highlight] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    times: list[TimeExpression] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    pipeline: PipelineInfo | None = None


def iter_spans(obj) -> Iterator[Span]:
    """Every Span inside a model (or list of models), depth first."""
    if isinstance(obj, Span):
        yield obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from iter_spans(getattr(obj, name))
    elif isinstance(obj, list):
        for item in obj:
            yield from iter_spans(item)


def json_schema() -> dict:
    """The JSON Schema of a Brief (the project's exported contract)."""
    schema = Brief.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://newswatch.dev/schema/brief-{SCHEMA_VERSION}.json"
    return schema
