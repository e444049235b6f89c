"""Readable data files (TSV and word lists) that drive the rules, and how to extend them.

Every table ships in `newsgraph/data/lexicon/`. A user extends one by putting a file of the
same name in `$NEWSGRAPH_HOME/lexicon/` or in a folder named by `NEWSGRAPH_LEXICON_PATH`:
its rows are added to (and, for the same term, replace) the shipped ones. Lines starting
with `#` are comments; columns are separated by tabs.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from . import config
from .errors import NewsgraphError

SHIPPED_DIR = Path(__file__).resolve().parent / "data" / "lexicon"


def lexicon_dirs() -> list[Path]:
    dirs = [SHIPPED_DIR, config.data_home() / "lexicon"]
    extra = os.environ.get("NEWSGRAPH_LEXICON_PATH")
    if extra:
        dirs.extend(Path(part) for part in extra.split(os.pathsep) if part)
    return dirs


@lru_cache(maxsize=64)
def table(name: str, columns: int = 1, lowercase: bool = True) -> dict[str, tuple[str, ...]]:
    """Rows of a lexicon table keyed by their first column (lower-cased unless told not to).

    Missing trailing columns are filled with "-"; "-" means "none".
    """
    rows: dict[str, tuple[str, ...]] = {}
    found = False
    for folder in lexicon_dirs():
        path = folder / name
        if not path.is_file():
            continue
        found = True
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = [cell.strip() for cell in line.split("\t")]
            if len(cells) > columns:
                raise NewsgraphError(f"{path}:{number}: expected {columns} tab-separated columns, found {len(cells)}")
            cells += ["-"] * (columns - len(cells))
            rows[cells[0].lower() if lowercase else cells[0]] = tuple(cells[1:])
    if not found:
        raise NewsgraphError(f"lexicon table {name!r} not found in {', '.join(map(str, lexicon_dirs()))}")
    return rows


@lru_cache(maxsize=16)
def pattern(name: str) -> "re.Pattern | None":
    """A list of regular expressions (one per line) as one case-insensitive pattern."""
    expressions = list(table(name, 1, lowercase=False))
    if not expressions:
        return None
    try:
        return re.compile("|".join(f"(?:{e})" for e in expressions), re.IGNORECASE | re.MULTILINE)
    except re.error as error:
        raise NewsgraphError(f"lexicon {name}: bad regular expression ({error})") from None


def words(name: str) -> frozenset[str]:
    """A one-column word list as a set."""
    return frozenset(table(name, 1))


class PhraseTable:
    """Multi-word terms looked up by the token that ends them (the head of an English noun phrase)."""

    def __init__(self, rows: dict[str, tuple[str, ...]]):
        self.rows = rows
        self.by_last: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
        for term, values in rows.items():
            parts = tuple(term.split())
            self.by_last.setdefault(parts[-1], []).append((parts, values))
        for options in self.by_last.values():
            options.sort(key=lambda option: -len(option[0]))

    def ending_at(self, lowers: Sequence[str], end: int) -> tuple[int, tuple[str, ...]] | None:
        """The longest term whose last word is `lowers[end]`: (its length in words, its values)."""
        options = self.by_last.get(lowers[end])
        if not options:
            return None
        for parts, values in options:
            start = end - len(parts) + 1
            if start >= 0 and tuple(lowers[start : end + 1]) == parts:
                return len(parts), values
        return None

    def __contains__(self, term: str) -> bool:
        return term.lower() in self.rows


@lru_cache(maxsize=16)
def phrases(name: str, columns: int) -> PhraseTable:
    return PhraseTable(table(name, columns))
