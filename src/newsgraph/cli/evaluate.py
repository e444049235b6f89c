"""`newsgraph eval`: score the analysis against gold files."""

from __future__ import annotations

import json

import click
from rich.table import Table
from rich.text import Text

from .analyze import console


def _pct(value: float) -> str:
    return f"{100 * value:.1f}"


@click.command("eval")
@click.argument("gold", nargs=-1, type=click.Path())
@click.option("--verbose", "-v", is_flag=True, help="List what was missed and what was spurious.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--model", help="The spaCy pipeline to use.")
@click.option("--kb", "kb_paths", multiple=True, type=click.Path(exists=True), help="Extra knowledge-base file or folder.")
def eval_command(gold, verbose, as_json, model, kb_paths):
    """Score actors against gold files (*.gold.yaml, or folders of them; format: shared/eval/FORMAT.md)."""
    from ..evaluate.runner import evaluate, gold_paths, total
    from ..pipeline import Analyzer

    paths = gold_paths(list(gold))
    analyzer = Analyzer(model, kb_paths=kb_paths)
    results = evaluate(paths, analyzer)
    actors = total(results, "actors")
    mentions_found = sum(r.actors.mentions_found for r in results)
    mentions_gold = sum(r.actors.mentions_gold for r in results)
    if as_json:
        click.echo(json.dumps({
            "documents": [{"id": r.gold.id, "actors": r.actors.prf.as_dict()} for r in results],
            "actors": actors.as_dict(),
            "mention_recall": round(mentions_found / mentions_gold, 4) if mentions_gold else 0.0,
        }, indent=2))
        return
    out = console()
    table = Table(title="Actors", title_justify="left")
    for column in ("document", "gold", "predicted", "matched", "P", "R", "F1", "mention recall"):
        table.add_column(column, justify="left" if column == "document" else "right")
    for result in results:
        prf = result.actors.prf
        mentions = f"{result.actors.mentions_found}/{result.actors.mentions_gold}"
        table.add_row(Text(result.gold.id), str(prf.gold), str(prf.predicted), str(prf.matched),
                      _pct(prf.precision), _pct(prf.recall), _pct(prf.f1), mentions)
    if len(results) > 1:
        table.add_row(Text("all (micro)", style="bold"), str(actors.gold), str(actors.predicted), str(actors.matched),
                      _pct(actors.precision), _pct(actors.recall), _pct(actors.f1), f"{mentions_found}/{mentions_gold}")
    out.print(table)
    if verbose:
        for result in results:
            out.print(Text(f"\n{result.gold.id}", style="bold"))
            for actor in result.actors.missed:
                out.print(Text(f"  missed    {actor.name} ({actor.type}): {', '.join(actor.mentions)}"))
            for actor in result.actors.spurious:
                out.print(Text(f"  spurious  {actor.name} ({actor.type}): {', '.join(m.text for m in actor.mentions)}"))
            for actor_id, mention in result.actors.missed_mentions:
                out.print(Text(f"  mention   {actor_id}: {mention!r} not found"), style="dim")


def register(cli: click.Group) -> None:
    cli.add_command(eval_command)
