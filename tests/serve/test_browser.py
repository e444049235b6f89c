"""End-to-end: the web app in Debian's headless Chromium (Playwright), against the real
server (uvicorn) over a real store. A failing test leaves a screenshot and the page's HTML
in test-artifacts/ (see conftest.py)."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("fastapi", reason="pip install 'newsgraph[serve]'")

from .corpus import HOSTILE  # noqa: E402


def ready(page, name: str) -> None:
    page.wait_for_selector(f"body[data-ready='{name}']")


def assert_clean(page) -> None:
    """No script error, no Content-Security-Policy violation, nothing injected ran."""
    assert page.console.csp == [], page.console.csp
    assert page.console.errors == [], page.console.errors
    assert page.evaluate("() => window.__pwned") is None
    assert "PWNED" not in page.title()


def test_network_loads_and_a_click_opens_the_actor(page):
    page.goto("/network")
    ready(page, "network")
    page.wait_for_selector(".network-view[data-state='rendered']")
    assert page.locator("#network-canvas canvas").count() >= 3  # sigma's WebGL and label layers
    status = page.locator(".sidebar .status").inner_text()
    assert re.match(r"\d+ actors, \d+ links", status), status
    page.wait_for_selector(".network-view[data-layout='done']", timeout=60_000)
    timings = page.evaluate("() => window.newsgraphNetwork.timings")
    assert timings["firstRender"] is not None and timings["nodes"] >= 6
    point = page.evaluate("() => window.newsgraphNetwork.nodePosition('pakistan')")
    page.mouse.move(point["x"], point["y"])
    page.wait_for_selector(".node-info h2 a")
    assert page.locator(".node-info h2").inner_text() == "Pakistan"
    page.mouse.click(point["x"], point["y"])
    page.wait_for_url("**/actors/pakistan")
    ready(page, "actor")
    assert page.locator("h1.actor-name").inner_text().strip() == "Pakistan"
    assert_clean(page)


def test_network_finds_an_actor(page):
    page.goto("/network")
    ready(page, "network")
    page.fill(".finder input", "jaish")
    page.press(".finder input", "Enter")
    page.wait_for_selector(".node-info h2 a")
    assert page.locator(".node-info h2").inner_text() == "Jaish al-Adl"
    assert page.locator(".node-info h2 a").get_attribute("href") == "/actors/jaish-al-adl"
    assert_clean(page)


def test_network_filters(page):
    page.goto("/network?type=AID")
    ready(page, "network")
    page.wait_for_selector(".network-view[data-state='rendered']")
    nodes = page.evaluate("() => window.newsgraphNetwork.graph.nodes()")
    assert {"afghanistan", "china"} <= set(nodes) and "jaish-al-adl" not in nodes
    page.select_option("select[name='quad_class']", "4")
    page.click(".sidebar button[type='submit']")
    page.wait_for_url(re.compile(r".*/network\?.*quad_class=4.*"))
    page.wait_for_selector(".message.info, .network-view[data-state='rendered']")
    assert_clean(page)


def test_actor_page(page):
    page.goto("/actors/pakistan")
    ready(page, "actor")
    assert page.locator("svg.timeline g.period").count() >= 2
    assert page.locator("svg.timeline g.period[data-period='2023-03'] rect.conflict").get_attribute("height") != "0"
    did = page.locator("section.panel", has_text="What it did")
    did.locator("li.event").first.wait_for()
    assert did.locator(".badge", has_text="ASSAULT").count() >= 1
    page.locator("section.panel", has_text="What was done to it").locator("li.event").first.wait_for()
    assert page.locator("section.panel", has_text="Closest partners").locator("a", has_text="Afghanistan").count() == 1
    person = page.context.new_page()
    person.goto("/actors/nadia-rahimi")
    person.wait_for_selector("body[data-ready='actor']")
    assert "spokeswoman of the foreign office" in person.locator("section.panel", has_text="Roles over time").inner_text()
    person.locator("section.panel", has_text="What it said").locator("li.quote").first.wait_for()
    assert "Trade must flow again" in person.locator("section.panel", has_text="What it said").inner_text()
    person.close()
    assert_clean(page)


def test_article_shows_its_highlights(page):
    page.goto("/documents/hand-border")
    ready(page, "article")
    text = page.locator(".article-text")
    assert text.locator(".hl-mention").count() >= 10
    assert text.locator(".hl-quote").count() >= 1 and text.locator(".hl-event").count() >= 4
    mention = text.locator("a.hl-mention", has_text="Nadia Rahimi")
    assert mention.get_attribute("href") == "/actors/nadia-rahimi"
    # every item in the panel finds its evidence in the text
    event_entry = page.locator(".items-panel li.item-event", has_text="ASSAULT")
    event_entry.locator("button.locate").click()
    focused = page.evaluate("() => [...document.querySelectorAll('.article-text .focused')].map(e => e.textContent).join('')")
    assert focused == "Pakistani forces shelled villages in Kunar"
    page.locator(".items-panel li.item-quote button.locate").first.click()
    focused = page.evaluate("() => [...document.querySelectorAll('.article-text .focused')].map(e => e.textContent).join('')")
    assert focused == "Trade must flow again before the harvest,"
    mention.click()
    page.wait_for_url("**/actors/nadia-rahimi")
    assert_clean(page)


def test_article_opens_on_the_item_linked(page):
    page.goto("/documents/hand-iran?item=e1")
    ready(page, "article")
    page.wait_for_selector(".article-text .focused")
    focused = page.evaluate("() => [...document.querySelectorAll('.article-text .focused')].map(e => e.textContent).join('')")
    assert focused == "Iranian border guards clashed with Jaish al-Adl fighters near Zahedan"
    assert_clean(page)


def test_search_finds_a_quote(page):
    page.goto("/network")
    ready(page, "network")
    page.fill("#quick-search input", "harvest")
    page.press("#quick-search input", "Enter")
    page.wait_for_url("**/search?q=harvest")
    ready(page, "search")
    quotes = page.locator("section[data-results='quotes']")
    assert quotes.locator("mark").first.inner_text().lower() == "harvest"
    assert "Nadia Rahimi" in quotes.inner_text()
    quotes.locator("a", has_text="Pakistan and Afghanistan agree").click()
    page.wait_for_url("**/documents/hand-border?item=q0")
    ready(page, "article")
    page.wait_for_selector(".article-text .focused")
    assert "Trade must flow again" in page.locator(".article-text .focused").first.inner_text()
    page.goto("/search?q=Jaish")
    ready(page, "search")
    assert page.locator("section[data-results='actors'] a", has_text="Jaish al-Adl").count() == 1
    assert page.locator("section[data-results='articles'] a", has_text="Iran and Pakistan discuss").count() == 1
    assert_clean(page)


def test_map_shows_events(page):
    page.goto("/map")
    ready(page, "map")
    assert page.locator("svg.world path.country").count() > 200  # Natural Earth outlines
    places = page.locator("svg.world circle.place")
    assert places.count() >= 4
    kabul = page.locator("svg.world circle.place[data-name='Kabul']")
    assert int(kabul.get_attribute("data-events")) >= 3
    kabul.click()
    page.locator(".place-events li.event").first.wait_for()
    assert "China sent food aid to Afghanistan" in page.locator(".place-events").inner_text()
    page.goto("/map?quad_class=4")
    ready(page, "map")
    names = page.eval_on_selector_all("svg.world circle.place", "els => els.map(e => e.dataset.name)")
    assert "Zahedan" in names and "Islamabad" not in names
    assert_clean(page)


def test_contested_and_lists(page):
    page.goto("/contested")
    ready(page, "contested-claims")
    page.locator("li.contested").first.wait_for()
    pair = page.locator("li.contested", has_text="Kabul denies shelling report").first
    assert "Pakistan and Afghanistan agree to reopen Torkham" in pair.inner_text()  # both sides, each with its article
    assert pair.locator("p.reason").inner_text().strip()
    page.goto("/actors?q=pak")
    ready(page, "actors")
    page.locator("table.grid tbody tr").first.wait_for()
    assert page.locator("table.grid tbody a", has_text="Pakistan").count() >= 1
    page.goto("/documents")
    ready(page, "articles")
    page.locator(".document-row").first.wait_for()
    assert page.locator(".document-row").count() == 7
    assert_clean(page)


def test_analyze_a_pasted_text(page):
    page.goto("/analyze")
    ready(page, "analyze-a-text")
    text = ("KABUL - Afghanistan and Pakistan held talks in Kabul on Monday. "
            "\"<img src=x onerror=\"window.__pwned=1\">We agreed on trade,\" said an official.")
    page.fill("textarea[name='text']", text)
    page.fill("input[name='date']", "2023-05-08")
    page.click(".analyze-form button[type='submit']")
    page.wait_for_selector(".analysis .article-text", timeout=120_000)
    assert page.locator(".analysis .article-text").inner_text() == text
    assert page.locator(".analysis .hl-mention", has_text="Pakistan").count() >= 1
    assert_clean(page)


# ---------------------------------------------------------------- untrusted text stays text
HOSTILE_PAGES = [f"/documents/{article['id']}" for article in HOSTILE] + [
    "/documents", "/search?q=script", "/search?q=onerror", "/search?q=javascript", "/search?q=textarea",
    "/actors/taliban", "/actors/pakistan", "/actors/iran", "/contested", "/network", "/map", "/actors?q=%3Cscript%3E",
    "/search?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", "/documents/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
]


@pytest.mark.parametrize("path", HOSTILE_PAGES)
def test_payloads_do_not_run(page, path):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path)
    page.wait_for_selector("body[data-ready]")
    page.wait_for_timeout(300)  # let anything that would run, run
    if path.startswith("/documents/%3C"):
        assert page.locator("body").get_attribute("data-ready") == "error"
        page.console.errors.clear()  # the 404 of the unknown document is logged by the browser
    assert dialogs == []
    assert_clean(page)
    assert all(url.startswith(page.url.split("/", 3)[0] + "//" + page.url.split("/", 3)[2]) or url.startswith("data:")
               for url in requests), requests  # nothing loaded from anywhere else (img src=x would be same-origin)
    assert not any(url.endswith("/x") for url in requests), "an injected <img src=x> was loaded"


@pytest.mark.parametrize("article", HOSTILE, ids=[a["id"] for a in HOSTILE])
def test_hostile_article_is_shown_literally(page, article):
    page.goto(f"/documents/{article['id']}")
    ready(page, "article")
    assert page.locator("h1.doc-title").inner_text() == article["title"]
    assert page.locator(".article-text").inner_text() == article["text"]
    assert page.locator(".article-text script, .article-text img, .article-text iframe, .article-text svg").count() == 0
    assert page.locator("main script, main iframe, main img, main [onerror], main [onload], main [onmouseover]").count() == 0
    assert article["source"] in page.locator("p.meta").first.inner_text()
    hrefs = page.eval_on_selector_all("main a", "els => els.map(a => a.getAttribute('href'))")
    assert not any(href.lower().startswith("javascript:") for href in hrefs), hrefs
    assert_clean(page)
