"""`newsgraph export`: the corpus for other tools (pandas, Gephi, networkx, GDELT users)."""

from __future__ import annotations

import sys

import click

from .query import db_option, open_store, since_option, until_option


def _output(output: str | None):
    return output if output and output != "-" else sys.stdout


def _done(what: str, count: int, output: str | None) -> None:
    if output and output != "-":
        click.echo(f"{count:,} {what} written to {output}", err=True)


@click.group("export")
def export_group():
    """Export events, quotes, actors, the actor network or a GDELT-style table."""


TABLE_HELP = {
    "events": "All events (who did what to whom: type, quad class, Goldstein score, modality, who asserts it, "
              "the evidence and its offsets), one row per event.",
    "quotes": "All quotes (speaker, cue, kind, text and offsets, article), one row per quote.",
    "actors": "All actors (id, name, type, country, sector, knowledge-base id, mentions and articles), one row per actor.",
}


def _table_command(kind: str):
    @click.command(kind, help=f"{TABLE_HELP[kind]} As JSON Lines, CSV or Parquet; the ids are those of the other exports.",
                   short_help=TABLE_HELP[kind].split(" (")[0] + ".")
    @db_option
    @click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl", show_default=True)
    @click.option("-o", "--output", metavar="FILE", help="Write to FILE (default: standard output; Parquet needs a file).")
    @since_option
    @until_option
    def command(db, fmt, output, since, until):
        from ..store.export import ExportError, export_table

        if fmt == "parquet" and (not output or output == "-"):
            raise ExportError("Parquet is binary: give an output file with -o FILE")
        with open_store(db) as store, store.read() as connection:
            count = export_table(connection, kind, _output(output), fmt, since=since, until=until)
        _done(kind, count, output)

    return command


@export_group.command("network")
@db_option
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf"]), default="graphml", show_default=True)
@click.option("-o", "--output", metavar="FILE", required=True, help="The file to write.")
@click.option("--min-count", type=click.IntRange(min=1), default=1, show_default=True, help="Leave out edges with fewer events.")
@since_option
@until_option
def network_command(db, fmt, output, min_count, since, until):
    """The actor network (who did what to whom, events counted per pair) for Gephi or networkx."""
    from ..store.export import export_network

    with open_store(db) as store, store.read() as connection:
        nodes, edges = export_network(connection, output, fmt, since=since, until=until, min_count=min_count)
    click.echo(f"{nodes:,} actors and {edges:,} edges written to {output}", err=True)


@export_group.command("gdelt")
@db_option
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (default: standard output).")
@click.option("--header/--no-header", default=True, show_default=True, help="A first line with the column names (GDELT's own files have none).")
@since_option
@until_option
def gdelt_command(db, output, header, since, until):
    """A GDELT 2.0-style event table (61 tab-separated columns; see docs/corpus.md)."""
    from ..store.export import export_gdelt

    with open_store(db) as store, store.read() as connection:
        count = export_gdelt(connection, _output(output), header=header, since=since, until=until)
    _done("GDELT rows", count, output)


for _kind in ("events", "quotes", "actors"):
    export_group.add_command(_table_command(_kind))


def register(cli: click.Group) -> None:
    cli.add_command(export_group)
