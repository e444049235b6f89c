"""Connecting to a store: a SQLite file (the default) or a PostgreSQL server.

`--db` takes a path (`corpus.sqlite`), a SQLite URL (`sqlite:///corpus.sqlite`) or a
PostgreSQL URL (`postgresql://user:password@host/db`, driven by psycopg 3).

SQLite is opened in WAL mode (readers never block the writer, and a killed writer leaves
the last committed transaction in place), with foreign keys on and `synchronous=NORMAL`
(a commit survives the process being killed; only a power cut can lose the latest
commits, never corrupt the file). pysqlite's own transaction handling is switched off so
that SQLAlchemy's `BEGIN` really starts a transaction, DDL included; a write transaction
starts with `BEGIN IMMEDIATE`, so that two writers queue instead of failing.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError

from ..errors import NewsgraphError

DEFAULT_DB = "newsgraph.sqlite"
BUSY_TIMEOUT_MS = 60_000


class StoreError(NewsgraphError):
    """The store cannot be opened or used (bad URL, server down, newer schema...)."""


def default_url() -> str:
    """`$NEWSGRAPH_DB`, else `newsgraph.sqlite` in the current folder."""
    return os.environ.get("NEWSGRAPH_DB") or DEFAULT_DB


def normalize_url(db: str | os.PathLike | None) -> str:
    """A SQLAlchemy URL for what the user gave: a path, a sqlite:// or a postgresql:// URL."""
    value = str(db) if db is not None else default_url()
    if "://" not in value:
        path = Path(value).expanduser()
        if path.is_dir():
            raise StoreError(f"{value}: is a folder; give a database file such as {path / DEFAULT_DB}")
        return f"sqlite:///{path}"
    try:
        url = make_url(value)
    except ArgumentError:
        raise StoreError(f"{value!r} is not a database URL (give a file path, sqlite:///FILE or postgresql://...)") from None
    backend = url.get_backend_name()
    if backend == "sqlite":
        if url.database in (None, "", ":memory:"):
            raise StoreError("an in-memory SQLite store would be lost at exit: give a file (sqlite:///corpus.sqlite)")
        return url.render_as_string(hide_password=False)
    if backend in ("postgresql", "postgres"):
        # psycopg 3 unless another driver is named ("postgresql+psycopg2://...").
        url = url.set(drivername="postgresql+psycopg" if "+" not in url.drivername else url.drivername)
        return url.render_as_string(hide_password=False)
    raise StoreError(f"{value}: unsupported database {backend!r}; use SQLite (a file) or postgresql://")


def shown_url(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def make_engine(url: str) -> Engine:
    """An engine for a normalized URL, set up for the store (see the module doc)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        folder = Path(parsed.database).expanduser().resolve().parent
        if not folder.is_dir():
            raise StoreError(f"{parsed.database}: folder {folder} does not exist")
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _setup_sqlite(engine)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True)
    except ModuleNotFoundError as error:
        raise StoreError(
            f"the PostgreSQL driver is not installed ({error.name}); install it with: pip install 'newsgraph[postgres]'"
        ) from None


def _setup_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we say BEGIN ourselves (below)
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        mode = "IMMEDIATE" if connection.get_execution_options().get("write") else "DEFERRED"
        connection.exec_driver_sql(f"BEGIN {mode}")


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
