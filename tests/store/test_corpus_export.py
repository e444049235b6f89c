"""Exports read back by the tools they are for: pyarrow and pandas, networkx, csv, GDELT users."""

from __future__ import annotations

import csv
import io
import json

import pytest
from corpus_helpers import add, army_analysis, denial_analysis, talks_analysis

from newsgraph.store import export


@pytest.fixture
def corpus(store):
    for analysis in (army_analysis(), denial_analysis(), talks_analysis()):
        add(store, analysis)
    return store


def _export(store, kind, fmt, path=None):
    with store.read() as connection:
        if path is None:
            stream = io.StringIO()
            count = export.export_table(connection, kind, stream, fmt)
            return count, stream.getvalue()
        return export.export_table(connection, kind, path, fmt), None


def test_events_as_jsonl_keep_lists_and_evidence(corpus):
    count, text = _export(corpus, "events", "jsonl")
    rows = [json.loads(line) for line in text.splitlines()]
    assert count == len(rows) == 7
    assert list(rows[0]) == list(export.EVENT_COLUMNS)
    agree = next(row for row in rows if row["type"] == "AGREE" and not row["negated"])
    assert agree["source_ids"] == ["pakistan", "afghanistan"] and agree["target_names"] == ["Afghanistan", "Pakistan"]
    assert agree["evidence_text"] == "agreed to reopen the crossing" and agree["attributed_to_name"] == "Ahmed Sharif"


def test_quotes_and_actors_as_csv(corpus):
    count, text = _export(corpus, "quotes", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert count == len(rows) == 3
    assert {row["speaker_name"] for row in rows} == {"Ahmed Sharif", "Tehreek-e-Taliban Pakistan"}
    count, text = _export(corpus, "actors", "csv")
    actors = {row["id"]: row for row in csv.DictReader(io.StringIO(text))}
    assert count == 4 and actors["ttp"]["names"] == "TTP; Tehreek-e-Taliban Pakistan"
    assert actors["ahmed-sharif"]["roles"] == "army spokesman; senior adviser" and actors["pakistan"]["mentions"] == "4"


def test_parquet_reads_back_with_pyarrow(corpus, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    for kind, expected in (("events", 7), ("quotes", 3), ("actors", 4)):
        path = tmp_path / f"{kind}.parquet"
        count, _ = _export(corpus, kind, "parquet", path)
        table = pq.read_table(path)
        assert count == table.num_rows == expected
        assert table.column_names == list(export.COLUMNS[kind])
    events = pq.read_table(tmp_path / "events.parquet").to_pylist()
    assert {row["type"] for row in events} == {"ASSAULT", "ACCUSE", "REJECT", "CONSULT", "AGREE"}


def test_parquet_reads_back_with_pandas(corpus, tmp_path):
    pytest.importorskip("pyarrow")
    pandas = pytest.importorskip("pandas")
    _export(corpus, "actors", "parquet", tmp_path / "actors.parquet")
    frame = pandas.read_parquet(tmp_path / "actors.parquet")
    assert frame.set_index("id").loc["pakistan", "documents"] == 3
    assert list(frame.set_index("id").loc["ttp", "names"]) == ["TTP", "Tehreek-e-Taliban Pakistan"]


def test_empty_parquet_still_has_its_columns(store, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "none.parquet"
    assert _export(store, "events", "parquet", path)[0] == 0
    assert pq.read_table(path).column_names == list(export.EVENT_COLUMNS)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_reads_back_with_networkx(corpus, tmp_path, fmt):
    nx = pytest.importorskip("networkx")
    path = tmp_path / f"net.{fmt}"
    with corpus.read() as connection:
        nodes, edges = export.export_network(connection, path, fmt)
    graph = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert graph.number_of_nodes() == nodes and graph.number_of_edges() == edges
    assert set(graph.edges) == {("pakistan", "ttp"), ("ttp", "pakistan"), ("afghanistan", "pakistan"), ("pakistan", "afghanistan")}
    raid = graph.edges["pakistan", "ttp"]
    assert int(raid["weight"]) == 1 and int(raid["quad4"]) == 1 and raid["first_day"] == "2024-03-04"
    assert graph.nodes["ttp"]["label"] == "Tehreek-e-Taliban Pakistan"
    with corpus.read() as connection:
        assert export.export_network(connection, tmp_path / f"min.{fmt}", fmt, min_count=2) == (2, 2)  # Pakistan <-> Afghanistan: 2 events each way


def test_gdelt_table_has_61_columns_and_fills_what_it_can(corpus):
    stream = io.StringIO()
    with corpus.read() as connection:
        count = export.export_gdelt(connection, stream)
    lines = stream.getvalue().splitlines()
    header, rows = lines[0].split("\t"), [dict(zip(lines[0].split("\t"), line.split("\t"))) for line in lines[1:]]
    assert len(header) == 61 and header[0] == "GLOBALEVENTID" and header[-1] == "SOURCEURL"
    assert count == len(rows)
    # negated events are left out; AGREE between two pairs of actors gives two rows
    assert sorted(row["EventCode"] for row in rows) == ["040", "057", "057", "111", "125", "190"]
    raid = next(row for row in rows if row["EventCode"] == "190")
    assert (raid["SQLDATE"], raid["MonthYear"], raid["Year"]) == ("20240304", "202403", "2024")
    assert (raid["Actor1Code"], raid["Actor1Name"], raid["Actor2Code"], raid["Actor2CountryCode"]) == ("PAKGOV", "PAKISTAN", "PAKREB", "PAK")
    assert (raid["EventBaseCode"], raid["EventRootCode"], raid["QuadClass"], raid["GoldsteinScale"]) == ("190", "19", "4", "-10.0")
    assert raid["SOURCEURL"] == "https://example.org/army-raid" and raid["NumArticles"] == "1"
    talks = next(row for row in rows if row["EventCode"] == "040")
    assert (talks["ActionGeo_FullName"], talks["ActionGeo_Lat"], talks["ActionGeo_FeatureID"]) == ("Islamabad", "33.72", "1176615")
    assert len({row["GLOBALEVENTID"] for row in rows}) == len(rows)


def test_gdelt_counts_duplicates_as_articles(corpus):
    from corpus_helpers import document_row

    corpus.add_document(document_row(army_analysis("raid-copy"), status="duplicate", duplicate_of="army-raid", source="Mirror"))
    stream = io.StringIO()
    with corpus.read() as connection:
        export.export_gdelt(connection, stream, header=False)
    raid = next(line.split("\t") for line in stream.getvalue().splitlines() if line.split("\t")[26] == "190")
    columns = export.GDELT_COLUMNS
    assert raid[columns.index("NumArticles")] == "2" and raid[columns.index("NumSources")] == "2"
