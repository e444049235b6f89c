"""The data model of one analysed article: document, actors, quotes, events.

Every extracted item carries character offsets (`start`, `end`, end exclusive) into
the text that was analysed, so that it can be shown as evidence. The JSON form is
described by the versioned JSON Schema in `newsgraph/schema/newsgraph-1.schema.json`.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA = "newsgraph/1"

ACTOR_TYPES = ("person", "state", "organization", "armed_group", "igo", "location", "group")
QUOTE_KINDS = ("direct", "indirect")
MODALITIES = ("asserted", "future", "hypothetical", "historical")


@dataclass
class Span:
    """A stretch of the source text: `text == source[start:end]`."""

    start: int
    end: int
    text: str


@dataclass
class Mention(Span):
    """One place where the article refers to an actor.

    `kind` says how: name, alias, acronym, surname, title (a role noun phrase such as
    "the caretaker PM"), description ("the Afghan government"), pronoun, demonym
    ("Afghan soil") or metonym (a capital acting as its state).
    """

    kind: str = "name"


@dataclass
class Document:
    id: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = "en"
    chars: int = 0
    words: int = 0


@dataclass
class Actor:
    id: str
    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    kb_id: str | None = None

    @property
    def first_start(self) -> int:
        return min((m.start for m in self.mentions), default=0)


@dataclass
class Quote:
    speaker: str | None
    speaker_mention: Span | None
    cue: Span | None
    kind: str
    text: str
    start: int
    end: int
    confidence: float = 1.0
    cue_type: str = "speech"  # speech (said) | cognition (believes, has learned) | stance (supports, endorsed)


@dataclass
class Event:
    source: list[str]
    target: list[str]
    type: str
    mode: str | None
    quad_class: int
    intensity: float
    cameo: str | None
    goldstein: float | None
    negated: bool
    modality: str
    attributed_to: str | None
    evidence: Span
    confidence: float = 1.0
    location: dict | None = None
    date: str | None = None
    date_precision: str | None = None  # day | week | month | year
    date_source: str | None = None  # "text": a time expression of the event; "article": the article's date


@dataclass
class Contested:
    """Two events of the article that contradict each other (indexes into `events`)."""

    events: tuple[int, int]
    reason: str


@dataclass
class Analysis:
    document: Document
    text: str
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    contested: list[Contested] = field(default_factory=list)
    places: list[dict] = field(default_factory=list)

    def actor(self, actor_id: str) -> Actor | None:
        """The actor with this id, or None."""
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        return None

    def to_dict(self, *, include_text: bool = False) -> dict[str, Any]:
        """A plain dict in the `newsgraph/1` JSON form."""
        data: dict[str, Any] = {"schema": SCHEMA, "document": asdict(self.document)}
        if include_text:
            data["text"] = self.text
        data["actors"] = [asdict(actor) for actor in self.actors]
        data["quotes"] = [asdict(quote) for quote in self.quotes]
        data["events"] = [asdict(event) for event in self.events]
        data["contested"] = [
            {"events": list(item.events), "reason": item.reason} for item in self.contested
        ]
        data["places"] = list(self.places)
        return data

    def to_json(self, *, indent: int | None = 2, include_text: bool = False) -> str:
        """The analysis as `newsgraph/1` JSON text."""
        return json.dumps(self.to_dict(include_text=include_text), ensure_ascii=False, indent=indent)
