"""Scoring events against CAMEO quad-class sentences (`../shared/data/cameo/class_train.tsv`:
1,349 news sentences, each labelled 0 (a statement, no event) or with the quad class of its
event: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict;
from the ConfliBERT repository, GPL-3.0).

Each sentence is analysed alone. Its predicted class is the quad class of its most
confident event, or 0 when it has none. Reported: accuracy over the five classes,
precision / recall / F1 of each class 1-4 and their macro average, and event detection
(class > 0) precision / recall / F1. The held-out part is `events.held_out(sentence)`.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..model import Analysis
from .events import held_out
from .metrics import PRF

CLASSES = (0, 1, 2, 3, 4)


@dataclass
class CameoSentence:
    text: str
    label: int
    held_out: bool


@dataclass
class CameoScore:
    split: str
    confusion: dict[tuple[int, int], int] = field(default_factory=dict)  # (gold, predicted) -> count
    items: list[tuple[CameoSentence, int]] = field(default_factory=list)

    @property
    def sentences(self) -> int:
        return sum(self.confusion.values())

    @property
    def accuracy(self) -> float:
        right = sum(n for (g, p), n in self.confusion.items() if g == p)
        return right / self.sentences if self.sentences else 0.0

    def per_class(self, label: int) -> PRF:
        matched = self.confusion.get((label, label), 0)
        predicted = sum(n for (g, p), n in self.confusion.items() if p == label)
        gold = sum(n for (g, p), n in self.confusion.items() if g == label)
        return PRF(matched, predicted, gold)

    @property
    def macro_f1(self) -> float:
        return sum(self.per_class(c).f1 for c in CLASSES[1:]) / 4

    @property
    def detection(self) -> PRF:
        matched = sum(n for (g, p), n in self.confusion.items() if g > 0 and p > 0)
        predicted = sum(n for (g, p), n in self.confusion.items() if p > 0)
        gold = sum(n for (g, p), n in self.confusion.items() if g > 0)
        return PRF(matched, predicted, gold)


def load_cameo(path: str | Path) -> list[CameoSentence]:
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise InputError(str(path), error.strerror or str(error)) from None
    sentences = []
    for number, row in enumerate(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE), start=1):
        if not row or not "".join(row).strip():
            continue
        if len(row) != 2 or not row[1].strip().isdigit() or int(row[1]) not in CLASSES:
            raise InputError(f"{path}:{number}", "expected `sentence<TAB>quad class 0-4`")
        text = row[0].strip()
        sentences.append(CameoSentence(text, int(row[1]), held_out(text)))
    if not sentences:
        raise InputError(str(path), "no sentences")
    return sentences


def predicted_class(analysis: Analysis) -> int:
    if not analysis.events:
        return 0
    best = max(analysis.events, key=lambda e: e.confidence)
    return best.quad_class


def score_cameo(sentences: list[CameoSentence], analyses: list[Analysis]) -> dict[str, CameoScore]:
    scores = {name: CameoScore(name) for name in ("tune", "held-out", "all")}
    for sentence, analysis in zip(sentences, analyses):
        predicted = predicted_class(analysis)
        for name in ("held-out" if sentence.held_out else "tune", "all"):
            score = scores[name]
            key = (sentence.label, predicted)
            score.confusion[key] = score.confusion.get(key, 0) + 1
            score.items.append((sentence, predicted))
    return scores


def evaluate_cameo(path: str | Path, analyzer) -> dict[str, CameoScore]:
    sentences = load_cameo(path)
    analyses = list(analyzer.analyze_many([s.text for s in sentences]))
    return score_cameo(sentences, analyses)


def cameo_json(scores: dict[str, CameoScore]) -> dict:
    return {
        "held_out": "sha1(sentence) % 3 == 0",
        **{name: {
            "sentences": s.sentences, "accuracy": round(s.accuracy, 4), "macro_f1": round(s.macro_f1, 4),
            "detection": s.detection.as_dict(), "classes": {str(c): s.per_class(c).as_dict() for c in CLASSES},
        } for name, s in scores.items()},
    }


def print_cameo(out, scores: dict[str, CameoScore], path: str, verbose: bool = False) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"CAMEO quad classes ({Path(path).name}); held out: sha1(sentence) % 3 == 0", title_justify="left")
    for column in ("part", "sentences", "accuracy", "macro F1 (1-4)", "detection P", "detection R", "detection F1",
                   *(f"class {c} F1" for c in CLASSES)):
        table.add_column(column, justify="left" if column == "part" else "right")
    for name, s in scores.items():
        d = s.detection
        table.add_row(name, str(s.sentences), f"{100 * s.accuracy:.1f}", f"{100 * s.macro_f1:.1f}", f"{100 * d.precision:.1f}",
                      f"{100 * d.recall:.1f}", f"{100 * d.f1:.1f}", *(f"{100 * s.per_class(c).f1:.1f}" for c in CLASSES))
    out.print(table)
    if verbose:
        out.print(Text("\nCAMEO sentences of the tuning part coded wrong (gold -> predicted)", style="bold"))
        for sentence, predicted in scores["tune"].items:
            if predicted != sentence.label:
                out.print(Text(f"  {sentence.label} -> {predicted}  {sentence.text[:120]!r}"))
