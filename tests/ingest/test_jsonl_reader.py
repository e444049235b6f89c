import gzip
import json

import pytest

from newsgraph.ingest.sources import iter_articles

GOOD = {"id": "a1", "title": "Dam repairs finished", "date": "2024-02-01", "source": "Valley Ledger",
        "url": "https://ledger.example.org/dam", "text": "Engineers finished repairs to the old dam on Thursday."}


def lines(*records) -> bytes:
    return b"".join((r if isinstance(r, bytes) else json.dumps(r).encode()) + b"\n" for r in records)


def test_good_records_with_all_fields(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_bytes(lines(GOOD, {"id": 2, "text": "A second article, with only text."}))
    first, second = iter_articles([path])
    assert first.ok and second.ok
    assert (first.id, first.title, first.date, first.source, first.url, first.text) == (
        "a1", "Dam repairs finished", "2024-02-01", "Valley Ledger", "https://ledger.example.org/dam", GOOD["text"])
    assert first.origin == f"{path}:line 1"
    assert second.id == "2" and second.title is None and second.origin == f"{path}:line 2"


def test_a_broken_line_is_a_bad_record_with_its_line_number_and_reading_goes_on(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_bytes(lines(GOOD, b'{"id": "b", "text": "unterminated', b"", GOOD))
    records = list(iter_articles([path]))
    assert [r.ok for r in records] == [True, False, True]
    bad = records[1]
    assert bad.origin == f"{path}:line 2"
    assert bad.error.startswith("not valid JSON: Unterminated string")
    assert records[2].origin == f"{path}:line 4"  # the blank line 3 is skipped, numbering is kept


@pytest.mark.parametrize(
    "line, reason",
    [
        (b"[1, 2]", "expected a JSON object, got a list"),
        (b'"just text"', "expected a JSON object, got text"),
        (b'{"title": "no body"}', "no 'text' or 'html' field"),
        (b'{"text": "   "}', "empty: the text is blank"),
        (b'{"text": 42}', "field 'text' must be text, got a number"),
        (b'{"text": "x", "title": {"a": 1}}', "field 'title' must be text, got an object"),
        (b'{"text": "x", "id": [1]}', "field 'id' must be text or a number, got a list"),
        (b'{"text": "x", "date": "last Tuesday"}', "date 'last Tuesday' is not a date (use ISO YYYY-MM-DD)"),
        (b'{"text": "\\u0000\\u0001\\u0002 x"}', "field 'text' has 3 control characters in 5: binary data, not text"),
        (b'{"text": "caf\xe9"}', "not UTF-8: byte 0xe9 at column 14"),
    ],
)
def test_bad_lines_say_what_is_wrong(tmp_path, line, reason):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(line + b"\n")
    [raw] = iter_articles([path])
    assert raw.error == reason
    assert raw.origin == f"{path}:line 1"


def test_stray_control_characters_become_spaces_and_offsets_are_kept(tmp_path):
    text = "The talks ended on Friday. \x00 \x1a\n\n" + "Both sides will meet again next month, officials said. " * 5
    path = tmp_path / "old.jsonl"
    path.write_text(json.dumps({"text": text}) + "\n", encoding="utf-8")
    [raw] = iter_articles([path])
    assert raw.ok and len(raw.text) == len(text)
    assert raw.text == text.replace("\x00", " ").replace("\x1a", " ")


def test_gzipped_jsonl(tmp_path):
    path = tmp_path / "news.jsonl.gz"
    path.write_bytes(gzip.compress(lines(GOOD, b"{oops", GOOD)))
    records = list(iter_articles([path]))
    assert [r.ok for r in records] == [True, False, True]
    assert records[1].origin == f"{path}:line 2"


def test_truncated_gzip_is_reported_and_earlier_lines_kept(tmp_path):
    path = tmp_path / "cut.jsonl.gz"
    data = gzip.compress(lines(*[dict(GOOD, id=str(i)) for i in range(200)]))
    path.write_bytes(data[: len(data) // 2])
    records = list(iter_articles([path]))
    assert records[-1].error.startswith("file is truncated: reading stopped after line")
    assert len(records) > 1 and all(r.ok for r in records[:-1])


def test_html_field_goes_through_the_html_reader_and_record_fields_win(tmp_path, fixtures):
    html = (fixtures / "page.html").read_text(encoding="utf-8")
    path = tmp_path / "pages.jsonl"
    path.write_bytes(lines({"id": "p1", "html": html, "title": "Our own title"}, {"id": "p2", "html": html}))
    first, second = iter_articles([path])
    assert first.ok and first.id == "p1" and first.title == "Our own title"
    assert first.text.startswith("The main trade crossing")
    assert first.date == "2024-03-05" and first.author == "Samina Qureshi"  # from the page
    assert second.title == "Border crossing reopens after three weeks"


def test_json_file_with_a_list_of_articles(tmp_path):
    path = tmp_path / "dump.json"
    path.write_text(json.dumps([GOOD, {"title": "no text"}], indent=2), encoding="utf-8")
    first, second = iter_articles([path])
    assert first.ok and first.origin == f"{path}#1"
    assert second.error == "no 'text' or 'html' field" and second.origin == f"{path}#2"


def test_json_file_that_is_not_json(tmp_path):
    path = tmp_path / "dump.json"
    path.write_text('{"text": ', encoding="utf-8")
    [raw] = iter_articles([path])
    assert raw.error.startswith("not valid JSON: Expecting value (line 1, column")
