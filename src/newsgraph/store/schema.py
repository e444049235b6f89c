"""The tables of the corpus store, in SQLAlchemy Core, the same for SQLite and PostgreSQL.

Every key is deterministic: a document's id comes from the input (or a hash of its
text), the rows of one document's analysis are keyed by (document id, position in the
analysis), an actor by its id (a knowledge-base id or a name slug), an ingest error by a
hash of where it came from and what it said. There is no auto-increment id anywhere, so
two runs over the same input write the same rows whatever order they are interrupted in.

Dates are ISO text ("YYYY-MM-DD"), which sorts and compares the same in both databases.
`SCHEMA_VERSION` is the version this file describes (see `migrations.py`).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

SCHEMA_VERSION = 4

# Document statuses: what the ingest did with it.
ANALYSED = "analysed"
DUPLICATE = "duplicate"  # an exact or near copy of `duplicate_of`; not analysed again
NON_ENGLISH = "non_english"  # stored, not analysed
FAILED = "error"  # the analysis failed: `error` says why
STATUSES = (ANALYSED, DUPLICATE, NON_ENGLISH, FAILED)

metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("description", Text, nullable=False),
    Column("applied_at", String(32), nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", String, primary_key=True),
    Column("title", Text),
    Column("date", String(10)),
    Column("source", Text),
    Column("url", Text),
    Column("author", Text),
    Column("origin", Text),  # where the ingest read it: "dump.jsonl.gz:line 12"
    Column("language", String(16)),
    Column("language_confidence", Float),
    Column("status", String(16), nullable=False),
    Column("duplicate_of", String, ForeignKey("documents.id")),
    Column("similarity", Float),  # with `duplicate_of`: 1.0 for an exact copy
    Column("error", Text),
    Column("content_hash", String(64), nullable=False),  # sha256 of the text
    Column("chars", Integer, nullable=False),
    Column("words", Integer),  # words of the analysed text (analysed documents only)
    Column("repeated_chars", Integer),  # characters of passages the text repeats, analysed once (ingest/repeats.py)
    Column("text", Text, nullable=False),
    Column("ingested_at", String(32), nullable=False),  # wall-clock time: differs between runs
    Index("ix_documents_content_hash", "content_hash"),
    Index("ix_documents_duplicate_of", "duplicate_of"),
    Index("ix_documents_date", "date"),
    Index("ix_documents_status", "status"),
)
Index("ix_documents_newest", documents.c.date.desc(), documents.c.id)  # version 4: a page of the newest documents

# Duplicate detection: the exact key and the MinHash signature of every first copy, and
# its locality-sensitive-hashing band keys (a near copy shares at least one band key).
fingerprints = Table(
    "fingerprints",
    metadata,
    Column("document_id", String, ForeignKey("documents.id"), primary_key=True),
    Column("exact_key", String(32), nullable=False),
    Column("signature", LargeBinary, nullable=False),
    Column("numbers", Text, nullable=False),  # the text's distinct number tokens, space-separated
    Index("ix_fingerprints_exact_key", "exact_key"),
)

band_keys = Table(
    "band_keys",
    metadata,
    Column("band_key", BigInteger, primary_key=True, autoincrement=False),
    Column("document_id", String, ForeignKey("documents.id"), primary_key=True),
)

# One row per actor id across the corpus, as first met (input order); a state first
# met only as a place ("location") becomes a state when an article shows it acting.
actors = Table(
    "actors",
    metadata,
    Column("id", String, primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(32), nullable=False),
    Column("country", String(8)),
    Column("sector", String(32)),
    Column("kb_id", String),
    Column("first_document", String, ForeignKey("documents.id"), nullable=False),
    # version 4: totals over the articles (document_actors), kept by the writer, for the
    # actors mentioned most without a pass over every article's actors
    Column("mentions", Integer, nullable=False, server_default="0"),
    Column("documents", Integer, nullable=False, server_default="0"),
)
Index("ix_actors_mentions", actors.c.mentions.desc(), actors.c.id)

# Every name an actor was called by (its name, aliases, acronyms), for look-ups by name.
actor_names = Table(
    "actor_names",
    metadata,
    Column("actor_id", String, ForeignKey("actors.id"), primary_key=True),
    Column("name", Text, primary_key=True),
    Column("folded", Text, nullable=False),  # lower case, for case-blind look-up
    Index("ix_actor_names_folded", "folded"),
)

# The actor as one article saw it: its type that day, its roles, how often it is mentioned.
document_actors = Table(
    "document_actors",
    metadata,
    Column("document_id", String, ForeignKey("documents.id"), primary_key=True),
    Column("actor_id", String, ForeignKey("actors.id"), primary_key=True),
    Column("ordinal", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("type", String(32), nullable=False),
    Column("country", String(8)),
    Column("sector", String(32)),
    Column("kb_id", String),  # version 4: the actor's knowledge-base id as this article resolved it
    Column("roles", JSON, nullable=False),
    Column("aliases", JSON, nullable=False),
    Column("mentions", Integer, nullable=False),
    Index("ix_document_actors_actor", "actor_id"),
)

actor_roles = Table(
    "actor_roles",
    metadata,
    Column("actor_id", String, ForeignKey("actors.id"), primary_key=True),
    Column("document_id", String, ForeignKey("documents.id"), primary_key=True),
    Column("role", Text, primary_key=True),
    Column("date", String(10)),  # the article's date
    Index("ix_actor_roles_actor_date", "actor_id", "date"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("document_id", String, ForeignKey("documents.id"), primary_key=True),
    Column("ordinal", Integer, primary_key=True),
    Column("actor_id", String, ForeignKey("actors.id"), nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(32), nullable=False),
    # an actor's mentions with their spans, read from the index alone (quotes about an actor)
    Index("ix_mentions_actor_span", "actor_id", "document_id", "start_char", "end_char"),
)

quotes = Table(
    "quotes",
    metadata,
    Column("document_id", String, ForeignKey("documents.id"), primary_key=True),
    Column("ordinal", Integer, primary_key=True),
    Column("speaker_id", String),  # an actor id, or None for an unattributed quote
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("speaker_text", Text),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("cue_text", Text),
    Column("cue_type", String(16)),
    Column("kind", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("confidence", Float),
    Column("date", String(10)),  # the article's date
    Index("ix_quotes_speaker", "speaker_id"),
    Index("ix_quotes_date", "date"),
    Index("ix_quotes_span", "document_id", "start_char", "end_char"),  # the quotes around a mention
)
# version 4: a page of the newest quotes read from the index alone (PostgreSQL puts NULLs
# first in a descending index unless told; SQLite cannot be told, and puts them last)
Index("ix_quotes_newest", quotes.c.date.desc(), quotes.c.document_id, quotes.c.ordinal).ddl_if(dialect="sqlite")
Index("ix_quotes_newest_pg", quotes.c.date.desc().nulls_last(), quotes.c.document_id, quotes.c.ordinal).ddl_if(dialect="postgresql")

# Version 4: the actors mentioned inside each quote (a mention within the quote's span),
# with the quote's date, so that the newest quotes about an actor are an index range.
quote_actors = Table(
    "quote_actors",
    metadata,
    Column("document_id", String, ForeignKey("documents.id"), primary_key=True),
    Column("ordinal", Integer, primary_key=True),  # the quote's
    Column("actor_id", String, ForeignKey("actors.id"), primary_key=True),
    Column("date", String(10)),  # the quote's (the article's) date
    ForeignKeyConstraint(["document_id", "ordinal"], ["quotes.document_id", "quotes.ordinal"]),
)
Index("ix_quote_actors_newest", quote_actors.c.actor_id, quote_actors.c.date.desc(), quote_actors.c.document_id,
      quote_actors.c.ordinal).ddl_if(dialect="sqlite")
Index("ix_quote_actors_newest_pg", quote_actors.c.actor_id, quote_actors.c.date.desc().nulls_last(),
      quote_actors.c.document_id, quote_actors.c.ordinal).ddl_if(dialect="postgresql")

events = Table(
    "events",
    metadata,
    Column("document_id", String, ForeignKey("documents.id"), primary_key=True),
    Column("ordinal", Integer, primary_key=True),
    Column("type", String(32), nullable=False),
    Column("mode", String(32)),
    Column("quad_class", Integer),
    Column("intensity", Float),
    Column("cameo", String(8)),
    Column("goldstein", Float),
    Column("negated", Boolean, nullable=False),
    Column("modality", String(16)),
    Column("attributed_to", String),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("evidence_text", Text, nullable=False),
    Column("confidence", Float),
    # Where and when (issue 8 fills them; null until then).
    Column("location_name", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(8)),
    Column("admin1", Text),
    Column("geonames_id", Integer),
    Column("location", JSON),  # the location as the analysis gave it, whole
    Column("date", String(10)),  # the event's own date, when known
    Column("date_precision", String(16)),
    Column("date_source", String(16)),  # "text" (a time expression of the event) or "article" (the fallback)
    Column("day", String(10)),  # the first day of the event's date, else the article's: for filters
    Index("ix_events_day", "day"),
    Index("ix_events_type", "type"),
    Index("ix_events_attributed_to", "attributed_to"),
    # the network of the events located in a country, read without the wide event rows
    Index("ix_events_country", "country", "document_id", "ordinal", "negated", "quad_class", "goldstein"),
)

# Who did it (role "source") to whom (role "target"), in the order the event lists them.
event_actors = Table(
    "event_actors",
    metadata,
    Column("document_id", String, primary_key=True),
    Column("event_ordinal", Integer, primary_key=True),
    Column("role", String(8), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("actor_id", String, nullable=False),
    ForeignKeyConstraint(["document_id", "event_ordinal"], ["events.document_id", "events.ordinal"]),
    Index("ix_event_actors_actor", "actor_id", "role"),
)

# Two events of one article that contradict each other (positions in `events`).
contested = Table(
    "contested",
    metadata,
    Column("document_id", String, ForeignKey("documents.id"), primary_key=True),
    Column("ordinal", Integer, primary_key=True),
    Column("event_a", Integer, nullable=False),
    Column("event_b", Integer, nullable=False),
    Column("reason", Text, nullable=False),
)

# The places an analysis found (issue 8), kept whole.
places = Table(
    "places",
    metadata,
    Column("document_id", String, ForeignKey("documents.id"), primary_key=True),
    Column("ordinal", Integer, primary_key=True),
    Column("data", JSON, nullable=False),
)

# The actor network: events between two actors aggregated by day, quad class and type.
# Only asserted events count (not negated ones). `day` is "" when no date is known.
edges = Table(
    "edges",
    metadata,
    Column("source_id", String, primary_key=True),
    Column("target_id", String, primary_key=True),
    Column("day", String(10), primary_key=True),
    Column("quad_class", Integer, primary_key=True),
    Column("event_type", String(32), primary_key=True),
    Column("count", Integer, nullable=False),
    Column("goldstein_total", Float, nullable=False),
    Index("ix_edges_target", "target_id"),
    Index("ix_edges_day", "day"),
)

# Kept parses (`ingest --keep-parses`, version 4): the spaCy parse of an analysed document
# (`nlp.parses`), so that `newsgraph recode` runs the stages again without the parser.
# `coded_with` is the key of the resources (rules, lexicon, knowledge base, gazetteer) its
# stored analysis was made with, `analysis_hash` a hash of that analysis's rows.
parses = Table(
    "parses",
    metadata,
    Column("document_id", String, ForeignKey("documents.id"), primary_key=True),
    Column("model", Text, nullable=False),  # the spaCy pipeline: name and version
    Column("data", LargeBinary, nullable=False),
    Column("coded_with", String(64), nullable=False),
    Column("analysis_hash", String(64), nullable=False),
)

# Items the ingest could not use: a broken line, a page without text, a failed analysis.
ingest_errors = Table(
    "ingest_errors",
    metadata,
    Column("id", String(32), primary_key=True),  # a hash of origin and error
    Column("origin", Text, nullable=False),
    Column("document_id", String),
    Column("error", Text, nullable=False),
    Column("recorded_at", String(32), nullable=False),  # wall-clock time: differs between runs
)

# Columns that record when something happened, not what: they differ between any two
# runs and are left out when two stores are compared (`Store.canonical_dump`).
TIME_COLUMNS = {("documents", "ingested_at"), ("ingest_errors", "recorded_at"), ("schema_version", "applied_at")}

# The tables one document's analysis writes, parents first (deleted in reverse: a recode
# replaces them), and every table of one document.
ANALYSIS_TABLES = (document_actors, actor_roles, mentions, quotes, quote_actors, events, event_actors, contested, places)
DOCUMENT_TABLES = (fingerprints, band_keys, parses, *ANALYSIS_TABLES)
