"""A scraped article that holds its own paragraphs more than once is analysed once per
passage: the same quotes, events and mention counts as the clean article, the repeats
counted on the stored document, every offset still into the stored text."""

from __future__ import annotations

import json

import pytest

from newsgraph.cli import main
from newsgraph.ingest.repeats import blank_repeats, repeated_spans
from newsgraph.store import Store

PARAGRAPHS = [
    "LAKEPORT - The Lakeport harbour authority accused the Northbank shipping company of dumping fuel in the bay, "
    "officials said on Monday.",
    "\"We have photographs of every spill,\" said Mara Vell, the spokeswoman of the harbour authority.",
    "The Northbank shipping company denied the accusation and said its tankers followed every rule.",
    "Fishermen protested outside the harbour office on Tuesday.",
]


def test_repeated_sentences_are_found_and_blanked_to_the_same_length():
    text = "\n".join(PARAGRAPHS) + "\n" + "\n".join(PARAGRAPHS[1:])
    blanked, repeated = blank_repeats(text)
    assert len(blanked) == len(text) and blanked.count("\n") == text.count("\n")
    assert repeated == sum(len(p) for p in PARAGRAPHS[1:])
    assert blanked[: len("\n".join(PARAGRAPHS))] == "\n".join(PARAGRAPHS)
    assert not blanked[len("\n".join(PARAGRAPHS)) :].strip()
    # short lines that repeat alone stay: they are no passage
    assert repeated_spans("Read more\nThe first story is here.\nRead more") == []
    assert blank_repeats("No repeat here at all, none.")[1] == 0


def ingest_one(tmp_path, doc_id: str, text: str, capsys) -> dict:
    """Ingest one article into a store of its own; its stored document with its analysis,
    and the counts across the store."""
    from newsgraph.store import queries

    source = tmp_path / f"{doc_id}.jsonl"
    source.write_text(json.dumps({"id": doc_id, "title": doc_id, "date": "2024-05-06", "text": text}) + "\n", encoding="utf-8")
    db = str(tmp_path / f"{doc_id}.sqlite")
    assert main(["ingest", str(source), "--db", db, "--quiet", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["ingested"] == 1
    with Store.open(db, create=False) as store, store.read() as connection:
        (summary,) = queries.documents(connection, limit=10)
        detail = queries.document(connection, doc_id)
        actors = {row["id"]: row["mentions"] for row in queries.actors(connection, limit=100)}
        edges = queries.network(connection)
    return {"summary": summary, "detail": detail, "actors": actors, "edges": edges}


@pytest.mark.slow
def test_an_article_that_repeats_itself_counts_each_passage_once(tmp_path, capsys):
    clean = "\n\n".join(PARAGRAPHS)
    # as scraped dumps hold it: each paragraph again as a growing suffix
    scraped = "\n\n".join("\n".join(PARAGRAPHS[: i + 1]) for i in range(len(PARAGRAPHS)))
    assert scraped.count(PARAGRAPHS[0]) == len(PARAGRAPHS)
    once = ingest_one(tmp_path, "clean", clean, capsys)
    again = ingest_one(tmp_path, "scraped", scraped, capsys)
    assert once["summary"]["repeated_chars"] == 0
    assert again["summary"]["repeated_chars"] == sum(len(p) for i in range(len(PARAGRAPHS)) for p in PARAGRAPHS[:i])
    detail = again["detail"]
    text = detail["text"]
    assert text == scraped  # stored as written; every offset into it
    for item in detail["quotes"] + detail["mentions"]:
        assert text[item["start_char"] : item["end_char"]] == item["text"]
    for item in detail["events"]:
        assert text[item["evidence_start"] : item["evidence_end"]] == item["evidence_text"]
    # each passage once: the same quotes, events, mention counts and edges as the clean text
    assert [q["text"] for q in detail["quotes"]] == [q["text"] for q in once["detail"]["quotes"]]
    assert [(e["type"], e["evidence_text"]) for e in detail["events"]] == [
        (e["type"], e["evidence_text"]) for e in once["detail"]["events"]]
    assert detail["quotes"] and detail["events"]
    assert again["actors"] == once["actors"]
    key = lambda network: sorted((edge["source"], edge["target"], edge.get("count")) for edge in network["edges"])  # noqa: E731
    assert key(again["edges"]) == key(once["edges"])


def test_a_version_2_store_gets_the_count_of_repeats(tmp_path):
    from sqlalchemy import inspect, text

    from newsgraph.store import schema

    db = str(tmp_path / "old.sqlite")
    with Store.open(db) as store, store.engine.begin() as connection:  # back to what version 2 had
        connection.execute(text("ALTER TABLE documents DROP COLUMN repeated_chars"))
        connection.execute(schema.schema_version.update().values(version=2))
    with Store.open(db) as store:  # opening migrates
        assert store.version() == schema.SCHEMA_VERSION >= 3
        assert "repeated_chars" in {column["name"] for column in inspect(store.engine).get_columns("documents")}
