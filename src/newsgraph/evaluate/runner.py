"""Running the analysis over gold files and scoring it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..model import Analysis
from .actors import ActorAlignment, ActorScore, align_actors, score_actors
from .events import EventScore, score_events
from .gold import GoldFile, load_gold
from .metrics import PRF
from .quotes import QuoteScore, score_quotes


@dataclass
class DocumentResult:
    gold: GoldFile
    analysis: Analysis
    alignment: ActorAlignment
    actors: ActorScore
    quotes: QuoteScore
    events: EventScore | None = None


def gold_paths(paths: list[str | Path]) -> list[Path]:
    """Gold files named, or found (`*.gold.yaml`) in the folders named."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(path.glob("*.gold.yaml")))
        elif path.is_file():
            found.append(path)
        else:
            raise InputError(str(path), "no such file or folder")
    if not found:
        raise InputError(", ".join(map(str, paths)) or ".", "no gold files (*.gold.yaml) found")
    return found


def evaluate(paths: list[Path], analyzer) -> list[DocumentResult]:
    results = []
    for path in paths:
        gold = load_gold(path)
        analysis = analyzer.analyze(gold.text, id=gold.id, date=gold.date)
        alignment = align_actors(gold, analysis)
        results.append(DocumentResult(gold, analysis, alignment, score_actors(gold, analysis, alignment), score_quotes(gold, analysis, alignment), events=score_events(gold, analysis, alignment)))
    return results


def total(results: list[DocumentResult], attribute: str, figure: str = "prf") -> PRF:
    """The micro-average of one score over the documents (`figure`: which PRF of it)."""
    out = PRF()
    for result in results:
        out = out + getattr(getattr(result, attribute), figure)
    return out
