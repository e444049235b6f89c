"""An organization's voice: its spokespeople's and officials' quotes and acts found under
it (on by default for organizations, apart on its page), and look-ups by a word of a name
(a surname) that resolve to the one actor bearing it or list the candidates."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from newsgraph.cli import main  # noqa: E402
from newsgraph.serve import ServeSettings, create_app  # noqa: E402
from newsgraph.store import NotFound, Store  # noqa: E402
from newsgraph.store import queries  # noqa: E402
from newsgraph.store.queries import AmbiguousActor  # noqa: E402
from newsgraph.store.rows import analysis_rows  # noqa: E402

from .corpus import Builder  # noqa: E402

TEXT = (
    "PORTVILLE - The Harbour Workers Union called a strike on Monday. \"The cranes stop at noon,\" said "
    "Imran Qadir, the spokesman of the Harbour Workers Union. Bilal Qadir, the spokesman of the Harbour "
    "Workers Union Youth Wing, said the young dockers would march. The Harbour Workers Union Youth Wing "
    "blocked the port road. Imran Qadir accused the port authority of lying."
)


@pytest.fixture(scope="module")
def store_url(tmp_path_factory):
    b = Builder("union-strike", TEXT, title="Dockers strike", date="2024-05-06", source="Test Wire", url="https://example.org/strike")
    b.actor("harbour-workers-union", "Harbour Workers Union", "organization", None, [("Harbour Workers Union", 0)])
    b.actor("youth-wing", "Harbour Workers Union Youth Wing", "organization", None,
            [("Harbour Workers Union Youth Wing", 0), ("Harbour Workers Union Youth Wing", 1)])
    b.actor("imran-qadir", "Imran Qadir", "person", None, [("Imran Qadir", 0), ("Imran Qadir", 1)],
            roles=["spokesman of the Harbour Workers Union"])
    b.actor("bilal-qadir", "Bilal Qadir", "person", None, [("Bilal Qadir", 0)],
            roles=["spokesman of the Harbour Workers Union Youth Wing"])
    b.actor("port-authority", "port authority", "organization", None, [("port authority", 0)])
    b.quote("imran-qadir", "Imran Qadir", "said", "The cranes stop at noon,")
    b.event(["imran-qadir"], ["port-authority"], "ACCUSE", 3, "Imran Qadir accused the port authority of lying",
            goldstein=-2.0, date="2024-05-06")
    b.event(["harbour-workers-union"], ["port-authority"], "PROTEST", 3, "The Harbour Workers Union called a strike",
            goldstein=-4.0, date="2024-05-06")
    path = tmp_path_factory.mktemp("rollup") / "rollup.sqlite"
    store = Store.open(str(path))
    doc = b.analysis.document
    store.add_document({"id": doc.id, "title": doc.title, "date": doc.date, "source": doc.source, "url": doc.url,
                        "language": "en", "status": "analysed", "text": TEXT, "words": doc.words, "origin": "test"},
                       analysis=analysis_rows(b.analysis))
    store.close()
    return str(path)


@pytest.fixture(scope="module")
def client(store_url):
    with TestClient(create_app(store_url, ServeSettings(warm=False)), base_url="http://127.0.0.1:8000") as client:
        yield client


def test_members_are_the_people_whose_role_names_the_organization(store_url):
    with Store.open(store_url, create=False) as store, store.read() as connection:
        assert [m["id"] for m in queries.members(connection, "harbour-workers-union")] == ["imran-qadir"]
        assert [m["id"] for m in queries.members(connection, "youth-wing")] == ["bilal-qadir"]  # the longer name wins
        assert queries.members(connection, "port-authority") == []


def test_an_organizations_quotes_include_its_spokesman_by_default(client):
    rows = client.get("/api/quotes", params={"speaker": "Harbour Workers Union"}).json()["items"]
    assert [(row["speaker_id"], row["member"]) for row in rows] == [("imran-qadir", True)]
    assert client.get("/api/quotes", params={"speaker": "Harbour Workers Union", "include_members": "false"}).json()["items"] == []
    # a person's quotes are their own only
    assert [row["member"] for row in client.get("/api/quotes", params={"speaker": "imran-qadir"}).json()["items"]] == [False]


def test_an_organizations_acts_include_its_members_as_source(client):
    rows = client.get("/api/events", params={"actor": "harbour-workers-union"}).json()["items"]
    assert sorted((row["type"], row["member"]) for row in rows) == [("ACCUSE", True), ("PROTEST", False)]
    own = client.get("/api/events", params={"actor": "harbour-workers-union", "include_members": "false"}).json()["items"]
    assert [row["type"] for row in own] == ["PROTEST"]


def test_the_actor_page_shows_the_members_apart(client):
    profile = client.get("/api/actors/harbour-workers-union").json()
    assert profile["said"] == [] and [row["type"] for row in profile["did"]] == ["PROTEST"]
    assert [m["id"] for m in profile["members"]] == ["imran-qadir"]
    assert [row["text"] for row in profile["members_said"]] == ["The cranes stop at noon,"]
    assert [row["type"] for row in profile["members_did"]] == ["ACCUSE"]
    assert client.get("/api/actors/harbour-workers-union", params={"include_members": "false"}).json()["members"] == []


def test_a_surname_resolves_to_the_one_actor_or_lists_the_candidates(client, store_url):
    with Store.open(store_url, create=False) as store, store.read() as connection:
        assert queries.resolve_actor(connection, "Youth") == "youth-wing"
        with pytest.raises(AmbiguousActor) as ambiguous:
            queries.resolve_actor(connection, "qadir")
        assert {c["id"] for c in ambiguous.value.candidates} == {"imran-qadir", "bilal-qadir"}
        with pytest.raises(NotFound):
            queries.resolve_actor(connection, "Qadi")  # a part of a word is no name
    assert client.get("/api/actors/Imran").json()["id"] == "imran-qadir"
    answer = client.get("/api/actors/Qadir")
    assert answer.status_code == 404 and {c["id"] for c in answer.json()["candidates"]} == {"imran-qadir", "bilal-qadir"}
    assert "Imran Qadir (imran-qadir)" in answer.json()["detail"]


def test_cli_rolls_up_and_looks_up(store_url, capsys):
    assert main(["quotes", "--db", store_url, "--speaker", "Harbour Workers Union", "--json"]) == 0
    assert [row["speaker_id"] for row in json.loads(capsys.readouterr().out)] == ["imran-qadir"]
    assert main(["quotes", "--db", store_url, "--speaker", "Harbour Workers Union", "--no-include-members", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["actor", "Harbour Workers Union", "--db", store_url]) == 0
    out = capsys.readouterr().out
    assert "What its members said" in out and "Imran Qadir (spokesman of the Harbour Workers Union)" in out
    assert main(["actor", "Qadir", "--db", store_url]) == 1
    err = capsys.readouterr().err
    assert err.startswith("newsgraph: error: 'Qadir' names 2 actors") and "bilal-qadir" in err
