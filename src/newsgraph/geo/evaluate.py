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

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError


@dataclass
class GoldDocument:
    id: str
    text: str
    locations: list[tuple[int, int]] = field(default_factory=list)


def _json_lines(path: Path) -> Iterable[dict]:
    try:
        handle = open(path, encoding="utf-8-sig")
    except OSError as error:
        raise InputError(str(path), f"cannot read ({error.strerror})") from None
    with handle:
        for number, line in enumerate(handle, start=1):
            line = line.strip()
            if not line:
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError(f"{path}:{number}", f"not JSON ({error.msg})") from None


def read_re3d(folder: Path | str) -> list[GoldDocument]:
    """The documents of a re3d folder (the top folder or one source's) with their Location spans."""
    folder = Path(folder)
    sources = [folder] if (folder / "documents.json").is_file() else sorted(p for p in folder.iterdir() if (p / "documents.json").is_file())
    if not sources:
        raise InputError(str(folder), "no re3d documents.json here or in its sub-folders")
    documents: list[GoldDocument] = []
    for source in sources:
        by_id: dict[str, GoldDocument] = {}
        for row in _json_lines(source / "documents.json"):
            by_id[row["_id"]] = GoldDocument(row["_id"], row["text"])
        for row in _json_lines(source / "entities.json"):
            if row.get("type") != "Location":
                continue
            document = by_id.get(row["documentId"])
            if document is not None:
                document.locations.append((int(row["begin"]), int(row["end"])))
        documents.extend(by_id.values())
    return documents


@dataclass
class Score:
    true_positives: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Score") -> None:
        self.true_positives += other.true_positives
        self.predicted += other.predicted
        self.gold += other.gold

    def row(self) -> str:
        return f"P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  (tp {self.true_positives}, pred {self.predicted}, gold {self.gold})"


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Span bounds without a leading "the " and surrounding spaces and punctuation."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    if text[start:end].lower().startswith("the "):
        start += 4
    return start, end


def score_spans(text: str, predicted: Sequence[tuple[int, int]], gold: Sequence[tuple[int, int]], mode: str = "exact") -> Score:
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
    return Score(hits, len(preds), len(golds))


def is_named(text: str, start: int, end: int) -> bool:
    return any(char.isupper() for char in text[start:end])


def evaluate_detection(documents: Sequence[GoldDocument], systems: dict[str, Callable[[str], list[tuple[int, int]]]]) -> dict[str, dict[str, Score]]:
    """For each system (text -> predicted spans), exact and overlap scores against all and
    named Location spans."""
    results = {name: {key: Score() for key in ("exact", "overlap", "named exact", "named overlap")} for name in systems}
    for document in documents:
        named = [(s, e) for s, e in document.locations if is_named(document.text, s, e)]
        for name, system in systems.items():
            predicted = system(document.text)
            results[name]["exact"].add(score_spans(document.text, predicted, document.locations, "exact"))
            results[name]["overlap"].add(score_spans(document.text, predicted, document.locations, "overlap"))
            results[name]["named exact"].add(score_spans(document.text, predicted, named, "exact"))
            results[name]["named overlap"].add(score_spans(document.text, predicted, named, "overlap"))
    return results
