"""Reading one plain-text article from a file or standard input, with clear refusals."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import InputError

# Leading bytes of formats that are not plain text, with a hint of what to do instead.
MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x1f\x8b": "gzip-compressed data",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "an executable",
}
CONTROL_OK = {9, 10, 12, 13}


def read_bytes(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    path = Path(name)
    if path.is_dir():
        raise InputError(name, "is a folder, not a file (use `newsgraph ingest` for many articles)")
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as error:
        raise InputError(name, error.strerror or str(error)) from None


def decode_text(data: bytes, name: str, encoding: str | None = None) -> str:
    """Bytes to text: refuse binary data and say where decoding fails."""
    label = "standard input" if name == "-" else name
    for magic, what in MAGIC.items():
        if data.startswith(magic):
            raise InputError(label, f"is {what}, not text")
    head = data[:65536]
    if head and not (encoding or "").lower().startswith("utf-16"):
        # A stray NUL happens in real articles; many of them, or many control bytes, is binary.
        controls = sum(1 for byte in head if byte < 32 and byte not in CONTROL_OK)
        if head.count(0) > len(head) / 100 or controls > len(head) / 20:
            raise InputError(label, "binary data, not text (too many NUL or control bytes)")
    if encoding:
        try:
            return data.decode(encoding)
        except LookupError:
            raise InputError(label, f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as error:
            raise InputError(label, f"not valid {encoding}: byte 0x{data[error.start]:02x} at offset {error.start}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            label,
            f"not UTF-8 text: byte 0x{data[error.start]:02x} at offset {error.start} "
            "(name its encoding with --encoding, e.g. --encoding cp1252)",
        ) from None


def read_text(name: str, encoding: str | None = None) -> str:
    """The text of a file (or `-` for standard input)."""
    return decode_text(read_bytes(name), name, encoding)


# ---------------------------------------------------------------- ingest: one file, one article
# A first line is taken as the title when it looks like a headline: short, not ending like
# a sentence or a clause, and followed by a blank line and more text.
HEADLINE_MAX_CHARS = 200
HEADLINE_MAX_WORDS = 25
NOT_HEADLINE_ENDINGS = (".", ",", ";", ":", "-", "–", "—")


def headline(text: str) -> str | None:
    """The first line of `text` when it looks like a headline, else None."""
    lines = text.split("\n")
    index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if index is None or index + 2 >= len(lines):
        return None
    first = lines[index].strip()
    if lines[index + 1].strip() or not any(line.strip() for line in lines[index + 2 :]):
        return None
    if len(first) > HEADLINE_MAX_CHARS or len(first.split()) > HEADLINE_MAX_WORDS:
        return None
    if first.endswith(NOT_HEADLINE_ENDINGS) and not first.endswith("..."):
        return None
    return first


def article_from_text(data: bytes, origin: str, encoding: str | None = None):
    """A `RawArticle` from the bytes of a plain-text file (a bad one when it is not text).

    The text is kept whole, headline included, so that character offsets are offsets
    into the file as a person sees it; the headline is also given as the title.
    """
    from .records import RawArticle

    try:
        text = decode_text(data, origin, encoding)
    except InputError as error:
        return RawArticle.bad(origin, error.problem)
    if not text.strip():
        return RawArticle.bad(origin, "empty: there is no text")
    return RawArticle(text=text, origin=origin, title=headline(text))
