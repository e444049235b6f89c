"""Ingest benchmark: `newsgraph ingest` into a fresh SQLite store beside bare spaCy.

    python bench/bench_ingest.py --limit 500 --workers 1,2

Reads the first N articles of ../shared/data/corpus/tehran_times_10k.jsonl.gz and, for
each number of processes P, times in the same run:

- bare spaCy: `nlp.pipe(texts, n_process=P)` with the same pipeline (the baseline);
- the ingest: reading, language and duplicate checks, the full newsgraph analysis in
  P worker processes (1: in this process), writing every document in its transaction.

It prints documents/s and words/s (whitespace words of the input texts, the same count
for both), the ingest's share of spaCy's words/s (target: at least 75%), the peak
resident memory of each worker (half-way and at the end: it must stay under 1 GB and not
grow with the corpus), and the speed-up from 1 to 2 workers (target: at least 1.7x).
On a machine shared with other work the wall-clock figures move with the load; the CPU
seconds of both (this process and its worker processes) are printed too.
This is a benchmark, not a test: it asserts nothing and prints the figures.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "data" / "corpus" / "tehran_times_10k.jsonl.gz"


def read_corpus(path: Path, limit: int | None) -> list[dict]:
    records = []
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        for line in stream:
            if line.strip():
                records.append(json.loads(line))
            if limit and len(records) >= limit:
                break
    return records


def cpu_seconds() -> float:
    """CPU time (user + system) of this process and of its children that have ended."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def bare_spacy(texts: list[str], processes: int, batch_size: int) -> tuple[float, float]:
    """Seconds for nlp.pipe over the texts, measured in a process of its own (so that
    its memory does not count in this process's peak): the pipeline is loaded before the
    clock starts; with several processes, their start-up is timed, as the ingest's
    workers' is."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(_time_spacy, texts, processes, batch_size).result()


def _time_spacy(texts: list[str], processes: int, batch_size: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process and the pipe's worker processes)."""
    from newsgraph.nlp.loading import load_spacy

    nlp = load_spacy(None)
    cpu = cpu_seconds()
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=processes):
        pass
    return time.perf_counter() - started, cpu_seconds() - cpu


def run_ingest(path: Path, processes: int, batch_size: int, total: int, folder: Path):
    from newsgraph.corpus import Ingest
    from newsgraph.ingest.sources import iter_articles
    from newsgraph.store import Store

    db = folder / f"bench-{processes}.sqlite"
    store = Store.open(db)
    halfway: dict = {}
    written = [0]

    def on_item(_item):
        written[0] += 1
        if written[0] == total // 2:
            halfway.update(run.summary.worker_peak_rss_mb)

    run = Ingest(store, workers=processes, batch_size=batch_size, on_item=on_item)
    articles = (raw for raw, _ in zip(iter_articles([path]), range(total)))
    summary = run.run(articles)
    store.close()
    return summary, halfway, db


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles (default: all)")
    parser.add_argument("--workers", default="1,2", help="numbers of processes to measure, comma-separated")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--keep", type=Path, help="keep the SQLite files in this folder")
    args = parser.parse_args(argv)

    if not args.corpus.is_file():
        print(f"{args.corpus} is absent: the benchmark corpus is not available here", file=sys.stderr)
        return 2
    records = read_corpus(args.corpus, args.limit)
    texts = [record.get("text") or "" for record in records]
    words = sum(len(text.split()) for text in texts)
    # The ingest reads the same articles from the same file; a small file keeps the reading honest.
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    folder.mkdir(parents=True, exist_ok=True)
    subset = folder / "corpus.jsonl"
    with open(subset, "w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")

    print(f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"corpus: {args.corpus.name}, {len(records):,} articles, {words:,} words; batch size {args.batch_size}")
    results = {}
    for processes in [int(p) for p in args.workers.split(",")]:
        spacy_seconds, spacy_cpu = bare_spacy(texts, processes, args.batch_size)
        if processes == 1:
            from newsgraph.corpus.worker import init_worker

            init_worker(None, ())  # the model loaded (and warmed up) before the clocks start, as bare spaCy's is
        cpu = cpu_seconds()
        summary, halfway, db = run_ingest(subset, processes, args.batch_size, len(records), folder)
        ingest_cpu = cpu_seconds() - cpu
        steady = summary.seconds - summary.startup_seconds
        results[processes] = (summary.seconds, steady)
        print(f"\n== {processes} process{'es' if processes > 1 else ''}")
        print(f"bare spaCy nlp.pipe : {len(texts) / spacy_seconds:8.1f} docs/s {words / spacy_seconds:10,.0f} words/s ({spacy_seconds:.1f} s)")
        print(f"newsgraph ingest    : {summary.read / summary.seconds:8.1f} docs/s {words / summary.seconds:10,.0f} words/s "
              f"({summary.seconds:.1f} s; {summary.ingested} analysed, {summary.duplicates} duplicates, "
              f"{summary.non_english} non-English, {summary.errors} errors)")
        print(f"  after start-up    : {summary.read / steady:8.1f} docs/s {words / steady:10,.0f} words/s "
              f"(start-up {summary.startup_seconds:.1f} s: starting the workers, loading the model)")
        print(f"ingest / spaCy      : {spacy_seconds / summary.seconds:8.0%} of spaCy's words/s (target >= 75%)")
        print(f"CPU seconds         : spaCy {spacy_cpu:.1f}, ingest {ingest_cpu:.1f}: spaCy's work is {spacy_cpu / ingest_cpu:.0%} "
              "of the ingest's (the same figure without the other loads of a shared machine)")
        for pid, peak in sorted(summary.worker_peak_rss_mb.items()):
            print(f"worker {pid:>7} peak RSS: {halfway.get(pid, float('nan')):7.0f} MB half-way, {peak:7.0f} MB at the end (target < 1024 MB)")
        print(f"store: {db} ({db.stat().st_size / 1e6:.1f} MB)")
    if 1 in results and 2 in results:
        print(f"\nspeed-up from 1 to 2 workers: {results[1][0] / results[2][0]:.2f}x start-up included, "
              f"{results[1][1] / results[2][1]:.2f}x after start-up (target >= 1.7x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
