"""What every importer shares: drafts of records, the casing of names written in capitals,
the rules that keep imported names from flooding articles with false matches, and the
merging of imported actors into the shipped ones.

An importer reads its format into `Draft`s; `build()` turns the drafts of one import into
records:

1. every name is judged by `NamePolicy`: kept (matched in articles), weak (kept for
   `kb show`/`kb search`, never matched) or dropped, each with a reason that is counted;
2. a name that several imported actors bear is weak for all of them (it cannot tell them
   apart); a name the shipped knowledge base gives to another actor is weak too (the
   shipped actor keeps it);
3. a draft that is an actor the shipped knowledge base already has (one of its names is a
   name or alias of exactly one shipped actor of a compatible type and country) becomes an
   *overlay* of that actor, keyed by the shipped id: at load time its names are added to the
   shipped record instead of making a second actor;
4. drafts with the same id and type are merged; ids stay unique across the whole import.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..base import KnowledgeBase
from ..loader import ImportedRecord
from ..names import name_words
from ..records import Code, Governor, Role

COMMON_WORDS_FILE = Path(__file__).with_name("common_words.txt")

# Lower-case inside a name written in capitals ("AL-QUBAYSI, Abd" -> "Abd al-Qubaysi").
PARTICLES = frozenset(
    "al el ad an ar as ash at az ud ul ur bin ibn bint ben bent abu umm e i o y de del della da di do dos das du "
    "la le las los van von der den ter of the and for in on to a an et".split()
)
# Words that do not make a person's name distinctive ("Abu Ahmed", "Mullah Omar", "Haji Ali").
NAME_FILLERS = frozenset(
    "al el ad an ar as ash at az ud ul ur bin ibn bint ben bent abu umm abd abdul abdel abdal abdur abdel "
    "mullah mulla maulavi mawlawi maulana mawlana moulavi haji hajji hadji sheikh shaikh shaykh sayed sayyed "
    "sayyid syed seyed qari hafiz mufti dr doctor mr mrs ms mister general gen colonel col commander "
    "emir amir".split()
)
# Honorifics and ranks written before people's names ("Hojatoleslam Ali Akbar Hashemi
# Rafsanjani", "Mullah Baradar"): not part of the name.
HONORIFICS = frozenset(
    "mullah mulla maulavi mawlawi maulana mawlana moulavi molvi haji hajji hadji sheikh shaikh shaykh qari hafiz "
    "mufti dr doctor mr mrs ms mister general gen colonel col commander ayatollah hojatoleslam hojatolislam "
    "hojjatoleslam hojjatolislam imam sir lord lady dame".split()
)
# Titles that are also given names ("Sultan Ali Keshtmand", "Amir Khasru"): never read as titles.
GIVEN_NAME_TITLES = frozenset("sultan amir emir malik shah mir khan king prince".split())
ORG_SUFFIXES = frozenset(
    "llc ltd limited inc co corp corporation company sa sl sarl gmbh ag bv nv jsc ojsc cjsc pjsc oao zao ooo ao "
    "plc fze fzco fzc llp lp pte pvt sdn bhd srl spa kft doo".split()
)
# Words that make a name an organisation's (and not a person's).
ORG_WORDS = frozenset(
    """army armies forces force party parties front movement organization organisation organizations council
    committee commission congress assembly parliament ministry ministries government agency bank banks company
    companies corporation corp union federation association society institute institution foundation fund group groups
    brigade brigades battalion battalions league alliance coalition court tribunal police guard guards network center
    centre program programme project initiative service services office department bureau authority university school
    college church mission trust club media news radio television tv times post press airlines airways industries inc
    ltd co nations republic kingdom liberation revolutionary jihad mujahideen mujahidin militia militias cell cells
    faction factions unit units command corps navy council clan tribe board secretariat senate cabinet administration
    regime junta fighters rebels insurgents separatists frente partido ejercito consejo centro fundacion asociacion
    comite mouvement organisation jamaat jamiat jamaah jemaah harakat tehrik tehreek lashkar jaish jabhat hizb ansar
    katibat liwa saraya brigada conference summit forum network system systems holding group est establishment
    establishments properties property compound exchange trading shipping hawala industrial enterprise enterprises
    import export holdings investments investment petroleum oil gas steel logistics travel tourism construction
    contracting engineering electronics technology technologies textile textiles pharmaceutical pharmaceuticals
    medical hospital clinic hotel restaurant farm farms factory mills store stores market supermarket agency
    agencies brothers sons partners associates consultancy consulting services""".split()
    + sorted(ORG_SUFFIXES)
)
# Words that make an organisation an armed group.
ARMED_WORDS = frozenset(
    """army brigade brigades battalion battalions front militia militias mujahideen mujahidin mujahedin jihad
    lashkar jaish jaysh harakat harkat tehrik tehreek jabhat katibat liwa saraya hizballah hezbollah hizbollah
    taliban qaida qaeda isil isis daesh fighters guerrilla guerrillas insurgents rebels commandos martyrs
    kata'ib kataib ansar boko haram jund ahrar shabaab shabab""".split()
)
ACRONYM_IN_PARENS = re.compile(r"\(\s*([A-Za-z][A-Za-z.&\-]{1,11})\s*\)")
LATIN = re.compile(r"^[a-z0-9]+$")
VOWELS = frozenset("aeiouy")


def is_common(word: str) -> bool:
    """A common English word, also in a plural or inflected form ("aids", "tigers", "guarded")."""
    common = common_words()
    if word in common:
        return True
    for suffix, replacement in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and word[: -len(suffix)] + replacement in common:
            return True
    return False


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    words: set[str] = set()
    for line in COMMON_WORDS_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            words.update(line.lower().split())
    return frozenset(words)


# ---------------------------------------------------------------- casing


KNOWN_ACRONYMS: set[str] = set()  # short forms the shipped KB knows ("US", "UN"), kept in capitals


def remember_acronyms(kb: KnowledgeBase) -> None:
    """Let `proper_case` keep the shipped KB's acronyms in capitals ("US Secretary of State")."""
    for record in kb.records.values():
        for short in record.acronyms:
            if short.isupper():
                KNOWN_ACRONYMS.add(short.replace(".", ""))


def proper_case(text: str) -> str:
    """A name written in capitals, in the case news writes it: "ABDUL_RASHID_DOSTUM" ->
    "Abdul Rashid Dostum", "AL-QUBAYSI" -> "Al-Qubaysi", "TEHRIK-E TALIBAN" -> "Tehrik-e
    Taliban", "O'BRIEN" -> "O'Brien", "NPV ENGINEERING" -> "NPV Engineering". Words that
    already carry lower-case letters are kept as written."""
    words = text.replace("_", " ").split()
    out = []
    for position, word in enumerate(words):
        if any(char.islower() for char in word):
            out.append(word)
            continue
        pieces = re.split(r"([-/])", word)
        cased = [
            piece if piece in ("-", "/") else _case_part(piece, first=position == 0 and index == 0)
            for index, piece in enumerate(pieces)
        ]
        out.append("".join(cased))
    return " ".join(out)


def _case_part(part: str, first: bool) -> str:
    if not part:
        return part
    letters = "".join(char for char in part if char.isalpha())
    lower = part.lower()
    if not letters:
        return part
    if "." in part.strip(".,;:") or any(char.isdigit() for char in part) or _roman(letters):
        return part  # "U.N.", "B-52", "II"
    if letters in KNOWN_ACRONYMS:
        return part
    if _looks_like_acronym(letters.lower()):
        return part
    plain = lower.strip(".,;:'’")
    if plain in PARTICLES and not first:
        return lower
    if "'" in part or "’" in part:
        quote = "'" if "'" in part else "’"
        head, _, tail = lower.partition(quote)
        if len(head) == 1:  # O'Brien, D'Escoto
            return head.upper() + quote + tail[:1].upper() + tail[1:]
        return head[:1].upper() + head[1:] + quote + tail  # Qa'ida, Jama'at
    if lower.startswith("mc") and len(lower) > 3:
        return "Mc" + lower[2:3].upper() + lower[3:]
    return lower[:1].upper() + lower[1:]


def _roman(letters: str) -> bool:
    return len(letters) <= 4 and set(letters) <= set("IVX") and letters not in ("I",)


def _looks_like_acronym(word: str) -> bool:
    """"ttp", "npv", "irgc", "llc": no vowel, or a run of three consonants in a short word."""
    if word in common_words() or word in PARTICLES or len(word) < 2:
        return False
    if not any(char in VOWELS for char in word):
        return True
    if len(word) <= 5:
        run = longest = 0
        for char in word:
            run = 0 if char in VOWELS else run + 1
            longest = max(longest, run)
        return longest >= 3 and sum(char in VOWELS for char in word) <= 1
    return False


def initials_match(short: str, long_name: str) -> bool:
    """Whether an acronym's letters follow the initials of a long name in order, the first
    letter matching the first word ("TTP" ~ "Tehrik-e Taliban Pakistan")."""
    words = [w for w in name_words(long_name) if w not in ("of", "the", "and", "for", "in")]
    letters = [char.lower() for char in short if char.isalpha()]
    if not words or len(letters) < 2 or words[0][0] != letters[0]:
        return False
    position = 0
    for word in words:
        if position < len(letters) and word[0] == letters[position]:
            position += 1
    return position == len(letters)


def split_acronym(name: str) -> tuple[str, str | None]:
    """"TEHRIK-E TALIBAN PAKISTAN (TTP)" -> ("TEHRIK-E TALIBAN PAKISTAN", "TTP"); a bracket
    that is not the name's acronym ("(INDONESIA)") is left in place."""
    match = ACRONYM_IN_PARENS.search(name)
    if match:
        short = match.group(1).strip(".")
        rest = (name[: match.start()] + name[match.end() :]).strip(" ,-/")
        if rest and initials_match(short, rest):
            return " ".join(rest.split()), short.upper()
    return " ".join(name.split()), None


def split_alternatives(name: str) -> list[str]:
    """"NEW PEOPLE'S ARMY / COMMUNIST PARTY OF THE PHILIPPINES" -> both names; a slash with a
    single word on one side ("DHKP/C", "HIV/AIDS") stays."""
    parts = [part.strip() for part in re.split(r"\s*/\s*", name)]
    if len(parts) > 1 and all(len(name_words(part)) >= 2 for part in parts):
        return parts
    return [name]


# ---------------------------------------------------------------- drafts


@dataclass
class Draft:
    """One actor as an importer read it, before the name rules and the shipped merge."""

    id: str
    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    aliases: list[str] = field(default_factory=list)
    acronyms: list[str] = field(default_factory=list)
    weak: list[str] = field(default_factory=list)  # names the source itself marks as weak
    demonyms: list[str] = field(default_factory=list)
    capitals: list[str] = field(default_factory=list)
    part_of: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    codes: list[Code] = field(default_factory=list)
    governed_by: list[Governor] = field(default_factory=list)
    source: str | None = None
    overlay: bool = False
    curated: bool = False  # written by a person (user YAML/CSV): the name rules do not apply
    origin: str = ""  # the input file it comes from

    def absorb(self, other: "Draft") -> None:
        """Take the names and roles of another draft of the same actor."""
        for attribute in ("aliases", "acronyms", "weak", "demonyms", "capitals", "part_of"):
            mine = getattr(self, attribute)
            for value in getattr(other, attribute):
                if value not in mine:
                    mine.append(value)
        if other.name != self.name and other.name not in self.aliases:
            self.aliases.append(other.name)
        for role in other.roles:
            if role not in self.roles:
                self.roles.append(role)
        for code in other.codes:
            if code not in self.codes:
                self.codes.append(code)
        self.country = self.country or other.country
        self.sector = self.sector or other.sector


# ---------------------------------------------------------------- report


@dataclass
class ImportReport:
    """What one import produced, with every name that was weakened or dropped counted."""

    format: str
    inputs: list[str] = field(default_factory=list)
    outputs: dict[str, int] = field(default_factory=dict)  # file -> records written
    entries: int = 0  # entries read from the source
    skipped: Counter = field(default_factory=Counter)  # reason -> entries not imported
    records: int = 0
    new_actors: int = 0
    overlays: int = 0  # records that extend a shipped actor
    ambiguous: int = 0  # drafts whose names several shipped actors bear (kept as new actors)
    overlay_targets: Counter = field(default_factory=Counter)  # shipped id -> drafts merged in
    names: Counter = field(default_factory=Counter)  # strong | weak | dropped -> count
    weak_reasons: Counter = field(default_factory=Counter)
    drop_reasons: Counter = field(default_factory=Counter)
    types: Counter = field(default_factory=Counter)
    unknown_countries: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)  # reason -> a few names

    def note(self, reason: str, name: str) -> None:
        examples = self.examples.setdefault(reason, [])
        if len(examples) < 5 and name not in examples:
            examples.append(name)

    def as_dict(self) -> dict:
        return {
            "format": self.format,
            "inputs": self.inputs,
            "outputs": self.outputs,
            "entries": self.entries,
            "skipped": dict(self.skipped.most_common()),
            "records": self.records,
            "new_actors": self.new_actors,
            "overlays": self.overlays,
            "overlay_targets": len(self.overlay_targets),
            "ambiguous_shipped_matches": self.ambiguous,
            "types": dict(self.types.most_common()),
            "names": dict(self.names),
            "weak_reasons": dict(self.weak_reasons.most_common()),
            "drop_reasons": dict(self.drop_reasons.most_common()),
            "unknown_countries": dict(self.unknown_countries.most_common(20)),
            "examples": self.examples,
        }


# ---------------------------------------------------------------- name rules

STRONG, WEAK, DROP = "strong", "weak", "drop"


class NamePolicy:
    """Whether an imported name may be matched in articles.

    Dropped (counted, not kept): no Latin letters (the matcher works on Latin-script news);
    two letters or fewer (would clash with "US", "UN", "IS"); one common English word.
    Weak (kept for lookup, never matched): a person's name of one word (a given name, a
    surname, a kunya alone) or with one distinctive word beside fillers ("Abu Ahmed",
    "Mullah Omar"); a name made only of common words ("The Base", "Islamic Group");
    a title with a name ("President Karzai": the actor layer reads titles itself).
    """

    def __init__(self, title_words: Iterable[str] = ()):
        self.common = common_words()
        self.title_words = frozenset(title_words) - GIVEN_NAME_TITLES

    def judge(self, name: str, actor_type: str, acronym: bool = False) -> tuple[str, str]:
        words = name_words(name)
        if not words:
            return DROP, "no letters"
        if not all(LATIN.match(word) for word in words):
            return DROP, "not in Latin script"
        letters = "".join(words)
        if len(letters) <= 2:
            return DROP, "two letters or fewer"
        if acronym:
            return STRONG, ""
        if len(words) == 1:
            if is_common(words[0]):
                return DROP, "one common word"
            if actor_type == "person":
                return WEAK, "one word of a person's name"
            return STRONG, ""
        content = [word for word in words if word not in PARTICLES]
        if len(content) <= 2 and all(is_common(word) for word in content):
            # "The Base", "Islamic Group"; longer phrases of common words ("People's
            # Liberation Army") are names: written so, they do not occur by chance.
            return WEAK, "two common words or fewer"
        if actor_type == "person":
            if words[0] in self.title_words:
                return WEAK, "a title with a name"
            distinctive = [w for w in words if w not in NAME_FILLERS and w not in PARTICLES]
            if len(distinctive) < 2:
                return WEAK, "one distinctive word (kunya, title or filler)"
        return STRONG, ""


def strip_title(name: str, title_words: frozenset[str]) -> str:
    """"President Karzai" -> "Karzai", "United Nations Secretary General Kofi Annan" ->
    "Kofi Annan": everything up to the last title word among the first five words goes,
    when the words before it are capitalised (an organisation's name) or titles."""
    parts = name.split()
    cut = 0
    for index, part in enumerate(parts[:5]):
        words = name_words(part)
        if not words:
            continue
        if all((word in title_words or word in HONORIFICS) and word not in GIVEN_NAME_TITLES for word in words):
            cut = index + 1
        elif not (part[:1].isupper() or words[0] in ("of", "the", "for")):
            break
    rest = parts[cut:]
    if not 0 < cut < len(parts) or not rest[0][:1].isupper():
        return name  # nothing to strip, or a title's complement ("of the United States")
    return " ".join(rest)


# ---------------------------------------------------------------- country names


class CountryNames:
    """Country names as sanctions lists write them -> ISO alpha-3, through the shipped states
    ("Korea, North", "Iran (Islamic Republic of)", "Syrian Arab Republic")."""

    EXTRA = {
        "burma": "MMR",
        "korea north": "PRK",
        "korea south": "KOR",
        "democratic peoples republic of korea": "PRK",
        "republic of korea": "KOR",
        "the former yugoslav republic of macedonia": "MKD",
        "united kingdom of great britain and northern ireland": "GBR",
        "united states of america": "USA",
        "russian federation": "RUS",
        "palestinian": "PSE",
        "west bank": "PSE",
        "gaza": "PSE",
        "bosnia herzegovina": "BIH",
        "congo democratic republic of the": "COD",
        "congo republic of the": "COG",
        "venezuela bolivarian republic of": "VEN",
        "bolivia plurinational state of": "BOL",
        "tanzania united republic of": "TZA",
        "lao peoples democratic republic": "LAO",
        "viet nam": "VNM",
        "cote divoire": "CIV",
        "turkiye": "TUR",
        "hong kong": "HKG",
        "macau": "MAC",
    }

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.cache: dict[str, str | None] = {}

    def code(self, text: str | None) -> str | None:
        if not text:
            return None
        text = " ".join(text.split()).strip(" .;,")
        if text in self.cache:
            return self.cache[text]
        found = None
        for candidate in self._variants(text):
            key = " ".join(name_words(candidate))
            if key in self.EXTRA:
                found = self.EXTRA[key]
                break
            for record in self.kb.lookup(candidate):
                if record.type == "state" and record.country:
                    found = record.country
                    break
            if found:
                break
        self.cache[text] = found
        return found

    @staticmethod
    def _variants(text: str) -> list[str]:
        variants = [text]
        match = re.match(r"^(.*?)\s*\((.*)\)\s*$", text)
        if match:  # "Iran (Islamic Republic of)" -> "Islamic Republic of Iran", "Iran"
            variants += [f"{match.group(2)} {match.group(1)}", match.group(1)]
        if "," in text:  # "Korea, North" -> "North Korea"
            head, _, tail = text.partition(",")
            variants += [f"{tail.strip()} {head.strip()}", head.strip()]
        return variants


# ---------------------------------------------------------------- shipped actors

COMPATIBLE_TYPES = {
    "person": {"person"},
    "state": {"state"},
    "location": {"location", "state"},
    "organization": {"organization", "armed_group", "igo"},
    "armed_group": {"armed_group", "organization"},
    "igo": {"igo", "organization"},
    "group": {"group", "organization"},
}


def shipped_match(draft: Draft, names: list[str], kb: KnowledgeBase) -> tuple[str | None, int]:
    """The shipped actor this draft is: the one shipped actor of a compatible type and
    country that bears the draft's first name (its canonical name), else the one that
    bears most of its other names (as a name or alias; acronyms, demonyms and capitals do
    not count). Returns (id or None, number of candidates)."""
    allowed = COMPATIBLE_TYPES.get(draft.type, {draft.type})
    votes: Counter = Counter()
    first: set[str] = set()
    for position, name in enumerate(names):
        for actor_id in {e.actor_id for e in kb.matcher.lookup(name) if e.kind in ("name", "alias")}:
            record = kb.records[actor_id]
            if record.type not in allowed:
                continue
            if draft.country and record.country and draft.country != record.country:
                continue
            if draft.type != "person" and draft.sector and record.sector and draft.sector != record.sector:
                continue  # a rebel "People's Liberation Army" is not China's army
            votes[actor_id] += 1
            if position == 0:
                first.add(actor_id)
    if len(first) == 1:
        return next(iter(first)), 1
    ranked = votes.most_common(2)
    if len(ranked) == 1 or (len(ranked) == 2 and ranked[0][1] > ranked[1][1]):
        return ranked[0][0], len(votes)
    return None, len(votes)


# ---------------------------------------------------------------- build


def build(drafts: Iterable[Draft], shipped: KnowledgeBase, report: ImportReport, policy: NamePolicy) -> list[ImportedRecord]:
    """Records from one import's drafts (the steps in the module docstring)."""
    drafts = _merge_same_ids(list(drafts), report)
    given = given_names(drafts, shipped)
    judged: list[tuple[Draft, list[tuple[str, str, str]]]] = []  # (draft, [(name, kind, verdict)])
    bearers: dict[tuple[str, ...], set[str]] = {}
    for draft in drafts:
        names = _judge_names(draft, policy, report)
        if draft.type in ("organization", "armed_group", "igo", "group") and not draft.curated:
            names = _person_names_of_groups(names, given, report)
        elif draft.type == "person" and not draft.curated:
            names = _given_names_only(names, given, report)
        judged.append((draft, names))
        for name, kind, verdict in names:
            if verdict == STRONG and kind != "acronym":
                bearers.setdefault(name_words(name), set()).add(draft.id)
    records = []
    overlays: dict[str, ImportedRecord] = {}
    for draft, names in judged:
        # A name several imported actors bear tells none of them apart.
        final: list[tuple[str, str, str]] = []
        for name, kind, verdict in names:
            if verdict == STRONG and kind != "acronym" and len(bearers.get(name_words(name), ())) > 1 and not draft.curated:
                verdict = WEAK
                report.weak_reasons["borne by several imported actors"] += 1
                report.note("borne by several imported actors", name)
            final.append((name, kind, verdict))
        strong_names = [name for name, kind, verdict in final if verdict == STRONG and kind in ("name", "alias")]
        if draft.name not in strong_names:
            strong_names.insert(0, draft.name)
        target, candidates = (draft.id, 1) if draft.overlay else shipped_match(draft, strong_names, shipped)
        if draft.overlay and target not in shipped.records:
            target = draft.id  # an overlay of something outside the shipped KB: kept as written
        if target is None and candidates > 1 and not draft.curated:
            report.ambiguous += 1
            report.note("matches several shipped actors (kept as a new actor)", draft.name)
        base = shipped.records.get(target) if target else None
        final = _shipped_names(final, base, shipped, report, draft.curated)
        record = _record(draft, final, base)
        report.names.update(verdict for _, _, verdict in final)
        if base is not None:
            report.overlay_targets[base.id] += 1
            if base.id in overlays:
                overlays[base.id] = _merge_records(overlays[base.id], record)
            else:
                overlays[base.id] = record
            continue
        records.append(record)
    records.extend(overlays.values())
    report.records = len(records)
    report.overlays = len(overlays)
    report.new_actors = len(records) - len(overlays)
    report.types.update(record.type for record in records if not record.overlay)
    return records


def given_names(drafts: list[Draft], shipped: KnowledgeBase, at_least: int = 3) -> frozenset[str]:
    """First words of people's names, seen at the start of at least `at_least` different
    people's names in this import and the shipped KB: the given names ("Marwan", "Khaled")."""
    counts: Counter = Counter()
    people = [d.name for d in drafts if d.type == "person"]
    people += [r.name for r in shipped.records.values() if r.type == "person"]
    for name in people:
        words = [w for w in name_words(name) if w not in PARTICLES]
        if len(words) >= 2:
            counts[words[0]] += 1
    blocked = common_words() | ORG_WORDS | ARMED_WORDS
    return frozenset(word for word, count in counts.items() if count >= at_least and word not in blocked)


def _person_names_of_groups(names, given: frozenset[str], report: ImportReport):
    """Lists that code people as their group (PETRARCH gives Hamas the alias "Khaled
    Meshaal"): a group's alias that reads as a person's name (a given name and one to
    three more words, none an organisation's word) stays with it only as a weak alias."""
    out = []
    blocked = ORG_WORDS | ARMED_WORDS
    for name, kind, verdict in names:
        words = [w for w in name_words(name) if w not in PARTICLES]
        if (
            kind == "alias" and verdict == STRONG and 2 <= len(words) <= 4 and words[0] in given
            and not any(w in blocked for w in words)
        ):
            verdict = WEAK
            report.weak_reasons["a person's name given to a group"] += 1
            report.note("a person's name given to a group", name)
        out.append((name, kind, verdict))
    return out


def _given_names_only(names, given: frozenset[str], report: ImportReport):
    """A person's name of two given names ("Mohammad Reza", "Abdul Rahman") names thousands
    of people: weak."""
    out = []
    for name, kind, verdict in names:
        words = [w for w in name_words(name) if w not in PARTICLES]
        if verdict == STRONG and kind != "acronym" and len(words) == 2 and all(w in given for w in words):
            verdict = WEAK
            report.weak_reasons["only given names"] += 1
            report.note("only given names", name)
        out.append((name, kind, verdict))
    return out


def _merge_same_ids(drafts: list[Draft], report: ImportReport) -> list[Draft]:
    by_id: dict[str, Draft] = {}
    out: list[Draft] = []
    for draft in drafts:
        previous = by_id.get(draft.id)
        if previous is None:
            by_id[draft.id] = draft
            out.append(draft)
        elif previous.type == draft.type:
            previous.absorb(draft)
            report.skipped["merged into an entry of the same name"] += 1
        else:
            number = 2
            while f"{draft.id}-{number}" in by_id:
                number += 1
            draft.id = f"{draft.id}-{number}"
            by_id[draft.id] = draft
            out.append(draft)
    return out


def _judge_names(draft: Draft, policy: NamePolicy, report: ImportReport) -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    seen: set[tuple[str, ...]] = set()
    candidates = [(draft.name, "name")] + [(a, "alias") for a in draft.aliases]
    candidates += [(a, "acronym") for a in draft.acronyms] + [(w, "weak") for w in draft.weak]
    for name, kind in candidates:
        name = " ".join(str(name).split())
        words = name_words(name)
        if kind != "name" and (not words or words in seen):
            continue
        if draft.curated:
            verdict, reason = (WEAK, "") if kind == "weak" else (STRONG, "")
            if not words:
                verdict, reason = DROP, "no letters"
        else:
            verdict, reason = policy.judge(name, draft.type, acronym=kind == "acronym")
            if kind == "weak" and verdict == STRONG:
                verdict, reason = WEAK, "marked weak by the list (or a name with its honorific)"
        if verdict == WEAK and reason:
            report.weak_reasons[reason] += 1
            report.note(reason, name)
        elif verdict == DROP:
            report.drop_reasons[reason] += 1
            report.note(reason, name)
        seen.add(words)
        out.append((name, "alias" if kind == "weak" else kind, verdict))
    return out


def _shipped_names(names, base, shipped: KnowledgeBase, report: ImportReport, curated: bool):
    """A strong name the shipped KB gives to another actor stays with that actor: weak here."""
    out = []
    for name, kind, verdict in names:
        if verdict == STRONG and not curated:
            owners = {e.actor_id for e in shipped.matcher.lookup(name)}
            if owners and (base is None or base.id not in owners):
                verdict = WEAK
                report.weak_reasons["a name of another shipped actor"] += 1
                report.note("a name of another shipped actor", name)
        out.append((name, kind, verdict))
    return out


def _record(draft: Draft, names, base) -> ImportedRecord:
    aliases = [name for name, kind, verdict in names if verdict == STRONG and kind in ("name", "alias") and name != draft.name]
    acronyms = [name for name, kind, verdict in names if verdict == STRONG and kind == "acronym"]
    weak = [name for name, kind, verdict in names if verdict == WEAK]
    name = draft.name
    name_verdict = next((verdict for n, kind, verdict in names if kind == "name"), STRONG)
    if name_verdict == DROP:
        # The canonical name cannot be matched ("Tigers", a name in Arabic script): the first
        # usable name takes its place, else it is kept only as a weak name.
        if aliases:
            name = aliases.pop(0)
        else:
            weak.insert(0, name)
    if base is not None:
        if draft.name != base.name and name_verdict == STRONG and draft.name not in aliases:
            aliases.insert(0, draft.name)
        aliases = [alias for alias in aliases if name_words(alias) != name_words(base.name)]
        return ImportedRecord(
            id=base.id, name=base.name, type=base.type, aliases=tuple(aliases), acronyms=tuple(acronyms),
            part_of=tuple(draft.part_of), roles=tuple(draft.roles), source=draft.source,
            weak_aliases=tuple(weak), overlay=True, origin=draft.origin,
        )
    return ImportedRecord(
        id=draft.id, name=name, type=draft.type, country=draft.country, sector=draft.sector,
        aliases=tuple(aliases), acronyms=tuple(acronyms), demonyms=tuple(draft.demonyms),
        capitals=tuple(draft.capitals), part_of=tuple(draft.part_of), roles=tuple(draft.roles),
        codes=tuple(draft.codes), governed_by=tuple(draft.governed_by), source=draft.source,
        weak_aliases=tuple(weak), overlay=draft.overlay, origin=draft.origin,
    )


def _merge_records(first: ImportedRecord, second: ImportedRecord) -> ImportedRecord:
    """Two overlays of the same shipped actor from one import, as one."""

    def union(a, b):
        return tuple(dict.fromkeys((*a, *b)))

    strong = set(union(first.aliases, second.aliases)) | set(union(first.acronyms, second.acronyms))
    sources = union(tuple(s for s in (first.source,) if s), tuple(s for s in (second.source,) if s))
    return ImportedRecord(
        id=first.id, name=first.name, type=first.type,
        aliases=union(first.aliases, second.aliases), acronyms=union(first.acronyms, second.acronyms),
        part_of=union(first.part_of, second.part_of), roles=union(first.roles, second.roles),
        source="; ".join(sources) if len(sources) < 4 else f"{sources[0]}; and {len(sources) - 1} more entries",
        weak_aliases=tuple(w for w in union(first.weak_aliases, second.weak_aliases) if w not in strong),
        overlay=True, origin=first.origin,
    )
