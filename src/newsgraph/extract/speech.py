"""Reporting cues and reported (indirect) speech, read from the dependency parse.

A cue is a verb of the reporting lexicon (`data/lexicon/reporting_verbs.tsv`): "said",
"pointed out", "called for", "believes", or the preposition "according to". The content
of reported speech is the complement the lexicon allows for that cue:

- clause: "X said (that) C", "C, X said", "C, experts believe, C" (the cue set in the
  clause it reports), "X told reporters C";
- to: "X pledged not to C", "X urged Y to C", "X called on Y to C";
- object: "X emphasized C", "X called for C", "X described C as ...";
- about: "X wrote about C", "X commented on C", "X spoke of C";
- "according to X, C" and "C, according to X".

The content never includes the complementizer "that" nor trailing punctuation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy
from spacy.strings import hash_string
from spacy.tokens import Doc, Token

from .. import lexicon
from ..errors import NewsgraphError
from .syntax import is_infinitive

LEXICON_FILE = "reporting_verbs.tsv"
SETTINGS_FILE = "speech_settings.txt"
EVIDENCE_FILE = "evidence_sources.txt"
NOUNS_FILE = "reporting_nouns.tsv"
CUE_TYPES = ("speech", "cognition", "stance")
CONTENT_FORMS = frozenset({"clause", "to", "object", "act", "naming", "about", "evidence"})
# Prepositions whose object is what a cue of the "about" form is about.
ABOUT_PREPS = frozenset({"about", "on", "of", "over", "regarding", "concerning"})
# Objects that stand for content said elsewhere, not content ("he said it").
EMPTY_OBJECTS = frozenset({"it", "this", "that", "so", "something", "anything", "nothing", "what", "which", "these", "those", "one"})
# Pronouns that name who a stance or speech act is aimed at ("praised him", "backed them").
PERSON_OBJECTS = frozenset({"him", "her", "them", "me", "us", "you"})
PERSON_SUBJECTS = frozenset({"he", "she", "they", "i", "we", "you"})
# How a complement hangs on the head of a noun object that carries content ("the need
# for talks", "an end to the embargo", "Iran's willingness to broaden ties").
PROPOSITION_DEPS = frozenset({"prep", "acl", "relcl", "ccomp", "advcl", "oprd", "xcomp"})
# Forms whose content may be one word ("endorsed Khan", "criticized him").
ONE_WORD_FORMS = frozenset({"object", "act", "about"})
CLAUSE_MARKERS = frozenset({"that"})
CLAUSE_LINKS = frozenset({"because", "until", "unless", "so"})  # an adverbial clause that goes on with what was said
OPENING_MARKS = frozenset({"“", "‘", "«", "``"})
CLOSING_MARKS = frozenset({"”", "’", "»", "''"})
SETTING_PREPS = frozenset({"during", "after", "before", "while", "since", "amid", "via", "through"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$"})
# How the noun or adjective of a light-verb cue hangs on its verb ("made clear", "made the case").
LIGHT_DEPS = frozenset({"dobj", "oprd", "acomp", "ccomp", "xcomp"})
# Prepositions that introduce what such a noun is about ("concerns about", "the case for").
NOUN_PREPS = frozenset({"about", "for", "against", "on", "over", "of", "regarding", "with", "at", "to"})


@dataclass(frozen=True)
class Cue:
    """One row of the reporting lexicon."""

    term: str  # "say", "point out", "according to"
    type: str  # speech | cognition | stance
    forms: frozenset[str]  # clause, to, object, naming, about (empty: direct quotations only)
    particle: str | None  # "out" in "point out", "for" in "call for"

    @property
    def frames_quotations(self) -> bool:
        """Whether the cue introduces direct quotations: every speech cue but those that
        only report what a record shows ("the poll has Khan ahead")."""
        return self.type == "speech" and not (self.forms and self.forms <= {"evidence"})


class CueLexicon:
    """The reporting lexicon, indexed by verb lemma."""

    def __init__(self, rows: dict[str, tuple[str, ...]], source: str = LEXICON_FILE):
        self.by_lemma: dict[str, list[Cue]] = {}
        for term, (cue_type, forms, _notes) in rows.items():
            if cue_type not in CUE_TYPES:
                raise NewsgraphError(f"{source}: cue {term!r} has type {cue_type!r}; expected speech, cognition or stance")
            wanted = frozenset(f.strip() for f in forms.split(",") if f.strip() and f.strip() != "-")
            unknown = wanted - CONTENT_FORMS
            if unknown:
                raise NewsgraphError(f"{source}: cue {term!r} has unknown content form(s) {', '.join(sorted(unknown))}; expected clause, to, object, act, naming, about, evidence or -")
            words = term.split()
            if len(words) > 2:
                raise NewsgraphError(f"{source}: cue {term!r} has more than two words; give a verb lemma and at most one particle")
            cue = Cue(term, cue_type, wanted, words[1] if len(words) == 2 else None)
            self.by_lemma.setdefault(words[0], []).append(cue)
        for options in self.by_lemma.values():
            options.sort(key=lambda c: c.particle is None)  # phrases before the bare verb
        # Hashes of the lemmas and of the verb forms that may carry a cue, so that a
        # document's candidate tokens are found without visiting every token.
        self.lemma_hashes = numpy.array([hash_string(lemma) for lemma in self.by_lemma] + [hash_string("according")], dtype=numpy.uint64)
        forms = set()
        for lemma in self.by_lemma:
            forms.update({lemma, lemma + "s", lemma + "es", lemma + "ing", lemma + "ed", lemma + "d"})
            if lemma.endswith("e"):
                forms.add(lemma[:-1] + "ing")
        self.form_hashes = numpy.array([hash_string(form) for form in forms], dtype=numpy.uint64)

    @classmethod
    def load(cls) -> CueLexicon:
        return cls(lexicon.table(LEXICON_FILE, 4))


    def cue_for(self, token: Token) -> Cue | None:
        """The lexicon row that `token` instantiates, or None."""
        options = self.by_lemma.get(token.lemma_.lower()) or self._by_form(token.lower_)
        if not options:
            return None
        if not (token.pos_ in ("VERB", "AUX") or token.lower_ == "according" or is_predicate_adjective(token)):
            return None
        for cue in options:
            if cue.particle is None:
                return cue
            if _particle(token, cue) is not None:
                return cue
        return None

    def _by_form(self, form: str) -> list[Cue] | None:
        """Rows for a verb form the lemmatizer got wrong ("hoping" -> "hop")."""
        for suffix, replacement in (("", ""), ("s", ""), ("es", ""), ("ing", "e"), ("ing", ""), ("ed", "e"), ("ed", ""), ("d", "")):
            if suffix and not form.endswith(suffix):
                continue
            stem = form[: len(form) - len(suffix)] + replacement if suffix else form
            options = self.by_lemma.get(stem)
            if options:
                return options
        return None

    def __contains__(self, term: str) -> bool:
        words = term.split()
        return any(c.term == term for c in self.by_lemma.get(words[0], ()))


@lru_cache(maxsize=1)
def evidence_nouns() -> frozenset[str]:
    """Nouns for records that show something: a poll, a study, a video
    (`data/lexicon/evidence_sources.txt`)."""
    return lexicon.words(EVIDENCE_FILE)


@lru_cache(maxsize=1)
def setting_nouns() -> frozenset[str]:
    """Nouns that name the occasion of a statement (`data/lexicon/speech_settings.txt`)."""
    return lexicon.words(SETTINGS_FILE)


@dataclass
class Reported:
    """Reported speech found around one cue (token indices, end exclusive)."""

    cue_start: int
    cue_end: int
    cue: Cue
    start: int  # content
    end: int
    form: str  # clause, to, object, according
    speaker_head: int | None = None  # set for "according to X"
    nobody: bool = False  # no speaker to look for ("the claim that ...")


def is_predicate_adjective(token: Token) -> bool:
    """An adjective said of a subject ("is critical of", "remains confident that"): such
    rows of the lexicon are cues too."""
    return token.pos_ == "ADJ" and token.dep_ == "acomp"


def is_negated(token: Token) -> bool:
    return any(child.dep_ == "neg" for child in token.children)


def is_passive(token: Token) -> bool:
    return any(child.dep_ in ("auxpass", "nsubjpass") for child in token.children)


def _particle(token: Token, cue: Cue) -> Token | None:
    """The word of a two-word cue that goes with the verb: a particle or preposition
    ("point out", "call for"), or the noun or adjective of a light verb ("made clear",
    "made the case", "raised concerns")."""
    for child in token.children:
        if child.lower_ == cue.particle and child.dep_ in ("prt", "prep", "agent") and (child.i > token.i or cue.term == "according to"):
            if child.dep_ == "prep" and cue.term != "according to" and _is_setting(child):
                continue  # "called ... on Monday" is no "call on"
            return child
        if child.dep_ in ("advcl", "ccomp") and child.i > token.i:
            # "calling for the United States to act": the parser's for-to clause
            mark = next((c for c in child.children if c.dep_ == "mark" and c.lower_ == cue.particle), None)
            if mark is not None and mark.i == token.i + 1:
                return mark
        if child.dep_ in LIGHT_DEPS and child.lemma_.lower() == cue.particle and child.i > token.i:
            return child
    return None


def cue_extent(token: Token, cue: Cue) -> tuple[int, int]:
    """Token range of the cue itself: the verb and, for a phrase, its particle."""
    start = end = token.i
    if cue.particle:
        child = _particle(token, cue)
        if child is not None:
            start, end = min(start, child.i), max(end, child.i)
    return start, end + 1


def _noun_complement(token: Token, cue: Cue, form: str) -> tuple[int, int] | None:
    """What the noun of a light-verb cue introduces: "made the case that C", "raised
    concerns about C"."""
    noun = _particle(token, cue) if cue.particle else None
    if noun is None or noun.pos_ not in ("NOUN", "PROPN", "ADJ"):
        return None
    verb_preps = [c for c in token.children if c.dep_ == "prep" and c.i > noun.i]  # "took issue with X": on the verb
    for child in list(noun.children) + verb_preps:
        if child.i < noun.i:
            continue
        if form == "clause" and child.dep_ in ("acl", "ccomp", "advcl") and any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children):
            return child.left_edge.i, child.right_edge.i + 1
        if form == "object" and child.dep_ == "prep" and child.lower_ in NOUN_PREPS and not _is_setting(child):
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is not None and obj.lower_ not in EMPTY_OBJECTS:
                return obj.left_edge.i, obj.right_edge.i + 1
    return None


def find_reported(doc: Doc, token: Token, cue: Cue, blocked: list[bool], floor: int = 0,
                  is_cue: Callable[[Token], bool] | None = None) -> Reported | None:
    """The reported speech that `token` (a cue of the lexicon) introduces, if any.
    `blocked` marks tokens that cannot be content (inside direct quotations); content
    never starts before token `floor` (the end of a dateline); `is_cue` tells a verb of
    the lexicon (a clause joined to the cue that has its own cue is not its content)."""
    if cue.term == "according to":
        return _according_to(doc, token, blocked, floor)
    if not cue.forms or is_negated(token):
        return None
    passive = is_passive(token)
    cue_start, cue_end = cue_extent(token, cue)
    for form in ("clause", "to", "object", "naming", "act", "about", "evidence"):
        if form not in cue.forms:
            continue
        if passive and form in ("object", "act") and not cue.particle:
            span = _passive_object(token, cue)  # "the plan was endorsed by the council"
            if span is not None:
                start, end = _trim(doc, *span)
                if end > start and not all(blocked[i] for i in range(start, end)):
                    return Reported(cue_start, cue_end, cue, start, end, _object_form(cue, form, doc[start:end]))
            continue
        if passive and form != "clause":
            continue
        light = cue.particle is not None and (particle := _particle(token, cue)) is not None and particle.dep_ in LIGHT_DEPS
        if form in ("clause", "object", "act") and light and (span := _noun_complement(token, cue, "object" if form == "act" else form)) is not None:
            pass
        elif light and form != "clause":
            span = None  # "made the remarks": the noun of the cue is not what was said
        elif form == "clause":
            span = _clause(doc, token, cue, blocked, is_cue)
        elif form == "to":
            span = _infinitive(doc, token, cue)
        elif form == "naming":
            span = _naming(doc, token)
        elif form == "about":
            span = _about(doc, token)
        elif form == "evidence":
            span = _evidence(doc, token)
        else:
            span = _object(doc, token, cue)
        if span is None:
            continue
        start, end = _trim(doc, *span)
        if end - start < 1 or (end - start < 2 and not (form in ONE_WORD_FORMS and _names_someone(doc[start]))) or all(blocked[i] for i in range(start, end)):
            continue
        if form == "object" and not light:
            form = _object_form(cue, form, doc[start:end])
        if form == "about" and cue_end == start - 1 and doc[cue_end].lower_ in ABOUT_PREPS:
            cue_end += 1  # "wrote about", "commented on": the preposition is part of the cue
        return Reported(cue_start, cue_end, cue, start, end, form)
    return None


def _clause(doc: Doc, token: Token, cue: Cue, blocked: list[bool], is_cue: Callable[[Token], bool] | None = None) -> tuple[int, int] | None:
    subjects = [c.i for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    clauses = [
        c for c in token.children
        if c.dep_ == "ccomp" and not is_infinitive(c) and _free_words(c, blocked) >= 2
        # "said Robin Maynard, half joking": never the speaker's own phrase
        and not any(c.left_edge.i <= i <= c.right_edge.i or (token.i < i < c.i) for i in subjects)
    ]
    for c in token.children:
        # "taxes, which she said had hurt farmers": what follows the cue, the
        # relative pronoun being the clause's subject
        if (c.dep_ == "ccomp" and c.i > token.i and c.left_edge.i < token.i and c.left_edge.tag_ in RELATIVE_TAGS
                and not clauses and c.right_edge.i > token.i + 1):
            return token.i + 1, c.right_edge.i + 1
    if clauses:
        # the clause after the cue ("said (that) C") before one before it ("C, he said")
        child = min(clauses, key=lambda c: (c.i < token.i, abs(c.i - token.i)))
        start, end = child.left_edge.i, child.right_edge.i + 1
        if child.i > token.i:
            start = _misparsed_subject(doc, token, child, start)
            end = _more_that_clauses(token, child, end)
        else:
            start = _clauses_before(token, clauses, child, start)
            # "A, but B, the source added." with the parse hanging A elsewhere: a cue that
            # ends its sentence reports all of it
            whole = _before_final_cue(doc, token)
            if whole is not None and whole[0] < start and whole[1] >= end:
                start = whole[0]
        return start, _clauses_after(doc, token, end, blocked, is_cue)
    # "C, experts believe, C" / "C, he added": the cue hangs on the clause it reports.
    if token.dep_ == "parataxis" and any(c.dep_ in ("nsubj",) for c in token.children):
        head = token.head
        if head.pos_ in ("VERB", "AUX"):
            start, end = _trim(doc, head.left_edge.i, head.right_edge.i + 1)
            cue_left, cue_right = token.left_edge.i, token.right_edge.i + 1
            if cue_right >= end:  # the cue ends the sentence: the clause is before it
                end = cue_left
            elif cue_left <= start:  # the cue opens the sentence
                start = cue_right
            return start, end
    return _as_clause(doc, token) or _gerund_clause(doc, token) or _before_final_cue(doc, token)


def _clauses_before(token: Token, clauses: list[Token], child: Token, start: int) -> int:
    """"C1, but C2, a source said": the parser hangs both clauses on the cue; what was
    said starts with the first."""
    for other in sorted(clauses, key=lambda c: -c.i):
        if other.i < child.i and other.right_edge.i < start:
            gap = token.doc[other.right_edge.i + 1 : start]
            if not all(t.is_punct or t.is_space or t.dep_ == "cc" for t in gap) or any(t.text in (";", ":") for t in gap):
                break
            start = other.left_edge.i
    return start


def _clauses_after(doc: Doc, token: Token, end: int, blocked: list[bool], is_cue: Callable[[Token], bool] | None) -> int:
    """What the parser hangs on the cue after the clause it reports and what goes on
    with that clause: "said [A] [, and B]", "said [A], because B", "said A [B]" (a second
    clause misread as the cue's own), "[A], the agency said in a report, [and B]". Not a
    clause with a cue of its own ("said A, but critics said B"), nor a bare verb ("said A
    and left")."""
    cursor = end
    if end <= token.i:  # the clause is before the cue: past the cue, its speaker and setting
        cursor = token.i + 1
        for child in sorted(token.children, key=lambda c: c.i):
            if child.i > token.i and child.dep_ in ("nsubj", "advmod", "npadvmod", "punct", "prt", "prep"):
                if child.dep_ == "punct" and child.i > cursor:
                    break
                cursor = max(cursor, child.right_edge.i + 1)
    for child in sorted(token.children, key=lambda c: c.i):
        if child.left_edge.i < cursor:
            continue
        gap = doc[cursor : child.left_edge.i]
        if any(not (t.is_punct or t.is_space or t.dep_ == "cc") or t.text in (";", ":") or "\n" in t.text for t in gap):
            break
        if child.dep_ in ("punct", "cc"):
            continue
        own_subject = any(c.dep_ in SUBJECT_DEPS for c in child.children)
        marker = next((c.lower_ for c in child.children if c.dep_ == "mark"), None)
        if child.dep_ == "ccomp" and not is_infinitive(child):
            pass
        elif child.dep_ == "conj" and own_subject and child.pos_ in ("VERB", "AUX"):
            pass
        elif child.dep_ == "advcl" and own_subject and marker in CLAUSE_LINKS:
            pass
        else:
            break
        if is_cue is not None and is_cue(child):
            break
        words = [t for t in child.subtree if not (t.is_punct or t.is_space)]
        if any("\n" in t.text for t in child.subtree) or all(blocked[t.i] for t in words):
            break
        end = cursor = child.right_edge.i + 1
    return end


def _as_clause(doc: Doc, token: Token) -> tuple[int, int] | None:
    """"As the radio first reported, the mayor backed the plan ...", "..., as the minister put
    it": the clause the "as" phrase hangs on is what was reported."""
    if token.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children):
        return None
    head = token.head
    start, end = head.left_edge.i, head.right_edge.i + 1
    left, right = token.left_edge.i, token.right_edge.i + 1
    if right <= head.i:
        start = right
    elif left > head.i:
        end = left
    else:
        return None
    return start, end


def _gerund_clause(doc: Doc, token: Token) -> tuple[int, int] | None:
    """"He said legalizing it could create jobs": the parser hangs the clause on the cue
    through its gerund subject; a clause with a finite verb right after the cue is what
    was said."""
    for child in token.children:
        if child.dep_ in ("xcomp", "advcl", "dep") and child.tag_ == "VBG" and child.left_edge.i == token.i + 1:
            if any(t.tag_ in FINITE_TAGS for t in child.subtree if t.i != child.i):
                return child.left_edge.i, child.right_edge.i + 1
    return None


def _before_final_cue(doc: Doc, token: Token) -> tuple[int, int] | None:
    """"C, he said." / "C, said the company's chief executive.": a cue that ends its
    sentence after a comma, with its speaker, reports the sentence before the comma, however
    the parser attached that sentence."""
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    sentence = token.sent
    last = sentence.end - 1
    while last > token.i and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    if token.right_edge.i < last:
        return None  # the sentence goes on after the speaker
    for child in token.children:
        if child.i > token.i and not (child.dep_ in ("nsubj", "punct", "advmod", "npadvmod") or _is_setting(child)):
            return None  # the cue has its own complement: "In May, the ministry proposed a rule"
    comma = min(token.i, subject.left_edge.i) - 1
    while comma > sentence.start and doc[comma].is_space:
        comma -= 1
    if comma <= sentence.start or doc[comma].text not in (",", "—", "–"):
        return None
    return sentence.start, comma


def _misparsed_subject(doc: Doc, token: Token, clause: Token, start: int) -> int:
    """"said about half of the money reflected ...": the parser makes the clause's
    subject an object of the cue; a clause without a subject of its own takes it back."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in clause.children):
        return start
    for child in token.children:
        misread = child.dep_ in ("dobj", "npadvmod", "attr", "nsubj") or (child.dep_ == "prep" and not _is_setting(child))
        if token.i < child.i < clause.i and misread and child.right_edge.i + 1 >= start - 1:
            if not any(doc[i].is_punct for i in range(child.left_edge.i, start)):
                return child.left_edge.i
    return start


def _more_that_clauses(token: Token, clause: Token, end: int) -> int:
    """"said A, but that B": a second that-clause joined to the cue belongs to it."""
    for child in token.children:
        if child.dep_ == "conj" and child.i > clause.i and any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children):
            end = max(end, child.right_edge.i + 1)
    return end


def _free_words(clause: Token, blocked: list[bool]) -> int:
    """Words of a clause that are not inside a direct quotation."""
    return sum(1 for t in clause.subtree if not blocked[t.i] and not (t.is_punct or t.is_space))


def _infinitive(doc: Doc, token: Token, cue: Cue) -> tuple[int, int] | None:
    """"pledged not to allow ...", "urged Pakistan to act", "called on China to join"."""
    candidates = [c for c in token.children if c.dep_ in ("xcomp", "ccomp") and is_infinitive(c)]
    if not candidates:  # "calling on candidates to support ...": the parser's adverbial clause
        candidates = [c for c in token.children if c.dep_ == "advcl" and is_infinitive(c) and c.i > token.i
                      and not any(t.is_punct for t in token.doc[token.i : c.left_edge.i])]
    if not candidates:
        for child in token.children:  # "called on China and Pakistan to join": under the preposition
            if child.dep_ == "prep" or child.dep_ == "dobj":
                for sub in child.subtree:
                    if sub.dep_ in ("xcomp", "ccomp", "acl", "relcl") and is_infinitive(sub) and sub.head.i >= token.i:
                        candidates.append(sub)
                        break
    for clause in candidates:
        if clause.i < token.i:
            continue
        to = next(c for c in clause.children if c.dep_ == "aux" and c.lower_ == "to")
        start = to.i
        negation = [c for c in list(clause.children) + list(token.children) if c.dep_ == "neg" and c.i == start - 1]
        if negation:
            start = negation[0].i
        end = clause.right_edge.i + 1
        # "wants to acknowledge different views, and strike the language": a second verb
        # the parser coordinated with the cue goes with the first
        for child in token.children:
            if child.dep_ == "conj" and child.tag_ == "VB" and child.i >= end and not any(c.dep_ in SUBJECT_DEPS for c in child.children):
                if all(t.is_punct or t.is_space or t.dep_ == "cc" for t in token.doc[end : child.left_edge.i]):
                    end = child.right_edge.i + 1
        return start, end
    return None


def _object(doc: Doc, token: Token, cue: Cue) -> tuple[int, int] | None:
    if cue.particle:
        holder = _particle(token, cue)
        if holder is not None and holder.dep_ == "mark":
            return holder.i + 1, holder.head.right_edge.i + 1  # "calling for [the U.S. to act]"
        if holder is not None and holder.dep_ in ("prep", "agent"):
            obj = next((c for c in holder.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is None or obj.lower_ in EMPTY_OBJECTS:
                return None
            end = obj.right_edge.i + 1
            # "called for a special prosecutor to oversee the inquiry"
            follow = next((c for c in token.children if c.dep_ in ("xcomp", "advcl") and c.left_edge.i == end and is_infinitive(c)), None)
            if follow is not None:
                end = follow.right_edge.i + 1
            return obj.left_edge.i, end
        # "pointed out X": a particle, the object is the verb's own
    obj = next((c for c in token.children if c.dep_ == "dobj" and (c.i > token.i or c.tag_ in RELATIVE_TAGS)), None)
    if obj is None or (obj.tag_ in RELATIVE_TAGS and obj.i < token.i):
        return _relative_object(token)
    if obj.lower_ in EMPTY_OBJECTS or (obj.pos_ == "PRON" and obj.lower_ not in PERSON_OBJECTS):
        return None
    end = obj.right_edge.i + 1
    # What follows the object and goes with it: "described X as Y", "reaffirmed his
    # interest in Z", "highlighted the cooperation between A and B in combatting C"; not
    # when and where it was said ("on Tuesday", "in a meeting with ...").
    for child in sorted(token.children, key=lambda c: c.i):
        if child.i < end:
            continue
        if child.left_edge.i != end or child.dep_ not in ("oprd", "prep") or _is_setting(child):
            break
        end = child.right_edge.i + 1
    return obj.left_edge.i, end


def _passive_object(token: Token, cue: Cue) -> tuple[int, int] | None:
    """"The plan was endorsed by the council", "Khan was praised by the governor": with
    its agent named, the subject of a passive stance, or the person a passive speech act
    is about, is its content (not "the news was confirmed by ...": news is not a stance)."""
    agent = next((c for c in token.children if c.dep_ == "agent"), None)
    subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
    if agent is None or subject is None or not any(c.dep_ == "pobj" for c in agent.children):
        return None
    if subject.lower_ in EMPTY_OBJECTS or subject.tag_ in RELATIVE_TAGS or (subject.pos_ == "PRON" and subject.lower_ not in PERSON_SUBJECTS):
        return None
    if cue.type != "stance" and not (subject.pos_ == "PROPN" or subject.lower_ in PERSON_SUBJECTS):
        return None
    return subject.left_edge.i, subject.right_edge.i + 1


def _relative_object(token: Token) -> tuple[int, int] | None:
    """"the provision Murphy opposed", "the style he prefers": in an object relative clause
    the noun it describes is what the cue is about (without the clause)."""
    head = token.head
    if token.dep_ != "relcl" or head.i > token.i or head.pos_ not in ("NOUN", "PROPN") or head.lower_ in EMPTY_OBJECTS:
        return None
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.tag_ in RELATIVE_TAGS:
        return None  # "the group that backed him": the noun speaks, it is not the content
    end = token.left_edge.i
    while end > head.i + 1 and token.doc[end - 1].tag_ in RELATIVE_TAGS:
        end -= 1
    return head.left_edge.i, end


def _naming(doc: Doc, token: Token) -> tuple[int, int] | None:
    """"called them rapists", "branded the report a lie", "dismissed it as a hoax": the
    object and what it is called."""
    obj = next((c for c in token.children if c.dep_ == "dobj" and c.i > token.i), None)
    if obj is None:
        return None
    for child in token.children:
        if child.i > obj.i and (child.dep_ in ("oprd", "xcomp") or (child.dep_ == "prep" and child.lower_ == "as")) and child.pos_ != "VERB":
            return obj.left_edge.i, child.right_edge.i + 1
    for child in obj.children:  # the parser often hangs the name on the object
        if child.i > obj.i and child.dep_ in ("appos", "oprd", "npadvmod") :
            return obj.left_edge.i, child.right_edge.i + 1
    last = obj.right_edge
    if last.pos_ == "ADJ" and last.dep_ == "amod" and last.head.i < last.i:
        return obj.left_edge.i, last.i + 1  # "called the squabble with the agency unusual"
    return None


def _evidence(doc: Doc, token: Token) -> tuple[int, int] | None:
    """"the poll shows the mayor well ahead of her rival", "the survey put her at 45
    percent": what a record shows, when the subject is a record (a poll, a study, a video)."""
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    words = {subject.lemma_.lower(), subject.lower_} | {c.lemma_.lower() for c in subject.children if c.dep_ == "compound"}
    if not words & evidence_nouns():
        return None
    obj = next((c for c in token.children if c.dep_ == "dobj" and c.i > token.i), None)
    if obj is None or obj.lower_ in EMPTY_OBJECTS:
        return None
    end = obj.right_edge.i + 1
    for child in sorted(token.children, key=lambda c: c.i):
        if child.i < end:
            continue
        if child.left_edge.i != end or child.dep_ not in ("prep", "oprd", "xcomp", "ccomp", "advcl", "acomp", "npadvmod", "dative") or _is_setting(child):
            break
        end = child.right_edge.i + 1
    return obj.left_edge.i, end


def _object_form(cue: Cue, form: str, span) -> str:
    """"object" for a noun object that carries what was said, "act" for one that only
    names what a speech act or a stance was aimed at ("backed the plan", "reported similar
    symptoms")."""
    if form == "object" and (cue.type == "stance" or not says_something(span)):
        return "act"
    return form


def says_something(span) -> bool:
    """Whether a noun phrase object carries what was said, not only what the act was
    aimed at: its head has a complement ("stressed the need for talks", "called for an end
    to the embargo", "highlighted cooperation between A and B"), or it holds a verb
    ("reported deaths related to voting") or a quotation. A bare noun phrase ("the plan",
    "a meeting", "similar symptoms", "Khan") is the object of an act."""
    root = span.root
    for token in span:
        if token.pos_ in ("VERB", "AUX") or token.text in OPENING_MARKS or token.text == '"':
            return True
    return any(child.dep_ in PROPOSITION_DEPS and span.start <= child.i < span.end for child in root.children)


def _names_someone(token: Token) -> bool:
    """A one-word content that stands on its own: a name or a pronoun for a person."""
    return token.pos_ == "PROPN" or token.lower_ in PERSON_OBJECTS or token.lower_ in PERSON_SUBJECTS


def _about(doc: Doc, token: Token) -> tuple[int, int] | None:
    """"wrote about the talks", "commented on the report", "spoke of a new era": the object
    of the preposition."""
    for child in token.children:
        if child.dep_ == "prep" and child.i > token.i and child.lower_ in ABOUT_PREPS and not _is_setting(child):
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is None or obj.lower_ in EMPTY_OBJECTS:
                return None
            return obj.left_edge.i, obj.right_edge.i + 1
    return None


def _is_setting(prep: Token) -> bool:
    """A prepositional phrase that tells when or where something was said."""
    if prep.dep_ != "prep":
        return False
    lower = prep.lower_
    if lower in SETTING_PREPS:
        return True
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None:
        return False
    return bool(obj.ent_type_ in ("DATE", "TIME") or obj.lemma_.lower() in setting_nouns())


def _according_to(doc: Doc, token: Token, blocked: list[bool], floor: int = 0) -> Reported | None:
    """"according to X, C" / "C, according to X": X speaks, C is the clause around it."""
    to = next((c for c in token.children if c.lower_ == "to"), None)
    if to is None:
        return None
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    head = token.head
    # the sentence part the phrase modifies, without the phrase itself
    while head.dep_ not in ("ROOT",) and head.head.i != head.i and head.pos_ not in ("VERB", "AUX"):
        head = head.head
    start, end = _trim(doc, max(head.left_edge.i, floor), head.right_edge.i + 1)
    phrase_start, phrase_end = token.left_edge.i, token.right_edge.i + 1
    comma = next((t.i for t in doc[source.i : phrase_end] if t.text == ","), None)
    if comma is not None and comma + 1 < phrase_end and (
            any(t.tag_ in FINITE_TAGS for t in source.subtree) or doc[comma + 1].pos_ == "NUM"):
        # "According to the agency, 312 councillors ... backed the mayor": the parser took (part
        # of) the sentence into the source; the phrase ends at the first comma after it
        phrase_end = comma + 1
    sentence = token.sent
    sentence_start = max(sentence.start, floor)
    last = sentence.end
    while last > phrase_end and (doc[last - 1].is_punct or doc[last - 1].is_space):
        last -= 1
    if phrase_end >= last and sentence_start < phrase_start:
        # "C1, but C2, according to X.": the whole sentence before it
        start, end = sentence_start, phrase_start
    elif _only_lead_in(doc, sentence_start, phrase_start) and phrase_end < last:
        # "According to X, C1, and C2."
        start, end = phrase_end, sentence.end
    elif head.i == token.i:
        return None  # the parser made the phrase the sentence
    elif phrase_end >= end:
        end = phrase_start
    elif phrase_start <= start:
        start = phrase_end
    start, end = _trim(doc, start, end)
    if end - start < 2 or all(blocked[i] for i in range(start, end)):
        return None
    cue = Cue("according to", "speech", frozenset({"clause"}), "to")
    return Reported(token.i, to.i + 1, cue, start, end, "according", speaker_head=source.i)


def _only_lead_in(doc: Doc, start: int, end: int) -> bool:
    """Nothing but white space, punctuation or a conjunction ("But", "And") in [start, end)."""
    return all(t.is_space or t.is_punct or t.pos_ == "CCONJ" or t.lower_ in ("however", "yet", "still", "so") for t in doc[start:end])


def find_in_record(doc: Doc, first: Token, cues: CueLexicon, blocked: list[bool]) -> Reported | None:
    """"In a new poll, 60 percent of voters back the plan": a sentence that opens with a
    record (a noun of `evidence_sources.txt`) reports what that record says, unless its own
    verb is a cue ("In a statement, the ministry said ...")."""
    if first.lower_ != "in" or first.dep_ != "prep":
        return None
    record = next((c for c in first.children if c.dep_ == "pobj"), None)
    if record is None or record.lemma_.lower() not in evidence_nouns():
        return None
    comma = first.right_edge.i + 1
    if comma >= len(doc) or doc[comma].text != ",":
        return None
    head = first.head
    if head.i == first.i or cues.cue_for(head) is not None:
        return None
    start, end = _trim(doc, comma + 1, first.sent.end)
    if end - start < 3 or any(blocked[i] for i in range(start, end)):
        return None
    speaker = next((c for c in record.children if c.dep_ == "poss"), record)
    return Reported(first.i, first.i + 1, Cue("in", "speech", frozenset({"clause"}), None), start, end, "record", speaker_head=speaker.i)


@lru_cache(maxsize=1)
def reporting_nouns() -> dict[str, Cue]:
    """Nouns that report speech or thought with a that-clause ("the mayor's claim that ...",
    `data/lexicon/reporting_nouns.tsv`), as cues."""
    out = {}
    for noun, (cue_type, _notes) in lexicon.table(NOUNS_FILE, 3).items():
        if cue_type not in ("speech", "cognition"):
            raise NewsgraphError(f"{NOUNS_FILE}: noun {noun!r} has type {cue_type!r}; expected speech or cognition")
        out[noun] = Cue(noun, cue_type, frozenset({"clause"}), None)
    return out


def find_nominal(doc: Doc, token: Token, blocked: list[bool]) -> Reported | None:
    """"the mayor's claim that the river had flooded twice", "the ministry's
    warning that ...": a reporting noun and its that-clause; its possessor speaks (nobody
    does for "the claim that ...")."""
    cue = reporting_nouns().get(token.lemma_.lower()) if token.pos_ == "NOUN" else None
    if cue is None:
        return None
    clause = next((c for c in token.children if c.dep_ in ("acl", "ccomp") and c.i > token.i
                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    if clause is None:
        return None
    start, end = _trim(doc, clause.left_edge.i, clause.right_edge.i + 1)
    if end - start < 2 or all(blocked[i] for i in range(start, end)):
        return None
    owner = next((c for c in token.children if c.dep_ == "poss"), None)  # "the mayor's", "his"
    return Reported(token.i, token.i + 1, cue, start, end, "clause", speaker_head=owner.i if owner is not None else None,
                    nobody=owner is None)


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Without "that", punctuation or white space at the edges."""
    while start < end and (doc[start].is_punct or doc[start].is_space or (doc[start].lower_ in CLAUSE_MARKERS and doc[start].dep_ == "mark")):
        if doc[start].text in OPENING_MARKS or doc[start].text == '"':
            break  # an opening quotation mark stays with its quotation
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].dep_ == "cc"):
        if doc[end - 1].text in CLOSING_MARKS and _opens_inside(doc, start, end - 1):
            break
        end -= 1
    # A quotation opened inside the content closes with it: the parse often hangs the
    # final ".”" on the main verb ("saying “Hey, vote for me.”").
    opened = sum(1 for t in doc[start:end] if t.text in OPENING_MARKS) - sum(1 for t in doc[start:end] if t.text in CLOSING_MARKS)
    if opened > 0:
        for j in range(end, min(end + 3, len(doc))):
            if doc[j].text in CLOSING_MARKS:
                end = j + 1
                break
            if not doc[j].is_punct:
                break
    return start, end


def _opens_inside(doc: Doc, start: int, end: int) -> bool:
    return any(doc[i].text in OPENING_MARKS for i in range(start, end))
