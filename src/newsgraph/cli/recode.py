"""`newsgraph recode`: the stages again on the parses an ingest kept (`ingest --keep-parses`)."""

from __future__ import annotations

import os
import sys

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from .query import console, db_option, emit_json


@click.command("recode")
@db_option
@click.option("--since", metavar="YYYY-MM-DD", help="Only articles dated on or after this day.")
@click.option("--until", metavar="YYYY-MM-DD", help="Only articles dated on or before this day.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Analyse in N processes (1: in this process).")
@click.option("--kb", "kb_paths", multiple=True, type=click.Path(exists=True), help="Extra knowledge-base file or folder (repeatable).")
@click.option("--force", is_flag=True, help="Recode every kept parse, also those coded with the current resources.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def recode_command(db, since, until, workers, kb_paths, force, quiet, as_json):
    """Run the actor, quote, event and place stages again on the kept parses of a store,
    with the current rules, lexicon and knowledge base, and rewrite each article whose
    analysis changed (each in one transaction). Articles already coded with the current
    resources are skipped, so a stopped recode goes on where it stopped. The store then
    holds what a fresh ingest would give, in a fraction of the time (no parsing)."""
    from ..corpus.recode import Recode
    from ..pipeline import parse_date
    from ..store.engine import shown_url
    from .query import open_store

    for value, name in ((since, "--since"), (until, "--until")):
        if value:
            parse_date(value, name)
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    with open_store(db) as store:
        kept = store.count_parses()
        if not kept:
            raise click.ClickException(
                f"{shown_url(store.url)} holds no kept parses: ingest with --keep-parses to be able to recode")
        show = not quiet and sys.stderr.isatty()
        progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                            console=console(stderr=True), disable=not show, transient=False)
        with progress:
            task = progress.add_task("recode", total=None)
            run = Recode(store, workers=workers, kb_paths=kb_paths, since=since, until=until, force=force,
                         on_document=lambda _id, _what: progress.advance(task))
            summary = run.run()
        url = shown_url(store.url)
    if as_json:
        return emit_json({"db": url, **summary.as_dict()})
    grid = Table(title=f"Recoded {url}", title_justify="left", show_header=False)
    grid.add_column(justify="left")
    grid.add_column(justify="right")
    rows = [
        ("kept parses recoded", summary.documents), ("analyses changed (rewritten)", summary.changed),
        ("analyses the same", summary.unchanged), ("already coded with these resources (skipped)", summary.up_to_date),
        ("errors (stored analysis kept)", summary.errors),
        ("actor rows changed", sum(summary.tidy.values())),
        ("seconds", f"{summary.seconds:,.1f}"),
        ("documents/s", f"{summary.documents / summary.seconds:,.1f}" if summary.seconds else "–"),
    ]
    for label, value in rows:
        grid.add_row(Text(label), Text(f"{value:,}" if isinstance(value, int) else str(value)))
    console().print(grid)
    for document_id, error in summary.failures:
        console().print(Text(f"{document_id}: {error}", style="dim"))


def register(cli: click.Group) -> None:
    cli.add_command(recode_command)
