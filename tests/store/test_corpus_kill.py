"""A run killed with SIGKILL part-way and started again ends with exactly the database
of an uninterrupted run (real subprocesses, real pipeline, SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from corpus_helpers import ARTICLES, EXACT_COPY, FRENCH, NEAR_COPY, generated_articles, write_jsonl
from sqlalchemy import create_engine, text

from newsgraph.corpus import ingest
from newsgraph.store import Store
from newsgraph.store.engine import normalize_url

GENERATED = 24


def _corpus(path):
    records = generated_articles(GENERATED)
    # duplicates, another language and bad lines among them: every kind of write
    records[3:3] = [ARTICLES[0], FRENCH]
    records[10:10] = [NEAR_COPY, ARTICLES[1]]
    records.append(EXACT_COPY)
    return write_jsonl(path, records, extra_lines=['{"id": "cut', json.dumps({"id": "empty", "text": " "})])


def _command(path, url):
    return [sys.executable, "-m", "newsgraph", "ingest", str(path), "--db", url, "--quiet", "--batch-size", "2"]


def _environment():
    return dict(os.environ, OMP_NUM_THREADS="1", PYTHONUNBUFFERED="1")


def _documents(url) -> int:
    engine = create_engine(normalize_url(url))
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT count(*) FROM documents")).scalar()
    except Exception:  # noqa: BLE001 - not created yet
        return 0
    finally:
        engine.dispose()


def _run(path, url):
    """An ingest to the end, in this process (the same code path as the command)."""
    summary = ingest([path], url, batch_size=2)
    assert summary.read == GENERATED + 7


def _kill_after(path, url, documents: int) -> int:
    """Start an ingest, SIGKILL it once `documents` are stored; the number stored then."""
    process = subprocess.Popen(_command(path, url), env=_environment(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline and process.poll() is None:
            if _documents(url) >= documents:
                break
            time.sleep(0.02)
        assert process.poll() is None, f"the ingest ended before it could be killed: {process.stderr.read().decode()}"
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == -signal.SIGKILL
    return _documents(url)


def test_a_killed_ingest_resumed_equals_an_uninterrupted_one(new_store_url, tmp_path):
    path = _corpus(tmp_path / "news.jsonl")
    total = GENERATED + 5

    clean = new_store_url()
    _run(path, clean)

    interrupted = new_store_url()
    stored = _kill_after(path, interrupted, 3)
    assert 3 <= stored < total, f"killed after {stored} of {total} documents"
    stored = _kill_after(path, interrupted, stored + 4)  # killed again, later
    assert stored < total
    _run(path, interrupted)

    with Store.open(clean) as first, Store.open(interrupted) as second:
        expected, got = first.canonical_dump(), second.canonical_dump()
        assert len(expected["documents"]) == total
        assert {table: len(rows) for table, rows in got.items()} == {table: len(rows) for table, rows in expected.items()}
        assert got == expected
        assert first.search("district council")["documents"] == second.search("district council")["documents"]

