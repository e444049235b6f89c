"""JSON Lines: one article per line, `{id?, title?, date?, source?, url?, author?, text | html}`.

Also gzip-compressed (`.jsonl.gz`), and `.json` files holding one such object or a list
of them. A bad line (not JSON, not an object, no text, a field of the wrong type, a date
that is not a date) is yielded as a bad record naming its line; the reading goes on.
"""

from __future__ import annotations

import dataclasses
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from .files import MAX_LINE_BYTES, bounded_lines, open_stream, read_file
from .html import article_from_html
from .records import RawArticle, clean_controls, clean_field, normalize_date

TEXT_FIELDS = ("title", "source", "url", "author")


def article_from_record(record, origin: str) -> RawArticle:
    """A `RawArticle` from one decoded JSON value (a bad one when it does not fit)."""
    if not isinstance(record, dict):
        return RawArticle.bad(origin, f"expected a JSON object, got {_json_type(record)}")
    doc_id = record.get("id")
    if doc_id is not None and (isinstance(doc_id, bool) or not isinstance(doc_id, (str, int))):
        return RawArticle.bad(origin, f"field 'id' must be text or a number, got {_json_type(doc_id)}")
    doc_id = clean_field(doc_id)
    known = {}
    for name in TEXT_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, (str, int, float)):
            return RawArticle.bad(origin, f"field {name!r} must be text, got {_json_type(value)}", id=doc_id)
        known[name] = clean_field(value)
    try:
        date = normalize_date(record.get("date"))
    except ValueError as error:
        return RawArticle.bad(origin, str(error), id=doc_id, **known)

    text, html = record.get("text"), record.get("html")
    for name, value in (("text", text), ("html", html)):
        if value is not None and not isinstance(value, str):
            return RawArticle.bad(origin, f"field {name!r} must be text, got {_json_type(value)}", id=doc_id, **known)
    if text is not None and text.strip():
        try:
            text = clean_controls(text)
        except ValueError as error:
            return RawArticle.bad(origin, f"field 'text' has {error}", id=doc_id, **known)
        return RawArticle(text=text, origin=origin, id=doc_id, date=date, **known)
    if html is not None and html.strip():
        page = article_from_html(html, origin, url=known["url"])
        # What the record says explicitly wins over what the page's metadata suggests.
        explicit = {name: value for name, value in {**known, "date": date}.items() if value is not None}
        return dataclasses.replace(page, id=doc_id, **explicit)  # built anew: checked anew
    if text is None and html is None:
        return RawArticle.bad(origin, "no 'text' or 'html' field", id=doc_id, **known)
    return RawArticle.bad(origin, "empty: the text is blank", id=doc_id, **known)


def articles_from_lines(stream: BinaryIO, name: str, max_line_bytes: int = MAX_LINE_BYTES) -> Iterator[RawArticle]:
    """Articles from the lines of a binary JSON Lines stream; blank lines are skipped, a
    line of more than `max_line_bytes` is a bad record (and the reading goes on)."""
    number = blank = 0
    iterator = bounded_lines(stream, max_line_bytes)
    while True:
        try:
            line = next(iterator)
        except StopIteration:
            if number == blank:
                yield RawArticle.bad(name, "empty: there is no JSON line")
            return
        except (EOFError, OSError, zlib.error) as error:  # truncated or damaged gzip part-way
            problem = "file is truncated" if isinstance(error, EOFError) else f"cannot be read ({error})"
            yield RawArticle.bad(f"{name}:line {number + 1}", f"{problem}: reading stopped after line {number}")
            return
        number += 1
        origin = f"{name}:line {number}"
        if line is None:
            yield RawArticle.bad(origin, f"line is longer than {_megabytes(max_line_bytes)}: skipped "
                                         "(raise the limit with --max-line-mb)")
            continue
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if not line.strip():
            blank += 1
            continue
        try:
            text = line.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError as error:
            yield RawArticle.bad(origin, f"not UTF-8: byte 0x{line[error.start]:02x} at column {error.start + 1}")
            continue
        try:
            record = json.loads(text)
        except json.JSONDecodeError as error:
            yield RawArticle.bad(origin, f"not valid JSON: {error.msg} (column {error.colno})")
            continue
        except RecursionError:
            yield RawArticle.bad(origin, "not valid JSON: nested too deeply")
            continue
        yield article_from_record(record, origin)


def read_jsonl_file(path: str | Path, max_line_bytes: int = MAX_LINE_BYTES) -> Iterator[RawArticle]:
    """Articles from a `.jsonl` / `.ndjson` file, gzip-compressed or not, read line by line."""
    name = str(path)
    try:
        stream = open_stream(path)
    except InputError as error:
        yield RawArticle.bad(name, error.problem)
        return
    with stream:
        yield from articles_from_lines(stream, name, max_line_bytes)


def read_json_file(path: str | Path) -> Iterator[RawArticle]:
    """Articles from a `.json` file: one article object, or a list of them."""
    name = str(path)
    try:
        data = read_file(path)
    except InputError as error:
        yield RawArticle.bad(name, error.problem)
        return
    yield from articles_from_json(data, name)


def articles_from_json(data: bytes, name: str) -> Iterator[RawArticle]:
    """Articles from one JSON document: an article object, or a list of them (`name#3`)."""
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        yield RawArticle.bad(name, f"not UTF-8: byte 0x{data[error.start]:02x} at offset {error.start}")
        return
    except json.JSONDecodeError as error:
        yield RawArticle.bad(name, f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})")
        return
    except RecursionError:
        yield RawArticle.bad(name, "not valid JSON: nested too deeply")
        return
    if isinstance(value, list):
        for number, record in enumerate(value, 1):
            yield article_from_record(record, f"{name}#{number}")
    else:
        yield article_from_record(value, name)


def _json_type(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _megabytes(count: int) -> str:
    return f"{count / (1024 * 1024):g} MB" if count >= 1024 * 1024 else f"{count:,} bytes"
