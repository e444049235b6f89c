"""The ingest run end to end with the real pipeline: duplicates, other languages, bad
items, re-ingesting, on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json

import pytest
from corpus_helpers import ARTICLES, generated_articles, write_corpus, write_jsonl
from sqlalchemy import text

from newsgraph.corpus import estimate_total, ingest
from newsgraph.corpus.run import document_id
from newsgraph.pipeline import document_id as pipeline_document_id
from newsgraph.store import Store


def _rows(store, sql):
    with store.read() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


def test_ingest_sorts_out_duplicates_other_languages_and_bad_items(store_url, tmp_path):
    path = write_corpus(tmp_path)
    summary = ingest([path], store_url)
    assert (summary.read, summary.ingested, summary.duplicates, summary.non_english, summary.errors) == (9, 4, 2, 1, 2)
    assert summary.words > 100 and summary.already_stored == 0
    with Store.open(store_url) as store:
        statuses = dict(_rows(store, "SELECT id, status FROM documents"))
        assert statuses == {"a1": "analysed", "a2": "analysed", "a3": "analysed", "a4": "analysed",
                            "a1-copy": "duplicate", "a2-again": "duplicate", "fr1": "non_english"}
        links = _rows(store, "SELECT id, duplicate_of, similarity FROM documents WHERE status = 'duplicate' ORDER BY id")
        assert [(doc, first) for doc, first, _ in links] == [("a1-copy", "a1"), ("a2-again", "a2")]
        assert links[1][2] == 1.0 and 0.7 <= links[0][2] < 1.0
        assert _rows(store, "SELECT language FROM documents WHERE id = 'fr1'") == [("fr",)]
        # duplicates and other languages are not analysed
        analysed = {doc for (doc,) in _rows(store, "SELECT DISTINCT document_id FROM document_actors")}
        assert analysed <= {"a1", "a2", "a3", "a4"} and {"a1", "a2", "a4"} <= analysed
        errors = store.errors()
        assert [row["origin"] for row in errors] == [f"{path}:line 6", f"{path}:line 7"]
        assert all(row["error"] for row in errors)
        # the analysis is there and searchable
        assert store.actors(limit=50)
        assert [hit.document_id for hit in store.search("Helmand river")["documents"]] == ["a2"]


def test_reingesting_adds_nothing(store_url, tmp_path):
    path = write_corpus(tmp_path)
    ingest([path], store_url)
    with Store.open(store_url) as store:
        before = store.canonical_dump()
    again = ingest([path, path], store_url)  # twice in one run, too
    assert (again.ingested, again.duplicates, again.non_english, again.errors) == (0, 0, 0, 0)
    assert again.already_stored == 14
    with Store.open(store_url) as store:
        assert store.canonical_dump() == before


def test_new_articles_are_checked_against_stored_first_copies(store_url, tmp_path):
    ingest([write_jsonl(tmp_path / "day1.jsonl", ARTICLES[:2])], store_url)
    copy = dict(ARTICLES[1], id="later-copy", text="DOHA (Wire) - " + ARTICLES[1]["text"])
    summary = ingest([write_jsonl(tmp_path / "day2.jsonl", [copy, ARTICLES[2]])], store_url)
    assert (summary.ingested, summary.duplicates) == (1, 1)
    with Store.open(store_url) as store:
        assert _rows(store, "SELECT duplicate_of FROM documents WHERE id = 'later-copy'") == [("a2",)]


def test_the_same_id_with_another_text_is_an_error_and_the_first_is_kept(store_url, tmp_path):
    ingest([write_jsonl(tmp_path / "one.jsonl", ARTICLES[:1])], store_url)
    other = dict(ARTICLES[3], id="a1")
    summary = ingest([write_jsonl(tmp_path / "two.jsonl", [other])], store_url)
    assert (summary.ingested, summary.errors) == (0, 1)
    with Store.open(store_url) as store:
        assert "already stored with a different text" in store.errors()[0]["error"]
        assert _rows(store, "SELECT title FROM documents WHERE id = 'a1'") == [(ARTICLES[0]["title"],)]


def test_a_document_over_the_length_limit_is_recorded_not_stored_and_the_run_goes_on(store_url, tmp_path):
    huge = {"id": "huge", "title": "Too long", "text": "The council met again. " * 46_000}  # over 1,000,000 characters
    path = write_jsonl(tmp_path / "mixed.jsonl", [ARTICLES[0], huge, ARTICLES[2]])
    summary = ingest([path], store_url, batch_size=8)
    assert (summary.ingested, summary.errors) == (2, 1)
    with Store.open(store_url) as store:
        assert _rows(store, "SELECT status FROM documents WHERE id = 'huge'") == []  # its text is not stored
        (error,) = store.errors()
        assert error["document_id"] == "huge" and "more than the limit" in error["error"]
        assert {row[0] for row in _rows(store, "SELECT DISTINCT document_id FROM document_actors")} == {"a1", "a3"}


@pytest.mark.sqlite_only
def test_text_files_and_standard_input_get_ids_from_their_text(store_url, tmp_path):
    """(Reading, not storing, is under test: SQLite only.)"""
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "one.txt").write_text(ARTICLES[2]["text"], encoding="utf-8")
    stdin = io.BytesIO(json.dumps(ARTICLES[3]).encode() + b"\n")
    summary = ingest([folder, "-"], store_url, stdin=stdin)
    assert summary.ingested == 2
    with Store.open(store_url) as store:
        ids = {doc for (doc,) in _rows(store, "SELECT id FROM documents")}
    assert ids == {document_id(ARTICLES[2]["text"]), "a4"}
    assert document_id(ARTICLES[2]["text"]) == pipeline_document_id(ARTICLES[2]["text"])


@pytest.mark.sqlite_only
def test_estimate_total_counts_what_is_cheap_to_count(tmp_path):
    """(No store involved.)"""
    write_jsonl(tmp_path / "a.jsonl", generated_articles(5))
    (tmp_path / "b.txt").write_text("text", encoding="utf-8")
    assert estimate_total([tmp_path]) == 6
    assert estimate_total(["-"]) is None
