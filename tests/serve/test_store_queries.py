"""The store queries the HTTP API needs (offsets, name search, places, timeline, network),
on a store written by the store's own writer from hand-built analyses (tests/serve/corpus.py)."""

from __future__ import annotations

import os
import uuid

import pytest

from newsgraph.store import NotFound, Store, queries

from .corpus import build_store


POSTGRES_ENV = "NEWSGRAPH_TEST_POSTGRES_URL"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store(request, tmp_path_factory):
    """The same store on SQLite and on a real PostgreSQL server ($NEWSGRAPH_TEST_POSTGRES_URL,
    from `scripts/start-postgres.sh`), in a database of its own, dropped afterwards."""
    if request.param == "sqlite":
        url = build_store(tmp_path_factory.mktemp("queries") / "hand.sqlite", ingest=False)
        with Store.open(url, create=False) as opened:
            yield opened
        return
    admin_url = os.environ.get(POSTGRES_ENV)
    if not admin_url:
        pytest.skip(f"${POSTGRES_ENV} is not set: `export {POSTGRES_ENV}=$(bash scripts/start-postgres.sh)` "
                    "runs these queries on PostgreSQL too")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = make_url(admin_url).set(drivername="postgresql+psycopg")
    name = f"newsgraph_serve_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        url = build_store(base.set(database=name).render_as_string(hide_password=False), ingest=False)
        with Store.open(url, create=False) as opened:
            yield opened
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def run(store, function, *args, **kwargs):
    with store.read() as connection:
        return function(connection, *args, **kwargs)


def test_actors_by_name_and_offset(store):
    everyone = run(store, queries.actors, limit=100)
    assert [row["id"] for row in everyone][:2] == ["pakistan", "afghanistan"]
    assert run(store, queries.actors, limit=2, offset=1) == everyone[1:3]
    assert [row["id"] for row in run(store, queries.actors, name="afghan")] == ["afghanistan"]
    # aliases count: "Iranian border guards" is a name of Iran
    assert [row["id"] for row in run(store, queries.actors, name="BORDER guards")] == ["iran"]
    assert run(store, queries.actors, name="100%_") == []


def test_quotes_carry_offsets_and_page(store):
    found = run(store, queries.quotes, limit=10)
    assert len(found) == 3
    for quote in found:
        text = store.document(quote["document_id"])["text"]
        assert text[quote["start_char"]:quote["end_char"]] == quote["text"]
        assert text[quote["speaker_start"]:quote["speaker_end"]] == quote["speaker_text"]
        assert text[quote["cue_start"]:quote["cue_end"]] == quote["cue_text"]
    assert run(store, queries.quotes, limit=1, offset=2) == found[2:]


def test_quotes_about_an_actor(store):
    about = run(store, queries.quotes, about="Pakistan")
    assert [quote["text"] for quote in about] == ["There was no shelling by Pakistan this week,"]
    assert run(store, queries.quotes, about="pakistan", speaker="nadia-rahimi") == []
    assert run(store, queries.quotes, about="china") == []  # mentioned, but outside every quote


def test_events_of_an_actor_by_role(store):
    did = run(store, queries.events, source="pakistan", limit=50)
    assert sorted(event["type"] for event in did) == ["AGREE", "ASSAULT", "ASSAULT"]
    done_to = run(store, queries.events, target="pakistan", limit=50)
    assert sorted(event["type"] for event in done_to) == ["ACCUSE", "AGREE", "CONSULT", "SUPPORT"]
    either = run(store, queries.events, actor="pakistan", limit=50)
    assert len(either) == 6  # AGREE has it on both sides: listed once
    assert [event["ordinal"] for event in run(store, queries.events, actor="pakistan", limit=2, offset=1)] == [
        event["ordinal"] for event in either[1:3]]


def test_events_by_place(store):
    in_afghanistan = run(store, queries.events, country="afg", limit=50)
    assert {event["location_name"] for event in in_afghanistan} == {"Kabul", "Kunar"}
    assert len(in_afghanistan) == 5
    box = run(store, queries.events, bbox=(60.0, 29.0, 61.5, 30.0), limit=50)
    assert [event["evidence_text"] for event in box] == ["Iranian border guards clashed with Jaish al-Adl fighters near Zahedan"]
    unlocated = run(store, queries.events, located=False, limit=50)
    assert len(unlocated) == 2 and all(event["lat"] is None for event in unlocated)
    assert run(store, queries.events, limit=3, offset=3) == run(store, queries.events, limit=50)[3:6]
    # a box across the antimeridian holds nothing of ours
    assert run(store, queries.events, bbox=(170.0, -10.0, -170.0, 10.0)) == []


def test_event_places_group_and_count(store):
    places = run(store, queries.event_places)
    by_name = {place["name"]: place for place in places}
    assert set(by_name) == {"Kabul", "Kunar", "Islamabad", "Zahedan"}
    assert by_name["Kabul"]["events"] == 3
    assert by_name["Kabul"]["cooperation"] == 2 and by_name["Kabul"]["conflict"] == 1
    assert places[0]["name"] == "Kabul"  # most events first
    only_conflict = run(store, queries.event_places, quad_class=4)
    assert {place["name"] for place in only_conflict} == {"Kunar", "Zahedan"}
    assert {place["name"] for place in run(store, queries.event_places, actor="China")} == {"Kabul"}


def test_actor_timeline(store):
    months = run(store, queries.actor_timeline, "Pakistan")
    assert [month["period"] for month in months] == ["2023-03", "2023-08"]
    # March: AGREE both ways (2 edges), SUPPORT from the Taliban, ASSAULT and ACCUSE; the
    # denied shelling (negated) is not counted
    assert months[0]["cooperation"] == 3 and months[0]["conflict"] == 2
    assert months[1] == {"period": "2023-08", "cooperation": 1, "conflict": 0, "by_quad_class": {"1": 1}}
    assert [day["period"] for day in run(store, queries.actor_timeline, "pakistan", period="day")] == [
        "2023-03-14", "2023-03-16", "2023-08-20"]
    assert run(store, queries.actor_timeline, "pakistan", undated=True) == months  # every event here is dated
    with pytest.raises(ValueError):
        run(store, queries.actor_timeline, "pakistan", period="week")
    with pytest.raises(NotFound):
        run(store, queries.actor_timeline, "nobody at all")


def test_name_history(store):
    history = run(store, queries.actor_name_history, "Pakistan")
    assert history == [{"name": "Pakistan", "first": "2023-03-14", "last": "2023-08-20", "documents": 3}]


def test_network(store):
    graph = run(store, queries.network)
    pairs = {(edge["source"], edge["target"]): edge for edge in graph["edges"]}
    assert set(pairs) == {("afghanistan", "pakistan"), ("pakistan", "taliban"), ("iran", "pakistan"),
                          ("iran", "jaish-al-adl"), ("afghanistan", "china")}
    border = pairs[("afghanistan", "pakistan")]
    assert border["weight"] == 4 and border["cooperation"] == 2 and border["conflict"] == 2
    assert [node["id"] for node in graph["nodes"]][0] == "pakistan"  # most mentions first
    ids = {node["id"] for node in graph["nodes"]}
    assert ids == {"pakistan", "afghanistan", "taliban", "iran", "jaish-al-adl", "china"}

    directed = run(store, queries.network, directed=True)
    assert {(e["source"], e["target"]) for e in directed["edges"]} >= {("afghanistan", "pakistan"), ("pakistan", "afghanistan")}

    assert graph["truncated"] is False
    top2 = run(store, queries.network, top=2)
    assert top2["truncated"] is True
    assert [node["id"] for node in top2["nodes"]] == ["pakistan", "afghanistan"]
    assert [node["weight"] for node in top2["nodes"]] == [4, 4]  # only the edges kept count
    assert [(e["source"], e["target"]) for e in top2["edges"]] == [("afghanistan", "pakistan")]

    assert {(e["source"], e["target"]) for e in run(store, queries.network, min_weight=2)["edges"]} == {
        ("afghanistan", "pakistan"), ("iran", "jaish-al-adl")}
    conflict = run(store, queries.network, quad_classes=[3, 4])
    assert {(e["source"], e["target"]) for e in conflict["edges"]} == {("afghanistan", "pakistan"), ("iran", "jaish-al-adl")}
    aid = run(store, queries.network, types=["AID"])
    assert [(e["source"], e["target"]) for e in aid["edges"]] == [("afghanistan", "china")]
    august = run(store, queries.network, since="2023-08", until="2023-08")
    assert {(e["source"], e["target"]) for e in august["edges"]} == {("iran", "pakistan"), ("iran", "jaish-al-adl")}
    chinese = run(store, queries.network, actor_country="chn")
    assert [(e["source"], e["target"]) for e in chinese["edges"]] == [("afghanistan", "china")]
    in_iran = run(store, queries.network, event_country="IRN")
    assert [(e["source"], e["target"], e["weight"]) for e in in_iran["edges"]] == [("iran", "jaish-al-adl", 1)]
    in_afghanistan = run(store, queries.network, event_country="AFG")
    assert {(e["source"], e["target"]) for e in in_afghanistan["edges"]} == {
        ("afghanistan", "pakistan"), ("pakistan", "taliban"), ("afghanistan", "china")}


def test_documents_and_document_detail(store):
    listed = run(store, queries.documents)
    assert [row["id"] for row in listed] == ["hand-iran", "hand-denial", "hand-border"]
    assert "text" not in listed[0]
    assert run(store, queries.documents, limit=1, offset=1)[0]["id"] == "hand-denial"
    assert [row["id"] for row in run(store, queries.documents, since="2023-08-01")] == ["hand-iran"]
    detail = store.document("hand-border")
    assert len(detail["mentions"]) == 10
    for mention in detail["mentions"]:
        assert detail["text"][mention["start_char"]:mention["end_char"]] == mention["text"]
    assert detail["contested"] == []


def test_timeline_of_undated_events(tmp_path):
    from newsgraph.store.rows import analysis_rows

    from .corpus import Builder

    text = "Iran and Iraq signed a water agreement, the ministry said."
    b = Builder("undated", text, title="Water", date=None, source="Newsgraph Test Wire", url="https://example.org/water")
    b.actor("iran", "Iran", "state", "IRN", [("Iran", 0)])
    b.actor("iraq", "Iraq", "state", "IRQ", [("Iraq", 0)])
    b.event(["iran"], ["iraq"], "AGREE", 1, "Iran and Iraq signed a water agreement", goldstein=2.5)
    url = str(tmp_path / "undated.sqlite")
    with Store.open(url) as opened:
        opened.add_document({"id": "undated", "title": "Water", "status": "analysed", "text": text, "words": 10},
                            analysis=analysis_rows(b.analysis))
        with opened.read() as connection:
            assert queries.actor_timeline(connection, "iran") == []
            assert queries.actor_timeline(connection, "iran", undated=True) == [
                {"period": "", "cooperation": 1, "conflict": 0, "by_quad_class": {"1": 1}}]
            assert queries.actor_timeline(connection, "iran", undated=True, since="2020") == []


def test_mention_totals_one_pass_or_by_index_agree(store):
    with store.read() as connection:
        ids = [row["id"] for row in queries.actors(connection, limit=100)]
        by_index = dict(queries.mention_totals(connection, ids))
        one_pass = dict(queries.mention_totals(connection, ids + [f"nobody-{i}" for i in range(1001)]))
    assert by_index["pakistan"] == 9 and set(by_index) == set(ids)
    assert {actor_id: one_pass[actor_id] for actor_id in ids} == by_index
    with store.read() as connection:
        every = dict(queries.mention_totals(connection))
        assert {actor_id: every[actor_id] for actor_id in ids} == by_index
        assert queries.network(connection, mentions=every) == queries.network(connection)
