"""People: one actor per person, however the article names them, with their roles.

- Full names and later surnames ("Anwaar ul Haq Kakar" ... "Kakar") join one actor when
  the shorter name is part of exactly one longer name in the article (else the most
  recently mentioned one). Honorifics and ranks before a name (honorifics.txt: "Mr.",
  "Seyyed", "Gen.") are not part of it: "Mr. Annan" is "Kofi Annan", "Seyyed Ali
  Khamenei" the knowledge base's "Ali Khamenei".
- Roles come from pre-modifiers ("Military analyst Samar Sadaat") and appositions ("The
  caretaker prime minister of Pakistan, Anwaar ul Haq Kakar," / "Hossein Zolfaghari, the
  deputy interior minister"); a role gives the person a sector (titles.tsv) and a country
  (a demonym or a state named in it). People the knowledge base knows get their roles on
  the article's date as well.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..kb.names import name_words, slug
from .syntax import noun_phrase_start

if TYPE_CHECKING:  # pragma: no cover
    from .actors import ActorBuild, MentionRef, _Run

# Where a lone capitalised word that the model left unlabelled may be an office holder's surname.
NAME_SLOTS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "poss", "conj", "appos", "agent"})
AMBIGUOUS = object()  # a partial name that several people of the article bear
ROLE_BREAK_POS = frozenset({"VERB", "AUX", "PRON", "SCONJ", "CCONJ", "NUM"})
FORMER = frozenset({"former", "ex", "late", "then", "erstwhile", "outgoing", "previous"})


def attach_people(run: "_Run") -> None:
    names = sorted(run.person_names, key=lambda m: (-len(_words(run, m)), m.start))
    people: list["ActorBuild"] = [a for a in run.actors.values() if a.type == "person"]
    for mention in names:
        words = _words(run, mention)
        if not words:
            continue
        actor = _known_person(run, mention, words, people)
        if actor is AMBIGUOUS:
            # "Rahimi said" after both Karim and Nadia Rahimi: which one is not said; the
            # name stays an actor of its own rather than being given to either
            key = f"{slug(run.doc[mention.start : mention.end].text)}-unresolved"
            actor = run.actors.get(key) or run._new_actor(key, run.doc[mention.start : mention.end].text, "person")
            run.add_mention(actor, mention.start, mention.end, "surname", agentive=True)
            continue
        if actor is None:
            text = bare_name(run, mention.start, mention.end)
            record = next((r for r in run.kb.lookup(text) if r.type == "person"), None)
            if record is None and len(words) == 1:
                record = run.kb.office_holder(text, run.day)  # "Putin said": the one in office
            if record is not None:
                actor = run._kb_actor(record)
            else:
                key = slug(text)
                actor = run.actors.get(key) or run._new_actor(key, text, "person")
                if actor.type != "person":  # a slug clash with an organization: keep them apart
                    key = f"{key}-person"
                    actor = run.actors.get(key) or run._new_actor(key, actor.name, "person")
            if actor not in people:
                people.append(actor)
            kind = "name"
        else:
            kind = "name" if len(words) >= len(_bare_words(run, name_words(actor.name))) else "surname"
        run.add_mention(actor, mention.start, mention.end, kind, agentive=True)
    for actor in people:
        for mention in list(actor.mentions):
            if mention.kind == "name":
                _roles_of(run, actor, mention)
    _unlabelled_surnames(run, people)


def _unlabelled_surnames(run: "_Run", people: list["ActorBuild"]) -> None:
    """A surname the statistical model left without a label ("Asif and Iranian Foreign
    Minister Zarif held talks") is still the person, when one person of the article has it;
    else, as a subject, object or possessor, the one office holder of the knowledge base
    with that surname on the article's day ("Raisi said ...")."""
    owners: dict[str, set[str]] = {}
    for actor in people:
        words = name_words(actor.name)
        if len(words) > 1:
            owners.setdefault(words[-1], set()).add(actor.key)
    covered = [False] * len(run.doc)
    for mention in run.mentions:
        for i in range(mention.start, mention.end):
            covered[i] = True
    for i, lower in enumerate(run.lowers):
        if covered[i] or run.taken[i] or run.pos[i] not in ("PROPN", "NOUN") or not run.texts[i][:1].isupper():
            continue
        keys = owners.get(lower)
        if keys:
            if len(keys) == 1:
                run.add_mention(run.actors[next(iter(keys))], i, i + 1, "surname", agentive=True)
            continue
        token = run.doc[i]
        if token.dep_ in NAME_SLOTS and not token.ent_type_:
            record = run.kb.office_holder(run.texts[i], run.day)
            if record is not None:
                run.add_mention(run._kb_actor(record), i, i + 1, "surname", agentive=True)


def _words(run: "_Run", mention: "MentionRef") -> tuple[str, ...]:
    """The words of a person's name as written, less the honorifics before it."""
    key = (mention.start, mention.end)
    words = run.name_words_cache.get(key)
    if words is None:
        words = run.name_words_cache[key] = _bare_words(run, name_words(run.doc[mention.start : mention.end].text))
    return words


def _bare_words(run: "_Run", words: tuple[str, ...]) -> tuple[str, ...]:
    honorifics = run.layer.honorifics
    start = 0
    while start < len(words) - 1 and words[start] in honorifics:
        start += 1
    return words[start:]


def bare_name(run: "_Run", start: int, end: int) -> str:
    """A person's name as written in tokens [start, end), less the honorifics and ranks
    before it ("Mr. Annan" -> "Annan", "Seyyed Ali Khamenei" -> "Ali Khamenei")."""
    honorifics = run.layer.honorifics
    while start < end - 1 and (run.lowers[start].rstrip(".") in honorifics or run.texts[start] == "."):
        start += 1
    return run.doc[start:end].text


def _known_person(run: "_Run", mention: "MentionRef", words: tuple[str, ...], people: list["ActorBuild"]) -> "ActorBuild | None":
    """The person already found whose full name contains these words (a surname, a partial
    name); AMBIGUOUS when several people of the article bear them."""
    matches = []
    for actor in people:
        candidates = [_bare_words(run, name_words(actor.name))]
        candidates += [_words(run, m) for m in actor.mentions if m.kind == "name"]
        if any(_contains(full, words) for full in candidates):
            matches.append(actor)
    if not matches:
        return None
    if len(matches) == 1:
        return matches[0]
    return AMBIGUOUS


def _contains(full: tuple[str, ...], part: tuple[str, ...]) -> bool:
    n = len(part)
    return any(full[i : i + n] == part for i in range(len(full) - n + 1))


def _roles_of(run: "_Run", actor: "ActorBuild", mention: "MentionRef") -> None:
    doc = run.doc
    root = doc[mention.start : mention.end].root
    # 1. Pre-modifiers: "Military analyst Samar Sadaat", "Iranian Interior Minister X".
    start = root.left_edge.i
    if start < mention.start:
        tokens = doc[start : mention.start]
        while len(tokens) and (tokens[0].is_punct or tokens[0].tag_ == "DT" and tokens[0].lower_ != "the" or tokens[0].ent_type_ in ("DATE", "TIME")):
            tokens = tokens[1:]  # "(on) Friday President X": the day is not part of the title
        determiner = len(tokens) and tokens[0].lower_ == "the"
        role_tokens = tokens[1:] if determiner else tokens
        if len(role_tokens) and not any(t.pos_ in ROLE_BREAK_POS or t.text == "," for t in role_tokens):
            if _add_role(run, actor, role_tokens.start, role_tokens.end):
                # the title itself refers to the person: "the Chinese envoy to Pakistan"
                run.add_mention(actor, tokens.start, tokens.end, "title")
    # 1b. A title with its prepositional phrase right before the name, whatever the parse:
    # "the Chinese envoy to Pakistan Yao Jing", "the ambassador to Kabul Ahmad Shah".
    k = mention.start - 1
    while k >= 0 and mention.start - k <= 4 and run.pos[k] == "PROPN" and not run.taken_by_person(k):
        k -= 1
    if k < mention.start - 1 and k >= 1 and run.lowers[k] in ("to", "of", "for", "in", "at"):
        match = run.layer.titles.ending_at(run.lowers, k - 1)
        if match:
            begin = k - match[0]
            while begin > 0 and run.pos[begin - 1] in ("ADJ", "PROPN") and mention.start - begin < 10:
                begin -= 1
            determiner = begin - 1 if begin > 0 and run.lowers[begin - 1] == "the" else begin
            if _add_role(run, actor, begin, mention.start):
                run.add_mention(actor, determiner, mention.start, "title")
    # 2. The name is an apposition of a title: "The caretaker prime minister of Pakistan, X,".
    if root.dep_ == "appos" and _title_head(run, root.head):
        head = root.head
        begin = noun_phrase_start(head)
        end = begin
        while end < len(doc) and end < mention.start and doc[end].text not in (",", "(", "–", "—"):
            end += 1
        _add_role(run, actor, begin, end)
    # 3. A title is an apposition of the name: "X, the deputy interior minister for security issues,".
    for child in root.children:
        if child.dep_ == "appos" and child.i > root.i and _title_head(run, child):
            begin = noun_phrase_start(child)
            end = child.right_edge.i + 1
            comma = next((i for i in range(begin, end) if doc[i].text in (",", ";", "(")), None)
            if comma is not None:
                end = comma  # "X, the director of Y, and Z, ...": the role stops at the comma
            while end > begin and doc[end - 1].is_punct:
                end -= 1
            _add_role(run, actor, begin, end)


def _title_head(run: "_Run", token: Token) -> bool:
    return run.layer.titles.ending_at(run.lowers, token.i) is not None


def _add_role(run: "_Run", actor: "ActorBuild", start: int, end: int) -> bool:
    """Read a role phrase: its sector and family from the title it holds, its country from
    a demonym or a state in it. False when the phrase holds no title."""
    doc = run.doc
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    titles = run.layer.titles
    found = None
    for i in range(end - 1, start - 1, -1):
        match = titles.ending_at(run.lowers, i)
        if match and i - match[0] + 1 >= start:
            found = match
            break
    if found is None:
        return False
    family, sector = found[1]
    text = doc[start:end].text
    if not any(run.lowers[i] in FORMER for i in range(start, end)):
        actor.current_families.add(family)
    if doc[start].is_sent_start and doc[start].pos_ != "PROPN":
        text = text[:1].lower() + text[1:]
    if text not in actor.roles:
        actor.roles.append(text)
    actor.role_families.add(family)
    if sector != "-":
        if "intelligence" in text.lower():
            sector = "SPY"
        actor.role_sectors.append(sector)
    if actor.country is None:
        for i in range(start, end):
            country = run.demonym_country.get(i) or run._state_country_at(i)
            if country:
                actor.country = country
                break
    return True


def title_family(layer, title: str) -> str | None:
    """The family (titles.tsv) of the longest title inside a role title ("prime minister of
    Pakistan" -> head-of-government)."""
    words = title.lower().replace("-", " ").split()
    best = None
    for end in range(len(words)):
        match = layer.titles.ending_at(words, end)
        if match and (best is None or match[0] > best[0]):
            best = match
    return best[1][0] if best else None


def infer_day(layer, found) -> dt.date | None:
    """An estimate of an undated article's date from the offices it names: each person the
    knowledge base knows, named with a current title, gives the periods in which they held
    a role of that title; the periods of all such people intersected give the window, and
    its middle is the estimate (today for a window still open). None without a clue or
    when the clues disagree."""
    window: list[tuple[dt.date, dt.date]] | None = None
    today = dt.date.today()
    for actor in found.actors.values():
        if actor.type != "person" or actor.record is None or not actor.current_families:
            continue
        periods = [
            (role.period.start or dt.date(1900, 1, 1), role.period.end or today)
            for role in actor.record.roles
            if title_family(layer, role.title) in actor.current_families
        ]
        if not periods:
            continue
        window = periods if window is None else _intersect(window, periods)
        if not window:
            return None
    if not window:
        return None
    start, end = max(window, key=lambda period: period[1])
    return start + (end - start) / 2


def _intersect(first, second):
    out = []
    for a_start, a_end in first:
        for b_start, b_end in second:
            start, end = max(a_start, b_start), min(a_end, b_end)
            if start < end:
                out.append((start, end))
    return out
