"""Inputs a hostile operator (or a broken exporter) hands the readers: text that cannot
be encoded, empty and corrupt files of every format beside good ones, over-long lines,
bad character references. Every reader yields a bad record with the reason, or a clean
article; none raises, and the files after a bad one are read."""

from __future__ import annotations

import gzip
import io
import json
import os
import tracemalloc

import pytest
from ingest_helpers import ENGLISH

from newsgraph.corpus import estimate_total
from newsgraph.ingest.feeds import articles_from_feed
from newsgraph.ingest.files import count_lines
from newsgraph.ingest.jsonl import articles_from_lines
from newsgraph.ingest.records import RawArticle
from newsgraph.ingest.sources import iter_articles, read_stream

SURROGATE = "\ud800"
FIELDS = ("text", "title", "source", "url", "author")


def _storable(raw: RawArticle) -> None:
    """Every string of the record encodes as UTF-8 and has no NUL (what PostgreSQL refuses)."""
    for name, value in vars(raw).items():
        if isinstance(value, str):
            value.encode("utf-8")
            assert "\x00" not in value, name


def _jsonl(records) -> bytes:
    return "".join(json.dumps(record) + "\n" for record in records).encode()


@pytest.mark.parametrize("field", FIELDS)
def test_a_lone_surrogate_in_a_metadata_field_or_the_text_is_cleaned(field):
    record = {"id": "a", "text": ENGLISH, "title": "Health centres", "source": "Ledger", "url": "https://e.org/a",
              "author": "A. Writer"}
    middle = len(record[field]) // 2
    record[field] = record[field][:middle] + SURROGATE + record[field][middle:]
    [raw] = articles_from_lines(io.BytesIO(_jsonl([record])), "a.jsonl")
    assert raw.ok
    _storable(raw)
    value = getattr(raw, field)
    assert value[middle] == "\ufffd" and len(value) == len(record[field])  # one for one: offsets hold


def test_a_lone_surrogate_in_the_id_makes_a_bad_record_and_the_reading_goes_on():
    lines = _jsonl([{"id": "a" + SURROGATE, "text": ENGLISH}, {"id": "b", "text": ENGLISH}])
    bad, good = articles_from_lines(io.BytesIO(lines), "a.jsonl")
    assert bad.error == "field 'id' is not valid Unicode: a lone surrogate at character 2"
    _storable(bad)
    assert good.ok and good.id == "b"


def test_a_lone_surrogate_in_the_date_is_a_bad_date():
    [raw] = articles_from_lines(io.BytesIO(_jsonl([{"text": ENGLISH, "date": "2024" + SURROGATE}])), "a.jsonl")
    assert not raw.ok and "is not a date" in raw.error
    _storable(raw)


def test_surrogates_in_json_html_records_and_json_files(tmp_path):
    page = f"<html><head><title>Clinics {SURROGATE}</title></head><body><p>{ENGLISH}</p></body></html>"
    (tmp_path / "a.json").write_text(json.dumps([{"id": "h", "html": page, "source": "S" + SURROGATE},
                                                 {"id": "t", "text": ENGLISH + SURROGATE}]))
    html, text = iter_articles([tmp_path / "a.json"])
    assert html.ok and text.ok
    _storable(html)
    _storable(text)
    assert html.source == "S\ufffd" and text.text.endswith("\ufffd")


def test_a_file_name_that_is_not_utf8_gives_a_storable_origin(tmp_path):
    name = os.fsdecode(b"caf\xe9.txt")  # a Latin-1 name: Python holds it with a surrogate
    (tmp_path / name).write_text("Clinics open\n\n" + ENGLISH, encoding="utf-8")
    (tmp_path / os.fsdecode(b"bad\xff.jsonl")).write_bytes(b"{not json\n")
    records = list(iter_articles([tmp_path]))
    assert [raw.ok for raw in records] == [False, True]
    for raw in records:
        _storable(raw)
    assert records[1].origin.endswith("caf\ufffd.txt")


def test_control_characters_never_reach_the_metadata():
    [raw] = articles_from_lines(io.BytesIO(_jsonl([{"text": ENGLISH, "title": "Clinics\x00 open\x1b", "author": "\x00"}])), "a")
    assert raw.title == "Clinics open" and raw.author is None
    _storable(raw)


@pytest.mark.parametrize("text", ["\u200b\u200b\u200b", "\x85\x85\x80 \x9f", "... --- ...", "\u00a0\u3000"])
def test_a_text_without_a_letter_or_digit_is_a_bad_record(text):
    records = list(articles_from_lines(io.BytesIO(_jsonl([{"id": "x", "text": text}, {"id": "y", "text": text}])), "a"))
    assert all(not raw.ok for raw in records), records


def test_a_bad_character_reference_loses_only_its_item():
    for reference in ("&#xD800;", "&#0;", "&#x110000;", "&#99999999999999;"):
        feed = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Ledger</title>'
                f"<item><title>One {reference}</title><description>{ENGLISH} {reference}</description></item>"
                f"<item><title>Two</title><description>{ENGLISH}</description></item></channel></rss>").encode()
        first, second = articles_from_feed(feed, "f.rss")
        assert first.ok and second.ok and second.title == "Two", reference
        assert first.title == "One \ufffd"
        _storable(first)


GOOD_PAGE = f"<html><head><title>Clinics</title></head><body><article><p>{ENGLISH}</p></article></body></html>"
FORMATS = {".rss": "feed", ".atom": "feed", ".xml": "feed", ".rdf": "feed", ".html": "html", ".txt": "text",
           ".jsonl": "jsonl", ".json": "json", ".warc": "warc"}


@pytest.mark.parametrize("suffix", list(FORMATS))
@pytest.mark.parametrize("content", ["empty", "blank", "corrupt gzip"])
def test_empty_and_corrupt_files_of_every_format_beside_good_ones(tmp_path, suffix, content):
    bad = tmp_path / ("a_bad" + suffix + (".gz" if content == "corrupt gzip" else ""))
    bad.write_bytes({"empty": b"", "blank": b" \n\n \n", "corrupt gzip": b"\x1f\x8b\x08\x00" + bytes(range(200))}[content])
    (tmp_path / "b_good.jsonl").write_text(json.dumps({"id": "g", "text": ENGLISH}) + "\n")
    (tmp_path / "c_good.html").write_text(GOOD_PAGE)
    records = list(iter_articles([tmp_path]))
    assert [raw.origin.split("/")[-1] for raw in records if raw.ok] == ["b_good.jsonl:line 1", "c_good.html"]
    errors = [raw for raw in records if not raw.ok]
    assert len(errors) == 1 and errors[0].origin.startswith(str(bad)), records
    assert "\n" not in errors[0].error
    estimate_total([tmp_path])  # never raises


def test_a_corrupt_jsonl_gz_is_one_error_and_the_estimate_goes_on(tmp_path):
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(_jsonl([{"text": ENGLISH}] * 3))[:30] + b"\x00garbage" * 20)
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "g", "text": ENGLISH}) + "\n")
    assert estimate_total([tmp_path]) == 1
    records = list(iter_articles([tmp_path]))
    assert [raw.ok for raw in records] == [False, True]


def test_a_line_over_the_bound_is_a_bad_record_and_the_next_line_is_read():
    long_line = json.dumps({"id": "long", "text": ENGLISH * 50}).encode()
    lines = _jsonl([{"id": "a", "text": ENGLISH}]) + long_line + b"\n" + _jsonl([{"id": "b", "text": ENGLISH}])
    first, over, last = articles_from_lines(io.BytesIO(lines), "a.jsonl", max_line_bytes=4096)
    assert first.id == "a" and last.id == "b" and last.origin == "a.jsonl:line 3"
    assert over.origin == "a.jsonl:line 2" and "longer than 4,096 bytes" in over.error
    exact = json.dumps({"id": "exact", "text": "x" * 100})  # a line of exactly the bound is read
    [raw] = articles_from_lines(io.BytesIO(exact.encode() + b"\n"), "a", max_line_bytes=len(exact))
    assert raw.id == "exact"


def test_the_line_bound_holds_memory_down_in_the_reader_and_the_estimate(tmp_path):
    path = tmp_path / "zeros.jsonl.gz"
    path.write_bytes(gzip.compress(b"0" * (64 * 1024 * 1024) + b"\n" + _jsonl([{"id": "b", "text": ENGLISH}]), 1))
    tracemalloc.start()
    try:
        records = list(iter_articles([path], max_line_bytes=1024 * 1024))
        _, reader_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        assert estimate_total([path]) == 2
        _, estimate_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [raw.ok for raw in records] == [False, True] and "longer than 1 MB" in records[0].error
    assert reader_peak < 16 * 1024 * 1024 and estimate_peak < 16 * 1024 * 1024, (reader_peak, estimate_peak)


def test_count_lines_counts_non_blank_lines_across_blocks():
    data = b"a\n\n  \n" + b"x" * (3 * 1024 * 1024) + b"\nb" + b"\n" * 5 + b"c"
    assert count_lines(io.BytesIO(data)) == 4
    assert count_lines(io.BytesIO(b"")) == 0


def test_the_bound_applies_to_standard_input():
    lines = _jsonl([{"id": "long", "text": ENGLISH * 20}, {"id": "b", "text": ENGLISH}])
    over, good = read_stream(io.BytesIO(lines), max_line_bytes=1000)
    assert not over.ok and good.id == "b"
