import gzip

from newsgraph.ingest.html import article_from_html, fragment_to_text
from newsgraph.ingest.sources import iter_articles


def test_page_main_text_and_metadata(fixtures):
    [raw] = iter_articles([fixtures / "page.html"])
    assert raw.ok, raw.error
    assert raw.title == "Border crossing reopens after three weeks"
    assert raw.date == "2024-03-05"
    assert raw.author == "Samina Qureshi"
    assert raw.source == "The Valley Ledger"
    assert raw.url == "https://ledger.example.org/2024/03/05/border-crossing-reopens"
    assert raw.text.startswith("The main trade crossing between the two neighbouring countries")
    assert "a senior customs officer told reporters" in raw.text
    assert "held in the provincial capital." in raw.text
    # navigation, related links, footer and the headline are not part of the body
    for boilerplate in ("Search", "Related stories", "Fuel prices rise again", "All rights reserved", "Privacy policy"):
        assert boilerplate not in raw.text
    assert not raw.text.startswith("Border crossing reopens")


def test_gzipped_page(tmp_path, fixtures):
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress((fixtures / "page.html").read_bytes()))
    [raw] = iter_articles([path])
    assert raw.ok and raw.title == "Border crossing reopens after three weeks"


def test_declared_charset_is_used_when_the_page_is_not_utf8(fixtures):
    html = (fixtures / "page.html").read_text(encoding="utf-8")
    html = html.replace('charset="utf-8"', 'charset="windows-1252"').replace("fruit, cement", "caf\u00e9 supplies, cement")
    raw = article_from_html(html.encode("cp1252"), "page-1252.html")
    assert raw.ok and "café supplies" in raw.text


def test_page_without_an_article_is_a_bad_record():
    raw = article_from_html(b"<html><head><title>Home</title></head><body><nav><a href='/'>Home</a></nav></body></html>", "home.html")
    assert raw.error.startswith("no article text found in the page")


def test_binary_data_named_html_is_a_bad_record(tmp_path):
    path = tmp_path / "photo.html"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    [raw] = iter_articles([path])
    assert raw.error == "contains NUL bytes: binary data, not an HTML page"


def test_empty_page_is_a_bad_record(tmp_path):
    path = tmp_path / "empty.html"
    path.write_bytes(b"")
    [raw] = iter_articles([path])
    assert raw.error == "empty: there is no HTML"


def test_fragment_to_text_keeps_paragraphs_and_drops_scripts():
    html = "<p>First  paragraph\n of text.</p><p>Second<br>line two</p><script>evil()</script><ul><li>one</li><li>two</li></ul>"
    assert fragment_to_text(html) == "First paragraph of text.\n\nSecond\nline two\n\none\n\ntwo"
    assert fragment_to_text("plain words &amp; more") == "plain words & more"
    assert fragment_to_text("") == ""
    assert fragment_to_text("<p>stray\x00 NUL</p>") == "stray NUL"
