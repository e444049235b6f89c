"""`RawArticle`: what every reader yields, good or bad.

A reader never raises for one bad item (a broken JSON line, a page with no article text,
a binary file): it yields a `RawArticle` whose `error` says, in one line, what is wrong,
and goes on. The runner records it and skips it. `origin` says where the item came from
in words a person can follow back: `news/a.txt`, `dump.jsonl.gz:line 12`, `feed.xml#3`,
`crawl.warc.gz@48213`.

Every `RawArticle` is made storable when it is built, whatever reader built it: text
that cannot be encoded (a lone surrogate, as JSON's `\\ud800` or a file name that is not
UTF-8 gives) is cleaned, one character for one (U+FFFD), so that offsets still hold;
control characters in the text become spaces and vanish from the metadata; an id that
had a lone surrogate, and a text without a single letter or digit, make the item bad.
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

    def __post_init__(self) -> None:
        problem = None
        for name in _STRING_FIELDS:
            value = getattr(self, name)
            if not isinstance(value, str):
                continue
            where = lone_surrogate(value)
            if where is not None:
                value = clean_unicode(value)
                if name == "id" and problem is None:
                    problem = f"field 'id' is not valid Unicode: a lone surrogate at character {where + 1}"
            if name == "text":
                value = _CONTROL.sub(" ", value)  # one for one: offsets hold
            elif name not in ("origin", "error") and _CONTROL.search(value):
                value = " ".join(_CONTROL.sub(" ", value).split()) or None
            setattr(self, name, value)
        if self.error is None and problem is None and not _WORD_CHARACTER.search(self.text):
            problem = "empty: the text has no letters or digits" if self.text.strip() else "empty: there is no text"
        if self.error is None and problem is not None:
            self.error, self.text = problem, ""  # a bad item carries no text

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
    text = " ".join(_CONTROL.sub(" ", str(value)).split())
    return text or None


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_WORD_CHARACTER = re.compile(r"[^\W_]")  # a letter or a digit, in any script
_STRING_FIELDS = ("text", "origin", "id", "title", "date", "source", "url", "author", "language", "error")


def lone_surrogate(text: str) -> int | None:
    """The index of the first lone surrogate in `text` (a code point that UTF-8 cannot
    encode), or None when there is none."""
    match = _SURROGATE.search(text)
    return match.start() if match else None


def clean_unicode(text: str) -> str:
    """`text` with every lone surrogate replaced by U+FFFD (one for one: offsets hold)."""
    return _SURROGATE.sub("\ufffd", text)
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
