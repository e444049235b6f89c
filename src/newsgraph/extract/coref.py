"""Coreference inside one article: titles and pronouns back to the actors they mean.

- A definite title ("the caretaker PM", "the Pakistani chief diplomat", "the minister")
  refers to the person whose role has a title of the same family (titles.tsv), from the
  same country when the title names one: the last such person mentioned before it, else
  the first after it.
- "he", "she", "his", "her"...: the person mentioned last before the pronoun, within the
  last three sentences; in the nearest sentence that has several, the subject.
- "they", "them", "their": the bracketed actors right after it ("They (TTP and the
  Taliban)"), else the nearest collective actor before it in the same or the previous
  sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .syntax import is_subject

if TYPE_CHECKING:  # pragma: no cover
    from .actors import ActorBuild, MentionRef, _Run

PERSON_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
GENERIC_FAMILIES = frozenset({"official", "leader", "head"})
COLLECTIVE_TYPES = frozenset({"state", "organization", "armed_group", "igo", "group"})


@dataclass
class TitleRef:
    start: int
    end: int
    family: str
    country: str | None
    text: str
    definite: bool = True  # "the Japanese ambassador" may be someone named; "a French minister" is not


def resolve(run: "_Run") -> None:
    _titles(run)
    _pronouns(run)


def _compatible(ref: TitleRef, actor: "ActorBuild", day) -> bool:
    if actor.type != "person":
        return False
    if ref.country and actor.country and ref.country != actor.country:
        return False
    if ref.family in actor.role_families:
        return True
    if ref.family in GENERIC_FAMILIES and actor.role_families:
        return True
    if ref.family == "minister" and any(f.endswith("minister") for f in actor.role_families):
        return True
    if actor.record is not None:
        titles = " ".join(role.title.lower() for role in actor.record.roles_on(day))
        return ref.family.replace("-", " ") in titles
    return False


def _titles(run: "_Run") -> None:
    people = [a for a in run.actors.values() if a.type == "person"]
    for ref in run.title_refs:
        if any(m.start < ref.end and ref.start < m.end for m in run.mentions):
            continue
        candidates = [a for a in people if _compatible(ref, a, run.day)] if ref.definite else []
        if not candidates:
            # an official the article does not name acts for their state ("a French
            # minister said", "the Japanese ambassador protested")
            state = run.kb.state(ref.country)
            if state is not None:
                run.add_mention(run._kb_actor(state), ref.start, ref.end, "title", agentive=True)
            continue
        before = [(max(m.start for m in a.mentions if m.start < ref.start), a) for a in candidates if any(m.start < ref.start for m in a.mentions)]
        if before:
            actor = max(before, key=lambda pair: pair[0])[1]
        else:
            actor = min(candidates, key=lambda a: min(m.start for m in a.mentions))
        run.add_mention(actor, ref.start, ref.end, "title", agentive=True)


def _pronouns(run: "_Run") -> None:
    doc = run.doc
    people = sorted(
        (m for a in run.actors.values() if a.type == "person" for m in a.mentions if m.kind != "pronoun"),
        key=lambda m: m.start,
    )
    collectives = sorted(
        (m for a in run.actors.values() if a.type in COLLECTIVE_TYPES for m in a.mentions if m.kind != "pronoun"),
        key=lambda m: m.start,
    )
    pos, tags = run.pos, run.tags
    for i, lower in enumerate(run.lowers):
        if lower not in PERSON_PRONOUNS and lower not in PLURAL_PRONOUNS and lower != "it":
            continue
        if run.excluded[i] or (pos[i] != "PRON" and tags[i] not in ("PRP", "PRP$")):
            continue
        token = doc[i]
        if lower in PERSON_PRONOUNS:
            antecedent = _person_antecedent(run, token.i, people)
            if antecedent is not None:
                run.add_mention(run.actors[antecedent.actor], token.i, token.i + 1, "pronoun", agentive=True)
        elif lower == "it" and token.dep_ == "nsubj":
            actor_key = _speaking_it(run, token, collectives)
            if actor_key:
                run.add_mention(run.actors[actor_key], token.i, token.i + 1, "pronoun", agentive=True)
        elif lower in PLURAL_PRONOUNS:
            for actor_key in _plural_antecedents(run, token.i, collectives):
                run.add_mention(run.actors[actor_key], token.i, token.i + 1, "pronoun", agentive=True)


def _person_antecedent(run: "_Run", i: int, people: list["MentionRef"]) -> "MentionRef | None":
    sentence = run.sent[i]
    inside = run.in_quote[i]
    if run.lowers[i] in ("his", "her") and not inside:
        # "Prior to his visit to Iran, Asif met ...": a possessive before the subject of its
        # own sentence, with no person before it in that sentence, is that subject.
        earlier = [m for m in people if m.end <= i and run.sent[m.start] == sentence]
        if not earlier:
            comma = next((j for j in range(i + 1, len(run.texts)) if run.texts[j] == "," or run.sent[j] != sentence), None)
            if comma is not None and run.texts[comma] == ",":
                # the pronoun is in an opening phrase ("Before his visit, X met..."): X
                for m in people:
                    if m.start > comma and run.sent[m.start] == sentence:
                        return m

    candidates = [m for m in people if m.end <= i and sentence - run.sent[m.start] <= 3 and (inside or not run.in_quote[m.start])]
    if not candidates:
        return None
    nearest_sentence = run.sent[candidates[-1].start]
    same = [m for m in candidates if run.sent[m.start] == nearest_sentence]
    if len({m.actor for m in same}) > 1:
        subjects = [m for m in same if is_subject(run.doc[m.start : m.end].root)]
        if subjects:
            return subjects[-1]
    return candidates[-1]


def _plural_antecedents(run: "_Run", i: int, collectives: list["MentionRef"]) -> list[str]:
    doc = run.doc
    # "They (TTP and the Taliban)": the bracket names them.
    if i + 1 < len(doc) and doc[i + 1].text == "(":
        close = next((j for j in range(i + 2, min(len(doc), i + 20)) if doc[j].text == ")"), None)
        if close is not None:
            inside = []
            for mention in collectives:
                if i + 1 < mention.start and mention.end <= close and mention.actor not in inside:
                    inside.append(mention.actor)
            if inside:
                return inside
    sentence = run.sent[i]
    bound = _bound_objects(doc[i])
    candidates = [m for m in collectives if m.end <= i and sentence - run.sent[m.start] <= 1 and m.start not in bound]
    if not candidates:
        return []
    return [candidates[-1].actor]


def _bound_objects(pronoun) -> set[int]:
    """Tokens of the objects of the verbs above a pronoun in its own clause, which the
    pronoun cannot mean ("accused Pakistan of aiding them": them is not Pakistan)."""
    out: set[int] = set()
    head = pronoun.head
    for _ in range(6):
        for child in head.children:
            if child.dep_ in ("dobj", "iobj", "dative"):
                out.update(range(child.left_edge.i, child.right_edge.i + 1))
        if head.dep_ in ("ROOT", "ccomp", "conj") or head.head is head:
            break
        head = head.head
    return out


def _speaking_it(run: "_Run", token, collectives: list["MentionRef"]) -> str | None:
    """"it" as an organization that speaks: "The ministry said it had arrested five" (the
    subject of the reporting verb), "..., it said" (the nearest collective before)."""
    speech = run.layer.speech_verbs
    head = token.head
    if head.dep_ == "ccomp" and head.head.lemma_ in speech:
        for child in head.head.children:
            if child.dep_ == "nsubj" and child.i < token.i:
                for mention in collectives:
                    if mention.start <= child.i < mention.end:
                        return mention.actor
        return None
    if head.lemma_ in speech:
        found = _plural_antecedents(run, token.i, collectives)
        return found[0] if found else None
    return None
