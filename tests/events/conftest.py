"""Helpers for the event tests: analyse a text written for the test, find its events."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def events_of(analyzer):
    """events_of(text) -> (analysis, events): the real pipeline on a text of ours."""

    def run(text: str, date: str | None = "2023-06-01"):
        analysis = analyzer.analyze(text, date=date)
        return analysis, analysis.events

    return run


def _one(events, plover_type: str):
    found = [e for e in events if e.type == plover_type]
    assert len(found) == 1, f"expected one {plover_type}, got {[(e.type, e.source, e.target) for e in events]}"
    return found[0]


@pytest.fixture(scope="session")
def one():
    """one(events, type): the single event of a type (fails when there is not exactly one)."""
    return _one
