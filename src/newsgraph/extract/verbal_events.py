"""Events carried by a verb (or a predicate adjective) of `event_verbs.tsv`.

A token is a trigger when its lemma is the first word of a lexicon pattern and the other
words of the pattern are its dependents, in order, a few words to its right ("expressed
concerns", "called on", "are working together"). The longest pattern wins.

- **source**: `Arguments.subject_of` (subject, passive agent, or the controller of a verb
  with no subject); places are never sources;
- **recipient**: the row's slots in order (`Arguments.object_of`; for a commitment, the
  recipient of the event noun its infinitive's light verb takes: "threatened to impose a
  curfew in X"); for a material act of a type with `place`, the place of an unnamed
  recipient (`Arguments.place_recipient`); the source's own actors are removed from it;
  a rejection of "the report", "the claims" with no author of its own, the speaker of the
  latest statement reported since the sentence before (`_claim_speaker`); a request with
  none, whom the act it serves is addressed to (`Arguments.addressee`: "wrote to X to
  request a meeting");
- with no recipient: a joint subject of a `mutual` row acts on itself ("Pakistan and the
  Taliban cooperate" -> source = recipient = both); a `bare` row stands alone (a pledge,
  a denial), unless what it commits to or refuses is only to say something ("declined
  to comment"); any other row gives no event;
- a `transitive` row needs a direct object ("returned the ships to X"); an `opinion` row
  that agrees with a view is no event ("agree with X that ...");
- a verb that is the infinitive of a trigger whose row takes its recipient from `xcomp`
  ("pledged to support X", "threatened to attack X"), or a verb coordinated with such an
  infinitive, is part of that event, not one of its own; nor is what a request asks for
  ("asked X to agree", "demanded that X withdraw");
- a commitment to a conflict act ("vowed to attack X") is a THREATEN (not to a deployment:
  "offered to send troops").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .event_args import Arguments, Found, is_passive
from .event_candidates import Candidate
from .event_lexicon import EventLexicon, Trigger

PATTERN_DEPS = frozenset({"prt", "prep", "pobj", "dobj", "advmod", "acomp", "oprd", "compound", "npadvmod", "attr", "amod"})
PATTERN_WINDOW = 6
VERB_TAGS = frozenset({"VERB"})
THREAT_CAMEO = "130"
VERBAL_ATTACK = ("ACCUSE", "disapprove", "111")
MATERIAL_AID = ("AID", None, "070")
# Verbs that judge an act aim at its author, not at whom it was aimed: "condemned the attack
# on X" is no accusation of X (the event noun's recipient does not stand for the object).
JUDGING = frozenset({"ACCUSE", "SUPPORT", "REJECT"})
# Conflict acts a commitment to which is no threat ("offered to send troops").
NOT_THREATS = frozenset({"MOBILIZE"})


def is_verb(token: Token) -> bool:
    """A verb, or a word the tagger took for a noun but that has a subject ("The government
    rejects and condemns the decision", with "rejects" tagged NOUN)."""
    if token.pos_ in VERB_TAGS:
        return True
    return token.pos_ in ("NOUN", "PROPN") and token.tag_ in ("NNS", "VBZ") and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in token.children)


def match_verb(lexicon: EventLexicon, token: Token) -> tuple[Trigger, list[Token]] | None:
    """The longest lexicon pattern this verb or adjective starts: (trigger, its tokens)."""
    options = lexicon.verbs.get(token.lemma_.lower())
    if not options and token.pos_ in ("NOUN", "PROPN") and token.lower_.endswith("s"):
        options = lexicon.verbs.get(token.lower_[:-1])  # "rejects" tagged as a plural noun
    if not options:
        return None
    for trigger in options:
        is_adj = "adj" in trigger.flags
        if is_adj != (token.pos_ == "ADJ"):
            continue
        if not is_adj and not is_verb(token):
            continue
        tokens = [token]
        position = token.i
        ok = True
        for word in trigger.words[1:]:
            nxt = _dependent(token, tokens[-1], word, position)
            if nxt is None:
                ok = False
                break
            tokens.append(nxt)
            position = nxt.i
        if ok:
            return trigger, tokens
    return None


def _dependent(verb: Token, last: Token, word: str, position: int) -> Token | None:
    for head in (verb, last):
        for child in head.children:
            if (position < child.i <= position + PATTERN_WINDOW and child.dep_ in PATTERN_DEPS
                    and word in (child.lemma_.lower(), child.lower_)):
                return child
    return None


class VerbalEvents:
    def __init__(self, lexicon: EventLexicon, args: Arguments):
        self.lexicon = lexicon
        self.args = args
        self.doc: Doc = args.doc

    def find(self, nominal_sources: dict[int, list[str]], nominal: list[Candidate] = ()) -> list[Candidate]:
        # event nouns by their light verb: what "pledged to launch attacks on X" commits to
        self.content = {c.light_verb: c for c in nominal if c.light_verb is not None}
        noun_heads = {c.head for c in nominal}
        found = []
        matches = {}
        for token in self.doc:
            if token.pos_ not in ("VERB", "ADJ") and not is_verb(token):
                continue
            if _adjectival_participle(token):
                continue
            match = match_verb(self.lexicon, token)
            if match is not None and match[0].compiled and any(t.i in noun_heads for t in match[1][1:]):
                continue  # "began a mediation mission": the curated event noun says what it is
            if match is not None and match[0].type:  # a row of type "-" is an exclusion
                matches[token.i] = match
        # the words of the patterns that make (or are part of) an event ("lifted its
        # blockade", "agreed to lift its ban"): an event noun among them is that event's
        self.pattern_tokens = set()
        for i, (trigger, tokens) in matches.items():
            verb = self.doc[i]
            if self._subsumed(verb, matches):
                self.pattern_tokens.update(t.i for t in tokens[1:])
                continue
            candidate = self.read(verb, trigger, tokens, nominal_sources)
            if candidate is not None:
                found.append(candidate)
                self.pattern_tokens.update(t.i for t in tokens[1:])
        return found

    def _subsumed(self, verb: Token, matches: dict) -> bool:
        """An infinitive that is part of the event of the trigger governing it: one that
        takes its recipient from it ("pledged to support X"), or a request ("asked X to
        agree", "urged X to attack", "demanded that X withdraw": what is asked for has not
        happened)."""
        while verb.dep_ == "conj" and verb.head.pos_ == "VERB" and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            verb = verb.head  # "agreed to lift the siege and send aid": as the first verb
        if verb.dep_ not in ("xcomp", "ccomp"):
            return False
        governing = matches.get(verb.head.i)
        if governing is None or not governing[0].type:
            return False
        if verb.dep_ == "ccomp":
            return governing[0].type == "REQUEST"
        return "xcomp" in governing[0].targets or governing[0].type == "REQUEST"

    def _only_speech(self, verb: Token) -> bool:
        """"declined to comment", "refused to elaborate": a commitment or refusal whose
        content is only to say something (event_speech_verbs.txt) is no event."""
        return any(c.dep_ == "xcomp" and c.lemma_.lower() in self.lexicon.speech_verbs for c in verb.children)

    def _opinion(self, verb: Token) -> bool:
        """"agree with X that ...", "agree with the recommendation": agreeing with someone's
        view (a that-clause, or a "with" that names no actor) is an opinion, not an
        agreement between parties ("Iran and Iraq agreed that ..." is one)."""
        withs = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "with" and c.i > verb.i]
        if not withs or any(c.dep_ == "xcomp" for c in verb.children):
            return False  # "agreed to lift the embargo, with strings attached" is an agreement
        if any(c.dep_ == "ccomp" for c in verb.children):
            return True
        return not any(self.args.phrase_actors(obj).actors for w in withs for obj in w.children if obj.dep_ == "pobj")

    def _commits_to_conflict(self, verb: Token) -> bool:
        """"vowed to attack X", "pledged to launch strikes on X": the content is a conflict
        act (not a deployment: "offered to send troops" is an offer)."""
        for child in verb.children:
            if child.dep_ == "xcomp":
                match = match_verb(self.lexicon, child)
                # a compiled row is no evidence of a threat ("agreed to postpone the protest")
                plover_type = match[0].type if match is not None and not match[0].compiled else None
                if not plover_type and child.i in self.content:
                    plover_type = self.content[child.i].type
                if plover_type and plover_type not in NOT_THREATS and self.lexicon.types[plover_type].quad_class in (3, 4):
                    return True
        return False

    def _attacks_an_idea(self, verb: Token, tokens: list[Token], target: Found) -> bool:
        """An attack on a view, a statement or a decision (event_idea_nouns.txt) whose
        recipient is its owner ("attacked X's policy", "hit the plan proposed by X"), or an
        attack that a quote or a that-clause spells out, is made in words."""
        if any(c.dep_ == "ccomp" for c in verb.children):
            return True
        objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")] + list(tokens[1:])
        if is_passive(verb):
            objects += [c for c in verb.children if c.dep_ == "nsubjpass"]
        return target.how == "modifier" and any(o.lemma_.lower() in self.lexicon.idea_nouns for o in objects)

    def _claim_speaker(self, verb: Token, source: list[str]) -> Found:
        """The speaker a rejection of "the report", "the claims" (event_claim_nouns.txt, with
        a definite article and no author of its own) answers: the speaker, other than the
        source, of the latest quote that ends before the verb and starts no earlier than the
        sentence before; how = "claim"."""
        objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
        if len(objects) != 1 or objects[0].lemma_.lower() not in self.lexicon.claim_nouns:
            return Found()
        claim = objects[0]
        if not any(c.dep_ == "det" and c.lower_ in ("the", "these", "those", "this", "that") for c in claim.children):
            return Found()
        if any(c.dep_ in ("poss", "prep", "acl", "relcl", "compound", "amod") for c in claim.children):
            return Found()  # "the report by X", "the US claims": named otherwise, or not this one
        sentence = verb.sent
        previous = self.doc[sentence.start - 1].sent if sentence.start > 0 else sentence
        window = previous.start_char
        quotes = [q for q in (self.doc._.newsgraph_quotes or [])
                  if q.speaker and q.speaker not in source and q.speaker in self.args.types
                  and window <= q.start and q.end <= verb.idx]
        if not quotes:
            return Found()
        latest = max(quotes, key=lambda q: q.end)
        return Found([latest.speaker], [claim.i], "claim")

    def _content_recipient(self, verb: Token) -> Found:
        """The recipient of an event noun that a commitment governs through its light verb
        ("threatened to impose a curfew in X", "agreed to hold talks with X")."""
        for child in verb.children:
            if child.dep_ == "xcomp" and child.i in self.content:
                c = self.content[child.i]
                if c.target:
                    return Found(list(c.target), [i for i in c.arg_tokens if i > child.i], "head")
        return Found()

    def read(self, verb: Token, trigger: Trigger, tokens: list[Token], nominal_sources: dict[int, list[str]]) -> Candidate | None:
        if "reverse" in trigger.flags:
            return self.read_reversed(verb, trigger, tokens, nominal_sources)
        args = self.args
        actor_head = verb
        if "adj" in trigger.flags:
            # "Iran is ready to draft ...": the subject is the copula's
            if verb.dep_ not in ("acomp", "amod", "attr") or verb.head is verb:
                return None
            actor_head = verb.head if verb.dep_ == "acomp" else verb
        source = args.subject_of(actor_head, nominal_sources)
        if verb.dep_ == "amod" and "adj" in trigger.flags:
            source = args.phrase_actors(verb.head, modifiers=False)
        source.actors = [a for a in source.actors if args.types.get(a) != "location"]
        if not source.actors:
            return None
        if "transitive" in trigger.flags and not any(c.dep_ in ("dobj", "obj", "nsubjpass") for c in verb.children):
            return None  # "returned to X" is no "returned (something) to X"
        if "opinion" in trigger.flags and self._opinion(verb):
            return None  # "they agree with X that ...", "agree with the recommendation"
        target = Found()
        for slot in trigger.targets:
            target = args.object_of(verb, slot, extra=tokens[1:], acts=trigger.type not in JUDGING)
            if not target and slot == "xcomp":
                target = self._content_recipient(verb)
            if target:
                break
        if "armed" in trigger.flags:
            target.actors = [a for a in target.actors if args.types.get(a) == "armed_group"]
            if not target.actors:
                return None
        target.actors = [a for a in target.actors if a not in source.actors]
        if not target.actors and self.lexicon.types[trigger.type].place:
            # "attacked an army base in Kandahar province": the place stands for the recipient
            target = args.place_recipient(verb, trigger.targets, self.lexicon.place_objects)
            target.actors = [a for a in target.actors if a not in source.actors]
        if not target.actors and trigger.type == "REJECT":
            # "A study found X. Peru dismissed the report.": aimed at whoever said it
            target = self._claim_speaker(verb, source.actors)
        if not target.actors and trigger.type == "REQUEST":
            # "wrote to X to request a meeting": the request goes to whom the letter does
            target = args.addressee(verb)
            target.actors = [a for a in target.actors if a not in source.actors]
        mutual = False
        if not target.actors:
            if "mutual" in trigger.flags and len(source.actors) >= 2:
                target = Found(list(source.actors), list(source.tokens), "mutual")
                mutual = True
            elif "bare" not in trigger.flags or self._only_speech(verb):
                return None
        candidate = Candidate(
            kind="verb", trigger=trigger, head=verb.i, trigger_tokens=[t.i for t in tokens],
            source=list(source.actors), target=list(target.actors),
            arg_tokens=sorted(set(source.tokens + target.tokens)), mutual=mutual,
        )
        if "material" in trigger.flags and target.actors and all(
                args.types.get(a) == "armed_group" for a in target.actors):
            # "X supports Hezbollah": backing an armed group is material aid
            candidate.type, candidate.mode, candidate.cameo = MATERIAL_AID
        if trigger.type == "ASSAULT" and self._attacks_an_idea(verb, tokens, target):
            # "attacked X's policy", "slammed the plan proposed by X": a verbal attack
            candidate.type, candidate.mode, candidate.cameo = VERBAL_ATTACK
        if trigger.type == "AGREE" and self._commits_to_conflict(verb):
            # "vowed to attack X", "is determined to fight X": a threat, not a promise
            candidate.type, candidate.mode, candidate.cameo = "THREATEN", None, THREAT_CAMEO
        candidate.source_how = source.how
        if source.how == "control":
            candidate.penalise("control")
        if target.how in ("modifier", "place"):
            candidate.penalise(target.how)
        if not target.actors:
            candidate.penalise("bare")
            # the evidence of a commitment or refusal with no recipient is its content
            for child in verb.children:
                if child.dep_ == "xcomp":
                    candidate.evidence_end = child.right_edge.i
        if any(self.doc[i].pos_ == "PRON" for i in source.tokens + target.tokens):
            candidate.penalise("pronoun")
        return candidate


    def read_reversed(self, verb: Token, trigger: Trigger, tokens: list[Token],
                      nominal_sources: dict[int, list[str]]) -> Candidate | None:
        """"X came under fire from Y": the subject is the recipient, the row's slots name
        the source. Fire from an armed group, or with a weapon before it ("rocket fire"),
        is shooting, not criticism."""
        args = self.args
        target = args.subject_of(verb, nominal_sources)
        source = Found()
        for slot in trigger.targets:
            source = args.object_of(verb, slot, extra=tokens[1:])
            if source:
                break
        source.actors = [a for a in source.actors if args.types.get(a) != "location" and a not in target.actors]
        if not source.actors or not target.actors:
            return None
        candidate = Candidate(
            kind="verb", trigger=trigger, head=verb.i, trigger_tokens=[t.i for t in tokens],
            source=list(source.actors), target=list(target.actors),
            arg_tokens=sorted(set(source.tokens + target.tokens)),
        )
        noun = tokens[-1]
        weapon = any(c.dep_ == "compound" for c in noun.children)
        if trigger.type == "ACCUSE" and (weapon or all(args.types.get(a) == "armed_group" for a in source.actors)):
            candidate.type, candidate.mode, candidate.cameo = "ASSAULT", None, "190"
        candidate.source_how = source.how
        for how in {source.how, target.how} & {"modifier", "control"}:
            candidate.penalise(how)
        if any(self.doc[i].pos_ == "PRON" for i in source.tokens + target.tokens):
            candidate.penalise("pronoun")
        return candidate


def _adjectival_participle(token: Token) -> bool:
    """"oil from sanctioned Iran", "the sanctioned firms": a participle used as an
    adjective, with no agent, auxiliary or subject, names a state, not an act."""
    if token.tag_ != "VBN" or token.dep_ not in ("amod", "pcomp"):
        return False
    if token.dep_ == "pcomp" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].dep_ not in ("dobj", "obj"):
        return False  # "accused of attacking X" is an act (a gerund); only "from sanctioned X"
    return not any(c.dep_ in ("agent", "aux", "auxpass", "nsubj", "nsubjpass") for c in token.children)

