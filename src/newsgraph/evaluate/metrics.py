"""Precision, recall and F1, and one-to-one matching of predictions to gold items."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

G = TypeVar("G")
P = TypeVar("P")


@dataclass
class PRF:
    matched: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: "PRF") -> "PRF":
        return PRF(self.matched + other.matched, self.predicted + other.predicted, self.gold + other.gold)

    def as_dict(self) -> dict:
        return {
            "matched": self.matched, "predicted": self.predicted, "gold": self.gold,
            "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
        }


def match_one_to_one(gold: Sequence[G], predicted: Sequence[P], matches: Callable[[G, P], float]) -> dict[int, int]:
    """A maximum one-to-one matching {gold index: predicted index} (augmenting paths).

    `matches` returns a score (0 or False: no match); each gold item tries its candidates
    best score first, so that among equally large matchings the closer pairs win."""
    options = []
    for g in gold:
        scored = [(float(score), j) for j, p in enumerate(predicted) if (score := matches(g, p))]
        options.append([j for _, j in sorted(scored, key=lambda pair: -pair[0])])
    owner: dict[int, int] = {}

    def assign(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or assign(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in sorted(range(len(gold)), key=lambda i: len(options[i])):
        assign(i, set())
    return {i: j for j, i in owner.items()}
