"""How the store and the HTTP API grow: stores of 10k, 100k (and more) documents made by
replicating a real store's analyses, and `bench/bench_api.py`'s calls on each.

    python bench/bench_growth.py --source /tmp/src1k.sqlite --sizes 10000,100000
    python bench/bench_growth.py --source /tmp/src1k.sqlite --sizes 10000,100000 \\
        --target postgresql://newsgraph:newsgraph@127.0.0.1:5432/growth     # one database per size

The source is a store built by a real ingest (`newsgraph ingest CORPUS --db SRC --limit 1000`).
Each target store gets the source's documents again and again, copy k under the ids
`ID~k` with every date moved k x 37 days later (so that the copies spread over the years
and date filters select a share of them, as in an archive), with all their actors,
mentions, quotes, events and places. Actors of the knowledge base are the same in every
copy (states, leaders and groups recur in an archive); every other actor is a new one in
each copy (`ID~k`: the people and bodies of other stories), so that the number of actors
grows with the store as it does in a real one. The network's daily edge counts are
computed from the copied events. Duplicate fingerprints are not copied (the API does not
read them). Then `bench_api.py --no-browser --json` runs on each store
(a real `newsgraph serve`), and a table prints the median and 95th percentile of every
endpoint at every size, beside the target (300 ms).
This is a benchmark, not a test: it asserts nothing and prints the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import machine  # noqa: E402

HERE = Path(__file__).resolve().parent
STEP_DAYS = 37
# The document tables copied per document, with their date columns.
COPIED = ("documents", "document_actors", "actor_roles", "mentions", "quotes", "quote_actors", "events", "event_actors",
          "contested", "places")
DATES = {"documents": ("date",), "actor_roles": ("date",), "quotes": ("date",), "quote_actors": ("date",), "events": ("date", "day")}


def shifted(value: str | None, days: int) -> str | None:
    """A date of any precision (YYYY-MM-DD, YYYY-MM, YYYY) `days` later."""
    if not value:
        return value
    try:
        if len(value) == 10:
            return (dt.date.fromisoformat(value) + dt.timedelta(days=days)).isoformat()
        if len(value) == 7:
            year, month = int(value[:4]), int(value[5:7]) - 1 + round(days / 30.44)
            return f"{year + month // 12:04d}-{month % 12 + 1:02d}"
        if len(value) == 4:
            return f"{int(value) + days // 365:04d}"
    except ValueError:
        pass
    return value


def build(source: str, target: str, size: int) -> dict:
    """A store of `size` documents from copies of the source's analysed documents."""
    from sqlalchemy import select

    from newsgraph.store import Store, schema
    from newsgraph.store.rows import edges_of, fold
    from newsgraph.store.writer import add_edges, insert_all, recount_actor_totals

    started = time.perf_counter()
    with Store.open(source, create=False) as src, src.read() as connection:
        tables = {name: [dict(row._mapping) for row in connection.execute(select(schema.metadata.tables[name]))]
                  for name in COPIED + ("actors", "actor_names")}
    documents = [row for row in tables["documents"] if row["status"] == schema.ANALYSED]
    by_document: dict[str, dict[str, list[dict]]] = {row["id"]: {name: [] for name in COPIED[1:]} for row in documents}
    for name in COPIED[1:]:
        for row in tables[name]:
            if row["document_id"] in by_document:
                by_document[row["document_id"]][name].append(row)
    actors = {row["id"]: row for row in tables["actors"]}
    names: dict[str, list[str]] = {}
    for row in tables["actor_names"]:
        names.setdefault(row["actor_id"], []).append(row["name"])
    known = {actor_id for actor_id, row in actors.items() if row["kb_id"]}
    copies = -(-size // len(documents))
    written = 0
    with Store.open(target) as store:
        for k in range(copies):
            keep = documents[: size - written]
            suffix, days = (f"~{k}" if k else ""), k * STEP_DAYS

            def actor(actor_id: str | None) -> str | None:
                # knowledge-base actors recur in every copy; the others are new people and groups
                return actor_id if not actor_id or actor_id in known or not k else actor_id + suffix

            out: dict[str, list[dict]] = {name: [] for name in COPIED}
            first: dict[str, str] = {}
            edges = []
            for document in keep:
                doc_id = document["id"] + suffix
                out["documents"].append({**document, "id": doc_id, "date": shifted(document["date"], days)})
                rows = by_document[document["id"]]
                for name in COPIED[1:]:
                    for row in rows[name]:
                        row = {**row, "document_id": doc_id}
                        for column in DATES.get(name, ()):
                            row[column] = shifted(row[column], days)
                        for column in ("actor_id", "speaker_id", "attributed_to"):
                            if column in row:
                                row[column] = actor(row[column])
                        out[name].append(row)
                        if name == "document_actors":
                            first.setdefault(row["actor_id"], doc_id)
                edges.extend(edges_of(out["events"][-len(rows["events"]):] if rows["events"] else [],
                                      out["event_actors"][-len(rows["event_actors"]):] if rows["event_actors"] else []))
            with store.write() as connection:
                insert_all(connection, schema.documents, out["documents"])
                new_actors = [{**actors[original], "id": actor(original), "first_document": first[actor(original)]}
                              for original in actors if actor(original) in first and (k == 0 or actor(original) != original)]
                if k == 0:  # every actor of the source, first met where the source met it
                    new_actors = [row for row in tables["actors"]]
                insert_all(connection, schema.actors, new_actors)
                insert_all(connection, schema.actor_names, [{"actor_id": row["id"], "name": name, "folded": fold(name)}
                                                            for row in new_actors for name in names.get(row["id"].split("~")[0], ())])
                for name in COPIED[1:]:
                    insert_all(connection, schema.metadata.tables[name], out[name])
                add_edges(connection, edges)
            written += len(keep)
        with store.write() as connection:
            recount_actor_totals(connection)
        stats = store.stats()
    return {"seconds": time.perf_counter() - started, "copies": copies, "stats": stats}


def target_for(base: str | None, folder: Path, size: int) -> str:
    if base is None:
        return str(folder / f"growth-{size}.sqlite")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    url = make_url(base).set(drivername="postgresql+psycopg")
    name = f"{url.database}_{size}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\''))
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", required=True, help="a store built by a real ingest")
    parser.add_argument("--sizes", default="10000,100000", help="documents per store, comma-separated")
    parser.add_argument("--target", help="a PostgreSQL URL (a database per size is made beside it); default: SQLite files")
    parser.add_argument("--folder", type=Path, help="where the SQLite stores go (default: a temporary folder)")
    parser.add_argument("--repeat", type=int, default=20, help="timed calls per endpoint")
    parser.add_argument("--keep", action="store_true", help="keep the stores (SQLite)")
    args = parser.parse_args()
    sizes = [int(part) for part in args.sizes.split(",") if part]
    folder = args.folder or Path(tempfile.mkdtemp(prefix="newsgraph-growth-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine()}; backend: {'PostgreSQL' if args.target else 'SQLite'}")
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"  # bench_api runs `newsgraph`
    results: dict[int, dict] = {}
    for size in sizes:
        target = target_for(args.target, folder, size)
        built = build(args.source, target, size)
        stats = built["stats"]
        print(f"{size:,} documents: built in {built['seconds']:,.0f} s ({built['copies']} copies): {stats['documents']:,} documents, "
              f"{stats['quotes']:,} quotes, {stats['events']:,} events, {stats['actors']:,} actors", flush=True)
        out = folder / f"api-{size}.json"
        db = target if args.target else target
        subprocess.run([sys.executable, str(HERE / "bench_api.py"), "--db", db, "--no-browser", "--repeat", str(args.repeat),
                        "--json", str(out)], check=True)
        results[size] = json.loads(out.read_text())["endpoints"]
        if not args.keep and not args.target:
            for path in folder.glob(f"growth-{size}.sqlite*"):
                path.unlink()
    labels = list(next(iter(results.values())))
    print()
    print("| endpoint | " + " | ".join(f"{size:,}: p50 / p95 ms" for size in sizes) + " |")
    print("|---|" + "---|" * len(sizes))
    for label in labels:
        cells = [f"{results[size][label]['median_ms']:,.0f} / {results[size][label]['p95_ms']:,.0f}" for size in sizes]
        print(f"| {label} | " + " | ".join(cells) + " |")
    over = [(size, label) for size in sizes for label in labels
            if results[size][label]["p95_ms"] > 300 and not label.startswith("POST")]
    print(f"p95 over 300 ms: {', '.join(f'{label} at {size:,}' for size, label in over) if over else 'none'}")


if __name__ == "__main__":
    main()
