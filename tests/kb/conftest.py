"""Fixtures of the knowledge-base tests: the files in fixtures/ (written for these tests:
invented people and groups), the shipped knowledge base, an import folder per test."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def shipped():
    from newsgraph.kb.base import load_knowledge_base

    return load_knowledge_base(include_user=False)
