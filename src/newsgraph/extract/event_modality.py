"""Negation and modality of an event (asserted | future | hypothetical | historical).

The cues are data (`event_modality.tsv`); the rules that read them are here:

1. **hypothetical** when the event's clause, or a clause it depends on, is introduced by a
   `mark` cue ("if", "unless");
2. otherwise the first modal auxiliary met going up from the event's verb decides
   ("will", "would", "could" -> future; "can", "may", "should", "must" -> hypothetical);
3. otherwise a governing word ("pledged to allow", "plans to attack", "it is essential for
   X to expand") decides; a commitment trigger itself ("X pledged not to ...", "X is
   determined to ...") is future;
4. otherwise **historical** when the clause names a year at least two years before the
   article's year (the article date, else the latest year the article mentions), or a
   time "ago" ("years ago", "decades ago"); a year after "since" runs up to now and does not
   count ("since 1976");
5. otherwise **asserted**.

Going up from a verb follows `xcomp` ("continue to urge"), `advcl` and gerunds after a
preposition, and a coordinated verb that has no subject and no auxiliary of its own; it
stops at a clause that reports speech (`ccomp`) or a relative clause.

An event is **negated** when its verb (or its copula, or for a noun the determiner "no")
carries a negation, or when it depends on a verb of refusal ("refused to meet").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .event_lexicon import EventLexicon
from .syntax import is_infinitive

UP_DEPS = frozenset({"xcomp", "advcl", "pcomp", "conj", "acomp"})
NEGATORS = frozenset({"not", "n't", "never", "no"})
REFUSAL = frozenset({"refuse", "fail", "decline", "deny", "reject"})
YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
HISTORICAL_GAP = 2


def reference_year(doc: Doc) -> int | None:
    """The article's year: its date, else the latest year it mentions."""
    day = doc._.newsgraph_date
    if day is not None:
        return day.year
    years = [int(t.text) for t in doc if t.like_num and YEAR.match(t.text)]
    return max(years) if years else None


def _has_own_clause(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children)


def chain_up(verb: Token, limit: int = 6) -> list[Token]:
    """The verb and the verbs (or copulas) it depends on within its own reported clause."""
    chain = [verb]
    current = verb
    for _ in range(limit):
        dep = current.dep_
        head = current.head
        if head is current:
            break
        if dep == "pcomp" or (dep == "pobj" and current.pos_ == "VERB"):
            head = head.head  # over the preposition: "involved in training"
        elif dep not in UP_DEPS:
            break
        if dep == "conj" and _has_own_clause(current):
            break
        chain.append(head)
        current = head
    return chain


class ModalityReader:
    def __init__(self, lexicon: EventLexicon):
        self.aux = lexicon.modality_cues("aux") | lexicon.modality_cues("deontic")
        self.deontic = frozenset(lexicon.modality_cues("deontic"))
        self.governors = lexicon.modality_cues("governor")
        self.marks = lexicon.modality_cues("mark")
        self.ago = frozenset(lexicon.modality_cues("ago"))

    # ------------------------------------------------------------ modality
    def of_verb(self, verb: Token, ref_year: int | None, commitment: bool = False) -> str:
        chain = chain_up(verb)
        for token in chain:
            for child in token.children:
                if child.dep_ == "mark" and child.lower_ in self.marks:
                    return self.marks[child.lower_]
            if token.dep_ == "advcl" and any(c.lower_ in self.marks for c in token.children if c.dep_ in ("mark", "advmod")):
                return "hypothetical"
        for index, token in enumerate(chain):
            for child in token.children:
                if child.dep_ == "aux" and child.lower_ in self.aux:
                    return self.aux[child.lower_]
            if index == 0 and commitment and token.lemma_.lower() in self.governors:
                return self.governors[token.lemma_.lower()]
            if index > 0:
                modality = self._governor(token)
                if modality:
                    return modality
        # "it is essential for X to expand": the copula's adjective governs the clause
        head = chain[-1]
        if head.dep_ == "acl" and head.head.lemma_.lower() in self.governors and is_infinitive(head):
            return self.governors[head.head.lemma_.lower()]  # "its readiness to host talks"
        if head.head is not head and head.dep_ == "advcl":
            modality = self._governor(head.head)
            if modality:
                return modality
        if self.is_historical(verb, ref_year):
            return "historical"
        return "asserted"

    def _governor(self, token: Token) -> str | None:
        lemma = token.lemma_.lower()
        if lemma in self.governors:
            return self.governors[lemma]
        if token.lower_ == "going" and any(c.dep_ == "xcomp" for c in token.children):
            return self.governors.get("going")
        for child in token.children:
            if child.dep_ == "acomp" and child.lemma_.lower() in self.governors:
                return self.governors[child.lemma_.lower()]
        return None

    def of_noun(self, noun: Token, light_verb: Token | None, ref_year: int | None) -> str:
        """An event noun's modality: its light verb's ("will hold talks"), else that of the
        word it depends on: a cue of this table ("the need for cooperation", "hopes for
        talks") or the verb whose object or subject it is ("wants to expand cooperation")."""
        if light_verb is not None:
            return self.of_verb(light_verb, ref_year)
        head = noun
        while head.dep_ == "conj" and head.head is not head:
            head = head.head
        governor = None
        if head.dep_ == "pobj" and head.head.head is not head.head:
            governor = head.head.head  # over the preposition
        elif head.dep_ in ("dobj", "obj", "nsubj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX"):
            governor = head.head
        if governor is not None:
            modality = self._governor(governor)
            if modality is None and governor.pos_ in ("VERB", "AUX"):
                modality = self.of_verb(governor, ref_year)
            if modality not in (None, "asserted"):
                return modality
        if self.is_historical(noun, ref_year):
            return "historical"
        return "asserted"

    def is_deontic(self, verb: Token) -> bool:
        """"X should stop", "X must counter": a clause that asks its subject to act."""
        for token in chain_up(verb)[:2]:
            for child in token.children:
                if child.dep_ == "aux" and child.lower_ in self.deontic:
                    return True
            if token.lemma_.lower() == "need" and token is not verb and token.pos_ == "VERB":
                return True
        return False

    def is_historical(self, head: Token, ref_year: int | None) -> bool:
        for token in _clause_tokens(head):
            if (YEAR.match(token.text) and token.like_num and not _since(token)
                    and ref_year is not None and int(token.text) <= ref_year - HISTORICAL_GAP):
                return True
            if token.lower_ == "ago":
                for other in (token.head, *token.children, *token.head.children):
                    if other.lemma_.lower() in self.ago:
                        return True
        return False

    # ------------------------------------------------------------ negation
    def is_negated(self, verb: Token) -> bool:
        tokens = [verb]
        if verb.pos_ == "ADJ" and verb.head is not verb:
            tokens.append(verb.head)  # "is not ready to"
        for token in tokens:
            if any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never") for c in token.children):
                return True
        chain = chain_up(verb)
        for below, token in zip(chain[:3], chain[1:4]):
            if below.dep_ == "conj":
                continue  # "rejects and condemns": the verb it is coordinated with does not govern it
            if token.lemma_.lower() in REFUSAL:
                return True
        if verb.pos_ in ("NOUN", "PROPN"):
            return any(c.dep_ == "det" and c.lower_ == "no" for c in verb.children)
        return False


def _since(year: Token) -> bool:
    """"since 1976", "since the establishment of relations in 1976": a span that runs up to
    now, not a past event."""
    current = year
    for _ in range(4):
        if current.lower_ == "since":
            return True
        if current.head is current:
            break
        current = current.head
    return False


def _clause_tokens(head: Token):
    """Tokens of the clause of `head`, not entering clauses of their own (reported speech,
    relative clauses)."""
    stack = [head]
    while stack:
        token = stack.pop()
        yield token
        for child in token.children:
            if child.dep_ in ("ccomp", "relcl", "parataxis"):
                continue
            stack.append(child)
