"""Versioned schema migrations, in code: a `schema_version` table and ordered steps.

- A new, empty database gets the current schema at once (`schema.metadata` plus the
  full-text indexes) and is stamped with `schema.SCHEMA_VERSION`.
- An existing database at version v gets the steps v+1 ... SCHEMA_VERSION, in order,
  each in its own transaction, each recorded in `schema_version` when it commits. A step
  that fails leaves the database at the last version that committed.
- A database newer than this code is refused with a clear message.

To change the schema: edit `schema.py` (which describes the newest version), raise
`SCHEMA_VERSION`, and append a `Migration` whose `upgrade(connection)` brings a database
of the previous version to the new one (ALTER TABLE ..., data moves). A test checks
that a database upgraded step by step has the same tables and columns as a new one.

Migrations run under a lock: `BEGIN IMMEDIATE` on SQLite, an advisory lock on
PostgreSQL, so that two processes opening a new store at once do not both create it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import inspect, insert, select, text
from sqlalchemy.engine import Connection, Engine

from . import fulltext, schema, writer
from .engine import StoreError

MIGRATION_LOCK_KEY = 7_466_001  # an arbitrary number for pg_advisory_xact_lock


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    upgrade: Callable[[Connection], None]


def _span_indexes(connection: Connection) -> None:
    """Version 2: an actor's mentions and the quotes around them found by indexes alone
    (quotes about an actor mentioned tens of thousands of times), and the events of a
    country (the network of where events happened)."""
    connection.execute(text("DROP INDEX IF EXISTS ix_mentions_actor"))  # the new index starts with actor_id
    for table in (schema.mentions, schema.quotes, schema.events):
        for index in table.indexes:
            index.create(connection, checkfirst=True)


def _repeated_chars(connection: Connection) -> None:
    """Version 3: how many characters of a document repeat its own passages (analysed once)."""
    if "repeated_chars" not in {column["name"] for column in inspect(connection).get_columns("documents")}:
        connection.execute(text("ALTER TABLE documents ADD COLUMN repeated_chars INTEGER"))


def _kept_parses(connection: Connection) -> None:
    """Version 4: kept parses for `newsgraph recode`; each article's knowledge-base id of
    an actor (so that the corpus row of an actor can be derived from its articles); every
    actor's mention and article totals, indexed (the actors mentioned most at once)."""
    schema.parses.create(connection, checkfirst=True)
    if "kb_id" not in {column["name"] for column in inspect(connection).get_columns("document_actors")}:
        connection.execute(text("ALTER TABLE document_actors ADD COLUMN kb_id VARCHAR"))
        connection.execute(text(
            "UPDATE document_actors SET kb_id = (SELECT actors.kb_id FROM actors WHERE actors.id = document_actors.actor_id)"
        ))
    if "mentions" not in {column["name"] for column in inspect(connection).get_columns("actors")}:
        connection.execute(text("ALTER TABLE actors ADD COLUMN mentions INTEGER NOT NULL DEFAULT 0"))
        connection.execute(text("ALTER TABLE actors ADD COLUMN documents INTEGER NOT NULL DEFAULT 0"))
        writer.recount_actor_totals(connection)
    if not inspect(connection).has_table("quote_actors"):
        schema.quote_actors.create(connection)
        connection.execute(text(
            "INSERT INTO quote_actors (document_id, ordinal, actor_id, date) "
            "SELECT DISTINCT q.document_id, q.ordinal, m.actor_id, q.date FROM quotes q JOIN mentions m "
            "ON m.document_id = q.document_id AND m.start_char >= q.start_char AND m.end_char <= q.end_char"
        ))
    for table in (schema.actors, schema.documents, schema.quotes):
        for index in table.indexes:  # each index only where its `ddl_if` allows
            index.create(connection, checkfirst=True)


# Steps from version 1 (the first schema) on. Version 1 has no step: a database is born
# at the newest version.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(2, "indexes of mention and quote spans and of event countries", _span_indexes),
    Migration(3, "documents.repeated_chars: the passages a document repeats, analysed once", _repeated_chars),
    Migration(4, "kept parses for recode; each article's actors' knowledge-base ids; actor totals; quote actors; "
                 "indexes of the newest documents and quotes", _kept_parses),
)


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def current_version(connection: Connection) -> int | None:
    """The database's schema version, or None for a database without newsgraph tables."""
    names = set(inspect(connection).get_table_names())
    if "schema_version" not in names:
        if names & {"documents", "actors"}:
            raise StoreError("this database has newsgraph-like tables but no schema_version table: not a newsgraph store")
        return None
    version = connection.execute(select(schema.schema_version.c.version).order_by(schema.schema_version.c.version.desc())).scalar()
    return version


def migrate(engine: Engine, *, latest: int = schema.SCHEMA_VERSION, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Bring the database to `latest`; returns the version it had before (0 if new)."""
    steps = {step.version: step for step in migrations}
    with engine.connect().execution_options(write=True) as connection:
        with connection.begin():
            _lock(connection)
            before = current_version(connection)
            if before is None:
                create(connection, latest)
                return 0
        if before > latest:
            raise StoreError(
                f"the store's schema is version {before}, newer than this newsgraph knows ({latest}): upgrade newsgraph"
            )
        for version in range(before + 1, latest + 1):
            step = steps.get(version)
            if step is None:
                raise StoreError(f"no migration to schema version {version}: this newsgraph cannot upgrade the store")
            with connection.begin():
                _lock(connection)
                if current_version(connection) >= version:  # another process did it meanwhile
                    continue
                step.upgrade(connection)
                connection.execute(insert(schema.schema_version).values(version=version, description=step.description, applied_at=now()))
        return before


def create(connection: Connection, version: int = schema.SCHEMA_VERSION) -> None:
    """The newest schema in an empty database."""
    schema.metadata.create_all(connection)
    fulltext.create(connection)
    connection.execute(insert(schema.schema_version).values(version=version, description="new store", applied_at=now()))


def _lock(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
