"""Who speaks: from a reporting cue to the noun phrase of its speaker, and from that noun
phrase to an actor of the actor layer.

- The speaker is the subject of the cue ("Kakar stated", "said Alavi", "Rouhani, who ...,
  warned"), of the verb a participle or a conjunct hangs on ("..., adding that",
  "Kakar ... and pledged"), the object of "quoted X as saying", the agent of a passive
  ("it was announced by the ministry"), the object of "according to".
- The noun phrase becomes an actor through the actor layer, which has already resolved
  pronouns, surnames and titles: the mention at its head, else a name inside it ("TTP
  spokesman", "a spokesman for the Taliban", "Pakistan's ..."), else a generic speaker
  ("officials", "experts": a `group` actor; "sources": nobody) from
  `data/lexicon/quote_speakers.tsv`.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from .. import lexicon
from ..kb.names import slug
from .syntax import noun_phrase_start

SPEAKERS_FILE = "quote_speakers.tsv"
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
CLIMB_DEPS = frozenset({"conj", "advcl", "xcomp", "pcomp", "prep", "dep", "ccomp", "acomp"})
QUOTING_VERBS = frozenset({"quote", "cite"})
LEADING_QUANTIFIERS = frozenset({"the", "some", "other", "many", "several", "all", "most", "both", "a", "an", "few", "certain", "various", "two", "three"})
SPEAKER_PREPS = frozenset({"of", "for", "from", "at"})
ISSUER_PREPS = frozenset({"of", "by", "from"})  # "the statement by the ministry"
INDEFINITE_STARTS = frozenset({"a", "an", "another", "one"})  # "another security official": someone new
DETERMINERS = frozenset({"the", "a", "an", "another", "one", "this", "that", "its", "their", "his", "her"})
TITLES_FILE = "titles.tsv"
ORG_HEADS_FILE = "org_heads.txt"
COLLECTIVE_TYPES = frozenset({"state", "organization", "armed_group", "igo", "group"})
FIRST_PERSON_PLURAL = frozenset({"we", "our", "us", "ours", "ourselves"})
FIRST_PERSON_SINGULAR = frozenset({"i", "me", "my", "mine", "myself"})
AFFILIATION_TYPES = frozenset({"state", "organization", "armed_group", "igo"})


def speaker_head(token: Token, is_cue: Callable[[Token], bool]) -> Token | None:
    """The head token of the noun phrase that speaks the words `token` (a cue) reports."""
    verb = token
    climbed_participle = False
    for _ in range(6):
        if verb.lemma_.lower() in QUOTING_VERBS and (verb is not token or _child(verb, ("prep",), "as") is not None):
            # "IRNA quoted Razani as saying": the one quoted speaks.
            quoted = _child(verb, ("dobj",)) or _child(verb, ("nsubjpass",))
            if quoted is not None:
                return quoted
        if _child(verb, ("auxpass",)) is not None or _child(verb, ("nsubjpass",)) is not None or (verb is token and _child(verb, ("agent",)) is not None):
            agent = _child(verb, ("agent",))
            by = _child(agent, ("pobj",)) if agent is not None else None
            if by is not None or verb is token:
                return by
        subject = _subject(verb)
        if subject is not None:
            if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return verb.head
            if climbed_participle and verb.dep_ == "ccomp" and is_cue(verb.head):
                # "X suggested that P ..., saying": the participle goes with X, not with P;
                # "X said that P ... and called for": the conjunct too.
                outer = speaker_head(verb.head, is_cue)
                if outer is not None:
                    return outer
            return subject
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            noun = verb.head
            if noun.dep_ == "dobj" and _subject(noun.head) is not None:
                verb = noun.head  # "X issued a statement saying ...": X
                continue
            return noun  # "a statement saying ..."
        if verb.dep_ not in CLIMB_DEPS or verb.head.i == verb.i:
            return None
        if verb.dep_ in ("advcl", "xcomp", "pcomp", "conj") or verb.tag_ == "VBG":
            climbed_participle = True
        verb = verb.head
    return None


def _child(token: Token | None, deps: tuple[str, ...], lower: str | None = None) -> Token | None:
    if token is None:
        return None
    for child in token.children:
        if child.dep_ in deps and (lower is None or child.lower_ == lower):
            return child
    return None


def _subject(verb: Token) -> Token | None:
    """The subject of a verb; with two (a misparsed dateline "TEHRAN – Pakistan said"),
    the one nearest to it; never a date ("X, who arrived on Monday, said")."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj") and c.ent_type_ not in ("DATE", "TIME")]
    if not subjects:
        return None
    return min(subjects, key=lambda c: abs(c.i - verb.i))


class SpeakerResolver:
    """Noun phrases to actors, for one document (adds generic speakers when needed)."""

    def __init__(self, doc: Doc, actors, nouns: dict[str, tuple[str, ...]]):
        self.doc = doc
        self.actors = actors  # extract.actors.DocActors, or None when the actor stage did not run
        self.nouns = nouns
        self.described: list[tuple[int, str]] = []  # (head token, actor) of the descriptions resolved so far

    def resolve(self, head: Token, previous: str | None = None) -> tuple[str | None, tuple[int, int]]:
        """(actor key or None, token range of the speaker's mention or noun phrase);
        `previous` is the actor that spoke just before (a statement with no issuer named
        is theirs: "..., the statement said")."""
        doc = self.doc
        phrase = (noun_phrase_start(head), head.i + 1)
        if self.actors is None:
            return None, phrase
        mention = self.actors.mention_at(head.i)
        if mention is not None and mention.kind == "title" and self.actors.actors[mention.actor].type != "person":
            # a title the actor layer gave to a state for want of a person ("the Kenyan
            # minister said") may be the official described earlier ("Kenya's trade minister")
            earlier = self._earlier(head, phrase)
            if earlier is not None and self.actors.actors[earlier].type == "person":
                return self._linked(earlier, head, phrase)
        if mention is not None:
            member = self._member(head, mention.actor)
            if member is not None:
                mention = member
            return mention.actor, (mention.start, mention.end)
        for child in head.children:
            if child.dep_ == "appos":
                mention = self.actors.mention_at(child.i)
                if mention is not None:
                    return mention.actor, (mention.start, mention.end)
        row = self.nouns.get(head.lower_) or self.nouns.get(head.lemma_.lower())
        voice = row is not None and row[0] == "voice"
        # Someone speaking for a body the phrase names: "TTP spokesman", "Pakistan's
        # foreign office", "a spokesman for the Taliban".
        if voice:
            for i in range(head.i - 1, phrase[0] - 1, -1):
                if doc[i].dep_ in ("compound", "poss", "nmod", "amod"):
                    mention = self.actors.mention_at(i)
                    if mention is not None and mention.end <= head.i and self._is_collective(mention.actor):
                        return mention.actor, (mention.start, mention.end)
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in SPEAKER_PREPS:
                    obj = _child(child, ("pobj",))
                    mention = self.actors.mention_at(obj.i) if obj is not None else None
                    if mention is not None and self._is_collective(mention.actor):
                        return mention.actor, (mention.start, mention.end)
        # A person named further inside the phrase: "the Chinese envoy to Pakistan Yao Jing".
        people = {}
        # (not inside a clause that describes the noun: "a group ... that backed the mayor")
        last = min([c.left_edge.i - 1 for c in head.children if c.dep_ in ("acl", "relcl") and c.i > head.i] + [head.right_edge.i])
        for i in range(phrase[0], last + 1):
            mention = self.actors.mention_at(i)
            if mention is not None and mention.kind != "pronoun" and self.actors.actors[mention.actor].type == "person":
                people.setdefault(mention.actor, mention)
        if len(people) == 1:
            mention = next(iter(people.values()))
            return mention.actor, (mention.start, mention.end)
        if row is not None and row[0] == "document":
            return self._issuer(head, phrase, previous)
        if row is None or voice:
            described = self._description(head, phrase)
            if described is not None:
                return described, phrase
        if row is None:
            return None, phrase
        speaker_type, sector = row[0], row[1]
        if speaker_type in ("none", "voice"):
            return None, phrase
        return self._group(head, phrase, speaker_type, None if sector == "-" else sector)

    # ------------------------------------------------------------------ descriptions
    def _issuer(self, head: Token, phrase: tuple[int, int], previous: str | None):
        """Who a statement, report or letter speaks for: the body it names ("the statement
        by the ministry", "the ministry's statement"), else the one whose statement the
        article named before ("the statement further noted"), else the actor that spoke
        just before; with none of these, the document itself ("a new government report
        found"), which later mentions ("the report said") go back to."""
        for child in head.children:
            target = None
            if child.dep_ == "poss":
                target = child
            elif child.dep_ == "prep" and child.lower_ in ISSUER_PREPS:
                target = _child(child, ("pobj",))
            if target is not None and target.lower_ not in DETERMINERS:
                key, span = self.resolve(target)
                if key is not None:
                    return key, span
        earlier = self._earlier(head, phrase)
        if earlier is not None:
            return self._linked(earlier, head, phrase)
        if previous is not None and self._is_collective(previous) and not self._indefinite(phrase):
            return self._linked(previous, head, phrase)
        if not self._content_words(phrase, head) and self._country(phrase) is None:
            return None, phrase  # "a statement said": no one named
        return self._new_description(head, phrase, "organization"), phrase

    def _description(self, head: Token, phrase: tuple[int, int]) -> str | None:
        """A person or body the text describes without naming it: a title ("Iran's interior
        minister", "another security official") or the head noun of an organization ("the
        defence ministry"). A definite description goes back to the same description said
        before ("the minister" after "Iran's interior minister"), from the same country; an
        indefinite one ("another official") is someone new; nothing that does not fit is
        linked (the actor layer has already tied titles to the people it names)."""
        if head.tag_ in ("NNS", "NNPS"):
            return None
        lowers = [t.lower_ for t in self.doc[phrase[0] : head.i + 1]]
        # (a capitalized title is part of a name the actor layer has read: "President Ruto")
        title = _titles().ending_at(lowers, len(lowers) - 1) if head.pos_ != "PROPN" or head.text.islower() else None
        if title is not None:
            kind = "person"
        elif head.lemma_.lower() in _org_heads():
            kind = "organization"
        else:
            return None
        for child in head.children:
            if child.dep_ == "poss" and child.pos_ != "PRON" and kind == "organization":
                # a unit of a body speaks for it: "the ministry's press office"
                key, _span = self.resolve(child)
                if key is not None and self._is_collective(key):
                    return key
        earlier = self._earlier(head, phrase)
        if earlier is None and title is not None:
            earlier = self._named_after(head, phrase, title[1][0])
        if earlier is not None:
            self._linked(earlier, head, phrase)
            return earlier
        return self._new_description(head, phrase, kind, title[1][0] if title is not None else None)

    def _named_after(self, head: Token, phrase: tuple[int, int], family: str) -> str | None:
        """A person the text names right after describing them (in the same sentence or
        the next two): "a top military commander warned ... Mohammad Pakpour, commander of
        the ground force, urged ...": a person not mentioned before whose role has a
        title of the same family."""
        sentences = list(self.doc.sents)
        here = next((n for n, sent in enumerate(sentences) if sent.start <= head.i < sent.end), None)
        if here is None:
            return None
        last = sentences[min(here + 2, len(sentences) - 1)].end
        country = self._country(phrase)
        for mention in sorted(self.actors.mentions, key=lambda m: m.start):
            if mention.start < phrase[1] or mention.start >= last or mention.kind == "pronoun":
                continue
            actor = self.actors.actors.get(mention.actor)
            if actor is None or actor.type != "person" or any(m.start < phrase[0] for m in actor.mentions):
                continue
            if country is not None and actor.country is not None and actor.country != country:
                continue
            roles = " ".join(actor.roles).lower()
            if family in actor.role_families or _contains_words(roles, head.lower_):
                return actor.key
        return None

    def _indefinite(self, phrase: tuple[int, int]) -> bool:
        start = self.doc[phrase[0]]
        before = self.doc[phrase[0] - 1] if phrase[0] > 0 else None
        return start.lower_ in INDEFINITE_STARTS or (before is not None and before.lower_ in INDEFINITE_STARTS)

    def _earlier(self, head: Token, phrase: tuple[int, int]) -> str | None:
        """The actor of the last description before this one that it can mean: the same
        head noun, its other words among the earlier one's, no other country."""
        if self._indefinite(phrase):
            return None
        lemma = head.lemma_.lower()
        words = self._content_words(phrase, head)
        country = self._country(phrase)
        # the descriptions resolved so far, and the actor layer's mentions that end with
        # the same noun ("Saudi Arabia's information ministry" ... "the ministry")
        candidates = [(i, key) for i, key in self.described if i < head.i]
        candidates += [(m.end - 1, m.actor) for m in self.actors.mentions if m.end <= phrase[0] and m.kind != "pronoun"]
        for i, key in sorted(candidates, reverse=True):
            if self.doc[i].lemma_.lower() != lemma:
                continue
            actor = self.actors.actors.get(key)
            if actor is None or actor.type == "location":
                continue
            if country is not None and actor.country is not None and actor.country != country:
                continue
            mention = next((m for m in actor.mentions if m.start <= i < m.end), None)
            earlier_words = self._content_words((mention.start, mention.end), self.doc[i]) if mention is not None else set()
            if words <= earlier_words:
                return key
        return None

    def _content_words(self, phrase: tuple[int, int], head: Token) -> set[str]:
        """The words of a description that say which one it is ("defence" in "the defence
        ministry"), without determiners, possessive marks, country words and the head."""
        out = set()
        for token in self.doc[phrase[0] : phrase[1]]:
            if token.i == head.i or token.is_punct or token.lower_ in DETERMINERS or token.tag_ == "POS":
                continue
            if self._country_at(token.i) is not None:
                continue
            out.add(token.lemma_.lower())
        return out

    def _country_at(self, i: int) -> str | None:
        mention = self.actors.mention_at(i)
        if mention is not None:
            actor = self.actors.actors.get(mention.actor)
            record = actor.record if actor is not None else None
            if actor is not None and (actor.type == "state" or (record is not None and record.type == "state")):
                return actor.country or (record.country if record is not None else None)
        demonym = self.actors.demonyms.get(i)
        return demonym[2].country if demonym is not None else None

    def _country(self, phrase: tuple[int, int]) -> str | None:
        for i in range(phrase[0], phrase[1]):
            country = self._country_at(i)
            if country is not None:
                return country
        return None

    def _linked(self, key: str, head: Token, phrase: tuple[int, int]):
        self.actors.add_mention(key, phrase[0], phrase[1], "description")
        self.described.append((head.i, key))
        return key, phrase

    def _new_description(self, head: Token, phrase: tuple[int, int], kind: str, family: str | None = None) -> str:
        doc = self.doc
        start = phrase[0]
        while start < head.i and (doc[start].lower_ in DETERMINERS or doc[start].is_punct):
            start += 1
        name = doc[start : phrase[1]].text
        base = slug(name) or slug(head.text)
        key, number = base, 2
        while key in self.actors.actors:
            key, number = f"{base}-{number}", number + 1
        actor = self.actors.add_actor(key, name, kind, country=self._country(phrase))
        if kind == "person":
            actor.roles.append(name)
            if family is not None:
                actor.role_families.add(family)
        self._linked(key, head, phrase)
        return key

    def _member(self, head: Token, key: str):
        """A generic group that the text narrows to one named member speaks through it:
        "the international community, including the UN Security Council, has warned"
        (with several members named, the group speaks)."""
        actor = self.actors.actors.get(key)
        if actor is None or actor.type != "group":
            return None
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "including":
                obj = _child(child, ("pobj",))
                if obj is None or any(c.dep_ == "conj" for c in obj.children):
                    return None
                mention = self.actors.mention_at(obj.i)
                if mention is not None and self.actors.actors[mention.actor].type not in ("group", "location"):
                    return mention
        return None

    def _is_collective(self, key: str) -> bool:
        actor = self.actors.actors.get(key)
        return actor is not None and actor.type != "person" and actor.type != "location"

    def _group(self, head: Token, phrase: tuple[int, int], speaker_type: str, sector: str | None):
        doc = self.doc
        start = phrase[0]
        while start < head.i and doc[start].lower_ in LEADING_QUANTIFIERS:
            start += 1
        name = doc[start : head.i + 1].text
        if doc[start].pos_ != "PROPN":
            name = name[:1].lower() + name[1:]
        key = slug(name)
        existing = self.actors.actors.get(key)
        if existing is not None and existing.type != speaker_type:
            key = f"{key}-{speaker_type}"
        self.actors.add_actor(key, name, speaker_type, sector=sector)
        mention = self.actors.add_mention(key, phrase[0], phrase[1], "description")
        return key, (mention.start, mention.end)

    # ------------------------------------------------------------------ "we" in a quotation
    def affiliation(self, speaker: str) -> str | None:
        """The state or organization a person speaks for: one named in their roles, else
        the state of their country when they hold an office there."""
        if self.actors is None:
            return None
        person = self.actors.actors.get(speaker)
        if person is None or person.type != "person":
            return None
        collectives = [a for a in self.actors.actors.values() if a.type in AFFILIATION_TYPES or (a.record is not None and a.record.type == "state")]
        roles = " ".join(person.roles).lower()
        if roles:
            for actor in collectives:
                if actor.type != "state" and (actor.record is None or actor.record.type != "state"):
                    names = {actor.name.lower()} | {self.doc[m.start : m.end].text.lower() for m in actor.mentions if m.kind in ("name", "alias", "acronym")}
                    if any(_contains_words(roles, name) for name in names if name):
                        return actor.key
        country = person.country
        if country is None or not (person.sector or person.role_sectors or person.roles):
            return None
        for actor in collectives:
            record = actor.record
            if record is not None and record.type == "state" and record.country == country:
                return actor.key
            if record is None and actor.type == "state" and actor.country == country:
                return actor.key
        return None

    def add_first_person(self, actor_key: str, start: int, end: int, pronouns=FIRST_PERSON_PLURAL) -> int:
        """First-person pronouns (`pronouns`: "we", "our", "us" by default) in tokens
        [start, end) become mentions of `actor_key`."""
        added = 0
        actor = self.actors.actors[actor_key]
        for token in self.doc[start:end]:
            if token.lower_ not in pronouns or token.text == "US" or token.text == "U.S." or token.tag_ not in ("PRP", "PRP$"):
                continue
            if self.actors.mention_at(token.i) is not None:
                continue
            self.actors.add_mention(actor_key, token.i, token.i + 1, "pronoun")
            added += 1
        if added and actor.type == "location" and actor.record is not None and actor.record.type == "state":
            # A country that speaks through its officials acts: it is a state, not a place.
            actor.type = "state"
            actor.sector = actor.record.sector_on(self.actors.day)
            actor.agentive = True
        return added


def _contains_words(text: str, name: str) -> bool:
    index = text.find(name)
    while index >= 0:
        before = text[index - 1] if index > 0 else " "
        after = text[index + len(name)] if index + len(name) < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            return True
        index = text.find(name, index + 1)
    return False


def load_speaker_nouns() -> dict[str, tuple[str, ...]]:
    return lexicon.table(SPEAKERS_FILE, 3)


def _titles():
    return lexicon.phrases(TITLES_FILE, 3)


def _org_heads() -> frozenset[str]:
    return lexicon.words(ORG_HEADS_FILE)
