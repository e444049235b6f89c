"""Draw a seeded random sample of a store's events (or located events) for a precision audit.

    python scripts/audit_sample.py events --db STORE --n 200 --seed 1 -o REVIEW.tsv
    python scripts/audit_sample.py places --db STORE --n 200 --seed 1 -o REVIEW.tsv

Writes one row per sampled event with what a reviewer needs to judge it (the coded event,
its actors, its evidence and the sentence around it, from documents.text by offsets) and
empty `verdict` and `why` columns. The review file holds article text: keep it outside
the repository. The sample is uniform over the events (ordered by document id and
ordinal, then `random.Random(seed).sample`), so the same store and seed give the same rows.
"""

from __future__ import annotations

import argparse
import csv
import random
import sqlite3
import sys

EVENT_COLUMNS = ["document_id", "ordinal", "type", "mode", "quad_class", "negated", "modality",
                 "sources", "targets", "evidence", "sentence"]
PLACE_COLUMNS = EVENT_COLUMNS + ["location_name", "country", "lat", "lon"]
REVIEW_COLUMNS = ["verdict", "why"]
SENTENCE_ENDS = ".!?\n"


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or sentences) holding text[start:end]: out to the nearest end of
    sentence before `start` and after `end`."""
    left = start
    while left > 0 and not (text[left - 1] in SENTENCE_ENDS and (left == len(text) or text[left].isspace())):
        left -= 1
    right = end
    while right < len(text) and not (text[right] in SENTENCE_ENDS and (right + 1 == len(text) or text[right + 1].isspace())):
        right += 1
    return " ".join(text[left:right + 1].split())


def sample_keys(connection: sqlite3.Connection, n: int, seed: int, located: bool) -> list[tuple[str, int]]:
    where = " WHERE location_name IS NOT NULL" if located else ""
    keys = [(row["document_id"], row["ordinal"]) for row in
            connection.execute(f"SELECT document_id, ordinal FROM events{where} ORDER BY document_id, ordinal")]
    return random.Random(seed).sample(keys, min(n, len(keys)))


def actor_names(connection: sqlite3.Connection, document_id: str, ordinal: int, role: str) -> str:
    rows = connection.execute(
        "SELECT a.name FROM event_actors ea JOIN actors a ON a.id = ea.actor_id "
        "WHERE ea.document_id = ? AND ea.event_ordinal = ? AND ea.role = ? ORDER BY ea.position",
        (document_id, ordinal, role))
    return "; ".join(row["name"] for row in rows)


def review_rows(connection: sqlite3.Connection, n: int, seed: int, located: bool) -> list[dict]:
    rows = []
    for document_id, ordinal in sample_keys(connection, n, seed, located):
        event = connection.execute(
            "SELECT e.*, d.text AS document_text FROM events e JOIN documents d ON d.id = e.document_id "
            "WHERE e.document_id = ? AND e.ordinal = ?", (document_id, ordinal)).fetchone()
        text = event["document_text"]
        row = {"document_id": document_id, "ordinal": ordinal, "type": event["type"], "mode": event["mode"] or "",
               "quad_class": event["quad_class"], "negated": int(bool(event["negated"])), "modality": event["modality"] or "",
               "sources": actor_names(connection, document_id, ordinal, "source"),
               "targets": actor_names(connection, document_id, ordinal, "target"),
               "evidence": " ".join(text[event["evidence_start"]:event["evidence_end"]].split()),
               "sentence": sentence_around(text, event["evidence_start"], event["evidence_end"])}
        if located:
            row.update(location_name=event["location_name"], country=event["country"] or "",
                       lat=event["lat"], lon=event["lon"])
        rows.append(row | {"verdict": "", "why": ""})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["events", "places"], help="all events, or the events with a location")
    parser.add_argument("--db", required=True, help="the SQLite store (a path)")
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", help="the review file (TSV); standard output without it")
    args = parser.parse_args(argv)
    connection = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    connection.row_factory = sqlite3.Row
    located = args.what == "places"
    rows = review_rows(connection, args.n, args.seed, located)
    connection.close()
    output = open(args.output, "w", newline="", encoding="utf-8") if args.output else sys.stdout
    writer = csv.DictWriter(output, fieldnames=(PLACE_COLUMNS if located else EVENT_COLUMNS) + REVIEW_COLUMNS,
                            delimiter="\t", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    if args.output:
        output.close()
    print(f"{len(rows)} {args.what} sampled (seed {args.seed})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
