"""In Debian's headless Chromium: the network's first frame comes from a settled layout
(never from the start positions), and the timeline of an actor whose events are all
undated says "No dates" instead of drawing one bar."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")

from newsgraph.serve import ServeSettings, create_app  # noqa: E402
from newsgraph.store import Store  # noqa: E402
from newsgraph.store.rows import analysis_rows  # noqa: E402

from .conftest import LiveServer, free_port  # noqa: E402
from .corpus import Builder  # noqa: E402
from .test_browser import assert_clean, ready  # noqa: E402

SETTLED = 0.004  # the worker's threshold (web/src/layout-worker.js)


def test_the_network_is_drawn_once_its_layout_has_settled(page):
    page.goto("/network")
    ready(page, "network")
    page.wait_for_selector(".network-view[data-state='rendered']")
    timings = page.evaluate("() => window.newsgraphNetwork.timings")
    assert timings["settled"] is not None and timings["firstRender"] >= timings["settled"], timings
    assert timings["settleMovement"] <= SETTLED or timings["settledIteration"] >= 300, timings
    page.wait_for_selector(".network-view[data-layout='done']", timeout=60_000)
    assert_clean(page)


TEXT = ("MILLBROOK - The Millbrook council praised the river trust for its flood work. "
        "The river trust thanked the Millbrook council and promised more dykes.")


@pytest.fixture(scope="module")
def undated_server(tmp_path_factory):
    b = Builder("undated", TEXT, title="Flood work praised", date=None, source="Test Wire", url="https://example.org/flood")
    b.actor("millbrook-council", "Millbrook council", "organization", None,
            [("Millbrook council", 0), ("Millbrook council", 1)])
    b.actor("river-trust", "river trust", "organization", None, [("river trust", 0), ("river trust", 1)])
    b.event(["millbrook-council"], ["river-trust"], "SUPPORT", 1, "The Millbrook council praised the river trust",
            goldstein=3.0)
    b.event(["river-trust"], ["millbrook-council"], "SUPPORT", 1, "The river trust thanked the Millbrook council",
            goldstein=3.0)
    path = str(tmp_path_factory.mktemp("undated") / "undated.sqlite")
    store = Store.open(path)
    doc = b.analysis.document
    store.add_document({"id": doc.id, "title": doc.title, "date": None, "source": doc.source, "url": doc.url,
                        "language": "en", "status": "analysed", "text": TEXT, "words": doc.words, "origin": "test"},
                       analysis=analysis_rows(b.analysis))
    store.close()
    port = free_port()
    server = LiveServer(create_app(path, ServeSettings(host="127.0.0.1", port=port)), port).start()
    yield server
    server.stop()


def test_an_undated_timeline_says_no_dates(browser, undated_server):
    context = browser.new_context(viewport={"width": 1200, "height": 900}, base_url=undated_server.url)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto("/actors/millbrook-council")
        page.wait_for_selector("body[data-ready='actor']")
        chart = page.locator("section.panel", has_text="Cooperation and conflict over time")
        assert "No dates" in chart.inner_text() and "2 events" in chart.inner_text()
        assert chart.locator("svg.timeline").count() == 0
        assert errors == []
    finally:
        context.close()
