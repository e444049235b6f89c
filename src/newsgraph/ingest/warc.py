"""WARC web archives (`.warc`, `.warc.gz`): the HTML pages in them, through the HTML reader.

Only successful (HTTP 200) `response` records, and `resource` records, whose content
type is HTML are read; images, scripts, redirects, errors, requests and metadata records
are skipped without a word (they are not articles). Each page's origin is the archive and
the record's byte offset, `crawl.warc.gz@48213`, which `warcio extract` can open.
The article's URL is the record's target URI; its date comes from the page, never from
the crawl date.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from .html import article_from_html
from .records import RawArticle

HTML_TYPES = ("text/html", "application/xhtml+xml")


def articles_from_warc(stream: BinaryIO, name: str) -> Iterator[RawArticle]:
    """Articles from the HTML pages of a WARC stream (gzip-compressed or not)."""
    offset = 0
    try:
        archive = ArchiveIterator(stream, arc2warc=True)
        for record in archive:
            offset = archive.offset  # where this record starts
            page = _html_page(record)
            if page is None:
                continue
            url, charset = page
            origin = f"{name}@{offset}"
            data = record.content_stream().read()
            if getattr(record.raw_stream, "limit", 0) > 0:  # fewer bytes than its Content-Length
                yield RawArticle.bad(origin, "archive is truncated in this record: reading stopped", url=url)
                return
            yield article_from_html(data, origin, url=url, declared_charset=charset)
    except ArchiveLoadFailed as error:
        yield RawArticle.bad(f"{name}@{offset}", f"not a readable WARC archive: {_first_line(error)}")
    except (OSError, EOFError, zlib.error, ValueError) as error:
        problem = "archive is truncated" if isinstance(error, EOFError) else f"archive is damaged ({_first_line(error)})"
        yield RawArticle.bad(f"{name}@{offset}", f"{problem}: reading stopped")


def read_warc_file(path: str | Path) -> Iterator[RawArticle]:
    name = str(path)
    try:
        stream = open(name, "rb")
    except OSError as error:
        yield RawArticle.bad(name, error.strerror or str(error))
        return
    with stream:
        if not starts_like_an_archive(stream.peek(64)[:64]):
            yield RawArticle.bad(name, "not a WARC archive: it does not start with a WARC record")
            return
        yield from articles_from_warc(stream, name)


def starts_like_an_archive(head: bytes) -> bool:
    """True when `head` (possibly gzip-compressed) starts a WARC or ARC record. warcio
    itself reads almost any text as ARC records, so this is checked first."""
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(31).decompress(head, 16)
        except zlib.error:
            return False
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
