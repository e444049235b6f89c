"""The Dask engine beside local worker processes, on the same articles and machine.

    python bench/bench_dask.py --limit 2000 --workers 2

Writes the first N articles of ../shared/data/corpus/tehran_times_10k.jsonl.gz to a JSON
Lines file, then in the same run ingests them into two new SQLite stores: with
`--workers W` (local processes), and with `--engine dask` on a `LocalCluster` of W worker
processes with one thread each (started here, on this machine; each worker loads and
warms the model before the clock starts, as local workers do in their initializer). It prints the documents and words per
second of both (start-up excluded for both: the clock runs from the first article), the
Dask engine's share of the local one's (target: within 10%), and whether the two stores
are identical (`Store.canonical_dump`).
This is a benchmark, not a test: it asserts nothing and prints the figures.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import load_articles, machine, write_jsonl  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=2000, help="articles of the corpus (default 2000)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes of both engines (default 2)")
    options = parser.parse_args()
    import distributed

    from newsgraph.corpus import ingest
    from newsgraph.corpus.worker import init_worker
    from newsgraph.store import Store

    articles = load_articles(options.limit)
    with tempfile.TemporaryDirectory(prefix="newsgraph-dask-") as folder:
        folder = Path(folder)
        source = write_jsonl(articles, folder / "articles.jsonl")
        local_db, dask_db = str(folder / "local.sqlite"), str(folder / "dask.sqlite")
        local = ingest([source], local_db, workers=options.workers)
        with distributed.LocalCluster(n_workers=options.workers, threads_per_worker=1, processes=True,
                                      dashboard_address=None, host="127.0.0.1") as cluster:
            with distributed.Client(cluster) as client:  # each worker loads the model now, as local workers do
                client.run(init_worker)
            dask = ingest([source], dask_db, engine="dask", scheduler=cluster.scheduler_address)
        with Store.open(local_db) as a, Store.open(dask_db) as b:
            identical = a.canonical_dump() == b.canonical_dump()
    print(f"machine: {machine()}; OMP_NUM_THREADS={os.environ['OMP_NUM_THREADS']}; {options.workers} workers")
    rates = {}
    for name, summary in (("local processes", local), ("Dask LocalCluster", dask)):
        seconds = summary.seconds - summary.startup_seconds
        rates[name] = summary.words / seconds
        print(f"{name:<18} {summary.ingested:,} documents, {summary.words:,} words in {seconds:,.1f} s "
              f"(start-up {summary.startup_seconds:,.1f} s): {summary.ingested / seconds:,.1f} documents/s, "
              f"{summary.words / seconds:,.0f} words/s")
    print(f"Dask / local: {rates['Dask LocalCluster'] / rates['local processes']:.2f} (target: at least 0.90)")
    print(f"the two stores identical: {identical}")


if __name__ == "__main__":
    main()
