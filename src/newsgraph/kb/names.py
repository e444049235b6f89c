"""Name normalization shared by the knowledge base and the article side.

A name becomes a tuple of words: lowercased, without diacritics, apostrophes,
possessive 's, hyphens or other punctuation; runs of single letters inside one
written word are joined, so that "U.S." and "US" are both ("us",).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = "'’‘`´ʼʻ"
_POSSESSIVE = re.compile(r"[" + _APOSTROPHES + r"]s\b", re.IGNORECASE)
_APOSTROPHE = re.compile(r"[" + _APOSTROPHES + r"]")
_WORD = re.compile(r"[^\W_]+")
_SLUG_DROP = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lowercase, strip diacritics, possessive 's and apostrophes."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    plain = _POSSESSIVE.sub("", plain)
    return _APOSTROPHE.sub("", plain).lower()


@lru_cache(maxsize=200_000)
def chunk_words(chunk: str) -> tuple[str, ...]:
    """The words of one written word or token ("U.S." -> ("us",), "al-Qaeda" -> ("al", "qaeda"))."""
    runs = _WORD.findall(fold(chunk))
    if len(runs) < 2:
        return tuple(runs)
    words: list[str] = []
    letters = ""
    for run in runs:
        if len(run) == 1:
            letters += run
            continue
        if letters:
            words.append(letters)
            letters = ""
        words.append(run)
    if letters:
        words.append(letters)
    return tuple(words)


def name_words(name: str) -> tuple[str, ...]:
    """The normalized words of a whole name."""
    words: list[str] = []
    for chunk in name.split():
        words.extend(chunk_words(chunk))
    return tuple(words)


def name_key(name: str) -> str:
    """One string key for a name: its normalized words joined by spaces."""
    return " ".join(name_words(name))


def slug(name: str) -> str:
    """A stable id from a name: "Anwaar ul Haq Kakar" -> "anwaar-ul-haq-kakar"."""
    return _SLUG_DROP.sub("-", " ".join(name_words(name))).strip("-") or "unnamed"


def is_capitalized(text: str) -> bool:
    """Whether a written name carries capitals (proper-noun evidence)."""
    return any(char.isupper() for char in text)


def is_all_capitals(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return bool(letters) and all(char.isupper() for char in letters)
