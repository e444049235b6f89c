"""Every reader, fed anything: it yields records, never raises, and every record it
yields can be stored (UTF-8, no NUL) and says in one line what is wrong when it is bad."""

from __future__ import annotations

import gzip
import io
import json

from hypothesis import example, given
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.corpus import estimate_total
from newsgraph.ingest.feeds import articles_from_feed
from newsgraph.ingest.html import article_from_html, fragment_to_text
from newsgraph.ingest.jsonl import article_from_record, articles_from_json, articles_from_lines
from newsgraph.ingest.plaintext import article_from_text
from newsgraph.ingest.records import RawArticle
from newsgraph.ingest.sources import EXTENSIONS, iter_articles, read_stream
from newsgraph.ingest.warc import articles_from_warc

# Characters that broke readers or stores, or might: lone surrogates, NUL and other
# controls, zero-width and odd spaces, a BOM, markup and entity characters.
NASTY = ["\ud800", "\udfff", "\x00", "\x1a", "\x85", "\x9f", "\u200b", "\u2028", "\ufeff", "\ufffd", "\r", "\n", "\t",
         "<", ">", "&", '"', "'", "&#xD800;", "&#0;", "&#x110000;", "&bogus;", "\U0001f600", "é"]
WORDS = ["Pakistan", "said", "the", "minister", "on", "Monday", "police", "talks", "border", "2024", "“", "”", ".", ","]
characters = st.one_of(st.characters(exclude_categories=()), st.sampled_from(NASTY))
any_text = st.lists(st.one_of(characters, st.sampled_from(WORDS).map(lambda word: word + " ")), max_size=60).map("".join)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | any_text,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(any_text, children, max_size=3),
    max_leaves=8,
)
FIELDS = ["id", "title", "date", "source", "url", "author", "text", "html"]
records = st.dictionaries(st.sampled_from(FIELDS), st.one_of(any_text, json_values), max_size=8)
any_bytes = st.one_of(st.binary(max_size=400), any_text.map(lambda text: text.encode("utf-8", "surrogatepass")))


def check(raw) -> None:
    assert isinstance(raw, RawArticle)
    for name, value in vars(raw).items():
        if isinstance(value, str):
            value.encode("utf-8")  # no lone surrogate
            if name != "error":
                assert "\x00" not in value, name
    assert raw.origin
    if raw.ok:
        assert raw.text.strip() and any(char.isalnum() for char in raw.text)
    else:
        assert raw.error and "\n" not in raw.error and raw.text == ""


def check_all(items) -> list:
    items = list(items)
    for raw in items:
        check(raw)
    return items


@given(records)
def test_json_records(record):
    check(article_from_record(record, "a.jsonl:line 1"))


@given(st.lists(st.one_of(records.map(json.dumps), any_bytes.map(lambda data: data.decode("latin-1"))), max_size=6),
       st.booleans())
def test_json_lines_from_a_stream_and_a_gzip_file(lines, compressed):
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    check_all(articles_from_lines(io.BytesIO(data), "a.jsonl", max_line_bytes=200))
    check_all(read_stream(io.BytesIO(gzip.compress(data) if compressed else data)))


@given(st.one_of(st.lists(records, max_size=4).map(json.dumps), records.map(json.dumps)).map(str.encode) | any_bytes)
def test_json_documents(data):
    check_all(articles_from_json(data, "a.json"))


@given(st.lists(st.tuples(any_text, any_text, any_text), max_size=4), st.sampled_from(["rss", "atom"]), st.booleans())
def test_feeds(items, kind, escape):
    def part(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;") if escape else text

    if kind == "rss":
        body = "".join(f"<item><title>{part(a)}</title><link>{part(b)}</link><description>{part(c)}</description></item>"
                       for a, b, c in items)
        feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{body}</channel></rss>'
    else:
        body = "".join(f"<entry><title>{part(a)}</title><id>{part(b)}</id><summary>{part(c)}</summary></entry>" for a, b, c in items)
        feed = f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>{body}</feed>'
    check_all(articles_from_feed(feed.encode("utf-8", "surrogatepass"), "f.xml"))


@given(any_bytes)
def test_feed_bytes(data):
    check_all(articles_from_feed(data, "f.xml"))


@given(any_text, any_text)
@example("\ud800", "")  # found by this test: lxml's AssertionError on a lone surrogate
def test_html_pages_as_text_and_as_bytes(title, body):
    page = f"<html><head><title>{title}</title></head><body><article><p>{body}</p><p>{body}</p></article></body></html>"
    check(article_from_html(page, "p.html"))
    check(article_from_html(page.encode("utf-8", "surrogatepass"), "p.html"))
    assert isinstance(fragment_to_text(page), str)


@given(any_bytes)
def test_plain_text(data):
    check(article_from_text(data, "a.txt"))


@given(st.lists(st.tuples(any_text, st.binary(max_size=300) | any_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
                          st.sampled_from(["text/html", "text/html; charset=cp1252", "image/png", "text/html; charset=bogus"])),
                max_size=3),
       st.sampled_from(["per record", "whole", "none"]), st.integers(min_value=0, max_value=400))
@example([("", b"", "text/html")], "none", 295)  # found by this test: warcio's AttributeError on a cut header
def test_warc_archives_whole_and_cut(pages, compression, cut):
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compression == "per record")
    for url, body, content_type in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        target = "https://example.org/" + url.encode("ascii", "backslashreplace").decode()
        writer.write_record(writer.create_warc_record(target, "response", payload=io.BytesIO(body), http_headers=headers))
    data = buffer.getvalue()
    if compression == "whole":
        data = gzip.compress(data)
    for archive in (data, data[: max(0, len(data) - cut)]):
        check_all(articles_from_warc(io.BytesIO(archive), "crawl.warc"))
        check_all(read_stream(io.BytesIO(archive)))


@given(st.lists(st.tuples(st.sampled_from(sorted(EXTENSIONS)), st.booleans(), any_bytes), min_size=1, max_size=5))
def test_folders_of_anything(tmp_path_factory, files):
    folder = tmp_path_factory.mktemp("fuzz")
    for number, (suffix, compressed, data) in enumerate(files):
        name = f"f{number}{suffix}" + (".gz" if compressed else "")
        (folder / name).write_bytes(gzip.compress(data) if compressed else data)
    records_read = check_all(iter_articles([folder], max_line_bytes=300))
    assert records_read  # every file gives at least one record: an article or why not
    total = estimate_total([folder])
    assert total is None or total >= 0
