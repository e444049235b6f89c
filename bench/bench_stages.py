"""Time of each newsgraph stage beside the bare spaCy parse, measured in the same run.

    python bench/bench_stages.py --articles 500

Parses the first N articles of ../shared/data/corpus/tehran_times_10k.jsonl.gz with the
bare spaCy pipeline (timed), then runs each stage of `Analyzer.stages` in its order over
all the parsed documents (each stage timed on its own; a stage sees what the earlier ones
found, as in `analyze`), then builds the `Analysis` objects (timed). Prints seconds,
words/s and each part's share of the whole (parse + stages + build, i.e. what `analyze`
spends). Every stage is listed, so that new stages show up without changing this script.
The best of `--repeat` passes is kept, so that a busy moment of the machine does not
decide (OMP_NUM_THREADS=1).
"""

from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")

from corpus import load_articles, machine


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()

    from newsgraph.pipeline import Analyzer, Article, build_analysis

    articles = load_articles(args.articles)
    texts = [a["text"] for a in articles]
    analyzer = Analyzer()
    nlp = analyzer.nlp
    list(nlp.pipe(texts[:20], batch_size=args.batch_size))  # warm up
    names = ["spaCy parse"] + [type(stage).__name__ for stage in analyzer.stages] + ["build Analysis"]
    best = {name: float("inf") for name in names}
    words = 0
    for _ in range(args.repeat):
        started = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=args.batch_size))
        best["spaCy parse"] = min(best["spaCy parse"], time.perf_counter() - started)
        words = sum(1 for doc in docs for token in doc if not (token.is_space or token.is_punct))
        for stage in analyzer.stages:
            name = type(stage).__name__
            started = time.perf_counter()
            docs = [stage(doc) for doc in docs]
            best[name] = min(best[name], time.perf_counter() - started)
        started = time.perf_counter()
        for text, doc in zip(texts, docs):
            build_analysis(Article(text=text), doc)
        best["build Analysis"] = min(best["build Analysis"], time.perf_counter() - started)

    whole = sum(best.values())
    print(f"machine: {machine()}")
    print(f"articles: {len(texts):,}  words: {words:,}  model: {nlp.meta['name']} {nlp.meta['version']}  best of {args.repeat}")
    print(f"{'part of analyze':<24}{'seconds':>10}{'words/s':>12}{'share':>9}{'vs parse':>10}")
    base = best["spaCy parse"]
    for name in names:
        seconds = best[name]
        print(f"{name:<24}{seconds:>10.2f}{words / seconds:>12,.0f}{100 * seconds / whole:>8.1f}%{100 * seconds / base:>9.1f}%")
    print(f"{'analyze (sum)':<24}{whole:>10.2f}{words / whole:>12,.0f}{100.0:>8.1f}%")


if __name__ == "__main__":
    main()
