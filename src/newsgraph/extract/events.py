"""PLOVER events: who did (or said) what to whom, who asserts it, and how sure we are.

`EventExtractor` runs after the actor layer and the quote stage, on a parsed `Doc`:

1. event nouns (`nominal_events.py`): "the cooperation between X and Y", "his visit to Z";
2. event verbs (`verbal_events.py`): "X urged Y", "Y was attacked by X", "X and Y met";
3. the speaker's own events inside quotes (`speaker_events.py`): judging nouns ("X's
   interference") and "should" clauses;
4. for each event: negation and modality (`event_modality.py`); who asserts it
   (`attributed_to`): the speaker of the quote whose content holds its trigger, None when
   the reporter tells it or when the event is the speaker's own act;
5. intent to cooperate: a cooperative event (quad class 1 or 2) told as future ("China
   would cooperate with X", "Iran will expand ties with Y") is coded AGREE, as CAMEO's 03
   ("express intent to cooperate") does; told as future and negated ("Spain will not lift
   the embargo on X") it is a refusal, REJECT (CAMEO 12); a hostile material act (quad 4) that
   its own actor announces for the future ("the rebels said they would storm the capital")
   is a THREATEN (CAMEO 13);
6. a denial with no recipient is aimed at the accuser it answers (`event_replies.py`:
   "X accused Y of Z, which it denied" -> Y REJECT X);
7. an event whose words lie across a line break (a headline the sentence splitter ran into
   the dateline) keeps only the actors named on its trigger's line, or is dropped; duplicates in a sentence are merged, and at most `MAX_PER_SENTENCE` events are kept
   per sentence (highest confidence first): precision before recall;
8. contested pairs (`contested.py`).

Every event carries its evidence (the stretch of text from its first to its last argument),
its PLOVER quad class (1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
4 material conflict), intensity, CAMEO root and Goldstein score.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Contested, Event, Quote, Span
from .actors import DocActors
from .contested import find_contested
from .event_args import Arguments
from .event_candidates import Candidate
from .event_lexicon import EventLexicon, load_event_lexicon
from .event_modality import ModalityReader, chain_up, reference_year
from .event_replies import answer_accusations
from .nominal_events import NominalEvents
from .speaker_events import SpeakerEvents
from .syntax import sentence_index
from .verbal_events import VerbalEvents

MAX_PER_SENTENCE = 4
MAX_EVIDENCE_TOKENS = 40
INTENT_CAMEO = "030"
REFUSAL_CAMEO = "120"
THREAT_CAMEO = "130"


class EventExtractor:
    """Finds the events of parsed documents. Build once, call per document."""

    def __init__(self, lexicon: EventLexicon | None = None):
        self.lexicon = lexicon or load_event_lexicon()
        self.modality = ModalityReader(self.lexicon)

    def __call__(self, doc: Doc) -> tuple[list[Event], list[Contested]]:
        found: DocActors | None = doc._.newsgraph_actors
        if found is None or not found.actors or len(doc) == 0:
            return [], []
        quotes: list[Quote] = list(doc._.newsgraph_quotes or [])
        args = Arguments(doc, found, self.lexicon.nouns, self.lexicon.statement_nouns, self.lexicon.light_verbs, self.lexicon.verbs,
                         self.lexicon.role_nouns, self.lexicon.pair_nouns)
        sentence = sentence_index(doc)
        ref_year = reference_year(doc)

        nominal = NominalEvents(self.lexicon, args).find()
        nominal_sources = {c.head: c.source for c in nominal}
        for c in nominal:
            # coordinated event nouns share their parties ("coordination and cooperation between")
            for child in doc[c.head].children:
                if child.dep_ == "conj" and child.i not in nominal_sources:
                    nominal_sources[child.i] = c.source
        finder = VerbalEvents(self.lexicon, args)
        verbal = finder.find(nominal_sources, nominal)
        # "lifted its blockade", "held talks": the noun is a word of the verb's pattern
        nominal = [c for c in _drop_committed(doc, verbal, nominal) if c.head not in finder.pattern_tokens]
        used = {i for c in nominal + verbal for i in c.trigger_tokens + c.arg_tokens}
        speaker = SpeakerEvents(self.lexicon, args, self.modality).find(quotes, used)

        nominal, verbal = _drop_requested(doc, speaker, nominal), _drop_requested(doc, speaker, verbal)
        alleged = _allegations(doc, verbal)
        quote_of = _quote_index(doc, quotes)
        candidates = []
        for c in nominal + verbal + speaker:
            if across_lines(doc, c) and not keep_own_line(doc, c, found):
                continue
            c.sentence = sentence[c.head]
            self._modality(doc, c, ref_year)
            if not c.speaker_source:
                index = quote_of[c.head]
                c.attributed_to = quotes[index].speaker if index >= 0 else None
                if c.head in alleged and c.attributed_to is None:
                    c.attributed_to = alleged[c.head]
            if c.attributed_to is not None and c.attributed_to not in found.actors:
                c.attributed_to = None
            self._intent(c)
            candidates.append(c)
        answer_accusations(doc, candidates)
        kept = self._select(candidates)
        events = [self._event(doc, c, found) for c in kept]
        actor_types = {key: (actor.type, actor.sector) for key, actor in found.actors.items()}
        return events, find_contested(events, actor_types)

    # ------------------------------------------------------------ per candidate
    def _modality(self, doc: Doc, c: Candidate, ref_year: int | None) -> None:
        head = doc[c.head]
        if c.kind == "noun":
            light = doc[c.light_verb] if c.light_verb is not None else None
            c.modality = self.modality.of_noun(head, light, ref_year)
            if not c.negated:
                c.negated = self.modality.is_negated(head) or (light is not None and self.modality.is_negated(light))
        elif c.kind == "verb":
            commitment = "xcomp" in c.trigger.targets
            c.modality = self.modality.of_verb(head, ref_year, commitment=commitment)
            c.negated = self.modality.is_negated(head)
        elif c.kind == "deontic":
            c.modality = "asserted"  # the request itself is made now
            c.negated = False
        else:  # stance: the judgement is made now; "X is a threat" in the past is history
            c.modality = "historical" if self.modality.is_historical(head, ref_year) else "asserted"

    def _intent(self, c: Candidate) -> None:
        """A cooperative act told as future is an intent to cooperate (CAMEO 03, AGREE);
        told as future and negated ("Spain will not lift the embargo on X", "Iran would not
        cooperate with X", "X will not accept the offer of Y"), it is a refusal (CAMEO 12,
        REJECT), which the text asserts."""
        if c.modality == "future" and c.type == "AGREE" and c.negated:
            # "Britain will not accept the proposal of X": a refusal, which the text asserts
            c.type, c.mode, c.cameo, c.negated = "REJECT", None, REFUSAL_CAMEO, False
            return
        if c.modality != "future" or c.type in ("AGREE", "REJECT", "THREATEN"):
            return
        quad = self.lexicon.types[c.type].quad_class
        if quad == 4 and not c.negated and c.attributed_to is not None and c.attributed_to in c.source:
            # "the rebels said they would storm the capital": a hostile act its actor announces
            c.type, c.mode, c.cameo = "THREATEN", None, THREAT_CAMEO
            return
        if quad in (1, 2):
            if c.negated:
                c.type, c.mode, c.cameo, c.negated = "REJECT", None, REFUSAL_CAMEO, False
            else:
                c.type, c.mode, c.cameo = "AGREE", None, INTENT_CAMEO

    def _select(self, candidates: list[Candidate]) -> list[Candidate]:
        """One event per (sentence, type, source, target, assertor); a trigger token makes
        at most one event; at most MAX_PER_SENTENCE per sentence."""
        best: dict[tuple, Candidate] = {}
        for c in candidates:
            key = c.key()
            if key not in best or c.confidence > best[key].confidence:
                best[key] = c
        by_head: dict[int, Candidate] = {}
        for c in best.values():
            if c.head not in by_head or c.confidence > by_head[c.head].confidence:
                by_head[c.head] = c
        per_sentence: dict[int, list[Candidate]] = {}
        for c in by_head.values():
            per_sentence.setdefault(c.sentence, []).append(c)
        kept = []
        for group in per_sentence.values():
            group.sort(key=lambda c: (-c.confidence, c.head))
            kept.extend(group[:MAX_PER_SENTENCE])
        kept.sort(key=lambda c: (min(c.trigger_tokens + c.arg_tokens), c.head))
        return kept

    # ------------------------------------------------------------ model
    def _event(self, doc: Doc, c: Candidate, found: DocActors) -> Event:
        info = self.lexicon.types[c.type]
        root = c.cameo[:2]
        return Event(
            source=list(c.source),
            target=list(c.target),
            type=c.type,
            mode=c.mode,
            quad_class=info.quad_class,
            intensity=info.intensity_of(c.mode),
            cameo=root,
            goldstein=self.lexicon.goldstein.get(root),
            negated=c.negated,
            modality=c.modality,
            attributed_to=c.attributed_to,
            evidence=_evidence(doc, c, found),
            confidence=round(c.confidence, 3),
        )


def across_lines(doc: Doc, c: Candidate) -> bool:
    """A headline run into the dateline or the first paragraph by the sentence splitter
    ("Lima rejects X's claim\n\nLIMA — Y said"): some word of the event lies across a line
    break from another."""
    tokens = c.trigger_tokens + c.arg_tokens
    start, end = doc[min(tokens)].idx, doc[max(tokens)].idx
    return "\n" in doc.text[start:end]


def keep_own_line(doc: Doc, c: Candidate, found: DocActors) -> bool:
    """Keep of an event that lies across lines only what the line of its trigger says: the
    actors named on that line. False when that leaves it without a source, or without the
    recipient it had."""
    text = doc.text
    head = doc[c.head].idx
    first = text.rfind("\n", 0, head) + 1
    last = text.find("\n", head)
    last = len(text) if last < 0 else last
    if any(not first <= doc[i].idx < last for i in c.trigger_tokens):
        return False
    line = [t.i for t in doc if first <= t.idx < last]
    named = {actor for i in line for actor in found.actors_at(i)}
    source = c.source if c.speaker_source else [a for a in c.source if a in named]  # a speaker speaks elsewhere
    target = [a for a in c.target if a in named]
    if not source or (c.target and not target):
        return False
    c.source, c.target = source, target
    c.arg_tokens = [i for i in c.arg_tokens if first <= doc[i].idx < last]
    return True


def _drop_committed(doc: Doc, verbal: list[Candidate], nominal: list[Candidate]) -> list[Candidate]:
    """An event noun whose light verb is the infinitive of a commitment or a request ("agreed
    to hold talks with X", "threatened to impose a curfew in X", "urged X to launch an
    operation"), or that is the object of one ("called for dialogue between X and Y"), is
    part of that event, as an infinitive verb is (`VerbalEvents._subsumed`)."""
    governing = {c.head for c in verbal if "xcomp" in c.trigger.targets or c.trigger.type == "REQUEST"}
    # what a request or a commitment names as its object: "called for dialogue between X and
    # Y", "demanded talks with X", "pledged support for X"
    asked = set()
    for head in governing:
        for child in doc[head].children:
            objects = [child] if child.dep_ in ("dobj", "obj") else [g for g in child.children if g.dep_ == "pobj"] if child.dep_ == "prep" else []
            for obj in objects:
                asked.update([obj.i] + [c.i for c in obj.children if c.dep_ == "conj"])
    kept = []
    for c in nominal:
        light = doc[c.light_verb] if c.light_verb is not None else None
        if light is not None and light.dep_ == "xcomp" and light.head.i in governing:
            continue
        if c.head in asked:
            continue
        kept.append(c)
    return kept


def _drop_requested(doc: Doc, speaker: list[Candidate], candidates: list[Candidate]) -> list[Candidate]:
    """What a speaker says a party must or should do ("S said Y must withdraw from Z") is
    S's REQUEST to Y (`speaker_events`), not an event of Y: drop the events whose verb (or
    light verb) is, or depends within its clause on, the deontic clause's verb. When the
    speaker's own side is among those who should act, the event is kept (an intent)."""
    requested = {doc[c.head].head.i for c in speaker if c.kind == "deontic" and c.replaces_content}  # head: "should"
    if not requested:
        return candidates
    kept = []
    for c in candidates:
        anchor = c.light_verb if c.kind == "noun" else c.head
        if anchor is not None and c.kind in ("verb", "noun") and any(t.i in requested for t in chain_up(doc[anchor])):
            continue
        kept.append(c)
    return kept


def _allegations(doc: Doc, verbal: list[Candidate]) -> dict[int, str]:
    """Events told inside an accusation or a denial are asserted by its source: in "Israel
    accused Iran of attacking the ships", Iran's attack is Israel's claim. {head token of
    the embedded event: the accuser}."""
    out: dict[int, str] = {}
    for c in verbal:
        if c.type not in ("ACCUSE", "REJECT") or len(c.source) != 1:
            continue
        for token in doc[c.head].subtree:
            if token.i == c.head or token.pos_ != "VERB":
                continue
            # gerunds and clauses the accusation governs, not later coordinated clauses
            path = token
            while path.i != c.head and path.dep_ in ("pcomp", "pobj", "prep", "xcomp", "ccomp", "advcl", "conj") and path.head is not path:
                if path.dep_ == "conj" and path.head.i == c.head:
                    break
                path = path.head
            if path.i == c.head:
                out.setdefault(token.i, c.source[0])
    return out


def _quote_index(doc: Doc, quotes: list[Quote]) -> list[int]:
    """For each token, the index of the (shortest) quote whose content holds it, or -1."""
    index = [-1] * len(doc)
    order = sorted(range(len(quotes)), key=lambda q: -(quotes[q].end - quotes[q].start))
    for q in order:
        span = doc.char_span(quotes[q].start, quotes[q].end, alignment_mode="contract")
        if span is not None:
            for i in range(span.start, span.end):
                index[i] = q
    return index


def _evidence(doc: Doc, c: Candidate, found: DocActors) -> Span:
    """From the first to the last word of the event (trigger and arguments, whole mentions)
    within its sentence; a very long stretch keeps the trigger and its nearest argument."""
    sent = doc[c.head].sent
    points = set(c.trigger_tokens)
    if c.evidence_end is not None and c.evidence_end < sent.end:
        points.add(c.evidence_end)
    skip = set()
    if c.source_how == "shared":
        # a source shared with an earlier coordinated verb: the evidence starts at the
        # verb's own auxiliaries ("... and have pledged"), not at the shared subject
        head = doc[c.head]
        points.update(child.i for child in head.children if child.dep_ in ("aux", "neg") and child.i < head.i)
        skip = {i for i in c.arg_tokens if i < head.i}
    for i in c.arg_tokens:
        if i in skip:
            continue
        if sent.start <= i < sent.end:
            mention = found.mention_at(i)
            if mention is not None and sent.start <= mention.start and mention.end <= sent.end:
                points.update((mention.start, mention.end - 1))
            else:
                points.add(i)
    start, end = min(points), max(points) + 1
    if end - start > MAX_EVIDENCE_TOKENS:
        start, end = min(c.trigger_tokens), max(c.trigger_tokens) + 1
        nearest = sorted(points, key=lambda i: abs(i - c.head))
        for i in nearest:
            if abs(i - c.head) <= MAX_EVIDENCE_TOKENS // 2:
                start, end = min(start, i), max(end, i + 1)
    span = doc[start:end]
    return Span(span.start_char, span.end_char, span.text)
