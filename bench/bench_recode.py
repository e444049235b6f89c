"""Recode benchmark: `newsgraph recode` of a store against the ingest that built it.

    python bench/bench_recode.py --limit 1000 --workers 2

Writes the first N articles of ../shared/data/corpus/tehran_times_10k.jsonl.gz to a
JSON Lines file and, in the same run:

1. ingests them with `--keep-parses` into a new SQLite store (the baseline: its
   documents/s, start-up included);
2. recodes that store with an extra knowledge-base file of its own (a few actors, so
   that the resources key changes and every kept parse is coded again), timed the same
   way, with the same number of workers;
3. ingests the same articles afresh with that knowledge base and compares the two
   stores (`Store.canonical_dump`, edge totals rounded to 9 decimals: a recode subtracts
   one article's share of a sum);

and prints both rates, the ratio (target: a recode at least 6x the ingest's documents
per second), the disk cost of the kept parses per 1,000 words and whether the stores are
identical. Each step runs as a `newsgraph` command in a process of its own.
This is a benchmark, not a test: it asserts nothing and prints the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import load_articles, machine, write_jsonl  # noqa: E402

EXTRA_ACTORS = """\
- id: bench-majlis-research-center
  name: Majlis Research Center
  type: organization
  country: IRN
  sector: GOV
- id: bench-expediency-council
  name: Expediency Discernment Council
  type: organization
  country: IRN
  sector: GOV
  aliases: [Expediency Council]
"""


def run(*args: str) -> tuple[dict, float]:
    started = time.perf_counter()
    newsgraph = str(Path(sys.executable).with_name("newsgraph"))
    done = subprocess.run([newsgraph, *args, "--quiet", "--json"],
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout), time.perf_counter() - started


def comparable(dump: dict) -> dict:
    return {table: [tuple(round(v, 9) if isinstance(v, float) else v for v in row) for row in rows]
            for table, rows in dump.items() if table not in ("schema_version", "documents")} | {
        "documents": [row[:6] + row[7:] for row in dump["documents"]]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=1000, help="articles of the corpus (default 1000)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes of both runs (default 2)")
    options = parser.parse_args()
    articles = load_articles(options.limit)
    from newsgraph.store import Store

    with tempfile.TemporaryDirectory(prefix="newsgraph-recode-") as folder:
        folder = Path(folder)
        source = write_jsonl(articles, folder / "articles.jsonl")
        extra = folder / "extra-actors.yaml"
        extra.write_text(EXTRA_ACTORS, encoding="utf-8")
        kept, fresh = folder / "kept.sqlite", folder / "fresh.sqlite"
        workers = str(options.workers)
        ingest, ingest_seconds = run("ingest", str(source), "--db", str(kept), "--workers", workers, "--keep-parses")
        with Store.open(str(kept)) as store, store.read() as connection:
            from sqlalchemy import text

            parse_bytes = connection.execute(text("SELECT sum(length(data)) FROM parses")).scalar() or 0
            text_bytes = connection.execute(text("SELECT sum(length(text)) FROM documents WHERE status = 'analysed'")).scalar() or 0
        recoded, recode_seconds = run("recode", "--db", str(kept), "--workers", workers, "--kb", str(extra))
        run("ingest", str(source), "--db", str(fresh), "--workers", workers, "--keep-parses", "--kb", str(extra))
        with Store.open(str(kept)) as a, Store.open(str(fresh)) as b:
            identical = comparable(a.canonical_dump()) == comparable(b.canonical_dump())
    documents = ingest["ingested"]
    ingest_rate = documents / ingest_seconds
    recode_rate = recoded["documents"] / recode_seconds
    words = ingest["words"]
    print(f"machine: {machine()}; OMP_NUM_THREADS={os.environ['OMP_NUM_THREADS']}; {options.workers} workers")
    print(f"articles: {len(articles):,} read, {documents:,} analysed, {words:,} words")
    print(f"ingest --keep-parses: {ingest_seconds:,.1f} s, {ingest_rate:,.2f} documents/s (start-up included)")
    print(f"recode:               {recode_seconds:,.1f} s, {recode_rate:,.2f} documents/s "
          f"({recoded['changed']:,} changed, {recoded['unchanged']:,} the same, {recoded['errors']} errors)")
    print(f"recode / ingest:      {recode_rate / ingest_rate:,.1f}x (target: at least 6x)")
    print(f"kept parses:          {parse_bytes / 1e6:,.1f} MB, {parse_bytes / max(words, 1) * 1000 / 1e3:,.1f} KB per 1,000 words "
          f"(the texts: {text_bytes / max(words, 1) * 1000 / 1e3:,.1f} KB per 1,000 words)")
    print(f"store after recode == store of a fresh ingest with the same resources: {identical}")


if __name__ == "__main__":
    main()
