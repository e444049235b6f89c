"""The interactive API docs at /docs in Debian's headless Chromium: Swagger UI draws the
server's own spec from shipped assets, with no CSP violation and no request elsewhere."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytest.importorskip("fastapi")

from .test_browser import assert_clean  # noqa: E402


def test_docs_page_renders_the_spec_offline(page, live_server):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.goto("/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "newsgraph" in page.locator(".swagger-ui .info .title").inner_text()
    page.wait_for_selector(".opblock-summary-path[data-path='/api/actors']")
    assert hosts <= {urlsplit(live_server.url).netloc}, hosts
    assert_clean(page)
