import gzip as gzip_module
import io
import zlib

import pytest
from ingest_helpers import ARTICLE_URL, build_warc
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

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


def _crawl(path, page: bytes, *, warcinfo: bool, compression: str) -> None:
    """A crawl as Heritrix, wget or browsertrix write one, with warcio: an optional
    Heritrix-style warcinfo record, then pages; gzipped record by record, whole, or not."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compression == "per record")
    if warcinfo:
        writer.write_record(writer.create_warcinfo_record(path.name, {
            "software": "Heritrix/3.4.0-20220727 https://github.com/internetarchive/heritrix3",
            "format": "WARC File Format 1.0", "conformsTo": "https://iipc.github.io/warc-specifications/",
            "isPartOf": "ledger-crawl", "robots": "obey", "hostname": "crawler-1",
            "http-header-user-agent": "Mozilla/5.0 (compatible; heritrix/3.4.0 +https://ledger.example.org/bot)",
        }))
    for number in range(3):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        body = page.replace(b"three weeks", f"{number + 3} weeks".encode())
        writer.write_record(writer.create_warc_record(f"{ARTICLE_URL}/{number}", "response", payload=io.BytesIO(body),
                                                      http_headers=headers))
    data = buffer.getvalue()
    path.write_bytes(gzip_module.compress(data) if compression == "whole" else data)


@pytest.mark.parametrize("compression", ["per record", "whole", "none"])
@pytest.mark.parametrize("warcinfo", [True, False], ids=["warcinfo", "no-warcinfo"])
def test_real_world_archives_are_read_from_files_and_standard_input(tmp_path, fixtures, compression, warcinfo):
    path = tmp_path / ("crawl.warc" + (".gz" if compression != "none" else ""))
    _crawl(path, (fixtures / "page.html").read_bytes(), warcinfo=warcinfo, compression=compression)
    from_file = list(iter_articles([path]))
    from_stdin = list(iter_articles(["-"], stdin=io.BytesIO(path.read_bytes())))
    for records in (from_file, from_stdin):
        assert [raw.error for raw in records] == [None] * 3
        assert [raw.url for raw in records] == [f"{ARTICLE_URL}/{number}" for number in range(3)]
    if compression != "whole":  # the offset is where warcio opens the record in the file
        with open(path, "rb") as stream:
            stream.seek(int(from_file[1].origin.rsplit("@", 1)[1]))
            assert next(iter(ArchiveIterator(stream))).rec_headers.get_header("WARC-Target-URI") == f"{ARTICLE_URL}/1"


def test_a_large_first_record_is_sniffed_whatever_its_compressed_start(tmp_path, fixtures):
    """A first record that deflate codes with its own tables (a large, varied warcinfo)
    gives no byte out of its first compressed bytes: the sniffing inflates enough."""
    path = tmp_path / "crawl.warc.gz"
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(writer.create_warcinfo_record(path.name, {f"field-{n}": f"value {n * 7919 % 10007}" for n in range(400)}))
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(ARTICLE_URL, "response", payload=io.BytesIO((fixtures / "page.html").read_bytes()),
                                                  http_headers=headers))
    path.write_bytes(buffer.getvalue())
    assert zlib.decompressobj(31).decompress(path.read_bytes()[:64]) == b""  # what the old sniffing saw
    path.rename(tmp_path / "crawl.bin")  # no telling name: sniffed by content
    [raw] = iter_articles([tmp_path / "crawl.bin"])
    assert raw.ok and raw.url == ARTICLE_URL


@pytest.mark.parametrize("gzip", [True, False])
def test_an_archive_without_pages_is_a_bad_record(tmp_path, gzip):
    path = tmp_path / ("info.warc.gz" if gzip else "info.warc")
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "Heritrix/3.4.0"}))
    [raw] = iter_articles([path])
    assert raw.error == "no HTML page in the archive (1 record)"
    empty = tmp_path / "empty.warc"
    empty.write_bytes(b"")
    [raw] = iter_articles([empty])
    assert not raw.ok and "empty" in raw.error
