"""Who said what: direct quotations and reported speech, each with its cue and speaker.

The quote stage runs after the actor layer and reads its `DocActors`. In order:

1. Quotations are found by their marks on the raw text (`quote_marks.py`) and tied to
   tokens. A quotation that reads as a sentence ("We welcome ...", or a long phrase) is a
   direct quote; a short phrase in quotation marks is one only when a reporting verb
   governs it ("called the U.S. “symbol of devil”", "described it as “a complex web ...”"):
   otherwise it is a term or scare quote and stays part of whatever sentence holds it.
2. Reported speech is read from the parse around every cue of the reporting lexicon
   (`speech.py`): "X said that ...", "according to X, ...", "X pledged not to ...".
3. A direct quote's cue is the reporting verb next to it, after it ("“...,” he said",
   "“...,” said Alavi") or before it ("He said, “...”", "..., saying, “...”"), else the
   verb that governs it. A quote with no cue of its own continues the quote or reported
   speech just before it (within two sentences, or the paragraph before when the
   quotation runs on across paragraphs): same speaker, no cue.
4. Reported speech that a direct quote already carries ("He said, “...”") is dropped; one
   that runs into a quote or a following "..., adding that ..." is cut there.
5. Speakers are resolved through the actor layer (`speakers.py`); "we", "our", "us" in a
   direct quote of an official become mentions of the state or organization they speak
   for.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

import numpy
from spacy.attrs import IDX, IS_SPACE, LEMMA, LOWER, SENT_START
from spacy.strings import hash_string
from spacy.tokens import Doc, Token

from ..errors import NewsgraphError
from ..model import Quote, Span
from .quote_marks import QuotedSpan, find_quotations
from .speakers import FIRST_PERSON_SINGULAR, SpeakerResolver, load_speaker_nouns, speaker_head
from .speech import ONE_WORD_FORMS, CueLexicon, Reported, cue_extent, find_in_record, find_nominal, find_reported, is_negated, reporting_nouns
from .syntax import doc_text

SENTENCE_END = frozenset({".", "!", "?"})
SENTENCE_END_HASHES = numpy.array([hash_string(mark) for mark in SENTENCE_END], dtype=numpy.uint64)
COLON_HASH = hash_string(":")
IN_HASH = hash_string("in")
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
AFTER_FRAME = 20  # tokens after a closing mark searched for the cue (long titles: "..., the Leader's representative for Hajj Affairs Ali Askar said")
BEFORE_FRAME = 40  # tokens before an opening mark searched for the cue
CONTINUATION_SENTENCES = 2
BACK_SHIFT = frozenset({"had", "would", "could", "might", "should"})
BRIEFING_SENTENCES = 6  # at most this many sentences between two statements of one speaker read as theirs
SPEAKER_RUN = 8  # "he said" goes back to the person who spoke last at most this many sentences before
CONVENTIONS = ("format", "polnear")
NOUN_FORMS = frozenset({"object", "act", "about", "naming", "evidence"})  # reported speech that is a noun phrase
# What a narrated act was aimed at or about ("condemned the attack", "wrote about the
# drought"): an event in FORMAT.md, no quote; an attribution in PolNeAR's reading.
NARRATED_FORMS = frozenset({"act", "about"})
# A quotation inside reported speech with at least this many words of its own is part of it
# ("she said the city needs a “truly open council”"); with fewer, the
# quotation is what was said ("describing the situation as “a complex web ...”").
HOLDER_WORDS = 4
HEADING_WORDS = 10  # at most this many words in a subheading in quotation marks
HEADLINE_WORDS = 30  # at most this many words in a headline (the text's first paragraph)
COLON_SOURCE = 6  # at most this many tokens before "Speaker:"
PHRASE_ATTACHMENT = frozenset({"oprd", "dobj", "attr", "xcomp", "ccomp", "npadvmod", "dep", "appos", "advcl", "acomp"})
PERSON_PRONOUNS = frozenset({"he", "she"})
FIRST_AND_SECOND_PERSON = frozenset({"i", "we", "you"})
DATELINE_DASHES = frozenset({"–", "—", "-", "--", "_", ":"})

CONFIDENCE = {
    "direct-cue": 0.9,
    "direct-governed": 0.85,
    "direct-continuation": 0.7,
    "direct-unattributed": 0.4,
    "clause": 0.8,
    "according": 0.8,
    "to": 0.75,
    "object": 0.65,
    "act": 0.6,
    "naming": 0.65,
    "colon": 0.6,
    "record": 0.6,
    "briefing": 0.5,
}


@dataclass
class _Quotation:
    """A quotation tied to tokens: marks [open, close], content [start, end)."""

    span: QuotedSpan
    open: int
    start: int
    end: int
    close: int
    words: int
    sentential: bool
    embedded: bool = False


@dataclass
class _Found:
    kind: str
    start: int  # content tokens [start, end)
    end: int
    char_start: int
    char_end: int
    cue: tuple[int, int] | None
    cue_type: str
    head: int | None  # the speaker's head token
    confidence: float
    quotation: _Quotation | None = None
    speaker_span: tuple[int, int] | None = None
    speaker: str | None = None
    inherits: bool = False  # takes the speaker of the quote before it
    form: str | None = None  # for reported speech: clause, to, object, ... (speech.Reported.form)


class QuoteExtractor:
    """Finds the quotes of a parsed document. Build once, call per document."""

    def __init__(self, cues: CueLexicon | None = None, speaker_nouns: dict[str, tuple[str, ...]] | None = None,
                 conventions: str = "format"):
        """`conventions`: "format" (FORMAT.md, the analysis) or "polnear" (PolNeAR's
        reading, which also counts as attributions what FORMAT.md does not: a speech act
        or stance the reporter narrates with a noun object, "condemned the attack",
        "backed Khan" (forms "act" and "about"); what a headline says; the writer's own
        "I think ...")."""
        if conventions not in CONVENTIONS:
            raise NewsgraphError(f"quote conventions {conventions!r}; expected one of {', '.join(CONVENTIONS)}")
        self.cues = cues if cues is not None else CueLexicon.load()
        self.speaker_nouns = speaker_nouns if speaker_nouns is not None else load_speaker_nouns()
        self.conventions = conventions

    def __call__(self, doc: Doc, actors=None) -> list[Quote]:
        """The quotes of `doc`; `actors` is the actor layer's `DocActors` (None: speakers
        stay unresolved). New mentions (generic speakers, "we") are added to `actors`."""
        if len(doc) == 0:
            return []
        return _Run(self, doc, actors).quotes()


class _Run:
    def __init__(self, extractor: QuoteExtractor, doc: Doc, actors):
        self.cues = extractor.cues
        self.polnear = extractor.conventions == "polnear"
        self.doc = doc
        self.text = doc_text(doc)
        self.resolver = SpeakerResolver(doc, actors, extractor.speaker_nouns)
        self.actors = actors
        n = len(doc)
        # Token attributes read in bulk: creating a spaCy Token per token is what costs.
        table = doc.to_array([IDX, LOWER, LEMMA, IS_SPACE, SENT_START])
        self.starts = table[:, 0].tolist()
        lowers = table[:, 1]
        self.in_quote = [-1] * n  # index into self.quotations, for marks and content
        self.quotations = self._quotations()
        ends = numpy.isin(lowers, SENTENCE_END_HASHES)
        self.boundary = [bool(end) and self.in_quote[i] < 0 for i, end in enumerate(ends.tolist())]
        for i in numpy.nonzero(table[:, 3])[0].tolist():
            self.boundary[i] = "\n" in doc[i].text
        self.sent = numpy.maximum(numpy.cumsum(table[:, 4] == 1) - 1, 0).tolist()
        self.candidates = set(numpy.nonzero(numpy.isin(table[:, 2], self.cues.lemma_hashes) | numpy.isin(lowers, self.cues.form_hashes))[0].tolist())
        self.noun_candidates = numpy.nonzero(numpy.isin(table[:, 2], _noun_hashes()))[0].tolist()
        self.colons = numpy.nonzero(lowers == COLON_HASH)[0].tolist()
        self.lowers = lowers
        self.sentence_starts = numpy.nonzero(table[:, 4] == 1)[0].tolist()
        self.dateline_end = _dateline_end(doc)
        self._cue_cache: dict[int, object] = {}

    # ------------------------------------------------------------------ orchestration
    def quotes(self) -> list[Quote]:
        reported = self._reported()
        direct = self._direct(reported)
        indirect = self._settle_reported(reported, direct)
        indirect += self._colon_speech(direct + indirect)
        indirect = _without_nested(indirect)
        turns = [f for f in indirect if f.form == "turn"]  # a transcript's turn holds what it quotes
        direct = [d for d in direct if not any(t.start <= d.start and d.end <= t.end for t in turns)]
        found = sorted(direct + indirect, key=lambda f: (f.char_start, f.char_end))
        headline = 0 if self.polnear else _headline_end(self.text)
        found = [f for f in found if f.char_start >= headline]
        self._speakers(found)
        found = self._briefings(found)
        self._first_person(found)
        return [self._quote(f) for f in found]

    # ------------------------------------------------------------------ quotations
    def _token_at(self, char: int) -> int:
        return max(0, bisect_right(self.starts, char) - 1)

    def _quotations(self) -> list[_Quotation]:
        doc = self.doc
        out: list[_Quotation] = []
        for span in find_quotations(self.text):
            start = self._token_at(span.start)
            end = self._token_at(span.end - 1) + 1
            opening = self._token_at(span.open_start)
            close = self._token_at(span.close_end - 1) if span.closed else end - 1
            if any(self.in_quote[i] >= 0 for i in range(opening, close + 1)):
                continue  # two quotations inside one token: keep the first
            tokens = doc[start:end]
            words = sum(1 for t in tokens if not (t.is_punct or t.is_space))
            if words == 0:
                continue
            finite = any(t.tag_ in FINITE_TAGS for t in tokens)
            last = span.text(self.text).rstrip()[-1:]
            sentential = words >= 4 and (finite or words >= 8 or last in SENTENCE_END)
            quotation = _Quotation(span, opening, start, end, close, words, sentential)
            quotation.embedded = self._embedded(opening)
            index = len(out)
            out.append(quotation)
            for i in range(opening, close + 1):
                self.in_quote[i] = index
        return out

    def _embedded(self, opening: int) -> bool:
        """Whether a quotation opens inside a running sentence (not after ":", "," or at
        the start of a sentence or paragraph)."""
        i = opening - 1
        while i >= 0 and self.doc[i].is_space and "\n" not in self.doc[i].text:
            i -= 1
        if i < 0:
            return False
        token = self.doc[i]
        if "\n" in token.text or token.text in SENTENCE_END or token.text in (":", ",", "—", "–", "-", "(", ";"):
            return False
        return self.in_quote[i] < 0

    # ------------------------------------------------------------------ cues
    def _cue(self, token: Token):
        if token.i not in self.candidates:
            return None
        cached = self._cue_cache.get(token.i, False)
        if cached is not False:
            return cached
        cue = self.cues.cue_for(token) if token.pos_ in ("VERB", "AUX", "ADJ") or token.lower_ == "according" else None
        self._cue_cache[token.i] = cue
        return cue

    def _is_cue(self, token: Token) -> bool:
        return self._cue(token) is not None

    def _speech_cue(self, token: Token) -> bool:
        cue = self._cue(token)
        return cue is not None and cue.frames_quotations and not is_negated(token)

    # ------------------------------------------------------------------ reported speech
    def _reported(self) -> list[Reported]:
        blocked = [index >= 0 for index in self.in_quote]
        out = []
        for i in sorted(self.candidates):
            if self.in_quote[i] >= 0:
                continue  # speech inside a quotation is part of that quotation
            token = self.doc[i]
            cue = self._cue(token)
            if cue is None:
                continue
            found = find_reported(self.doc, token, cue, blocked, floor=self.dateline_end, is_cue=self._is_cue)
            if found is not None:
                out.append(found)
        for i in self.noun_candidates:
            if self.in_quote[i] < 0:
                found = find_nominal(self.doc, self.doc[i], blocked)
                if found is not None:
                    out.append(found)
        for i in self.sentence_starts:
            found = find_in_record(self.doc, self.doc[i], self.cues, blocked) if self.lowers[i] == IN_HASH else None
            if found is not None:
                out.append(found)
        return out

    # ------------------------------------------------------------------ direct quotes
    def _direct(self, reported: list[Reported]) -> list[_Found]:
        out: list[_Found] = []
        for quotation in self.quotations:
            cue_token, how = None, None
            if quotation.sentential:
                if quotation.embedded:
                    holder = self._holder(quotation, reported)
                    framing = {f.cue[0] for f in out if f.cue is not None}  # "“A,” he said, but “B”"
                    if holder is not None and self._words_outside(quotation, holder) >= HOLDER_WORDS and holder.cue_start not in framing:
                        continue  # part of the reported speech that holds it
                    cue_token = self._governing_cue(quotation, phrase=False)
                    how = "direct-governed" if cue_token is not None else None
                if cue_token is None:
                    cue_token = self._framing_cue(quotation)
                    how = "direct-cue" if cue_token is not None else None
                if cue_token is None and self._heading(quotation):
                    continue  # a subheading in quotation marks ("'Trouble in the Valley.'")
                if cue_token is None:
                    colon = self._colon_before(quotation.open)
                    if colon is not None:
                        span = quotation.span
                        found = _Found("direct", quotation.start, quotation.end, span.start, span.end, (colon, colon + 1), "speech", self._colon_head(colon), CONFIDENCE["colon"], quotation)
                        out.append(found)
                        continue
            else:
                cue_token = self._governing_cue(quotation, phrase=True)
                if cue_token is None and not quotation.embedded and self.text[quotation.span.end - 1 : quotation.span.end] in (",", "?", "!"):
                    # "“Yes,” he said." / "“That, sadly,” he said, “is the reality.”"
                    cue_token = self._framing_cue(quotation, after_only=True)
                if cue_token is None and self._goes_on(quotation, out):
                    span = quotation.span  # "“I will,” she said. “I will, friends.”"
                    out.append(_Found("direct", quotation.start, quotation.end, span.start, span.end, None, "speech", None,
                                      CONFIDENCE["direct-continuation"], quotation, inherits=True))
                    continue
                if cue_token is None:
                    continue  # a term or scare quote
                holder = self._holder(quotation, reported)
                if holder is not None and self._words_outside(quotation, holder) >= HOLDER_WORDS and (holder.cue_start != cue_token.i or holder.form in ("clause", "object")):
                    continue  # part of the reported speech that holds it ("said the plan “is dead” now")
                how = "direct-governed"
            span = quotation.span
            found = _Found("direct", quotation.start, quotation.end, span.start, span.end, None, "speech", None, 0.0, quotation)
            if cue_token is not None:
                cue = self._cue(cue_token)
                found.cue = cue_extent(cue_token, cue) if cue.term != "according to" else self._according_extent(cue_token)
                found.head = self._head_of(cue_token, cue)
                found.confidence = CONFIDENCE[how]
            else:
                found.inherits = True
                found.confidence = CONFIDENCE["direct-continuation"]
            out.append(found)
        return out

    def _goes_on(self, quotation: _Quotation, out: list[_Found]) -> bool:
        """A short quotation that is a sentence of its own right after a quote and its cue
        in the same paragraph ("“I will,” she said. “I will, friends.”") goes on with it."""
        if not out or out[-1].cue is None or out[-1].quotation is None or quotation.embedded:
            return False
        previous = out[-1]
        if not previous.quotation.close < previous.cue[0] < quotation.open:
            return False
        if self.text[quotation.span.end - 1 : quotation.span.end] not in SENTENCE_END:
            return False
        i = quotation.open - 1
        while i >= 0 and self.doc[i].is_space and "\n" not in self.doc[i].text:
            i -= 1
        if i < 0 or self.doc[i].text not in SENTENCE_END:
            return False
        return not any("\n" in t.text for t in self.doc[previous.quotation.close : quotation.open])

    def _heading(self, quotation: _Quotation) -> bool:
        """A quotation that is a paragraph of its own, short and in title case, is a
        subheading (some papers quote theirs), not something said."""
        doc = self.doc
        before, after = quotation.open - 1, quotation.close + 1
        while before >= 0 and doc[before].is_space and "\n" not in doc[before].text:
            before -= 1
        while after < len(doc) and doc[after].is_space and "\n" not in doc[after].text:
            after += 1
        if (before >= 0 and "\n" not in doc[before].text) or (after < len(doc) and "\n" not in doc[after].text):
            return False
        words = [t.text for t in doc[quotation.start : quotation.end] if t.is_alpha]
        if not 2 <= len(words) <= HEADING_WORDS:
            return False
        return all(w[0].isupper() for w in words if len(w) > 3) and words[0][0].isupper()

    def _according_extent(self, token: Token) -> tuple[int, int]:
        to = next((c for c in token.children if c.lower_ == "to"), None)
        return token.i, (to.i if to is not None else token.i) + 1

    def _head_of(self, cue_token: Token, cue) -> int | None:
        if cue.term == "according to":
            to = next((c for c in cue_token.children if c.lower_ == "to"), None)
            source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            return source.i if source is not None else None
        head = speaker_head(cue_token, self._is_cue)
        if head is not None and head.i < self.dateline_end:
            # "TEHRAN – Foreign Minister X said" read with the dateline as subject
            head = next((c for c in head.children if c.dep_ == "appos" and c.i >= self.dateline_end), None)
        if head is not None and self.in_quote[head.i] < 0 and head.i >= self.dateline_end:
            return head.i
        # The parse gave no usable subject (it sits inside a quotation or a dateline): the
        # noun right before the cue ("Larijani also called").
        i = cue_token.i - 1
        while i >= 0 and self.doc[i].pos_ in ("ADV", "AUX", "PART") and self.in_quote[i] < 0:
            i -= 1
        if (i >= self.dateline_end and self.in_quote[i] < 0 and self.doc[i].pos_ in ("PROPN", "NOUN", "PRON")
                and not self.boundary[i] and self.doc[i].ent_type_ not in ("DATE", "TIME")):
            return i
        return None

    def _holder(self, quotation: _Quotation, reported: list[Reported]) -> Reported | None:
        """The reported speech whose content holds this quotation (the one with the most
        words of its own, when they are nested)."""
        best = None
        last_word = quotation.end
        while last_word > quotation.start and (self.doc[last_word - 1].is_punct or self.doc[last_word - 1].is_space):
            last_word -= 1  # (the reported speech ends before a final ." that the quotation keeps)
        for item in reported:
            if item.start <= quotation.start and last_word <= item.end:
                if best is None or self._words_outside(quotation, item) > self._words_outside(quotation, best):
                    best = item
        return best

    def _words_outside(self, quotation: _Quotation, item: Reported) -> int:
        """Words of the reported speech that are not in the quotation."""
        return sum(1 for t in self.doc[item.start : item.end] if not (t.is_punct or t.is_space) and not quotation.open <= t.i <= quotation.close)

    def _governing_cue(self, quotation: _Quotation, phrase: bool) -> Token | None:
        """The reporting verb that governs the quotation in the parse: "called the U.S.
        “symbol of devil”", "describing the situation as “...”", "said that “...”"."""
        doc = self.doc
        roots = [t for t in doc[quotation.start : quotation.end] if not (quotation.open <= t.head.i <= quotation.close)]
        roots = [t for t in roots if not t.is_punct]
        if not roots:
            return None
        root = min(roots, key=lambda t: _depth(t))
        head = root.head
        relation = root.dep_
        for _ in range(3):
            if quotation.open <= head.i <= quotation.close:
                return None
            if self._speech_cue(head) and self._cue(head).term != "according to":
                if not phrase or relation in PHRASE_ATTACHMENT or relation == "pobj":
                    return head
                return None
            if head.pos_ == "ADP" and head.lower_ == "as":
                relation = "pobj"
                head = head.head
                continue
            if phrase:
                return None
            if head.pos_ in ("ADP", "SCONJ") or head.dep_ in ("conj",):
                head = head.head
                continue
            return None
        return None

    def _framing_cue(self, quotation: _Quotation, after_only: bool = False) -> Token | None:
        """The cue beside a quotation: after it ("“...,” he said") or before it ("He said,
        “...”", "..., saying, “...”")."""
        doc = self.doc
        n = len(doc)
        after: list[int] = []
        i = quotation.close + 1
        while i < n and len(after) < AFTER_FRAME and not self.boundary[i] and self.in_quote[i] < 0:
            after.append(i)
            i += 1
        before: list[int] = []
        i = quotation.open - 1
        while i >= 0 and len(before) < BEFORE_FRAME and not self.boundary[i] and self.in_quote[i] < 0:
            before.append(i)
            i -= 1
        after_cue = next((doc[i] for i in after if self._speech_cue(doc[i])), None)
        before_cue = next((doc[i] for i in before if self._speech_cue(doc[i])), None)
        content = quotation.span.text(self.text).rstrip()
        after_ok = bool(after) and (
            content[-1:] not in SENTENCE_END
            or doc[after[0]].text[:1].islower()
            or self._speech_cue(doc[after[0]])
        )
        if after_only:
            return after_cue if after_ok else None
        lead = next((doc[i] for i in before if not doc[i].is_space), None)
        if before_cue is not None and lead is not None and lead.text in (":", ","):
            return before_cue
        if after_ok and after_cue is not None:
            return after_cue
        if before_cue is None and not any(not doc[i].is_space for i in before):
            return self._announcing_cue(quotation.open)
        return before_cue

    def _announcing_cue(self, opening: int) -> Token | None:
        """A quotation that opens its paragraph after a paragraph ending in a colon: the
        cue of that sentence ("The minister said:\n\n“...”")."""
        doc = self.doc
        i = opening - 1
        while i >= 0 and doc[i].is_space:
            i -= 1
        if i < 0 or doc[i].text != ":" or self.in_quote[i] >= 0:
            return None
        j = i - 1
        while j >= 0 and i - j <= BEFORE_FRAME and not self.boundary[j] and self.in_quote[j] < 0:
            if self._speech_cue(doc[j]):
                return doc[j]
            j -= 1
        return None

    # ------------------------------------------------------------------ "X: ..."
    def _colon_before(self, opening: int) -> int | None:
        """The colon right before a quotation, when a speaker's name is all that precedes
        it in its sentence ("Kakar: “...”", "JAKE TAPPER: ...")."""
        i = opening - 1
        while i >= 0 and self.doc[i].is_space and "\n" not in self.doc[i].text:
            i -= 1
        if i < 0 or self.doc[i].text != ":" or self._colon_head(i) is None:
            return None
        return i

    def _colon_head(self, colon: int) -> int | None:
        doc = self.doc
        start = colon
        while start > 0 and not self.boundary[start - 1] and self.in_quote[start - 1] < 0 and colon - start < COLON_SOURCE:
            start -= 1
        if start > 0 and not self.boundary[start - 1] and self.in_quote[start - 1] < 0:
            return None  # a longer sentence: "X said the following:"
        start = max(start, self.dateline_end)
        words = [t for t in doc[start:colon] if not (t.is_punct or t.is_space)]
        if not words or any(t.pos_ in ("VERB", "AUX") for t in words):
            return None
        last = words[-1]
        mention = self.actors.mention_at(last.i) if self.actors is not None else None
        if mention is None and last.pos_ != "PROPN" and not (last.is_upper and last.is_alpha):
            return None
        return last.i

    def _turn(self, colon: int) -> bool:
        """A transcript's turn: a paragraph that opens with a speaker's name in capitals
        and a colon ("HALE: ...", "OMAR RUIZ: ...")."""
        doc = self.doc
        i = colon - 1
        while i >= 0 and not (doc[i].is_space and "\n" in doc[i].text) and colon - i <= COLON_SOURCE:
            i -= 1
        if i >= 0 and not (doc[i].is_space and "\n" in doc[i].text):
            return False
        words = [t for t in doc[i + 1 : colon] if not (t.is_punct or t.is_space)]
        return bool(words) and all(t.is_upper for t in words)

    def _colon_speech(self, found: list[_Found]) -> list[_Found]:
        """Speech after "Speaker:" that is not in quotation marks (a headline
        "Kakar: Pakistan will ...", a transcript "TAPPER: ...")."""
        doc = self.doc
        taken: set[int] = set()
        for item in found:
            taken.update(range(item.start, item.end))
            if item.cue:
                taken.update(range(*item.cue))
        out = []
        for i in self.colons:
            token = doc[i]
            turn = self._turn(i)
            if self.in_quote[i] >= 0 or (not turn and i in taken):
                continue
            head = self._colon_head(token.i)
            if head is None:
                continue
            end = token.i + 1
            # a transcript's turn runs to the end of its paragraph, with the phrases it
            # quotes and the speech it reports
            while end < len(doc) and not (doc[end].is_space and "\n" in doc[end].text) and (turn or self.in_quote[end] < 0):
                end += 1
            start = token.i + 1
            while start < end and (doc[start].is_space or doc[start].is_punct):
                start += 1
            while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct):
                end -= 1
            words = sum(1 for t in doc[start:end] if not t.is_punct)
            if words < 3 or (not turn and any(i in taken for i in range(start, end))):
                continue
            piece = doc[start:end]
            out.append(_Found("indirect", start, end, piece.start_char, piece.end_char, (token.i, token.i + 1), "speech", head, CONFIDENCE["colon"],
                              form="turn" if turn else None))
        return out

    # ------------------------------------------------------------------ settle reported speech
    def _settle_reported(self, reported: list[Reported], direct: list[_Found]) -> list[_Found]:
        doc = self.doc
        quoted_tokens: set[int] = set()
        leads: list[int] = []
        for found in direct:
            q = found.quotation
            quoted_tokens.update(range(q.open, q.close + 1))
            lead = q.open
            if found.cue is not None and found.cue[0] < q.open:
                lead = min(lead, found.cue[0])
            leads.append(lead)
        # cues that share their subject with the verb they hang on ("..., adding that")
        participles = {item.cue_start for item in reported if self._participial(doc[item.cue_start])}
        out: list[_Found] = []
        seen: set[tuple[int, int]] = set()
        direct_cues: dict[int, list[_Quotation]] = {}
        for found in direct:
            if found.cue is not None:
                direct_cues.setdefault(found.cue[0], []).append(found.quotation)
        for item in reported:
            if item.form in NARRATED_FORMS and not self.polnear:
                continue
            # The quotation is what was said: "called the U.S. “symbol of devil”", "“...,”
            # said X" (whatever the parse hangs on the cue after that is not speech).
            if any((item.start <= q.close and q.open < item.end) or q.close < item.cue_start for q in direct_cues.get(item.cue_start, ())):
                continue
            start, end = max(item.start, self.dateline_end), item.end
            start, end = self._within_paragraph(start, end, item.cue_start)
            words = [t.i for t in doc[start:end] if not (t.is_punct or t.is_space)]
            if not words:
                continue
            inside = sum(1 for i in words if i in quoted_tokens)
            # cut where a set-off quotation or a participial cue of its own begins
            cuts = [lead for lead in leads if start < lead < end and self._set_off(lead)]
            cuts += [c for c in participles if start < c < end and c != item.cue_start]
            if cuts:
                end = min(cuts)
                while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].dep_ == "cc"):
                    end -= 1
                words = [i for i in words if i < end]
                inside = sum(1 for i in words if i in quoted_tokens)
            elif inside and len(words) - inside < HOLDER_WORDS:
                continue  # a direct quote carries it
            if len(words) - inside < (1 if item.form in ONE_WORD_FORMS else 2) or (start, end) in seen:
                continue
            end = self._with_closing_mark(start, end)
            end = self._with_elaboration(end)
            seen.add((start, end))
            span = doc[start:end]
            head = item.speaker_head if item.speaker_head is not None or item.nobody else self._head_of(doc[item.cue_start], item.cue)
            if head is None and item.form in ("object", "act", "naming"):
                continue  # "… or denied a final interview": with nobody speaking, not speech
            if item.cue.type == "cognition" and head is not None and doc[head].lower_ in FIRST_AND_SECOND_PERSON and not self.polnear:
                continue  # "I think ..." outside quotation marks: a quotation whose marks were lost, or the writer's own view
            confidence = CONFIDENCE.get(item.form, 0.7) - (0.1 if item.cue.type == "cognition" else 0.0)
            out.append(_Found("indirect", start, end, span.start_char, span.end_char, (item.cue_start, item.cue_end), item.cue.type, head, confidence, form=item.form))
        return out

    def _with_elaboration(self, end: int) -> int:
        """"argued that the report was incomplete: two districts were missing ...": what
        follows a colon at the end of reported speech, up to the end of its sentence, goes on
        with it."""
        doc = self.doc
        if end >= len(doc) or doc[end].text != ":" or self.in_quote[end] >= 0:
            return end
        last = end + 1
        while last < len(doc) and not self.boundary[last] and self.in_quote[last] < 0:
            last += 1
        while last > end + 1 and (doc[last - 1].is_space or doc[last - 1].is_punct):
            last -= 1
        return last if last > end + 2 else end

    def _with_closing_mark(self, start: int, end: int) -> int:
        """Reported speech that ends inside a quotation ends with it ("said his position has
        “gotten bigger.”")."""
        if end < len(self.doc) and 0 <= self.in_quote[end - 1] == self.in_quote[end]:
            quotation = self.quotations[self.in_quote[end]]
            if quotation.open >= start and all(t.is_punct or t.is_space for t in self.doc[end : quotation.close + 1]):
                return quotation.close + 1
        return end

    def _within_paragraph(self, start: int, end: int, cue: int) -> tuple[int, int]:
        """Reported speech stays in the paragraph of its cue (the parser sometimes runs a
        sentence on across a paragraph break)."""
        for i in range(max(start, cue), end):
            if self.doc[i].is_space and "\n" in self.doc[i].text and self.in_quote[i] < 0:
                end = i
                break
        for i in range(min(end, cue) - 1, start - 1, -1):
            if self.doc[i].is_space and "\n" in self.doc[i].text and self.in_quote[i] < 0:
                start = i + 1
                break
        return start, end

    def _participial(self, token: Token) -> bool:
        """A cue that shares the subject of the verb it hangs on: "..., adding that",
        "... and called for"."""
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
            return False
        return token.dep_ == "conj" or (token.tag_ == "VBG" and token.dep_ in ("advcl", "xcomp"))

    def _set_off(self, lead: int) -> bool:
        i = lead - 1
        while i >= 0 and self.doc[i].is_space:
            i -= 1
        return i >= 0 and self.doc[i].text in (",", ":", ";", "—", "–")

    # ------------------------------------------------------------------ speakers
    def _speakers(self, found: list[_Found]) -> None:
        resolved: dict[int, tuple[str | None, tuple[int, int]]] = {}
        chains = self._chains(found)
        previous: _Found | None = None
        done: list[_Found] = []

        def resolve(item: _Found) -> None:
            if item.head not in resolved:
                before = previous.speaker if previous is not None and self._near(item, previous) else None
                key, (start, end) = self.resolver.resolve(self.doc[item.head], before)
                resolved[item.head] = key, (max(start, min(self.dateline_end, item.head)), end)
                speaker = self._person_pronoun_speaker(item, key, done) or self._body_pronoun_speaker(item, key, previous, done)
                if speaker is not None:
                    resolved[item.head] = speaker
                elif resolved[item.head][0] is None:
                    resolved[item.head] = self._pronoun_speaker(item, previous) or resolved[item.head]
            item.speaker, item.speaker_span = resolved[item.head]

        for item in found:
            done.append(item)
            if item.head is not None:
                resolve(item)
            elif item.inherits:
                source = chains.get(id(item)) or self._previous(item, previous)
                if source is not None and source.head is not None:
                    resolve(source)  # a later part of the same quotation
                if source is not None:
                    item.speaker, item.speaker_span = source.speaker, source.speaker_span
                    if source.speaker is None and source.head is None:
                        item.confidence = CONFIDENCE["direct-unattributed"]
                else:
                    item.confidence = CONFIDENCE["direct-unattributed"]
            if item.head is not None or item.speaker is not None:
                previous = item

    def _briefings(self, found: list[_Found]) -> list[_Found]:
        """The sentences of a briefing: between what a speaker said and a closing "...,
        he said" of the same speaker, at most BRIEFING_SENTENCES sentences in back-shifted
        tense ("the measures had not been enforced", "an American would be barred") with
        no quotation, cue or quote of their own are that speaker's words too (reported
        speech with no cue)."""
        doc = self.doc
        sentences = list(doc.sents)
        out = list(found)
        for first, second in zip(found, found[1:]):
            if first.speaker is None or first.speaker != second.speaker or second.cue is None or second.cue[0] < second.end:
                continue
            last = max(first.end, first.cue[1] if first.cue is not None else 0) - 1
            opening = min(second.start, second.cue[0], second.head if second.head is not None else second.start)
            gap = range(self.sent[last] + 1, self.sent[opening])
            if not 1 <= len(gap) <= BRIEFING_SENTENCES:
                continue
            start, end = sentences[gap[0]].start, sentences[gap[-1]].end
            if start <= last or end > opening:
                continue
            if any(self.in_quote[i] >= 0 or (i in self.candidates and self._is_cue(doc[i])) for i in range(start, end)):
                continue
            if not all(_back_shifted(sentences[n]) for n in gap):
                continue  # the reporter's narration between two statements
            for n in gap:
                sentence = sentences[n]
                a, b = sentence.start, sentence.end
                while a < b and (doc[a].is_space or doc[a].is_punct):
                    a += 1
                while b > a and (doc[b - 1].is_space or doc[b - 1].is_punct):
                    b -= 1
                if b - a < 3:
                    continue
                item = _Found("indirect", a, b, doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text), None, "speech", None,
                              CONFIDENCE["briefing"], speaker=first.speaker, form="briefing")
                out.append(item)
        return sorted(out, key=lambda f: (f.char_start, f.char_end))

    def _person_pronoun_speaker(self, item: _Found, key: str | None, earlier: list[_Found]):
        """"he said" / "she added" in a run of one person's statements: the person who spoke
        last (within SPEAKER_RUN sentences) when the actor layer found no one, or found a
        person the text mentions only inside someone's words ("he responded that X was
        ...", then "..., he said": the one who responded)."""
        head = self.doc[item.head]
        if head.lower_ not in PERSON_PRONOUNS or self.actors is None:
            return None
        last = None
        for other in reversed(earlier):
            if other is item or other.speaker is None or other.head == item.head:
                continue
            if self.sent[head.i] - self.sent[max(other.start, other.end - 1)] > SPEAKER_RUN:
                break
            actor = self.actors.actors.get(other.speaker)
            if actor is not None and actor.type == "person":
                last = other
                break
        if last is None or last.speaker == key:
            return None
        if key is not None:
            actor = self.actors.actors.get(key)
            if actor is None or actor.type != "person":
                return None
            named = [m for m in actor.mentions if m.kind != "pronoun" and m.end <= head.i]
            if not named:
                return None
            mention = max(named, key=lambda m: m.start)
            if not any(f.start <= mention.start < f.end and f.speaker != key for f in earlier if f is not item):
                return None  # the actor layer's person is named outside anyone's words
            if any(m.start > mention.start and m.start < head.i for m in actor.mentions if m.kind != "pronoun"):
                return None
            actor.mentions = [m for m in actor.mentions if not (m.start == head.i and m.kind == "pronoun")]
        self.actors.add_mention(last.speaker, head.i, head.i + 1, "pronoun")
        return last.speaker, (head.i, head.i + 1)

    def _body_pronoun_speaker(self, item: _Found, key: str | None, previous: _Found | None, earlier: list[_Found]):
        """"..., it said" right after a body spoke: that body, over the collective the
        actor layer found nearest before "it" when that one has not spoken ("a statement
        from the ministry said ... . “...,” it said, citing an official")."""
        head = self.doc[item.head]
        if head.lower_ != "it" or key is None or self.actors is None or previous is None or previous.speaker in (None, key):
            return None
        actor = self.actors.actors.get(previous.speaker)
        if actor is None or actor.type in ("person", "location") or not self._near(item, previous):
            return None
        if any(f.speaker == key for f in earlier if f is not item):
            return None
        self.actors.actors[key].mentions = [m for m in self.actors.actors[key].mentions if m.start != head.i]
        self.actors.add_mention(previous.speaker, head.i, head.i + 1, "pronoun")
        return previous.speaker, (head.i, head.i + 1)

    def _pronoun_speaker(self, item: _Found, previous: _Found | None):
        """"he said" that the actor layer left unresolved: in a run of quotes, the person
        who spoke just before (within two sentences)."""
        head = self.doc[item.head]
        if head.lower_ not in PERSON_PRONOUNS and head.lower_ != "it":
            return None
        if self.actors is None or previous is None or previous.speaker is None:
            return None
        actor = self.actors.actors.get(previous.speaker)
        if actor is None or (actor.type != "person") != (head.lower_ == "it") or actor.type == "location":
            return None  # "he" goes back to a person, "it" to a body ("..., it added")
        if not self._near(item, previous):
            return None
        self.actors.add_mention(actor.key, head.i, head.i + 1, "pronoun")
        return actor.key, (head.i, head.i + 1)

    def _near(self, item: _Found, previous: _Found) -> bool:
        """Whether `previous` ended at most two sentences before `item` starts."""
        first = min(item.start, item.head if item.head is not None else item.start)
        return self.sent[first] - self.sent[max(previous.start, previous.end - 1)] <= CONTINUATION_SENTENCES

    def _chains(self, found: list[_Found]) -> dict[int, _Found]:
        """A quotation that runs on across paragraphs: each part without a cue takes the
        speaker of a part with one (the previous part first)."""
        direct = [f for f in found if f.kind == "direct"]
        out: dict[int, _Found] = {}
        groups: list[list[_Found]] = []
        for item in direct:
            if groups and item.quotation.span.continues_previous and not groups[-1][-1].quotation.span.closed:
                groups[-1].append(item)
            else:
                groups.append([item])
        for group in groups:
            if len(group) < 2:
                continue
            for position, item in enumerate(group):
                if not item.inherits:
                    continue
                earlier = [g for g in group[:position] if not g.inherits]
                later = [g for g in group[position + 1 :] if not g.inherits]
                source = earlier[-1] if earlier else (later[0] if later else None)
                if source is not None:
                    out[id(item)] = source
        return out

    def _previous(self, item: _Found, previous: _Found | None) -> _Found | None:
        if previous is None:
            return None
        distance = self.sent[item.start] - self.sent[max(previous.start, previous.end - 1)]
        if item.quotation is not None and item.quotation.span.continues_previous:
            return previous
        return previous if distance <= CONTINUATION_SENTENCES else None

    def _first_person(self, found: list[_Found]) -> None:
        """In a direct quotation, "I", "me", "my" are the speaker; "we", "our", "us" are the
        state or organization a person speaks for, or the speaking collective itself."""
        if self.actors is None:
            return
        affiliations: dict[str, str | None] = {}
        for item in found:
            if item.kind != "direct" or item.speaker is None:
                continue
            speaker = self.actors.actors.get(item.speaker)
            if speaker is None:
                continue
            if speaker.type == "person":
                self.resolver.add_first_person(item.speaker, item.start, item.end, FIRST_PERSON_SINGULAR)
                if item.speaker not in affiliations:
                    affiliations[item.speaker] = self.resolver.affiliation(item.speaker)
                target = affiliations[item.speaker]
            else:
                target = item.speaker
            if target is not None:
                self.resolver.add_first_person(target, item.start, item.end)

    # ------------------------------------------------------------------ output
    def _span(self, start: int, end: int) -> Span:
        piece = self.doc[start:end]
        return Span(piece.start_char, piece.end_char, piece.text)

    def _quote(self, item: _Found) -> Quote:
        text = self.text
        return Quote(
            speaker=item.speaker,
            speaker_mention=self._span(*item.speaker_span) if item.speaker_span else None,
            cue=self._span(*item.cue) if item.cue else None,
            kind=item.kind,
            text=text[item.char_start : item.char_end],
            start=item.char_start,
            end=item.char_end,
            confidence=round(item.confidence, 2),
            cue_type=item.cue_type,
        )


@lru_cache(maxsize=1)
def _noun_hashes() -> numpy.ndarray:
    """Hashes of the lemmas of the reporting nouns (`reporting_nouns.tsv`)."""
    return numpy.array([hash_string(noun) for noun in reporting_nouns()], dtype=numpy.uint64)


def _without_nested(found: list[_Found]) -> list[_Found]:
    """Reported speech inside other reported speech is part of what that speaker said,
    not a quote of its own, as speech inside a direct quotation is: a stance ("Grayson
    said he opposes the plan"), a thought ("she said she thinks the report should be
    published"), what someone else said ("he said the mayor told him the road was
    closed"), and anything inside what someone asks, wants or promises to happen
    ("urged the council to condemn the attack": nobody has condemned anything)."""
    def inside(item: _Found, other: _Found) -> bool:
        return item.cue is not None and other.start <= item.cue[0] and item.cue[1] <= other.end

    def relayed(outer: _Found, item: _Found) -> bool:
        # "According to the interview, the president said that C": the record relays
        # someone's speech, which is the quote
        return (outer.form == "according" and item.cue_type == "speech" and item.form == "clause" and item.head is not None
                and outer.start <= item.head < outer.end and inside(item, outer))

    relays = {id(other) for other in found for item in found if item is not other and relayed(other, item)}

    def nested(item: _Found) -> bool:
        if item.cue is None:
            return False
        if id(item) in relays:
            return True
        for other in found:
            if other is item or not inside(item, other) or inside(other, item) or id(other) in relays:
                continue
            # a clause inside a noun phrase is its own ("cited new tariffs, which he said
            # had harmed farmers")
            if item.cue_type == "stance" or other.form not in NOUN_FORMS:
                return True
        return False
    return [item for item in found if not nested(item)]


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token = token.head
        depth += 1
    return depth


def _back_shifted(sentence) -> bool:
    """Whether a sentence is in the tense of reported speech: its first finite verb is a
    past perfect or a past modal ("had been", "would be barred", "could not")."""
    finite = next((t for t in sentence if t.tag_ in FINITE_TAGS), None)
    return finite is not None and finite.lower_ in BACK_SHIFT


def _headline_end(text: str) -> int:
    """Character offset after a headline that opens the text, else 0. A headline is a first
    paragraph of at most HEADLINE_WORDS words that does not end as a sentence does
    ("Iran demands release of detained fishermen"): it tells in short what the body
    reports, so its "says" and "urges" are no quotes of their own."""
    stripped = text.lstrip()
    offset = len(text) - len(stripped)
    newline = stripped.find("\n")
    if newline < 0 or not stripped[newline:].strip():
        return 0
    first = stripped[:newline].rstrip()
    if not first or len(first.split()) > HEADLINE_WORDS or first.rstrip("”’\"'»").endswith((".", "!", "?", ":")):
        return 0
    return offset + newline


def _dateline_end(doc: Doc) -> int:
    """Token index after a dateline that opens the text ("TEHRAN – ", "ISLAMABAD (Reuters) -"),
    else 0: a dateline is neither speaker nor content."""
    i = 0
    n = min(len(doc), 8)
    while i < n and doc[i].is_space:
        i += 1
    first = i
    while i < n and (doc[i].text.isupper() and doc[i].is_alpha or doc[i].text in ("(", ")", ",") or (doc[i].is_title and i > first and doc[i - 1].text == "(")):
        i += 1
    if i > first and i < n and doc[i].text in DATELINE_DASHES:
        return i + 1
    if i < n and len(doc[i].text) > 2 and doc[i].text[-1] in "-–—_:" and doc[i].text[:-1].isalpha() and doc[i].text[:-1].isupper():
        return i + 1  # "TEHRAN-" as one token
    return 0
