"""How well newsgraph's HTML reader extracts articles from real pages.

Data: the ScrapingHub article-extraction benchmark in ../shared/data/html_articles/
(181 crawled news and blog pages, `html/<sha>.html.gz`, and `ground-truth.json` with each
page's true article body and URL). trafilatura's published score on it is F1 0.958
(4-gram shingle metric below).

Each page goes through `newsgraph.ingest.html.article_from_html`, exactly as
`newsgraph ingest page.html` reads it (no URL given). Reported:

- body, token level: bag of words (\\w+, case-folded); per page precision and recall
  of the extracted words against the true body, averaged over pages;
- body, the benchmark's own metric: the same with word 4-grams (shingles), counts
  normalized per page, precision and recall averaged over pages, F1 of the averages;
- metadata: the ground truth has no titles, so title *accuracy* cannot be measured; the
  script reports how often a title, date and author are found, and, as a proxy for
  title correctness, how often the title contains most words of the URL's slug (for
  URLs whose last path segment is a slug of at least 3 words);
- speed: pages per second.

    python bench/bench_html.py [--data ../shared/data/html_articles] [--limit N] [--show-worst 5]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.ingest.html import article_from_html  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "html_articles"
WORD = re.compile(r"\w+")
PUBLISHED_F1 = 0.958


def tokens(text: str) -> list[str]:
    return WORD.findall((text or "").casefold())


def grams(text: str, n: int) -> Counter:
    words = tokens(text)
    if n == 1:
        return Counter(words)
    return Counter(tuple(words[i : i + n]) for i in range(max(1, len(words) - n + 1)) if words[i : i + n])


def overlap(true: str, pred: str, n: int) -> tuple[float, float, float]:
    """(tp, fp, fn) of n-gram counts, normalized to sum to 1 (each page weighs the same)."""
    expected, got = grams(true, n), grams(pred, n)
    tp = sum((expected & got).values())
    fp = sum((got - expected).values())
    fn = sum((expected - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def scores(rows: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    def precision(tp, fp, fn):
        return 1.0 if fp == fn == 0 else (0.0 if tp == fp == 0 else tp / (tp + fp))

    def recall(tp, fp, fn):
        return 1.0 if fp == fn == 0 else (0.0 if tp == fn == 0 else tp / (tp + fn))

    p = statistics.mean(precision(*row) for row in rows if row[0] + row[1] > 0)
    r = statistics.mean(recall(*row) for row in rows if row[0] + row[2] > 0)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def slug_words(url: str) -> list[str]:
    path = re.sub(r"[?#].*$", "", url).rstrip("/")
    last = path.rsplit("/", 1)[-1]
    last = re.sub(r"\.(s?html?|php|aspx?)$", "", last)
    words = [w for w in re.split(r"[-_]+", last.casefold()) if w.isalpha()]
    return words if len(words) >= 3 else []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (0: all)")
    parser.add_argument("--show-worst", type=int, default=5, help="print the N pages with the lowest token F1")
    args = parser.parse_args()

    truth_path = args.data / "ground-truth.json"
    if not truth_path.exists():
        print(f"skip: {truth_path} not found (the benchmark data lives in ../shared/data)")
        return 0
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    keys = sorted(truth)
    if args.limit:
        keys = keys[: args.limit]

    token_rows, shingle_rows, per_page = [], [], []
    found = Counter()
    slug_checked = slug_ok = 0
    seconds = 0.0
    for key in keys:
        data = gzip.decompress((args.data / "html" / f"{key}.html.gz").read_bytes())
        start = time.perf_counter()
        article = article_from_html(data, f"{key[:12]}.html")
        seconds += time.perf_counter() - start
        body = "" if article.error else article.text
        true_body = truth[key].get("articleBody", "")
        token_rows.append(overlap(true_body, body, 1))
        shingle_rows.append(overlap(true_body, body, 4))
        p, r, f = scores([token_rows[-1]])
        per_page.append((f, key, truth[key].get("url", ""), article.error))
        found["error"] += article.error is not None
        for field in ("title", "date", "author"):
            found[field] += bool(getattr(article, field))
        words = slug_words(truth[key].get("url", ""))
        if words and article.title:
            slug_checked += 1
            title_words = set(tokens(article.title))
            slug_ok += sum(w in title_words for w in words) / len(words) >= 0.6

    n = len(keys)
    tp, tr, tf = scores(token_rows)
    sp, sr, sf = scores(shingle_rows)
    print(f"HTML extraction on {n} pages of {args.data}")
    print(f"  body, tokens      precision {tp:.3f}  recall {tr:.3f}  F1 {tf:.3f}")
    print(f"  body, 4-grams     precision {sp:.3f}  recall {sr:.3f}  F1 {sf:.3f}   (trafilatura published: F1 {PUBLISHED_F1})")
    print(f"  no text found     {found['error']} of {n}")
    print(f"  title found       {found['title'] / n:.1%}   date found {found['date'] / n:.1%}   author found {found['author'] / n:.1%}")
    if slug_checked:
        print(f"  title matches URL slug (>= 60% of slug words): {slug_ok}/{slug_checked} = {slug_ok / slug_checked:.1%}  (proxy: no title in the ground truth)")
    print(f"  speed             {n / seconds:.1f} pages/s ({seconds:.1f} s in extraction)")
    if args.show_worst:
        print("  lowest token F1:")
        for f, key, url, error in sorted(per_page)[: args.show_worst]:
            print(f"    {f:.3f}  {key[:12]}  {url[:90]}{'  [' + error + ']' if error else ''}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
