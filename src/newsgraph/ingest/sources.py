"""`iter_articles(paths)`: every article in files, folders and standard input.

Each file goes to the reader of its format, chosen by its name (`.txt`, `.html`,
`.jsonl`, `.json`, `.rss`/`.atom`/`.xml`/`.rdf`, `.warc`, each also with `.gz`) and,
when the name says nothing, by its first bytes. Folders are walked in a stable order
(sorted by name, files before subfolders), hidden files and folders skipped; in a folder
only files with a known extension are read (a folder of pages with their images and
style sheets yields only the pages), while a file named explicitly is always read.
Standard input (the path `-`, or the `stdin` argument) is recognised by its content:
JSON Lines, a WARC archive, a feed, an HTML page, else plain text (one article).
"""

from __future__ import annotations

import gzip
import io
import os
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from .feeds import articles_from_feed, read_feed_file
from .files import GZIP_MAGIC, MAX_LINE_BYTES, SCAN_BYTES, SNIFF_BYTES, inflated_head, read_file, strip_suffixes
from .html import article_from_html, read_html_file
from .jsonl import articles_from_json, articles_from_lines, read_json_file, read_jsonl_file
from .plaintext import article_from_text
from .records import RawArticle
from .warc import articles_from_warc, read_warc_file, starts_like_an_archive

TEXT, HTML, JSONL, JSON, FEED, WARC = "text", "html", "jsonl", "json", "feed", "warc"

EXTENSIONS = {
    ".txt": TEXT, ".text": TEXT,
    ".html": HTML, ".htm": HTML, ".xhtml": HTML, ".shtml": HTML,
    ".jsonl": JSONL, ".ndjson": JSONL, ".jsonlines": JSONL,
    ".json": JSON,
    ".rss": FEED, ".atom": FEED, ".xml": FEED, ".rdf": FEED,
    ".warc": WARC, ".arc": WARC,
}


def _read_text_file(path: Path) -> Iterator[RawArticle]:
    origin = str(path)
    try:
        data = read_file(path)
    except InputError as error:
        yield RawArticle.bad(origin, error.problem)
        return
    yield article_from_text(data, origin)


READERS: dict[str, Callable[[Path], Iterator[RawArticle]]] = {
    TEXT: _read_text_file,
    HTML: read_html_file,
    JSONL: read_jsonl_file,
    JSON: read_json_file,
    FEED: read_feed_file,
    WARC: read_warc_file,
}


def kind_of_name(path: str | Path) -> str | None:
    """The format a file name says (`a.jsonl.gz` -> "jsonl"), or None."""
    suffix, _ = strip_suffixes(path)
    return EXTENSIONS.get(suffix)


def sniff(head: bytes) -> str:
    """The format of data from its first bytes (already decompressed, except WARC)."""
    if starts_like_an_archive(head):
        return WARC
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"{"):
        return JSONL
    if text.startswith(b"["):
        return JSON
    if text.startswith(b"<"):
        if b"<rss" in text or b"<feed" in text or b"<rdf:rdf" in text:
            return FEED
        if any(marker in text for marker in (b"<!doctype html", b"<html", b"<head", b"<body")):
            return HTML
        if text.startswith(b"<?xml"):
            return FEED  # the feed reader says so if it is another kind of XML
        return HTML
    return TEXT


def _head(path: Path) -> bytes:
    """The first bytes of a file, decompressed when it is gzip data."""
    with open(path, "rb") as file:
        head = file.read(SCAN_BYTES)
    if head.startswith(GZIP_MAGIC):
        return inflated_head(head) or head
    return head[:SNIFF_BYTES]


def read_path(path: str | Path, *, max_line_bytes: int = MAX_LINE_BYTES) -> Iterator[RawArticle]:
    """The articles of one file, whatever its format (`max_line_bytes`: the longest
    JSON Lines line read)."""
    path = Path(path)
    kind = kind_of_name(path)
    if kind is None:
        try:
            kind = sniff(_head(path))
        except OSError as error:
            yield RawArticle.bad(str(path), _os_problem(error))
            return
    if kind == JSONL:
        yield from read_jsonl_file(path, max_line_bytes)
    else:
        yield from READERS[kind](path)


def read_stream(stream: BinaryIO, name: str = "stdin", *, max_line_bytes: int = MAX_LINE_BYTES) -> Iterator[RawArticle]:
    """The articles of a binary stream (standard input), its format told by its content:
    JSON Lines and WARC are read as they come; anything else is read whole. Gzip data is
    decompressed as it comes (a WARC archive too, however it was compressed: its offsets
    then count in the decompressed archive)."""
    head = stream.read(SNIFF_BYTES)
    if head.startswith(GZIP_MAGIC):
        stream = gzip.GzipFile(fileobj=_Rejoined(head, stream), mode="rb")
        try:
            head = stream.read(SNIFF_BYTES)
        except (OSError, EOFError, zlib.error) as error:
            yield RawArticle.bad(name, f"damaged gzip data ({error})")
            return
    kind = sniff(head)
    whole = io.BufferedReader(_Rejoined(head, stream))
    if kind == JSONL:
        yield from articles_from_lines(whole, name, max_line_bytes)
    elif kind == WARC:
        yield from articles_from_warc(whole, name)
    else:
        data = whole.read()
        if kind == FEED:
            yield from articles_from_feed(data, name)
        elif kind == HTML:
            yield article_from_html(data, name)
        elif kind == JSON:
            yield from articles_from_json(data, name)
        else:
            yield article_from_text(data, name)


def iter_articles(paths: Iterable[str | Path], *, recursive: bool = True, stdin: BinaryIO | None = None,
                  max_line_bytes: int = MAX_LINE_BYTES) -> Iterator[RawArticle]:
    """Every article in `paths` (files, folders, or `-` for standard input), in a
    stable order. Bad inputs are yielded as bad records (`.error` set), never raised.

    `stdin` is the binary stream read for `-` (default: `sys.stdin`); given without a
    `-` among the paths, it is read after them. A JSON Lines line longer than
    `max_line_bytes` is a bad record."""
    paths = list(paths)
    for path in paths:
        if str(path) == "-":
            yield from read_stream(_binary(stdin if stdin is not None else sys.stdin), max_line_bytes=max_line_bytes)
            continue
        path = Path(path)
        if path.is_dir():
            for file in walk(path, recursive=recursive):
                yield from read_path(file, max_line_bytes=max_line_bytes)
        elif path.exists():
            yield from read_path(path, max_line_bytes=max_line_bytes)
        else:
            yield RawArticle.bad(str(path), "no such file or folder")
    if stdin is not None and not any(str(path) == "-" for path in paths):
        yield from read_stream(_binary(stdin), max_line_bytes=max_line_bytes)


def walk(folder: Path, *, recursive: bool = True) -> Iterator[Path]:
    """The readable files of a folder, sorted by name, files before subfolders."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return
    folders = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                folders.append(Path(entry.path))
            elif entry.is_file() and kind_of_name(entry.name) is not None:
                yield Path(entry.path)
        except OSError:
            continue
    if recursive:
        for sub in folders:
            yield from walk(sub, recursive=True)


class _Rejoined(io.RawIOBase):
    """A stream that gives back bytes already read (`head`), then the rest of `stream`."""

    def __init__(self, head: bytes, stream: BinaryIO):
        self._head = head
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._head:
            count = min(len(buffer), len(self._head))
            buffer[:count] = self._head[:count]
            self._head = self._head[count:]
            return count
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _binary(stream) -> BinaryIO:
    return getattr(stream, "buffer", stream)


def _os_problem(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "no such file"
    if isinstance(error, PermissionError):
        return "permission denied"
    return error.strerror or str(error)
