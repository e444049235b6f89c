"""Duplicate detection on a real corpus: how many exact and near duplicates, how fast,
and a sample of the pairs to judge precision by eye.

Data: ../shared/data/corpus/tehran_times_10k.jsonl.gz (10,000 articles, `{id, title, text}`).

Reported:
- exact and near duplicates found by `DuplicateIndex` (near: estimated Jaccard of word
  5-gram sets >= the threshold), and how many near pairs fall in each similarity band;
- speed in documents per second: fingerprinting (`fingerprint(text)`: words, shingles,
  MinHash, band keys) and indexing (`add_fingerprint`), beside a baseline measured in the
  same run: `exact_key(text)` alone (reading the words and hashing them once);
- LSH recall: on the first --brute documents, every pair whose signatures agree at or
  above the threshold (found by comparing all pairs) against the pairs the band keys
  made candidates;
- a random sample of near-duplicate pairs with the estimated similarity, the exact
  Jaccard similarity of their shingle sets, and the start of both titles and texts.

    python bench/bench_dedup.py [--corpus PATH] [--limit N] [--threshold 0.7] [--sample 12] [--brute 2000]
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.ingest.fingerprint import (  # noqa: E402
    NEAR_THRESHOLD, SHINGLE_WORDS, DuplicateIndex, exact_key, fingerprint, words,
)

DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "tehran_times_10k.jsonl.gz"


def shingles(text: str) -> set[tuple[str, ...]]:
    tokens = words(text)
    size = min(SHINGLE_WORDS, len(tokens))
    return {tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)} if tokens else set()


def jaccard(a: str, b: str) -> float:
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb) if sa or sb else 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles (0: all)")
    parser.add_argument("--threshold", type=float, default=NEAR_THRESHOLD)
    parser.add_argument("--sample", type=int, default=12, help="near-duplicate pairs to print")
    parser.add_argument("--brute", type=int, default=2000, help="documents for the all-pairs LSH recall check (0: skip)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    if not args.corpus.exists():
        print(f"skip: {args.corpus} not found (the corpus lives in ../shared/data)")
        return 0
    with gzip.open(args.corpus, "rt", encoding="utf-8") as stream:
        docs = [json.loads(line) for line in itertools.islice(stream, args.limit or None)]
    texts = [doc.get("text") or "" for doc in docs]
    ids = [str(doc.get("id", i)) for i, doc in enumerate(docs)]
    n = len(docs)
    total_words = sum(len(t.split()) for t in texts)
    print(f"corpus: {n} articles, {total_words:,} words ({args.corpus.name})")

    start = time.perf_counter()
    for text in texts:
        exact_key(text)
    baseline = time.perf_counter() - start

    start = time.perf_counter()
    prints = [fingerprint(text) for text in texts]
    fingerprinting = time.perf_counter() - start

    index = DuplicateIndex(threshold=args.threshold)
    start = time.perf_counter()
    found = [index.add_fingerprint(doc_id, fp) for doc_id, fp in zip(ids, prints)]
    indexing = time.perf_counter() - start

    kinds = Counter(dup.kind for dup in found if dup)
    print(f"threshold {args.threshold}: {kinds['exact']} exact duplicates, {kinds['near']} near duplicates, "
          f"{len(index)} first copies")
    bands = Counter(min(int(dup.similarity * 10), 9) / 10 for dup in found if dup and dup.kind == "near")
    if bands:
        print("near duplicates by estimated similarity: "
              + ", ".join(f"[{b:.1f}, {b + 0.1:.1f}): {bands[b]}" for b in sorted(bands)))
    print("speed (documents/s):")
    print(f"  baseline exact_key only      {n / baseline:9.0f}")
    print(f"  fingerprint (MinHash, bands) {n / fingerprinting:9.0f}   ({fingerprinting / baseline:.1f}x the baseline's time)")
    print(f"  DuplicateIndex.add           {n / indexing:9.0f}")
    print(f"  both                         {n / (fingerprinting + indexing):9.0f}   ({total_words / (fingerprinting + indexing):,.0f} words/s)")

    if args.brute:
        m = min(args.brute, n)
        signatures = np.stack([fp.signature for fp in prints[:m]])
        truth = set()
        for i in range(m - 1):
            agree = (signatures[i + 1 :] == signatures[i]).mean(axis=1)
            truth.update((i, i + 1 + j) for j in np.nonzero(agree >= args.threshold)[0])
        buckets: dict[int, list[int]] = {}
        for i in range(m):
            for key in prints[i].bands:
                buckets.setdefault(key, []).append(i)
        candidates = {pair for members in buckets.values() for pair in itertools.combinations(members, 2)}
        recall = len(truth & candidates) / len(truth) if truth else 1.0
        print(f"LSH on the first {m} documents: {len(truth)} pairs at or above {args.threshold} by all-pairs comparison, "
              f"{len(truth & candidates)} of them band-key candidates (recall {recall:.3f}); "
              f"{len(candidates)} candidate pairs checked of {m * (m - 1) // 2:,}")

    near = [(doc_id, dup) for doc_id, dup in zip(ids, found) if dup and dup.kind == "near"]
    by_id = dict(zip(ids, docs))
    rng = random.Random(args.seed)
    sample = rng.sample(near, min(args.sample, len(near)))
    if sample:
        print(f"\nsample of {len(sample)} near-duplicate pairs (estimated similarity, exact shingle Jaccard):")
        agree = 0
        for doc_id, dup in sorted(sample, key=lambda item: -item[1].similarity):
            a, b = by_id[doc_id], by_id[dup.of]
            exact = jaccard(a.get("text", ""), b.get("text", ""))
            agree += exact >= args.threshold
            print(f"- {dup.similarity:.2f} est, {exact:.2f} exact | {doc_id} -> first copy {dup.of}")
            for label, doc in (("dup ", a), ("orig", b)):
                title = (doc.get("title") or "")[:80]
                start_text = " ".join((doc.get("text") or "").split())[:110]
                print(f"    {label}: {title} | {start_text}")
        print(f"exact Jaccard at or above the threshold in {agree} of {len(sample)} sampled pairs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
