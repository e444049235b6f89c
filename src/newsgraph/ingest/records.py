"""`RawArticle`: what every reader yields, good or bad.

A reader never raises for one bad item (a broken JSON line, a page with no article text,
a binary file): it yields a `RawArticle` whose `error` says, in one line, what is wrong,
and goes on. The runner records it and skips it. `origin` says where the item came from
in words a person can follow back: `news/a.txt`, `dump.jsonl.gz:line 12`, `feed.xml#3`,
`crawl.warc.gz@48213`.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import InputError

if TYPE_CHECKING:  # the pipeline imports spaCy: load it only when an Article is built
    from ..pipeline import Article


@dataclass
class RawArticle:
    """One article as read from the input, before analysis."""

    text: str = ""
    origin: str = ""
    id: str | None = None
    title: str | None = None
    date: str | None = None  # ISO "YYYY-MM-DD", or None when unknown
    source: str | None = None  # the publication ("Dawn", "Tehran Times")
    url: str | None = None
    author: str | None = None
    language: str | None = None  # ISO 639-1 code, filled by `language.tag_language`
    language_confidence: float | None = None
    error: str | None = None  # None, or one line saying why this item cannot be analysed

    @property
    def ok(self) -> bool:
        return self.error is None

    @classmethod
    def bad(cls, origin: str, problem: str, **known) -> "RawArticle":
        """A bad item: where it is and what is wrong (one line)."""
        return cls(origin=origin, error=one_line(problem), **known)

    def to_article(self) -> "Article":
        """The `newsgraph.pipeline.Article` to analyse; refuses a bad item."""
        from ..pipeline import Article

        if self.error is not None:
            raise InputError(self.origin or "article", self.error)
        return Article(text=self.text, id=self.id, title=self.title, date=self.date, source=self.source, url=self.url)


def one_line(message: str, limit: int = 300) -> str:
    """Collapse whitespace so that a reason always prints as one line."""
    message = " ".join(str(message).split())
    return message if len(message) <= limit else message[: limit - 1] + "…"


def clean_field(value) -> str | None:
    """A metadata value as a stripped one-line string, or None when empty."""
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Up to this share of stray control characters (NUL, the DOS end-of-file mark \x1a...,
# left over by old conversions) is cleaned; more means the "text" is binary data.
MAX_CONTROL_SHARE = 0.01


def clean_controls(text: str) -> str:
    """The text with stray control characters replaced by spaces (offsets are kept).
    Raises ValueError when there are too many for it to be text."""
    count = len(_CONTROL.findall(text))
    if not count:
        return text
    if count > MAX_CONTROL_SHARE * len(text):
        raise ValueError(f"{count} control characters in {len(text)}: binary data, not text")
    return _CONTROL.sub(" ", text)


_SLASHED = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b")


def normalize_date(value) -> str | None:
    """An ISO date "YYYY-MM-DD" from what inputs carry: ISO dates and date-times
    ("2023-12-14", "2023-12-14T08:00:00Z"), "2023/12/14", RFC 822 dates of feeds and
    mail ("Thu, 14 Dec 2023 08:00:00 GMT"), date objects and Unix timestamps.

    Raises ValueError (with a short reason) for anything else: a wrong date is worse
    than none, so the caller reports it instead of guessing.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        raise ValueError(f"date {value!r} is not a date")
    if isinstance(value, (int, float)):
        try:
            return dt.datetime.fromtimestamp(value, dt.timezone.utc).date().isoformat()
        except (OverflowError, OSError, ValueError):
            raise ValueError(f"date {value!r} is not a valid Unix timestamp") from None
    if not isinstance(value, str):
        raise ValueError(f"date must be text, got {type(value).__name__}")
    text = value.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    match = _SLASHED.match(text)
    if match:
        try:
            return dt.date(*(int(part) for part in match.groups())).isoformat()
        except ValueError:
            pass
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return parsed.date().isoformat()
    shown = text if len(text) <= 40 else text[:39] + "…"
    raise ValueError(f"date {shown!r} is not a date (use ISO YYYY-MM-DD)")
