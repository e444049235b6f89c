"""The actor layer: one real-world actor becomes one actor holding all its mentions.

Steps, in order (each a method below):
1. knowledge-base names found in the text (`_match_kb`);
2. spaCy's named entities, with their known failures mended (`_named_entities`):
   a name cut at a particle or a hyphen is extended along its compound chain, a leading
   title or determiner is trimmed;
3. the two merged, longest span first, knowledge base first on ties (`_merge`);
4. each span read as a mention (`_read_span`): a KB actor, a person, an organization, a
   place; demonyms and capitals are read by their role in the sentence;
5. noun phrases that describe actors without naming them (`_noun_phrases`): a country's
   government, a body of a state, a group that acts, a title that refers back to a person;
6. acronyms the text defines ("Tehreek-e-Taliban Pakistan (TTP)") (`_acronyms`);
7. people: full names, surnames, roles from appositions and pre-modifiers (`roles.py`);
8. coreference of titles and pronouns (`coref.py`);
9. each actor's final type, country, sector and roles on the article's date (`_finish`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .. import lexicon
from ..kb.base import KnowledgeBase, NameEntry
from ..kb.names import chunk_words, is_all_capitals, is_capitalized, name_words, slug
from ..kb.records import ActorRecord
from ..model import Actor, Mention
from . import coref, roles
from .syntax import LOCATIVE_PREPS, boilerplate_mask, conjunct_root, doc_text, is_agentive, is_subject, noun_phrase_start, quote_mask, sentence_index, strip_span, token_table

NER_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
# Punctuation tokens that never stand inside a name (hyphens, dots and apostrophes may).
NAME_BREAKS = frozenset({"(", ")", "[", "]", "{", "}", '"', "“", "”", "«", "»", "!", "?", ";", ":"})
KIND_ORDER = {"name": 0, "alias": 1, "acronym": 2, "capital": 3, "demonym": 4}
TYPE_ORDER = {"state": 0, "igo": 1, "armed_group": 2, "organization": 3, "person": 4, "location": 5, "group": 6}
EXCLUDED_GROUP_DETS = frozenset({"any", "no", "every", "each", "these", "those", "this", "that", "such", "a", "an", "some", "which", "what", "whose"})
NAME_STOP_DETS = frozenset({"the", "other", "some", "many", "several", "all", "both", "most", "various", "certain", "few"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
SMALL_NUMBERS = frozenset("one two three four five six seven eight nine ten eleven twelve both".split())
NAME_FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "to", "at", "&", "-", "des", "und", "y"})


@dataclass(slots=True)
class MentionRef:
    """A mention tied to tokens [start, end), for the later stages."""

    start: int
    end: int
    actor: str
    kind: str


@dataclass
class ActorBuild:
    """An actor while the layer is still gathering what the article says of it."""

    key: str
    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    record: ActorRecord | None = None
    roles: list[str] = field(default_factory=list)
    role_sectors: list[str] = field(default_factory=list)
    mentions: list[MentionRef] = field(default_factory=list)
    agentive: bool = False
    role_families: set[str] = field(default_factory=set)
    current_families: set[str] = field(default_factory=set)  # from roles not marked former/late

    @classmethod
    def of_record(cls, record: ActorRecord, day: dt.date | None) -> "ActorBuild":
        """A knowledge-base actor as the record has it on the article's day."""
        return cls(key=record.id, name=record.name, type=record.type_on(day), country=record.country_on(day),
                   sector=record.sector_on(day), record=record)


@dataclass
class DocActors:
    """What the actor layer found in one document."""

    actors: dict[str, ActorBuild]
    mentions: list[MentionRef]
    token_mention: list[int]  # per token: index into `mentions` of the innermost mention, or -1
    day: dt.date | None = None
    excluded: list[bool] = field(default_factory=list)  # per token: page furniture, not news
    day_inferred: bool = False  # `day` was estimated from the offices the article names
    # per token of a demonym ("Israeli", "Iranian"): its span and state, for a later stage
    # that finds the state acting through it ("the Israeli strikes")
    demonyms: dict[int, tuple[int, int, ActorRecord]] = field(default_factory=dict)
    # per first token of a state's capital named as a place ("talks in Washington"): the
    # state's country, so that the place stage reads the capital, not a namesake
    capitals: dict[int, str] = field(default_factory=dict)

    def mention_at(self, token_index: int) -> MentionRef | None:
        index = self.token_mention[token_index] if 0 <= token_index < len(self.token_mention) else -1
        return self.mentions[index] if index >= 0 else None

    def actor_at(self, token_index: int) -> str | None:
        mention = self.mention_at(token_index)
        return mention.actor if mention else None

    def actors_at(self, token_index: int) -> list[str]:
        """All actors with a mention of the same span as the innermost one at this token
        ("They (TTP and the Taliban)" is a mention of both)."""
        mention = self.mention_at(token_index)
        if mention is None:
            return []
        keys = [m.actor for m in self.mentions if m.start == mention.start and m.end == mention.end]
        return list(dict.fromkeys(keys))

    def add_actor(self, key: str, name: str, actor_type: str, country: str | None = None, sector: str | None = None) -> ActorBuild:
        """An actor found by a later stage (a group that speaks: "experts believe")."""
        actor = self.actors.get(key)
        if actor is None:
            actor = ActorBuild(key=key, name=name, type=actor_type, country=country, sector=sector)
            self.actors[key] = actor
        return actor

    def demonym_actor(self, token_index: int) -> list[str]:
        """The state a demonym names when a later stage finds it acting or acted on through
        a modifier ("the Israeli strikes", "sanctions on Iranian companies"): the state
        becomes an actor of the article with this demonym as its mention. [] when the token
        is no demonym or lies inside a mention already."""
        entry = self.demonyms.get(token_index)
        if entry is None or self.mention_at(token_index) is not None:
            return []
        start, end, record = entry
        if record.id not in self.actors:
            self.actors[record.id] = ActorBuild.of_record(record, self.day)
        self.add_mention(record.id, start, end, "demonym")
        return [record.id]

    def add_mention(self, actor_key: str, start: int, end: int, kind: str) -> MentionRef:
        """A mention found by a later stage ("we" in a minister's quote is the minister's state)."""
        mention = MentionRef(start, end, actor_key, kind)
        self.actors[actor_key].mentions.append(mention)
        index = len(self.mentions)
        self.mentions.append(mention)
        for i in range(start, end):
            current = self.token_mention[i]
            if current < 0 or (self.mentions[current].end - self.mentions[current].start) >= end - start:
                self.token_mention[i] = index
        return mention


class ActorLayer:
    """Finds the actors of a parsed document. Build once, call per document."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.titles = lexicon.phrases("titles.tsv", 3)
        self.bodies = lexicon.phrases("bodies.tsv", 4)
        self.governments = lexicon.phrases("government.tsv", 1)
        self.groups = lexicon.phrases("groups.tsv", 5)
        self.quantity_words = lexicon.words("quantity_words.txt")
        self.armed_modifiers = lexicon.words("armed_modifiers.txt")
        self.territory = lexicon.phrases("territory.txt", 1)
        self.particles = lexicon.words("name_particles.txt")
        self.honorifics = lexicon.words("honorifics.txt")
        self.non_actor_heads = lexicon.words("non_actor_heads.txt")
        self.compass = lexicon.words("compass.txt")
        self.place_suffixes = lexicon.words("place_suffixes.txt")
        self.facility_heads = lexicon.words("facility_heads.txt")
        self.boilerplate = lexicon.pattern("boilerplate.txt")
        self.non_actor_names = lexicon.words("non_actor_names.txt")
        self.org_heads = lexicon.words("org_heads.txt")
        self.government_modifiers = lexicon.words("government_modifiers.txt")
        # verbs after which "it" is an organization speaking ("the ministry said it ...")
        self.speech_verbs = frozenset(term for term in lexicon.table("reporting_verbs.tsv", 4) if " " not in term)
        # the last words of every phrase the noun-phrase step looks for
        self.phrase_heads = frozenset().union(*(table.by_last for table in (self.governments, self.bodies, self.titles, self.groups)))
        self.title_words = frozenset(word for term in self.titles.rows for word in term.split())
        self.generic_body_words = lexicon.words("generic_body_words.txt")
        self.body_words = frozenset(word for term in self.bodies.rows for word in term.split())

    # ------------------------------------------------------------------ entry point
    def __call__(self, doc: Doc, day: dt.date | None = None) -> DocActors:
        found = _Run(self, doc, day).result()
        if day is None:
            # An undated article still tells its time through the offices it names:
            # "Prime Minister Imran Khan" puts it between 2018 and 2022.
            inferred = roles.infer_day(self, found)
            if inferred is not None:
                found = _Run(self, doc, inferred).result()
                found.day_inferred = True
        return found


class _Run:
    """One document's pass through the layer (holds the per-document state)."""

    def __init__(self, layer: ActorLayer, doc: Doc, day: dt.date | None):
        self.layer = layer
        self.kb = layer.kb
        self.doc = doc
        self.day = day
        table = token_table(doc)
        self.texts = table.texts
        self.lowers = table.lowers
        self.pos = table.pos
        self.tags = table.tags
        self.space = table.space
        self._positions: dict[str, list[int]] | None = None
        self.dateline = self._find_dateline()
        self.kb_tokens: dict[int, list[NameEntry]] = {}  # token -> the knowledge-base names found there
        self.name_words_cache: dict[tuple[int, int], tuple[str, ...]] = {}
        self.sent = sentence_index(doc)
        self.in_quote = quote_mask(doc)
        self.excluded = boilerplate_mask(doc, layer.boilerplate)
        self.actors: dict[str, ActorBuild] = {}
        self.mentions: list[MentionRef] = []
        self.taken = list(self.excluded)  # tokens inside an accepted name span (or page furniture)
        self.last_government: ActorBuild | None = None  # the latest government named with its country
        self.demonym_country: dict[int, str] = {}  # token index of a demonym -> country code
        self.demonyms: dict[int, tuple[int, int, ActorRecord]] = {}  # token index -> (start, end, state)
        self.state_tokens: dict[int, str] = {}  # token index inside a state mention -> state actor key
        self.person_names: list[MentionRef] = []
        self.capitals: dict[int, str] = {}
        self.people_of: list[tuple[MentionRef, ActorRecord]] = []  # "Iranians" acting, and their state
        self.title_refs: list[coref.TitleRef] = []

    # ------------------------------------------------------------------ orchestration
    def result(self) -> DocActors:
        self._mark_things()
        kb_spans = self._match_kb()
        spans = self._merge(kb_spans, self._split_kb_prefix(kb_spans, self._named_entities()))
        names = []
        for span in spans:
            if span[2] == "ner" and span[3] in ("ORG", "GPE", "LOC", "PERSON"):
                names.append(span)
            else:
                self._read_span(*span)
        for span in self._people_first(names):
            self._read_span(*span)
        self._peoples_as_states()
        self._acronyms()
        self._noun_phrases()
        roles.attach_people(self)
        coref.resolve(self)
        self._finish()
        self.mentions.sort(key=lambda m: (m.start, -m.end))
        token_mention = [-1] * len(self.doc)
        # Longer mentions first, so that the innermost mention of a token wins.
        for index in sorted(range(len(self.mentions)), key=lambda i: -(self.mentions[i].end - self.mentions[i].start)):
            mention = self.mentions[index]
            for i in range(mention.start, mention.end):
                token_mention[i] = index
        return DocActors(self.actors, self.mentions, token_mention, self.day, self.excluded, demonyms=self.demonyms, capitals=self.capitals)

    # ------------------------------------------------------------------ 1. knowledge base
    def _match_kb(self) -> list[tuple[int, int, str, object]]:
        """Longest knowledge-base names, aligned on token boundaries."""
        words: list[str] = []
        word_token: list[int] = []
        space = self.space
        for i, text in enumerate(self.texts):
            if space[i]:
                continue
            for word in chunk_words(text):
                words.append(word)
                word_token.append(i)
        found = []
        i = 0
        count = len(words)
        while i < count:
            match = self._kb_match_at(words, word_token, i)
            if match is None:
                i += 1
                continue
            length, first, last, usable = match
            # a longer name that starts one word later wins: "the West Bank" is not "the West"
            later = self._kb_match_at(words, word_token, i + 1) if i + 1 < count else None
            if later is not None and length > 1 and i + 1 + later[0] > i + length:
                i += 1
                continue
            found.append((first, last + 1, "kb", usable))
            for j in range(first, last + 1):
                self.kb_tokens[j] = usable
            i += length
        return found

    def _kb_match_at(self, words: list[str], word_token: list[int], i: int):
        """The longest knowledge-base name at word `i` that is written as a name and aligned
        on tokens: (words, first token, last token, entries), or None. ("Pakistani army" is
        not the KB's "Pakistani Army", but its "Pakistani" is a demonym.)"""
        matcher = self.kb.matcher
        if words[i] not in matcher.longest:
            return None
        count = len(words)
        for length, entries in matcher.matches(words, i):
            first = word_token[i]
            last = word_token[i + length - 1]
            aligned = (i == 0 or word_token[i - 1] != first) and (i + length == count or word_token[i + length] != last)
            if not aligned or any(self.things[first : last + 1]):
                continue
            if any(self.texts[j] in NAME_BREAKS for j in range(first + 1, last)):
                continue  # "Donald) Trump", "President!” Trump": punctuation no name is written with
            text = self.doc[first : last + 1].text
            usable = [e for e in entries if (is_all_capitals(text) if e.capitals_only else self._proper_case(first, last + 1, e.lowercase))]
            if usable:
                return length, first, last, usable
        return None

    def _proper_case(self, start: int, end: int, lowercase: tuple[str, ...] = ()) -> bool:
        """Written as a name: every word capitalised but particles and function words
        ("al-Qaeda", "Islamic State of Iraq and the Levant"), or all in capitals. "Islamic
        group" at the start of a sentence is not the "Islamic Group"."""
        capital = False
        for i in range(start, end):
            text = self.texts[i]
            first = next((char for char in text if char.isalpha()), None)
            if first is None or self.tags[i] == "POS" or text[:1] in "'’":
                continue
            if first.isupper():
                capital = True
            elif self.lowers[i] not in NAME_FUNCTION_WORDS and self.lowers[i] not in self.layer.particles:
                if not lowercase or not all(word in lowercase for word in chunk_words(text)):
                    return False
        return capital

    # ------------------------------------------------------------------ 2. named entities
    def _named_entities(self) -> list[tuple[int, int, str, object]]:
        found = []
        doc = self.doc
        for ent in doc.ents:
            label = ent.label_
            if label not in NER_LABELS:
                continue
            start, end = ent.start, ent.end
            if self.dateline and start < self.dateline[1] < end:
                start = self.dateline[1]  # "TEHRAN- Iran's Water Company": the dateline is not part of the name
            if label == "FAC":
                label = "LOC"  # a building, an airport, a road: a place
            if label in ("PERSON", "ORG"):
                start, end = self._extend_name(start, end)
            if label in ("PERSON", "ORG", "GPE", "LOC"):
                start, end, label = self._place_head(start, end, label)
            while end - start > 1 and self._honorific(end - 1):
                end -= 1  # "told RTE Mr (Martin)": the honorific opens the next person's name
            if label == "PERSON":
                while start < end - 1 and (self.lowers[start] in self.layer.title_words or doc[start].pos_ not in ("PROPN", "X")):
                    start += 1
                # a first name the model left out: "(ambassador to Pakistan) Mehmet" + "Ali Kaya"
                for _ in range(2):
                    before = start - 1
                    if before < 0 or self.pos[before] != "PROPN" or not self.texts[before][:1].isupper():
                        break
                    if doc[before].ent_type_ or self.lowers[before] in self.layer.title_words or before in self.kb_tokens:
                        break
                    if doc[before].is_sent_start or self.sent[before - 1] != self.sent[before]:
                        break  # a capitalised first word of a sentence is no evidence of a name
                    start = before
            if label == "ORG":
                cut = self._org_then_person(start, end)
                if cut is not None:
                    org_start, org_end = strip_span(doc, start, cut)
                    found.append((org_start, org_end, "ner", "ORG"))
                    start, label = cut, "PERSON"
            pieces = [start]
            # "Ibrahimi, Larijani"; a paragraph break ("Holding Co.\n\nLtd.") ends any name
            pieces += [i + 1 for i in range(start, end) if doc[i].text in (",", ";") or (doc[i].is_space and "\n" in doc[i].text)]
            pieces.append(end + 1)
            for piece_start, piece_end in zip(pieces, pieces[1:]):
                piece_start, piece_end = strip_span(doc, piece_start, piece_end - 1)
                if piece_start < piece_end and self._plausible(piece_start, piece_end, label):
                    found.append((piece_start, piece_end, "ner", label))
        return found

    def _mark_things(self) -> None:
        """Names of plans, projects and occasions ("Belt and Road Initiative", "China-Pakistan
        Economic Corridor (CPEC)") and their acronyms: no named entity is read inside them."""
        texts, lowers, pos = self.texts, self.lowers, self.pos
        count = len(texts)
        things = self.things = [False] * count
        acronyms = set()
        heads = self.layer.non_actor_heads
        for end in range(count):
            if pos[end] != "PROPN" or lowers[end] not in heads or not texts[end][:1].isupper():
                continue
            start = end
            while start > 0 and (pos[start - 1] == "PROPN" or lowers[start - 1] in ("and", "&", "of", "-")):
                start -= 1
            if start == end:
                continue
            for i in range(start, end + 1):
                things[i] = True
            if end + 3 < count and texts[end + 1] == "(" and texts[end + 3] == ")":
                acronyms.add(texts[end + 2])
        if acronyms:
            for i, text in enumerate(texts):
                if text in acronyms:
                    things[i] = True

    def _plausible(self, start: int, end: int, label: str) -> bool:
        """Known failures of the statistical model that no actor comes from: a lone compass
        word ("West, South and Central Asia"), a plan or an occasion named like an
        organization ("Belt and Road Initiative"), a "person" written in capitals or after
        "the" ("the BRI")."""
        doc = self.doc
        lowers = self.lowers[start:end]
        if all(word in self.layer.compass for word in lowers) or any(self.things[start:end]):
            return False
        if label in ("ORG", "PERSON") and lowers[-1] in self.layer.non_actor_heads:
            return False
        if label == "ORG":
            term = self.layer.governments.ending_at(self.lowers, end - 1) or self.layer.bodies.ending_at(self.lowers, end - 1)
            if term and self._generic_modifiers(start, end - term[0]):
                return False  # "U.S. Administration", "Iranian Intelligence Ministry": read as noun phrases
        if " ".join(lowers) in self.layer.non_actor_names:
            return False
        if label in ("ORG", "GPE"):
            title = self.layer.titles.ending_at(self.lowers, end - 1)
            if title and title[0] > end - start:
                return False  # "Secretary of State": the end of a title, not a name
        if "(" in lowers and ")" not in lowers or ")" in lowers and "(" not in lowers:
            return False  # "Imam (Khomeini": a span across a bracket
        if self.sent[start] != self.sent[end - 1]:
            return False  # "president. Trump": a span across a sentence boundary
        if label == "PERSON":
            if end - start == 1 and is_all_capitals(doc[start].text):
                return False
            if all(word in self.layer.title_words or self._honorific(i) for i, word in zip(range(start, end), lowers)):
                return False  # "Taoiseach", "Chief Minister": a title with no name
            if not any(doc[i].text[:1].isupper() for i in range(start, end)):
                return False  # "Head of (Atomic Energy ...)" less its title: no name is left
            if start > 0 and self.lowers[start - 1] == "the" and not self._after_person_title(start):
                return False
        return True

    def _honorific(self, i: int) -> bool:
        """Whether token i is an honorific or rank written before names ("Mr", "Dr.", "Gen.")."""
        return self.lowers[i].rstrip(".") in self.layer.honorifics and self.texts[i][:1].isupper()

    def _generic_modifiers(self, start: int, end: int) -> bool:
        """Whether the words before a government or body term are only determiners, a
        country (a knowledge-base state or demonym), possessives and the usual modifiers of a
        government ("the current Afghan government"), not a name of its own ("the Food and
        Drug Administration", "the sanctions regime")."""
        for i in range(start, end):
            lower = self.lowers[i]
            if lower in ("the", "'s", "’s", "-", "'", "’") or self.tags[i] in ("DT", "POS", "PRP$"):
                continue
            entries = self.kb_tokens.get(i)
            if entries and any(e.kind in ("demonym", "name", "alias", "acronym") and self.kb.records[e.actor_id].type == "state" for e in entries):
                continue
            if lower in self.layer.government_modifiers:
                continue
            return False
        return True

    def _split_kb_prefix(self, kb_spans, ner_spans):
        """An entity that runs a known organization into a person's name ("National Assembly
        of Pakistan Sardar Ayaz Sadiq") is cut after the organization; the rest is a person.
        A known name that modifies the rest stays in it ("China Times"); a known name
        followed by another known name is the two ("Iranian" + "Revolutionary Guard")."""
        by_start = {}
        for start, end, _, entries in kb_spans:
            if end - start > by_start.get(start, (0,))[0]:
                by_start[start] = (end - start, end)
        known_spans = {(start, end) for start, end, _, _ in kb_spans}
        out = []
        for start, end, origin, label in ner_spans:
            known = by_start.get(start)
            if label in ("ORG", "GPE") and known and known[1] < end:
                if (known[1], end) in known_spans:
                    continue  # "Iranian Revolutionary Guard": a demonym and a known name, both read as such
                rest = self.doc[known[1] : end]
                if all(t.pos_ == "PROPN" for t in rest) and not self._modifies(known[1] - 1, known[1], end):
                    # two or more proper nouns after a known name are a person's name; a single
                    # one keeps its label and is read as a person if the article names one so
                    out.append((known[1], end, origin, "PERSON" if len(rest) > 1 else label))
                    continue
            out.append((start, end, origin, label))
        return out

    def _org_then_person(self, start: int, end: int) -> int | None:
        """Where an organization's name ends when the model ran it into the name of the
        person after it ("the Hubballi Bar Association D.M. Nargund"): after its last head
        word, when two or three proper nouns that name no organization follow; else None."""
        heads = self.layer.org_heads
        cut = next((k + 1 for k in range(end - 2, start, -1) if self.lowers[k] in heads), None)
        if cut is None or not 2 <= end - cut <= 3:
            return None
        for i in range(cut, end):
            text = self.texts[i]
            if self.pos[i] != "PROPN" or not text[:1].isupper() or (is_all_capitals(text) and "." not in text):
                return None
            if self.lowers[i] in heads or self.lowers[i] in self.layer.facility_heads or i in self.kb_tokens:
                return None
        return cut

    def _place_head(self, start: int, end: int, label: str) -> tuple[int, int, str]:
        """A place's kind written after its name belongs to the mention ("Herat province",
        "the Marjan oilfield", "Islam Qala border crossing"), and a name that ends with a
        facility's head word is a place ("Evin Prison", "Hamid Karzai International Airport"),
        whatever label the model gave it."""
        layer = self.layer
        heads = layer.facility_heads
        if label in ("GPE", "LOC"):
            j = end
            while j < len(self.texts) and j - end < 2 and self.pos[j] in ("NOUN", "PROPN") and (
                    self.lowers[j] in heads or self.lowers[j] in layer.place_suffixes or self.lowers[j] == "border"):
                j += 1
            if j > end and (self.lowers[j - 1] in heads or self.lowers[j - 1] in layer.place_suffixes) and not self.doc[j - 1].ent_type_:
                end = j
        if label in ("PERSON", "ORG") and self.lowers[end - 1] in heads and end - start > 1:
            label = "LOC"
        return start, end, label

    def _modifies(self, last: int, start: int, end: int) -> bool:
        """Whether a known name ending at token `last` is a modifier of the name in tokens
        [start, end) ("China Times", "Arab League Council", "Taiwan Affairs Office": one
        name whose head word follows), rather than a name of its own before another one."""
        if self.lowers[end - 1] in self.layer.org_heads:
            return True
        token = self.doc[last]
        if token.dep_ not in ("compound", "nmod") or not start <= token.head.i < end:
            return False
        # "ties with Pakistan Rouhani (also said)": a headline's country and a known person
        rest = self.doc[start:end].text
        return not any(r.type == "person" for r in self.kb.lookup(rest)) and self.kb.office_holder(rest, self.day) is None

    def _extend_name(self, start: int, end: int) -> tuple[int, int]:
        """Mend names the statistical model cuts short: "Anwaar" -> "Anwaar ul Haq Kakar",
        "Tehreek" -> "Tehreek-e-Taliban Pakistan". A name whose last token is a compound of a
        proper noun further right is extended along that compound chain to its head, and
        over name particles and hyphens on the way."""
        doc = self.doc
        # Across lower-case particles: "Zafar" + "ul" + "Mulk Qureshi", whatever the parse says.
        particles = self.layer.particles
        while True:
            j = end
            while j < len(doc) and self.lowers[j] in particles and doc[j].text.islower():
                j += 1
            if j == end or j >= len(doc) or doc[j].pos_ != "PROPN" or not doc[j].text[:1].isupper():
                break
            if doc[j].ent_type_ not in ("", "PERSON", "ORG") or self.lowers[j] in self.layer.title_words:
                break
            end = j + 1
            while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].ent_iob_ == "I":
                end += 1
        last = doc[end - 1]
        head = last.head
        for _ in range(6):
            if last.dep_ != "compound" or head.i <= last.i or head.pos_ != "PROPN" or head.i - end > 6:
                break
            between = doc[end : head.i + 1]
            if not all(self._name_filler(t) for t in between[:-1]):
                break
            if any(t.ent_type_ == "PERSON" or t.lower_ in self.layer.title_words for t in between):
                break  # "Intelligence Minister Mahmoud Alavi" is a title and a person, not one name
            end = head.i + 1
            last, head = head, head.head
        return start, end

    def _name_filler(self, token: Token) -> bool:
        return token.pos_ == "PROPN" or token.text == "-" or token.lower_ in self.layer.particles

    # ------------------------------------------------------------------ 3. merge
    def _merge(self, kb_spans, ner_spans):
        candidates = kb_spans + ner_spans
        candidates.sort(key=lambda c: (-(c[1] - c[0]), 0 if c[2] == "kb" else 1, c[0]))
        accepted = []
        taken = self.taken
        for start, end, origin, info in candidates:
            if any(taken[start:end]):
                continue
            for i in range(start, end):
                taken[i] = True
            accepted.append((start, end, origin, info))
        accepted.sort(key=lambda c: c[0])
        return accepted

    # ------------------------------------------------------------------ 4. read spans
    def _people_first(self, names):
        """The statistical model often labels a person's name ORG or GPE ("Military analyst
        Farzana Baig" as ORG, a lone "Larijani" as GPE). A proper name right after a person's
        title, or whose words all belong to a name labelled PERSON in the same article, is
        read as a person."""
        person_words = set()
        for i, entries in self.kb_tokens.items():
            if self.taken[i] and any(self.kb.records[e.actor_id].type == "person" for e in entries):
                person_words.update(chunk_words(self.texts[i]))
        for start, end, _, label in names:
            if label == "PERSON" or self._after_person_title(start):
                person_words.update(name_words(self.doc[start:end].text))
        out = []
        for start, end, origin, label in names:
            tokens = self.doc[start:end]
            if label != "PERSON":
                proper = all(t.pos_ == "PROPN" for t in tokens)
                words = name_words(tokens.text)
                if proper and (self._after_person_title(start) or (words and set(words) <= person_words)):
                    label = "PERSON"
                elif proper and label == "ORG" and 2 <= len(words) <= 3 and (words[-1] in person_words or self._title_apposition(end)):
                    label = "PERSON"  # "Karim Rahimzai, a lecturer at ..." labelled ORG
                elif label == "ORG" and proper and not is_agentive(tokens.root) and self.lowers[end - 1] not in self.layer.org_heads:
                    label = "GPE"  # "attacks in Quetta": a place the model took for an organization
            elif self.lowers[end - 1] in self.layer.org_heads:
                label = "ORG"  # "Latvian Constitutional Court" taken for a person
            elif not is_agentive(tokens.root) and tokens.root.dep_ == "pobj" and not self._after_person_title(start):
                label = "GPE"  # "fighting in Raqqah": a place the model took for a person
            out.append((start, end, origin, label))
        return out

    def _title_apposition(self, end: int) -> bool:
        """Whether a person's title follows in apposition: "X, a lecturer at ...", "X, the
        spokesman"."""
        i = end
        if i >= len(self.texts) or self.texts[i] != ",":
            return False
        i += 1
        while i < len(self.texts) and self.lowers[i] in ("a", "an", "the") :
            i += 1
        for j in range(i, min(i + 4, len(self.texts))):
            if self.layer.titles.ending_at(self.lowers, j) and self.pos[j] == "NOUN":
                return True
        return False

    def _after_person_title(self, start: int) -> bool:
        """Whether a person's title ("analyst", "Minister", "President") ends right before."""
        if start == 0:
            return False
        previous = self.doc[start - 1]
        if previous.pos_ not in ("NOUN", "PROPN") or self.taken[start - 1]:
            return False
        return self.layer.titles.ending_at(self.lowers, start - 1) is not None

    def _read_span(self, start: int, end: int, origin: str, info) -> None:
        doc = self.doc
        root = doc[start:end].root
        if origin == "kb":
            entry = self._best_entry(info, self._context_country(start, end) or self._sentence_country(start))
            record = self.kb.records[entry.actor_id]
            if self._other_country_body(start, end, record):
                return
            if entry.kind == "demonym":
                self._demonym(start, end, record)
            elif self._dateline(start, end):
                pass  # the dateline is where the article was filed, not an actor (the place stage reads it)
            elif entry.kind == "capital" and not self._acts(root):
                self.capitals[start] = record.country
                self._place(start, end, doc[start:end].text, record.country)
            else:
                if entry.kind == "capital":
                    self.capitals[start] = record.country
                kind = "metonym" if entry.kind == "capital" else entry.kind
                self.add_mention(self._kb_actor(record), start, end, kind, agentive=self._acts(root))
            return
        text = doc[start:end].text
        if info == "PERSON":
            mention = MentionRef(start, end, "", "name")
            self.person_names.append(mention)
        elif info == "ORG":
            if self._generic_name(start, end):
                self._generic_org(start, end)
                return
            key = slug(text)
            actor = self.actors.get(key)
            if actor is None:
                country, sector = self._org_attributes(start, end)
                actor = self._new_actor(key, text, self._org_type(start, end), country=country, sector=sector)
            self.add_mention(actor, start, end, "name", agentive=True)
        elif info in ("GPE", "LOC") and not self._dateline(start, end):
            self._place(start, end, text, None)
        elif info == "NORP":
            pass  # nationalities and religions: attributes of other phrases, not actors themselves

    def _generic_org(self, start: int, end: int) -> None:
        """An organization named only by generic words ("the Council", "the Assembly",
        "Armed Forces"): the organization of the article whose name ends with them, the one
        mentioned last before; else, of two words or more ("Supreme Court"), a body of the
        country its context or sentence names; a bare head word alone is no actor."""
        words = name_words(self.doc[start:end].text)
        best = None
        for actor in self.actors.values():
            if actor.type not in ("organization", "igo", "armed_group"):
                continue
            if not any(_words_end_with(name_words(name), words) and name_words(name) != words for name in self._names_of(actor)):
                continue
            last = max((m.start for m in actor.mentions if m.start < start), default=-1)
            if last >= 0 and (best is None or last > best[0]):
                best = (last, actor)
        agentive = self._acts(self.doc[start:end].root)
        if best is not None:
            self.add_mention(best[1], start, end, "alias", agentive=agentive)
            return
        if end - start < 2:
            return
        text = self.doc[start:end].text
        country = self._context_country(start, end) or self._sentence_country(start)
        state = self.kb.state(country)
        key = slug(f"{state.name} {text}") if state else slug(text)
        name = f"{state.demonyms[0] if state.demonyms else state.name} {text}" if state else text
        actor = self.actors.get(key) or self._new_actor(key, name, self._org_type(start, end), country=country)
        self.add_mention(actor, start, end, "name", agentive=agentive)

    def _best_entry(self, entries: list[NameEntry], country: str | None = None) -> NameEntry:
        """The best reading of a knowledge-base name: of the country its context names
        first ("Britain's Foreign Office" is not Pakistan's), then by kind and type."""
        def rank(entry: NameEntry):
            record = self.kb.records[entry.actor_id]
            return (0 if country and record.country == country else 1, KIND_ORDER.get(entry.kind, 9), TYPE_ORDER.get(record.type, 9))

        return min(entries, key=rank)

    def _context_country(self, start: int, end: int) -> str | None:
        """The country a name's own context gives: a demonym or state right before it
        ("the Kenyan National Assembly", "Kenya's National Assembly") or "of <state>" right
        after it ("the National Assembly of Kenya")."""
        i = start - 1
        if i >= 0 and self.tags[i] == "POS":
            i -= 1
        before = self._country_at(i)
        if before:
            return before
        if end + 1 < len(self.texts) and self.lowers[end] == "of":
            j = end + 1
            if self.lowers[j] == "the" and j + 1 < len(self.texts):
                j += 1
            return self._country_at(j)
        return None

    def _generic_name(self, start: int, end: int) -> bool:
        """Whether a name is made only of words any country's bodies are named with."""
        layer = self.layer
        return all(
            word in layer.generic_body_words or word in layer.org_heads or word in layer.body_words
            for i in range(start, end) for word in chunk_words(self.texts[i])
        )

    def _sentence_country(self, start: int) -> str | None:
        """The one country a sentence names (a state, its demonym or capital), or None."""
        sentence = self.sent[start]
        found = set()
        i = start
        while i > 0 and self.sent[i - 1] == sentence:
            i -= 1
        while i < len(self.texts) and self.sent[i] == sentence:
            country = self._country_at(i, capitals=True)
            if country:
                found.add(country)
            i += 1
        return found.pop() if len(found) == 1 else None

    def _country_at(self, i: int, capitals: bool = False) -> str | None:
        """The country of a state's name or demonym at token i (knowledge base), or None."""
        if i < 0 or i >= len(self.texts):
            return None
        for entry in self.kb_tokens.get(i, ()):
            record = self.kb.records[entry.actor_id]
            if record.type == "state" and entry.kind in ("name", "alias", "acronym", "demonym"):
                return record.country
            if capitals and entry.kind == "capital":
                return record.country
        return None

    def _other_country_body(self, start: int, end: int, record: ActorRecord) -> bool:
        """A generic body name the knowledge base knows of one country ("National Assembly",
        "Foreign Office") that the context gives to another ("Kenya's National Assembly"):
        a body of that other country, never the known one. True when read so."""
        if record.type != "organization" or not record.country or not self._generic_name(start, end):
            return False
        country = self._context_country(start, end)
        if not country or country == record.country:
            return False
        state = self.kb.state(country)
        if state is None:
            return False
        text = self.doc[start:end].text
        demonym = state.demonyms[0] if state.demonyms else state.name
        key = slug(f"{state.name} {text}")
        actor = self.actors.get(key) or self._new_actor(key, f"{demonym} {text}", "organization", country=country, sector=record.sector_on(self.day))
        self.add_mention(actor, start, end, "name", agentive=self._acts(self.doc[start:end].root))
        return True

    def _acts(self, token: Token) -> bool:
        return is_agentive(token)

    def _dateline(self, start: int, end: int) -> bool:
        """Whether a span is the place that opens an article: "TEHRAN –", "ISLAMABAD, Dec 3 -"."""
        return self.dateline is not None and self.dateline[0] <= start and end <= self.dateline[1]

    def _find_dateline(self) -> tuple[int, int] | None:
        """The dateline's place: up to three words in capitals at the very start, followed by
        a dash, an underscore, a comma or a colon ("TEHRAN –", "KABUL, March 3 -")."""
        texts = self.texts
        first = 0
        while first < len(texts) and self.space[first]:
            first += 1
        end = first
        while end < len(texts) and end - first < 3 and is_all_capitals(texts[end]) and len(texts[end]) > 1:
            end += 1
        if end == first or end >= len(texts):
            return None
        if texts[end - 1].endswith(("-", "–", "—")) or texts[end] in ("–", "-", "—", "_", ",", ":", "(") or texts[end].startswith(("–", "-", "_")):
            return first, end
        return None

    def _demonym(self, start: int, end: int, state: ActorRecord) -> None:
        """"Afghan soil" is the country as a place; "Afghan government", "Pakistani senator",
        "Iranian officials" take the country as an attribute (read by the noun-phrase step)."""
        doc = self.doc
        token = doc[end - 1]
        head = token.head
        if state.country:
            self.demonym_country[token.i] = state.country
            for i in range(start, end):
                self.demonym_country[i] = state.country
        if state.type == "state":
            for i in range(start, end):
                self.demonyms[i] = (start, end, state)
        if token.dep_ in ("amod", "compound") and head.i > token.i:
            match = self.layer.territory.ending_at(self.lowers, head.i)
            if match and head.i - match[0] + 1 == end:
                actor = self._kb_actor(state)
                self.add_mention(actor, start, head.i + 1, "demonym", agentive=False)
        elif self.tags[end - 1] in ("NNPS", "NNS") and token.dep_ not in ("amod", "compound") and is_agentive(token):
            # "Palestinians blamed Israel", "Afghans fled": the people of a country, as a group
            name = doc[start:end].text
            actor = self.actors.get(slug(name)) or self._new_actor(slug(name), name, "group", country=state.country)
            self.people_of.append((self.add_mention(actor, start, end, "demonym", agentive=True), state))

    def _peoples_as_states(self) -> None:
        """"The Russians have armed ...", "decided by Saudis": a people acting in an article
        that names its state is that state (a metonym); else the people, a group
        ("Palestinians blamed Israel")."""
        for mention, state in self.people_of:
            actor = self.actors.get(state.id)
            if actor is None or not any(m.kind != "demonym" for m in actor.mentions):
                continue
            group = self.actors[mention.actor]
            group.mentions.remove(mention)
            mention.actor = actor.key
            mention.kind = "metonym"
            actor.mentions.append(mention)
            actor.agentive = True
            for i in range(mention.start, mention.end):
                self.state_tokens.setdefault(i, actor.key)

    def _place(self, start: int, end: int, text: str, country: str | None) -> None:
        words = text.split()
        if len(words) > 1 and words[-1].lower() in self.layer.place_suffixes:
            text = " ".join(words[:-1])  # "Kermanshah province" is Kermanshah
        if is_all_capitals(text) and len(text) > 3:
            text = text.title()  # a dateline: "TEHRAN" is Tehran
        records = self.kb.lookup(text)
        record = records[0] if records else None
        if record is None and not country and len(words) == 1:
            holder = self.kb.office_holder(text, self.day)  # "a meeting with Raisi" taken for a place
            if holder is not None:
                self.add_mention(self._kb_actor(holder), start, end, "surname", agentive=self._acts(self.doc[start:end].root))
                return
        if record is not None and record.type in ("state", "location"):
            if record.type == "state" and not country:
                agentive = self._acts(self.doc[start:end].root) and not self._dateline(start, end)
                self.add_mention(self._kb_actor(record), start, end, "name", agentive=agentive)
                return
            if record.type == "location":
                self.add_mention(self._kb_actor(record), start, end, "name")
                return
        key = slug(text)
        actor = self.actors.get(key) or self._new_actor(key, text, "location", country=country)
        if actor.type != "location" and actor.record is None:
            actor.type = "location"
        self.add_mention(actor, start, end, "name")

    def _org_attributes(self, start: int, end: int) -> tuple[str | None, str | None]:
        """Country and sector an organization's own name gives: a state or demonym in it
        ("Interior Ministry of Iran", "Pakistan Army"), a body of state in it (bodies.tsv)."""
        country = sector = None
        for i in range(start, end):
            for entry in self.kb_tokens.get(i, ()):
                record = self.kb.records[entry.actor_id]
                if record.type == "state" and country is None:
                    country = record.country
            match = self.layer.bodies.ending_at(self.lowers, i)
            if match and match[1][0] != "-":
                sector = match[1][0]
        return country, sector

    def _org_type(self, start: int, end: int) -> str:
        lowers = self.lowers[start:end]
        if any(word in self.layer.armed_modifiers for word in lowers) or lowers[-1] in ("militants", "brigade", "brigades", "front"):
            return "armed_group"
        return "organization"

    # ------------------------------------------------------------------ 5. noun phrases
    def _noun_phrases(self) -> None:
        doc = self.doc
        lowers = self.lowers
        layer = self.layer
        excluded = self.excluded
        heads = layer.phrase_heads
        pos = self.pos
        for i, lower in enumerate(lowers):
            if lower not in heads or excluded[i] or pos[i] not in ("NOUN", "PROPN"):
                continue
            token = doc[i]
            match = layer.governments.ending_at(lowers, i)
            if match:
                self._government(token, match[0])
                continue
            if self.taken[i]:
                continue
            match = layer.bodies.ending_at(lowers, i)
            if match:
                self._body(token, match[0], match[1])
                continue
            match = layer.titles.ending_at(lowers, i)
            if match and token.tag_ not in PLURAL_TAGS:
                self._title(token, match[0], match[1])
                continue
            match = layer.groups.ending_at(lowers, i)
            if match:
                self._group(token, match[0], match[1])

    def _country_of_phrase(self, head: Token, start: int) -> tuple[str | None, int]:
        """The country a noun phrase names (demonym, possessive, compound or "of/in <state>"),
        and where the phrase ends when that country comes after the head."""
        after_country, after_end = None, head.i + 1
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in ("of", "in"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        after_country = self._state_country_at(obj.i)
                        if after_country:
                            after_end = obj.right_edge.i + 1
                break
        for i in range(start, head.i):
            country = self.demonym_country.get(i) or self._state_country_at(i)
            if country:
                # "the Zionist regime of Israel": the phrase runs to the end of "of Israel"
                return country, after_end if after_country == country else head.i + 1
        return after_country, after_end

    def _state_country_at(self, i: int) -> str | None:
        key = self.state_tokens.get(i)
        if key is None:
            return None
        actor = self.actors[key]
        return actor.record.country if actor.record else actor.country

    def _government(self, head: Token, length: int) -> None:
        """"the Afghan government", "the current ruling group in Afghanistan", "the Zionist
        regime of Israel", "the Taliban government": to whoever governs that country then."""
        start = noun_phrase_start(head)
        # A named non-state actor as modifier: "the Taliban government".
        for i in range(start, head.i):
            mention = self._mention_covering(i)
            if mention is not None:
                actor = self.actors[mention.actor]
                if actor.type in ("armed_group", "organization") and actor.record is not None:
                    self.add_mention(actor, start, head.i + 1, "description", agentive=True)
                    return
        if not self._generic_modifiers(start, head.i - length + 1):
            return
        country, end = self._country_of_phrase(head, start)
        if not country:
            # "the government" after "Chile's government": the government named last
            if self.last_government is not None and all(self.lowers[i] == "the" for i in range(start, head.i - length + 1)) \
                    and head.i - length + 1 > start:
                self.add_mention(self.last_government, start, head.i + 1, "description", agentive=True)
            return
        state = self.kb.state(country)
        if state is None:
            return
        governor = self.kb.get(state.governor_on(self.day))
        actor = self._kb_actor(governor or state)
        self.add_mention(actor, start, end, "description", agentive=True)
        self.last_government = actor

    def _body(self, head: Token, length: int, values: tuple[str, ...]) -> None:
        """A body of a state: "Pakistan's intelligence agencies", "the Iranian foreign ministry"."""
        start = noun_phrase_start(head)
        term_start = head.i - length + 1
        country, end = self._country_of_phrase(head, start)
        term = self.doc[term_start : head.i + 1].text.lower()
        state = self.kb.state(country)
        if state is None:
            known = self._known_body(term)
            if known is not None:  # "the Foreign Ministry" after "Iran's Foreign Ministry"
                self.add_mention(known, start, end, "description", agentive=True)
            elif self.texts[term_start][:1].isupper() and not self.doc[term_start].is_sent_start:
                name = self.doc[term_start : head.i + 1].text
                actor = self.actors.get(slug(name)) or self._new_actor(slug(name), name, values[1])
                self.add_mention(actor, term_start, head.i + 1, "name", agentive=True)
            return
        sector, body_type, body = values
        body = term if body == "-" else body
        record = self._kb_body(state, term) or self._kb_body(state, body)
        if record is not None:
            actor = self._kb_actor(record)
        else:
            # one actor per body however it is named: "Pakistani troops", "the Pakistani
            # army", "Pakistani warplanes" are "Pakistani military" (id pakistan-military)
            demonym = state.demonyms[0] if state.demonyms else state.name
            key = slug(f"{state.name} {body}")
            actor = self.actors.get(key) or self._new_actor(
                key, f"{demonym} {body}", body_type, country=country, sector=None if sector == "-" else sector
            )
        self.add_mention(actor, start, end, "description", agentive=True)
        for i in range(start, end):
            self.taken[i] = True

    def _known_body(self, term: str) -> ActorBuild | None:
        """The one body of a state already found whose name ends with this term."""
        words = name_words(term)
        found = [
            actor for actor in self.actors.values()
            if actor.type == "organization" and actor.country
            and any(_words_end_with(name_words(text), words) for text in self._names_of(actor))
        ]
        return found[0] if len(found) == 1 else None

    def _names_of(self, actor: ActorBuild) -> list[str]:
        names = [actor.name]
        names += [self.doc[m.start : m.end].text for m in actor.mentions if m.kind != "pronoun"]
        if actor.record is not None:
            names += actor.record.aliases
        return names

    def _kb_body(self, state: ActorRecord, term: str) -> ActorRecord | None:
        names = [f"{state.name} {term}", f"{term} of {state.name}"]
        names += [f"{demonym} {term}" for demonym in state.demonyms[:2]]
        for name in names:
            for record in self.kb.lookup(name):
                if record.type == "organization":
                    return record
        return None

    def _title(self, head: Token, length: int, values: tuple[str, ...]) -> None:
        """A definite title ("the caretaker PM", "The interior minister") not attached to a
        name: kept for coreference with a person of that role."""
        # Walk left over the words of the phrase itself rather than trusting the parse,
        # which often splits "The caretaker PM" into two subjects.
        start = head.i - length + 1
        while start > 0 and head.i - start < 6:
            previous = self.doc[start - 1]
            if previous.pos_ in ("DET", "PRON") or previous.tag_ == "PRP$":
                start -= 1
                break
            if previous.pos_ not in ("ADJ", "NOUN", "PROPN") or previous.is_punct:
                break
            start -= 1
        first = self.doc[start]
        definite = first.lower_ == "the" or first.tag_ == "PRP$"
        if not definite and first.lower_ not in ("a", "an", "one", "another"):
            return
        if head.dep_ in ("compound", "appos") or any(child.dep_ == "appos" for child in head.children):
            return
        country, end = self._country_of_phrase(head, start)
        if not definite and country is None:
            return  # "a minister": no one the article can name
        self.title_refs.append(coref.TitleRef(start, head.i + 1, values[0], country, self.doc[start : head.i + 1].text.lower(), definite))

    def _group(self, head: Token, length: int, values: tuple[str, ...]) -> None:
        """A collective that acts: "the international community has reported", "experts say",
        "interference of extra-regional powers" (groups.tsv says which heads, where they act
        and whether they need a modifier)."""
        actor_type, sector, needs_modifier, where = values
        if head.dep_ == "compound":
            return
        start = noun_phrase_start(head)
        term_start = head.i - length + 1
        quantity = self._quantity_of(head)
        # the mention takes in the quantity: "thousands of pilgrims", "some of the residents"
        mention_start = noun_phrase_start(quantity) if quantity is not None else start
        if not self._group_acts(quantity or head, where) and not self._marked_group(start, term_start):
            return
        if self.doc[start].ent_type_ in ("DATE", "TIME"):
            return  # "Today countries in the region..."
        phrase = self.doc[start:term_start]
        if any((t.lower_ in EXCLUDED_GROUP_DETS and t.dep_ in ("det", "predet")) or t.tag_ == "PRP$" for t in phrase):
            return  # "these groups", "its neighbours": actors already named
        if where == "anywhere" and not is_subject(head) and any(t.lower_ == "other" for t in phrase):
            return  # "compared to other neighbouring countries"
        marked = self._marked_group(start, term_start)
        if not marked and (any((t.dep_ == "nummod" or t.like_num) and _small_number(t) for t in phrase) or self.doc[start].ent_type_ in ("DATE", "TIME")):
            return  # "two countries", "the two sides": actors already named
        modifiers = [t for t in phrase if t.dep_ not in ("det", "predet", "punct") and t.lower_ not in NAME_STOP_DETS]
        if needs_modifier == "yes" and not modifiers:
            return
        affiliated = False
        for token in modifiers:
            mention = self._mention_covering(token.i)
            if mention is None:
                continue
            named = self.actors[mention.actor]
            following = self.doc[mention.end] if mention.end < len(self.doc) else None
            if following is not None and following.text == "-":
                affiliated = True  # "a Daesh-affiliated network" is not Daesh itself
                continue
            if named.type in ("armed_group", "organization"):
                # "Taliban fighters", "TTP militants" are the named actor itself
                self.add_mention(named, start, head.i + 1, "description", agentive=True)
                return
        if actor_type == "armed_group" and needs_modifier == "yes":
            if not affiliated and not any(t.lower_ in self.layer.armed_modifiers for t in modifiers):
                return
        name_start = start
        while name_start < head.i and (self.lowers[name_start] in NAME_STOP_DETS or self.doc[name_start].like_num
                                       or self.pos[name_start] in ("ADV", "PUNCT", "ADP", "CCONJ")):
            name_start += 1
        name = self.doc[name_start : head.i + 1].text
        sentence_first = name_start == 0 or self.sent[name_start - 1] != self.sent[name_start]
        first = self.doc[name_start]
        if sentence_first and first.pos_ != "PROPN" and not is_all_capitals(first.text) and not self.taken[name_start]:
            name = name[:1].lower() + name[1:]
        country, _ = self._country_of_phrase(head, start)
        key = slug(name)
        actor = self.actors.get(key)
        if actor is None and self.lowers[start] == "the" and all(self.tags[i] in ("VBN", "VBD", "VBG") for i in range(name_start, term_start)):
            earlier = self._earlier_group(head, start)  # "the detainees", "the detained fishermen" refer back
            if earlier is not None and (country is None or earlier.country in (None, country)):
                actor = earlier
        if actor is None:
            actor = self._new_actor(key, name, actor_type, country=country, sector=None if sector == "-" else sector)
        self.add_mention(actor, mention_start, head.i + 1, "description", agentive=True)
        self._group_repeats(actor, head)

    def _earlier_group(self, head: Token, start: int) -> ActorBuild | None:
        """The group named last before with the same head noun, for a definite phrase that
        refers back to it ("three Iranian fishermen" ... "the detained fishermen")."""
        best = None
        for actor in self.actors.values():
            if actor.type not in ("group", "armed_group") or actor.record is not None:
                continue
            if name_words(actor.name)[-1:] != (head.lower_,):
                continue
            last = max((m.start for m in actor.mentions if m.start < start), default=-1)
            if last >= 0 and (best is None or last > best[0]):
                best = (last, actor)
        return best[1] if best else None

    def _quantity_of(self, head: Token) -> Token | None:
        """The quantity a plural head is counted by: "thousands" in "thousands of pilgrims",
        "some" in "some of their relatives" (the phrase's role in the clause is its role)."""
        prep = head.head
        if head.dep_ != "pobj" or prep.lower_ != "of" or prep.head.i >= head.i:
            return None
        quantity = prep.head
        if quantity.lower_ in self.layer.quantity_words or quantity.like_num or quantity.pos_ == "NUM":
            return quantity
        return None

    def _group_acts(self, token: Token, where: str) -> bool:
        """Whether a group's phrase stands where groups.tsv says the head makes an actor:
        anywhere; as a subject; or as an argument of a verb ("police arrested the
        protesters", "he told reporters", "a call to investors")."""
        if where == "anywhere" or is_subject(token):
            return True
        if where != "argument":
            return False
        current = conjunct_root(token)
        if current.dep_ in ("dobj", "dative", "nsubjpass", "agent", "oprd"):
            return True
        if current.dep_ == "pobj":
            prep = current.head
            return prep.lower_ not in LOCATIVE_PREPS and prep.head.pos_ in ("VERB", "AUX")
        return False

    def _marked_group(self, start: int, end: int) -> bool:
        """A collective marked by a country or an affiliation ("Afghan diplomats", "a
        Daesh-affiliated network") is specific enough to be an actor wherever it appears."""
        for i in range(start, end):
            if i in self.demonym_country:
                return True
            if self.texts[i] == "-" and i > start and self._mention_covering(i - 1) is not None:
                return True
        return False

    def _group_repeats(self, actor: ActorBuild, first_head: Token) -> None:
        words = name_words(actor.name)
        n = len(words)
        if self._positions is None:
            self._positions = {}
            for i, lower in enumerate(self.lowers):
                self._positions.setdefault(lower, []).append(i)
        for i in self._positions.get(first_head.lower_, ()):
            if i == first_head.i:
                continue
            token = self.doc[i]
            start = token.i - n + 1
            if start < 0 or tuple(self.lowers[start : token.i + 1]) != tuple(actor.name.lower().split()):
                continue
            if any(m.start <= token.i < m.end for m in actor.mentions):
                continue
            phrase_start = start - 1 if start > 0 and self.lowers[start - 1] == "the" else start
            self.add_mention(actor, phrase_start, token.i + 1, "description")

    # ------------------------------------------------------------------ 6. acronyms
    def _acronyms(self) -> None:
        """"Tehreek-e-Taliban Pakistan (TTP)": the acronym becomes a name of the actor
        before the brackets, for the whole article."""
        doc = self.doc
        texts = self.texts
        defined: dict[str, ActorBuild] = {}
        for i, text in enumerate(texts):
            if text != "(" or i + 2 >= len(texts) or texts[i + 2] != ")":
                continue
            short = texts[i + 1]
            if not (2 <= len(short) <= 10 and is_all_capitals(short)):
                continue
            mention = self._mention_ending(i)
            if mention is None or not _initials_match(short, doc[mention.start : mention.end].text):
                continue
            actor = self.actors.get(mention.actor)
            if actor is None:
                continue
            defined[short] = actor
        if not defined:
            return
        for i, text in enumerate(texts):
            actor = defined.get(text)
            if actor is None:
                continue
            token = doc[i]
            existing = self._mention_covering(token.i)
            if existing is not None:
                if existing.actor == actor.key:
                    continue
                if existing.end - existing.start > 1:
                    continue
                self.mentions.remove(existing)
                self.actors[existing.actor].mentions.remove(existing)
            self.add_mention(actor, token.i, token.i + 1, "acronym", agentive=self._acts(token))

    def _mention_ending(self, end: int) -> MentionRef | None:
        """The mention that ends right before token `end` (the name before an open bracket)."""
        for mention in reversed(self.mentions):
            if mention.end == end:
                return mention
        return None

    def taken_by_person(self, i: int) -> bool:
        mention = self._mention_covering(i)
        return mention is not None and self.actors[mention.actor].type == "person"

    def _mention_covering(self, i: int) -> MentionRef | None:
        for mention in self.mentions:
            if mention.start <= i < mention.end:
                return mention
        return None

    # ------------------------------------------------------------------ building blocks
    def _new_actor(self, key: str, name: str, actor_type: str, country: str | None = None, sector: str | None = None) -> ActorBuild:
        actor = ActorBuild(key=key, name=name, type=actor_type, country=country, sector=sector)
        self.actors[key] = actor
        return actor

    def _kb_actor(self, record: ActorRecord) -> ActorBuild:
        actor = self.actors.get(record.id)
        if actor is None:
            actor = ActorBuild.of_record(record, self.day)
            self.actors[record.id] = actor
        return actor

    def add_mention(self, actor: ActorBuild, start: int, end: int, kind: str, agentive: bool = False) -> MentionRef:
        mention = MentionRef(start, end, actor.key, kind)
        actor.mentions.append(mention)
        self.mentions.append(mention)
        if agentive:
            actor.agentive = True
        if actor.type == "state":
            for i in range(start, end):
                self.state_tokens.setdefault(i, actor.key)
        return mention

    # ------------------------------------------------------------------ 9. finish
    def _finish(self) -> None:
        for key in [k for k, a in self.actors.items() if not a.mentions]:
            del self.actors[key]
        for actor in self.actors.values():
            record = actor.record
            if record is not None:
                for role in record.roles_on(self.day):
                    if role.title not in actor.roles:
                        actor.roles.insert(0, role.title)
            if actor.type == "state" and not actor.agentive:
                # A country the article only speaks of as a place.
                actor.type = "location"
                actor.sector = None
            if actor.sector is None and actor.role_sectors:
                actor.sector = actor.role_sectors[0]


def _tight(doc: Doc, text: str, start: int, end: int) -> tuple[int, int]:
    """Character offsets of tokens [start, end) without stray punctuation glued to the
    words ("------Iran" -> "Iran"); a final full stop stays ("U.S."). `text` is
    `doc.text`, which spaCy rebuilds from the tokens on every access."""
    span = doc[start:end]
    first, last = span.start_char, span.end_char
    while first < last and not text[first].isalnum():
        first += 1
    while last > first and not (text[last - 1].isalnum() or text[last - 1] == "."):
        last -= 1
    return first, last


def _small_number(token: Token) -> bool:
    """A count small enough to refer back to actors already named ("the two sides", "three
    countries"); "40,000 employees" and "hundreds of" are groups of their own."""
    text = token.lower_.replace(",", "")
    if text.isdigit():
        return int(text) <= 12
    return text in SMALL_NUMBERS


def _words_end_with(words: tuple[str, ...], ending: tuple[str, ...]) -> bool:
    return bool(ending) and len(words) >= len(ending) and words[-len(ending) :] == ending


def _initials_match(short: str, long_name: str) -> bool:
    """Whether the letters of an acronym follow the initials of a long name in order,
    the first letter matching the first word ("TTP" ~ "Tehreek-e-Taliban Pakistan")."""
    words = [w for w in name_words(long_name) if w]
    letters = [c.lower() for c in short if c.isalpha()]
    if not words or not letters or words[0][0] != letters[0]:
        return False
    position = 0
    for word in words:
        if position < len(letters) and word[0] == letters[position]:
            position += 1
    return position == len(letters)


def to_model(found: DocActors, doc: Doc) -> list[Actor]:
    """The public `Actor` objects, in order of first mention, mentions with character offsets."""
    out: list[Actor] = []
    text = doc_text(doc)
    for actor in found.actors.values():
        mentions = []
        seen = set()
        for ref in sorted(actor.mentions, key=lambda m: m.start):
            start, end = _tight(doc, text, ref.start, ref.end)
            if (start, end) in seen or start >= end:
                continue
            seen.add((start, end))
            mentions.append(Mention(start, end, text[start:end], ref.kind))
        names = []
        for mention in mentions:
            if mention.kind in ("name", "alias", "acronym", "surname", "metonym") and mention.text != actor.name and mention.text not in names:
                names.append(mention.text)
        out.append(
            Actor(
                id=actor.key,
                name=actor.name,
                type=actor.type,
                country=actor.country,
                sector=actor.sector,
                roles=list(actor.roles),
                aliases=names,
                mentions=mentions,
                kb_id=actor.record.id if actor.record else None,
            )
        )
    out.sort(key=lambda a: a.first_start)
    return out
