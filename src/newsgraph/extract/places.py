"""Place mentions, resolved to gazetteer entries by the article's context.

Steps (methods of `_Run`):
1. candidate spans (`_spans`): spaCy's GPE/LOC/FAC entities, the gazetteer's names matched
   in the text (`geo.gazetteer`, the knowledge base's matcher), the actor layer's
   territory phrases ("Afghan soil", "Afghan territory": the country as a place) and its
   knowledge-base locations ("Kurram district"), and the dateline's place ("TEHRAN –");
   a name matched by the gazetteer alone must look like a place name (capitalized, a proper
   noun, not another kind of entity) and either name a country or a region, be a large
   city, or stand where places stand ("in", "near", "the town of", "... province");
2. each span extended by what narrows it: a kind of place after it ("Kunar province",
   "Kupwara District"), a compass adjective before it ("northern Iraq"); the kind of place
   becomes a hint for step 4;
3. the article's context (`_context`): the countries its actors belong to (the actor layer's
   states and people), the dateline's place, and the places that have one reading only;
4. each mention resolved (`_resolve`): its candidates scored by kind of place, population,
   the article's countries, an apposition (", Sindh", ", Pakistan") and other places of the
   same region named in the article; the best one is kept with a confidence (its share of
   the scores); a name the gazetteer does not know stays an unresolved mention.

`event_location(token, places)` gives the location of an event whose clause is headed by
`token` ("in ...", "near ...", "at ..." in that clause, else the sentence's place, else the
article's, when that is clear).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .. import lexicon
from ..geo.gazetteer import Gazetteer, Place, load_gazetteer
from ..kb.names import chunk_words, name_words
from .dates import Dateline, TimeExpression, article_date, event_date, find_dateline, find_expressions
from .syntax import LOCATIVE_PREPS, conjunct_root, doc_text, strip_span, token_table

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Actor types that a place name cannot be.
NON_PLACE_TYPES = frozenset({"person", "organization", "armed_group", "igo"})
# How likely a bare name means each kind of place, before population and context.
FEATURE_PRIOR = {"country": 3.0, "admin1": 1.5, "city": 1.2, "admin2": 0.6}
POPULATION_WEIGHT = 0.35
OFFICIAL_NAME_BONUS = 0.4
CONTEXT_WEIGHT = 4.0  # times the country's share of the article
APPOSITION_BONUS = 5.0  # "Hyderabad, Sindh" / "Hyderabad, Pakistan"
NEARBY_BONUS = 1.5  # another place of the same first-level region in the article
HINT_BONUS = 3.0  # "Kunar province" -> an admin1
CAPITAL_BONUS = 1.5  # the city a state's capital names ("Washington" the city, not the state)
LARGE_CITY = 100_000  # a gazetteer-only name of a city this large needs no locative cue
CUE_PREPS = LOCATIVE_PREPS | {"from", "to", "toward", "towards", "via", "of", "between", "beyond", "along", "through", "outskirts"}
NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
SINGLE_CONFIDENCE = {"country": 0.95, "admin1": 0.9, "admin2": 0.85, "city": 0.85}


@dataclass
class PlaceMention:
    """One place mention: tokens [start, end); the name proper is [name_start, name_end)."""

    start: int
    end: int
    name_start: int
    name_end: int
    source: str  # ner | gazetteer | kb | demonym | dateline
    hint: str | None = None  # the kind of place a noun beside the name says it is
    candidates: list[Place] = field(default_factory=list)
    place: Place | None = None
    confidence: float = 0.0
    reason: str = ""
    actor: str | None = None
    agentive: bool = False
    country_hint: str | None = None  # demonym phrases: the country itself
    capital_of: str | None = None  # the name is this country's capital (the actor layer's reading)

    @property
    def resolved(self) -> bool:
        return self.place is not None


@dataclass
class DocPlaces:
    """What the place stage found in one document."""

    mentions: list[PlaceMention]
    dateline: Dateline | None
    countries: dict[str, float]  # the article's countries and their shares
    token_mention: list[int]  # per token: index into `mentions`, or -1

    def mention_at(self, token_index: int) -> PlaceMention | None:
        index = self.token_mention[token_index] if 0 <= token_index < len(self.token_mention) else -1
        return self.mentions[index] if index >= 0 else None

    def main_country(self, share: float = 0.6) -> str | None:
        """The country the article is about, when one holds at least `share` of it."""
        if not self.countries:
            return None
        country, value = max(self.countries.items(), key=lambda item: item[1])
        return country if value >= share else None


class PlaceLayer:
    """Finds and resolves the place mentions of a parsed document. Build once, call per
    document; the gazetteer is loaded at the first call."""

    def __init__(self, gazetteer: Gazetteer | None = None):
        self._gazetteer = gazetteer
        self.nouns = lexicon.table("place_nouns.tsv", 2)
        self.noun_words = {tuple(term.split()): values[0] for term, values in self.nouns.items()}
        self.modifiers = lexicon.words("place_modifiers.txt")
        self.territory = lexicon.phrases("territory.txt", 1)
        self.compass = lexicon.words("compass.txt")
        self.common_words = lexicon.words("place_common_words.txt")

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = load_gazetteer()
        return self._gazetteer

    def __call__(self, doc: Doc, actors=None) -> DocPlaces:
        return _Run(self, doc, actors).result()


class _Run:
    def __init__(self, layer: PlaceLayer, doc: Doc, actors):
        self.layer = layer
        self.gazetteer = layer.gazetteer
        self.doc = doc
        self.actors = actors  # extract.actors.DocActors or None
        table = token_table(doc)
        self.lowers = table.lowers
        self.texts = table.texts
        self.space = table.space
        self.ent_label: list[str | None] = [None] * len(doc)
        self.ent_span: list[tuple[int, int] | None] = [None] * len(doc)
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                self.ent_label[i] = ent.label_
                self.ent_span[i] = (ent.start, ent.end)
        self.dateline = find_dateline(doc_text(doc))
        # The nearest word before / after each token, over line breaks and spaces.
        self.previous = [-1] * len(doc)
        self.following = [len(doc)] * len(doc)
        space = self.space
        last = -1
        for i in range(len(doc)):
            self.previous[i] = last
            if not space[i]:
                last = i
        last = len(doc)
        for i in range(len(doc) - 1, -1, -1):
            self.following[i] = last
            if not space[i]:
                last = i

    def before(self, i: int) -> int:
        """The word before token i (skipping spaces), or -1."""
        return self.previous[i] if 0 <= i < len(self.previous) else (self.previous[-1] if self.previous and i >= len(self.previous) else -1)

    def after(self, end: int) -> int:
        """The first word at or after token `end` (skipping spaces), or len(doc)."""
        if end >= len(self.doc):
            return len(self.doc)
        return end if not self.space[end] else self.following[end]

    # ------------------------------------------------------------------ orchestration
    def result(self) -> DocPlaces:
        mentions = self._spans()
        for mention in mentions:
            self._extend(mention)
            self._candidates(mention)
            self._link_actor(mention)
        countries = self._context(mentions)
        regions = self._regions(mentions)
        for mention in mentions:
            self._resolve(mention, countries, regions, mentions)
        token_mention = [-1] * len(self.doc)
        for index, mention in enumerate(mentions):
            for i in range(mention.start, mention.end):
                token_mention[i] = index
        return DocPlaces(mentions, self.dateline, countries, token_mention)

    # ------------------------------------------------------------------ 1. spans
    def _spans(self) -> list[PlaceMention]:
        doc = self.doc
        candidates: list[tuple[int, int, int, str, str | None]] = []  # start, end, priority, source, country
        if self.dateline is not None and self.dateline.place:
            span = doc.char_span(self.dateline.place_start, self.dateline.place_end, alignment_mode="expand")
            if span is not None:
                candidates.append((span.start, span.end, 0, "dateline", None))
        for start, end, country in self._actor_places():
            candidates.append((start, end, 1 if country else 2, "demonym" if country else "kb", country))
        for ent in doc.ents:
            if ent.label_ in PLACE_LABELS:
                start, end = strip_span(doc, ent.start, ent.end)
                if start < end:
                    candidates.append((start, end, 3, "ner", None))
        for start, end in self._gazetteer_matches():
            candidates.append((start, end, 4, "gazetteer", None))
        for start, end in self._named_features():
            candidates.append((start, end, 5, "feature", None))
        candidates.sort(key=lambda c: (c[2] > 1, -(c[1] - c[0]), c[2], c[0]))
        taken = [False] * len(doc)
        mentions = []
        doubtful = []
        for start, end, _, source, country in candidates:
            if any(taken[start:end]):
                continue
            if source == "ner" and not self._ner_place(start, end):
                continue
            if source == "gazetteer" and not self._gazetteer_place(start, end):
                doubtful.append((start, end))
                continue
            for i in range(start, end):
                taken[i] = True
            mentions.append(PlaceMention(start, end, start, end, source, country_hint=country))
        # One sense per article: a name read as a place once is a place everywhere; and a
        # name in a list with a place is a place ("in Tabriz and Mashhad").
        accepted = {name_words(doc[m.start : m.end].text) for m in mentions}
        for start, end in doubtful:
            root = doc[start:end].root
            listed = root.dep_ in ("conj", "appos") and taken[root.head.i] and root.head.pos_ == "PROPN"
            listed = listed or any(child.dep_ == "conj" and taken[child.i] and child.pos_ == "PROPN" for child in root.children)
            if not any(taken[start:end]) and (name_words(doc[start:end].text) in accepted or listed) and doc[start].text[:1].isupper():
                if self._actor_type_at(start, end) in NON_PLACE_TYPES:
                    continue
                for i in range(start, end):
                    taken[i] = True
                mentions.append(PlaceMention(start, end, start, end, "gazetteer"))
        mentions.sort(key=lambda m: m.start)
        return mentions

    def _actor_places(self) -> list[tuple[int, int, str | None]]:
        """Territory phrases ("Afghan soil": the state, as a place) and knowledge-base
        locations ("Kurram district") found by the actor layer."""
        found = []
        if self.actors is None:
            return found
        for mention in self.actors.mentions:
            actor = self.actors.actors.get(mention.actor)
            if actor is None:
                continue
            record = actor.record
            demonym = self.actors.demonyms.get(mention.start)
            territory = demonym is None or demonym[1] < mention.end  # "Afghan soil", not "(the) Israeli (strikes)"
            if mention.kind == "demonym" and territory and record is not None and record.type == "state" and record.country:
                found.append((mention.start, mention.end, record.country))
            elif record is not None and record.type == "location" and mention.kind in ("name", "alias"):
                found.append((mention.start, mention.end, None))
        return found

    def _gazetteer_matches(self) -> list[tuple[int, int]]:
        """Longest gazetteer names, aligned on token boundaries."""
        words: list[str] = []
        word_token: list[int] = []
        texts, space = self.texts, self.space
        for i in range(len(texts)):
            if space[i]:
                continue
            for word in chunk_words(texts[i]):
                words.append(word)
                word_token.append(i)
        matcher = self.gazetteer.matcher
        longest = matcher.longest
        found = []
        i, count = 0, len(words)
        while i < count:
            match = matcher.longest_match(words, i) if words[i] in longest else None
            if match is None:
                i += 1
                continue
            length = match[0]
            first, last = word_token[i], word_token[i + length - 1]
            aligned = (i == 0 or word_token[i - 1] != first) and (i + length == count or word_token[i + length] != last)
            if aligned:
                found.append((first, last + 1))
                i += length
            else:
                i += 1
        return found

    def _named_features(self) -> list[tuple[int, int]]:
        """Proper names before a natural or built feature ("the Karramal forests", "the
        Tirah valley"): the name, which step 2 extends over the noun."""
        doc = self.doc
        found = []
        for i in range(1, len(doc)):
            after = self._noun_after(i)
            if after is None or after[1] != "area":
                continue
            end = i
            start = end
            while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper() and end - start < 4:
                start -= 1
            if start == end:
                continue
            span = self.ent_span[start]
            if span is not None and (span[0] < start or span[1] > end):
                continue  # part of a longer name ("Bagram Air Base" is an ORG's name, whole)
            found.append((start, end))
        return found

    def _actor_type_at(self, start: int, end: int) -> str | None:
        """The type of the knowledge-base actor the actor layer found over these tokens, if
        any (an actor the layer only guessed from spaCy's label does not count)."""
        if self.actors is None:
            return None
        mention = self.actors.mention_at(start)
        if mention is None or mention.start > start or mention.end < end:
            return None
        actor = self.actors.actors.get(mention.actor)
        if actor is None or actor.record is None:
            return None
        return actor.record.type

    def _ner_place(self, start: int, end: int) -> bool:
        """A spaCy place entity is kept unless the actor layer knows the name as another
        kind of actor ("Daesh" tagged GPE) or as a person of the article ("Castro" tagged
        GPE after "Mr. Castro"), unless it is compass words alone ("the North"), and, for an
        English word ("Independence"), only where the words around say place."""
        if self._actor_type_at(start, end) in NON_PLACE_TYPES or self._person_name(start, end) or self._compass(start, end):
            return False
        return not self._common_word(start, end) or self._cued(start, end)

    def _person_name(self, start: int, end: int) -> bool:
        """Whether the actor layer reads these tokens as a person, or their words are the
        surname of a person of the article ("Hale said" after "Ambassador David Hale")."""
        if self.actors is None:
            return False
        mention = self.actors.mention_at(start)
        if mention is not None and mention.start <= start and mention.end >= end:
            actor = self.actors.actors.get(mention.actor)
            # a known person, or one named in full ("Fidel Castro" ... "Castro"); a lone
            # word spaCy labelled a person ("Rawalpindi") is no evidence against a place
            if actor is not None and actor.type == "person" and (actor.record is not None or len(name_words(actor.name)) > 1 or any(
                    m.kind == "title" or m.end - m.start > len(name_words(actor.name)) for m in actor.mentions)):
                return True  # ... or addressed with an honorific or a title ("Mr. Castro")
        words = name_words(self.doc[start:end].text)
        if not words:
            return False
        for actor in self.actors.actors.values():
            if actor.type == "person" and len(name_words(actor.name)) > len(words) and name_words(actor.name)[-len(words):] == words:
                return True
        return False

    def _compass(self, start: int, end: int) -> bool:
        words = name_words(self.doc[start:end].text)
        return bool(words) and all(word in self.layer.compass or word in ("the", "far") for word in words)

    def _common_word(self, start: int, end: int) -> bool:
        words = name_words(self.doc[start:end].text)
        return len(words) == 1 and words[0] in self.layer.common_words

    def _place_context(self, start: int, end: int) -> bool:
        """The place context an English word needs to be a place: a kind of place beside
        it ("Hope county", "the town of Hope") or an apposition ("Reading, England")."""
        if self._noun_after(end) is not None:
            return True
        previous = self.before(start)
        if previous >= 0 and self.lowers[previous] == "of" and self.before(previous) >= 0:
            if self.layer.noun_words.get((self.lowers[self.before(previous)],)):
                return True
        comma = self.after(end)
        if comma < len(self.doc) and self.doc[comma].text == ",":
            following = self.after(comma + 1)
            if following < len(self.doc) and self.doc[following].text[:1].isupper():
                after = self.gazetteer.lookup(self.doc[following].text)
                return bool(after) and after[0].feature in ("country", "admin1")
        return False

    def _gazetteer_place(self, start: int, end: int) -> bool:
        """Whether a name only the gazetteer found is used as a place name here: written as
        a name, not another kind of entity, and a country, a region or a large city, or
        standing where places stand ("in X", "the town of X", "X province", "X, Pakistan")."""
        doc = self.doc
        tokens = doc[start:end]
        first, last = tokens[0], tokens[-1]
        if not (first.text[:1].isupper() and last.text[:1].isupper()):
            return False
        if self._actor_type_at(start, end) in NON_PLACE_TYPES or self._person_name(start, end) or self._compass(start, end):
            return False
        if self._common_word(start, end) and not self._place_context(start, end):
            return False  # "trust in God", "in English": an English word, no place
        entries = self.gazetteer.places_of(self.gazetteer.matcher.lookup(tokens.text))
        if not entries:
            return False
        short = len("".join(name_words(tokens.text))) <= 2
        if short and not all(c.isupper() for c in tokens.text if c.isalpha()):
            return False
        cued = self._cued(start, end)
        strong = any(p.feature in ("country", "admin1") or (p.feature == "city" and p.population >= LARGE_CITY) for p in entries)
        proper = any(t.pos_ == "PROPN" or t.tag_ in ("NNP", "NNPS") for t in tokens)
        previous = self.before(start)
        sentence_first = first.is_sent_start or previous < 0 or doc[previous].is_sent_start and doc[previous].is_punct
        spans = {self.ent_span[i] for i in range(start, end) if self.ent_span[i] is not None}
        if any(s[0] < start or s[1] > end for s in spans) or any(self.ent_label[s[0]] in NOT_NAMES for s in spans):
            return False  # part of a longer name of something else, or a number, a date
        if (start, end) in spans:
            # A name spaCy tagged as another kind of entity: a place when the words around
            # say so, or a country, a region, or a large city not acting as a subject; never
            # a state's demonym.
            if self.actors is not None and start in self.actors.demonyms:
                return False  # "Kurdish", "Afghan": a state's demonym, no town of that name
            if cued or any(p.feature in ("country", "admin1") for p in entries):
                return True
            return strong and not _acts(doc[start:end].root)
        if not proper and sentence_first:
            return cued
        if not proper and not strong:
            return False
        return strong or cued

    def _cued(self, start: int, end: int) -> bool:
        """Whether the words around a name say it is a place: "in/near/at X", "the town of
        X", "X province", "X, Pakistan"."""
        doc = self.doc
        if self._noun_after(end) is not None:
            return True
        previous = self.before(start)
        if previous >= 0:
            word = self.lowers[previous]
            if word in CUE_PREPS and word != "of":
                return True
            if word == "of" and self.before(previous) >= 0 and self.layer.noun_words.get((self.lowers[self.before(previous)],)):
                return True
        comma = self.after(end)
        if comma < len(doc) and doc[comma].text == ",":
            following = self.after(comma + 1)
            if following < len(doc) and doc[following].text[:1].isupper():
                after = self.gazetteer.lookup(doc[following].text)
                if after and after[0].feature in ("country", "admin1"):
                    return True
        return False

    # ------------------------------------------------------------------ 2. extend
    def _noun_after(self, end: int) -> tuple[int, str] | None:
        """A kind-of-place noun right after token `end - 1`: (its length, the feature)."""
        for length in (2, 1):
            words = tuple(self.lowers[end : end + length])
            if len(words) == length and words in self.layer.noun_words:
                return length, self.layer.noun_words[words]
        return None

    def _extend(self, mention: PlaceMention) -> None:
        doc = self.doc
        if mention.source in ("demonym", "dateline"):
            return
        after = self._noun_after(mention.end)
        if after is not None:
            length, feature = after
            mention.end += length
            mention.hint = feature
        else:
            last = tuple(self.lowers[mention.end - 1 : mention.end])
            if last in self.layer.noun_words and mention.end - mention.start > 1:
                # "Kunar Province" as one entity: the name is what comes before.
                mention.name_end = mention.end - 1
                mention.hint = self.layer.noun_words[last]
        previous = self.before(mention.start)
        if previous >= 1 and self.lowers[previous] == "of" and self.before(previous) >= 0:
            feature = self.layer.noun_words.get((self.lowers[self.before(previous)],))
            if feature and not mention.hint:
                mention.hint = feature  # "the town of Dabiq"
        if previous >= 0 and self.lowers[previous] in self.layer.modifiers and not doc[previous].text[:1].isupper():
            mention.start = previous  # "northern Iraq"

    # ------------------------------------------------------------------ candidates
    def _candidates(self, mention: PlaceMention) -> None:
        gazetteer = self.gazetteer
        if mention.country_hint:
            country = gazetteer.country(mention.country_hint)
            mention.candidates = [country] if country else []
            return
        doc = self.doc
        name = doc[mention.name_start : mention.name_end].text
        found = gazetteer.lookup(name)
        if not found and mention.end > mention.name_end:
            found = gazetteer.lookup(doc[mention.name_start : mention.end].text)
        if not found and mention.source == "kb":
            words = name_words(name)
            for length in range(len(words) - 1, 0, -1):  # "Kurram district" -> "Kurram"
                if tuple(words[length:]) in self.layer.noun_words:
                    found = gazetteer.lookup(" ".join(words[:length]))
                    mention.hint = mention.hint or self.layer.noun_words[tuple(words[length:])]
                    break
        if not found and mention.source == "kb" and self.actors is not None:
            # A knowledge-base place the gazetteer knows by another name ("Tirah valley" is
            # in Khyber District).
            actor = self.actors.actors.get(getattr(self.actors.mention_at(mention.name_start), "actor", ""))
            if actor is not None and actor.record is not None:
                for other in actor.record.all_names():
                    found = gazetteer.lookup(other)
                    if found:
                        break
        mention.candidates = self._narrowed(mention, found)

    def _narrowed(self, mention: PlaceMention, found: list[Place]) -> list[Place]:
        """What the actor layer says of a name narrows its readings: a state's capital is
        that city ("talks in Washington" is not the US state), a world region of several
        countries ("the Middle East") is no gazetteer town."""
        if self.actors is None or not found:
            return found
        mention.capital_of = self.actors.capitals.get(mention.name_start)
        mention_ref = self.actors.mention_at(mention.name_end - 1)
        if mention_ref is None or mention_ref.end != mention.name_end or mention_ref.start > mention.name_start:
            return found  # "the West" inside "the West Midlands" says nothing of it
        actor = self.actors.actors.get(mention_ref.actor)
        record = actor.record if actor is not None else None
        if record is not None and record.type == "location" and not record.country:
            return [p for p in found if p.feature == "country"]
        return found

    def _link_actor(self, mention: PlaceMention) -> None:
        root = self.doc[mention.name_start : mention.name_end].root
        # An actor when it acts ("Pakistan said", "... was attacked by Pakistan"); a place
        # everywhere else ("in Kabul", "Kabul was shelled", "the Kabul government").
        mention.agentive = mention.source not in ("demonym", "dateline") and _acts(root)
        if self.actors is not None:
            mention.actor = self.actors.actor_at(root.i)

    # ------------------------------------------------------------------ 3. context
    def _context(self, mentions: list[PlaceMention]) -> dict[str, float]:
        weights: dict[str, float] = {}

        def add(country: str | None, weight: float) -> None:
            if country:
                weights[country] = weights.get(country, 0.0) + weight

        if self.actors is not None:
            for actor in self.actors.actors.values():
                country = actor.record.country if actor.record is not None and actor.record.country else actor.country
                if not country:
                    continue
                count = min(len(actor.mentions), 5)
                add(country, count * (1.0 if actor.type in ("state", "location") else 0.5))
        for mention in mentions:
            countries = {p.country for p in mention.candidates}
            if len(countries) == 1:
                add(next(iter(countries)), 3.0 if mention.source == "dateline" else 1.0)
            elif mention.source == "dateline" and mention.candidates:
                # A dateline names a well-known city: the most populous reading.
                add(max(mention.candidates, key=lambda p: p.population).country, 2.0)
        total = sum(weights.values())
        return {country: weight / total for country, weight in weights.items()} if total else {}

    def _regions(self, mentions: list[PlaceMention]) -> dict[tuple[str, str], int]:
        """First-level regions named or implied by places with one reading."""
        regions: dict[tuple[str, str], int] = {}
        for index, mention in enumerate(mentions):
            readings = {(p.country, p.admin1) for p in mention.candidates if p.admin1}
            if len(readings) == 1:
                key = next(iter(readings))
                regions[key] = regions.get(key, 0) + 1
        return regions

    # ------------------------------------------------------------------ 4. resolve
    def _resolve(self, mention: PlaceMention, countries: dict[str, float], regions, mentions) -> None:
        candidates = _collapse(mention.candidates, mention.hint)
        if mention.hint == "area":  # "the Swat valley" lies in Swat district; no town is a valley
            candidates = [p for p in candidates if p.feature != "city"]
        if not candidates:
            mention.reason = "not in the gazetteer"
            return
        if mention.country_hint:
            mention.place, mention.confidence, mention.reason = candidates[0], 0.95, "demonym of the country"
            return
        apposition = self._apposition(mention)
        scores = []
        for place in candidates:
            score = FEATURE_PRIOR.get(place.feature, 0.5) + POPULATION_WEIGHT * math.log10(place.population + 10)
            if mention.candidates and name_words(place.name) == name_words(self.doc[mention.name_start : mention.name_end].text):
                score += OFFICIAL_NAME_BONUS
            score += CONTEXT_WEIGHT * countries.get(place.country, 0.0)
            if mention.hint and place.feature == mention.hint:
                score += HINT_BONUS
            if mention.capital_of and place.country == mention.capital_of and place.feature == "city":
                score += CAPITAL_BONUS
            if apposition and (place.country in apposition or (place.country, place.admin1) in apposition):
                score += APPOSITION_BONUS
            if place.admin1 and place.feature != "admin1":
                others = regions.get((place.country, place.admin1), 0)
                own = 1 if len({(p.country, p.admin1) for p in mention.candidates if p.admin1}) == 1 else 0
                if others - own > 0:
                    score += NEARBY_BONUS
            scores.append(score)
        best = max(range(len(candidates)), key=lambda i: scores[i])
        place = candidates[best]
        if len(candidates) == 1:
            confidence = SINGLE_CONFIDENCE.get(place.feature, 0.85)
            reason = "only reading"
        else:
            top = max(scores)
            total = sum(math.exp(s - top) for s in scores)
            confidence = round(min(0.95, 1.0 / total), 2)
            reasons = []
            if apposition and (place.country in apposition or (place.country, place.admin1) in apposition):
                reasons.append("apposition")
            if countries.get(place.country, 0.0) >= 0.2:
                reasons.append(f"article about {place.country}")
            if mention.hint and place.feature == mention.hint:
                reasons.append(f"named as {mention.hint}")
            reason = ", ".join(reasons) or "largest of the readings"
        mention.place, mention.confidence, mention.reason = place, round(confidence, 2), reason

    def _apposition(self, mention: PlaceMention) -> set:
        """What ", Sindh" or ", Pakistan" right after the mention names: countries and
        (country, region) pairs."""
        doc = self.doc
        end = mention.end
        if end + 1 >= len(doc) or doc[end].text != ",":
            return set()
        found = set()
        for length in (3, 2, 1):
            if end + 1 + length > len(doc):
                continue
            span = doc[end + 1 : end + 1 + length]
            if not span.text[:1].isupper():
                continue
            for place in self.gazetteer.lookup(span.text):
                if place.feature == "country":
                    found.add(place.country)
                elif place.feature == "admin1":
                    found.add((place.country, place.name))
            if found:
                break
        return found


def _acts(token: Token) -> bool:
    current = conjunct_root(token)
    if current.dep_ in ("nsubj", "csubj"):
        return current.head.lemma_ != "be"  # "Kabul was calm": a place
    return current.dep_ == "pobj" and current.head.dep_ == "agent"


def _collapse(candidates: list[Place], hint: str | None) -> list[Place]:
    """One reading per place: a city and the district or province of the same name in the
    same region are one place for a bare name ("Peshawar", "Kabul": the city; "Kunar
    province": the province)."""
    if len(candidates) < 2:
        return list(candidates)
    keep: dict[tuple, Place] = {}
    order = {"city": 0, "admin2": 1, "admin1": 2, "country": 3}
    if hint in ("admin1", "admin2"):
        order = {hint: -1, **{k: v for k, v in order.items() if k != hint}}
    for place in candidates:
        key = (tuple(name_words(place.name))[:1], place.country, place.admin1 if place.feature != "country" else None)
        if place.feature == "country":
            key = ("country", place.country)
        current = keep.get(key)
        if current is None or order.get(place.feature, 9) < order.get(current.feature, 9):
            keep[key] = place
    return list(keep.values())


# ---------------------------------------------------------------------------- output

def location_of(place: Place, precision: str | None = None) -> dict:
    """The `location` record of an event or a mention: {name, country, admin1, lat, lon,
    geonames_id, precision}."""
    return {
        "name": place.name,
        "country": place.country,
        "admin1": place.admin1,
        "lat": place.lat,
        "lon": place.lon,
        "geonames_id": place.geonames_id,
        "precision": precision or place.feature,
    }


def to_dicts(found: DocPlaces, doc: Doc) -> list[dict]:
    """The public form of the place mentions (documented in docs/places.md)."""
    out = []
    for mention in found.mentions:
        span = doc[mention.start : mention.end]
        out.append({
            "start": span.start_char,
            "end": span.end_char,
            "text": span.text,
            "source": mention.source,
            "place": mention.place.to_dict() if mention.place else None,
            "confidence": mention.confidence if mention.place else 0.0,
            "reason": mention.reason,
            "candidates": len(mention.candidates),
            "role": "actor" if mention.agentive else "place",
            "actor": mention.actor,
        })
    return out


# ---------------------------------------------------------------------------- events

EVENT_PREPS = frozenset({"in", "near", "at", "inside", "outside", "around", "across", "within", "on", "into", "along", "off"})


def _place_in(token: Token, found: DocPlaces, parties: frozenset = frozenset()) -> PlaceMention | None:
    """A resolved place mention inside the subtree of `token` (the object of a preposition)."""
    best = None
    for i in range(token.left_edge.i, token.right_edge.i + 1):
        mention = found.mention_at(i)
        if mention is not None and mention.place is not None and not mention.agentive and mention.actor not in parties:
            if best is None or _more_specific(mention.place, best.place):
                best = mention
    return best


def _more_specific(a: Place, b: Place) -> bool:
    order = {"city": 0, "admin2": 1, "admin1": 2, "country": 3}
    return order.get(a.feature, 9) < order.get(b.feature, 9)


def event_location(token: Token, found: DocPlaces, parties=()) -> dict | None:
    """Where the event of the clause headed by `token` happened, with how that was decided
    (`basis`: clause | sentence | article), or None.

    1. "in/near/at/... <place>" attached to the clause's verb (or to its object);
    2. else the sentence's places used as places, when they name one place or nest in one
       (a city and its country);
    3. else the article's place: its dateline's, or the one country the article is about.

    Places that are parties to the event (`parties`: the actor ids of its source and
    target, "cooperation between Pakistan and ...") are not its location.
    """
    parties = frozenset(parties)
    heads = [token] + [child for child in token.children if child.dep_ in ("dobj", "nsubjpass", "attr", "advcl", "xcomp")]
    for head in heads:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in EVENT_PREPS:
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        mention = _place_in(obj, found, parties)
                        if mention is not None:
                            record = location_of(mention.place)
                            record["basis"] = "clause"
                            if child.lower_ == "near":
                                record["near"] = True
                            return record
    sentence = token.sent
    places = []
    for i in range(sentence.start, sentence.end):
        mention = found.mention_at(i)
        if mention is not None and mention.place is not None and not mention.agentive and mention.source != "dateline" and mention.actor not in parties:
            if not places or places[-1] is not mention:
                places.append(mention)
    if places:
        chosen = _nested(places)
        if chosen is not None:
            record = location_of(chosen.place)
            record["basis"] = "sentence"
            return record
    article_place = _article_place(found)
    if article_place is not None:
        record = location_of(article_place)
        record["basis"] = "article"
        return record
    return None


def _nested(mentions: list[PlaceMention]) -> PlaceMention | None:
    """The most specific of places that all lie in one another (Peshawar, Khyber
    Pakhtunkhwa, Pakistan), or None when they name different places."""
    ordered = sorted(mentions, key=lambda m: {"city": 0, "admin2": 1, "admin1": 2, "country": 3}.get(m.place.feature, 9))
    best = ordered[0].place
    for mention in ordered[1:]:
        place = mention.place
        if place.id == best.id:
            continue
        if place.country != best.country:
            return None
        if place.feature == "admin1" and best.admin1 and place.name != best.admin1:
            return None
        if place.feature in ("city", "admin2") and place.feature == best.feature:
            return None
    return ordered[0]


def _article_place(found: DocPlaces) -> Place | None:
    """The dateline's place when it resolved, else the one country the article is about."""
    for mention in found.mentions:
        if mention.source == "dateline" and mention.place is not None:
            return mention.place
    country = found.main_country()
    if country:
        for mention in found.mentions:
            if mention.place is not None and mention.place.feature == "country" and mention.place.country == country:
                return mention.place
    return None


# ---------------------------------------------------------------------------- the stage

class PlaceStage:
    """Everything the `newsgraph_places` component does to a parsed, actor-tagged Doc:

    1. the article date: `doc._.newsgraph_date` from the metadata, else from the dateline;
    2. the place mentions: `doc._.newsgraph_places` (a list of dicts, see docs/places.md);
    3. the events found by earlier stages (`doc._.newsgraph_events`) get `location`, `date`
       and `date_precision` where they have none.
    """

    def __init__(self, gazetteer: Gazetteer | None = None):
        self.layer = PlaceLayer(gazetteer)

    def __call__(self, doc: Doc) -> Doc:
        day = doc._.newsgraph_date
        if day is None:
            day, _ = article_date(None, doc_text(doc))
            if day is not None:
                doc._.newsgraph_date = day
        found = self.layer(doc, doc._.newsgraph_actors)
        doc._.newsgraph_places = to_dicts(found, doc)
        events = doc._.newsgraph_events
        if events:
            expressions = find_expressions(doc, day)
            for event in events:
                place_event(doc, event, found, expressions, day)
        return doc


def event_anchor(doc: Doc, event) -> Token | None:
    """The word that heads an event's clause: the syntactic root of its evidence."""
    evidence = event.evidence
    span = doc.char_span(evidence.start, evidence.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def place_event(doc: Doc, event, found: DocPlaces, expressions: list[TimeExpression], day: dt.date | None) -> None:
    """Set an event's `location`, `date` and `date_precision` when the event stage left
    them empty. A date taken from the article because the clause gives none has precision
    "day" and `date_source` "article" in the location-free `event.date_source` attribute
    when the model has it."""
    anchor = event_anchor(doc, event)
    if anchor is None:
        return
    if event.location is None:
        event.location = event_location(anchor, found, set(event.source) | set(event.target))
    if event.date is None:
        when = event_date(anchor, expressions, day)
        if when is not None:
            event.date = when.iso()
            event.date_precision = when.precision
            if hasattr(event, "date_source"):
                event.date_source = "article" if when.fallback else "text"
