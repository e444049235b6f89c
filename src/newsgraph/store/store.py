"""`Store`: the corpus database, for the ingest, the CLI and the HTTP API.

```python
from newsgraph.store import Store
store = Store.open("corpus.sqlite")          # or "postgresql://user:pw@host/db"
store.actors(limit=10)                       # top actors by mentions
store.actor("Taliban")                       # roles over time, quotes, events, partners
store.quotes(speaker="Kakar", since="2023-01-01")
store.events(actor="Pakistan", quad_class=4)
store.search("border crossing")
```
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from ..ingest.fingerprint import NEAR_THRESHOLD, Duplicate, Fingerprint, same_numbers, signature_from_bytes, similarity
from . import contested as contested_module
from . import fulltext, migrations, queries, schema, writer
from .engine import StoreError, make_engine, normalize_url, shown_url
from .rows import AnalysisRows


class Store:
    """A newsgraph corpus in SQLite or PostgreSQL (one schema, see `schema.py`)."""

    def __init__(self, engine: Engine, url: str):
        self.engine = engine
        self.url = url

    # ------------------------------------------------------------ opening
    @classmethod
    def open(cls, db: str | None = None, *, create: bool = True, upgrade: bool = False) -> "Store":
        """Open (and create or upgrade, with `create`) the store at a path or URL; with
        `upgrade` alone, an existing store is brought to this version's schema."""
        url = normalize_url(db)
        if not create:
            parsed = make_url(url)
            if parsed.get_backend_name() == "sqlite" and not Path(parsed.database).expanduser().exists():
                raise StoreError(f"{parsed.database}: no such store (run `newsgraph ingest` first, or give --db)")
        engine = make_engine(url)
        store = cls(engine, url)
        try:
            if create:
                migrations.migrate(engine)
            else:
                with engine.connect() as connection:
                    version = migrations.current_version(connection)
                if version is None:
                    raise StoreError(f"{shown_url(url)}: no newsgraph store there yet (run `newsgraph ingest` first)")
                if version < schema.SCHEMA_VERSION and upgrade:
                    migrations.migrate(engine)
                elif version != schema.SCHEMA_VERSION:
                    raise StoreError(
                        f"{shown_url(url)}: the store's schema is version {version}, this newsgraph uses "
                        f"{schema.SCHEMA_VERSION}: upgrade it with `newsgraph migrate --db {shown_url(url)}`"
                        if version < schema.SCHEMA_VERSION
                        else f"{shown_url(url)}: the store's schema is version {version}, newer than this newsgraph: upgrade newsgraph"
                    )
        except OperationalError as error:
            engine.dispose()
            raise StoreError(f"{shown_url(url)}: cannot open the store: {_first_line(error)}") from None
        except StoreError:
            engine.dispose()
            raise
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({shown_url(self.url)!r})"

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection for reading (one consistent snapshot)."""
        with self.engine.connect() as connection:
            with connection.begin():
                yield connection

    @contextlib.contextmanager
    def write(self) -> Iterator[Connection]:
        """A connection inside one write transaction: committed at the end, rolled back on error."""
        with self.engine.connect().execution_options(write=True) as connection:
            with connection.begin():
                yield connection

    def version(self) -> int | None:
        with self.engine.connect() as connection:
            return migrations.current_version(connection)

    # ------------------------------------------------------------ writing
    def stored_ids(self, ids: list[str]) -> set[str]:
        """Which of these document ids are stored already."""
        found: set[str] = set()
        with self.read() as connection:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                found.update(connection.execute(select(schema.documents.c.id).where(schema.documents.c.id.in_(chunk))).scalars())
        return found

    def stored_hash(self, document_id: str) -> str | None:
        """The content hash of a stored document, or None when it is not stored."""
        with self.read() as connection:
            return connection.execute(
                select(schema.documents.c.content_hash).where(schema.documents.c.id == document_id)
            ).scalar()

    def find_duplicate(self, print_: Fingerprint, threshold: float = NEAR_THRESHOLD) -> Duplicate | None:
        """The stored first copy this fingerprint duplicates: an exact copy, else the most
        similar near copy at or above `threshold` that reports the same numbers (see
        `fingerprint.same_numbers`; ties: the smallest id), else None."""
        fp, bk = schema.fingerprints, schema.band_keys
        with self.read() as connection:
            exact = connection.execute(
                select(fp.c.document_id).where(fp.c.exact_key == print_.exact).order_by(fp.c.document_id).limit(1)
            ).scalar()
            if exact is not None:
                return Duplicate(of=exact, kind="exact", similarity=1.0)
            if not print_.can_be_near:
                return None
            candidates = select(bk.c.document_id).where(bk.c.band_key.in_(list(print_.bands))).distinct()
            rows = connection.execute(
                select(fp.c.document_id, fp.c.signature, fp.c.numbers)
                .where(fp.c.document_id.in_(candidates)).order_by(fp.c.document_id)
            ).all()
        found = []
        for doc_id, signature, numbers in rows:
            score = similarity(print_.signature, signature_from_bytes(signature))
            if score >= threshold and same_numbers(print_.numbers, numbers.split()):
                found.append(Duplicate(of=doc_id, kind="near", similarity=score))
        # the most similar; ties to the smallest id in Python's order (not the database's collation)
        return min(found, key=lambda duplicate: (-duplicate.similarity, duplicate.of), default=None)

    def add_document(self, document: dict[str, Any], *, fingerprint: Fingerprint | None = None,
                     analysis: AnalysisRows | None = None, error: str | None = None,
                     parse: dict[str, Any] | None = None) -> bool:
        """Write one document, its fingerprint, its analysis rows, its kept parse (a row of
        `schema.parses` without the document id) and its error, all in one transaction.
        Returns False, writing nothing, when the id is already stored."""
        with self.write() as connection:
            if not writer.insert_document(connection, document):
                connection.rollback()
                return False
            if fingerprint is not None:
                writer.insert_fingerprint(
                    connection, document["id"], fingerprint.exact,
                    fingerprint.signature.astype("<u4").tobytes(), list(fingerprint.bands), fingerprint.numbers,
                )
            if analysis is not None:
                writer.insert_analysis(connection, analysis)
            if parse is not None:
                connection.execute(schema.parses.insert(), {**parse, "document_id": document["id"]})
            if error is not None:
                writer.insert_error(connection, document.get("origin") or document["id"], error, document["id"])
        return True

    def add_error(self, origin: str, error: str, document_id: str | None = None) -> bool:
        """Record an item that could not be read; True when it was not recorded before."""
        with self.write() as connection:
            return writer.insert_error(connection, origin, error, document_id)

    # ------------------------------------------------------------ recoding
    def kept_parses(self, *, since: str | None = None, until: str | None = None, not_coded_with: str | None = None,
                    page: int = 100) -> Iterator[dict[str, Any]]:
        """The analysed documents with a kept parse, by id: the document's fields, `parse`
        (the bytes), `coded_with` and `analysis_hash`; only those dated in [since, until]
        and, with `not_coded_with`, only those coded with other resources. Read a page
        at a time (each in its own snapshot), so that the run's memory stays bounded."""
        d, p = schema.documents, schema.parses
        last = None
        while True:
            query = (select(d.c.id, d.c.title, d.c.date, d.c.source, d.c.url, d.c.text, p.c.data.label("parse"),
                            p.c.coded_with, p.c.analysis_hash)
                     .select_from(KEPT).where(*_kept(since, until, not_coded_with)))
            if last is not None:
                query = query.where(d.c.id > last)
            with self.read() as connection:
                rows = [dict(row._mapping) for row in connection.execute(query.order_by(d.c.id).limit(page))]
            yield from rows
            if len(rows) < page:
                return
            last = rows[-1]["id"]

    def count_parses(self, *, since: str | None = None, until: str | None = None) -> int:
        """How many analysed documents dated in [since, until] have a kept parse."""
        with self.read() as connection:
            return connection.execute(select(func.count()).select_from(KEPT).where(*_kept(since, until))).scalar() or 0

    def replace_analysis(self, document_id: str, analysis: AnalysisRows, *, coded_with: str, analysis_hash: str) -> None:
        """A recoded document: its old analysis rows and edge counts replaced by `analysis`,
        its parse marked as coded with `coded_with`, all in one transaction."""
        with self.write() as connection:
            writer.delete_analysis(connection, document_id)
            writer.insert_analysis(connection, analysis)
            connection.execute(update(schema.parses).where(schema.parses.c.document_id == document_id)
                               .values(coded_with=coded_with, analysis_hash=analysis_hash))

    def mark_coded(self, document_id: str, coded_with: str) -> None:
        """A recoded document whose analysis came out the same: only its key changes."""
        with self.write() as connection:
            connection.execute(update(schema.parses).where(schema.parses.c.document_id == document_id).values(coded_with=coded_with))

    def tidy_actors(self) -> dict[str, int]:
        """The corpus rows of actors and their names brought in line with the stored
        analyses (`writer.tidy_actors`), in one transaction."""
        with self.write() as connection:
            return writer.tidy_actors(connection)

    # ------------------------------------------------------------ reading
    def actors(self, **filters) -> list[dict[str, Any]]:
        """Top actors by mentions: limit, type, country, since, until."""
        with self.read() as connection:
            return queries.actors(connection, **filters)

    def actor(self, name: str, *, limit: int = 20, include_members: bool | None = None) -> dict[str, Any]:
        """One actor across the corpus (by id, name, alias or a word of a name such as a
        surname); an organization's members' quotes and acts apart (see `queries.actor`)."""
        with self.read() as connection:
            return queries.actor(connection, name, limit=limit, include_members=include_members)

    def resolve_actor(self, name: str) -> str:
        with self.read() as connection:
            return queries.resolve_actor(connection, name)

    def quotes(self, **filters) -> list[dict[str, Any]]:
        """Quotes: speaker, about, since, until, limit."""
        with self.read() as connection:
            return queries.quotes(connection, **filters)

    def events(self, **filters) -> list[dict[str, Any]]:
        """Events: actor, source, target, type, quad_class, since, until, attributed_to, limit."""
        with self.read() as connection:
            return queries.events(connection, **filters)

    def contested(self, **filters) -> list[dict[str, Any]]:
        """Contradicting events within and across articles: actor, since, until, limit."""
        with self.read() as connection:
            return contested_module.contested(connection, **filters)

    def search(self, text: str, *, limit: int = 20, kinds: tuple[str, ...] = ("documents", "quotes")) -> dict[str, list[fulltext.Hit]]:
        """Full-text search: {"documents": [...], "quotes": [...]}, best first."""
        fulltext.parse_query(text)  # a clear error for a query without words
        out: dict[str, list[fulltext.Hit]] = {}
        with self.read() as connection:
            if "documents" in kinds:
                out["documents"] = fulltext.search_documents(connection, text, limit)
            if "quotes" in kinds:
                hits = fulltext.search_quotes(connection, text, limit)
                names = queries.actor_names(connection, {hit.speaker_id for hit in hits if hit.speaker_id})
                for hit in hits:
                    hit.speaker = names.get(hit.speaker_id, hit.speaker_id) if hit.speaker_id else None
                out["quotes"] = hits
        return out

    def document(self, document_id: str) -> dict[str, Any]:
        with self.read() as connection:
            return queries.document(connection, document_id)

    def stats(self) -> dict[str, Any]:
        with self.read() as connection:
            return queries.stats(connection)

    def errors(self, *, limit: int = 50) -> list[dict[str, Any]]:
        with self.read() as connection:
            return queries.errors(connection, limit=limit)

    # ------------------------------------------------------------ comparing
    def canonical_dump(self) -> dict[str, list[tuple]]:
        """Every row of every table, in primary-key order, without the columns that record
        wall-clock time (`schema.TIME_COLUMNS`): equal for two stores with the same content."""
        dump: dict[str, list[tuple]] = {}
        with self.read() as connection:
            for table in schema.metadata.sorted_tables:
                columns = [column for column in table.columns if (table.name, column.name) not in schema.TIME_COLUMNS]
                order = list(table.primary_key.columns)
                dump[table.name] = [tuple(row) for row in connection.execute(select(*columns).order_by(*order))]
        return dump


# The analysed documents with their kept parses (`Store.kept_parses`, `Store.count_parses`).
KEPT = schema.documents.join(schema.parses, schema.parses.c.document_id == schema.documents.c.id)


def _kept(since: str | None, until: str | None, not_coded_with: str | None = None) -> list:
    """The conditions on `KEPT`: analysed, dated in [since, until], coded with other
    resources than `not_coded_with`."""
    d, p = schema.documents, schema.parses
    conditions = [d.c.status == schema.ANALYSED]
    if since:
        conditions.append(d.c.date >= since)
    if until:
        conditions.append(d.c.date <= until)
    if not_coded_with:
        conditions.append(p.c.coded_with != not_coded_with)
    return conditions


def _first_line(error: SQLAlchemyError) -> str:
    message = str(getattr(error, "orig", None) or error)
    return message.strip().splitlines()[0] if message.strip() else type(error).__name__
