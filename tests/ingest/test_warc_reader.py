import pytest
from ingest_helpers import ARTICLE_URL, build_warc
from warcio.archiveiterator import ArchiveIterator

from newsgraph.ingest.sources import iter_articles


@pytest.mark.parametrize("gzip", [True, False])
def test_html_responses_become_articles_and_the_rest_is_skipped(tmp_path, fixtures, gzip):
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    build_warc(path, (fixtures / "page.html").read_bytes(), gzip=gzip)
    first, second = iter_articles([path])
    assert first.ok and first.url == ARTICLE_URL
    assert first.title == "Border crossing reopens after three weeks"
    assert first.text.startswith("The main trade crossing")
    assert second.ok and second.url == "https://ledger.example.org/second"
    assert second.title == "Crossing stays open for a second week"
    # the origin's offset is where the record starts: warcio can read it from there
    name, offset = first.origin.rsplit("@", 1)
    assert name == str(path)
    with open(path, "rb") as stream:
        stream.seek(int(offset))
        record = next(iter(ArchiveIterator(stream)))
        assert record.rec_type == "response"
        assert record.rec_headers.get_header("WARC-Target-URI") == ARTICLE_URL


def test_truncated_archive_keeps_what_was_read_and_reports_the_rest(tmp_path, fixtures):
    path = tmp_path / "crawl.warc.gz"
    build_warc(path, (fixtures / "page.html").read_bytes())
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 200])
    records = list(iter_articles([path]))
    assert records[0].ok and records[0].url == ARTICLE_URL
    assert not records[-1].ok and "reading stopped" in records[-1].error
    assert records[-1].origin.startswith(f"{path}@")


def test_not_a_warc_archive(tmp_path):
    path = tmp_path / "fake.warc"
    path.write_bytes(b"this is not an archive\n" * 10)
    [raw] = iter_articles([path])
    assert raw.error == "not a WARC archive: it does not start with a WARC record"
    assert "\n" not in raw.error
