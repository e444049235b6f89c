"""The corpus commands: ingest, actors, actor, quotes, events, contested, search, errors, export."""

from __future__ import annotations

import json

import pytest
from corpus_helpers import add, army_analysis, denial_analysis, talks_analysis, write_corpus

from newsgraph.cli import main


@pytest.fixture
def corpus_url(store):
    for analysis in (army_analysis(), denial_analysis(), talks_analysis()):
        add(store, analysis)
    return store.url


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.sqlite_only
def test_ingest_prints_a_summary_and_resumes(capsys, tmp_path):
    """(The command's output is under test; storage is covered on both backends elsewhere.)"""
    path = write_corpus(tmp_path / "in")
    db = str(tmp_path / "corpus.sqlite")
    code, out, _ = run(capsys, "ingest", str(path), "--db", db, "--quiet", "--json")
    summary = json.loads(out)
    assert code == 0 and (summary["ingested"], summary["duplicates"], summary["non_english"], summary["errors"]) == (4, 2, 1, 2)
    code, out, _ = run(capsys, "ingest", str(path), "--db", db, "--quiet")
    assert code == 0 and "already stored (skipped)" in out and "analysed and stored" in out
    code, out, _ = run(capsys, "errors", "--db", db, "--json")
    assert code == 0 and len(json.loads(out)) == 2


def test_actors_and_actor(capsys, corpus_url):
    code, out, _ = run(capsys, "actors", "--db", corpus_url, "--json", "--limit", "2")
    assert code == 0 and [row["id"] for row in json.loads(out)] == ["pakistan", "afghanistan"]
    code, out, _ = run(capsys, "actors", "--db", corpus_url)
    assert code == 0 and "Tehreek-e-Taliban Pakistan" in out
    code, out, _ = run(capsys, "actor", "TTP", "--db", corpus_url)
    assert code == 0 and "What others did to it" in out and "Who spoke of it" in out
    code, out, _ = run(capsys, "actor", "Ahmed Sharif", "--db", corpus_url, "--json")
    assert [role["role"] for role in json.loads(out)["roles"]] == ["army spokesman", "senior adviser"]


def test_unknown_actor_is_a_one_line_error(capsys, corpus_url):
    code, out, err = run(capsys, "actor", "Pakist", "--db", corpus_url)
    assert code == 1 and out == "" and err.count("\n") == 1 and "did you mean: Pakistan" in err


def test_quotes_events_contested_search(capsys, corpus_url):
    code, out, _ = run(capsys, "quotes", "--db", corpus_url, "--speaker", "Ahmed Sharif", "--since", "2024-04-01", "--json")
    assert code == 0 and [q["document_id"] for q in json.loads(out)] == ["border-talks"]
    code, out, _ = run(capsys, "events", "--db", corpus_url, "--actor", "ttp", "--quad-class", "4", "--json")
    assert code == 0 and [(e["type"], e["negated"]) for e in json.loads(out)] == [("ASSAULT", True), ("ASSAULT", False)]
    code, out, _ = run(capsys, "events", "--db", corpus_url, "--source", "Pakistan")
    assert code == 0 and "CONSULT" in out and "ASSAULT" in out
    code, out, _ = run(capsys, "contested", "--db", corpus_url, "--scope", "across", "--json")
    assert code == 0 and {(c["a"]["type"], c["b"]["document_id"]) for c in json.loads(out)} == {("ASSAULT", "ttp-denial"), ("ACCUSE", "ttp-denial")}
    code, out, _ = run(capsys, "contested", "--db", corpus_url)
    assert code == 0 and "Other Post" in out
    code, out, _ = run(capsys, "search", "border", "town", "--db", corpus_url, "--json")
    hits = json.loads(out)
    assert code == 0 and [hit["document_id"] for hit in hits["documents"]] == ["army-raid"]
    code, out, _ = run(capsys, "search", "hideouts", "--db", corpus_url)
    assert code == 0 and "hideouts" in out


def test_markup_in_article_text_is_shown_as_text(capsys, store):
    analysis = army_analysis()
    analysis.document.title = "[bold red]Not markup[/] [link=http://x]"
    add(store, analysis)
    code, out, _ = run(capsys, "search", "hideouts", "--db", store.url)
    assert code == 0 and "[bold red]Not markup[/]" in out


def test_query_commands_refuse_a_missing_store(capsys, tmp_path):
    code, _, err = run(capsys, "actors", "--db", str(tmp_path / "none.sqlite"))
    assert code == 1 and "no such store" in err
    assert not (tmp_path / "none.sqlite").exists()


def test_export_commands(capsys, corpus_url, tmp_path):
    code, out, _ = run(capsys, "export", "events", "--db", corpus_url, "--format", "jsonl")
    assert code == 0 and len(out.splitlines()) == 7
    code, out, _ = run(capsys, "export", "quotes", "--db", corpus_url, "--format", "csv", "--since", "2024-05-01")
    assert code == 0 and len(out.splitlines()) == 2  # header + one quote
    code, _, err = run(capsys, "export", "actors", "--db", corpus_url, "--format", "parquet")
    assert code == 1 and "-o FILE" in err
    pytest.importorskip("pyarrow")
    code, _, err = run(capsys, "export", "actors", "--db", corpus_url, "--format", "parquet", "-o", str(tmp_path / "a.parquet"))
    assert code == 0 and "4 actors written" in err
    pytest.importorskip("networkx")
    code, _, err = run(capsys, "export", "network", "--db", corpus_url, "--format", "gexf", "-o", str(tmp_path / "n.gexf"))
    assert code == 0 and "3 actors and 4 edges" in err
    code, out, _ = run(capsys, "export", "gdelt", "--db", corpus_url, "--no-header")
    assert code == 0 and len(out.splitlines()) == 6 and all(len(line.split("\t")) == 61 for line in out.splitlines())


def test_an_older_store_is_refused_by_readers_and_upgraded_by_migrate(capsys, corpus_url):
    from sqlalchemy import text

    from newsgraph.store import Store, schema

    with Store.open(corpus_url) as store, store.engine.begin() as connection:
        connection.execute(text("DROP INDEX ix_quotes_span"))  # as version 1 had it
        connection.execute(schema.schema_version.update().values(version=1))
    code, _, err = run(capsys, "actors", "--db", corpus_url)
    assert code != 0 and "newsgraph migrate" in err and len(err.strip().splitlines()) == 1
    code, out, _ = run(capsys, "migrate", "--db", corpus_url)
    assert code == 0 and f"schema version {schema.SCHEMA_VERSION}" in out
    code, out, _ = run(capsys, "actors", "--db", corpus_url, "--json")
    assert code == 0 and json.loads(out)
    code, out, _ = run(capsys, "migrate", "--db", corpus_url)  # nothing left to do
    assert code == 0
