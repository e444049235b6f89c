"""Shared fixtures: one Analyzer per test session, the shared data folder, an isolated home."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Tests never read or write the user's own newsgraph folder (imported KB files, caches).
os.environ["NEWSGRAPH_HOME"] = tempfile.mkdtemp(prefix="newsgraph-test-home-")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.pop("NEWSGRAPH_KB_PATH", None)
os.environ.pop("NEWSGRAPH_MODEL", None)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def analyzer():
    """The real pipeline (spaCy model + shipped knowledge base), loaded once."""
    from newsgraph.pipeline import Analyzer

    return Analyzer()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """`../shared` beside the repository; tests that need it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent: the third-party evaluation data is not available here")
    return SHARED


@pytest.fixture(scope="session")
def shared_data(shared_dir) -> Path:
    path = shared_dir / "data"
    if not path.is_dir():
        pytest.skip(f"{path} is absent: the third-party evaluation data is not available here")
    return path
