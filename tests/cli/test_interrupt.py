"""A long ingest as a person runs it in a terminal: the progress line says the model is
loading before the first article; Ctrl-C (SIGINT to the terminal's process group, workers
included) stops it within about 2 s, says how many documents were stored and that running
the same command again resumes; the re-run adds the rest and nothing twice."""

from __future__ import annotations

import json
import os
import pty
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

WORDS = ("harbour council river tariff grain bridge ferry market school clinic railway festival drought "
         "reservoir orchard quarry library tunnel museum stadium canal factory vineyard airport").split()
PLACES = "Ardmore Belvale Corran Dunmere Elsworth Fallow Garrick Holm Istead Jorvale".split()


def corpus(path: Path, count: int) -> Path:
    rng = random.Random(7)
    with open(path, "w", encoding="utf-8") as handle:
        for number in range(count):
            place = rng.choice(PLACES)
            sentences = [f"The {rng.choice(WORDS)} board of {place} met on day {number} to discuss the "
                         f"{rng.choice(WORDS)} and the {rng.choice(WORDS)} {rng.choice(WORDS)}." for _ in range(6)]
            sentences.append(f"\"We will rebuild the {rng.choice(WORDS)} {number} times over,\" said the mayor of {place}.")
            rng.shuffle(sentences)
            handle.write(json.dumps({"id": f"art-{number}", "text": " ".join(sentences)}) + "\n")
    return path


def documents(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=5) as connection:
            return connection.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def start(command: list[str], env: dict[str, str]) -> tuple[subprocess.Popen, int, list[bytes]]:
    """`command` in a session of its own, stderr on a pseudo-terminal (so the progress line
    shows), SIGINT at its default as in a shell."""
    master, slave = pty.openpty()
    process = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave,
                               start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    os.close(slave)
    screen: list[bytes] = []

    def read() -> None:
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                return
            if not chunk:
                return
            screen.append(chunk)

    threading.Thread(target=read, daemon=True).start()
    return process, master, screen


@pytest.mark.slow
def test_ctrl_c_stops_quickly_says_what_was_stored_and_a_rerun_resumes(tmp_path):
    source = corpus(tmp_path / "many.jsonl", 300)
    db = tmp_path / "store.sqlite"
    env = {**os.environ, "OMP_NUM_THREADS": "1", "COLUMNS": "120"}
    command = [sys.executable, "-m", "newsgraph", "ingest", str(source), "--db", str(db), "--workers", "2"]
    process, master, screen = start(command, env)
    try:
        deadline = time.monotonic() + 240
        while documents(db) < 1:
            assert process.poll() is None, b"".join(screen).decode(errors="replace")
            assert time.monotonic() < deadline, "no document stored in 240 s"
            time.sleep(0.2)
        time.sleep(1.0)
        sent = time.monotonic()
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        process.wait(timeout=30)
        stopped = time.monotonic() - sent
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    time.sleep(0.3)
    os.close(master)
    shown = b"".join(screen).decode(errors="replace")
    assert "Loading the model…" in shown
    assert process.returncode == 130
    assert stopped < 3.0, f"Ctrl-C took {stopped:.1f} s"
    line = next(line for line in shown.splitlines() if "newsgraph: interrupted:" in line)
    stored = documents(db)
    assert 0 < stored < 300
    assert f"{stored:,} documents stored by this run" in line and "run the same command again to resume" in line
    # the same command again: the rest, nothing twice
    again = subprocess.run(command + ["--json"], env=env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    summary = json.loads(again.stdout)
    assert summary["already_stored"] == stored and summary["ingested"] + stored == documents(db) == 300
