"""The recode run: newsgraph's stages again on the parses an ingest kept, with today's
rules, lexicon and knowledge base, and the store rewritten where the analysis changed.

For each analysed document with a kept parse (`ingest --keep-parses`), in id order:

1. coded with the current resources already (`resources.resources_key`): skipped, unless
   `force`; so a recode that was stopped goes on where it stopped;
2. analysed again from its parse (no parser: the engine's workers deserialize the Doc);
3. the same rows as stored (by `rows.rows_hash`): only the parse's key is updated;
4. else its analysis rows and edge counts are replaced, in ONE transaction with the key.

At the end the corpus rows of actors and their names are brought in line with the
analyses (`Store.tidy_actors`): an actor that no article names any more goes. The store
then holds what a fresh ingest with the same resources gives (edge totals up to the
order of floating-point additions).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from ..ingest.repeats import blank_repeats
from ..resources import resources_key
from ..store import Store
from .engines import in_input_order, make_engine, result_of
from .worker import Job

# Documents sent to the engine at a time.
BATCH = 16


@dataclass
class RecodeSummary:
    """What a recode did."""

    documents: int = 0  # kept parses looked at (coded with other resources, or all with force)
    changed: int = 0  # analyses rewritten
    unchanged: int = 0  # the same analysis: only the key updated
    errors: int = 0  # analyses that failed (the stored analysis is kept)
    up_to_date: int = 0  # kept parses already coded with the current resources (skipped)
    words: int = 0
    seconds: float = 0.0
    tidy: dict[str, int] = field(default_factory=dict)  # actor rows changed at the end
    failures: list[tuple[str, str]] = field(default_factory=list)  # (document id, error), the first 20

    def as_dict(self) -> dict:
        data = dict(self.__dict__)
        data["seconds"] = round(self.seconds, 3)
        data["documents_per_second"] = round(self.documents / self.seconds, 2) if self.seconds else None
        data["failures"] = [list(failure) for failure in self.failures]
        return data


class Recode:
    """One recode run over a store (see the module doc). Use `run()`."""

    def __init__(self, store: Store, *, engine: str = "local", workers: int = 1, scheduler: str | None = None,
                 model: str | None = None, kb_paths: Iterable[str] = (), since: str | None = None,
                 until: str | None = None, force: bool = False, on_document: Callable[[str, str], None] | None = None):
        self.store = store
        self.engine = make_engine(engine, workers, scheduler=scheduler, model=model, kb_paths=tuple(kb_paths), batch_size=BATCH)
        self.key = resources_key(kb_paths)
        self.since, self.until, self.force = since, until, force
        self.on_document = on_document  # (document id, "changed" | "unchanged" | "error")
        self.summary = RecodeSummary()

    def run(self) -> RecodeSummary:
        started = time.perf_counter()
        summary = self.summary
        total = self.store.count_parses(since=self.since, until=self.until)
        self.engine.start()
        try:
            in_input_order(self.engine, ((batch, [job for job, _ in batch]) for batch in self._batches()), self._write)
        finally:
            self.engine.close()
        summary.up_to_date = total - summary.documents
        summary.tidy = self.store.tidy_actors()
        summary.seconds = time.perf_counter() - started
        return summary

    def _batches(self) -> Iterator[list[tuple[Job, str]]]:
        batch: list[tuple[Job, str]] = []
        kept = self.store.kept_parses(since=self.since, until=self.until, not_coded_with=None if self.force else self.key)
        for row in kept:
            self.summary.documents += 1
            text, _ = blank_repeats(row["text"])  # what the ingest analysed (each passage once)
            job = Job(id=row["id"], text=text, title=row["title"], date=row["date"], source=row["source"],
                      url=row["url"], parse=row["parse"])
            batch.append((job, row["analysis_hash"]))
            if len(batch) >= BATCH:
                yield batch
                batch = []
        if batch:
            yield batch

    def _write(self, batch: list[tuple[Job, str]], future) -> None:
        outcomes = {outcome.id: outcome for outcome in result_of(future).outcomes}
        for job, stored_hash in batch:
            outcome = outcomes.get(job.id)
            if outcome is None or outcome.error is not None:
                self.summary.errors += 1
                if len(self.summary.failures) < 20:
                    self.summary.failures.append((job.id, outcome.error if outcome else "no analysis came back"))
                what = "error"
            elif outcome.analysis_hash == stored_hash:
                self.store.mark_coded(job.id, self.key)
                self.summary.unchanged += 1
                what = "unchanged"
            else:
                self.store.replace_analysis(job.id, outcome.rows, coded_with=self.key, analysis_hash=outcome.analysis_hash)
                self.summary.changed += 1
                what = "changed"
            if outcome is not None and outcome.rows is not None:
                self.summary.words += outcome.rows.words
            if self.on_document is not None:
                self.on_document(job.id, what)


def recode(db: str | Store | None = None, **options) -> RecodeSummary:
    """Recode the kept parses of a store; see `Recode` for options."""
    store = db if isinstance(db, Store) else Store.open(db, create=False)
    try:
        return Recode(store, **options).run()
    finally:
        if not isinstance(db, Store):
            store.close()
