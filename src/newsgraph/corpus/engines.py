"""Where batches are analysed: in this process, in N local processes, or on a Dask cluster.

Each engine takes a batch of `Job`s with `submit` and gives back a future-like object
(`done()`, `result()`). The runner keeps a bounded number of batches in flight and writes
their results in input order, so every engine fills the store identically.

- `InlineEngine` (`--workers 1`): analyses in the calling process, one batch at a time.
- `ProcessEngine` (`--workers N`): N worker processes (spawned, each with
  OMP_NUM_THREADS=1, each loading the model once, in its initializer, each watching
  that this process is alive: a worker ends itself when its parent is killed).
- `DaskEngine` (`--engine dask --scheduler ADDRESS`): the batches are tasks on a Dask
  cluster; each Dask worker process loads the model once (a per-process cache) and keeps
  it for the next batches. Results come back to this process, which writes the store.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ..errors import NewsgraphError
from .worker import BatchResult, Job, analyse_batch, init_pool_worker, init_worker, worker_ready


class EngineError(NewsgraphError):
    """The analysis workers cannot be started or reached."""


class InlineEngine:
    """Analysis in this process (the model is loaded on the first batch)."""

    workers = 1

    def __init__(self, model: str | None = None, kb_paths: tuple[str, ...] = (), batch_size: int = 16):
        self.model, self.kb_paths, self.batch_size = model, tuple(kb_paths), batch_size

    def start(self) -> None:
        init_worker(self.model, self.kb_paths)

    def submit(self, jobs: list[Job]) -> Future:
        future: Future = Future()
        try:
            future.set_result(analyse_batch(jobs, self.model, self.kb_paths, self.batch_size))
        except BaseException as error:  # noqa: BLE001 - handed to the caller through the future
            future.set_exception(error)
        return future

    def close(self) -> None:
        pass

    def abort(self) -> None:
        """Stop now (Ctrl-C): nothing runs beside this process."""


class ProcessEngine:
    """N local worker processes."""

    def __init__(self, workers: int, model: str | None = None, kb_paths: tuple[str, ...] = (), batch_size: int = 16):
        self.workers, self.model, self.kb_paths, self.batch_size = workers, model, tuple(kb_paths), batch_size
        self.pool: ProcessPoolExecutor | None = None

    def start(self) -> None:
        os.environ["OMP_NUM_THREADS"] = "1"  # inherited by the workers before they import numpy
        self.pool = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=init_pool_worker,  # with a watchdog: a worker ends when this process dies
            initargs=(os.getpid(), self.model, self.kb_paths),
        )
        # Start every worker now and wait until they have loaded the model, so that the
        # run's rate (and its progress bar) measures analysis, not start-up.
        try:
            for future in [self.pool.submit(worker_ready) for _ in range(self.workers)]:
                future.result()
        except BrokenProcessPool as error:
            raise EngineError(f"a worker process could not start ({error})") from None

    def submit(self, jobs: list[Job]) -> Future:
        assert self.pool is not None, "start() the engine first"
        try:
            return self.pool.submit(analyse_batch, jobs, self.model, self.kb_paths, self.batch_size)
        except BrokenProcessPool as error:
            raise EngineError(f"a worker process died ({error}); run the ingest again to resume") from None

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def abort(self) -> None:
        """Stop now (Ctrl-C): the workers are ended, not waited for (their batches are not
        written; a re-run analyses them again)."""
        if self.pool is None:
            return
        pool, self.pool = self.pool, None
        # Python 3.14 has ProcessPoolExecutor.terminate_workers(); before it, the pool's processes
        processes = list((getattr(pool, "_processes", None) or {}).values())
        for process in processes:
            process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.join(timeout=2)


class DaskEngine:
    """Batches as tasks on a Dask cluster."""

    def __init__(self, scheduler: str, model: str | None = None, kb_paths: tuple[str, ...] = (), batch_size: int = 16):
        self.scheduler, self.model, self.kb_paths, self.batch_size = scheduler, model, tuple(kb_paths), batch_size
        self.client = None
        self.workers = 1

    def start(self) -> None:
        try:
            from distributed import Client
        except ModuleNotFoundError:
            raise EngineError("the Dask engine needs dask.distributed: pip install 'newsgraph[dask]'") from None
        try:
            self.client = Client(self.scheduler, timeout="30s", set_as_default=False)
        except (OSError, TimeoutError) as error:
            raise EngineError(f"cannot reach the Dask scheduler at {self.scheduler}: {error}") from None
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))

    def submit(self, jobs: list[Job]):
        assert self.client is not None, "start() the engine first"
        return self.client.submit(analyse_batch, jobs, self.model, self.kb_paths, self.batch_size, pure=False)

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None

    def abort(self) -> None:
        """Stop now (Ctrl-C): the client goes; the cluster drops this run's tasks."""
        self.close()


def make_engine(engine: str, workers: int, *, scheduler: str | None = None, model: str | None = None,
                kb_paths: tuple[str, ...] = (), batch_size: int = 16):
    if engine == "dask":
        if not scheduler:
            raise EngineError("--engine dask needs --scheduler ADDRESS (e.g. tcp://127.0.0.1:8786)")
        return DaskEngine(scheduler, model, kb_paths, batch_size)
    if engine != "local":
        raise EngineError(f"unknown engine {engine!r}: use local or dask")
    if workers < 1:
        raise EngineError(f"--workers must be at least 1, got {workers}")
    if workers == 1:
        return InlineEngine(model, kb_paths, batch_size)
    return ProcessEngine(workers, model, kb_paths, batch_size)


def in_input_order(engine, batches: Iterable[tuple[object, list[Job]]], write: Callable[[object, object], None]) -> None:
    """Submit each (batch, jobs) to the started `engine` and call `write(batch, future)` for
    each in input order (`future` None for a batch with no jobs), with at most twice as many
    batches in flight as there are workers. Ctrl-C aborts the engine at once; what is still
    in flight on the way out is cancelled (the caller closes the engine)."""
    window: deque = deque()
    limit = max(2, 2 * engine.workers)
    try:
        for batch, jobs in batches:
            window.append((batch, engine.submit(jobs) if jobs else None))
            while len(window) > limit or (window and (window[0][1] is None or window[0][1].done())):
                write(*window.popleft())
        while window:
            write(*window.popleft())
    except KeyboardInterrupt:  # stop at once: every document written so far stays, a re-run goes on
        engine.abort()
        raise
    finally:
        for _, future in window:
            if future is not None and hasattr(future, "cancel"):
                future.cancel()


def result_of(future) -> BatchResult:
    """The batch's result; a dead worker pool becomes a one-line error."""
    try:
        return future.result()
    except BrokenProcessPool as error:
        raise EngineError(f"a worker process died ({error}); run the ingest again to resume") from None
