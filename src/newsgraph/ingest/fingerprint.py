"""Fingerprints for finding duplicate articles.

*Exact duplicates* have the same words in the same order once the text is normalized
(Unicode NFKC, case folded, punctuation and spacing ignored): `exact_key(text)`.

*Near duplicates* are syndicated wire copies with small edits: another header or
footer, a dateline, a changed or added sentence. Two texts are near duplicates when the
Jaccard similarity of their sets of word 5-grams ("shingles") is at least
`NEAR_THRESHOLD`. It is estimated with MinHash: `minhash(text)` is a signature of
`NUM_PERM` numbers, and the share of positions where two signatures agree,
`similarity(a, b)`, estimates the Jaccard similarity. Candidates are found without
comparing every pair by locality-sensitive hashing: the signature is cut into `BANDS`
bands of `ROWS` numbers and each band is hashed to one integer, `band_keys(signature)`;
two texts that share any band key are candidates, and are then compared.

Near duplicates must also report the same numbers: `same_numbers(a, b)` allows at most
`MAX_NUMBER_CHANGES` (or 10% of their distinct numbers, if more) numbers found in only one
of the two. A dateline or a footer may add a number, but periodic reports written from a
template (a market summary, a match result, a monthly trade figure) share most of
their words and differ precisely in their numbers: they are different articles.

Everything here is a pure function of the text, stable across processes, machines and
versions of Python and numpy (no `hash()`, no random generator), so that fingerprints
computed in workers can be compared in the store. Band keys are non-negative integers
below 2**63 (a SQL BIGINT); signatures pack into bytes (`signature_bytes`).

`DuplicateIndex` is the in-memory index: `add(doc_id, text)` returns the id of the
first copy when the text duplicates one already added, else None. A database can mirror
it with three tables (see docs/ingest.md).
"""

from __future__ import annotations

import hashlib
import operator
import re
import unicodedata
import zlib
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

SHINGLE_WORDS = 5
NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
NEAR_THRESHOLD = 0.7
MAX_NUMBER_CHANGES = 2

_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
_ENCODE = operator.methodcaller("encode", "utf-8", "surrogatepass")
_MASK32 = np.uint64(0xFFFFFFFF)
_ROLL = np.uint64(0x01000193)  # the FNV prime: multiplier of the rolling shingle hash
_EMPTY = np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
_CHUNK = 4096  # shingles hashed at a time, to bound memory on very long texts


def _permutation_seeds() -> np.ndarray:
    """NUM_PERM 64-bit seeds, one per hash function, derived from blake2b so that they
    never change."""
    seeds = [
        int.from_bytes(hashlib.blake2b(f"newsgraph-minhash-{i}".encode(), digest_size=8).digest(), "little")
        for i in range(NUM_PERM)
    ]
    return np.array(seeds, dtype=np.uint64)


_SEEDS = _permutation_seeds()
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)


def _mix(values: np.ndarray) -> np.ndarray:
    """The splitmix64 finalizer: a well-mixed 64-bit hash of 64-bit numbers (uint64
    arithmetic wraps around, as intended)."""
    values = (values ^ (values >> np.uint64(30))) * _MIX1
    values = (values ^ (values >> np.uint64(27))) * _MIX2
    return values ^ (values >> np.uint64(31))


def words(text: str) -> list[str]:
    """The normalized words of a text: NFKC, case-folded, punctuation dropped."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def exact_key(text: str) -> str:
    """A hex key equal for texts with the same words in the same order."""
    return _key(" ".join(words(text)))


def _key(joined_words: str) -> str:
    return hashlib.blake2b(joined_words.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def shingle_hashes(tokens: list[str], size: int = SHINGLE_WORDS) -> np.ndarray:
    """The distinct 32-bit hashes of the word `size`-grams (the whole text when shorter)."""
    if not tokens:
        return np.empty(0, dtype=np.uint64)
    codes = np.fromiter(map(zlib.crc32, map(_ENCODE, tokens)), dtype=np.uint64, count=len(tokens))
    size = min(size, len(codes))
    count = len(codes) - size + 1
    hashes = np.zeros(count, dtype=np.uint64)
    for offset in range(size):  # polynomial rolling hash over the window, mod 2**32
        hashes = (hashes * _ROLL + codes[offset : offset + count]) & _MASK32
    return np.unique(hashes)


def minhash(text: str) -> np.ndarray:
    """The MinHash signature of a text: NUM_PERM unsigned 32-bit numbers."""
    return signature_of_shingles(shingle_hashes(words(text)))


def signature_of_shingles(hashes: np.ndarray) -> np.ndarray:
    if hashes.size == 0:
        return _EMPTY.copy()
    best = np.full(NUM_PERM, np.iinfo(np.uint64).max, dtype=np.uint64)
    for start in range(0, hashes.size, _CHUNK):
        chunk = hashes[start : start + _CHUNK]
        # hash function i: x -> mix(x xor seed_i), one column per function
        values = _mix(chunk[:, None] ^ _SEEDS[None, :])
        np.minimum(best, values.min(axis=0), out=best)
    return (best & _MASK32).astype(np.uint32)


def band_keys(signature: np.ndarray, bands: int = BANDS) -> list[int]:
    """One integer per band of the signature (band number included), each below 2**63."""
    signature = np.asarray(signature, dtype="<u4")
    rows = len(signature) // bands
    keys = []
    for band in range(bands):
        data = band.to_bytes(2, "little") + signature[band * rows : (band + 1) * rows].tobytes()
        keys.append(int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little") >> 1)
    return keys


def similarity(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two texts' shingle sets, from their signatures."""
    sig_a, sig_b = np.asarray(sig_a), np.asarray(sig_b)
    if sig_a.shape != sig_b.shape:
        raise ValueError(f"signatures of different lengths: {sig_a.shape[0]} and {sig_b.shape[0]}")
    return float(np.count_nonzero(sig_a == sig_b)) / sig_a.size


def signature_bytes(signature: np.ndarray) -> bytes:
    """A signature as NUM_PERM * 4 little-endian bytes (for a BLOB / bytea column)."""
    return np.asarray(signature, dtype="<u4").tobytes()


def signature_from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)


@dataclass(frozen=True)
class Fingerprint:
    """What duplicate detection needs to know about one text (compute it in workers)."""

    exact: str
    signature: np.ndarray
    bands: tuple[int, ...]
    words: int
    numbers: tuple[str, ...] = ()  # the distinct number tokens of the text, sorted

    @property
    def can_be_near(self) -> bool:
        """Texts without a single word are only ever exact duplicates (of each other)."""
        return self.words > 0


def fingerprint(text: str) -> Fingerprint:
    tokens = words(text)
    joined = " ".join(tokens)
    exact = _key(joined)
    signature = signature_of_shingles(shingle_hashes(tokens))
    return Fingerprint(exact=exact, signature=signature, bands=tuple(band_keys(signature)),
                       words=len(tokens), numbers=_numbers(tokens))


def numbers_of(text: str) -> tuple[str, ...]:
    """The distinct words of a text that contain a digit ("2024", "3", "24m"), sorted."""
    return _numbers(words(text))


def _numbers(tokens: list[str]) -> tuple[str, ...]:
    return tuple(sorted(t for t in set(tokens) if not t.isalpha() and _DIGIT.search(t)))


def same_numbers(numbers_a, numbers_b) -> bool:
    """True when two texts report (nearly) the same numbers: at most MAX_NUMBER_CHANGES
    numbers, or 10% of all their distinct numbers if that is more, are in only one."""
    a, b = set(numbers_a), set(numbers_b)
    differing = len(a ^ b)
    return differing <= max(MAX_NUMBER_CHANGES, len(a | b) // 10)


@dataclass(frozen=True)
class Duplicate:
    """`of` is the id of the first copy; `kind` is "exact" or "near"."""

    of: str
    kind: str
    similarity: float


class DuplicateIndex:
    """First copies by exact key and by band key. Only first copies are indexed: a
    duplicate is linked to the first copy it resembles, never to another duplicate."""

    def __init__(self, threshold: float = NEAR_THRESHOLD):
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        self.threshold = threshold
        self._exact: dict[str, str] = {}
        self._bands: dict[int, list[str]] = defaultdict(list)
        self._signatures: dict[str, np.ndarray] = {}
        self._numbers: dict[str, tuple[str, ...]] = {}
        self._order: dict[str, int] = {}

    def __len__(self) -> int:
        """The number of first copies indexed."""
        return len(self._order)

    def add(self, doc_id: str, text: str) -> str | None:
        """Index `text` as `doc_id`; the id of the first copy if it is a duplicate
        (then it is not indexed), else None."""
        found = self.add_fingerprint(doc_id, fingerprint(text))
        return found.of if found else None

    def add_fingerprint(self, doc_id: str, print_: Fingerprint) -> Duplicate | None:
        found = self.find(print_)
        if found is not None and found.of != doc_id:
            return found
        if found is None:
            self._exact[print_.exact] = doc_id
            self._order[doc_id] = len(self._order)
            if print_.can_be_near:
                self._signatures[doc_id] = print_.signature
                self._numbers[doc_id] = print_.numbers
                for key in print_.bands:
                    self._bands[key].append(doc_id)
        return None

    def find(self, value: str | Fingerprint) -> Duplicate | None:
        """The first copy that `value` (a text or its fingerprint) duplicates, without adding it."""
        print_ = fingerprint(value) if isinstance(value, str) else value
        original = self._exact.get(print_.exact)
        if original is not None:
            return Duplicate(of=original, kind="exact", similarity=1.0)
        if not print_.can_be_near:
            return None
        candidates = {doc_id for key in print_.bands for doc_id in self._bands.get(key, ())}
        best: Duplicate | None = None
        for doc_id in sorted(candidates, key=self._order.__getitem__):  # ties go to the earliest
            score = similarity(print_.signature, self._signatures[doc_id])
            if score < self.threshold or not same_numbers(print_.numbers, self._numbers[doc_id]):
                continue
            if best is None or score > best.similarity:
                best = Duplicate(of=doc_id, kind="near", similarity=score)
        return best
