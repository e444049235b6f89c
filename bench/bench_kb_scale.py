"""Does the knowledge base stay fast with 50,000+ imported names?

Imports the PETRARCH/Phoenix actor dictionaries, the OFAC SDN list and the UN consolidated
list (from ../shared/data) into a temporary NEWSGRAPH_HOME, then prints side by side, for
the shipped knowledge base alone and with the imports added:

- KB load time: cold (parse the files and compile the matcher) and from the on-disk cache;
- KB memory (tracemalloc: the bytes the loaded KB holds);
- `analyze` throughput in words/s over the same corpus articles (end to end: spaCy parse
  and newsgraph's stages), and the actor layer alone on the same parsed documents (the part
  the knowledge base can slow down).

Target: with the imports, `analyze` at most 10% slower.

    OMP_NUM_THREADS=1 python bench/bench_kb_scale.py --articles 300
"""

from __future__ import annotations

import argparse
import gc
import gzip
import itertools
import json
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"


def corpus_texts(path: Path, count: int) -> list[str]:
    texts = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in itertools.islice(handle, count * 2):
            text = (json.loads(line).get("text") or "").strip()
            if text:
                texts.append(text)
            if len(texts) == count:
                break
    return texts


def import_lists(data: Path) -> dict:
    from newsgraph.kb.importers import import_files

    petrarch = data / "dictionaries" / "petrarch2"
    jobs = [
        ("phoenix", [petrarch / f"Phoenix.{n}.actors.txt" for n in ("Countries", "International", "MilNonState")]),
        ("ofac", [data / "kb" / "ofac"]),
        ("un", sorted((data / "kb" / "un").glob("*.xml"))),
    ]
    out = {}
    for fmt, paths in jobs:
        started = time.perf_counter()
        report = import_files(paths, fmt)
        out[fmt] = {"records": report.records, "overlays": report.overlays, "names": dict(report.names),
                    "seconds": round(time.perf_counter() - started, 2)}
    return out


def load_times(include_user: bool) -> dict:
    from newsgraph.kb import base

    files = tuple(base.kb_files(base.default_kb_paths(include_user=include_user)))
    base._load.cache_clear()
    started = time.perf_counter()
    kb = base._load(files, False)
    cold = time.perf_counter() - started
    base._load.cache_clear()
    base._load(files, True)  # writes the cache
    base._load.cache_clear()
    started = time.perf_counter()
    base._load(files, True)
    cached = time.perf_counter() - started
    base._load.cache_clear()
    gc.collect()
    tracemalloc.start()
    held = base._load(files, False)
    memory = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    base._load.cache_clear()
    del held
    gc.collect()
    return {"records": len(kb), "names": len(kb.matcher), "cold_s": cold, "cached_s": cached, "memory_mb": memory / 2**20}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300, help="corpus articles to analyse (default 300)")
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data folder")
    parser.add_argument("--rounds", type=int, default=2, help="timed rounds per knowledge base, alternating (default 2)")
    args = parser.parse_args()
    corpus = args.data / "corpus" / "tehran_times_10k.jsonl.gz"
    if not corpus.exists() or not (args.data / "kb" / "ofac").exists():
        print(f"skipped: {args.data} does not hold the corpus and the lists", file=sys.stderr)
        return 0
    home = tempfile.mkdtemp(prefix="newsgraph-bench-home-")
    os.environ["NEWSGRAPH_HOME"] = home
    os.environ.pop("NEWSGRAPH_KB_PATH", None)
    os.environ.setdefault("OMP_NUM_THREADS", "1")

    print(f"importing into {home}/kb ...", flush=True)
    imports = import_lists(args.data)
    for fmt, figures in imports.items():
        print(f"  {fmt:8} {figures['records']:>7,} records ({figures['overlays']} overlays of shipped actors), "
              f"{figures['names'].get('strong', 0):,} names matched, {figures['names'].get('weak', 0):,} weak, "
              f"{figures['seconds']:.1f} s")

    loads = {"shipped": load_times(False), "shipped + imports": load_times(True)}

    from newsgraph.extract.actors import ActorLayer
    from newsgraph.kb.base import load_knowledge_base
    from newsgraph.pipeline import Analyzer

    kbs = {"shipped": load_knowledge_base(include_user=False), "shipped + imports": load_knowledge_base()}
    texts = corpus_texts(corpus, args.articles)
    analyzers = {name: Analyzer(kb=kb) for name, kb in kbs.items()}
    first = next(iter(analyzers.values()))
    list(first.analyze_many(texts[:20]))  # warm-up
    words = sum(a.document.words for a in first.analyze_many(texts))

    # Paired, interleaved timing: each chunk of articles is analysed with both knowledge
    # bases in turn (the order alternating), so that the load of a shared machine falls
    # on both alike.
    end_to_end = {name: [] for name in kbs}
    layer_only = {name: [] for name in kbs}
    docs = list(first.nlp.pipe(texts))
    layers = {name: ActorLayer(kb) for name, kb in kbs.items()}
    chunks = [texts[i : i + 10] for i in range(0, len(texts), 10)]
    order = list(kbs)
    for _ in range(args.rounds):
        totals = {name: 0.0 for name in kbs}
        for number, chunk in enumerate(chunks):
            for name in (order if number % 2 == 0 else order[::-1]):
                started = time.perf_counter()
                for _analysis in analyzers[name].analyze_many(chunk):
                    pass
                totals[name] += time.perf_counter() - started
        for name in kbs:
            end_to_end[name].append(totals[name])
        for name in (order if _ % 2 == 0 else order[::-1]):
            started = time.perf_counter()
            for doc in docs:
                layers[name](doc, None)
            layer_only[name].append(time.perf_counter() - started)

    names = list(kbs)
    print(f"\n{len(texts)} articles, {words:,} words; best of {args.rounds} rounds\n")
    print(f"{'':34}" + "".join(f"{name:>20}" for name in names) + f"{'change':>10}")

    def row(label, values, fmt, change=True):
        base, other = values
        delta = f"{100 * (other - base) / base:+.1f}%" if change and base else ""
        print(f"{label:34}" + "".join(f"{format(v, fmt):>20}" for v in values) + f"{delta:>10}")

    row("actors", [loads[n]["records"] for n in names], ",")
    row("names matched in articles", [loads[n]["names"] for n in names], ",")
    row("KB load, cold (parse + compile) s", [loads[n]["cold_s"] for n in names], ".2f")
    row("KB load, from the cache s", [loads[n]["cached_s"] for n in names], ".2f")
    row("KB memory MB", [loads[n]["memory_mb"] for n in names], ".1f")
    rates = [words / min(end_to_end[n]) for n in names]
    row("analyze words/s (end to end)", rates, ",.0f")
    layer_rates = [words / min(layer_only[n]) for n in names]
    row("actor layer alone words/s", layer_rates, ",.0f")
    slowdown = 100 * (1 - rates[1] / rates[0])
    verdict = "OK" if slowdown <= 10 else "OVER TARGET"
    print(f"\nanalyze with the imports: {slowdown:.1f}% slower (target: at most 10%): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
