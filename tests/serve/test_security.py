"""Security of the HTTP server: headers, size limits, host check, and who may use the
write endpoints (analyze, ingest)."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

pytest.importorskip("fastapi", reason="pip install 'newsgraph[serve]'")

import httpx  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from newsgraph.serve import ServeSettings, create_app  # noqa: E402
from newsgraph.serve.security import CSP, is_loopback  # noqa: E402

from .conftest import free_port  # noqa: E402
from .corpus import build_store  # noqa: E402

TOKEN = "a-test-token-of-some-length"
ARTICLE = {"text": "ISLAMABAD - Pakistan and Iran agreed on Monday to open a new border market, officials said.",
           "title": "A border market", "date": "2023-05-08"}


LOCAL_PEER = ("127.0.0.1", 50000)


def client_for(store_url, base_url="http://127.0.0.1:8000", client=LOCAL_PEER, **settings):
    """A test client; its requests come from `client` (a program on this machine by default)."""
    return TestClient(create_app(store_url, ServeSettings(**settings)), base_url=base_url, client=client)


@pytest.fixture(scope="module")
def local(store_url):
    with client_for(store_url) as client:
        yield client


def test_security_headers_everywhere(local):
    for path in ("/", "/documents/hand-border", "/api", "/api/events", "/static/app.js", "/api/nothing-here"):
        response = local.get(path)
        assert response.headers["content-security-policy"] == CSP, path
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"] == "no-referrer"
    assert "'unsafe-inline'" not in CSP and "'unsafe-eval'" not in CSP
    assert "script-src 'self'" in CSP and "default-src 'none'" in CSP
    assert local.get("/api").headers["cache-control"] == "no-store"


def test_no_inline_script_or_style_in_the_page(local):
    page = local.get("/").text
    assert "<script>" not in page and "<style" not in page and " style=" not in page and "onload=" not in page


def test_host_must_name_this_server_on_localhost(local):
    assert local.get("/api", headers={"host": "localhost:8000"}).status_code == 200
    assert local.get("/api", headers={"host": "[::1]:8000"}).status_code == 200
    response = local.get("/api", headers={"host": "attacker.example:8000"})
    assert response.status_code == 421 and "attacker.example" in response.json()["detail"]


def test_long_query_is_414(local):
    response = local.get("/api/events", params={"actor": "x" * 5000})
    assert response.status_code == 414


def test_large_body_is_413(store_url):
    with client_for(store_url, max_body=10_000) as client:
        declared = client.post("/api/analyze", content=b"{" + b" " * 20_000 + b"}", headers={"content-type": "application/json"})
        assert declared.status_code == 413

        def chunks():  # no Content-Length: the limit counts the bytes as they come
            for _ in range(30):
                yield b" " * 1000

        streamed = client.post("/api/analyze", content=chunks(), headers={"content-type": "application/json"})
        assert streamed.status_code == 413


def test_text_over_the_analyze_limit_is_413(store_url):
    with client_for(store_url, max_analyze_chars=100) as client:
        response = client.post("/api/analyze", json={"text": "Pakistan. " * 20})
        assert response.status_code == 413 and "limit" in response.json()["detail"]


def test_get_endpoints_refuse_writes(local):
    assert local.post("/api/events", json={}).status_code == 405
    assert local.delete("/api/documents/hand-border").status_code == 405


def test_analyze_on_localhost_without_token(local):
    analysis = local.post("/api/analyze", json=ARTICLE).json()
    assert analysis["schema"] == "newsgraph/1" and analysis["text"] == ARTICLE["text"]
    assert {actor["id"] for actor in analysis["actors"]} >= {"pakistan", "iran"}
    for actor in analysis["actors"]:
        for mention in actor["mentions"]:
            assert ARTICLE["text"][mention["start"]:mention["end"]] == mention["text"]


def test_analyze_input_is_checked(local):
    assert local.post("/api/analyze", json={"text": ""}).status_code == 422
    assert local.post("/api/analyze", json={"text": "x", "date": "someday"}).status_code == 422
    assert local.post("/api/analyze", json={"text": "x", "evil": 1}).status_code == 422
    assert local.post("/api/analyze", content=json.dumps(ARTICLE), headers={"content-type": "text/plain"}).status_code == 415
    binary = local.post("/api/analyze", json={"text": "\x00\x01\x02" * 100})
    assert binary.status_code == 400 and "binary" in binary.json()["detail"]


def test_cross_site_requests_cannot_write(local):
    refused = local.post("/api/analyze", json=ARTICLE, headers={"origin": "https://attacker.example"})
    assert refused.status_code == 403 and "another site" in refused.json()["detail"]
    assert local.post("/api/analyze", json=ARTICLE, headers={"origin": "null"}).status_code == 403
    assert local.post("/api/analyze", json=ARTICLE, headers={"sec-fetch-site": "cross-site"}).status_code == 403


def test_token_when_one_is_set(store_url):
    with client_for(store_url, token=TOKEN) as client:
        missing = client.post("/api/analyze", json=ARTICLE)
        assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
        assert client.post("/api/analyze", json=ARTICLE, headers={"authorization": "Bearer wrong-token"}).status_code == 401
        assert client.post("/api/analyze", json=ARTICLE, headers={"authorization": f"Basic {TOKEN}"}).status_code == 401
        assert client.post("/api/analyze", json=ARTICLE, headers={"authorization": f"Bearer {TOKEN}"}).status_code == 200
        assert client.get("/api").json()["token_required"] is True
        assert client.get("/api/events").status_code == 200  # reading needs no token


def test_beyond_localhost_writes_need_a_token(store_url):
    with client_for(store_url, host="0.0.0.0", base_url="http://news.example.org") as client:
        refused = client.post("/api/analyze", json=ARTICLE)
        assert refused.status_code == 403 and "--token" in refused.json()["detail"]
        assert client.get("/api").json()["writes"] is False
        assert client.get("/api/actors").status_code == 200  # any Host is fine beyond localhost
    with client_for(store_url, host="0.0.0.0", token=TOKEN, base_url="http://news.example.org") as client:
        assert client.post("/api/analyze", json=ARTICLE).status_code == 401
        assert client.post("/api/analyze", json=ARTICLE, headers={"authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_ingest_only_when_writable(tmp_path, store_url, local):
    refused = local.post("/api/documents", json={**ARTICLE, "id": "new-article"})
    assert refused.status_code == 403 and "--writable" in refused.json()["detail"]
    url = build_store(tmp_path / "writable.sqlite", ingest=False)
    with client_for(url, writable=True) as client:
        added = client.post("/api/documents", json={**ARTICLE, "id": "new-article"})
        assert added.status_code == 200, added.text
        assert added.json()["status"] == "analysed"
        document = client.get("/api/documents/new-article").json()
        assert document["title"] == "A border market" and document["mentions"]
        again = client.post("/api/documents", json={**ARTICLE, "id": "new-article"}).json()
        assert again["status"] == "already_stored"


PROXIED = [{"x-forwarded-for": "203.0.113.7"}, {"forwarded": "for=203.0.113.7;proto=https"}, {"x-real-ip": "203.0.113.7"},
           {"x-forwarded-for": "127.0.0.1"}, {"via": "1.1 proxy.example"}]


@pytest.mark.parametrize("headers", PROXIED, ids=lambda headers: next(iter(headers)))
def test_behind_a_proxy_on_this_machine_writes_need_the_token(tmp_path, headers):
    """The documented proxy set-up: the server on loopback, the proxy's name allowed. The
    proxy connects from loopback, so only its headers tell that the client is elsewhere."""
    url = build_store(tmp_path / "proxied.sqlite", ingest=False)
    proxied = {"host": "news.example.org", **headers}
    with client_for(url, writable=True, allowed_hosts={"news.example.org"}) as client:
        assert client.get("/api/actors", headers=proxied).status_code == 200  # reading is open
        analyze = client.post("/api/analyze", json=ARTICLE, headers=proxied)
        assert analyze.status_code == 403 and "--token" in analyze.json()["detail"]
        stored = client.post("/api/documents", json={**ARTICLE, "id": "via-proxy"}, headers=proxied)
        assert stored.status_code == 403
        assert client.get("/api/documents/via-proxy").status_code == 404
        direct = client.post("/api/documents", json={**ARTICLE, "id": "direct"})  # no proxy header: this machine
        assert direct.status_code == 200, direct.text
    with client_for(url, writable=True, allowed_hosts={"news.example.org"}, token=TOKEN) as client:
        with_token = client.post("/api/documents", json={**ARTICLE, "id": "via-proxy"},
                                 headers={**proxied, "authorization": f"Bearer {TOKEN}"})
        assert with_token.status_code == 200, with_token.text
        assert client.get("/api/documents/via-proxy").status_code == 200


@pytest.mark.parametrize("peer", [("203.0.113.7", 41000), ("192.168.1.20", 41000), ("testclient", 50000)])
def test_without_a_token_a_client_elsewhere_cannot_write(store_url, peer):
    with client_for(store_url, client=peer) as client:
        refused = client.post("/api/analyze", json=ARTICLE)
        assert refused.status_code == 403 and "--token" in refused.json()["detail"]
    with client_for(store_url, client=peer, token=TOKEN) as client:
        assert client.post("/api/analyze", json=ARTICLE, headers={"authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_ingest_answers_with_its_own_error(tmp_path):
    url = build_store(tmp_path / "errors.sqlite", ingest=False)
    with client_for(url, writable=True) as client:
        first = client.post("/api/documents", json={**ARTICLE, "id": "kept", "text": ARTICLE["text"]})
        assert first.status_code == 200
        other = client.post("/api/documents", json={**ARTICLE, "id": "kept", "text": ARTICLE["text"] + " More."})
        assert other.status_code == 400 and "already stored with a different text" in other.json()["detail"]
        wordless = client.post("/api/documents", json={**ARTICLE, "id": "wordless", "text": "?!  ...  --"})
        detail = wordless.json()["detail"]
        assert wordless.status_code == 400 and "no letters or digits" in detail and "different text" not in detail


@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("localhost", True), ("::1", True), ("127.0.0.2", True),
                                            ("0.0.0.0", False), ("::", False), ("192.168.1.5", False), ("example.org", False),
                                            ("::ffff:127.0.0.1", True), ("::ffff:10.0.0.1", False)])
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


def test_newsgraph_serve_command(store_url):
    """The real command: it serves, answers, and refuses a bad store in one line."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "newsgraph", "serve", "--db", store_url, "--port", str(port),
                                "--log-level", "warning"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise AssertionError(f"newsgraph serve did not start: {process.stderr.read() if process.poll() is not None else ''}")
                time.sleep(0.2)
        assert response.status_code == 200 and response.json()["stats"]["documents"] == 7
    finally:
        process.terminate()
        process.wait(timeout=20)
    bad = subprocess.run([sys.executable, "-m", "newsgraph", "serve", "--db", store_url + ".missing"], capture_output=True,
                         text=True, timeout=60)
    assert bad.returncode != 0
    assert bad.stderr.strip().count("\n") == 0 and "no such store" in bad.stderr
    short = subprocess.run([sys.executable, "-m", "newsgraph", "serve", "--db", store_url, "--token", "short"],
                           capture_output=True, text=True, timeout=60)
    assert short.returncode != 0 and "16 characters" in short.stderr
