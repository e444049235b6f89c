"""Quote scoring (FORMAT.md).

A predicted quote matches a gold quote when their content spans overlap by at least half
of the longer one's tokens (lenient); the exact figure asks for the same tokens. Tokens
are words (runs of letters and digits), so that a quotation mark or a final comma inside
or outside the span does not decide a match. A matched quote's speaker is right when the
predicted speaker is the gold speaker's actor (`ActorAlignment.same`, the actor rule);
attribution counts the quotes that are matched and have the right speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import InputError
from ..model import Analysis, Quote
from .actors import ActorAlignment
from .gold import GoldFile
from .metrics import PRF, match_one_to_one

WORD = re.compile(r"[^\W_]+")


@dataclass
class GoldQuote:
    speaker: str | None
    kind: str | None
    cue: str | None
    text: str
    start: int
    end: int


@dataclass
class QuoteScore:
    prf: PRF  # lenient match
    exact: PRF
    attribution: PRF  # lenient match and right speaker
    speaker_right: int = 0
    missed: list[GoldQuote] = field(default_factory=list)
    spurious: list[Quote] = field(default_factory=list)
    wrong_speaker: list[tuple[GoldQuote, Quote]] = field(default_factory=list)

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.prf.matched if self.prf.matched else 0.0


def words(text: str, start: int, end: int) -> frozenset[int]:
    """Character offsets of the words inside [start, end): one integer per word."""
    return frozenset(start + m.start() for m in WORD.finditer(text, start, end) if m.end() <= end)


def overlaps_enough(a: frozenset[int], b: frozenset[int]) -> bool:
    """The lenient rule: shared words are at least half of the longer span's words."""
    if not a or not b:
        return False
    return 2 * len(a & b) >= max(len(a), len(b))


def gold_quotes(gold: GoldFile) -> list[GoldQuote]:
    """The gold quotes, each placed in the article (the first occurrence of its text at
    or after the previous quote, else the first anywhere)."""
    out = []
    position = 0
    for number, item in enumerate(gold.quotes, start=1):
        if not isinstance(item, dict) or not item.get("text"):
            raise InputError(str(gold.path), f"quote {number} has no `text`")
        text = str(item["text"])
        start = gold.text.find(text, position)
        if start < 0:
            start = gold.text.find(text)
        if start < 0:
            raise InputError(str(gold.path), f"quote {number} is not a substring of the article: {text[:60]!r}")
        position = start
        speaker = item.get("speaker")
        out.append(GoldQuote(str(speaker) if speaker is not None else None, item.get("kind"), item.get("cue"), text, start, start + len(text)))
    return out


def score_quotes(gold: GoldFile, analysis: Analysis, alignment: ActorAlignment) -> QuoteScore:
    text = analysis.text
    expected = gold_quotes(gold)
    predicted = analysis.quotes
    gold_words = [words(text, q.start, q.end) for q in expected]
    predicted_words = [words(text, q.start, q.end) for q in predicted]
    lenient = match_one_to_one(range(len(expected)), range(len(predicted)), lambda i, j: overlaps_enough(gold_words[i], predicted_words[j]))
    exact = match_one_to_one(range(len(expected)), range(len(predicted)), lambda i, j: bool(gold_words[i]) and gold_words[i] == predicted_words[j])
    score = QuoteScore(
        prf=PRF(len(lenient), len(predicted), len(expected)),
        exact=PRF(len(exact), len(predicted), len(expected)),
        attribution=PRF(0, len(predicted), len(expected)),
    )
    for i, j in sorted(lenient.items()):
        if alignment.same(expected[i].speaker, predicted[j].speaker):
            score.speaker_right += 1
        else:
            score.wrong_speaker.append((expected[i], predicted[j]))
    score.attribution.matched = score.speaker_right
    score.missed = [q for i, q in enumerate(expected) if i not in lenient]
    matched = set(lenient.values())
    score.spurious = [q for j, q in enumerate(predicted) if j not in matched]
    return score
