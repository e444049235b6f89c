"""RSS and Atom feeds: one article per item.

Read with feedparser rather than an XML reader of our own: real feeds come in RSS 0.9x,
1.0 (RDF) and 2.0 and Atom 0.3 and 1.0, put the text in `content:encoded`, `content`,
`description` or `summary`, write dates in RFC 822, ISO 8601 and worse, and are often
not well-formed XML. feedparser knows all of that, falls back to a lenient parser on
broken XML, sanitizes the HTML it returns, and never fetches external entities. It is
given the bytes, never a name or URL, so it never goes to the network.

An item's text is its full content when the feed carries it, else its summary (often
a teaser of a few lines), converted from HTML to plain text.
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
import re
from collections.abc import Iterator
from pathlib import Path

import feedparser

from ..errors import InputError
from .files import read_file
from .html import fragment_to_text
from .records import RawArticle, clean_field, normalize_date


def articles_from_feed(data: bytes, name: str) -> Iterator[RawArticle]:
    """Articles from the bytes of one RSS or Atom feed; items are numbered from 1
    (origin `feed.xml#3`)."""
    if not data.strip():
        yield RawArticle.bad(name, "empty: the feed file has no content")
        return
    try:
        feed = feedparser.parse(io.BytesIO(without_bad_references(data)))
    except Exception as error:  # feedparser is lenient; anything it still raises is a bad file
        yield RawArticle.bad(name, f"not a readable feed: {type(error).__name__}: {error}")
        return
    if not feed.get("version") and not feed.get("entries"):
        if feed.bozo:
            yield RawArticle.bad(name, f"not a readable RSS or Atom feed: {_reason(feed.bozo_exception)}")
        else:
            yield RawArticle.bad(name, "not an RSS or Atom feed")
        return
    source = clean_field(feed.feed.get("title"))
    for number, entry in enumerate(feed.entries, 1):
        yield article_from_entry(entry, f"{name}#{number}", source)


_NUMERIC_REFERENCE = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,16})|([0-9]{1,20}));")


def without_bad_references(data: bytes) -> bytes:
    """`data` with every numeric character reference that names no character XML allows
    (`&#xD800;`, `&#0;`, `&#x110000;`...) replaced by `&#xFFFD;`: feedparser gives up on
    the whole feed for one of them."""

    def replace(match: re.Match) -> bytes:
        hexadecimal, decimal = match.groups()
        code = int(hexadecimal, 16) if hexadecimal else int(decimal)
        allowed = code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF
        return match.group(0) if allowed else b"&#xFFFD;"

    return _NUMERIC_REFERENCE.sub(replace, data)


def article_from_entry(entry, origin: str, source: str | None = None) -> RawArticle:
    title = clean_field(_as_text(entry.get("title_detail") or {"value": entry.get("title")}))
    known = {
        "title": title,
        "url": clean_field(entry.get("link")),
        "author": clean_field(entry.get("author")),
        "source": source,
        "date": _entry_date(entry),
    }
    body = _entry_body(entry)
    if body is None:
        return RawArticle.bad(origin, "item has no content or summary", **known)
    text = _as_text(body)
    if not text:
        return RawArticle.bad(origin, "item's content is empty", **known)
    return RawArticle(text=text, origin=origin, **known)


def read_feed_file(path: str | Path) -> Iterator[RawArticle]:
    """Articles from a feed file (`.rss`, `.atom`, `.xml`, `.rdf`, also gzip-compressed)."""
    name = str(path)
    try:
        data = read_file(path)
    except InputError as error:
        yield RawArticle.bad(name, error.problem)
        return
    yield from articles_from_feed(data, name)


def _entry_body(entry) -> dict | None:
    """The longest full content of an item, else its summary (feedparser's
    `{value, type}` details)."""
    contents = [part for part in entry.get("content", []) if (part.get("value") or "").strip()]
    if contents:
        return max(contents, key=lambda part: len(part["value"]))
    summary = entry.get("summary_detail") or {"value": entry.get("summary"), "type": "text/html"}
    if (summary.get("value") or "").strip():
        return summary
    return None


def _as_text(detail: dict) -> str:
    """Plain text from a feedparser detail: HTML converted, plain text kept as it is."""
    value = detail.get("value") or ""
    if "html" in (detail.get("type") or "text/html"):
        return fragment_to_text(value)
    paragraphs = (" ".join(block.split()) for block in value.replace("\r\n", "\n").split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def _entry_date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return dt.datetime.fromtimestamp(calendar.timegm(parsed), dt.timezone.utc).date().isoformat()
    for key in ("published", "updated"):  # a date feedparser could not parse: try ours
        try:
            value = normalize_date(entry.get(key))
        except ValueError:
            continue
        if value:
            return value
    return None


def _reason(error) -> str:
    text = str(error) or type(error).__name__
    return text.split("\n")[0]
