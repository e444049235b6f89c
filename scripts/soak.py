"""Soak test: an ingest SIGKILLed at random moments, again and again, until it completes,
ends with the store of an uninterrupted run, and leaves no process behind.

    python scripts/soak.py --limit 300 --workers 2 --kills 6
    python scripts/soak.py --limit 10000                   # the whole 10k corpus
    python scripts/soak.py --postgres postgresql://user:pw@127.0.0.1:5432/db

Reads the first N articles of ../shared/data/corpus/tehran_times_10k.jsonl.gz (into a
temporary file, with a few hostile lines of its own between them: a lone surrogate, a
broken line, a text without words, a copy), then:

1. ingests them once, uninterrupted (`newsgraph ingest --workers W`), into a fresh store;
2. ingests them into another fresh store with the same command, killing it with SIGKILL
   after a random delay (uniform in --min-delay..--max-delay seconds, from --seed) up to
   --kills times (with --from-first-write each delay counts from the run's first stored
   document), and starting it again each time, until a run ends by itself;
3. after every kill, checks that every process the killed ingest had started (its
   workers, multiprocessing's resource tracker) ends within --grace seconds;
4. compares the two stores' `canonical_dump()` (every row of every table, without
   wall-clock columns) table by table.

Prints one line per run and a JSON summary: kills survived, rows compared, tables that
differ, processes left. Exits 1 when a table differs or a process was left behind. On
PostgreSQL (--postgres ADMIN_URL) two throw-away databases are created and dropped.
The machine's other work slows it down, never changes its result.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "data" / "corpus" / "tehran_times_10k.jsonl.gz"
# Lines of this script's own (none from the corpus), mixed into the input every few
# hundred articles so that errors, cleaning and duplicates are killed in mid-flight too.
HOSTILE = [
    {"id": "soak-surrogate-text", "text": "Officials said on Monday \ud800 that the new road would open in the spring."},
    {"id": "soak-surrogate-id-\udfff", "text": "A statement from the ministry said the talks would go on next week."},
    {"id": "soak-wordless", "text": "\u200b\u200b ... !!!"},
]


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=300, help="articles of the corpus (default 300)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--kills", type=int, default=6, help="kill at most this many times, then let the run end")
    parser.add_argument("--min-delay", type=float, default=5.0, help="seconds after a start before a kill, at least")
    parser.add_argument("--max-delay", type=float, default=90.0, help="seconds after a start before a kill, at most")
    parser.add_argument("--from-first-write", action="store_true",
                        help="count each delay from the run's first stored document, not from its start (on a "
                             "loaded machine the start-up can outlast every delay)")
    parser.add_argument("--grace", type=float, default=30.0, help="seconds the killed ingest's processes have to end")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--postgres", metavar="ADMIN_URL", help="run on PostgreSQL (databases created and dropped)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    return parser.parse_args(argv)


def write_input(corpus: Path, limit: int, path: Path) -> int:
    """The first `limit` corpus articles with the hostile lines among them; lines written."""
    if not corpus.is_file():
        sys.exit(f"soak: {corpus} is absent (the shared data is not here)")
    written = 0
    with gzip.open(corpus, "rt", encoding="utf-8") as source, open(path, "w", encoding="utf-8") as out:
        first = None
        for number, line in enumerate(source):
            if number >= limit:
                break
            out.write(line if line.endswith("\n") else line + "\n")
            written += 1
            first = first or json.loads(line)
            if number % 100 == 50:
                for record in HOSTILE:
                    out.write(json.dumps({**record, "id": f"{record['id']}-{number}"}) + "\n")
                out.write('{"id": "soak-broken", "text": "cut off\n')
                out.write(json.dumps({**first, "id": f"soak-copy-{number}"}) + "\n")  # an exact copy: a duplicate
                written += len(HOSTILE) + 2
    return written


def command(path: Path, url: str, args) -> list[str]:
    return [sys.executable, "-m", "newsgraph", "ingest", str(path), "--db", url, "--quiet", "--json",
            "--workers", str(args.workers), "--batch-size", str(args.batch_size)]


def started_by(pid: int) -> set[int]:
    import psutil

    try:
        return {child.pid for child in psutil.Process(pid).children(recursive=True)}
    except psutil.NoSuchProcess:
        return set()


def still_alive(pids: set[int], seconds: float) -> set[int]:
    """The processes of `pids` that have not ended (zombies count as ended) after `seconds`."""
    import psutil

    def alive(pid: int) -> bool:
        try:
            return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return False

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(alive(pid) for pid in pids):
        time.sleep(0.2)
    return {pid for pid in pids if alive(pid)}


def uninterrupted(path: Path, url: str, args) -> dict:
    started = time.monotonic()
    done = subprocess.run(command(path, url, args), capture_output=True, text=True, env=environment())
    if done.returncode != 0:
        sys.exit(f"soak: the uninterrupted ingest failed: {done.stderr.strip()[-500:]}")
    summary = json.loads(done.stdout)
    print(f"uninterrupted: {summary['ingested']} analysed, {summary['duplicates']} duplicates, {summary['errors']} errors "
          f"in {time.monotonic() - started:.0f} s", flush=True)
    return summary


def stored_documents(url: str) -> int:
    from sqlalchemy import create_engine, text

    from newsgraph.store.engine import normalize_url

    engine = create_engine(normalize_url(url))
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT count(*) FROM documents")).scalar()
    except Exception:  # noqa: BLE001 - killed before the store was created
        return 0
    finally:
        engine.dispose()


def wait_first_write(process: subprocess.Popen, url: str) -> None:
    """Until the run has stored a document (its workers are up) or has ended."""
    before = stored_documents(url)
    while process.poll() is None and stored_documents(url) == before:
        time.sleep(0.2)


def interrupted(path: Path, url: str, args, rng: random.Random, progress: list[int]) -> tuple[int, int, int]:
    """Kill-and-restart until a run ends by itself: (kills, runs, processes left). The
    documents stored at each kill are appended to `progress`."""
    kills = runs = left = 0
    while True:
        runs += 1
        process = subprocess.Popen(command(path, url, args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   env=environment())
        delay = rng.uniform(args.min_delay, args.max_delay) if kills < args.kills else None
        if delay is not None and args.from_first_write:
            wait_first_write(process, url)
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            children = started_by(process.pid)
            process.send_signal(signal.SIGKILL)
            process.wait()
            kills += 1
            remaining = still_alive(children, args.grace)
            left += len(remaining)
            for pid in remaining:  # report them, then do not leave them to the machine
                os.kill(pid, signal.SIGKILL)
            stored = stored_documents(url)
            progress.append(stored)
            print(f"run {runs}: killed after {delay:.1f} s with {stored} documents stored; {len(children)} processes "
                  f"it started, {len(remaining)} still alive {args.grace:.0f} s later", flush=True)
            continue
        out, err = process.communicate()
        if process.returncode != 0:
            sys.exit(f"soak: run {runs} failed: {err.strip()[-500:]}")
        summary = json.loads(out)
        print(f"run {runs}: completed: {summary['ingested']} analysed, {summary['already_stored']} already stored", flush=True)
        return kills, runs, left


def compare(clean_url: str, soaked_url: str) -> tuple[int, int, list[str]]:
    """(rows compared, documents, tables that differ)."""
    from newsgraph.store import Store

    with Store.open(clean_url) as clean, Store.open(soaked_url) as soaked:
        expected, got = clean.canonical_dump(), soaked.canonical_dump()
    differ = [table for table in expected if expected[table] != got.get(table)]
    return sum(len(rows) for rows in expected.values()), len(expected["documents"]), differ


def environment() -> dict:
    return dict(os.environ, OMP_NUM_THREADS="1", PYTHONUNBUFFERED="1")


class Databases:
    """Two fresh stores: SQLite files in a temporary folder, or PostgreSQL databases."""

    def __init__(self, folder: Path, postgres: str | None):
        self.folder, self.postgres, self.names = folder, postgres, []

    def new(self, label: str) -> str:
        if not self.postgres:
            return f"sqlite:///{self.folder / (label + '.sqlite')}"
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        base = make_url(self.postgres).set(drivername="postgresql+psycopg")
        name = f"newsgraph_soak_{label}_{uuid.uuid4().hex[:8]}"
        engine = create_engine(base, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\''))
        engine.dispose()
        self.names.append(name)
        return base.set(database=name).render_as_string(hide_password=False)

    def drop(self) -> None:
        if not self.names:
            return
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        engine = create_engine(make_url(self.postgres).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            for name in self.names:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


def main(argv=None) -> int:
    args = parse_args(argv)
    try:
        import psutil  # noqa: F401 - the process checks need it
    except ModuleNotFoundError:
        sys.exit("soak: needs psutil (pip install psutil)")
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="newsgraph-soak-") as folder:
        folder = Path(folder)
        path = folder / "input.jsonl"
        lines = write_input(args.corpus, args.limit, path)
        databases = Databases(folder, args.postgres)
        try:
            clean_url, soaked_url = databases.new("clean"), databases.new("soaked")
            print(f"soak: {lines} lines ({args.limit} corpus articles), --workers {args.workers}, "
                  f"{'PostgreSQL' if args.postgres else 'SQLite'}, seed {args.seed}", flush=True)
            uninterrupted(path, clean_url, args)
            progress: list[int] = []
            kills, runs, left = interrupted(path, soaked_url, args, rng, progress)
            rows, documents, differ = compare(clean_url, soaked_url)
        finally:
            databases.drop()
    result = {"articles": args.limit, "lines": lines, "workers": args.workers, "backend": "postgresql" if args.postgres else "sqlite",
              "kills_survived": kills, "runs": runs, "rows_compared": rows, "tables_differing": differ,
              "kills_mid_run": sum(1 for stored in progress if 0 < stored < documents), "stored_at_kills": progress,
              "processes_left": left, "documents": documents, "seed": args.seed}
    print(json.dumps(result, indent=2))
    return 0 if not differ and not left else 1


if __name__ == "__main__":
    sys.exit(main())
