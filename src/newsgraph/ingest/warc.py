"""WARC web archives (`.warc`, `.warc.gz`): the HTML pages in them, through the HTML reader.

Only successful (HTTP 200) `response` records, and `resource` records, whose content
type is HTML are read; images, scripts, redirects, errors, requests and metadata records
are skipped without a word (they are not articles). Each page's origin is the archive and
the record's byte offset, `crawl.warc.gz@48213`, which `warcio extract` can open.
The article's URL is the record's target URI; its date comes from the page, never from
the crawl date.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from .files import GZIP_MAGIC, SCAN_BYTES, SNIFF_BYTES, inflated_head
from .html import article_from_html
from .records import RawArticle

HTML_TYPES = ("text/html", "application/xhtml+xml")


def articles_from_warc(stream: BinaryIO, name: str) -> Iterator[RawArticle]:
    """Articles from the HTML pages of a WARC stream: plain, or gzip-compressed record by
    record (as crawlers write them). An archive without a single HTML page is a bad record."""
    offset = pages = records = 0
    try:
        archive = ArchiveIterator(stream, arc2warc=True)
        for record in archive:
            records += 1
            offset = archive.offset  # where this record starts
            page = _html_page(record)
            if page is None:
                continue
            pages += 1
            url, charset = page
            origin = f"{name}@{offset}"
            data = record.content_stream().read()
            if getattr(record.raw_stream, "limit", 0) > 0:  # fewer bytes than its Content-Length
                yield RawArticle.bad(origin, "archive is truncated in this record: reading stopped", url=url)
                return
            yield article_from_html(data, origin, url=url, declared_charset=charset)
    except ArchiveLoadFailed as error:
        yield RawArticle.bad(f"{name}@{offset}", f"not a readable WARC archive: {_first_line(error)}")
        return
    except Exception as error:  # noqa: BLE001 - warcio parses untrusted bytes; whatever it raises, the archive is damaged
        problem = "archive is truncated" if isinstance(error, EOFError) else f"archive is damaged ({_first_line(error)})"
        yield RawArticle.bad(f"{name}@{offset}", f"{problem}: reading stopped")
        return
    if not pages:
        yield RawArticle.bad(name, f"no HTML page in the archive ({records} record{'s' * (records != 1)})")


def read_warc_file(path: str | Path) -> Iterator[RawArticle]:
    """Articles from a WARC file. Compressed record by record, it is read as it is (each
    origin's offset is where warcio can open the record); compressed whole, it is read
    through a decompressing stream (the offsets count in the decompressed archive)."""
    name = str(path)
    try:
        stream = open(name, "rb")
    except OSError as error:
        yield RawArticle.bad(name, error.strerror or str(error))
        return
    with stream:
        head = stream.read(SNIFF_BYTES)
        if not head:
            yield RawArticle.bad(name, "empty: the archive has no records")
            return
        if not starts_like_an_archive(head):
            yield RawArticle.bad(name, "not a WARC archive: it does not start with a WARC record")
            return
        stream.seek(0)
        if head.startswith(GZIP_MAGIC) and not compressed_by_record(stream):
            stream.seek(0)
            with gzip.GzipFile(fileobj=stream, mode="rb") as whole:
                yield from articles_from_warc(whole, name)
            return
        stream.seek(0)
        yield from articles_from_warc(stream, name)


def compressed_by_record(stream: BinaryIO) -> bool:
    """Whether gzip WARC data is compressed one record per gzip member (what warcio reads
    as it is), rather than as one stream: its first member holds exactly its first record.
    Reads the first member, holding no more than its first bytes."""
    decompressor = zlib.decompressobj(31)
    head = bytearray()
    size = 0
    try:
        while not decompressor.eof:
            block = stream.read(SCAN_BYTES)
            if not block:
                return True  # truncated in the first record: warcio says so
            out = decompressor.decompress(block)
            size += len(out)
            if len(head) < SNIFF_BYTES:
                head += out[: SNIFF_BYTES - len(head)]
    except zlib.error:
        return True  # damaged: warcio says so
    return size == _first_record_size(bytes(head))


def _first_record_size(head: bytes) -> int | None:
    """The size of the WARC record that starts `head`: headers, blank line, content and
    the two line ends after it; None when the headers do not say."""
    end = head.find(b"\r\n\r\n")
    if end < 0:
        return None
    for line in head[:end].split(b"\r\n"):
        key, _, value = line.partition(b":")
        if key.strip().lower() == b"content-length":
            try:
                return end + 4 + int(value.strip()) + 4
            except ValueError:
                return None
    return None


def starts_like_an_archive(head: bytes) -> bool:
    """True when `head` (possibly gzip-compressed) starts a WARC or ARC record. warcio
    itself reads almost any text as ARC records, so this is checked first."""
    if head.startswith(GZIP_MAGIC):
        head = inflated_head(head, 16)
    return head.startswith((b"WARC/", b"filedesc://"))


def _html_page(record) -> tuple[str | None, str | None] | None:
    """(url, declared charset) when the record is an HTML page worth reading, else None."""
    if record.rec_type == "response":
        headers = record.http_headers
        if headers is None:
            return None
        status = (headers.get_statuscode() or "").strip()
        if status != "200":
            return None
        content_type = headers.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    media_type, _, params = content_type.partition(";")
    if media_type.strip().lower() not in HTML_TYPES:
        return None
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return record.rec_headers.get_header("WARC-Target-URI"), charset


def _first_line(error) -> str:
    text = str(error) or type(error).__name__
    return text.strip().split("\n")[0]
