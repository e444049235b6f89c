"""Events named by a noun phrase: "the coordination and cooperation between Pakistan and the
Taliban", "attacks on Afghanistan by the Soviet Union", "his visit to China", "the minister
spoke at a meeting with his Iranian counterpart".

For a noun of `event_nouns.tsv`, the source is looked for in the row's `source` slots in
order, the recipient in its `target` slots (see the file's header). "between X and Y" makes
the parties act on each other (source = recipient = all of them) and needs two parties, as
do the participants of a meeting ("with the participation of X and Y", "attended by X and
Y", "X and Y attended the talks"); so does a joint source of a `mutual` row ("Iran and
Russia held joint exercises"). A `bare` row
may stand with no recipient ("the Taliban declared a ceasefire"). For a material act of a
type with `place` (event_types.tsv), the place of what it was aimed at stands for an
unnamed recipient ("attacks on military targets in Yemen"), as for verbs.
`clause` takes the source from outside the phrase: the subject of a light verb whose object
the noun is ("held talks", "launched an attack", "began a round of talks"), or the subject
of the verb the phrase
is attached to by "during", "in", "at", "after" or "on" ("During his meeting with X,
Y said"; "in a meeting with X").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .event_args import Arguments, Found
from .event_candidates import Candidate
from .event_lexicon import EventLexicon, Trigger, match_noun

CLAUSE_PREPS = frozenset({"during", "in", "at", "after", "on", "before", "amid"})
# Events the subject of a clause takes part in when it names them in a "during/in" phrase.
PARTICIPATION_TYPES = frozenset({"CONSULT", "COOPERATE"})


class NominalEvents:
    def __init__(self, lexicon: EventLexicon, args: Arguments):
        self.lexicon = lexicon
        self.args = args
        self.doc = args.doc
        self.light = lexicon.light_verbs

    def find(self) -> list[Candidate]:
        found = []
        for token in self.doc:
            if token.pos_ not in ("NOUN", "PROPN") or token.dep_ == "compound":
                continue
            match = match_noun(self.lexicon.nouns, self.doc, token)
            if match is None:
                continue
            candidate = self.read(token, *match)
            if candidate is not None:
                found.append(candidate)
        return found

    def read(self, noun: Token, trigger: Trigger, start: int) -> Candidate | None:
        args = self.args
        source = Found()
        mutual = False
        light = None
        used_of = False
        for slot in trigger.sources:
            if slot in ("between", "participants"):
                parties = args.between_actors(noun) if slot == "between" else args.participants(noun)
                if len(parties.actors) >= 2:
                    source, mutual = parties, True
                    break
            elif slot == "poss":
                for child in noun.children:
                    if child.dep_ == "poss":
                        source = args.phrase_actors(child, modifiers=False)
                        if not source and child.pos_ == "PRON":
                            source = self._bound_possessive(noun)
                        break
            elif slot == "compound":
                for child in noun.children:
                    if child.dep_ in ("compound", "amod", "nmod") and child.i < start:
                        actors = args.modifier_actors(child)
                        if actors:
                            source.add(actors, child.i)
                if source:
                    source.how = "modifier"
            elif slot in ("by", "of"):
                source = args.prep_actors(noun, slot, modifiers=False)
                used_of = bool(source) and slot == "of"
            elif slot == "clause":
                source, light = self._clause_source(noun, trigger)
            if source:
                break
        if not source:
            return None
        source.actors = [a for a in source.actors if args.types.get(a) != "location"]
        if not source.actors:
            return None
        target = Found()
        if mutual:
            target = Found(list(source.actors), list(source.tokens), "mutual")
        else:
            for slot in trigger.targets:
                if slot == "of" and used_of:
                    continue
                target = self._clause_subject(noun) if slot == "that" else args.prep_actors(noun, slot, owner=True)
                if not target and light is not None and slot != "that":
                    # the parse often hangs the preposition on the light verb ("opened an
                    # investigation into X", "launched strikes on X")
                    target = args.prep_actors(light, slot, owner=True)
                if target:
                    break
            target.actors = [a for a in target.actors if a not in source.actors]
            if not target.actors and self.lexicon.types[trigger.type].place:
                # "carried out attacks on military targets in Yemen": the place stands for them
                target = args.place_recipient(noun, trigger.targets, self.lexicon.place_objects)
                target.actors = [a for a in target.actors if a not in source.actors]
            if not target.actors:
                if "mutual" in trigger.flags and len(source.actors) >= 2 and light is not None:
                    # "Iran and Russia held joint exercises": the parties act on each other (not
                    # "X and Y met with Z in separate meetings")
                    target, mutual = Found(list(source.actors), list(source.tokens), "mutual"), True
                elif "bare" not in trigger.flags or light is None:
                    return None  # a bare event is one a light verb performs ("declared a ceasefire")
        candidate = Candidate(
            kind="noun", trigger=trigger, head=noun.i, trigger_tokens=list(range(start, noun.i + 1)),
            source=list(source.actors), target=list(target.actors),
            arg_tokens=sorted(set(source.tokens + target.tokens)), mutual=mutual,
        )
        if source.how in ("modifier", "clause"):
            candidate.penalise(source.how)
        if target.how in ("modifier", "place"):
            candidate.penalise(target.how)
        if not target.actors:
            candidate.penalise("bare")
        candidate.light_verb = light.i if light is not None else None
        return candidate

    def _bound_possessive(self, noun: Token) -> Found:
        """A possessive pronoun the actor layer left unresolved refers to the subject of the
        verb whose object the phrase is: "the League reiterated its demand", "the army began
        its assault", "X insisted on its demands" (how = "clause")."""
        head = noun
        while head.dep_ == "conj" and head.head is not head:
            head = head.head
        if head.dep_ == "pobj" and head.head.dep_ == "prep":
            head = head.head
        if head.dep_ not in ("dobj", "obj", "prep") or head.head.pos_ not in ("VERB", "AUX"):
            return Found()
        found = self.args.subject_of(head.head)
        found.how = "clause"
        return found

    def _clause_subject(self, noun: Token) -> Found:
        """The subject of a clause that says what the noun is about: "its demand that Israel
        ease the restrictions" -> Israel."""
        found = Found(how="head")
        clauses = list(noun.children)
        if noun.dep_ in ("dobj", "obj"):
            # "reiterated its demand today that X ...": the parse hangs the clause on the verb
            clauses += [c for c in noun.head.children if c.dep_ == "ccomp" and c.i > noun.i]
        for child in clauses:
            if child.dep_ in ("acl", "ccomp", "relcl") and child.pos_ in ("VERB", "AUX") and any(
                    c.dep_ == "mark" and c.lower_ == "that" for c in child.children):
                tokens, _ = self.args.subject_tokens(child)
                for token in tokens:
                    sub = self.args.phrase_actors(token, modifiers=False)
                    for actor in sub.actors:
                        found.add([actor], token.i)
        return found

    def _clause_source(self, noun: Token, trigger: Trigger) -> tuple[Found, Token | None]:
        """The subject of the light verb or, for meetings and cooperation (one takes part in
        them), of the clause a "during/in" phrase belongs to ("in a meeting with X, Y said";
        not "Y was killed in an attack on X")."""
        args = self.args
        head = noun
        # over a coordination of nouns: "held talks and consultations"
        while head.dep_ == "conj" and head.head is not head:
            head = head.head
        # over a quantity: "began a new round of talks", "carried out a series of attacks"
        if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.dep_ in ("dobj", "obj"):
            head = head.head.head
        if head.dep_ in ("dobj", "obj") and head.head.lemma_.lower() in self.light:
            verb = head.head
            found = args.subject_of(verb)
            found.how = "clause"
            return found, verb
        if head.dep_ == "pobj" and head.head.lower_ in CLAUSE_PREPS and trigger.type in PARTICIPATION_TYPES:
            verb = head.head.head
            if verb.pos_ in ("VERB", "AUX"):
                found = args.subject_of(verb)
                found.how = "clause"
                return found, None
        return Found(), None
