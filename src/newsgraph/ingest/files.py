"""Opening input files: plain or gzip-compressed, with one-line errors."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from .plaintext import read_bytes

GZIP_MAGIC = b"\x1f\x8b"
# A single page, feed or text file larger than this (after decompression) is refused:
# it is not one article, and a small gzip bomb must not fill the memory.
MAX_FILE_BYTES = 256 * 1024 * 1024


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
