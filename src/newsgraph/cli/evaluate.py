"""`newsgraph eval`: score the analysis against gold files."""

from __future__ import annotations

import json

import click
from rich.table import Table
from rich.text import Text

from ..evaluate.events import events_json, print_events
from .analyze import console


def _pct(value: float) -> str:
    return f"{100 * value:.1f}"


@click.command("eval")
@click.argument("gold", nargs=-1, type=click.Path())
@click.option("--verbose", "-v", is_flag=True, help="List what was missed and what was spurious.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--model", help="The spaCy pipeline to use.")
@click.option("--kb", "kb_paths", multiple=True, type=click.Path(exists=True), help="Extra knowledge-base file or folder.")
@click.option("--polnear", "polnear_path", type=click.Path(), help="Score quotes against a PolNeAR JSON Lines file (source, cue and content spans).")
@click.option("--limit", type=click.IntRange(min=1), help="With --polnear: only the first N articles.")
@click.option("--part", type=click.Choice(["all", "held-out"]), default="all", show_default=True,
              help="With --polnear: every article, or the held-out part (one in ten of train.jsonl, by id; no rule is read against it).")
@click.option("--plover", "plover_path", type=click.Path(), help="Score events against the PLOVER gold records (gold_standard_records.json).")
@click.option("--cameo", "cameo_path", type=click.Path(), help="Score events against CAMEO quad-class sentences (class_train.tsv).")
@click.option("--re3d", "re3d_path", type=click.Path(), help="Score Person, Organisation and Nationality spans against re3d (its folder), beside bare spaCy NER.")
@click.option("--conll", "conll_path", type=click.Path(), help="Score PER, ORG and LOC name spans against a CoNLL-2003 file, beside bare spaCy NER.")
def eval_command(gold, verbose, as_json, model, kb_paths, polnear_path, limit, part, plover_path, cameo_path, re3d_path, conll_path):
    """Score actors, quotes and events against gold files (*.gold.yaml, or folders of
    them; format: shared/eval/FORMAT.md); quotes against PolNeAR (--polnear); events
    against PLOVER and CAMEO sentences (--plover, --cameo); actor spans against re3d."""
    from ..evaluate.runner import evaluate, gold_paths, total
    from ..pipeline import Analyzer

    if (plover_path or cameo_path) and not gold:
        _event_sets(plover_path, cameo_path, Analyzer(model, kb_paths=kb_paths), verbose, as_json)
        return

    if conll_path and not gold:
        _conll(conll_path, Analyzer(model, kb_paths=kb_paths), verbose, as_json, limit)
        return

    if re3d_path and not gold:
        _re3d(re3d_path, Analyzer(model, kb_paths=kb_paths), verbose, as_json, limit)
        return

    if polnear_path and not gold:
        _polnear(polnear_path, Analyzer(model, kb_paths=kb_paths), verbose, as_json, limit, part)
        return
    paths = gold_paths(list(gold))
    analyzer = Analyzer(model, kb_paths=kb_paths)
    results = evaluate(paths, analyzer)
    actors = total(results, "actors")
    mentions_found = sum(r.actors.mentions_found for r in results)
    mentions_gold = sum(r.actors.mentions_gold for r in results)
    if as_json:
        click.echo(json.dumps({
            "documents": [{"id": r.gold.id, "actors": r.actors.prf.as_dict(), "quotes": _quote_dict(r.quotes)} for r in results],
            "actors": actors.as_dict(),
            "events": events_json(results),
            "mention_recall": round(mentions_found / mentions_gold, 4) if mentions_gold else 0.0,
            "quotes": {
                "lenient": total(results, "quotes").as_dict(),
                "exact": total(results, "quotes", "exact").as_dict(),
                "attribution": total(results, "quotes", "attribution").as_dict(),
                "speaker_accuracy": _speaker_accuracy(results),
            },
        }, indent=2))
        if polnear_path:
            _polnear(polnear_path, analyzer, verbose, True, limit, part)
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
    out.print(_quotes_table(results))
    if verbose:
        for result in results:
            _quote_errors(out, result)
    if polnear_path:
        _polnear(polnear_path, analyzer, verbose, False, limit, part)
    print_events(out, results, verbose)
    _event_sets(plover_path, cameo_path, analyzer, verbose, False)


def _speaker_accuracy(results) -> float:
    matched = sum(r.quotes.prf.matched for r in results)
    right = sum(r.quotes.speaker_right for r in results)
    return round(right / matched, 4) if matched else 0.0


def _quote_dict(score) -> dict:
    return {
        "lenient": score.prf.as_dict(),
        "exact": score.exact.as_dict(),
        "attribution": score.attribution.as_dict(),
        "speaker_accuracy": round(score.speaker_accuracy, 4),
    }


def _quotes_table(results) -> Table:
    from ..evaluate.runner import total

    table = Table(title="Quotes (lenient match: content overlaps by half the longer span's words)", title_justify="left")
    for column in ("document", "gold", "predicted", "matched", "P", "R", "F1", "exact F1", "speaker acc", "attribution F1"):
        table.add_column(column, justify="left" if column == "document" else "right")

    def row(name, lenient, exact, attribution, right):
        accuracy = f"{right}/{lenient.matched}" if lenient.matched else "–"
        table.add_row(name, str(lenient.gold), str(lenient.predicted), str(lenient.matched), _pct(lenient.precision),
                      _pct(lenient.recall), _pct(lenient.f1), _pct(exact.f1), accuracy, _pct(attribution.f1))

    for result in results:
        score = result.quotes
        row(Text(result.gold.id), score.prf, score.exact, score.attribution, score.speaker_right)
    if len(results) > 1:
        row(Text("all (micro)", style="bold"), total(results, "quotes"), total(results, "quotes", "exact"),
            total(results, "quotes", "attribution"), sum(r.quotes.speaker_right for r in results))
    return table


def _quote_errors(out, result) -> None:
    score = result.quotes
    if not (score.missed or score.spurious or score.wrong_speaker):
        return
    names = {actor.id: actor.name for actor in result.analysis.actors}
    out.print(Text(f"\n{result.gold.id}: quotes", style="bold"))
    for quote in score.missed:
        out.print(Text(f"  missed    [{quote.kind}] {quote.speaker}: {_short(quote.text)!r}"))
    for quote in score.spurious:
        speaker = names.get(quote.speaker, quote.speaker) if quote.speaker else "no speaker"
        cue = quote.cue.text if quote.cue else "no cue"
        out.print(Text(f"  spurious  [{quote.kind}] {speaker} ({cue}): {_short(quote.text)!r}"))
    for gold, quote in score.wrong_speaker:
        said = quote.speaker_mention.text if quote.speaker_mention else "nobody named"
        speaker = names.get(quote.speaker, quote.speaker) if quote.speaker else "no speaker"
        out.print(Text(f"  speaker   {_short(gold.text)!r}: gold {gold.speaker}, predicted {speaker} (from {said!r})"))


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _re3d(path, analyzer, verbose: bool, as_json: bool, limit: int | None) -> None:
    from collections import Counter

    from ..evaluate.re3d import SYSTEMS, TYPES, evaluate_re3d

    result = evaluate_re3d(path, analyzer, limit=limit)
    if as_json:
        click.echo(json.dumps({"re3d": str(result.path), "documents": result.documents, "words": result.words,
                               "systems": {name: result.scores[name].as_dict() for name in SYSTEMS}}, indent=2))
        return
    out = console()
    labels = {"newsgraph": "newsgraph actor layer", "spacy": "spaCy NER", "spacy+gpe": "spaCy NER, GPE as Org"}
    table = Table(title=f"re3d {result.path.name}: {result.documents} documents, {result.words:,} words", title_justify="left")
    for column in ("system", "type", "gold", "predicted", "exact P", "exact R", "exact F1", "lenient P", "lenient R", "lenient F1"):
        table.add_column(column, justify="left" if column in ("system", "type") else "right")
    for name in SYSTEMS:
        scores = result.scores[name]
        for kind in (*TYPES, "all"):
            exact = scores.total("exact") if kind == "all" else scores.exact[kind]
            lenient = scores.total("lenient") if kind == "all" else scores.lenient[kind]
            table.add_row(labels[name] if kind == TYPES[0] else "", Text(kind, style="bold" if kind == "all" else ""),
                          str(exact.gold), str(exact.predicted), _pct(exact.precision), _pct(exact.recall), _pct(exact.f1),
                          _pct(lenient.precision), _pct(lenient.recall), _pct(lenient.f1))
    out.print(table)
    if verbose:
        for label, items in (("missed", result.missed), ("spurious", result.spurious)):
            for kind in TYPES:
                common = Counter(entity.text for _, entity in items if entity.type == kind).most_common(15)
                out.print(Text(f"{label} {kind}: " + ", ".join(f"{text!r} x{n}" for text, n in common)))


def _conll(path, analyzer, verbose: bool, as_json: bool, limit: int | None) -> None:
    from collections import Counter

    from ..evaluate.conll import SYSTEMS, TYPES, evaluate_conll

    result = evaluate_conll(path, analyzer, limit=limit)
    if as_json:
        click.echo(json.dumps({"conll": str(result.path), "documents": result.documents, "words": result.words, "systems": {
            name: {**{t: result.scores[name][t].as_dict() for t in TYPES}, "all": result.total(name).as_dict()} for name in SYSTEMS}}, indent=2))
        return
    out = console()
    labels = {"newsgraph": "newsgraph actor layer", "spacy": "spaCy NER"}
    table = Table(title=f"CoNLL-2003 {result.path.name}: {result.documents} documents, {result.words:,} words (exact spans)", title_justify="left")
    for column in ("system", "type", "gold", "predicted", "P", "R", "F1"):
        table.add_column(column, justify="left" if column in ("system", "type") else "right")
    for name in SYSTEMS:
        for kind in (*TYPES, "all"):
            prf = result.total(name) if kind == "all" else result.scores[name][kind]
            table.add_row(labels[name] if kind == TYPES[0] else "", Text(kind, style="bold" if kind == "all" else ""),
                          str(prf.gold), str(prf.predicted), _pct(prf.precision), _pct(prf.recall), _pct(prf.f1))
    out.print(table)
    if verbose:
        for label, items in (("missed", result.missed), ("spurious", result.spurious)):
            for kind in TYPES:
                common = Counter(entity.text for _, entity in items if entity.type == kind).most_common(20)
                out.print(Text(f"{label} {kind}: " + ", ".join(f"{text!r} x{n}" for text, n in common)))


def _polnear(path, analyzer, verbose: bool, as_json: bool, limit: int | None, part: str = "all") -> None:
    from ..evaluate.polnear import ROLES, evaluate_polnear

    result = evaluate_polnear(path, analyzer, limit=limit, part=part)
    if as_json:
        click.echo(json.dumps({
            "polnear": str(result.path), "part": part, "articles": result.articles,
            "roles": {role: {"exact": result.roles[role].exact.as_dict(), "lenient": result.roles[role].lenient.as_dict()} for role in ROLES},
        }, indent=2))
        return
    out = console()
    name = result.path.name + (" (held-out part)" if part == "held-out" else "")
    table = Table(title=f"PolNeAR {name}: {result.articles} articles, each role scored on its own", title_justify="left")
    for column in ("role", "gold", "predicted", "exact P", "exact R", "exact F1", "lenient P", "lenient R", "lenient F1"):
        table.add_column(column, justify="left" if column == "role" else "right")
    for role in ROLES:
        exact, lenient = result.roles[role].exact, result.roles[role].lenient
        table.add_row(role, str(exact.gold), str(exact.predicted), _pct(exact.precision), _pct(exact.recall), _pct(exact.f1),
                      _pct(lenient.precision), _pct(lenient.recall), _pct(lenient.f1))
    out.print(table)
    out.print(Text("Published exact F1 on PolNeAR test (source / cue / content): rule baseline 10.7 / 22.8 / 5.6, "
                   "Stanford CoreNLP 13.9 / – / 17.5, BERT-CRF 82.2 / 74.9 / 71.0 (CofeNet paper).", style="dim"))
    if verbose:
        for errors in result.errors:
            lines = []
            for role in ROLES:
                text = errors.text
                for spans in errors.missed.get(role, []):
                    lines.append(f"  missed    {role:7} {_short(_join(text, spans))!r}")
                for spans in errors.spurious.get(role, []):
                    lines.append(f"  spurious  {role:7} {_short(_join(text, spans))!r}")
                for gold_spans, predicted_spans in errors.near.get(role, []):
                    lines.append(f"  boundary  {role:7} gold {_short(_join(text, gold_spans), 60)!r} predicted {_short(_join(text, predicted_spans), 60)!r}")
            if lines:
                out.print(Text(f"\n{errors.id}", style="bold"))
                for line in lines:
                    out.print(Text(line))


def _join(text: str, spans) -> str:
    return " … ".join(text[start:end] for start, end in spans).replace("\n", " ")


def _event_sets(plover_path, cameo_path, analyzer, verbose: bool, as_json: bool) -> None:
    """Events against the PLOVER gold records and the CAMEO quad-class sentences."""
    from ..evaluate.cameo import cameo_json, evaluate_cameo, print_cameo
    from ..evaluate.plover import evaluate_plover, plover_json, print_plover

    out = console()
    if plover_path:
        scores = evaluate_plover(plover_path, analyzer)
        if as_json:
            click.echo(json.dumps({"plover": plover_json(scores)}, indent=2))
        else:
            print_plover(out, scores, plover_path, verbose)
    if cameo_path:
        scores = evaluate_cameo(cameo_path, analyzer)
        if as_json:
            click.echo(json.dumps({"cameo": cameo_json(scores)}, indent=2))
        else:
            print_cameo(out, scores, cameo_path, verbose)


def register(cli: click.Group) -> None:
    cli.add_command(eval_command)
