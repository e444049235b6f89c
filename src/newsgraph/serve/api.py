"""The HTTP API: `/api/...`, each endpoint one call into the store's query API.

Lists are paged with `limit` and `offset` (the answer's `next_offset` is where the next
page starts, null at the end); `limit` has a maximum per endpoint. Dates are ISO
(`YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `until` includes the whole year or month).
Errors are JSON `{"detail": "..."}`: 404 for an unknown document or actor, 422 for a
malformed parameter (a date that is no calendar date, `?since=2023-13`), 400 for a query
that cannot be run, 413/414 for requests over the size limits.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import AfterValidator
from sqlalchemy import func, select

from .. import __version__
from ..model import SCHEMA
from ..store import Store, queries, schema
from ..store import contested as contested_queries
from ..store import fulltext
from ..store.engine import shown_url
from . import models
from .security import ServeSettings, require_write

router = APIRouter(prefix="/api")

MAX_LIMIT = 500
MAX_OFFSET = 100_000
MAX_SCAN = 5_000  # lists the store cannot page itself (search, contested) are cut here
MAX_NETWORK_NODES = 10_000

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def calendar_date(value: str | None) -> str | None:
    """A date parameter that is a real calendar date (2023-13 is none: 422)."""
    if value is None:
        return None
    try:
        return queries.valid_date(value)
    except queries.InvalidDate as error:
        raise ValueError(str(error)) from None


Since = Annotated[str | None, Query(pattern=DATE, description="from this date on (inclusive)"), AfterValidator(calendar_date)]
Until = Annotated[str | None, Query(pattern=DATE, description="up to this date (inclusive; YYYY and YYYY-MM mean the whole year or month)"),
                  AfterValidator(calendar_date)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="at most this many items")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="skip this many items")]
ActorName = Annotated[str | None, Query(max_length=200, description="an actor id, name or alias")]
Code = Annotated[str | None, Query(pattern=r"^[A-Za-z]{2,3}$", description="ISO 3166 alpha-3 country code")]
EventType = Annotated[str | None, Query(pattern=r"^[A-Z_]{2,32}$", description="PLOVER event type, e.g. ASSAULT")]
IncludeMembers = Annotated[bool | None, Query(
    description="also the quotes and acts of the actor's members (spokespeople, officials); "
                "default: on for organizations, armed groups and IGOs")]
QuadClass = Annotated[int | None, Query(ge=0, le=4, description="1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict")]


def store_of(request: Request) -> Store:
    return request.app.state.store


StoreDep = Annotated[Store, Depends(store_of)]


def page(rows: list[Any], limit: int, offset: int) -> dict[str, Any]:
    """A page from `limit + 1` rows fetched at `offset`."""
    more = len(rows) > limit
    return {"items": rows[:limit], "limit": limit, "offset": offset, "next_offset": offset + limit if more else None}


def read(store: Store, function: Callable, *args, **kwargs):
    with store.read() as connection:
        return function(connection, *args, **kwargs)


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    try:
        west, south, east, north = (float(part) for part in value.split(","))
    except ValueError:
        raise HTTPException(400, f"bbox {value!r} is not four numbers: west,south,east,north (degrees)") from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise HTTPException(400, f"bbox {value!r} is outside the globe: west,south,east,north with -180..180 and -90..90")
    return west, south, east, north


# ---------------------------------------------------------------- about
@router.get("", response_model=models.ServerInfo, summary="What this server holds and allows")
def info(request: Request, store: StoreDep):
    settings: ServeSettings = request.app.state.settings
    return {
        "name": "newsgraph", "version": __version__, "schema": SCHEMA, "store": shown_url(store.url),
        "writes": settings.writes_allowed() is None, "token_required": bool(settings.token),
        "ingest": settings.writable, "warming": request.app.state.warming.is_set(), "stats": store.stats(),
    }


# ---------------------------------------------------------------- documents
@router.get("/documents", response_model=models.Page[models.DocumentSummary], summary="Documents, newest first")
def list_documents(store: StoreDep, since: Since = None, until: Until = None,
                   status: Literal["analysed", "duplicate", "non_english", "error"] | None = None,
                   source: Annotated[str | None, Query(max_length=300)] = None, limit: Limit = 50, offset: Offset = 0):
    rows = read(store, queries.documents, since=since, until=until, status=status, source=source, limit=limit + 1, offset=offset)
    return page(rows, limit, offset)


@router.get("/documents/{document_id:path}", response_model=models.DocumentDetail,
            summary="One document: its text and every item found in it, with offsets")
def get_document(store: StoreDep, document_id: Annotated[str, Path(max_length=300)]):
    return store.document(document_id)


# ---------------------------------------------------------------- actors
@router.get("/actors", response_model=models.Page[models.ActorSummary], summary="Actors, most mentioned first")
def list_actors(store: StoreDep, q: Annotated[str | None, Query(max_length=200, description="part of a name or alias")] = None,
                type: Annotated[str | None, Query(max_length=32)] = None, country: Code = None,
                since: Since = None, until: Until = None, limit: Limit = 50, offset: Offset = 0):
    rows = read(store, queries.actors, name=q, type=type, country=country, since=since, until=until,
                limit=limit + 1, offset=offset)
    return page(rows, limit, offset)


@router.get("/actors/{actor}", response_model=models.ActorDetail,
            summary="One actor: names and roles over time, what it said, did, and had done to it",
            description="`timeline` counts undated events last, under the period \"\".")
def get_actor(store: StoreDep, actor: str, limit: Annotated[int, Query(ge=1, le=100)] = 20,
              period: Literal["year", "month", "day"] = "month",
              spoken_of: Annotated[bool, Query(description="also the quotes of others that mention it (slower; "
                                                           "GET /api/quotes?about= pages them)")] = False,
              include_members: IncludeMembers = None):
    with store.read() as connection:
        profile = queries.actor(connection, actor, limit=limit, spoken_of=spoken_of, include_members=include_members)
        profile["name_history"] = queries.actor_name_history(connection, profile["id"])
        profile["timeline"] = queries.actor_timeline(connection, profile["id"], period=period, undated=True)
    return profile


@router.get("/actors/{actor}/timeline", response_model=list[models.Period],
            summary="Cooperation and conflict events of one actor per period")
def actor_timeline(store: StoreDep, actor: str, period: Literal["year", "month", "day"] = "month",
                   since: Since = None, until: Until = None,
                   undated: Annotated[bool, Query(description="count undated events last, under the period \"\"")] = False):
    return read(store, queries.actor_timeline, actor, period=period, since=since, until=until, undated=undated)


# ---------------------------------------------------------------- quotes
@router.get("/quotes", response_model=models.Page[models.Quote], summary="Quotes: by speaker, about an actor, or full-text")
def list_quotes(store: StoreDep, q: Annotated[str | None, Query(max_length=300, description="full-text query (words, \"phrases\", OR, -word)")] = None,
                speaker: ActorName = None, about: ActorName = None, since: Since = None, until: Until = None,
                include_members: IncludeMembers = None, limit: Limit = 50, offset: Offset = 0):
    if not q:
        rows = read(store, queries.quotes, speaker=speaker, about=about, since=since, until=until,
                    include_members=include_members, limit=limit + 1, offset=offset)
        return page(rows, limit, offset)
    if about:
        raise HTTPException(400, "a full-text quote search (q) cannot be combined with about: use one or the other")
    if offset + limit > MAX_SCAN:
        raise HTTPException(400, f"a full-text quote search pages up to {MAX_SCAN} results")
    low, high = queries.date_bounds(since, until)
    with store.read() as connection:
        speaker_id = queries.resolve_actor(connection, speaker) if speaker else None
        hits = [
            hit for hit in fulltext.search_quotes(connection, q, MAX_SCAN)
            if (speaker_id is None or hit.speaker_id == speaker_id)
            and (not low or (hit.date or "") >= low) and (not high or (hit.date and hit.date <= high))
        ][offset : offset + limit + 1]
        rows_by_key = {}
        for doc_id in dict.fromkeys(hit.document_id for hit in hits):
            for row in queries.quotes(connection, document=doc_id, limit=100_000):
                rows_by_key[(doc_id, row["ordinal"])] = row
    rows = [rows_by_key[(hit.document_id, hit.ordinal)] for hit in hits if (hit.document_id, hit.ordinal) in rows_by_key]
    return page(rows, limit, offset)


# ---------------------------------------------------------------- events
def event_filters(actor: ActorName = None, source: ActorName = None, target: ActorName = None, type: EventType = None,
                  quad_class: QuadClass = None, since: Since = None, until: Until = None,
                  attributed_to: Annotated[str | None, Query(max_length=200, description="who asserts the event (an actor)")] = None,
                  country: Code = None, admin1: Annotated[str | None, Query(max_length=200)] = None,
                  bbox: Annotated[str | None, Query(max_length=100, description="west,south,east,north in degrees")] = None,
                  include_negated: bool = True,
                  asserted_only: Annotated[bool, Query(description="only events reported as having happened: "
                                                                   "not negated, neither future nor hypothetical")] = False,
                  include_members: IncludeMembers = None) -> dict[str, Any]:
    return {"actor": actor, "source": source, "target": target, "type": type, "quad_class": quad_class, "since": since,
            "until": until, "attributed_to": attributed_to, "country": country, "admin1": admin1,
            "bbox": parse_bbox(bbox), "include_negated": include_negated, "asserted_only": asserted_only,
            "include_members": include_members}


EventFilters = Annotated[dict, Depends(event_filters)]


@router.get("/events", response_model=models.Page[models.Event], summary="Who did what to whom, newest first")
def list_events(store: StoreDep, filters: EventFilters, located: bool | None = None, limit: Limit = 50, offset: Offset = 0):
    rows = read(store, queries.events, **filters, located=located, limit=limit + 1, offset=offset)
    return page(rows, limit, offset)


@router.get("/places", response_model=list[models.Place], summary="Located events grouped by place (the map)")
def list_places(store: StoreDep, filters: EventFilters, limit: Annotated[int, Query(ge=1, le=5000)] = 2000):
    return read(store, queries.event_places, **filters, limit=limit)


# ---------------------------------------------------------------- the network
ANSWER_CACHE_SIZE = 64


class AnswerCache:
    """Answers that are costly to compute (the network, contested claims), per question,
    for one app, valid while the number of documents is unchanged (the store only grows by
    documents). `Cache-Control: no-cache` in a request asks for a new answer."""

    def __init__(self):
        self.answers: dict[tuple, tuple[int, Any]] = {}
        self.lock = threading.Lock()

    def get(self, key: tuple, version: int):
        with self.lock:
            found = self.answers.get(key)
        return found[1] if found is not None and found[0] == version else None

    def put(self, key: tuple, version: int, answer) -> None:
        with self.lock:
            if len(self.answers) >= ANSWER_CACHE_SIZE:
                self.answers.pop(next(iter(self.answers)))
            self.answers[key] = (version, answer)


def store_version(connection) -> int:
    return connection.execute(select(func.count()).select_from(schema.documents)).scalar()


def wants_fresh(request: Request) -> bool:
    return "no-cache" in request.headers.get("cache-control", "").lower()


def network_answer(store: Store, cache: AnswerCache, *, fresh: bool = False, since=None, until=None, types=None,
                   quad_classes=None, actor_country=None, event_country=None, min_weight: int = 1, top: int = 500,
                   directed: bool = False) -> dict:
    key = ("network", since, until, tuple(sorted(types or ())), tuple(sorted(quad_classes or ())), actor_country,
           event_country, min_weight, top, directed)
    with store.read() as connection:
        version = store_version(connection)
        answer = None if fresh else cache.get(key, version)
        if answer is None:
            mentions = cache.get(("mentions",), version)  # every actor's total: the same for every network
            if mentions is None:
                mentions = dict(queries.mention_totals(connection))
                cache.put(("mentions",), version, mentions)
            answer = queries.network(connection, since=since, until=until, types=types, quad_classes=quad_classes,
                                     actor_country=actor_country, event_country=event_country, min_weight=min_weight,
                                     top=top, directed=directed, mentions=mentions)
            cache.put(key, version, answer)
    return answer


def contested_rows(store: Store, cache: AnswerCache, *, fresh: bool = False, actor=None, since=None, until=None,
                   scope: str = "both") -> list:
    """Up to MAX_SCAN + 1 contested pairs, in order (pages are cut from them)."""
    key = ("contested", actor, since, until, scope)
    with store.read() as connection:
        version = store_version(connection)
        rows = None if fresh else cache.get(key, version)
        if rows is None:
            rows = contested_queries.contested(connection, actor=actor, since=since, until=until,
                                               within=scope in ("within", "both"), across=scope in ("across", "both"),
                                               limit=MAX_SCAN + 1)
            cache.put(key, version, rows)
    return rows


def warm(store: Store, cache: AnswerCache) -> None:
    """Compute the answers the web app asks for first (its default network, contested
    claims), so that the first visitor does not wait for them."""
    network_answer(store, cache)
    contested_rows(store, cache)


@router.get("/network", response_model=models.Network, summary="The actor network: nodes and weighted edges",
            description="Answers are kept per filter set until the store gets new documents; "
                        "`Cache-Control: no-cache` asks for a newly computed answer.")
def network(request: Request, store: StoreDep, since: Since = None, until: Until = None,
            type: Annotated[list[str] | None, Query(max_length=40, description="event types to count (repeatable)")] = None,
            quad_class: Annotated[list[int] | None, Query(max_length=5, description="quad classes to count (repeatable)")] = None,
            actor_country: Code = None, event_country: Code = None,
            min_weight: Annotated[int, Query(ge=1, le=100_000)] = 1,
            top: Annotated[int, Query(ge=1, le=MAX_NETWORK_NODES, description="keep the N most mentioned actors")] = 500,
            directed: bool = False):
    for value in type or ():
        if not value.isupper() or not value.replace("_", "").isalpha() or len(value) > 32:
            raise HTTPException(400, f"event type {value!r} is not a PLOVER type such as ASSAULT")
    for value in quad_class or ():
        if value not in (0, 1, 2, 3, 4):
            raise HTTPException(400, f"quad class {value} is not 0-4")
    answer = network_answer(store, request.app.state.answers, fresh=wants_fresh(request), since=since, until=until,
                            types=type, quad_classes=quad_class, actor_country=actor_country,
                            event_country=event_country, min_weight=min_weight, top=top, directed=directed)
    return JSONResponse(answer)


# ---------------------------------------------------------------- contested claims
@router.get("/contested", response_model=models.Page[models.ContestedPair],
            summary="Contested claims: events that contradict each other, within and across articles",
            description="Answers are kept per question until the store gets new documents; "
                        "`Cache-Control: no-cache` asks for a newly computed answer.")
def list_contested(request: Request, store: StoreDep, actor: ActorName = None, since: Since = None, until: Until = None,
                   scope: Literal["within", "across", "both"] = "both", limit: Limit = 50, offset: Offset = 0):
    if offset + limit > MAX_SCAN:
        raise HTTPException(400, f"contested claims page up to {MAX_SCAN} results")
    rows = contested_rows(store, request.app.state.answers, fresh=wants_fresh(request), actor=actor, since=since,
                          until=until, scope=scope)
    return page(rows[offset : offset + limit + 1], limit, offset)


# ---------------------------------------------------------------- search
@router.get("/search", response_model=models.SearchResults, summary="Search articles, quotes and actors")
def search(store: StoreDep, q: Annotated[str, Query(min_length=1, max_length=300)],
           kind: Annotated[list[Literal["documents", "quotes", "actors"]] | None, Query()] = None,
           limit: Annotated[int, Query(ge=1, le=100)] = 20):
    kinds = tuple(kind or ("documents", "quotes", "actors"))
    answer: dict[str, Any] = {"query": q}
    text_kinds = tuple(k for k in kinds if k != "actors")
    if text_kinds:
        try:
            hits = store.search(q, limit=limit, kinds=text_kinds)
        except fulltext.SearchError:
            hits = {}
            if "actors" not in kinds:
                raise
        answer.update({name: [vars(hit) for hit in found] for name, found in hits.items()})
    if "actors" in kinds:
        answer["actors"] = read(store, queries.actors, name=q, limit=limit)
    return answer


# ---------------------------------------------------------------- writing
_analyze_lock = threading.Lock()


@router.post("/analyze", dependencies=[Depends(require_write)], summary="Analyse one text (not stored)",
             description="Returns the newsgraph/1 JSON of the text, with the text. Needs the token when the server has one.")
def analyze(request: Request, body: models.AnalyzeRequest) -> dict[str, Any]:
    settings: ServeSettings = request.app.state.settings
    if len(body.text) > settings.max_analyze_chars:
        raise HTTPException(413, f"the text is {len(body.text):,} characters, more than the limit of {settings.max_analyze_chars:,}")
    import newsgraph

    with _analyze_lock:  # one spaCy pipeline, one text at a time
        analysis = newsgraph.analyze(body.text, title=body.title, date=body.date, source=body.source, url=body.url)
    return analysis.to_dict(include_text=True)


@router.post("/documents", dependencies=[Depends(require_write)], response_model=models.IngestResult,
             summary="Ingest one article into the store (only with --writable)")
def ingest_document(request: Request, store: StoreDep, body: models.IngestRequest):
    settings: ServeSettings = request.app.state.settings
    if not settings.writable:
        raise HTTPException(403, "this server is read-only: start it with --writable to ingest over HTTP")
    if len(body.text) > settings.max_analyze_chars:
        raise HTTPException(413, f"the text is {len(body.text):,} characters, more than the limit of {settings.max_analyze_chars:,}")
    from ..corpus.run import Ingest
    from ..ingest.records import RawArticle

    raw = RawArticle(text=body.text, origin="HTTP POST /api/documents", id=body.id, title=body.title, date=body.date,
                     source=body.source, url=body.url)
    items = []  # this run's one item: its own error, never another document's
    with _analyze_lock:
        summary = Ingest(store, on_item=items.append).run([raw])
    [item] = items
    if item.skip:
        return {"id": item.doc_id, "status": "already_stored", "summary": summary.as_dict()}
    if item.error is not None and item.status in (None, "error"):
        raise HTTPException(400, f"the article could not be ingested: {item.error}")
    status = item.status if summary.already_stored == 0 else "already_stored"
    return {"id": item.doc_id, "status": status, "summary": summary.as_dict()}
