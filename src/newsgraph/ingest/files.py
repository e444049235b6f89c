"""Opening input files: plain or gzip-compressed, with one-line errors."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path
from collections.abc import Iterator
from typing import BinaryIO

from ..errors import InputError
from .plaintext import read_bytes

GZIP_MAGIC = b"\x1f\x8b"
# Bytes of a file looked at to tell its format.
SNIFF_BYTES = 4096
# A single page, feed or text file larger than this (after decompression) is refused:
# it is not one article, and a small gzip bomb must not fill the memory.
MAX_FILE_BYTES = 256 * 1024 * 1024
# A JSON Lines line longer than this is refused the same way (the reading goes on at the
# next line); `newsgraph ingest --max-line-mb` sets it.
MAX_LINE_BYTES = MAX_FILE_BYTES
# Bytes read at a time when a stream is scanned rather than held (skipping an over-long
# line, counting lines).
SCAN_BYTES = 1024 * 1024


def bounded_lines(stream: BinaryIO, limit: int = MAX_LINE_BYTES) -> Iterator[bytes | None]:
    """The lines of a binary stream, each with its newline; None in place of a line
    of more than `limit` bytes (newline not counted), skipped without being held whole."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):  # at most `limit` bytes before the newline
            yield line
            continue
        while not line.endswith(b"\n"):  # the rest of the over-long line
            line = stream.readline(SCAN_BYTES)
            if not line:
                break
        yield None


def count_lines(stream: BinaryIO) -> int:
    """The non-blank lines of a binary stream, read a block at a time (bounded memory)."""
    count = 0
    filled = False  # the current line has a character other than whitespace
    while block := stream.read(SCAN_BYTES):
        parts = block.split(b"\n")
        for part in parts[:-1]:
            count += filled or bool(part.strip())
            filled = False
        filled = filled or bool(parts[-1].strip())
    return count + filled


def inflated_head(data: bytes, size: int = SNIFF_BYTES) -> bytes:
    """Up to `size` bytes of what the start of gzip `data` decompresses to (all of `data`
    is fed in: a first block with its own code tables takes a few hundred bytes before its
    first output byte); b"" when it is not gzip data."""
    try:
        return zlib.decompressobj(31).decompress(data, size)
    except zlib.error:
        return b""


def gunzip(data: bytes, name: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The decompressed bytes of gzip data (all members), refusing more than `limit`."""
    decompressor = zlib.decompressobj(31)
    out = bytearray()
    rest = data
    try:
        while rest:
            out += decompressor.decompress(rest, limit + 1 - len(out))
            if len(out) > limit:
                raise InputError(name, f"more than {limit // (1024 * 1024)} MB once decompressed")
            if decompressor.unconsumed_tail:
                rest = decompressor.unconsumed_tail
                continue
            if not decompressor.eof:
                raise InputError(name, "gzip data is truncated")
            rest = decompressor.unused_data.lstrip(b"\x00")
            decompressor = zlib.decompressobj(31)
    except zlib.error as error:
        raise InputError(name, f"damaged gzip data ({error})") from None
    return bytes(out)


def read_file(path: str | Path) -> bytes:
    """A file's bytes, decompressed when it is gzip data (whatever its name)."""
    name = str(path)
    data = read_bytes(name)
    if len(data) > MAX_FILE_BYTES:
        raise InputError(name, f"is {len(data) // (1024 * 1024)} MB: too large for one page, feed or text")
    if data.startswith(GZIP_MAGIC):
        data = gunzip(data, name)
    return data


def open_stream(path: str | Path) -> BinaryIO:
    """A binary stream over a file, decompressing gzip on the fly (for line-by-line readers)."""
    name = str(path)
    try:
        raw = open(name, "rb")
    except IsADirectoryError:
        raise InputError(name, "is a folder, not a file") from None
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as error:
        raise InputError(name, error.strerror or str(error)) from None
    if raw.peek(2)[:2] == GZIP_MAGIC:
        raw.close()
        return gzip.open(name, "rb")  # gzip.GzipFile: streams, and closes its file when closed
    return raw


def strip_suffixes(path: str | Path) -> tuple[str, bool]:
    """The format suffix of a file name without a final `.gz`, and whether it had one:
    `a.jsonl.gz` -> (".jsonl", True), `a.html` -> (".html", False)."""
    name = Path(path).name.lower()
    compressed = name.endswith(".gz")
    if compressed:
        name = name[:-3]
    return Path(name).suffix, compressed
