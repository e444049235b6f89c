"""The shapes of the HTTP API's answers, for the OpenAPI spec and for validation.

Rows come from the store's query API (`newsgraph.store.queries`) as plain dicts; these
models name their fields. Every offset (`start_char`/`end_char`, `evidence_start`/
`evidence_end`, ...) is a character offset into the document's `text`, end exclusive.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class Open(BaseModel):
    """A row that may carry more fields than listed (the store grows)."""

    model_config = ConfigDict(extra="allow")


class Page(BaseModel, Generic[T]):
    """One page of a list: `next_offset` is where the next page starts, null at the end."""

    items: list[T]
    limit: int
    offset: int
    next_offset: int | None = None


class ActorRef(BaseModel):
    id: str
    name: str


class DocumentSummary(Open):
    id: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None
    status: str
    duplicate_of: str | None = None
    chars: int
    words: int | None = None
    repeated_chars: int | None = Field(None, description="characters of passages the text repeats (analysed once)")


class Quote(Open):
    document_id: str
    ordinal: int
    speaker_id: str | None = None
    speaker: str | None = Field(None, description="the speaker's name")
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    kind: str
    cue_text: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    cue_type: str | None = None
    text: str
    start_char: int
    end_char: int
    confidence: float | None = None
    date: str | None = None
    title: str | None = None
    member: bool = Field(False, description="said by a member (spokesperson, official) of the actor asked for")


class Event(Open):
    document_id: str
    ordinal: int
    type: str
    mode: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    negated: bool
    modality: str | None = None
    attributed_to: str | None = None
    attributed_to_name: str | None = None
    source: list[ActorRef]
    target: list[ActorRef]
    evidence_start: int
    evidence_end: int
    evidence_text: str
    confidence: float | None = None
    location_name: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    date: str | None = None
    date_precision: str | None = None
    date_source: str | None = None
    day: str | None = None
    title: str | None = None
    member: bool = Field(False, description="done by a member (spokesperson, official) of the actor asked for")


class Mention(BaseModel):
    ordinal: int
    actor_id: str
    start_char: int
    end_char: int
    text: str
    kind: str


class DocumentActor(Open):
    actor_id: str
    name: str
    type: str
    country: str | None = None
    roles: list[str]
    mentions: int


class ContestedInDocument(BaseModel):
    ordinal: int
    event_a: int
    event_b: int
    reason: str


class DocumentDetail(Open):
    id: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    status: str
    repeated_chars: int | None = Field(None, description="characters of passages the text repeats (analysed once)")
    text: str
    actors: list[DocumentActor]
    mentions: list[Mention]
    quotes: list[Quote]
    events: list[Event]
    contested: list[ContestedInDocument]
    duplicates: list[str]


class ActorSummary(Open):
    id: str
    name: str
    type: str
    country: str | None = None
    mentions: int
    documents: int


class Role(BaseModel):
    role: str
    first: str | None = None
    last: str | None = None
    documents: int


class NameUse(BaseModel):
    name: str
    first: str | None = None
    last: str | None = None
    documents: int


class Period(BaseModel):
    period: str
    cooperation: int
    conflict: int
    by_quad_class: dict[str, int]


class Partner(Open):
    actor_id: str
    name: str | None = None
    events: int
    by_quad_class: dict[str, int]


class Member(BaseModel):
    id: str
    name: str
    role: str = Field(description="the role, as the corpus words it, that names the organization")


class ActorDetail(Open):
    id: str
    name: str
    type: str
    country: str | None = None
    mentions: int
    documents: int
    names: list[str]
    name_history: list[NameUse]
    roles: list[Role]
    said: list[Quote]
    did: list[Event]
    done_to: list[Event]
    spoken_of: list[Quote]
    partners: list[Partner]
    timeline: list[Period]
    members: list[Member] = Field([], description="its spokespeople and officials (for an organization, by default)")
    members_said: list[Quote] = Field([], description="what its members said, apart from its own words")
    members_did: list[Event] = Field([], description="what its members did, apart from its own acts")


class Place(BaseModel):
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float
    lon: float
    events: int
    cooperation: int
    conflict: int
    first: str | None = None
    last: str | None = None


class NetworkNode(BaseModel):
    id: str
    name: str
    type: str | None = None
    country: str | None = None
    mentions: int
    weight: int = Field(description="events on the node's edges in this network")


class NetworkEdge(BaseModel):
    source: str
    target: str
    weight: int
    cooperation: int
    conflict: int
    goldstein: float
    by_quad_class: dict[str, int]


class Network(BaseModel):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    truncated: bool = Field(description="true when more actors matched than `top` kept")


class ContestedPair(BaseModel):
    scope: str = Field(description="within one article, or across two")
    reason: str
    a: Event
    b: Event


class SearchHit(Open):
    kind: str
    document_id: str
    ordinal: int | None = None
    title: str | None = None
    date: str | None = None
    source: str | None = None
    snippet: str = Field(description="the matched words between « and »")
    score: float
    speaker_id: str | None = None
    speaker: str | None = None


class SearchResults(BaseModel):
    query: str
    documents: list[SearchHit] = []
    quotes: list[SearchHit] = []
    actors: list[ActorSummary] = []


class Stats(Open):
    documents: int
    actors: int
    quotes: int
    events: int


class ServerInfo(BaseModel):
    name: str
    version: str
    schema_: str = Field(alias="schema")
    store: str
    writes: bool = Field(description="whether the write endpoints can be used at all")
    token_required: bool
    ingest: bool = Field(description="whether POST /api/documents is on (--writable)")
    warming: bool = Field(description="whether the first answers (network, contested) are still being computed")
    stats: Stats


class AnalyzeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, description="the article's text")
    title: str | None = Field(None, max_length=1000)
    date: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    source: str | None = Field(None, max_length=300)
    url: str | None = Field(None, max_length=2000)


class IngestRequest(AnalyzeRequest):
    id: str | None = Field(None, max_length=200, pattern=r"^[^\x00-\x1f]+$")


class IngestResult(BaseModel):
    id: str
    status: str = Field(description="analysed, duplicate, non_english, error or already_stored")
    summary: dict[str, Any]
