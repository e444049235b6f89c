"""Cross-document questions, answered from the store (used by `Store`, the CLI and the HTTP API).

Every function takes an open connection and returns plain, JSON-ready values (dicts,
lists, strings, numbers). Actors are one id across the corpus (a knowledge-base id, or a
slug of the name); a NAME given by a user is resolved by `resolve_actor`: the id itself,
then any name or alias the actor was called by (case-blind), then the slug of the name.
Dates are ISO text; `since` and `until` are inclusive.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import exists, func, or_, select
from sqlalchemy.engine import Connection

from ..errors import NewsgraphError
from ..kb.names import slug
from . import schema
from .rows import fold

d, a, an, da = schema.documents, schema.actors, schema.actor_names, schema.document_actors
q, e, ea, m = schema.quotes, schema.events, schema.event_actors, schema.mentions


class NotFound(NewsgraphError):
    """Nothing in the store matches what was asked for."""


# ---------------------------------------------------------------- actors
def resolve_actor(connection: Connection, name: str) -> str:
    """The id of the actor called `name` (an id, a name or alias, any case)."""
    wanted = name.strip()
    if not wanted:
        raise NotFound("an empty actor name")
    if connection.execute(select(a.c.id).where(a.c.id == wanted)).first():
        return wanted
    mentions = func.coalesce(func.sum(da.c.mentions), 0).label("mentions")
    by_name = (
        select(an.c.actor_id, mentions)
        .select_from(an.outerjoin(da, da.c.actor_id == an.c.actor_id))
        .where(an.c.folded == fold(wanted))
        .group_by(an.c.actor_id)
        .order_by(mentions.desc(), an.c.actor_id)
    )
    row = connection.execute(by_name).first()
    if row:
        return row[0]
    slugged = slug(wanted)
    if connection.execute(select(a.c.id).where(a.c.id == slugged)).first():
        return slugged
    like = f"%{_escape_like(fold(wanted))}%"
    close = connection.execute(
        select(an.c.name).where(an.c.folded.like(like, escape="\\")).distinct().order_by(an.c.name).limit(5)
    ).scalars().all()
    hint = f"; did you mean: {', '.join(close)}?" if close else ""
    raise NotFound(f"no actor called {wanted!r} in the store{hint}")


def actors(connection: Connection, *, limit: int = 20, type: str | None = None, country: str | None = None,
           since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
    """The actors mentioned most, with how many mentions and articles."""
    mentions = func.sum(da.c.mentions).label("mentions")
    documents = func.count(da.c.document_id).label("documents")
    query = (
        select(a.c.id, a.c.name, a.c.type, a.c.country, a.c.sector, a.c.kb_id, mentions, documents)
        .select_from(a.join(da, da.c.actor_id == a.c.id))
        .group_by(a.c.id, a.c.name, a.c.type, a.c.country, a.c.sector, a.c.kb_id)
        .order_by(mentions.desc(), a.c.id)
        .limit(limit)
    )
    if type:
        query = query.where(a.c.type == type)
    if country:
        query = query.where(a.c.country == country.upper())
    if since or until:
        query = query.join(d, d.c.id == da.c.document_id).where(*_date_range(d.c.date, since, until))
    return [dict(row._mapping) for row in connection.execute(query)]


def actor(connection: Connection, name: str, *, limit: int = 20) -> dict[str, Any]:
    """Everything the corpus says of one actor: its names, roles over time, what it said,
    what it did to whom, what others did to it, who spoke of it, its closest partners."""
    actor_id = resolve_actor(connection, name)
    row = connection.execute(select(a).where(a.c.id == actor_id)).first()
    totals = connection.execute(
        select(func.coalesce(func.sum(da.c.mentions), 0), func.count(da.c.document_id)).where(da.c.actor_id == actor_id)
    ).first()
    names = connection.execute(select(an.c.name).where(an.c.actor_id == actor_id).order_by(an.c.name)).scalars().all()
    roles = connection.execute(
        select(
            schema.actor_roles.c.role,
            func.min(schema.actor_roles.c.date).label("first"),
            func.max(schema.actor_roles.c.date).label("last"),
            func.count().label("documents"),
        )
        .where(schema.actor_roles.c.actor_id == actor_id)
        .group_by(schema.actor_roles.c.role)
        .order_by(func.min(schema.actor_roles.c.date), schema.actor_roles.c.role)
    )
    profile = dict(row._mapping)
    profile.update(
        mentions=int(totals[0]),
        documents=int(totals[1]),
        names=list(names),
        roles=[dict(r._mapping) for r in roles],
        said=quotes(connection, speaker=actor_id, limit=limit),
        did=events(connection, source=actor_id, limit=limit),
        done_to=events(connection, target=actor_id, limit=limit),
        spoken_of=quotes(connection, about=actor_id, not_speaker=actor_id, limit=limit),
        partners=partners(connection, actor_id, limit=limit),
    )
    return profile


def partners(connection: Connection, actor_id: str, *, limit: int = 20) -> list[dict[str, Any]]:
    """The actors this one has most events with (either way), from the edge table."""
    edges = schema.edges
    rows = connection.execute(
        select(
            edges.c.source_id, edges.c.target_id, edges.c.quad_class,
            func.sum(edges.c.count).label("events"), func.sum(edges.c.goldstein_total).label("goldstein"),
        )
        .where(or_(edges.c.source_id == actor_id, edges.c.target_id == actor_id))
        .group_by(edges.c.source_id, edges.c.target_id, edges.c.quad_class)
    )
    by_partner: dict[str, dict[str, Any]] = {}
    for source, target, quad, count, goldstein in rows:
        other = target if source == actor_id else source
        entry = by_partner.setdefault(other, {"actor_id": other, "events": 0, "goldstein": 0.0, "by_quad_class": {}})
        entry["events"] += int(count)
        entry["goldstein"] += float(goldstein or 0.0)
        entry["by_quad_class"][str(quad)] = entry["by_quad_class"].get(str(quad), 0) + int(count)
    ranked = sorted(by_partner.values(), key=lambda item: (-item["events"], item["actor_id"]))[:limit]
    _attach_names(connection, ranked, "actor_id", "name")
    return ranked


# ---------------------------------------------------------------- quotes
def quotes(connection: Connection, *, speaker: str | None = None, about: str | None = None, since: str | None = None,
           until: str | None = None, not_speaker: str | None = None, document: str | None = None,
           limit: int = 50) -> list[dict[str, Any]]:
    """Quotes, newest first: by a speaker, about an actor (the actor is mentioned inside
    the quote), in a date range."""
    query = (
        select(
            q.c.document_id, q.c.ordinal, q.c.speaker_id, q.c.speaker_text, q.c.kind, q.c.cue_text, q.c.cue_type,
            q.c.text, q.c.start_char, q.c.end_char, q.c.confidence, q.c.date,
            d.c.title, d.c.source, d.c.url,
        )
        .select_from(q.join(d, d.c.id == q.c.document_id))
        .order_by(q.c.date.desc(), q.c.document_id, q.c.ordinal)
        .limit(limit)
    )
    if speaker:
        query = query.where(q.c.speaker_id == resolve_actor(connection, speaker))
    if not_speaker:
        query = query.where(or_(q.c.speaker_id.is_(None), q.c.speaker_id != not_speaker))
    if about:
        about_id = resolve_actor(connection, about)
        query = query.where(
            exists().where(
                m.c.document_id == q.c.document_id, m.c.actor_id == about_id,
                m.c.start_char >= q.c.start_char, m.c.end_char <= q.c.end_char,
            )
        )
    if document:
        query = query.where(q.c.document_id == document)
    query = query.where(*_date_range(q.c.date, since, until))
    found = [dict(row._mapping) for row in connection.execute(query)]
    _attach_names(connection, found, "speaker_id", "speaker")
    return found


# ---------------------------------------------------------------- events
def events(connection: Connection, *, actor: str | None = None, source: str | None = None, target: str | None = None,
           type: str | None = None, quad_class: int | None = None, since: str | None = None, until: str | None = None,
           attributed_to: str | None = None, include_negated: bool = True, document: str | None = None,
           limit: int = 50) -> list[dict[str, Any]]:
    """Events, newest first, with who did it (`source`) to whom (`target`) and the evidence.
    `actor` matches either side; `source` and `target` one side each."""
    query = (
        select(e, d.c.title, d.c.source.label("publication"), d.c.url)
        .select_from(e.join(d, d.c.id == e.c.document_id))
        .order_by(e.c.day.desc(), e.c.document_id, e.c.ordinal)
        .limit(limit)
    )
    for value, role in ((actor, None), (source, "source"), (target, "target")):
        if value:
            actor_id = resolve_actor(connection, value)
            condition = [ea.c.document_id == e.c.document_id, ea.c.event_ordinal == e.c.ordinal, ea.c.actor_id == actor_id]
            if role:
                condition.append(ea.c.role == role)
            query = query.where(exists().where(*condition))
    if type:
        query = query.where(e.c.type == type)
    if quad_class is not None:
        query = query.where(e.c.quad_class == quad_class)
    if attributed_to:
        query = query.where(e.c.attributed_to == resolve_actor(connection, attributed_to))
    if not include_negated:
        query = query.where(e.c.negated.is_(False))
    if document:
        query = query.where(e.c.document_id == document)
    query = query.where(*_date_range(e.c.day, since, until))
    found = [dict(row._mapping) for row in connection.execute(query)]
    _attach_event_actors(connection, found)
    return found


def _attach_event_actors(connection: Connection, found: list[dict[str, Any]]) -> None:
    """Give each event its `source` and `target` lists of {id, name}."""
    if not found:
        return
    keys = {(row["document_id"], row["ordinal"]) for row in found}
    documents = sorted({key[0] for key in keys})
    sides: dict[tuple, dict[str, list[str]]] = defaultdict(lambda: {"source": [], "target": []})
    for start in range(0, len(documents), 500):
        rows = connection.execute(
            select(ea.c.document_id, ea.c.event_ordinal, ea.c.role, ea.c.actor_id)
            .where(ea.c.document_id.in_(documents[start : start + 500]))
            .order_by(ea.c.document_id, ea.c.event_ordinal, ea.c.role, ea.c.position)
        )
        for doc_id, ordinal, role, actor_id in rows:
            if (doc_id, ordinal) in keys:
                sides[(doc_id, ordinal)][role].append(actor_id)
    names = actor_names(connection, {i for side in sides.values() for ids in side.values() for i in ids})
    for row in found:
        side = sides[(row["document_id"], row["ordinal"])]
        row["source"] = [{"id": i, "name": names.get(i, i)} for i in side["source"]]
        row["target"] = [{"id": i, "name": names.get(i, i)} for i in side["target"]]
    attributed = [row for row in found if row.get("attributed_to")]
    _attach_names(connection, attributed, "attributed_to", "attributed_to_name")


# ---------------------------------------------------------------- documents
def document(connection: Connection, document_id: str) -> dict[str, Any]:
    """One document: its metadata, text and what was found in it."""
    row = connection.execute(select(d).where(d.c.id == document_id)).first()
    if row is None:
        raise NotFound(f"no document {document_id!r} in the store")
    found = dict(row._mapping)
    found["actors"] = [
        dict(r._mapping) for r in connection.execute(select(da).where(da.c.document_id == document_id).order_by(da.c.ordinal))
    ]
    found["quotes"] = quotes(connection, document=document_id, limit=100_000)
    found["events"] = events(connection, document=document_id, limit=100_000)
    found["duplicates"] = connection.execute(
        select(d.c.id).where(d.c.duplicate_of == document_id).order_by(d.c.id)
    ).scalars().all()
    return found


def stats(connection: Connection) -> dict[str, Any]:
    """How many documents of each status, actors, quotes, events, errors."""
    by_status = dict(connection.execute(select(d.c.status, func.count()).group_by(d.c.status)).all())
    count = lambda table: connection.execute(select(func.count()).select_from(table)).scalar()  # noqa: E731
    return {
        "documents": sum(by_status.values()),
        "by_status": {status: by_status.get(status, 0) for status in schema.STATUSES},
        "actors": count(schema.actors),
        "mentions": count(schema.mentions),
        "quotes": count(schema.quotes),
        "events": count(schema.events),
        "edges": count(schema.edges),
        "errors": count(schema.ingest_errors),
    }


def errors(connection: Connection, *, limit: int = 50) -> list[dict[str, Any]]:
    t = schema.ingest_errors
    rows = connection.execute(select(t.c.origin, t.c.document_id, t.c.error, t.c.recorded_at).order_by(t.c.origin, t.c.id).limit(limit))
    return [dict(row._mapping) for row in rows]


# ---------------------------------------------------------------- helpers
def actor_names(connection: Connection, ids) -> dict[str, str]:
    """Actor id -> name, for the ids given."""
    ids = sorted(set(ids))
    names: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        names.update(connection.execute(select(a.c.id, a.c.name).where(a.c.id.in_(ids[start : start + 500]))).all())
    return names


def _attach_names(connection: Connection, rows: list[dict[str, Any]], id_key: str, name_key: str) -> None:
    names = actor_names(connection, {row[id_key] for row in rows if row.get(id_key)})
    for row in rows:
        row[name_key] = names.get(row[id_key], row[id_key]) if row.get(id_key) else None


def date_bounds(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """Inclusive ISO bounds; "2023" and "2023-12" as `until` include the whole year or month."""
    if until:
        until = {4: until + "-12-31", 7: until + "-31"}.get(len(until), until)
    return since or None, until or None


def _date_range(column, since: str | None, until: str | None) -> list:
    low, high = date_bounds(since, until)
    conditions = []
    if low:
        conditions.append(column >= low)
    if high:
        conditions.append(column <= high)
    return conditions


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")

