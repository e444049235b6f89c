"""The store on SQLite and on PostgreSQL: schema, migrations, writing, queries, search."""

from __future__ import annotations

import pytest
from corpus_helpers import add, army_analysis, denial_analysis, document_row, talks_analysis
from sqlalchemy import Column, Integer, inspect, text

from newsgraph.ingest.fingerprint import fingerprint
from newsgraph.store import NotFound, SearchError, Store, StoreError
from newsgraph.store import migrations, schema
from newsgraph.store.rows import analysis_rows


# ---------------------------------------------------------------- opening and migrations
def test_new_store_has_every_table_and_the_current_version(store):
    names = set(inspect(store.engine).get_table_names())
    assert {table.name for table in schema.metadata.sorted_tables} <= names
    assert store.version() == schema.SCHEMA_VERSION


def test_opening_again_changes_nothing(store_url):
    first = Store.open(store_url)
    add(first, army_analysis())
    before = first.canonical_dump()
    first.close()
    again = Store.open(store_url)
    assert again.canonical_dump() == before
    assert again.version() == schema.SCHEMA_VERSION
    again.close()


def test_migration_steps_run_in_order_once(store):
    def add_column(connection):
        connection.execute(text("ALTER TABLE documents ADD COLUMN reviewed INTEGER"))

    steps = [migrations.Migration(schema.SCHEMA_VERSION + 1, "documents.reviewed", add_column)]
    before = migrations.migrate(store.engine, latest=schema.SCHEMA_VERSION + 1, migrations=steps)
    assert before == schema.SCHEMA_VERSION
    columns = {column["name"] for column in inspect(store.engine).get_columns("documents")}
    assert "reviewed" in columns
    assert store.version() == schema.SCHEMA_VERSION + 1
    # Run again: nothing to do (the ALTER would fail if it ran twice).
    assert migrations.migrate(store.engine, latest=schema.SCHEMA_VERSION + 1, migrations=steps) == schema.SCHEMA_VERSION + 1


def test_a_version_1_store_is_upgraded_to_the_indexes_of_a_new_one(store_url):
    """Version 2 replaced the mentions' actor index by one with the spans and indexed the
    quotes' spans and the events' countries: a store made at version 1 (with data) gets
    exactly the new indexes."""
    def indexes(engine):
        found = inspect(engine)
        return {table: sorted((i["name"], tuple(i["column_names"])) for i in found.get_indexes(table))
                for table in ("mentions", "quotes", "events")}

    first = Store.open(store_url)
    add(first, army_analysis())
    wanted = indexes(first.engine)
    rows = {table: dump for table, dump in first.canonical_dump().items() if table != "schema_version"}
    with first.engine.begin() as connection:  # back to what version 1 had
        connection.execute(text("DROP INDEX ix_mentions_actor_span"))
        connection.execute(text("DROP INDEX ix_quotes_span"))
        connection.execute(text("DROP INDEX ix_events_country"))
        connection.execute(text("CREATE INDEX ix_mentions_actor ON mentions (actor_id)"))
        connection.execute(schema.schema_version.update().values(version=1))
    assert first.version() == 1 and indexes(first.engine) != wanted
    first.close()
    again = Store.open(store_url)  # opening migrates
    assert again.version() == schema.SCHEMA_VERSION
    assert indexes(again.engine) == wanted
    assert {table: dump for table, dump in again.canonical_dump().items() if table != "schema_version"} == rows
    again.close()


def test_a_missing_step_and_a_newer_store_are_refused(store):
    with pytest.raises(StoreError, match="no migration to schema version"):
        migrations.migrate(store.engine, latest=schema.SCHEMA_VERSION + 1, migrations=[])
    with pytest.raises(StoreError, match="newer than this newsgraph"):
        migrations.migrate(store.engine, latest=schema.SCHEMA_VERSION - 1)


def test_a_failed_step_leaves_the_store_at_the_last_good_version(store):
    def broken(connection):
        connection.execute(text("ALTER TABLE documents ADD COLUMN halfway INTEGER"))
        raise RuntimeError("step failed")

    with pytest.raises(RuntimeError):
        migrations.migrate(store.engine, latest=schema.SCHEMA_VERSION + 1,
                           migrations=[migrations.Migration(schema.SCHEMA_VERSION + 1, "broken", broken)])
    assert store.version() == schema.SCHEMA_VERSION
    assert "halfway" not in {column["name"] for column in inspect(store.engine).get_columns("documents")}


@pytest.mark.sqlite_only
def test_bad_urls_and_missing_stores_are_one_line_errors(tmp_path):
    """(URL checks happen before any server is reached: SQLite only.)"""
    with pytest.raises(StoreError, match="unsupported database"):
        Store.open("mysql://user@host/db")
    with pytest.raises(StoreError, match="no such store"):
        Store.open(tmp_path / "absent.sqlite", create=False)
    with pytest.raises(StoreError, match="is a folder"):
        Store.open(tmp_path)
    with pytest.raises(StoreError, match="in-memory"):
        Store.open("sqlite://")


@pytest.mark.sqlite_only
def test_sqlite_store_uses_wal_and_foreign_keys(store):
    """(SQLite settings.)"""
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_a_database_that_is_not_a_store_is_refused(store_url):
    from sqlalchemy import MetaData, Table, create_engine

    from newsgraph.store.engine import normalize_url

    engine = create_engine(normalize_url(store_url))
    meta = MetaData()
    Table("documents", meta, Column("x", Integer))
    meta.create_all(engine)
    engine.dispose()
    with pytest.raises(StoreError, match="not a newsgraph store"):
        Store.open(store_url)


# ---------------------------------------------------------------- writing
def test_a_document_is_written_whole_and_only_once(store):
    analysis = army_analysis()
    assert add(store, analysis) is True
    first = store.canonical_dump()
    assert len(first["documents"]) == 1
    assert len(first["mentions"]) == sum(len(actor.mentions) for actor in analysis.actors)
    assert len(first["events"]) == 2 and len(first["event_actors"]) == 4
    assert add(store, analysis) is False  # already there: nothing written
    assert store.canonical_dump() == first


def test_a_failing_write_leaves_nothing_behind(store):
    analysis = army_analysis()
    rows = analysis_rows(analysis)
    rows.mentions.append(dict(rows.mentions[0]))  # the same key twice: the insert fails
    with pytest.raises(Exception):
        store.add_document(document_row(analysis), analysis=rows)
    dump = store.canonical_dump()
    assert all(not dump[table] for table in ("documents", "actors", "mentions", "edges"))


def test_edges_add_up_by_day_pair_and_type(store):
    add(store, army_analysis("raid-1", "2024-03-04"))
    add(store, army_analysis("raid-2", "2024-03-04"))
    add(store, army_analysis("raid-3", "2024-03-06"))
    add(store, denial_analysis())  # its ASSAULT is negated: not an edge
    with store.read() as connection:
        rows = connection.execute(
            text("SELECT day, count, goldstein_total FROM edges WHERE source_id = 'pakistan' AND target_id = 'ttp' ORDER BY day")
        ).all()
    assert [tuple(row) for row in rows] == [("2024-03-04", 2, -20.0), ("2024-03-06", 1, -10.0)]


def test_actors_are_one_row_across_documents(store):
    add(store, army_analysis())  # Afghanistan only as a place here
    with store.read() as connection:
        assert connection.execute(text("SELECT type FROM actors WHERE id = 'afghanistan'")).scalar() == "location"
    add(store, talks_analysis())  # ... and acting as a state here
    with store.read() as connection:
        rows = connection.execute(text("SELECT id, type, first_document FROM actors ORDER BY id")).all()
    assert [tuple(row) for row in rows] == [
        ("afghanistan", "state", "army-raid"), ("ahmed-sharif", "person", "army-raid"),
        ("pakistan", "state", "army-raid"), ("ttp", "armed_group", "army-raid"),
    ]


def test_bad_items_are_recorded_once(store):
    assert store.add_error("feed.xml#3", "no article text") is True
    assert store.add_error("feed.xml#3", "no article text") is False
    assert store.add_error("feed.xml#4", "no article text") is True
    assert [row["origin"] for row in store.errors()] == ["feed.xml#3", "feed.xml#4"]


# ---------------------------------------------------------------- duplicates
def test_find_duplicate_exact_and_near(store):
    analysis = army_analysis()
    print_ = fingerprint(analysis.text)
    store.add_document(document_row(analysis), fingerprint=print_, analysis=analysis_rows(analysis))
    exact = store.find_duplicate(fingerprint(analysis.text.upper()))
    assert (exact.of, exact.kind, exact.similarity) == ("army-raid", "exact", 1.0)
    near = store.find_duplicate(fingerprint("ISLAMABAD: " + analysis.text.replace("Monday", "Monday evening")))
    assert near is not None and near.of == "army-raid" and near.kind == "near" and near.similarity >= 0.7
    assert store.find_duplicate(fingerprint(denial_analysis().text)) is None


# ---------------------------------------------------------------- queries
@pytest.fixture
def corpus(store):
    for analysis in (army_analysis(), denial_analysis(), talks_analysis()):
        add(store, analysis)
    return store


def test_top_actors_by_mentions(corpus):
    top = corpus.actors(limit=3)
    assert [row["id"] for row in top] == ["pakistan", "afghanistan", "ttp"]  # 4, 3, 3: ties by id
    assert top[0]["mentions"] == 4 and top[0]["documents"] == 3
    assert [row["id"] for row in corpus.actors(type="person")] == ["ahmed-sharif"]
    assert [row["id"] for row in corpus.actors(since="2024-05-01")] == ["afghanistan", "ahmed-sharif", "pakistan"]


def test_actor_names_resolve_by_id_name_alias_and_slug(corpus):
    assert corpus.resolve_actor("ttp") == "ttp"
    assert corpus.resolve_actor("TTP") == "ttp"
    assert corpus.resolve_actor("tehreek-e-taliban pakistan") == "ttp"
    assert corpus.resolve_actor("Ahmed  Sharif") == "ahmed-sharif"
    with pytest.raises(NotFound, match="did you mean: Pakistan"):
        corpus.resolve_actor("Pakist")


def test_actor_profile(corpus):
    profile = corpus.actor("Ahmed Sharif")
    assert [(r["role"], r["first"], r["last"]) for r in profile["roles"]] == [
        ("army spokesman", "2024-03-04", "2024-03-04"), ("senior adviser", "2024-05-10", "2024-05-10"),
    ]
    assert [q["text"] for q in profile["said"]] == [
        "both sides agreed to reopen the crossing", "The operation will go on until the last militant is gone,",
    ]
    pakistan = corpus.actor("Pakistan")
    assert {(e["type"], tuple(t["id"] for t in e["target"])) for e in pakistan["did"]} == {
        ("ASSAULT", ("ttp",)), ("CONSULT", ("afghanistan",)), ("AGREE", ("afghanistan", "pakistan")),
    }
    assert {e["type"] for e in pakistan["done_to"]} == {"ACCUSE", "REJECT", "AGREE"}
    partners = {p["actor_id"]: p for p in pakistan["partners"]}
    assert partners["ttp"]["events"] == 2 and partners["ttp"]["by_quad_class"] == {"3": 1, "4": 1}
    # who spoke of the TTP: nobody but the TTP itself quotes it here
    assert corpus.actor("ttp")["spoken_of"] == []


def test_quotes_filters(corpus):
    assert [q["document_id"] for q in corpus.quotes(speaker="ttp")] == ["ttp-denial"]
    assert corpus.quotes(about="Pakistan") == []  # no quote names Pakistan inside it
    assert [q["document_id"] for q in corpus.quotes(speaker="Ahmed Sharif", since="2024-04-01")] == ["border-talks"]
    assert [q["document_id"] for q in corpus.quotes(until="2024-03")] == ["ttp-denial", "army-raid"]


def test_events_filters(corpus):
    assert len(corpus.events()) == 7
    assert {(e["document_id"], e["ordinal"]) for e in corpus.events(source="ttp")} == {("ttp-denial", 1)}
    assert {e["type"] for e in corpus.events(actor="ttp")} == {"ASSAULT", "REJECT"}
    assert [e["type"] for e in corpus.events(quad_class=4, include_negated=False)] == ["ASSAULT"]
    assert {e["document_id"] for e in corpus.events(attributed_to="TTP")} == {"ttp-denial"}
    assert {e["type"] for e in corpus.events(since="2024-05-01", until="2024-05-31")} == {"CONSULT", "AGREE"}
    assert {e["type"] for e in corpus.events(type="AGREE", target="Pakistan")} == {"AGREE"}
    located = corpus.events(type="CONSULT")[0]
    assert (located["location_name"], located["lat"], located["geonames_id"]) == ("Islamabad", 33.72, 1176615)


def test_contested_within_and_across_articles(corpus):
    """Across articles, the event stage's own test decides (`extract.contested.contradiction`)."""
    found = corpus.contested()
    pairs = {(item["scope"], item["a"]["document_id"], item["a"]["type"], item["b"]["document_id"], item["b"]["type"])
             for item in found}
    assert pairs == {
        ("within", "border-talks", "AGREE", "border-talks", "AGREE"),
        # the army tells of a raid, the TTP tells it did not happen
        ("across", "army-raid", "ASSAULT", "ttp-denial", "ASSAULT"),
        # Kabul accuses Pakistan, the TTP rejects what is said about Pakistan
        ("across", "army-raid", "ACCUSE", "ttp-denial", "REJECT"),
    }
    raid = next(item for item in found if item["scope"] == "across" and item["a"]["type"] == "ASSAULT")
    assert raid["reason"] == "pakistan and ttp disagree on whether it happened"
    assert raid["a"]["negated"] is False and raid["b"]["negated"] is True
    assert raid["a"]["url"] == "https://example.org/army-raid" and raid["b"]["publication"] == "Other Post"
    assert raid["b"]["attributed_to_name"] == "Tehreek-e-Taliban Pakistan"
    assert [item["scope"] for item in corpus.contested(actor="ttp")] == ["across", "across"]
    assert [item["scope"] for item in corpus.contested(actor="afghanistan", across=False)] == ["within"]
    assert corpus.contested(since="2024-06-01") == []


def test_contested_across_articles_respects_the_day_window(store):
    add(store, army_analysis("raid-early", "2024-01-01"))
    add(store, denial_analysis("denial-late", "2024-03-01"))
    assert store.contested() == []


def test_full_text_search_over_articles_and_quotes(corpus):
    hits = corpus.search("raided hideouts")
    assert [hit.document_id for hit in hits["documents"]] and {hit.document_id for hit in hits["documents"]} == {"army-raid", "ttp-denial"}
    assert "«" in hits["documents"][0].snippet
    assert {hit.document_id for hit in corpus.search("raid")["documents"]} >= {"army-raid", "ttp-denial"}  # stemmed
    assert [hit.document_id for hit in corpus.search('"border town"')["documents"]] == ["army-raid"]
    assert [hit.document_id for hit in corpus.search("hideouts -Kabul")["documents"]] == ["ttp-denial"]
    assert {hit.document_id for hit in corpus.search("Torkham OR Kabul")["documents"]} == {"army-raid", "border-talks"}
    quotes = corpus.search("soldier positions", kinds=("quotes",))["quotes"]
    assert [(hit.document_id, hit.ordinal, hit.speaker) for hit in quotes] == [("ttp-denial", 0, "Tehreek-e-Taliban Pakistan")]
    with pytest.raises(SearchError):
        corpus.search(" -- ")


def test_duplicates_are_not_searched(store):
    analysis = army_analysis()
    add(store, analysis)
    store.add_document(document_row(army_analysis("raid-copy"), status="duplicate", duplicate_of="army-raid", similarity=1.0))
    assert [hit.document_id for hit in store.search("hideouts")["documents"]] == ["army-raid"]


def test_document_and_stats(corpus):
    doc = corpus.document("border-talks")
    assert doc["title"] == "Border talks" and len(doc["events"]) == 3 and len(doc["actors"]) == 3
    stats = corpus.stats()
    assert stats["documents"] == 3 and stats["by_status"]["analysed"] == 3 and stats["events"] == 7
    with pytest.raises(NotFound):
        corpus.document("nope")


def test_contested_across_articles_needs_dates(store):
    """Two undated reports in different articles cannot be told to be about one matter."""
    add(store, army_analysis("raid-undated", None))
    add(store, denial_analysis("denial-undated", None))
    assert [item for item in store.contested() if item["scope"] == "across"] == []


def test_a_contest_told_again_is_reported_once(store):
    add(store, army_analysis("raid-first", "2024-01-01"))
    add(store, army_analysis("raid-again", "2024-01-02"))
    add(store, denial_analysis("denial", "2024-01-02"))
    raids = [item for item in store.contested() if item["scope"] == "across" and item["a"]["type"] == "ASSAULT"]
    assert [{item["a"]["document_id"], item["b"]["document_id"]} for item in raids] == [{"raid-again", "denial"}]
