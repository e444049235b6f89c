"""FastAPI conventions kept: the spec at /openapi.json, offline interactive docs at /docs
(under the same CSP, every asset from this server), 422 for a date that is no calendar
date, `asserted_only` meaning asserted."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from newsgraph.serve import ServeSettings, create_app  # noqa: E402
from newsgraph.serve.security import CSP  # noqa: E402


@pytest.fixture(scope="module")
def client(store_url):
    with TestClient(create_app(store_url, ServeSettings(warm=False)), base_url="http://127.0.0.1:8000") as client:
        yield client


def test_spec_at_openapi_json_and_under_api(client):
    spec = client.get("/openapi.json")
    assert spec.status_code == 200 and spec.json()["openapi"].startswith("3.")
    assert client.get("/api/openapi.json").json() == spec.json()
    assert "/api/actors" in spec.json()["paths"]


def test_docs_page_is_offline_and_under_the_csp(client):
    page = client.get("/docs")
    assert page.status_code == 200 and page.headers["content-security-policy"] == CSP
    assert "<script>" not in page.text and "style=" not in page.text  # nothing inline
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert assets and all(url.startswith("/static/") or url.startswith("data:") for url in assets), assets
    for url in assets:
        if url.startswith("/static/"):
            assert client.get(url).status_code == 200, url
    script = client.get("/static/docs/docs.js").text
    assert "'/openapi.json'" in script and "validatorUrl: null" in script


@pytest.mark.parametrize("path", ["/api/events", "/api/quotes", "/api/documents", "/api/actors", "/api/network"])
@pytest.mark.parametrize("value", ["2023-13", "2023-02-30", "2023-00"])
def test_a_date_that_is_no_calendar_date_is_422(client, path, value):
    response = client.get(path, params={"since": value})
    assert response.status_code == 422, (path, response.text)
    assert "is not a date" in response.json()["detail"]


def test_a_real_date_is_accepted(client):
    assert client.get("/api/events", params={"since": "2023-03", "until": "2024-02-29"}).status_code == 200


def test_asserted_only_leaves_out_negated_future_and_hypothetical(client, store_url):
    from sqlalchemy import update

    from newsgraph.store import Store, schema

    everything = client.get("/api/events", params={"limit": 500}).json()["items"]
    assert any(event["negated"] for event in everything)
    # one asserted event made future, one hypothetical, straight in the store
    chosen = [event for event in everything if not event["negated"]][:2]
    store = Store.open(store_url, create=False)
    try:
        with store.engine.begin() as connection:
            for event, modality in zip(chosen, ("future", "hypothetical")):
                connection.execute(update(schema.events).where(
                    schema.events.c.document_id == event["document_id"], schema.events.c.ordinal == event["ordinal"],
                ).values(modality=modality))
        kept = client.get("/api/events", params={"limit": 500, "asserted_only": "true"}).json()["items"]
        assert kept and all(not event["negated"] and event["modality"] not in ("future", "hypothetical") for event in kept)
        assert len(kept) == len(everything) - sum(event["negated"] for event in everything) - 2
    finally:
        with store.engine.begin() as connection:
            for event in chosen:
                connection.execute(update(schema.events).where(
                    schema.events.c.document_id == event["document_id"], schema.events.c.ordinal == event["ordinal"],
                ).values(modality=event["modality"]))
        store.close()
