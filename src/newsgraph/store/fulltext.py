"""Full-text search over articles and quotes: FTS5 on SQLite, tsvector + GIN on PostgreSQL.

Both backends take the same query language (that of PostgreSQL's `websearch_to_tsquery`,
which is what people type into search boxes): words (all must match), "quoted phrases",
`OR` between alternatives, and `-word` to exclude. Both stem English words (FTS5's
porter tokenizer, PostgreSQL's `english` configuration), so "attacks" finds "attacked".
Duplicates are not indexed: a search finds the first copy only.

SQLite: `documents_fts(document_id UNINDEXED, title, text)` and
`quotes_fts(document_id UNINDEXED, ordinal UNINDEXED, text)` are filled by triggers in
the same transaction as the row (FTS5 keeps its own copy of the text: an "external
content" table would be keyed by SQLite's implicit rowid, which VACUUM may renumber).
PostgreSQL: a generated `search` tsvector column on `documents` and `quotes` with a GIN
index (the document's first 500,000 characters: a tsvector is limited to 1 MB).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import text as sql
from sqlalchemy.engine import Connection

from ..errors import NewsgraphError

MARK_START, MARK_END = "«", "»"  # around matched words in snippets
PG_MAX_CHARS = 500_000

SQLITE_DDL = (
    "CREATE VIRTUAL TABLE documents_fts USING fts5("
    " document_id UNINDEXED, title, text, tokenize = 'porter unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE quotes_fts USING fts5("
    " document_id UNINDEXED, ordinal UNINDEXED, text, tokenize = 'porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents WHEN new.status <> 'duplicate' BEGIN"
    " INSERT INTO documents_fts (document_id, title, text) VALUES (new.id, coalesce(new.title, ''), new.text); END",
    "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN"
    " DELETE FROM documents_fts WHERE document_id = old.id; END",
    "CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN"
    " INSERT INTO quotes_fts (document_id, ordinal, text) VALUES (new.document_id, new.ordinal, new.text); END",
    "CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN"
    " DELETE FROM quotes_fts WHERE document_id = old.document_id AND ordinal = old.ordinal; END",
)

POSTGRES_DDL = (
    "ALTER TABLE documents ADD COLUMN search tsvector GENERATED ALWAYS AS ("
    " setweight(to_tsvector('english', coalesce(title, '')), 'A')"
    f" || to_tsvector('english', left(text, {PG_MAX_CHARS}))) STORED",
    "CREATE INDEX ix_documents_search ON documents USING GIN (search) WHERE status <> 'duplicate'",
    "ALTER TABLE quotes ADD COLUMN search tsvector GENERATED ALWAYS AS ("
    f" to_tsvector('english', left(text, {PG_MAX_CHARS}))) STORED",
    "CREATE INDEX ix_quotes_search ON quotes USING GIN (search)",
)


class SearchError(NewsgraphError):
    """A search that cannot be run (no words to look for)."""


@dataclass
class Hit:
    kind: str  # "document" or "quote"
    document_id: str
    ordinal: int | None  # the quote's position in its document
    title: str | None
    date: str | None
    source: str | None
    snippet: str  # matched words between « and »
    score: float  # higher is better (comparable within one search only)
    speaker_id: str | None = None
    speaker: str | None = None  # the speaker's name (quotes)


def create(connection: Connection) -> None:
    """The full-text tables or columns for this backend (part of the schema)."""
    statements = SQLITE_DDL if connection.dialect.name == "sqlite" else POSTGRES_DDL
    for statement in statements:
        connection.exec_driver_sql(statement)


# ---------------------------------------------------------------- query language
_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+")


def parse_query(query: str) -> list[list[tuple[str, bool]]]:
    """Alternatives (split at OR) of terms (a word or phrase, and whether it is excluded)."""
    alternatives: list[list[tuple[str, bool]]] = [[]]
    for match in _TOKEN.finditer(query):
        negated, phrase, bare = match.group(1) == "-", match.group(2), match.group(3)
        if phrase is None:
            if bare == "OR" or bare == "or":
                alternatives.append([])
                continue
            negated = bare.startswith("-")
            phrase = bare.lstrip("-")
        words = _WORD.findall(phrase)
        if words:
            alternatives[-1].append((" ".join(words), negated))
    alternatives = [terms for terms in alternatives if any(not negated for _, negated in terms)]
    if not alternatives:
        raise SearchError(f"nothing to search for in {query!r}: give at least one word")
    return alternatives


def fts5_query(query: str) -> str:
    """The query in FTS5's syntax."""
    groups = []
    for terms in parse_query(query):
        positive = " AND ".join(f'"{words}"' for words, negated in terms if not negated)
        negative = "".join(f' NOT "{words}"' for words, negated in terms if negated)
        groups.append(f"({positive}{negative})")
    return " OR ".join(groups)


def websearch_query(query: str) -> str:
    """The query normalized for `websearch_to_tsquery` (same meaning as `fts5_query`)."""
    groups = []
    for terms in parse_query(query):
        groups.append(" ".join(("-" if negated else "") + (f'"{words}"' if " " in words else words) for words, negated in terms))
    return " or ".join(groups)


# ---------------------------------------------------------------- searching
def search_documents(connection: Connection, query: str, limit: int = 20) -> list[Hit]:
    if connection.dialect.name == "sqlite":
        rows = connection.execute(
            sql(
                "SELECT f.document_id, d.title, d.date, d.source,"
                f" snippet(documents_fts, 2, '{MARK_START}', '{MARK_END}', '…', 16) AS snippet,"
                " -bm25(documents_fts, 0.0, 5.0, 1.0) AS score"
                " FROM documents_fts AS f JOIN documents AS d ON d.id = f.document_id"
                " WHERE documents_fts MATCH :q ORDER BY score DESC, f.document_id LIMIT :limit"
            ),
            {"q": fts5_query(query), "limit": limit},
        )
    else:
        rows = connection.execute(
            sql(
                "SELECT d.id, d.title, d.date, d.source,"
                " ts_headline('english', left(d.text, 100000), q,"
                f"   'StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=12, MaxFragments=1') AS snippet,"
                " ts_rank_cd(d.search, q) AS score"
                " FROM documents AS d, websearch_to_tsquery('english', :q) AS q"
                " WHERE d.status <> 'duplicate' AND d.search @@ q ORDER BY score DESC, d.id LIMIT :limit"
            ),
            {"q": websearch_query(query), "limit": limit},
        )
    return [Hit("document", r[0], None, r[1], r[2], r[3], r[4], float(r[5])) for r in rows]


def search_quotes(connection: Connection, query: str, limit: int = 20) -> list[Hit]:
    if connection.dialect.name == "sqlite":
        rows = connection.execute(
            sql(
                "SELECT f.document_id, f.ordinal, d.title, d.date, d.source,"
                f" snippet(quotes_fts, 2, '{MARK_START}', '{MARK_END}', '…', 24) AS snippet,"
                " -bm25(quotes_fts) AS score, q.speaker_id"
                " FROM quotes_fts AS f JOIN documents AS d ON d.id = f.document_id"
                " JOIN quotes AS q ON q.document_id = f.document_id AND q.ordinal = f.ordinal"
                " WHERE quotes_fts MATCH :q ORDER BY score DESC, f.document_id, f.ordinal LIMIT :limit"
            ),
            {"q": fts5_query(query), "limit": limit},
        )
    else:
        rows = connection.execute(
            sql(
                "SELECT q.document_id, q.ordinal, d.title, d.date, d.source,"
                " ts_headline('english', q.text, tq,"
                f"   'StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=40, MinWords=15, MaxFragments=1') AS snippet,"
                " ts_rank_cd(q.search, tq) AS score, q.speaker_id"
                " FROM quotes AS q JOIN documents AS d ON d.id = q.document_id,"
                " websearch_to_tsquery('english', :q) AS tq"
                " WHERE q.search @@ tq ORDER BY score DESC, q.document_id, q.ordinal LIMIT :limit"
            ),
            {"q": websearch_query(query), "limit": limit},
        )
    return [Hit("quote", r[0], int(r[1]), r[2], r[3], r[4], r[5], float(r[6]), r[7]) for r in rows]
