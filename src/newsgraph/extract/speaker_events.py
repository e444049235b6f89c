"""Events of a speaker that the words of their statement make, not a verb of the narration.

Inside the content of a quote (direct or reported, from the quote stage) whose speaker is
known:

- **stance**: a noun of `event_stance.tsv` that judges a party makes the speaker ACCUSE
  (or SUPPORT) that party: "Rahmani Fazli said ... interferences are guided by X" ->
  Rahmani Fazli ACCUSE X; "Sadiq said Iran is an important friend" -> Sadiq SUPPORT Iran;
  "the UNSC has reported the emergence of ... Daesh" -> UNSC ACCUSE Daesh;
- **deontic request**: a clause whose verb carries a deontic auxiliary ("should", "must",
  event_modality.tsv) and whose subject is a party other than the speaker's own side makes
  the speaker REQUEST that party to act: "the foreigners should respect ..." said by S ->
  S REQUEST foreigners.

These events have the speaker as source and are not attributed to anyone else (the
speaker's own act, like "X condemned Y"). Nouns that are already an argument of another
event are left to that event; a deontic clause wins over the event its verb names ("Y must
withdraw" said by S is S's request, not Y's withdrawal: see `EventExtractor`).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..model import Quote
from .event_args import Arguments, Found
from .event_candidates import Candidate
from .event_lexicon import EventLexicon, Trigger
from .event_modality import ModalityReader
from .event_lexicon import match_noun

PREDICATE_DEPS = frozenset({"attr", "dobj", "acomp", "oprd"})
FIRST_PERSON = frozenset({"we", "us", "i", "me", "our", "my"})
REQUEST = Trigger(("should",), "REQUEST", None, "100", (), (), frozenset(), "deontic clause in a statement")


class SpeakerEvents:
    def __init__(self, lexicon: EventLexicon, args: Arguments, modality: ModalityReader):
        self.lexicon = lexicon
        self.args = args
        self.doc: Doc = args.doc
        self.modality = modality

    def find(self, quotes: list[Quote], used: set[int]) -> list[Candidate]:
        found = []
        for quote in quotes:
            if not quote.speaker or quote.speaker not in self.args.types:
                continue
            span = self.doc.char_span(quote.start, quote.end, alignment_mode="contract")
            if span is None or len(span) == 0:
                continue
            for token in span:
                if token.pos_ in ("NOUN", "PROPN"):
                    candidate = None if token.i in used else self._stance(token, quote.speaker)
                elif token.pos_ in ("VERB", "AUX"):
                    # a deontic clause is the speaker's request even when its verb is an event
                    # trigger: what a party "must do" has not happened (events.py drops it)
                    candidate = self._deontic(token, quote.speaker)
                else:
                    candidate = None
                if candidate is not None:
                    found.append(candidate)
        return found

    # ------------------------------------------------------------ stance nouns
    def _stance(self, noun: Token, speaker: str) -> Candidate | None:
        match = match_noun(self.lexicon.stance, self.doc, noun)
        if match is None:
            return None
        trigger, start = match
        target = Found()
        for slot in trigger.targets:
            target = self._stance_slot(noun, slot, start)
            if target:
                break
        if "armed" in trigger.flags:
            target.actors = [a for a in target.actors if self.args.types.get(a) == "armed_group"]
        target.actors = [a for a in target.actors if a != speaker and self.args.types.get(a) != "location"]
        if not target.actors:
            return None
        candidate = Candidate(
            kind="stance", trigger=trigger, head=noun.i, trigger_tokens=list(range(start, noun.i + 1)),
            source=[speaker], target=list(target.actors), arg_tokens=sorted(set(target.tokens)), speaker_source=True,
        )
        if target.how == "modifier":
            candidate.penalise("modifier")
        predicate = noun.head if noun.dep_ in PREDICATE_DEPS else None
        candidate.negated = self.modality.is_negated(predicate) if predicate is not None else self.modality.is_negated(noun)
        return candidate

    def _stance_slot(self, noun: Token, slot: str, start: int) -> Found:
        args = self.args
        if slot == "poss":
            for child in noun.children:
                if child.dep_ == "poss":
                    return args.phrase_actors(child, modifiers=False)
            return Found()
        if slot == "compound":
            found = Found(how="modifier")
            for child in noun.children:
                if child.dep_ in ("compound", "nmod", "amod") and child.i < start:
                    actors = args.at(child)
                    if actors:
                        found.add(actors, child.i)
            return found
        if slot in ("of", "by", "from", "for"):
            return args.prep_actors(noun, slot, modifiers=True)
        if slot == "including":
            return args.phrase_actors(noun, modifiers=False)
        if slot == "agent":
            if noun.dep_ == "nsubjpass":
                for child in noun.head.children:
                    if child.dep_ == "agent":
                        return args.prep_actors(noun.head, child.lower_, modifiers=False)
            return Found()
        if slot == "subj":
            head = noun
            while head.dep_ == "conj" and head.head is not head:
                head = head.head  # "an important friend and strategic partner"
            if head.dep_ in PREDICATE_DEPS:
                tokens, how = args.subject_tokens(head.head)
                found = Found(how="head")
                if how == "subject":
                    for token in tokens:
                        sub = args.phrase_actors(token, modifiers=False)
                        for actor in sub.actors:
                            found.add([actor], token.i)
                return found
        return Found()

    # ------------------------------------------------------------ deontic requests
    def _deontic(self, verb: Token, speaker: str) -> Candidate | None:
        """The request's trigger is the deontic auxiliary ("should"), so that the event the
        verb names can stand beside it when both are kept."""
        aux = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ in self.modality.deontic), None)
        if aux is None:
            return None
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        found = Found(how="head")
        for subject in subjects:
            if subject.pos_ == "PRON" and subject.lower_ in FIRST_PERSON:
                return None  # "we should ..." (and "US" is no "us")
            sub = self.args.phrase_actors(subject, modifiers=False)
            for actor in sub.actors:
                found.add([actor], subject.i)
        side = self._side(speaker)
        actors = [a for a in found.actors if a != speaker and self.args.types.get(a) != "location"]
        others = [a for a in actors if a not in side]
        joint = bool(others) and len(others) < len(actors)
        if joint:
            actors = others
        if not actors:
            return None
        candidate = Candidate(
            kind="deontic", trigger=REQUEST, head=aux.i, trigger_tokens=[aux.i],
            source=[speaker], target=actors, arg_tokens=list(found.tokens), speaker_source=True,
        )
        # "the neighbours, notably Iran and Iraq, should cooperate" said by
        # Iran's president: the speaker's own state acts with the others, so the request goes
        # to the others and what they all should do is also told as an intent (kept)
        candidate.replaces_content = not joint
        candidate.evidence_end = verb.i
        return candidate

    def _side(self, speaker: str) -> set[str]:
        """The speaker and the state they belong to (same country)."""
        built = self.args.found.actors
        country = built[speaker].country if speaker in built else None
        side = {speaker}
        if country:
            side.update(key for key, actor in built.items() if actor.type == "state" and actor.country == country)
        return side
