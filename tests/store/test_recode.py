"""Kept parses and `recode`: the stages again on stored parses give the store that a
fresh ingest with the same resources gives, document by document, resumable."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_helpers import ARTICLES, write_jsonl
from sqlalchemy import text

from newsgraph.cli import main
from newsgraph.corpus import Recode, ingest, recode
from newsgraph.nlp.parses import doc_from_bytes, doc_to_bytes
from newsgraph.pipeline import Article
from newsgraph.store import Store, schema

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples" / "articles"

# An actor list of our own that changes what the samples' analyses find: a person the
# shipped knowledge base does not know, and a body named by a common phrase.
EXTRA_ACTORS = """\
- id: test-analyst
  name: Ayesha Siddiqa
  type: person
  country: PAK
  sector: EDU
  aliases: [Siddiqa]
- id: test-federal-cabinet
  name: Federal Cabinet of Pakistan
  type: organization
  country: PAK
  sector: GOV
  aliases: [federal cabinet]
"""


def comparable(dump: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    """A canonical dump with float columns rounded: edge totals are sums, and a sum's last
    bits depend on the order of its terms (a recode subtracts one article's share)."""
    return {table: [tuple(round(v, 9) if isinstance(v, float) else v for v in row) for row in rows]
            for table, rows in dump.items() if table != "schema_version"}


@pytest.fixture
def extra_kb(tmp_path) -> Path:
    path = tmp_path / "extra-actors.yaml"
    path.write_text(EXTRA_ACTORS, encoding="utf-8")
    return path


def test_a_kept_parse_gives_the_same_analysis(analyzer):
    articles = [Article(text=path.read_text(encoding="utf-8"), id=path.stem, date="2024-05-01") for path in sorted(SAMPLES.glob("*.txt"))]
    kept = {}
    direct = list(analyzer.analyze_many(articles, on_parse=lambda article, doc: kept.__setitem__(article.id, doc_to_bytes(doc))))
    again = [analyzer.analyze_parsed(article, doc_from_bytes(kept[article.id], analyzer.nlp.vocab, article.text)) for article in articles]
    assert [a.to_json() for a in again] == [a.to_json() for a in direct]
    assert all(analysis.actors for analysis in direct)


def test_a_kept_parse_of_another_text_is_refused(analyzer):
    data = doc_to_bytes(analyzer.nlp("Pakistan and Afghanistan met in Kabul."))
    with pytest.raises(Exception, match="does not match its document's text"):
        doc_from_bytes(data, analyzer.nlp.vocab, "Another text.")
    with pytest.raises(Exception, match="cannot be read"):
        doc_from_bytes(b"not a parse", analyzer.nlp.vocab)


def test_recode_with_new_actors_gives_the_store_of_a_fresh_ingest(new_store_url, extra_kb):
    recoded, fresh = new_store_url(), new_store_url()
    ingest([SAMPLES], recoded, keep_parses=True)
    with Store.open(recoded) as store:
        before = comparable(store.canonical_dump())
        assert store.count_parses() == len(list(SAMPLES.glob("*.txt")))
    summary = recode(recoded, kb_paths=[str(extra_kb)])
    assert summary.documents == 5 and summary.changed >= 1 and summary.errors == 0
    ingest([SAMPLES], fresh, keep_parses=True, kb_paths=[str(extra_kb)])
    with Store.open(recoded) as a, Store.open(fresh) as b:
        after, wanted = comparable(a.canonical_dump()), comparable(b.canonical_dump())
        assert after == wanted
        assert after != before
        assert a.actor("Ayesha Siddiqa")["id"] == "test-analyst"
    # ... and back: without the extra actors, the store is the first ingest's again
    summary = recode(recoded)
    assert summary.changed >= 1
    with Store.open(recoded) as store:
        assert comparable(store.canonical_dump()) == before
        with store.read() as connection:
            assert connection.execute(text("SELECT count(*) FROM actors WHERE id LIKE 'test-%'")).scalar() == 0


@pytest.mark.sqlite_only
def test_recode_skips_what_is_coded_with_the_current_resources(new_store_url, extra_kb):
    """(SQLite only: the same run on PostgreSQL is covered by the test above.)"""
    url = new_store_url()
    ingest([SAMPLES], url, keep_parses=True)
    summary = recode(url)
    assert (summary.documents, summary.up_to_date, summary.changed) == (0, 5, 0)
    summary = recode(url, force=True)
    assert (summary.documents, summary.unchanged, summary.changed) == (5, 5, 0)
    assert recode(url, kb_paths=[str(extra_kb)], since="2100-01-01").documents == 0


@pytest.mark.sqlite_only
def test_a_stopped_recode_goes_on_where_it_stopped(new_store_url, tmp_path, extra_kb):
    """(SQLite only: transactions per document are the store's, tested on both backends.)"""
    records = [dict(article, date="2024-06-0%d" % (i + 1)) for i, article in enumerate(ARTICLES)]
    records += [{"id": path.stem, "date": "2024-06-09", "text": path.read_text(encoding="utf-8")} for path in sorted(SAMPLES.glob("*.txt"))]
    source = write_jsonl(tmp_path / "news.jsonl", records)
    url, fresh = new_store_url(), new_store_url()
    ingest([source], url, keep_parses=True)

    class Stop(Exception):
        pass

    seen = []

    def stop_after_three(document_id, what):
        seen.append(document_id)
        if len(seen) == 3:
            raise Stop

    with Store.open(url) as store, pytest.raises(Stop):
        Recode(store, kb_paths=[str(extra_kb)], on_document=stop_after_three).run()
    summary = recode(url, kb_paths=[str(extra_kb)])
    assert summary.up_to_date == 3 and summary.documents == len(records) - 3
    ingest([source], fresh, keep_parses=True, kb_paths=[str(extra_kb)])
    with Store.open(url) as a, Store.open(fresh) as b:
        assert comparable(a.canonical_dump()) == comparable(b.canonical_dump())


@pytest.mark.sqlite_only
def test_actor_rows_do_not_depend_on_the_input_order(new_store_url, tmp_path):
    """An actor's corpus row comes from the article with the smallest id that names it,
    so two ingests of the same articles in opposite orders give the same store."""
    records = [{"id": path.stem, "date": "2024-06-09", "text": path.read_text(encoding="utf-8")} for path in sorted(SAMPLES.glob("*.txt"))]
    forward, backward = new_store_url(), new_store_url()
    ingest([write_jsonl(tmp_path / "forward.jsonl", records)], forward)
    ingest([write_jsonl(tmp_path / "backward.jsonl", records[::-1])], backward)
    with Store.open(forward) as a, Store.open(backward) as b:
        dump_a, dump_b = comparable(a.canonical_dump()), comparable(b.canonical_dump())
    columns = [c.name for c in schema.documents.columns if ("documents", c.name) not in schema.TIME_COLUMNS]
    origin = columns.index("origin")
    for dump in (dump_a, dump_b):  # where each document was read from differs, nothing else
        dump["documents"] = [row[:origin] + row[origin + 1:] for row in dump["documents"]]
    assert dump_a == dump_b


@pytest.mark.sqlite_only
def test_a_version_3_store_is_upgraded_with_kb_ids_actor_totals_and_quote_actors(new_store_url):
    url = new_store_url()
    ingest([SAMPLES], url)
    with Store.open(url) as store:
        wanted = store.canonical_dump()
        with store.engine.begin() as connection:
            connection.execute(text("DROP TABLE parses"))  # back to what version 3 had
            connection.execute(text("DROP TABLE quote_actors"))
            connection.execute(text("ALTER TABLE document_actors DROP COLUMN kb_id"))
            for index in ("ix_actors_mentions", "ix_quotes_newest", "ix_documents_newest"):
                connection.execute(text(f"DROP INDEX {index}"))
            connection.execute(text("ALTER TABLE actors DROP COLUMN mentions"))
            connection.execute(text("ALTER TABLE actors DROP COLUMN documents"))
            connection.execute(schema.schema_version.update().values(version=3))
    with Store.open(url) as store:  # opening migrates
        assert store.version() == schema.SCHEMA_VERSION == 4
        assert {t: rows for t, rows in store.canonical_dump().items() if t != "schema_version"} == \
            {t: rows for t, rows in wanted.items() if t != "schema_version"}


@pytest.mark.sqlite_only
def test_cli_recode_says_what_it_did_and_refuses_a_store_without_parses(tmp_path, capsys, extra_kb):
    db = str(tmp_path / "plain.sqlite")
    assert main(["ingest", str(SAMPLES), "--db", db, "--quiet"]) == 0
    capsys.readouterr()
    assert main(["recode", "--db", db]) == 1
    err = capsys.readouterr().err
    assert "no kept parses" in err and "--keep-parses" in err and len(err.strip().splitlines()) == 1
    kept = str(tmp_path / "kept.sqlite")
    assert main(["ingest", str(SAMPLES), "--db", kept, "--quiet", "--keep-parses"]) == 0
    capsys.readouterr()
    assert main(["recode", "--db", kept, "--kb", str(extra_kb), "--json"]) == 0
    out = capsys.readouterr().out
    assert '"documents": 5' in out and '"errors": 0' in out
    assert main(["recode", "--db", kept, "--since", "2023-13-01"]) != 0


@pytest.mark.sqlite_only
def test_a_document_that_repeats_itself_recodes_to_the_same_analysis(new_store_url, tmp_path):
    """The ingest analyses each repeated passage once (ingest/repeats.py); a recode reads
    the kept parse of that same text, so nothing changes and nothing fails."""
    body = (SAMPLES / "05-karachi-attack.txt").read_text(encoding="utf-8")
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    repeated = body + "\n\n" + "\n\n".join(paragraphs[1:])  # the paragraphs again after the article
    url = new_store_url()
    ingest([write_jsonl(tmp_path / "repeated.jsonl", [{"id": "repeated", "text": repeated}])], url, keep_parses=True)
    summary = recode(url, force=True)
    assert (summary.documents, summary.unchanged, summary.errors) == (1, 1, 0)
