"""The HTTP API against a real store (hand-built analyses + a real ingest), through
FastAPI's TestClient: answers, paging, filters, errors, the OpenAPI spec."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="pip install 'newsgraph[serve]'")

from fastapi.testclient import TestClient  # noqa: E402

from newsgraph.serve import ServeSettings, create_app  # noqa: E402


@pytest.fixture(scope="module")
def client(store_url):
    with TestClient(create_app(store_url, ServeSettings()), base_url="http://127.0.0.1:8000") as client:
        yield client


def ok(response):
    assert response.status_code == 200, response.text
    return response.json()


def test_info(client):
    info = ok(client.get("/api"))
    assert info["schema"] == "newsgraph/1"
    assert info["stats"]["documents"] == 7
    assert info["writes"] is True and info["token_required"] is False and info["ingest"] is False


def test_documents_page_by_page(client):
    first = ok(client.get("/api/documents", params={"limit": 3}))
    assert len(first["items"]) == 3 and first["next_offset"] == 3
    seen = [doc["id"] for doc in first["items"]]
    offset = first["next_offset"]
    while offset is not None:
        page = ok(client.get("/api/documents", params={"limit": 3, "offset": offset}))
        seen += [doc["id"] for doc in page["items"]]
        offset = page["next_offset"]
    assert len(seen) == len(set(seen)) == 7
    assert "text" not in first["items"][0]
    assert [d["id"] for d in ok(client.get("/api/documents", params={"since": "2023-08-01"}))["items"]] == ["hand-iran"]


@pytest.mark.parametrize("doc_id", ["hand-border", "hand-iran", "ingested-trade", "ingested-attack", "hostile-script"])
def test_document_detail_every_item_is_its_span(client, doc_id):
    doc = ok(client.get(f"/api/documents/{doc_id}"))
    text = doc["text"]
    assert doc["mentions"], "every test article names actors"
    for mention in doc["mentions"]:
        assert text[mention["start_char"]:mention["end_char"]] == mention["text"]
    for quote in doc["quotes"]:
        assert text[quote["start_char"]:quote["end_char"]] == quote["text"]
        if quote["cue_start"] is not None:
            assert text[quote["cue_start"]:quote["cue_end"]] == quote["cue_text"]
    for event in doc["events"]:
        assert text[event["evidence_start"]:event["evidence_end"]] == event["evidence_text"]


def test_document_not_found(client):
    response = client.get("/api/documents/no-such-document")
    assert response.status_code == 404
    assert "no-such-document" in response.json()["detail"]
    with_slash = client.get("/api/documents/feeds%2Fitem-1")  # ids from the input may hold a slash
    assert with_slash.status_code == 404 and "'feeds/item-1'" in with_slash.json()["detail"]


def test_actors_search_and_filters(client):
    names = [a["id"] for a in ok(client.get("/api/actors", params={"q": "jaish"}))["items"]]
    assert names == ["jaish-al-adl"]
    states = ok(client.get("/api/actors", params={"type": "state", "limit": 100}))["items"]
    assert states and all(a["type"] == "state" for a in states)
    assert {a["id"] for a in ok(client.get("/api/actors", params={"country": "irn", "limit": 100}))["items"]} >= {"iran", "karim-navabi"}
    page = ok(client.get("/api/actors", params={"limit": 2, "offset": 1}))
    assert page["offset"] == 1 and len(page["items"]) == 2


def test_actor_detail(client):
    actor = ok(client.get("/api/actors/Pakistan"))
    assert actor["id"] == "pakistan" and actor["type"] == "state"
    assert any(period["period"] == "2023-03" and period["conflict"] == 2 for period in actor["timeline"])
    assert {e["type"] for e in actor["did"]} >= {"AGREE", "ASSAULT"}
    assert {e["type"] for e in actor["done_to"]} >= {"ACCUSE", "SUPPORT"}
    assert actor["name_history"][0]["name"] == "Pakistan"
    assert actor["spoken_of"] == []  # only on request
    spoken = ok(client.get("/api/actors/Pakistan", params={"spoken_of": "true"}))["spoken_of"]
    assert "There was no shelling by Pakistan this week," in [q["text"] for q in spoken]
    assert all(q["speaker_id"] != "pakistan" for q in spoken)
    person = ok(client.get("/api/actors/karim-navabi"))
    assert person["roles"][0]["role"] == "foreign minister"
    assert [q["text"] for q in person["said"]] == ["No group will use our soil against a neighbour,"]
    years = ok(client.get("/api/actors/pakistan/timeline", params={"period": "year"}))
    assert [y["period"] for y in years] == ["2023"]
    assert client.get("/api/actors/nobody-at-all").status_code == 404


def test_quotes(client):
    by_speaker = ok(client.get("/api/quotes", params={"speaker": "Nadia Rahimi"}))["items"]
    assert [q["text"] for q in by_speaker] == ["Trade must flow again before the harvest,"]
    found = ok(client.get("/api/quotes", params={"q": "harvest"}))["items"]
    assert [q["document_id"] for q in found] == ["hand-border"]
    assert found[0]["speaker"] == "Nadia Rahimi" and found[0]["start_char"] < found[0]["end_char"]
    assert ok(client.get("/api/quotes", params={"q": "harvest", "speaker": "karim-navabi"}))["items"] == []
    assert ok(client.get("/api/quotes", params={"q": "harvest", "until": "2023-01"}))["items"] == []
    assert client.get("/api/quotes", params={"q": "harvest", "about": "pakistan"}).status_code == 400
    assert client.get("/api/quotes", params={"q": "!!!"}).status_code == 400


def test_events_filters(client):
    def types(**params):  # of the hand-built articles (the ingested ones have what the pipeline finds)
        found = ok(client.get("/api/events", params={"limit": 100, **params}))["items"]
        return sorted(e["type"] for e in found if e["document_id"].startswith("hand-"))

    assert types(actor="jaish al-adl") == ["ACCUSE", "ASSAULT"]
    assert types(source="china") == ["AID"]
    assert types(type="ASSAULT", include_negated="false") == ["ASSAULT", "ASSAULT"]
    assert types(quad_class=4, since="2023-08-01") == ["ASSAULT"]
    assert types(attributed_to="taliban") == ["ASSAULT"]
    assert types(country="IRN") == ["ASSAULT"]
    assert types(bbox="70,34,72,35.5") == ["ASSAULT", "ASSAULT"]  # Kunar, the shelling and its denial
    assert types(country="AFG", located="true") == types(country="AFG")
    event = ok(client.get("/api/events", params={"source": "china"}))["items"][0]
    assert event["location_name"] == "Kabul" and event["lat"] == pytest.approx(34.5281)
    assert event["source"] == [{"id": "china", "name": "China"}]


@pytest.mark.parametrize("params", [
    {"bbox": "1,2,3"}, {"bbox": "a,b,c,d"}, {"bbox": "0,80,10,70"}, {"bbox": "0,0,200,10"},
])
def test_events_bad_bbox(client, params):
    response = client.get("/api/events", params=params)
    assert response.status_code == 400
    assert "bbox" in response.json()["detail"]


@pytest.mark.parametrize("path, params", [
    ("/api/events", {"since": "yesterday"}),
    ("/api/events", {"limit": 501}),
    ("/api/events", {"limit": 0}),
    ("/api/events", {"offset": -1}),
    ("/api/events", {"quad_class": 9}),
    ("/api/events", {"type": "assault; drop table events"}),
    ("/api/actors", {"country": "Pakistan"}),
    ("/api/network", {"top": 10_001}),
    ("/api/search", {}),
    ("/api/search", {"q": "x" * 301}),
])
def test_bad_parameters_are_422_with_a_reason(client, path, params):
    response = client.get(path, params=params)
    assert response.status_code == 422, response.text
    assert response.json()["detail"]


def test_places(client):
    places = ok(client.get("/api/places"))
    assert {p["name"] for p in places} >= {"Kabul", "Kunar", "Islamabad", "Zahedan"}
    kabul = next(p for p in places if p["name"] == "Kabul")
    assert kabul["country"] == "AFG" and kabul["events"] >= 3
    assert {p["name"] for p in ok(client.get("/api/places", params={"quad_class": 4}))} >= {"Kunar", "Zahedan"}
    assert "Islamabad" not in {p["name"] for p in ok(client.get("/api/places", params={"country": "AFG"}))}


def test_network(client):
    graph = ok(client.get("/api/network"))
    ids = {node["id"] for node in graph["nodes"]}
    assert {"pakistan", "afghanistan", "iran", "jaish-al-adl", "china", "taliban"} <= ids
    for edge in graph["edges"]:
        assert edge["source"] in ids and edge["target"] in ids
        assert edge["weight"] == sum(edge["by_quad_class"].values())
    top = ok(client.get("/api/network", params={"top": 2}))
    assert top["truncated"] is True and len(top["nodes"]) == 2
    assert {n["id"] for n in top["nodes"]} == {e for edge in top["edges"] for e in (edge["source"], edge["target"])} or not top["edges"]
    conflict = ok(client.get("/api/network", params=[("quad_class", 3), ("quad_class", 4)]))
    assert all(edge["conflict"] == edge["weight"] for edge in conflict["edges"])
    # (the ingested articles add what the pipeline finds: the hand-built edges must be there)
    aid = ok(client.get("/api/network", params={"type": "AID"}))
    assert ("afghanistan", "china") in {(e["source"], e["target"]) for e in aid["edges"]}
    assert all(set(e["by_quad_class"]) == {"2"} for e in aid["edges"])
    in_iran = ok(client.get("/api/network", params={"event_country": "IRN"}))
    assert ("iran", "jaish-al-adl") in {(e["source"], e["target"]) for e in in_iran["edges"]}
    assert ("afghanistan", "china") not in {(e["source"], e["target"]) for e in in_iran["edges"]}
    assert client.get("/api/network", params={"type": "not a type"}).status_code == 400
    again = ok(client.get("/api/network"))  # the second answer comes from the cache: the same
    assert again == graph


def test_contested_across_articles(client):
    pairs = ok(client.get("/api/contested"))["items"]
    across = [p for p in pairs if p["scope"] == "across"]
    assert any({p["a"]["document_id"], p["b"]["document_id"]} == {"hand-border", "hand-denial"} for p in across)
    assert ok(client.get("/api/contested", params={"actor": "china"}))["items"] == []
    assert ok(client.get("/api/contested", params={"scope": "within"}))["items"] == [p for p in pairs if p["scope"] == "within"]


def test_search_everything(client):
    found = ok(client.get("/api/search", params={"q": "Pakistan"}))
    assert found["actors"][0]["id"] == "pakistan"
    assert {hit["document_id"] for hit in found["documents"]} >= {"hand-border", "hand-iran"}
    only_quotes = ok(client.get("/api/search", params={"q": "harvest", "kind": "quotes"}))
    assert [hit["document_id"] for hit in only_quotes["quotes"]] == ["hand-border"]
    assert only_quotes["documents"] == [] and only_quotes["actors"] == []
    assert "«" in only_quotes["quotes"][0]["snippet"]


@pytest.mark.parametrize("value", ["x' OR '1'='1", "\"; DROP TABLE documents; --", "%", "_", "\\", "«»", "a\u0000b"])
def test_hostile_query_values_are_only_data(client, value):
    for path in ("/api/actors", "/api/search"):
        response = client.get(path, params={"q": value})
        assert response.status_code in (200, 400), response.text
    assert client.get("/api/events", params={"actor": value}).status_code in (404, 400)
    assert ok(client.get("/api"))["stats"]["documents"] == 7


def test_openapi_spec_lists_every_endpoint(client):
    spec = ok(client.get("/api/openapi.json"))
    assert spec["openapi"].startswith("3.")
    paths = set(spec["paths"])
    assert {"/api", "/api/documents", "/api/documents/{document_id}", "/api/actors", "/api/actors/{actor}",
            "/api/actors/{actor}/timeline", "/api/quotes", "/api/events", "/api/places", "/api/network",
            "/api/contested", "/api/search", "/api/analyze"} <= paths
    assert "post" in spec["paths"]["/api/documents"] and "get" in spec["paths"]["/api/documents"]


def test_every_get_operation_survives_odd_values(client):
    """A small schemathesis-style sweep: each GET operation of the spec, each query
    parameter in turn given odd values, never a server error."""
    spec = ok(client.get("/api/openapi.json"))
    odd = ["", "0", "-1", "99999999999999999999", "2023-13-45", "'", "<script>", "ü" * 50, "1,2,3,4"]
    examples = {"{document_id}": "hand-border", "{actor}": "pakistan"}
    for path, operations in spec["paths"].items():
        if "get" not in operations:
            continue
        url = path
        for placeholder, value in examples.items():
            url = url.replace(placeholder, value)
        for parameter in operations["get"].get("parameters", []):
            if parameter["in"] != "query":
                continue
            for value in odd:
                params = {"q": "pakistan"} if path == "/api/search" and parameter["name"] != "q" else {}
                params[parameter["name"]] = value
                response = client.get(url, params=params)
                assert response.status_code < 500, (url, params, response.text)


def test_pages_are_the_app(client):
    for path in ("/", "/network", "/map", "/actors/pakistan", "/documents/hand-border", "/search?q=x"):
        response = client.get(path)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
        assert '<script type="module" src="/static/app.js"></script>' in response.text
    assert client.get("/nowhere").status_code == 404
    assert client.get("/static/app.js").headers["content-type"].split(";")[0] in ("text/javascript", "application/javascript")


def test_network_cache_and_no_cache(store_url, monkeypatch):
    from newsgraph.serve import api

    calls = []
    original = api.queries.network

    def counted(*args, **kwargs):
        calls.append(kwargs)
        return original(*args, **kwargs)

    monkeypatch.setattr(api.queries, "network", counted)
    with TestClient(create_app(store_url, ServeSettings(warm=False)), base_url="http://127.0.0.1:8000") as fresh_app:
        first = ok(fresh_app.get("/api/network", params={"top": 3}))
        assert ok(fresh_app.get("/api/network", params={"top": 3})) == first and len(calls) == 1
        assert ok(fresh_app.get("/api/network", params={"top": 3}, headers={"cache-control": "no-cache"})) == first
        assert len(calls) == 2
        ok(fresh_app.get("/api/network", params={"top": 4}))
        assert len(calls) == 3


def test_the_api_on_postgresql(tmp_path):
    """The same endpoints over a store on a real PostgreSQL server ($NEWSGRAPH_TEST_POSTGRES_URL)."""
    import os
    import uuid

    admin_url = os.environ.get("NEWSGRAPH_TEST_POSTGRES_URL")
    if not admin_url:
        pytest.skip("$NEWSGRAPH_TEST_POSTGRES_URL is not set: `export NEWSGRAPH_TEST_POSTGRES_URL=$(bash scripts/start-postgres.sh)`")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from .corpus import build_store

    base = make_url(admin_url).set(drivername="postgresql+psycopg")
    name = f"newsgraph_api_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        url = build_store(base.set(database=name).render_as_string(hide_password=False), ingest=False)
        with TestClient(create_app(url, ServeSettings()), base_url="http://127.0.0.1:8000") as pg:
            assert ok(pg.get("/api"))["stats"]["documents"] == 3
            assert ok(pg.get("/api/actors", params={"q": "jaish"}))["items"][0]["id"] == "jaish-al-adl"
            assert ok(pg.get("/api/actors/pakistan"))["timeline"][0]["period"] == "2023-03"
            assert [q["document_id"] for q in ok(pg.get("/api/quotes", params={"q": "harvest"}))["items"]] == ["hand-border"]
            assert ok(pg.get("/api/search", params={"q": "harvest"}))["quotes"][0]["document_id"] == "hand-border"
            assert len(ok(pg.get("/api/events", params={"bbox": "70,34,72,35.5"}))["items"]) == 2
            assert {p["name"] for p in ok(pg.get("/api/places"))} == {"Kabul", "Kunar", "Islamabad", "Zahedan"}
            assert len(ok(pg.get("/api/network"))["edges"]) == 5
            assert any(p["scope"] == "across" for p in ok(pg.get("/api/contested"))["items"])
            doc = ok(pg.get("/api/documents/hand-border"))
            assert all(doc["text"][m["start_char"]:m["end_char"]] == m["text"] for m in doc["mentions"])
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_first_answers_are_computed_at_start_up(store_url):
    import threading

    app = create_app(store_url, ServeSettings())
    with TestClient(app, base_url="http://127.0.0.1:8000") as warm_app:
        for thread in threading.enumerate():
            if thread.name == "newsgraph-warm":
                thread.join(timeout=60)
        keys = {key[0] for key in app.state.answers.answers}
        assert keys == {"network", "contested", "mentions"}
        assert ok(warm_app.get("/api"))["warming"] is False
        cached = ok(warm_app.get("/api/contested"))
        assert cached == ok(warm_app.get("/api/contested", headers={"cache-control": "no-cache"}))
        assert ok(warm_app.get("/api/contested", params={"limit": 1, "offset": 1}))["items"] == cached["items"][1:2]
