"""A run killed with SIGKILL part-way and started again ends with exactly the database
of an uninterrupted run (real subprocesses, real pipeline, SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
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


def _command(path, url, workers=1):
    return [sys.executable, "-m", "newsgraph", "ingest", str(path), "--db", url, "--quiet", "--batch-size", "2",
            "--workers", str(workers)]


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


def descendants(pid: int) -> set[int]:
    """The processes started by `pid` and by them, from /proc (Linux)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), ()):
            found.add(child)
            todo.append(child)
    return found


def alive(pid: int) -> bool:
    """Whether the process exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_gone(pids: set[int], seconds: float = 30) -> set[int]:
    """The processes of `pids` still alive after waiting up to `seconds` for them to end."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(alive(pid) for pid in pids):
        time.sleep(0.1)
    return {pid for pid in pids if alive(pid)}


def _kill_after(path, url, documents: int, workers: int = 1) -> int:
    """Start an ingest, SIGKILL it once `documents` are stored; the number stored then.
    The processes it started (its workers) must end by themselves."""
    process = subprocess.Popen(_command(path, url, workers), env=_environment(), stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    started: set[int] = set()
    try:
        while time.monotonic() < deadline and process.poll() is None:
            if _documents(url) >= documents:
                break
            time.sleep(0.02)
        started = descendants(process.pid)
        assert process.poll() is None, f"the ingest ended before it could be killed: {process.stderr.read().decode()}"
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == -signal.SIGKILL
    if workers > 1:
        assert len(started) >= workers, f"expected {workers} worker processes, found {sorted(started)}"
    left = wait_gone(started)
    for pid in left:  # do not leak them into the rest of the suite, then fail
        os.kill(pid, signal.SIGKILL)
    assert not left, f"processes left behind by the killed ingest: {sorted(left)}"
    return _documents(url)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_killed_ingest_resumed_equals_an_uninterrupted_one(new_store_url, tmp_path, workers):
    path = _corpus(tmp_path / "news.jsonl")
    total = GENERATED + 5

    clean = new_store_url()
    _run(path, clean)

    interrupted = new_store_url()
    stored = _kill_after(path, interrupted, 3, workers)
    assert 3 <= stored < total, f"killed after {stored} of {total} documents"
    stored = _kill_after(path, interrupted, stored + 4, workers)  # killed again, later
    assert stored < total
    _run(path, interrupted)

    with Store.open(clean) as first, Store.open(interrupted) as second:
        expected, got = first.canonical_dump(), second.canonical_dump()
        assert len(expected["documents"]) == total
        assert {table: len(rows) for table, rows in got.items()} == {table: len(rows) for table, rows in expected.items()}
        assert got == expected
        assert first.search("district council")["documents"] == second.search("district council")["documents"]



def test_two_concurrent_ingests_of_the_same_input_end_with_the_store_of_one(new_store_url, tmp_path):
    """Two ingests started together on one store (two operators, a retried cron job):
    each document is written once, whole, and the store is the one a single run makes."""
    path = _corpus(tmp_path / "news.jsonl")
    clean = new_store_url()
    _run(path, clean)

    shared = new_store_url()
    Store.open(shared).close()  # created first: the two runs race for documents, not for the schema
    runs = [subprocess.Popen(_command(path, shared), env=_environment(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            for _ in range(2)]
    for process in runs:
        _, err = process.communicate(timeout=600)
        assert process.returncode == 0, err.decode()[-2000:]

    with Store.open(clean) as first, Store.open(shared) as second:
        expected, got = first.canonical_dump(), second.canonical_dump()
        assert {table: len(rows) for table, rows in got.items()} == {table: len(rows) for table, rows in expected.items()}
        assert got == expected
