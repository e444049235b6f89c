"""Fixtures for the HTTP API and browser tests: a real store (tests/serve/corpus.py), the
real server (uvicorn in a thread on a free port), and Debian's headless Chromium driven by
Playwright. A browser test that fails leaves a screenshot and the page's HTML in
test-artifacts/."""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from .corpus import build_store

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = os.environ.get("NEWSGRAPH_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]


@pytest.fixture(scope="session")
def store_url(tmp_path_factory) -> str:
    """A store built by the store's writer (hand-built analyses) and a real ingest."""
    return build_store(tmp_path_factory.mktemp("serve") / "corpus.sqlite")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    """uvicorn serving the app in a background thread."""

    def __init__(self, app, port: int):
        import uvicorn

        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(store_url):
    from newsgraph.serve import ServeSettings, create_app

    port = free_port()
    server = LiveServer(create_app(store_url, ServeSettings(host="127.0.0.1", port=port)), port).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's with `apt-get install -y chromium` "
                    "(or point $NEWSGRAPH_CHROMIUM at one)")
    playwright_api = pytest.importorskip("playwright.sync_api", reason="pip install 'newsgraph[test]' for the browser tests")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


class Console:
    """What the page said on its console, and every Content-Security-Policy violation."""

    def __init__(self):
        self.errors: list[str] = []
        self.csp: list[str] = []

    def on_message(self, message) -> None:
        if message.type == "error":
            self.errors.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text:
                self.csp.append(message.text)


@pytest.fixture
def page(browser, live_server, request):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, base_url=live_server.url)
    page = context.new_page()
    console = Console()
    page.on("console", console.on_message)
    page.on("pageerror", lambda error: console.errors.append(f"page error: {error}"))
    page.console = console
    page.set_default_timeout(20_000)
    yield page
    failed = getattr(request.node, "report_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-120:]
        try:
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
            (ARTIFACTS / f"{name}.html").write_text(page.content(), encoding="utf-8")
        except Exception as error:  # the page may be gone; say so, keep the test's own failure
            (ARTIFACTS / f"{name}.txt").write_text(f"could not save the page: {error}\n", encoding="utf-8")
    context.close()


def chromium_available() -> bool:
    return Path(CHROMIUM).exists() and shutil.which(CHROMIUM) is not None
