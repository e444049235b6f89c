"""The knowledge base: actor records plus a compiled name matcher.

`load_knowledge_base()` reads the shipped files and the user's, compiles the names
into a dictionary keyed by normalized word tuples (one dict lookup per candidate, so
it stays fast with hundreds of thousands of names), and caches the compiled form on
disk, keyed by the files' paths, sizes and modification times.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import cache, config
from .loader import SHIPPED_DIR, ImportedRecord, kb_files, read_file
from .names import chunk_words, is_capitalized, name_words
from .records import ActorRecord

CACHE_VERSION = 6
# Names this short must be written in capitals to match ("UN", "IS", "US").
SHORT_NAME = 2


@dataclass(frozen=True, slots=True)
class NameEntry:
    actor_id: str
    kind: str  # name | alias | acronym | demonym | capital
    capitals_only: bool  # must be written in capitals ("US", not "us")
    lowercase: tuple[str, ...] = ()  # words the name itself writes in lower case ("Zionist regime")


def lowercase_words(name: str) -> tuple[str, ...]:
    """The normalized words a name writes in lower case ("Zionist regime" -> ("regime",))."""
    out: list[str] = []
    for chunk in name.split():
        letters = [char for char in chunk if char.isalpha()]
        if letters and letters[0].islower():
            out.extend(chunk_words(chunk))
    return tuple(out)


class NameMatcher:
    """Normalized word tuples -> the actors that bear that name.

    Besides the names, it keeps the proper prefixes (two words or more) of the names of
    three words or more, so that `longest_match` extends a candidate word by word and stops
    as soon as no name goes on: a few lookups per position however many names there are.
    """

    def __init__(self) -> None:
        self.entries: dict[tuple[str, ...], list[NameEntry]] = {}
        self.longest: dict[str, int] = {}  # first word -> longest name starting with it
        self.prefixes: set[tuple[str, ...]] = set()
        self.indexed = 0  # names added through add_words (whose prefixes are kept)

    def __len__(self) -> int:
        return len(self.entries)

    def add(self, name: str, entry: NameEntry) -> None:
        self.add_words(name_words(name), entry)

    def add_words(self, words: tuple[str, ...], entry: NameEntry) -> None:
        """Add a name already normalized (`names.name_words`)."""
        if not words:
            return
        bucket = self.entries.get(words)
        if bucket is None:
            bucket = self.entries[words] = []
            self.indexed += 1
            for length in range(2, len(words)):
                self.prefixes.add(words[:length])
        if any(e.actor_id == entry.actor_id and e.kind == entry.kind for e in bucket):
            return
        bucket.append(entry)
        if len(words) > self.longest.get(words[0], 0):
            self.longest[words[0]] = len(words)

    def longest_match(self, words: Sequence[str], start: int) -> tuple[int, list[NameEntry]] | None:
        """The longest name starting at `words[start]`: (number of words, entries)."""
        found = self.matches(words, start)
        return found[0] if found else None

    def matches(self, words: Sequence[str], start: int) -> list[tuple[int, list[NameEntry]]]:
        """Every name starting at `words[start]`, longest first: [(number of words, entries)]."""
        limit = self.longest.get(words[start])
        if not limit:
            return []
        entries = self.entries
        end = min(start + limit, len(words))
        out = []
        if getattr(self, "indexed", -1) != len(entries):
            # Names were added another way (a subclass filling `entries` itself, an old
            # pickle): try every length, longest first.
            for stop in range(end, start, -1):
                found = entries.get(tuple(words[start:stop]))
                if found:
                    out.append((stop - start, found))
            return out
        key = (words[start],)
        found = entries.get(key)
        if found:
            out.append((1, found))
        prefixes = self.prefixes
        for stop in range(start + 1, end):
            key = key + (words[stop],)
            found = entries.get(key)
            if found:
                out.append((stop - start + 1, found))
            if key not in prefixes:
                break
        out.reverse()
        return out

    def lookup(self, name: str) -> list[NameEntry]:
        return self.entries.get(name_words(name), [])


class KnowledgeBase:
    def __init__(self, records: Iterable[ActorRecord], files: Sequence[Path] = ()):
        self.files = list(files)
        self.records: dict[str, ActorRecord] = {}
        self.duplicates: list[tuple[ActorRecord, ActorRecord]] = []  # (kept, replaced)
        # Overlays (imported records that extend an actor defined elsewhere), by actor id.
        self.overlays: dict[str, list[ImportedRecord]] = {}
        self.orphan_overlays: list[ImportedRecord] = []  # overlays of ids nothing defines
        pending: list[ImportedRecord] = []
        for record in records:
            if isinstance(record, ImportedRecord) and record.overlay:
                pending.append(record)
                continue
            previous = self.records.get(record.id)
            if previous is not None:
                self.duplicates.append((record, previous))
            self.records[record.id] = record
        for overlay in pending:
            self.overlays.setdefault(overlay.id, []).append(overlay)
            base = self.records.get(overlay.id)
            if base is None:
                # What it extends is gone (renamed in a newer release): it stands on its own.
                self.orphan_overlays.append(overlay)
                self.records[overlay.id] = dataclasses.replace(overlay, overlay=False)
            else:
                self.records[overlay.id] = merge_overlay(base, overlay)
        self.matcher = NameMatcher()
        # Weak names: normalized words -> ids; for `lookup(..., weak=True)` and `search`, never
        # for matching in articles.
        self.weak_names: dict[tuple[str, ...], list[str]] = {}
        self.state_by_country: dict[str, str] = {}
        for record in self.records.values():
            self._index(record)

    def _index(self, record: ActorRecord) -> None:
        add = self.matcher.add_words
        weak: set[tuple[str, ...]] = set()
        if isinstance(record, ImportedRecord):
            for name in record.weak_aliases:
                words = name_words(name)
                if words:
                    weak.add(words)
                    ids = self.weak_names.setdefault(words, [])
                    if record.id not in ids:
                        ids.append(record.id)
        for kind, names in (("name", (record.name,)), ("alias", record.aliases)):
            for name in names:
                words = name_words(name)
                if words in weak:
                    continue
                short = len("".join(words)) <= SHORT_NAME
                # A name written in lower case in the KB ("international community") is not
                # proper-noun evidence; a name the KB writes in capitals must be capitalized.
                add(words, NameEntry(record.id, kind, short and is_capitalized(name), lowercase_words(name)))
        for name in record.acronyms:
            add(name_words(name), NameEntry(record.id, "acronym", True))
        for name in record.demonyms:
            add(name_words(name), NameEntry(record.id, "demonym", False))
        for name in record.capitals:
            add(name_words(name), NameEntry(record.id, "capital", False))
        if record.type == "state" and record.country and record.country not in self.state_by_country:
            self.state_by_country[record.country] = record.id

    def __len__(self) -> int:
        return len(self.records)

    def __contains__(self, actor_id: str) -> bool:
        return actor_id in self.records

    def get(self, actor_id: str | None) -> ActorRecord | None:
        return self.records.get(actor_id) if actor_id else None

    def state(self, country: str | None) -> ActorRecord | None:
        """The state record of an ISO alpha-3 code."""
        return self.records.get(self.state_by_country.get(country or "", ""))

    def lookup(self, name: str, weak: bool = False) -> list[ActorRecord]:
        """Records that bear exactly this name (normalized), best first; with `weak`, also
        those that bear it as a weak alias (never matched in articles), last."""
        order = {"name": 0, "alias": 1, "acronym": 2, "capital": 3, "demonym": 4}
        entries = sorted(self.matcher.lookup(name), key=lambda e: order.get(e.kind, 9))
        seen: dict[str, ActorRecord] = {}
        for entry in entries:
            seen.setdefault(entry.actor_id, self.records[entry.actor_id])
        if weak:
            for actor_id in self.weak_names.get(name_words(name), ()):
                seen.setdefault(actor_id, self.records[actor_id])
        return list(seen.values())

    def office_holder(self, surname: str, day: "dt.date | None") -> ActorRecord | None:
        """The one person of the knowledge base whose name ends with this word and who holds
        an office on `day` (dated roles: leaders, ministers): "Putin said" in an article of
        2024. None when nobody or several people do."""
        index = self.__dict__.get("_surnames")
        if index is None:  # built on first use (not part of the compiled cache)
            index = {}
            for record in self.records.values():
                if record.type == "person" and record.roles:
                    for name in (record.name, *record.aliases):
                        words = name_words(name)
                        if len(words) > 1:
                            index.setdefault(words[-1], set()).add(record.id)
            self._surnames = index
        words = name_words(surname)
        if len(words) != 1:
            return None
        holders = [actor_id for actor_id in sorted(index.get(words[0], ())) if self.records[actor_id].roles_on(day)]
        return self.records[holders[0]] if len(holders) == 1 else None

    def search(self, text: str, limit: int = 20) -> list[ActorRecord]:
        """Records whose names contain all the words of `text`, exact names first."""
        wanted = name_words(text)
        if not wanted:
            return []
        exact = self.lookup(text, weak=True)
        found = {record.id: record for record in exact}
        wanted_set = set(wanted)
        for words, entries in self.matcher.entries.items():
            if len(found) >= limit:
                break
            if wanted_set.issubset(words):
                for entry in entries:
                    found.setdefault(entry.actor_id, self.records[entry.actor_id])
        for words, ids in self.weak_names.items():
            if len(found) >= limit:
                break
            if wanted_set.issubset(words):
                for actor_id in ids:
                    found.setdefault(actor_id, self.records[actor_id])
        return list(found.values())[:limit]


def merge_overlay(base: ActorRecord, overlay: ImportedRecord) -> ImportedRecord:
    """`base` with what `overlay` adds: its names (as aliases, acronyms, weak aliases) that
    `base` does not already bear, its part_of ids, and its roles when `base` has none.
    Everything else (name, type, country, sector, codes, governed_by, demonyms, capitals,
    source) stays as `base` has it: curated facts win over imported ones."""
    strong = {name_words(name) for name in (*base.all_names(), *base.acronyms, *base.demonyms, *base.capitals)}
    aliases = list(base.aliases)
    for name in (overlay.name, *overlay.aliases):
        words = name_words(name)
        if words and words not in strong and name not in overlay.weak_aliases:
            strong.add(words)
            aliases.append(name)
    acronyms = list(base.acronyms)
    for name in overlay.acronyms:
        words = name_words(name)
        if words and words not in strong:
            strong.add(words)
            acronyms.append(name)
    weak = list(base.weak_aliases) if isinstance(base, ImportedRecord) else []
    for name in overlay.weak_aliases:
        words = name_words(name)
        if words not in strong and name not in weak:
            weak.append(name)
    fields = {f.name: getattr(base, f.name) for f in dataclasses.fields(ActorRecord)}
    fields.update(
        aliases=tuple(aliases),
        acronyms=tuple(acronyms),
        part_of=tuple(dict.fromkeys((*base.part_of, *overlay.part_of))),
        roles=base.roles or overlay.roles,
    )
    return ImportedRecord(**fields, weak_aliases=tuple(weak), overlay=False)


def default_kb_paths(extra: Iterable[Path | str] = (), include_user: bool = True) -> list[Path]:
    paths = [SHIPPED_DIR]
    if include_user:
        user_dir = config.data_home() / "kb"
        paths.append(user_dir)
        paths.extend(config.user_kb_paths())
    paths.extend(Path(p) for p in extra)
    return paths


def load_knowledge_base(extra: Iterable[Path | str] = (), include_user: bool = True, use_cache: bool = True) -> KnowledgeBase:
    """The knowledge base from the shipped files, the user's folders and `extra` files."""
    files = tuple(kb_files(default_kb_paths(extra, include_user)))
    return _load(files, use_cache, cache.signature(files, CACHE_VERSION))


@lru_cache(maxsize=4)
def _load(files: tuple[Path, ...], use_cache: bool, signature: str = "") -> KnowledgeBase:
    """The knowledge base of these files; `signature` (of their sizes and times) keys the
    in-process cache too, so that a file changed since is read again."""
    # Loading makes hundreds of thousands of small objects and keeps them all: the cyclic
    # garbage collector would walk them again and again for nothing (it halves the time).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_files(files, use_cache)
    finally:
        if collecting:
            gc.enable()


def _load_files(files: tuple[Path, ...], use_cache: bool) -> KnowledgeBase:
    def build() -> KnowledgeBase:
        records: list[ActorRecord] = []
        for path in files:
            records.extend(read_file(path))
        return KnowledgeBase(records, files)

    return cache.compiled("kb", files, CACHE_VERSION, build, use_cache)
