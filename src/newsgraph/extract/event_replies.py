"""Denials that answer an accusation: whom a denial with no recipient of its own is aimed at.

A denial (a REJECT verb) with no recipient in its own clause usually answers what was
said just before about its source, and is aimed at whoever said it (FORMAT.md: a refusal
is aimed at the party whose demand or claim it refuses):

- "X accused Y of Z, which it denied", "X accused Y of Z, a charge it denies": a denial in
  a relative clause on the accusation, with a pronoun for its subject, is the accused's
  (whatever the pronoun was resolved to) and is aimed at the accuser: Y REJECT X;
- "X accused Y of Z. Y denied the charge." / "... Y denied it.": a denial whose source was
  accused in the same sentence or one of the `MAX_SENTENCES_BACK` sentences before is aimed
  at the latest accuser: Y REJECT X.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .event_candidates import Candidate

__all__ = ["answer_accusations", "MAX_SENTENCES_BACK"]

MAX_SENTENCES_BACK = 2
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
RELATIVE = frozenset({"which", "that", "who", "whom"})


def answer_accusations(doc: Doc, candidates: list[Candidate]) -> None:
    """Give each denial with no recipient the accuser it answers (see the module
    docstring); `sentence` must be set on the candidates. Changes them in place."""
    accusations = [c for c in candidates if c.type == "ACCUSE" and c.source and c.target and not c.negated]
    if not accusations:
        return
    for c in candidates:
        if c.kind != "verb" or c.type != "REJECT" or c.target or c.negated:
            continue
        verb = doc[c.head]
        accusation = _accusation_of_relative(verb, accusations)
        if accusation is not None:
            c.source = list(accusation.target)
            c.target = [a for a in accusation.source if a not in c.source]
            continue
        earlier = [a for a in accusations
                   if a.head < c.head and c.sentence - MAX_SENTENCES_BACK <= a.sentence <= c.sentence
                   and set(a.target) & set(c.source)]
        if earlier:
            latest = max(earlier, key=lambda a: a.head)
            c.target = [a for a in latest.source if a not in c.source]


def _accusation_of_relative(verb: Token, accusations: list[Candidate]) -> Candidate | None:
    """The accusation a denial is a relative clause of ("accused Y of Z, which it denied"),
    when a pronoun is its subject; else None."""
    if verb.dep_ != "relcl" or not any(c.dep_ in SUBJECTS and c.pos_ == "PRON" and c.lower_ not in RELATIVE
                                       for c in verb.children):
        return None
    heads = {a.head: a for a in accusations}
    for token in [verb.head, *verb.head.ancestors]:
        if token.i in heads:
            return heads[token.i]
    return None
