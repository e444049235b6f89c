import gzip
import io
import json

import pytest
from ingest_helpers import build_warc

from newsgraph.ingest.sources import iter_articles, kind_of_name, sniff

TEXT = "Heavy rain closed the mountain pass on Sunday, officials said.\n"


def record(**fields) -> bytes:
    return json.dumps(fields).encode() + b"\n"


@pytest.mark.parametrize(
    "name, kind",
    [("a.txt", "text"), ("a.TXT.gz", "text"), ("a.htm", "html"), ("a.html.gz", "html"), ("a.jsonl.gz", "jsonl"),
     ("a.ndjson", "jsonl"), ("a.json", "json"), ("a.rss", "feed"), ("a.atom", "feed"), ("a.xml.gz", "feed"),
     ("a.warc.gz", "warc"), ("a.warc", "warc"), ("a.png", None), ("README", None)],
)
def test_kind_of_name(name, kind):
    assert kind_of_name(name) == kind


@pytest.mark.parametrize(
    "head, kind",
    [(b'{"text": "x"}', "jsonl"), (b"\xef\xbb\xbf  [\n{", "json"), (b'<?xml version="1.0"?>\n<rss version="2.0">', "feed"),
     (b"<feed xmlns='http://www.w3.org/2005/Atom'>", "feed"), (b"<!DOCTYPE html><html>", "html"),
     (b"<html lang='en'>", "html"), (b"WARC/1.1\r\nWARC-Type: warcinfo", "warc"), (b"Plain words.", "text")],
)
def test_sniff(head, kind):
    assert sniff(head) == kind


def test_files_without_a_known_extension_are_sniffed_when_named(tmp_path, fixtures):
    (tmp_path / "feed").write_bytes((fixtures / "feed.atom").read_bytes())
    (tmp_path / "page").write_bytes((fixtures / "page.html").read_bytes())
    (tmp_path / "lines.gz").write_bytes(gzip.compress(record(text=TEXT) * 2))
    (tmp_path / "note").write_text(TEXT)
    records = list(iter_articles([tmp_path / "feed", tmp_path / "page", tmp_path / "lines.gz", tmp_path / "note"]))
    assert [r.origin.rsplit("/", 1)[-1] for r in records] == ["feed#1", "feed#2", "page", "lines.gz:line 1", "lines.gz:line 2", "note"]
    assert all(r.ok for r in records)
    assert records[2].title == "Border crossing reopens after three weeks"


def test_folder_walk_is_sorted_recursive_and_skips_hidden_and_unknown_files(tmp_path):
    (tmp_path / "b.txt").write_text(TEXT)
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / ".hidden.txt").write_text(TEXT)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(TEXT)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.jsonl").write_bytes(record(text=TEXT))
    (tmp_path / "sub" / "deeper").mkdir()
    (tmp_path / "sub" / "deeper" / "d.txt").write_text(TEXT)
    (tmp_path / "c.txt").write_text(TEXT)
    origins = [r.origin.removeprefix(str(tmp_path) + "/") for r in iter_articles([tmp_path])]
    assert origins == ["a.txt", "b.txt", "c.txt", "sub/c.jsonl:line 1", "sub/deeper/d.txt"]
    shallow = [r.origin.removeprefix(str(tmp_path) + "/") for r in iter_articles([tmp_path], recursive=False)]
    assert shallow == ["a.txt", "b.txt", "c.txt"]


def test_missing_path_is_a_bad_record_and_the_run_goes_on(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    missing, found = iter_articles([tmp_path / "nope.txt", tmp_path / "a.txt"])
    assert missing.error == "no such file or folder" and missing.origin == str(tmp_path / "nope.txt")
    assert found.ok


def test_binary_file_named_explicitly_is_a_bad_record(tmp_path):
    path = tmp_path / "blob"
    path.write_bytes(bytes(range(256)) * 4)
    [raw] = iter_articles([path])
    assert not raw.ok and "binary" in raw.error


def test_stdin_jsonl(tmp_path):
    stdin = io.BytesIO(record(id="1", text=TEXT) + b"{broken\n" + record(id="3", text=TEXT))
    records = list(iter_articles(["-"], stdin=stdin))
    assert [(r.origin, r.ok) for r in records] == [("stdin:line 1", True), ("stdin:line 2", False), ("stdin:line 3", True)]


def test_stdin_long_jsonl_is_read_across_the_sniffed_head():
    lines = b"".join(record(id=str(i), text=TEXT * 3) for i in range(500))
    records = list(iter_articles(["-"], stdin=io.BytesIO(lines)))
    assert len(records) == 500 and all(r.ok for r in records) and records[-1].id == "499"


def test_stdin_plain_text_is_one_article():
    text = "Talks resume in the capital\n\n" + TEXT
    [raw] = iter_articles(["-"], stdin=io.BytesIO(text.encode()))
    assert raw.ok and raw.origin == "stdin" and raw.text == text and raw.title == "Talks resume in the capital"


def test_stdin_gzipped_jsonl():
    [raw] = iter_articles(["-"], stdin=io.BytesIO(gzip.compress(record(text=TEXT))))
    assert raw.ok and raw.text == TEXT


def test_stdin_html_and_feed(fixtures):
    [page] = iter_articles(["-"], stdin=io.BytesIO((fixtures / "page.html").read_bytes()))
    assert page.title == "Border crossing reopens after three weeks"
    items = list(iter_articles(["-"], stdin=io.BytesIO((fixtures / "feed.rss").read_bytes())))
    assert [r.origin for r in items] == ["stdin#1", "stdin#2", "stdin#3"]


def test_stdin_binary_and_empty():
    [junk] = iter_articles(["-"], stdin=io.BytesIO(b"\x7fELF\x02\x01\x01" + bytes(100)))
    assert junk.error == "is an executable, not text" and junk.origin == "stdin"
    [empty] = iter_articles(["-"], stdin=io.BytesIO(b""))
    assert empty.error == "empty: there is no text"


def test_stdin_given_without_dash_is_read_after_the_paths(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    records = list(iter_articles([tmp_path / "a.txt"], stdin=io.BytesIO(record(text=TEXT))))
    assert [r.origin.rsplit("/", 1)[-1] for r in records] == ["a.txt", "stdin:line 1"]


def test_every_format_in_one_folder(tmp_path, fixtures):
    """One run over a folder holding every format, good and bad items mixed: every item
    comes out, bad ones with a one-line reason, nothing raised."""
    (tmp_path / "page.html").write_bytes((fixtures / "page.html").read_bytes())
    (tmp_path / "feed.rss").write_bytes((fixtures / "feed.rss").read_bytes())
    (tmp_path / "notes.txt").write_text(TEXT)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "dump.jsonl.gz").write_bytes(gzip.compress(record(text=TEXT) + b"not json\n"))
    build_warc(tmp_path / "crawl.warc.gz", (fixtures / "page.html").read_bytes())
    records = list(iter_articles([tmp_path]))
    good = [r for r in records if r.ok]
    bad = [r for r in records if not r.ok]
    assert len(good) == 2 + 2 + 1 + 1 + 1  # warc, feed, jsonl, page, notes
    assert sorted(r.origin.rsplit("/", 1)[-1] for r in bad) == ["dump.jsonl.gz:line 2", "empty.txt", "feed.rss#3"]
    assert all(r.error and "\n" not in r.error for r in bad)
