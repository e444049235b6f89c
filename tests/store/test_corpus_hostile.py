"""Poison inputs through the whole ingest run (real readers, real pipeline, real store on
SQLite and PostgreSQL): each is recorded or cleaned, and the run goes on to the end."""

from __future__ import annotations

import gzip
import json

from corpus_helpers import generated_articles
from sqlalchemy import create_engine, text

from newsgraph.cli import main
from newsgraph.corpus import ingest
from newsgraph.store import Store
from newsgraph.store.engine import normalize_url

SURROGATE = "\ud800"


def _lines(records) -> str:
    return "".join(json.dumps(record) + "\n" for record in records)  # JSON's \ud800 escapes, as exporters write them


def _scalar(url, query, **params):
    engine = create_engine(normalize_url(url))
    try:
        with engine.connect() as connection:
            return connection.execute(text(query), params).scalar()
    finally:
        engine.dispose()


def test_lone_surrogates_in_every_field_never_stop_the_run(store_url, tmp_path):
    records = generated_articles(7)
    records[0]["text"] = records[0]["text"].replace(" said ", f" said {SURROGATE} ", 1)
    records[1]["title"] += SURROGATE
    records[2]["source"] = "Wire" + SURROGATE
    records[3]["url"] = "https://example.org/" + SURROGATE
    records[4]["id"] += SURROGATE  # an id is not cleaned: a bad item
    records[5]["author"] = SURROGATE
    path = tmp_path / "poison.jsonl"
    path.write_text(_lines(records), encoding="ascii")

    summary = ingest([path], store_url, batch_size=2)
    assert (summary.read, summary.ingested, summary.errors) == (7, 6, 1)
    with Store.open(store_url) as store:
        [error] = store.errors()
        assert error["origin"] == f"{path}:line 5" and "not valid Unicode" in error["error"]
        document = store.document("gen-000")
        assert "said \ufffd " in document["text"] and document["status"] == "analysed"
        assert document["mentions"]
        for mention in document["mentions"]:
            assert document["text"][mention["start_char"]:mention["end_char"]] == mention["text"]
        assert store.document("gen-001")["title"].endswith("\ufffd")
    again = ingest([path], store_url, batch_size=2)  # a re-run passes the same lines
    assert (again.already_stored, again.ingested, again.errors) == (6, 0, 0)


def test_an_over_long_text_is_recorded_not_stored(store_url, tmp_path):
    records = generated_articles(3)
    records[1]["text"] = records[1]["text"] * 20
    path = tmp_path / "long.jsonl"
    path.write_text(_lines(records), encoding="ascii")
    summary = ingest([path], store_url, max_chars=2000)
    assert (summary.ingested, summary.errors) == (2, 1)
    assert _scalar(store_url, "SELECT count(*) FROM documents WHERE id = :id", id=records[1]["id"]) == 0
    assert _scalar(store_url, "SELECT count(*) FROM documents") == 2
    with Store.open(store_url) as store:
        [error] = store.errors()
        assert "more than the limit of 2,000" in error["error"] and "--max-chars" in error["error"]


def test_texts_without_words_are_errors_not_duplicates(store_url, tmp_path):
    records = generated_articles(1) + [{"id": "c1", "text": "\x85\x80\x9f\x81"}, {"id": "c2", "text": "\u200b\u200b"},
                                       {"id": "c3", "text": "!!! ... ???"}]
    path = tmp_path / "wordless.jsonl"
    path.write_text(_lines(records), encoding="ascii")
    summary = ingest([path], store_url)
    assert (summary.ingested, summary.duplicates, summary.errors) == (1, 0, 3)
    assert _scalar(store_url, "SELECT count(*) FROM documents") == 1


def test_the_command_reads_past_empty_and_corrupt_files(store_url, tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    good = generated_articles(2)
    (folder / "a_corrupt.jsonl.gz").write_bytes(gzip.compress(_lines(good).encode())[:40] + b"\xff" * 64)
    for name in ("b_empty.rss", "b_empty.atom", "b_empty.xml", "b_empty.rdf", "b_empty.html", "b_empty.jsonl",
                 "b_empty.warc", "b_empty.txt", "b_empty.json"):
        (folder / name).write_bytes(b"")
    (folder / "c_long_line.jsonl").write_text(json.dumps({"id": "big", "text": "word " * 300_000}) + "\n" + _lines(good[1:]))
    (folder / "d_good.jsonl").write_text(_lines(good[:1]))
    code = main(["ingest", str(folder), "--db", store_url, "--json", "--max-line-mb", "1"])
    out, err = capsys.readouterr()
    assert code == 0, err
    summary = json.loads(out)
    assert (summary["ingested"], summary["errors"]) == (2, 11), summary
    with Store.open(store_url) as store:
        errors = {row["origin"].rsplit("/", 1)[-1]: row["error"] for row in store.errors(limit=100)}
    assert "longer than 1 MB" in errors["c_long_line.jsonl:line 1"]
    assert errors["a_corrupt.jsonl.gz:line 1"].startswith("cannot be read")
