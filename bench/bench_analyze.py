"""Throughput of `analyze` beside the bare spaCy pipeline, measured in the same run.

    python bench/bench_analyze.py --articles 2000

Prints words/s of (1) bare spaCy `nlp.pipe`, (2) spaCy + the actor layer, (3) the whole
analysis (every newsgraph stage), over the same articles, one process each
(OMP_NUM_THREADS=1), and the overhead of each over bare spaCy. Passes alternate and the
best of `--repeat` runs is kept, so that a busy moment of the machine does not decide.
"""

from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")

from corpus import load_articles, machine  # noqa: E402


def words_of(docs) -> int:
    return sum(1 for doc in docs for token in doc if not (token.is_space or token.is_punct))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()

    from newsgraph.pipeline import Analyzer

    articles = load_articles(args.articles)
    texts = [a["text"] for a in articles]
    analyzer = Analyzer()
    nlp = analyzer.nlp
    actor_stage = analyzer.stages[0]
    words = words_of(nlp.pipe(texts[:50], batch_size=args.batch_size))  # warm up
    words = sum(len([t for t in nlp.make_doc(text) if not (t.is_space or t.is_punct)]) for text in texts)

    def bare():
        for _ in nlp.pipe(texts, batch_size=args.batch_size):
            pass

    def with_actors():
        for doc in nlp.pipe(texts, batch_size=args.batch_size):
            actor_stage(doc)

    def full():
        for _ in analyzer.analyze_many(texts, batch_size=args.batch_size):
            pass

    passes = {"bare spaCy": bare, "spaCy + actor layer": with_actors, "analyze (all stages)": full}
    best = {name: float("inf") for name in passes}
    for _ in range(args.repeat):
        for name, run in passes.items():
            started = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - started)

    print(f"machine: {machine()}")
    print(f"articles: {len(texts):,}  words: {words:,}  model: {nlp.meta['name']} {nlp.meta['version']}  stages: {', '.join(type(s).__name__ for s in analyzer.stages)}")
    base = best["bare spaCy"]
    print(f"{'pipeline':<24}{'seconds':>10}{'words/s':>12}{'vs bare spaCy':>16}")
    for name, seconds in best.items():
        overhead = "" if name == "bare spaCy" else f"{100 * (seconds / base - 1):+.1f}%"
        print(f"{name:<24}{seconds:>10.1f}{words / seconds:>12,.0f}{overhead:>16}")


if __name__ == "__main__":
    main()
