"""Who acts and who is acted on: the arguments of an event, read from the parse and the
actor layer.

Every function here is a documented rule over spaCy's dependency parse (ClearNLP labels):

- `phrase_actors`  the actors a noun phrase stands for: the mention at its head, its
  conjuncts ("Pakistan and China"), its appositions ("country Afghanistan"), the named
  examples of "including"; with `modifiers`, also a possessive or name before the head when
  the head is no actor ("the Daesh threat", "U.S. engagement");
- `subject_of`     who carries out the action of a verb: its subject, the "by" agent of a
  passive, or, for a verb with no subject of its own, the subject it shares with the verb
  it is coordinated with or depends on (control: "X pledged to allow", "X urged Y to join"
  -> Y joins, "X was involved in training Y" -> X trains);
- `object_of`      the recipient in one argument slot of the lexicon ("obj", "with", ...).
  A preposition slot is looked for on the verb, on the pattern's words and on the verb's
  direct object ("threatened further action against X", "demanded autonomy from X"). A
  recipient phrase whose head is no actor stands for its owner: "the president of Armenia",
  "positions belonging to X", "the home of X";
- `addressee`      for a request with no recipient of its own, whom the act it serves is
  addressed to ("wrote to X to request a meeting", "sent a letter to X demanding Y");
- `place_recipient` for a material act whose recipient is named by no actor ("attacked an
  army base in Kandahar province", "killed 17 soldiers in Kabul"): the place of its object,
  else the place of the verb, stands for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .. import lexicon
from .actors import DocActors
from .event_lexicon import match_noun
from .syntax import is_infinitive

SUBJECT = frozenset({"nsubj", "csubj"})
RELATIVE = frozenset({"who", "that", "which", "whom"})
# "X, along with Y, trained Z": Y takes part as a source.
CO_AGENT_PREPS = (("along", "with"), ("together", "with"))
# "accused X of attacking", "prevented X from joining", "blamed X for helping": the
# object of the governing verb does what the gerund says.
OBJECT_CONTROL_PREPS = frozenset({"of", "from", "for"})
# Dependencies over which a verb without a subject takes its controller's.
CONTROLLED = frozenset({"xcomp", "advcl", "conj", "pcomp", "relcl", "acl"})
MAX_CONJUNCTS = 8
# "the home of X", "leaders from X", "positions belonging to X": a recipient named by
# what it owns or where it comes from.
OWNER_PREPS = ("of", "from")
# Relations and agreements name their partner with "with": "reneged on the accord with X",
# "suspended flights and trade links with X", "cut ties with X".
RELATION_NOUNS = frozenset({"accord", "agreement", "deal", "treaty", "pact", "tie", "relation", "relationship",
                            "link", "partnership", "cooperation", "talk", "negotiation", "contact",
                            "engagement", "channel", "communication"})
OWNER_VERBS = frozenset({"belong"})
# Verbs of taking part in a meeting: their subjects (or "by" agents) are its parties
# ("participate in" and "take part in" are read apart).
ATTEND_VERBS = frozenset({"attend", "join"})
# Prepositions that place a thing or an act: "a base in Kandahar", "positions near Damascus".
PLACE_PREPS = frozenset({"in", "near", "at", "outside", "across", "throughout", "inside", "around", "along"})
PLACE_TYPES = frozenset({"location", "state"})
# Clauses of purpose or manner through which a request serves the act it depends on ("wrote
# to X to request", "sent a letter to X demanding").
ADDRESSED_CLAUSES = frozenset({"advcl", "xcomp", "acl"})


@dataclass
class Found:
    """Actors found for one argument, and how (for confidence and evidence)."""

    actors: list[str] = field(default_factory=list)
    tokens: list[int] = field(default_factory=list)
    how: str = ""  # "head", "modifier", "control", "agent", "mutual", "clause" ...

    def __bool__(self) -> bool:
        return bool(self.actors)

    def add(self, actors: list[str], token: int) -> None:
        for actor in actors:
            if actor not in self.actors:
                self.actors.append(actor)
        if token not in self.tokens:
            self.tokens.append(token)


class Arguments:
    """Argument reading for one document."""

    def __init__(self, doc: Doc, actors: DocActors, event_nouns: dict | None = None,
                 statement_nouns: frozenset = frozenset(), light_verbs: frozenset = frozenset(),
                 event_verbs: dict | None = None, role_nouns: frozenset = frozenset(),
                 pair_nouns: dict | None = None):
        self.doc = doc
        self.found = actors
        self.types = {key: actor.type for key, actor in actors.actors.items()}
        self.event_nouns = event_nouns or {}  # head lemma -> noun triggers (event_nouns.tsv)
        self.statement_nouns = statement_nouns  # event_statement_nouns.txt
        self.light_verbs = light_verbs  # event_light_verbs.txt
        self.event_verbs = event_verbs or {}  # first word -> verb triggers (event_verbs.tsv)
        self.role_nouns = role_nouns  # event_role_nouns.txt
        self.pair_nouns = pair_nouns or {}  # event_pair_nouns.tsv
        self.sentence_starts = [sent.start for sent in doc.sents]

    # ------------------------------------------------------------ actors of tokens
    def at(self, token: Token) -> list[str]:
        """The actors of the mention at this token (several for "They (TTP and the Taliban)"),
        or the two parties a "the two X" / "both X" phrase stands for (`pair_at`)."""
        return self.pair_at(token) or self.found.actors_at(token.i)

    def pair_at(self, token: Token) -> list[str]:
        """"The two discussed trade", "the two leaders", "both countries" (a noun of
        event_pair_nouns.tsv, or "two" alone): the two actors named from the start of the
        previous sentence up to the phrase, when there are exactly two of the noun's types
        (places never count); else []."""
        types = self.pair_nouns.get(token.lower_)
        if types is None:
            return []
        words = {c.lower_ for c in token.children if c.dep_ in ("det", "predet", "nummod", "preconj")}
        if token.lower_ == "two":
            if "the" not in words or token.pos_ != "NUM" or token.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "conj"):
                return []
        elif not ("both" in words or {"the", "two"} <= words):
            return []
        if any(c.dep_ in ("amod", "compound", "poss", "prep") for c in token.children):
            return []  # "the two Gulf states", "the two countries' leaders": named otherwise
        start = token.left_edge.i
        sentence = max(i for i, s in enumerate(self.sentence_starts) if s <= start)
        window = self.sentence_starts[max(sentence - 1, 0)]
        actors: list[str] = []
        for mention in self.found.mentions:
            if window <= mention.start and mention.end <= start and mention.actor not in actors:
                kind = self.types.get(mention.actor)
                if kind in PLACE_TYPES - {"state"} or kind is None:
                    continue
                if "any" not in types and kind not in types:
                    continue
                actors.append(mention.actor)
        return actors if len(actors) == 2 else []

    def modifier_actors(self, token: Token) -> list[str]:
        """The actors a pre-modifier names: its mention's, else the state of a demonym ("the
        Israeli strikes", "Iranian oil companies"), which becomes an actor of the article."""
        if _opposed(token):
            return []  # "an anti-Iran resolution" is no act of Iran's, nor aimed at it
        if token.dep_ == "amod" and token.i not in self.found.demonyms:
            return []  # an adjective names an actor only as a demonym
        actors = self.at(token)
        if (not actors and token.dep_ in ("amod", "compound", "nmod") and token.i < token.head.i
                and not _names_a_person(token.head)):
            actors = self.found.demonym_actor(token.i)
            for actor in actors:
                self.types[actor] = self.found.actors[actor].type
        return actors

    def conjuncts(self, token: Token) -> list[Token]:
        """The token, its conjuncts and its appositions ("Pakistan, Russia and China"),
        skipping "as well as" tails that start a new list."""
        out = [token]
        stack = [token]
        while stack and len(out) < MAX_CONJUNCTS:
            current = stack.pop()
            for child in current.children:
                if child.dep_ in ("conj", "appos") and child not in out:
                    out.append(child)
                    stack.append(child)
        return out

    def phrase_actors(self, token: Token, modifiers: bool = True, including: bool = True) -> Found:
        """The actors a noun phrase headed by `token` stands for."""
        found = Found(how="head")
        for part in self.conjuncts(token):
            actors = self.at(part)
            if actors:
                found.add(actors, part.i)
        if not found and modifiers:
            for part in self.conjuncts(token):
                for child in part.children:
                    if child.dep_ in ("poss", "compound", "nmod", "amod") and child.i < part.i:
                        actors = self.at(child) if child.dep_ == "poss" else self.modifier_actors(child)
                        if actors:
                            found.add(actors, child.i)
                            found.tokens.append(part.i)  # the phrase's head, for the evidence
            if found:
                found.how = "modifier"
        if including:
            for part in self.conjuncts(token):
                for child in part.children:
                    if child.dep_ == "prep" and _is_example_prep(child):
                        for obj in _objects(child):
                            sub = self.phrase_actors(obj, modifiers=False, including=False)
                            for actor in sub.actors:
                                found.add([actor], obj.i)
        return found

    def prep_actors(self, head: Token, prep: str, modifiers: bool = True, owner: bool = False, acts: bool = False) -> Found:
        """Actors of the object of preposition `prep` ("with", "on", ...) on `head`; with
        `owner`, an object that is no actor stands for its owner ("with the president of X")."""
        found = Found(how="head")
        for child in head.children:
            if child.dep_ in ("prep", "agent", "dative", "prt") and child.lower_ == prep:
                for obj in _objects(child):
                    sub = self.recipient_phrase(obj, acts=acts) if owner else self.phrase_actors(obj, modifiers=modifiers)
                    for actor in sub.actors:
                        found.add([actor], obj.i)
                    for i in sub.tokens:
                        if i not in found.tokens:
                            found.tokens.append(i)
                    if sub.how == "modifier":
                        found.how = "modifier"
        return found

    def between_actors(self, head: Token) -> Found:
        """Parties of "between X and Y" / "among X, Y and Z" on a noun; a party named by
        its modifier counts ("between Houthi fighters and Saudi forces", "between Iranian
        and Egyptian officials")."""
        found = Found(how="between")
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("between", "among", "amongst"):
                for obj in _objects(child):
                    for part in self.conjuncts(obj):  # each party by itself: its head or its modifier
                        actors = self.at(part)
                        for modifier in [] if actors else part.children:
                            if modifier.dep_ in ("poss", "compound", "nmod", "amod") and modifier.i < part.i:
                                actors = actors + (self.at(modifier) if modifier.dep_ == "poss"
                                                   else self.modifier_actors(modifier))
                        for actor in actors:
                            found.add([actor], part.i)
        return found

    def participants(self, meeting: Token) -> Found:
        """Parties of a meeting named through who takes part in it: "a meeting of the
        ministers of X, Y and Z", "(the conference opened) with the participation of X and
        Y", "the summit, attended by the leaders of X and Y", "officials from X and Y
        attended the meeting". Each phrase stands for its own actors or its owners' ("the
        leaders of X", "delegations from X"); how = "between"."""
        found = Found(how="between")
        phrases: list[Token] = []
        phrases += [obj for child in meeting.children if child.dep_ == "prep" and child.lower_ == "of"
                    for obj in _objects(child)]
        holders = [meeting]
        if meeting.dep_ in ("nsubj", "nsubjpass") and meeting.head.pos_ in ("VERB", "AUX"):
            holders.append(meeting.head)  # "the conference began ... with the participation of X"
        for holder in holders:
            for child in holder.children:
                if child.dep_ == "prep" and child.lower_ == "with":
                    for obj in _objects(child):
                        if obj.lemma_.lower() == "participation":
                            # the parse hangs "from X" on "participation" as often as on its object
                            phrases += [o for prep in obj.children if prep.dep_ == "prep"
                                        and prep.lower_ in OWNER_PREPS for o in _objects(prep)]
                elif child.dep_ == "acl" and child.lemma_.lower() in ATTEND_VERBS:
                    phrases += [o for agent in child.children if agent.dep_ == "agent" for o in _objects(agent)]
        verb = None
        if meeting.dep_ in ("dobj", "obj") and meeting.head.lemma_.lower() in ATTEND_VERBS:
            verb = meeting.head  # "officials from X and Y attended the meeting"
        elif meeting.dep_ == "pobj" and meeting.head.lower_ == "in":
            verb = meeting.head.head
            if verb.lemma_.lower() == "part" and verb.head.lemma_.lower() == "take":
                verb = verb.head  # "X and Y took part in the talks"
            elif not (verb.lemma_.lower() == "participate"
                      or verb.lemma_.lower() == "take" and any(c.lemma_.lower() == "part" for c in verb.children)):
                verb = None
        if verb is not None and not is_passive(verb):
            phrases += self.subject_tokens(verb)[0]
        for phrase in phrases:
            sub = self.phrase_actors(phrase, modifiers=False)
            if not sub or all(self.types.get(a) == "group" for a in sub.actors):
                # "delegations from X", "the ministers of X and Y", "officials from X and Y"
                sub = (self.prep_actors(phrase, "of", modifiers=True) or self.prep_actors(phrase, "from", modifiers=True)
                       or sub or self.phrase_actors(phrase))  # "Iranian and Pakistani officials"
            for actor in sub.actors:
                found.add([actor], phrase.i)
            for i in sub.tokens:
                if i not in found.tokens:
                    found.tokens.append(i)
        return found

    # ------------------------------------------------------------ subjects
    def subject_tokens(self, verb: Token) -> tuple[list[Token], str]:
        """The subject tokens of `verb` and how they were found: "subject", "agent" (the
        "by" of a passive), or "" when the verb has none of its own."""
        subjects = [c for c in verb.children if c.dep_ in SUBJECT]
        if subjects:
            if verb.dep_ == "relcl" and all(s.lower_ in RELATIVE for s in subjects):
                return [verb.head], "subject"
            return subjects, "subject"
        for child in verb.children:
            if child.dep_ == "agent":
                objects = list(_objects(child))
                if objects:
                    return objects, "agent"
        if is_passive(verb):
            return [], "passive"
        return [], ""

    def subject_of(self, verb: Token, nominal_sources: dict[int, list[str]] | None = None, depth: int = 0) -> Found:
        """Who carries out the action of `verb` (see the module docstring)."""
        tokens, how = self.subject_tokens(verb)
        if tokens:
            found = Found(how="agent" if how == "agent" else "head")
            for token in tokens:
                sub = self._source_phrase(token)
                for actor in sub.actors:
                    found.add([actor], token.i)
            self._co_agents(verb, found)
            return found
        if how == "passive" or depth > 4:
            return Found()
        controller = self._controller(verb, nominal_sources or {}, depth)
        if controller:
            self._co_agents(verb, controller)
            self._co_agents(_governor(verb), controller)
        return controller

    def _source_phrase(self, token: Token) -> Found:
        found = self.phrase_actors(token, modifiers=True)
        if not found:
            # "members of a Daesh-affiliated network", "the leader of the TTP"
            found = self.prep_actors(token, "of", modifiers=False)
        return found

    def _co_agents(self, verb: Token, found: Found) -> None:
        """"X, along with Y, has been training Z": Y is a source too."""
        heads = [verb] + [t for t in found_tokens(self.doc, found)]
        for head in heads:
            for child in head.children:
                if child.dep_ != "prep":
                    continue
                for first, second in CO_AGENT_PREPS:
                    if child.lower_ == first:
                        for grand in child.children:
                            if grand.dep_ == "prep" and grand.lower_ == second:
                                for obj in _objects(grand):
                                    sub = self.phrase_actors(obj, modifiers=False)
                                    for actor in sub.actors:
                                        found.add([actor], obj.i)

    def _controller(self, verb: Token, nominal_sources: dict[int, list[str]], depth: int) -> Found:
        """The subject a verb without one takes from the verb it depends on."""
        dep = verb.dep_
        head = verb.head
        if dep == "pcomp" or (dep == "pobj" and verb.pos_ == "VERB"):
            prep = head
            head = prep.head
            dep = "pcomp"
        if dep not in CONTROLLED or head is verb:
            return Found()
        if dep == "pcomp" and verb.head.lower_ == "in":
            owner = self._role_owner(head)
            if owner:
                return owner
        if (head.pos_ == "NOUN" or head.pos_ == "PROPN") and not (dep == "conj" and _has_subject(head)):
            # a gerund on an event noun: "cooperation between X and Y in combatting Z" (a
            # noun with a subject is a verb the tagger missed: "X rejects and condemns Y")
            sources = nominal_sources.get(head.i)
            if sources:
                return Found(list(sources), [head.i], "control")
            if dep == "acl" and head.lemma_.lower() in self.statement_nouns:
                # "X issued a statement condemning Y", "X's decision to expel Y": what the
                # document or decision does, its author does
                return self._author(head, nominal_sources, depth)
            if dep == "relcl" or dep == "acl":
                return Found()
            return Found()
        if dep == "xcomp":
            # object control: "urged them to fulfill", "called on X to join"
            for child in head.children:
                if child.dep_ == "dobj":
                    sub = self.phrase_actors(child, modifiers=False)
                    if sub:
                        sub.how = "control"
                        return sub
                if child.dep_ == "prep" and child.lower_ in ("on", "upon"):
                    sub = self.prep_actors(head, child.lower_, modifiers=False)
                    if sub:
                        sub.how = "control"
                        return sub
            # the subject of a passive governor: "X was urged to ..."
            for child in head.children:
                if child.dep_ == "nsubjpass":
                    sub = self.phrase_actors(child, modifiers=False)
                    if sub:
                        sub.how = "control"
                        return sub
        if dep == "pcomp" and verb.head.lower_ in OBJECT_CONTROL_PREPS:
            # object control: "accused X of attacking", "prevented X from joining"
            for child in head.children:
                if child.dep_ in ("dobj", "obj"):
                    sub = self.phrase_actors(child, modifiers=False)
                    if sub:
                        sub.how = "control"
                        return sub
        if dep == "pcomp":
            # "X highlighted the cooperation between A and B in combatting Z": the gerund
            # belongs to the event noun the verb governs (a frequent attachment error).
            for child in head.children:
                if child.dep_ == "dobj" and child.i in nominal_sources:
                    return Found(list(nominal_sources[child.i]), [child.i], "control")
            for child in head.children:
                if child.dep_ == "nsubjpass":
                    sub = self.phrase_actors(child, modifiers=False)
                    if sub:
                        sub.how = "control"
                        return sub
        if dep == "conj" or dep == "pcomp":
            # a coordinated verb shares the grammatical subject, and "suspected by X of
            # attacking" is done by the one suspected: for a passive governor that is its
            # passive subject, not the "by" agent ("X was indicted by Y and will resign")
            passive = self._passive_subject(head)
            if passive is not None:
                if passive:
                    passive.how = "control" if dep != "conj" else "shared"
                return passive
        found = self.subject_of(head, nominal_sources, depth + 1)
        if found:
            found.how = "control" if dep != "conj" else "shared"
        return found

    def _role_owner(self, head: Token) -> Found:
        """"the role of X in arming Y", "questioned X's involvement in attacking Y": a
        gerund after "in" on a noun of taking part (event_role_nouns.txt), or on the verb
        whose object that noun is (the parse hangs "in" on either), is done by its owner."""
        nouns = [head] if head.pos_ in ("NOUN", "PROPN") else [c for c in head.children if c.dep_ in ("dobj", "obj")]
        for noun in nouns:
            if noun.lemma_.lower() not in self.role_nouns:
                continue
            for child in noun.children:
                if child.dep_ == "poss":
                    found = self.phrase_actors(child, modifiers=False)
                    if found:
                        found.how = "control"
                        return found
            found = self.prep_actors(noun, "of", modifiers=True)
            if found:
                found.how = "control"
                return found
        return Found()

    def _author(self, noun: Token, nominal_sources: dict[int, list[str]], depth: int) -> Found:
        """The author of a statement or decision: its possessor ("Trump's decision"), its
        "by" agent, or the subject of the light verb that issues it ("X issued a statement",
        "the UN adopted a resolution"; event_light_verbs.txt)."""
        found = Found()
        for child in noun.children:
            if child.dep_ == "poss":
                found = self.phrase_actors(child, modifiers=False)
        if not found:
            found = self.prep_actors(noun, "by", modifiers=False)
        if not found and noun.dep_ in ("dobj", "obj") and noun.head.lemma_.lower() in self.light_verbs:
            found = self.subject_of(noun.head, nominal_sources, depth + 1)
        if found:
            found.how = "control"
        return found

    def _passive_subject(self, verb: Token) -> Found | None:
        """The passive subject of a passive verb (its nsubjpass, or the noun a passive
        participle modifies: "men suspected by Turkey"); None when the verb is not
        passive."""
        for child in verb.children:
            if child.dep_ == "nsubjpass":
                return self.phrase_actors(child, modifiers=False)
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return self.phrase_actors(verb.head, modifiers=False)
        return None

    # ------------------------------------------------------------ objects
    def object_of(self, verb: Token, slot: str, extra: list[Token] = (), acts: bool = False) -> Found:
        """The recipient in one slot of a lexicon row (see event_verbs.tsv). With `acts`, an
        event noun in the slot stands for its own recipient ("called for sanctions against
        X"); a verb that judges an act ("condemned the attack on X") leaves it off."""
        if slot == "obj":
            if is_passive(verb):
                for child in verb.children:
                    if child.dep_ == "nsubjpass":
                        return self.recipient_phrase(child, acts=acts)
                return Found()
            if verb.dep_ == "acl" and verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children):
                # "militants backed by X", "a convoy attacked by Y": the noun a passive
                # participle modifies is its object
                return self.recipient_phrase(verb.head, acts=acts)
            for child in verb.children:
                if child.dep_ in ("dobj", "obj"):
                    found = self.recipient_phrase(child, acts=acts)
                    if not found and child.pos_ == "NUM":
                        found = self._elided_object(verb)
                    return found
            return Found()
        if slot == "dative":
            for child in verb.children:
                if child.dep_ == "dative" and child.pos_ in ("NOUN", "PROPN", "PRON"):
                    return self.phrase_actors(child)
            return Found()
        if slot == "ccomp":
            for child in verb.children:
                if child.dep_ == "ccomp":
                    tokens, _ = self.subject_tokens(child)
                    found = Found(how="head")
                    for token in tokens:
                        sub = self.phrase_actors(token, modifiers=True)
                        for actor in sub.actors:
                            found.add([actor], token.i)
                    return found
            return Found()
        if slot == "xcomp":
            return self._xcomp_recipient(verb, depth=0)
        objects = [c for c in verb.children if c.dep_ in ("dobj", "obj") and c not in extra]
        for head in [verb, *extra, *objects]:
            found = self.prep_actors(head, slot, owner=True, acts=acts)
            if found:
                return found
        return Found()

    def _elided_object(self, verb: Token) -> Found:
        """"shot three and detained five members of X": a bare number as the object stands
        for the noun the coordinated verb's numbered object names (how = "modifier")."""
        partners = [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
        if verb.dep_ == "conj" and verb.head.pos_ == "VERB":
            partners.append(verb.head)
        for partner in partners:
            for obj in partner.children:
                if obj.dep_ in ("dobj", "obj") and any(c.dep_ == "nummod" for c in obj.children):
                    found = self.recipient_phrase(obj)
                    if found:
                        found.how = "modifier"
                        return found
        return Found()

    def _xcomp_recipient(self, verb: Token, depth: int) -> Found:
        """The recipient of what a verb commits to, threatens or refuses: the object of
        its infinitive, or of "with/to/on/against/between" on that verb or its object
        ("threatened to break off relations with X", "ready to host a meeting between X
        and Y"), through nested infinitives ("would be ready to host")."""
        children = list(verb.children)
        for child in list(children):
            if child.dep_ == "xcomp":  # "agreed to lift the siege and send aid to X"
                children.extend(c for c in child.children if c.dep_ == "conj" and c.pos_ == "VERB"
                                and c.lower_ != "according")  # "according to X" names a source
        # the infinitive or gerund of the pattern's noun: "expressed its willingness to broaden
        # ties with X", "reaffirmed his interest in opening channels with X"
        objects = [obj for obj in verb.children if obj.dep_ in ("dobj", "obj") and depth == 0]
        noun_infinitives = [c for obj in objects for c in obj.children if c.dep_ == "acl" and is_infinitive(c)]
        noun_infinitives += [g for holder in (objects + [verb] if objects else []) for prep in holder.children
                             if prep.dep_ == "prep" and prep.lower_ in ("in", "to", "for") for g in prep.children
                             if g.dep_ == "pcomp" and g.tag_ == "VBG"]  # the parse hangs "in" on either
        children += noun_infinitives
        for child in children:
            purpose = (child.dep_ == "advcl" and depth > 0 and child.lemma_.lower() in self.event_verbs
                       and is_infinitive(child))
            if ((child.dep_ not in ("xcomp", "conj") and not purpose and child not in noun_infinitives)
                    or child.pos_ not in ("VERB", "AUX")):
                continue  # the infinitive, or deeper a purpose that is an event ("willing to send X to help defend Y")
            found = self.object_of(child, "obj", acts=True)
            if found:
                return found
            heads = [child] + [c for c in child.children if c.dep_ in ("dobj", "obj")]
            for head in heads:
                for prep in ("with", "to", "on", "against", "for"):
                    found = self.prep_actors(head, prep, owner=True, acts=True)
                    if found:
                        return found
                found = self.between_actors(head)
                if found:
                    return found
            if depth < 2:
                found = self._xcomp_recipient(child, depth + 1)
                if found:
                    return found
        return Found()

    def addressee(self, verb: Token) -> Found:
        """Whom the act that a request serves is addressed to, for a request with no
        recipient of its own: "wrote to X to request a meeting", "sent a letter to X demanding
        Y", "wrote to X asking him to ...": the "to" of the verb (or of its object) that the
        request's clause depends on; how = "addressee"."""
        if verb.dep_ not in ADDRESSED_CLAUSES or verb.head is verb:
            return Found()
        governor = verb.head
        holders = [governor]
        if governor.pos_ in ("NOUN", "PROPN") and governor.dep_ in ("dobj", "obj"):
            holders.append(governor.head)  # "sent a letter to X demanding": the letter's verb
        elif governor.pos_ in ("VERB", "AUX"):
            holders += [c for c in governor.children if c.dep_ in ("dobj", "obj")]  # "a letter to X"
        for holder in holders:
            found = self.prep_actors(holder, "to", modifiers=True)
            if found:
                found.how = "addressee"
                return found
        return Found()

    def recipient_phrase(self, token: Token, depth: int = 0, acts: bool = False) -> Found:
        """The actors a recipient phrase stands for: its own (`phrase_actors`), else its
        owner's: "the home of X", "the convoy of X", "attacks by X", "positions belonging
        to X", "leaders from X", "the claims made by X", a relation's partner ("the accord with X"), over a quantity
        ("dozens of supporters of X"). With `acts`, an event noun stands for the one its "of"
        names or, else, for its own recipient, before its possessor ("demanded the withdrawal
        of X", "called for sanctions against X", "accepted demands from X", "pledged the
        Kingdom's support for X"). how = "modifier" when not its own."""
        found = self.phrase_actors(token, modifiers=False)
        if found:
            return found
        if acts:
            # "demanded the withdrawal of X (from Y)": the act's own "of" first, then its
            # recipient ("called for sanctions against X", "pledged the Kingdom's support for X")
            found = self.prep_actors(token, "of", modifiers=True) or self._act_recipient(token)
            if found:
                found.how = "modifier"
                return found
        found = self.phrase_actors(token)
        if found:
            return found
        relation = token.lemma_.lower() in RELATION_NOUNS
        if relation:
            found = self.between_actors(token)  # "welcomed the deal between X and Y"
            if found:
                found.how = "modifier"
                return found
        owners = ("by", *OWNER_PREPS, "with") if relation else ("by", *OWNER_PREPS)
        for prep in owners:
            found = self.prep_actors(token, prep, modifiers=True)
            if found:
                found.how = "modifier"
                return found
        if depth < 2:
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for obj in _objects(child):
                        found = self.recipient_phrase(obj, depth + 1, acts)
                        if found:
                            found.how = "modifier"
                            return found
        for child in token.children:
            if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in OWNER_VERBS:
                found = self.prep_actors(child, "to", modifiers=True)
                if found:
                    found.how = "modifier"
                    return found
            if child.dep_ == "acl" and child.tag_ == "VBN":
                # "the allegations made by X", "the plan proposed by X": its author
                found = self.prep_actors(child, "by", modifiers=True)
                if found:
                    found.how = "modifier"
                    return found
        return Found()

    def _act_recipient(self, noun: Token) -> Found:
        """The recipient an event noun names itself (event_nouns.tsv target slots, or
        "between X and Y")."""
        match = match_noun(self.event_nouns, self.doc, noun)  # the whole term ("legal action", not "tougher action")
        for trigger in [match[0]] if match else ():
            if "between" in trigger.sources:
                found = self.between_actors(noun)  # "called for dialogue between X and Y"
                if found:
                    found.how = "modifier"
                    return found
            for slot in trigger.targets:
                if slot not in ("of", "that"):
                    found = self.prep_actors(noun, slot, modifiers=True)
                    if found:
                        found.how = "modifier"
                        return found
        return Found()

    def place_recipient(self, verb: Token, slots: tuple[str, ...], place_objects: frozenset) -> Found:
        """Where a material act took place when its recipient is named by no actor: the
        place in its object's phrase ("an army base in Kandahar province", "positions in
        the Gaza Strip's border regions"), else a place on the verb ("killed 81 people in
        Nigeria"). The act must be done to people or a site (`place_objects`, numbers:
        "killed 17"); only places (location or state actors) count. how = "place"."""
        objects = []
        for child in verb.children:
            if child.dep_ in ("dobj", "obj", "nsubjpass"):
                objects.append(child)
            elif child.dep_ == "prep" and child.lower_ in slots:
                objects.extend(_objects(child))
        objects = [o for o in objects if o.pos_ == "NUM" or o.lemma_.lower() in place_objects or o.lower_ in place_objects]
        if not objects:
            return Found()
        for head in [*objects, verb]:
            for child in head.children:
                if child.dep_ != "prep" or child.lower_ not in PLACE_PREPS:
                    continue
                for obj in _objects(child):
                    sub = self.phrase_actors(obj, modifiers=True, including=False)
                    places = [a for a in sub.actors if self.types.get(a) in PLACE_TYPES]
                    if places:
                        return Found(places, list(sub.tokens), "place")
        return Found()



def _opposed(token: Token) -> bool:
    """"anti-Iran", "pro-Israel": a modifier for or against someone, not by them."""
    doc = token.doc
    if token.lower_.startswith(("anti-", "pro-")):
        return True
    return token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ in ("anti", "pro")


def _names_a_person(noun: Token) -> bool:
    """"counterparts", "minister", "envoy": a noun for a person, whom a demonym does not
    stand for ("met his Turkish counterparts" is no meeting with Turkey)."""
    lemma = noun.lemma_.lower()
    return lemma == "counterpart" or lemma in lexicon.table("titles.tsv", 3)


def _governor(verb: Token) -> Token:
    """The word a verb without a subject depends on (over a preposition: "involved in training")."""
    head = verb.head
    if verb.dep_ == "pcomp" and head.head is not head:
        return head.head
    return head


def _has_subject(token: Token) -> bool:
    return any(child.dep_ in ("nsubj", "nsubjpass") for child in token.children)


def is_passive(verb: Token) -> bool:
    return any(child.dep_ in ("nsubjpass", "auxpass") for child in verb.children)


def _objects(prep: Token):
    """The objects of a preposition, with their conjuncts left to `phrase_actors`."""
    for child in prep.children:
        if child.dep_ in ("pobj", "pcomp", "dobj") and child.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "X"):
            yield child
        elif child.dep_ == "pcomp" and child.pos_ == "VERB":
            # "with regional countries to counter terrorism": the parse makes the object
            # the subject of the verb that follows it
            for grand in child.children:
                if grand.dep_ == "nsubj" and grand.i < child.i:
                    yield grand


def _is_example_prep(prep: Token) -> bool:
    """"including X", "like X", "such as X": named examples of a plural."""
    if prep.lower_ in ("including", "like"):
        return True
    return prep.lower_ == "as" and any(child.lower_ == "such" for child in prep.children)


def found_tokens(doc: Doc, found: Found) -> list[Token]:
    return [doc[i] for i in found.tokens]
