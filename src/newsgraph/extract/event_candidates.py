"""What every event finder produces before the events are finished: a `Candidate`."""

from __future__ import annotations

from dataclasses import dataclass, field

from .event_lexicon import Trigger

# Confidence of an event by how it was found (multiplied by the penalties below). The
# figures order the evidence; they are not calibrated probabilities.
BASE_CONFIDENCE = {
    "verb": 0.9,      # a lexicon verb with its own subject and recipient
    "noun": 0.75,     # an event noun with its parties in the phrase
    "stance": 0.6,    # a judging noun inside what a speaker says
    "deontic": 0.6,   # "X should ..." inside what a speaker says
}
PENALTY = {
    "control": 0.85,   # the source comes from a governing verb ("pledged to allow")
    "modifier": 0.85,  # an actor named before the head noun ("the Daesh threat")
    "clause": 0.85,    # a noun's source is the subject of its clause
    "bare": 0.7,       # no recipient
    "pronoun": 0.9,    # a pronoun stands for the source or recipient
    "place": 0.8,      # a place stands for an unnamed recipient ("attacked a base in X")
}


@dataclass
class Candidate:
    kind: str                 # verb | noun | stance | deontic
    trigger: Trigger
    head: int                 # token index of the trigger's head word
    trigger_tokens: list[int]
    source: list[str]
    target: list[str]
    arg_tokens: list[int] = field(default_factory=list)
    sentence: int = 0
    type: str = ""
    mode: str | None = None
    cameo: str = ""
    negated: bool = False
    modality: str = "asserted"
    attributed_to: str | None = None
    speaker_source: bool = False  # the source is the speaker of the quote (stance, deontic)
    confidence: float = 0.0
    mutual: bool = False
    light_verb: int | None = None  # nouns: the light verb whose object they are
    source_how: str = ""  # how the source was found (event_args.Found.how)
    evidence_end: int | None = None  # a token the evidence must reach (a commitment's content)
    replaces_content: bool = False  # deontic: the request stands for the event its clause names

    def __post_init__(self) -> None:
        if not self.type:
            self.type = self.trigger.type
            self.mode = self.trigger.mode
            self.cameo = self.trigger.cameo
        if not self.confidence:
            self.confidence = BASE_CONFIDENCE[self.kind]

    def penalise(self, reason: str) -> None:
        self.confidence *= PENALTY[reason]

    def key(self) -> tuple:
        return (self.sentence, self.type, frozenset(self.source), frozenset(self.target), self.attributed_to)
