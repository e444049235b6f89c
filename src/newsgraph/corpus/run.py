"""The ingest run: read articles, sort out the ones not to analyse, analyse the rest in
workers, write everything to the store in input order.

For each item the readers yield, in order:

1. a bad item (unreadable, no text) is recorded in `ingest_errors`;
2. a document already stored (same id, same text) is skipped: re-ingesting adds nothing.
   The same id with a different text is an error (the stored one is kept);
3. a non-English document is stored with status `non_english`, not analysed;
4. an exact or near duplicate of a first copy (stored, or earlier in this run) is stored
   with status `duplicate` and `duplicate_of` = the first copy, not analysed;
5. every other document is analysed (in batches, by the engine's workers) and stored with
   its analysis, status `analysed`, or `error` with the reason when the analysis fails.

Never lose, never duplicate. Every document is written with everything that belongs to
it in ONE transaction, and documents are written in input order whatever order the
workers finish in. So after a kill at any moment the store holds exactly the first k
documents' complete results, as an uninterrupted run would after k documents; a new run
skips those k (step 2) and carries on with the same decisions an uninterrupted run would
make, because every decision depends only on the documents before (duplicates are linked
to the first copy with the highest similarity, ties to the smallest id, wherever that
copy is: stored or still in flight). Document ids come from the input or from a hash of
the text, and all other keys from them: nothing depends on timing.
"""

from __future__ import annotations

import hashlib
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..ingest.files import MAX_LINE_BYTES, count_lines, open_stream
from ..ingest.fingerprint import NEAR_THRESHOLD, Duplicate, Fingerprint, fingerprint, same_numbers, similarity
from ..ingest.language import is_foreign
from ..ingest.records import RawArticle
from ..ingest.repeats import blank_repeats
from ..ingest.sources import iter_articles, kind_of_name, walk
from ..resources import resources_key
from ..store import Store
from ..store.schema import ANALYSED, DUPLICATE, FAILED, NON_ENGLISH
from ..store.writer import content_hash
from .engines import in_input_order, make_engine, result_of
from .worker import Job

# Items (analysed or not) per batch at most, so a long run of duplicates still flows.
MAX_ITEMS_PER_BATCH_FACTOR = 8
# A longer text is a bad item (recorded, not stored): the limit of `newsgraph analyze
# --max-chars`, set with `newsgraph ingest --max-chars` (0: no limit).
MAX_CHARS = 1_000_000


@dataclass
class Summary:
    """What an ingest run did."""

    read: int = 0  # items the readers yielded
    ingested: int = 0  # new documents analysed and stored
    duplicates: int = 0
    non_english: int = 0
    errors: int = 0  # bad items and failed analyses (new ones)
    already_stored: int = 0  # skipped: stored by an earlier run
    words: int = 0  # words of the analysed documents (tokens that are not punctuation)
    chars: int = 0  # characters of the analysed documents
    seconds: float = 0.0  # the whole run, start-up included
    startup_seconds: float = 0.0  # starting the workers (loading the model) before the first article
    workers: int = 1
    worker_peak_rss_mb: dict[int, float] = field(default_factory=dict)  # pid -> MB

    def as_dict(self) -> dict:
        data = dict(self.__dict__)
        data["worker_peak_rss_mb"] = {str(pid): round(mb, 1) for pid, mb in self.worker_peak_rss_mb.items()}
        data["seconds"] = round(self.seconds, 3)
        data["startup_seconds"] = round(self.startup_seconds, 3)
        data["documents_per_second"] = round(self.ingested / self.seconds, 2) if self.seconds else None
        data["words_per_second"] = round(self.words / self.seconds, 1) if self.seconds else None
        return data


@dataclass
class Item:
    """One input item on its way to the store."""

    raw: RawArticle
    doc_id: str | None = None
    status: str | None = None  # what to store; ANALYSED items wait for their analysis
    duplicate: Duplicate | None = None
    print_: Fingerprint | None = None
    error: str | None = None  # a bad item's reason, or a failed analysis's
    skip: bool = False  # already stored: nothing to write
    analysed_text: str | None = None  # the text with its repeated passages blanked (ingest/repeats.py)
    repeated_chars: int = 0


def document_id(text: str) -> str:
    """A stable id from the text (the same as `newsgraph.pipeline.document_id`)."""
    return "doc-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


class InFlight:
    """First copies of this run that are not written yet: their ids and fingerprints."""

    def __init__(self) -> None:
        self.hashes: dict[str, str] = {}  # id -> content hash (every item in flight)
        self.exact: dict[str, str] = {}
        self.bands: dict[int, set[str]] = {}
        self.prints: dict[str, Fingerprint] = {}

    def add(self, doc_id: str, text_hash: str, print_: Fingerprint | None) -> None:
        self.hashes[doc_id] = text_hash
        if print_ is not None:
            self.prints[doc_id] = print_
            self.exact.setdefault(print_.exact, doc_id)
            if print_.can_be_near:
                for key in print_.bands:
                    self.bands.setdefault(key, set()).add(doc_id)

    def remove(self, doc_id: str) -> None:
        self.hashes.pop(doc_id, None)
        print_ = self.prints.pop(doc_id, None)
        if print_ is None:
            return
        if self.exact.get(print_.exact) == doc_id:
            del self.exact[print_.exact]
        for key in print_.bands:
            ids = self.bands.get(key)
            if ids is not None:
                ids.discard(doc_id)
                if not ids:
                    del self.bands[key]

    def find(self, print_: Fingerprint, threshold: float) -> Duplicate | None:
        first = self.exact.get(print_.exact)
        if first is not None:
            return Duplicate(of=first, kind="exact", similarity=1.0)
        if not print_.can_be_near:
            return None
        best: Duplicate | None = None
        for doc_id in sorted({i for key in print_.bands for i in self.bands.get(key, ())}):
            first = self.prints[doc_id]
            score = similarity(print_.signature, first.signature)
            if score < threshold or not same_numbers(print_.numbers, first.numbers):
                continue
            if best is None or score > best.similarity:
                best = Duplicate(of=doc_id, kind="near", similarity=score)
        return best


def better(a: Duplicate | None, b: Duplicate | None) -> Duplicate | None:
    """The first copy to link to: exact before near, then higher similarity, then smaller id."""
    candidates = [d for d in (a, b) if d is not None]
    if not candidates:
        return None
    return min(candidates, key=lambda d: (d.kind != "exact", -d.similarity, d.of))


class Ingest:
    """One ingest run into a store (see the module doc). Use `run()`."""

    def __init__(self, store: Store, *, engine: str = "local", workers: int = 1, scheduler: str | None = None,
                 batch_size: int = 16, model: str | None = None, kb_paths: Iterable[str] = (),
                 threshold: float = NEAR_THRESHOLD, languages: tuple[str, ...] = ("en",), max_chars: int = MAX_CHARS,
                 on_item: Callable[[Item], None] | None = None, on_start: Callable[[], None] | None = None,
                 keep_parses: bool = False):
        self.store = store
        # With keep_parses, each analysed document's spaCy parse is stored too, marked with
        # the key of the resources that coded it, for `newsgraph recode`.
        self.coded_with = resources_key(kb_paths) if keep_parses else None
        self.engine = make_engine(engine, workers, scheduler=scheduler, model=model, kb_paths=tuple(kb_paths), batch_size=batch_size)
        self.batch_size = max(1, batch_size)
        self.threshold = threshold
        self.languages = languages
        self.max_chars = max_chars
        self.on_item = on_item
        self.on_start = on_start  # called once the workers are ready, before the first article
        self.summary = Summary()
        self.in_flight = InFlight()

    # ---------------------------------------------------------------- the loop
    def run(self, articles: Iterable[RawArticle]) -> Summary:
        started = time.perf_counter()
        self.engine.start()
        self.summary.startup_seconds = time.perf_counter() - started
        if self.on_start is not None:
            self.on_start()
        self.summary.workers = self.engine.workers
        batches = ((batch, [self._job(item) for item in batch if item.status == ANALYSED]) for batch in self._batches(articles))
        try:
            in_input_order(self.engine, batches, self._write)
        finally:
            self.engine.close()
            self.summary.seconds = time.perf_counter() - started
        return self.summary

    def _batches(self, articles: Iterable[RawArticle]) -> Iterator[list[Item]]:
        batch: list[Item] = []
        analysed = 0
        for raw in articles:
            item = self._sort(raw)
            batch.append(item)
            analysed += item.status == ANALYSED
            if analysed >= self.batch_size or len(batch) >= self.batch_size * MAX_ITEMS_PER_BATCH_FACTOR:
                yield batch
                batch, analysed = [], 0
        if batch:
            yield batch

    # ---------------------------------------------------------------- deciding
    def _sort(self, raw: RawArticle) -> Item:
        """Decide what to do with one item (steps 1-5 of the module doc)."""
        self.summary.read += 1
        item = Item(raw)
        if raw.error is None and self.max_chars and len(raw.text) > self.max_chars:
            raw.error = (f"text is {len(raw.text):,} characters, more than the limit of {self.max_chars:,} for one "
                         "article (raise it with --max-chars, or split the file)")
        if raw.error is not None:
            item.error = raw.error
            item.doc_id = str(raw.id) if raw.id is not None else None
            return item
        item.doc_id = str(raw.id) if raw.id is not None else document_id(raw.text)
        text_hash = content_hash(raw.text)
        stored_hash = self.in_flight.hashes.get(item.doc_id) or self.store.stored_hash(item.doc_id)
        if stored_hash is not None:
            if stored_hash == text_hash:
                item.skip = True
            else:
                item.error = f"id {item.doc_id!r} is already stored with a different text: give this article another id"
                item.doc_id = None
            return item
        if is_foreign(raw, self.languages):
            item.status = NON_ENGLISH
            self.in_flight.add(item.doc_id, text_hash, None)
            return item
        item.print_ = fingerprint(raw.text)
        found = better(self.store.find_duplicate(item.print_, self.threshold), self.in_flight.find(item.print_, self.threshold))
        if found is not None:
            item.status, item.duplicate = DUPLICATE, found
            self.in_flight.add(item.doc_id, text_hash, None)
            return item
        item.status = ANALYSED
        item.analysed_text, item.repeated_chars = blank_repeats(raw.text)  # each passage analysed once
        self.in_flight.add(item.doc_id, text_hash, item.print_)
        return item

    def _job(self, item: Item) -> Job:
        raw = item.raw
        return Job(id=item.doc_id, text=item.analysed_text or raw.text, title=raw.title, date=raw.date, source=raw.source,
                   url=raw.url, keep_parse=self.coded_with is not None)

    # ---------------------------------------------------------------- writing
    def _write(self, batch: list[Item], future) -> None:
        outcomes = {}
        if future is not None:
            result = result_of(future)
            outcomes = {outcome.id: outcome for outcome in result.outcomes}
            peak = self.summary.worker_peak_rss_mb
            peak[result.pid] = max(peak.get(result.pid, 0.0), result.max_rss_mb)
        for item in batch:
            self._write_item(item, outcomes.get(item.doc_id))
            if self.on_item is not None:
                self.on_item(item)

    def _write_item(self, item: Item, outcome) -> None:
        summary, raw = self.summary, item.raw
        if item.skip:
            summary.already_stored += 1
            return
        if item.status is None:  # a bad item
            if self.store.add_error(raw.origin or item.doc_id or "input", item.error, item.doc_id):
                summary.errors += 1
            return
        document = {
            "id": item.doc_id, "title": raw.title, "date": raw.date, "source": raw.source, "url": raw.url,
            "author": raw.author, "origin": raw.origin, "language": raw.language,
            "language_confidence": raw.language_confidence, "status": item.status, "text": raw.text,
        }
        rows = parse = None
        if item.status == DUPLICATE:
            document.update(duplicate_of=item.duplicate.of, similarity=round(item.duplicate.similarity, 4))
        elif item.status == ANALYSED:
            if outcome is None or outcome.error is not None:
                item.status = FAILED
                item.error = outcome.error if outcome is not None else "no analysis came back for this document"
                document.update(status=FAILED, error=item.error)
            else:
                rows = outcome.rows
                document.update(words=rows.words, repeated_chars=item.repeated_chars)
                if outcome.parse is not None:
                    parse = {"model": outcome.model, "data": outcome.parse, "coded_with": self.coded_with,
                             "analysis_hash": outcome.analysis_hash}
        written = self.store.add_document(
            document,
            fingerprint=item.print_ if item.status in (ANALYSED, FAILED) else None,
            analysis=rows,
            error=item.error if item.status == FAILED else None,
            parse=parse,
        )
        self.in_flight.remove(item.doc_id)
        if not written:  # another process stored it meanwhile
            summary.already_stored += 1
            return
        if item.status == ANALYSED:
            summary.ingested += 1
            summary.words += rows.words
            summary.chars += len(raw.text)
        elif item.status == DUPLICATE:
            summary.duplicates += 1
        elif item.status == NON_ENGLISH:
            summary.non_english += 1
        else:
            summary.errors += 1


def ingest(paths: Iterable[str | Path], db: str | Store | None = None, *, stdin: BinaryIO | None = None,
           limit: int | None = None, max_line_bytes: int = MAX_LINE_BYTES, **options) -> Summary:
    """Ingest files, folders (and standard input) into a store; see `Ingest` for options
    and `iter_articles` for `max_line_bytes`."""
    store = db if isinstance(db, Store) else Store.open(db)
    try:
        articles = iter_articles(list(paths), stdin=stdin, max_line_bytes=max_line_bytes)
        if limit is not None:
            articles = take(articles, limit)
        return Ingest(store, **options).run(articles)
    finally:
        if not isinstance(db, Store):
            store.close()


def take(items: Iterable, count: int) -> Iterator:
    for index, item in enumerate(items):
        if index >= count:
            return
        yield item


def estimate_total(paths: Iterable[str | Path]) -> int | None:
    """How many items the readers will yield, when that is cheap to know (JSON Lines
    files are counted by lines, a page or text file is one); None when it is not
    (standard input, feeds, archives)."""
    total = 0
    for path in paths:
        if str(path) == "-":
            return None
        path = Path(path)
        files = list(walk(path)) if path.is_dir() else [path]
        for file in files:
            kind = kind_of_name(file)
            if kind in ("text", "html"):
                total += 1
            elif kind == "jsonl":
                total += _count_lines(file)
            else:
                return None
    return total


def _count_lines(path: Path) -> int:
    """The non-blank lines of a JSON Lines file (gzipped or not), read a block at a time;
    0 when it cannot be read whole (the reader reports why)."""
    try:
        with open_stream(path) as stream:
            return count_lines(stream)
    except (InputError, OSError, EOFError, zlib.error):
        return 0
