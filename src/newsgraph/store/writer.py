"""Writing documents: each document with everything its analysis found in ONE transaction.

Idempotent by construction: the document row goes first, with `ON CONFLICT DO NOTHING`;
when it was already there the transaction is rolled back and nothing else is written.
So a document is written whole or not at all, and writing it again adds nothing. Rows
shared between documents are written so that the result does not depend on retries:
actors and their names are inserted if missing, the daily edge counts are incremented
in the same transaction as the document whose events they count.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from sqlalchemy import Table, and_, bindparam, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from . import schema
from .rows import AnalysisRows, edges_of, fold

# Rows per INSERT statement when many are written at once (SQLite allows 32766 parameters).
CHUNK_ROWS = 500


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def error_id(origin: str, error: str) -> str:
    """The key of an ingest error: the same bad item gives the same key in every run."""
    return hashlib.sha256(f"{origin}\x00{error}".encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _insert(connection: Connection, table: Table):
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


def insert_ignore(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert the rows that are not there yet (by primary key)."""
    statement = _insert(connection, table).on_conflict_do_nothing()
    for start in range(0, len(rows), CHUNK_ROWS):
        connection.execute(statement, rows[start : start + CHUNK_ROWS])


def insert_all(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), CHUNK_ROWS):
        connection.execute(table.insert(), rows[start : start + CHUNK_ROWS])


def insert_document(connection: Connection, document: dict[str, Any]) -> bool:
    """The document row; False (nothing written) when its id is already stored."""
    row = dict(document)
    row.setdefault("ingested_at", now())
    row.setdefault("content_hash", content_hash(row["text"]))
    row.setdefault("chars", len(row["text"]))
    statement = _insert(connection, schema.documents).on_conflict_do_nothing(index_elements=["id"]).returning(schema.documents.c.id)
    return connection.execute(statement, row).first() is not None


def insert_fingerprint(connection: Connection, document_id: str, exact: str, signature: bytes, bands: list[int],
                       numbers: tuple[str, ...] = ()) -> None:
    connection.execute(schema.fingerprints.insert(), {
        "document_id": document_id, "exact_key": exact, "signature": signature, "numbers": " ".join(numbers),
    })
    insert_ignore(connection, schema.band_keys, [{"band_key": key, "document_id": document_id} for key in dict.fromkeys(bands)])


def insert_analysis(connection: Connection, rows: AnalysisRows) -> None:
    """The analysis rows of a document whose row was just inserted (same transaction)."""
    upsert_actors(connection, rows.actors)
    insert_ignore(connection, schema.actor_names, rows.actor_names)
    insert_all(connection, schema.document_actors, rows.document_actors)
    add_actor_totals(connection, rows.document_actors, +1)
    # Met as a place, seen acting in some article: a state. Only this article's states (new
    # evidence) and places (a row it may just have replaced) can need it.
    placed = [actor["id"] for actor in rows.actors if actor["type"] in ("state", "location")]
    if placed:
        da = schema.document_actors
        acting = select(da.c.actor_id).where(and_(da.c.actor_id == schema.actors.c.id, da.c.type == "state")).exists()
        connection.execute(
            update(schema.actors)
            .where(and_(schema.actors.c.id.in_(placed), schema.actors.c.type == "location", acting))
            .values(type="state")
        )
    insert_ignore(connection, schema.actor_roles, rows.actor_roles)
    insert_all(connection, schema.mentions, rows.mentions)
    insert_all(connection, schema.quotes, rows.quotes)
    insert_all(connection, schema.quote_actors, rows.quote_actors)
    insert_all(connection, schema.events, rows.events)
    insert_all(connection, schema.event_actors, rows.event_actors)
    insert_all(connection, schema.contested, rows.contested)
    insert_all(connection, schema.places, rows.places)
    add_edges(connection, rows.edges)


def upsert_actors(connection: Connection, actors: list[dict[str, Any]]) -> None:
    """The corpus rows of these actors: each actor as the article with the smallest id
    that names it sees it (whatever order the articles come in; see `derived_actors`)."""
    table = schema.actors
    statement = _insert(connection, table)
    statement = statement.on_conflict_do_update(
        index_elements=["id"],
        set_={name: getattr(statement.excluded, name) for name in ("name", "type", "country", "sector", "kb_id", "first_document")},
        where=statement.excluded.first_document < table.c.first_document,
    )
    for start in range(0, len(actors), CHUNK_ROWS):
        connection.execute(statement, actors[start : start + CHUNK_ROWS])


def add_actor_totals(connection: Connection, document_actors: list[dict[str, Any]], sign: int) -> None:
    """Add (sign +1) or take off (-1) one article's mentions and its one article to the
    totals of the actors it names."""
    if not document_actors:
        return
    table = schema.actors
    statement = (update(table).where(table.c.id == bindparam("actor"))
                 .values(mentions=table.c.mentions + bindparam("delta"), documents=table.c.documents + sign))
    connection.execute(statement, [{"actor": row["actor_id"], "delta": sign * row["mentions"]} for row in document_actors])


def recount_actor_totals(connection: Connection) -> None:
    """Every actor's totals counted again from the articles' actors (one pass)."""
    connection.execute(text(
        "UPDATE actors SET mentions = (SELECT coalesce(sum(da.mentions), 0) FROM document_actors da WHERE da.actor_id = actors.id), "
        "documents = (SELECT count(*) FROM document_actors da WHERE da.actor_id = actors.id)"
    ))


def add_edges(connection: Connection, edges: list[dict[str, Any]]) -> None:
    """Add one document's edge counts to the daily totals."""
    if not edges:
        return
    table = schema.edges
    statement = _insert(connection, table)
    statement = statement.on_conflict_do_update(
        index_elements=[column.name for column in table.primary_key.columns],
        set_={
            "count": table.c.count + statement.excluded.count,
            "goldstein_total": table.c.goldstein_total + statement.excluded.goldstein_total,
        },
    )
    for start in range(0, len(edges), CHUNK_ROWS):
        connection.execute(statement, edges[start : start + CHUNK_ROWS])


def subtract_edges(connection: Connection, edges: list[dict[str, Any]]) -> None:
    """Take one document's edge counts off the daily totals (before its analysis is
    replaced); totals that reach zero are removed."""
    table = schema.edges
    for edge in edges:
        key = and_(*(table.c[name] == edge[name] for name in ("source_id", "target_id", "day", "quad_class", "event_type")))
        connection.execute(update(table).where(key).values(
            count=table.c.count - edge["count"], goldstein_total=table.c.goldstein_total - edge["goldstein_total"],
        ))
        connection.execute(table.delete().where(and_(key, table.c.count <= 0)))


def delete_analysis(connection: Connection, document_id: str) -> None:
    """Remove one document's analysis rows, its edge counts and its share of its actors'
    totals (their corpus rows are brought up to date by `tidy_actors`)."""
    events = [dict(row._mapping) for row in connection.execute(
        select(schema.events.c.ordinal, schema.events.c.type, schema.events.c.quad_class, schema.events.c.goldstein,
               schema.events.c.negated, schema.events.c.day).where(schema.events.c.document_id == document_id))]
    event_actors = [dict(row._mapping) for row in connection.execute(
        select(schema.event_actors.c.event_ordinal, schema.event_actors.c.role, schema.event_actors.c.position,
               schema.event_actors.c.actor_id).where(schema.event_actors.c.document_id == document_id))]
    subtract_edges(connection, edges_of(events, event_actors))
    da = schema.document_actors
    counted = [dict(row._mapping) for row in connection.execute(
        select(da.c.actor_id, da.c.mentions).where(da.c.document_id == document_id))]
    add_actor_totals(connection, counted, -1)
    for table in schema.ANALYSIS_TABLES[::-1]:
        connection.execute(table.delete().where(table.c.document_id == document_id))



def tidy_actors(connection: Connection) -> dict[str, int]:
    """Make the corpus rows of actors and their names what the articles' analyses give
    (`derived_actors`): after a recode, an actor no article names any more is removed, a
    name no article uses is dropped, an actor's row comes from its first article again.
    Returns how many rows changed, by kind."""
    actors, names = derived_actors(connection)
    table = schema.actors
    stored = {row.id: dict(row._mapping) for row in connection.execute(select(table))}
    changed = {"actors updated": 0, "actors added": 0, "actors removed": 0, "names added": 0, "names removed": 0}
    stored_names = {(row.actor_id, row.name) for row in connection.execute(select(schema.actor_names.c.actor_id, schema.actor_names.c.name))}
    gone_names = stored_names - names
    for actor_id, name in sorted(gone_names):
        connection.execute(schema.actor_names.delete().where(and_(schema.actor_names.c.actor_id == actor_id, schema.actor_names.c.name == name)))
    changed["names removed"] = len(gone_names)
    for actor_id in sorted(set(stored) - set(actors)):
        connection.execute(table.delete().where(table.c.id == actor_id))
        changed["actors removed"] += 1
    for actor_id, row in actors.items():
        if actor_id not in stored:
            connection.execute(table.insert(), row)
            changed["actors added"] += 1
        elif stored[actor_id] != row:
            connection.execute(update(table).where(table.c.id == actor_id).values(**row))
            changed["actors updated"] += 1
    new_names = sorted(names - stored_names)
    insert_all(connection, schema.actor_names, [{"actor_id": a, "name": n, "folded": fold(n)} for a, n in new_names])
    changed["names added"] = len(new_names)
    return changed


def derived_actors(connection: Connection) -> tuple[dict[str, dict[str, Any]], set[tuple[str, str]]]:
    """The corpus rows of actors and their names as the stored analyses give them: an
    actor as the article with the smallest id that names it sees it (a place there, a
    state if any article shows it acting as one), with its mentions and articles summed
    over them, and every name any article calls it by.
    The ingest's writer (`upsert_actors`, `insert_analysis`) arrives at the same rows."""
    da = schema.document_actors
    actors: dict[str, dict[str, Any]] = {}
    names: set[tuple[str, str]] = set()
    states: set[str] = set()
    query = select(da.c.actor_id, da.c.document_id, da.c.name, da.c.type, da.c.country, da.c.sector, da.c.kb_id,
                   da.c.aliases, da.c.mentions).order_by(da.c.actor_id, da.c.document_id)
    for row in connection.execute(query):
        if row.actor_id not in actors:
            actors[row.actor_id] = {"id": row.actor_id, "name": row.name, "type": row.type, "country": row.country,
                                    "sector": row.sector, "kb_id": row.kb_id, "first_document": row.document_id,
                                    "mentions": 0, "documents": 0}
        actors[row.actor_id]["mentions"] += row.mentions
        actors[row.actor_id]["documents"] += 1
        if row.type == "state":
            states.add(row.actor_id)
        names.update((row.actor_id, name) for name in (row.name, *(row.aliases or ())) if name and name.strip())
    for actor_id in states:
        if actors[actor_id]["type"] == "location":
            actors[actor_id]["type"] = "state"
    return actors, names


def insert_error(connection: Connection, origin: str, error: str, document_id: str | None = None) -> bool:
    """Record a bad item once (by origin and error); True when it was new."""
    row = {"id": error_id(origin, error), "origin": origin, "document_id": document_id, "error": error, "recorded_at": now()}
    table = schema.ingest_errors
    statement = _insert(connection, table).on_conflict_do_nothing(index_elements=["id"]).returning(table.c.id)
    return connection.execute(statement, row).first() is not None
