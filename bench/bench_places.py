"""Places and dates: detection on re3d beside bare spaCy, resolution on our annotated
articles, and what geocoding and date resolution cost within `analyze`.

    python bench/bench_places.py                       # all three, on ../shared/data
    python bench/bench_places.py --re3d ../shared/data/re3d
    python bench/bench_places.py --speed 200           # 200 corpus articles
    python bench/bench_places.py --resolution tests/places/fixtures

Detection: bare spaCy is the GPE, LOC and FAC entities of the same parse; newsgraph is
`doc._.newsgraph_places`. Speed: the time of the place stage (gazetteer matching,
resolution, dates, event locations) against the time of the whole `analyze` (parse and
every stage), measured on the same articles in the same run; the gazetteer is loaded
before timing (a one-time cost, printed apart).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
SHARED = ROOT.parent / "shared" / "data"

from newsgraph.geo.evaluate import evaluate_detection, locations, read_re3d  # noqa: E402
from newsgraph.pipeline import Analyzer  # noqa: E402

PLACE_LABELS = ("GPE", "LOC", "FAC")


def place_stage(analyzer: Analyzer):
    for stage in analyzer.stages:
        if type(stage).__name__ == "PlaceComponent":
            return stage
    from newsgraph.extract.places import PlaceStage

    return PlaceStage()


def run_detection(analyzer: Analyzer, folder: Path) -> None:
    documents = read_re3d(folder)
    documents = [d for d in documents if d.text.strip()]
    cache: dict[str, object] = {}
    stage = place_stage(analyzer)

    def parsed(text: str):
        if text not in cache:
            doc = analyzer.parse(text)
            if doc._.newsgraph_places is None:
                doc = stage(doc)
            cache[text] = doc
        return cache[text]

    def spacy_places(text: str):
        return [(e.start_char, e.end_char) for e in parsed(text).ents if e.label_ in PLACE_LABELS]

    def newsgraph_places(text: str):
        return [(p["start"], p["end"]) for p in parsed(text)._.newsgraph_places]

    results = evaluate_detection(documents, {"bare spaCy (GPE+LOC+FAC)": spacy_places, "newsgraph places": newsgraph_places})
    gold = sum(len(locations(d)) for d in documents)
    print(f"\nre3d Location spans: {len(documents)} documents, {gold} gold spans ({folder})")
    for measure in ("exact", "overlap", "named exact", "named overlap"):
        print(f"  {measure}:")
        for system, scores in results.items():
            prf = scores[measure]
            print(f"    {system:28} P {prf.precision:.3f}  R {prf.recall:.3f}  F1 {prf.f1:.3f}  (tp {prf.matched}, pred {prf.predicted}, gold {prf.gold})")


def run_resolution(analyzer: Analyzer, folder: Path) -> None:
    sys.path.insert(0, str(ROOT / "tests" / "places"))
    from fixtures_reader import read_fixtures, score_resolution  # noqa: E402

    articles = read_fixtures(folder)
    stage = place_stage(analyzer)
    total = correct = found = 0
    for article in articles:
        doc = analyzer.parse(article.text, date=article.date)
        if doc._.newsgraph_places is None:
            doc = stage(doc)
        result = score_resolution(article, doc._.newsgraph_places)
        total += result.total
        found += result.found
        correct += result.correct
        for miss in result.misses:
            print(f"  miss {article.name}: {miss}")
    print(f"\nresolution on {len(articles)} annotated articles ({folder}): {correct}/{total} mentions resolved to the annotated "
          f"place ({correct / total:.1%}); {found}/{total} detected")


def corpus_articles(count: int) -> list[dict]:
    path = SHARED / "corpus" / "tehran_times_10k.jsonl.gz"
    articles = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row.get("text"):
                articles.append({"text": row["text"], "title": row.get("title"), "date": "2023-06-15"})
            if len(articles) >= count:
                break
    return articles


def run_speed(analyzer: Analyzer, count: int) -> None:
    articles = corpus_articles(count)
    stage = place_stage(analyzer)
    start = time.perf_counter()
    stage.layer.gazetteer  # noqa: B018 - load before timing
    load = time.perf_counter() - start
    words = sum(len(a["text"].split()) for a in articles)
    stage_time = 0.0
    original = stage.__call__

    def timed(doc):
        nonlocal stage_time
        t0 = time.perf_counter()
        result = original(doc)
        stage_time += time.perf_counter() - t0
        return result

    wired = stage in analyzer.stages
    start = time.perf_counter()
    if wired:
        analyzer.stages[analyzer.stages.index(stage)] = timed
        for _ in analyzer.analyze_many(articles):
            pass
        analyzer.stages[analyzer.stages.index(timed)] = stage
    else:
        for value in articles:
            doc = analyzer.parse(value["text"], date=value["date"])
            timed(doc)
    total = time.perf_counter() - start
    print(f"\nspeed on {len(articles)} corpus articles ({words:,} words): analyze {total:.2f} s ({words / total:,.0f} words/s); "
          f"places + dates {stage_time:.2f} s = {stage_time / total:.1%} of analyze (target <= 5%); "
          f"gazetteer load {load:.2f} s once")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--re3d", type=Path, default=SHARED / "re3d")
    parser.add_argument("--resolution", type=Path, default=ROOT / "tests" / "places" / "fixtures")
    parser.add_argument("--speed", type=int, default=100, help="number of corpus articles (0: skip)")
    parser.add_argument("--only", choices=("re3d", "resolution", "speed"))
    args = parser.parse_args(argv)
    analyzer = Analyzer()
    if args.only in (None, "re3d"):
        if args.re3d.is_dir():
            run_detection(analyzer, args.re3d)
        else:
            print(f"skipped re3d: {args.re3d} is absent")
    if args.only in (None, "resolution"):
        run_resolution(analyzer, args.resolution)
    if args.only in (None, "speed") and args.speed:
        if (SHARED / "corpus").is_dir():
            run_speed(analyzer, args.speed)
        else:
            print(f"skipped speed: {SHARED / 'corpus'} is absent")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
