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

from sqlalchemy import Table, and_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from . import schema
from .rows import AnalysisRows

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
    insert_ignore(connection, schema.actors, rows.actors)
    states = [actor["id"] for actor in rows.actors if actor["type"] == "state"]
    if states:  # first met as a place, now seen acting: a state
        connection.execute(
            update(schema.actors)
            .where(and_(schema.actors.c.id.in_(states), schema.actors.c.type == "location"))
            .values(type="state")
        )
    insert_ignore(connection, schema.actor_names, rows.actor_names)
    insert_all(connection, schema.document_actors, rows.document_actors)
    insert_ignore(connection, schema.actor_roles, rows.actor_roles)
    insert_all(connection, schema.mentions, rows.mentions)
    insert_all(connection, schema.quotes, rows.quotes)
    insert_all(connection, schema.events, rows.events)
    insert_all(connection, schema.event_actors, rows.event_actors)
    insert_all(connection, schema.contested, rows.contested)
    insert_all(connection, schema.places, rows.places)
    add_edges(connection, rows.edges)


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


def insert_error(connection: Connection, origin: str, error: str, document_id: str | None = None) -> bool:
    """Record a bad item once (by origin and error); True when it was new."""
    row = {"id": error_id(origin, error), "origin": origin, "document_id": document_id, "error": error, "recorded_at": now()}
    table = schema.ingest_errors
    statement = _insert(connection, table).on_conflict_do_nothing(index_elements=["id"]).returning(table.c.id)
    return connection.execute(statement, row).first() is not None
