"""The actor page of an organization shows what its spokespeople said apart from its own
words (Debian's headless Chromium against the real server)."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")

from .test_browser import assert_clean, ready  # noqa: E402


def test_an_organizations_members_are_shown_apart(page):
    page.goto("/actors/taliban")
    ready(page, "actor")
    members = page.locator(".members")
    assert "Zabihullah Mujahid" in members.locator(".member-list").inner_text()
    said = members.locator("section.panel", has_text="What its members said")
    assert "There was no shelling by Pakistan this week" in said.inner_text()
    own = page.locator("section.panel", has_text="What it said").first
    own.locator("p.muted, li.quote").first.wait_for()
    assert "There was no shelling" not in own.inner_text()
    assert_clean(page)
