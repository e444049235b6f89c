"""Scoring place detection against the Location spans of re3d, and place resolution against
annotated mentions.

re3d (Dstl; `../shared/data/re3d/`, one folder per source, each with `documents.json` and
`entities.json` in mongoexport form: one JSON object a line) marks every "specific point,
area or feature on earth" as a Location, named or not ("the camp"), nested or not ("the
Karrada district of Baghdad" and "Baghdad"). Two figures are given for each system:

- exact: a predicted span counts when it has exactly the bounds of a gold span;
- overlap: a predicted span counts when it overlaps a gold span not yet matched (each gold
  span matches at most one prediction);

against all Location spans and against the named ones (those with a capital letter), the
latter being what a place detector is for.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ..evaluate.metrics import PRF
from ..evaluate.re3d import Re3dDocument, load_re3d


def read_re3d(folder: Path | str) -> list[Re3dDocument]:
    """The documents of a re3d folder (the top folder or one source's) with their Location
    spans (the same reader as the actor scorer's, `evaluate.re3d`)."""
    return load_re3d(folder, types=("Location",))


def locations(document: Re3dDocument) -> list[tuple[int, int]]:
    return [(entity.start, entity.end) for entity in document.entities]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Span bounds without a leading "the " and surrounding spaces and punctuation."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    if text[start:end].lower().startswith("the "):
        start += 4
    return start, end


def score_spans(text: str, predicted: Sequence[tuple[int, int]], gold: Sequence[tuple[int, int]], mode: str = "exact") -> PRF:
    """Matches predictions to gold spans one to one ("exact" bounds, or "overlap"); both
    sides are compared without a leading "the" or edge punctuation."""
    preds = sorted({_strip(text, s, e) for s, e in predicted})
    golds = sorted({_strip(text, s, e) for s, e in gold})
    used = [False] * len(golds)
    hits = 0
    for start, end in preds:
        for index, (gs, ge) in enumerate(golds):
            if used[index]:
                continue
            if (mode == "exact" and (start, end) == (gs, ge)) or (mode == "overlap" and start < ge and gs < end):
                used[index] = True
                hits += 1
                break
    return PRF(hits, len(preds), len(golds))


def is_named(text: str, start: int, end: int) -> bool:
    return any(char.isupper() for char in text[start:end])


def evaluate_detection(documents: Sequence[Re3dDocument], systems: dict[str, Callable[[str], list[tuple[int, int]]]]) -> dict[str, dict[str, PRF]]:
    """For each system (text -> predicted spans), exact and overlap scores against all and
    named Location spans."""
    results = {name: {key: PRF() for key in ("exact", "overlap", "named exact", "named overlap")} for name in systems}
    for document in documents:
        gold = locations(document)
        named = [(s, e) for s, e in gold if is_named(document.text, s, e)]
        for name, system in systems.items():
            predicted = system(document.text)
            scores = results[name]
            scores["exact"] += score_spans(document.text, predicted, gold, "exact")
            scores["overlap"] += score_spans(document.text, predicted, gold, "overlap")
            scores["named exact"] += score_spans(document.text, predicted, named, "exact")
            scores["named overlap"] += score_spans(document.text, predicted, named, "overlap")
    return results
