"""The event lexicon: the data files that say which words make which PLOVER events.

All of it lives in `newsgraph/data/lexicon/` (readable TSV, one row a line, `#` comments)
and is extended like every other lexicon table (see `newsgraph.lexicon`): a file of the same
name in `$NEWSGRAPH_HOME/lexicon/` or in `NEWSGRAPH_LEXICON_PATH` adds rows and replaces
rows with the same first column.

- `event_types.tsv`   the 16 PLOVER types: quad class, intensity, CAMEO root, symmetry
- `event_cameo.tsv`   CAMEO roots: name and Goldstein score
- `event_verbs.tsv`   verbs and verb phrases -> type, mode, CAMEO code, where the recipient is
- `event_nouns.tsv`   nouns that name events -> type, where the actors and recipient are
- `event_stance.tsv`  nouns by which a speaker judges a party (ACCUSE / SUPPORT)
- `event_modality.tsv` auxiliaries, governors and conjunctions that set modality
- `event_light_verbs.txt` verbs whose object noun names the event ("held talks")
- `event_speech_verbs.txt` verbs of saying: "declined to comment" is no refusal
- `event_place_objects.txt` people and sites whose place stands for an unnamed recipient
- `event_statement_nouns.txt` documents whose author does what they do ("a statement condemning X")

The format of each is described at the top of the file and in `docs/events.md`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from .. import lexicon
from ..errors import NewsgraphError

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
MODALITIES = ("asserted", "future", "hypothetical", "historical")
VERB_ARGS = frozenset({"obj", "dative", "xcomp", "ccomp", "mutual", "bare", "armed", "adj", "transitive", "opinion"})
NOUN_SOURCES = frozenset({"poss", "compound", "by", "of", "between", "participants", "clause"})
NOUN_FLAGS = frozenset({"mutual", "bare"})
STANCE_TARGETS = frozenset({"poss", "compound", "of", "by", "from", "for", "including", "agent", "subj", "armed"})
MODALITY_PLACES = frozenset({"aux", "governor", "mark", "deontic", "ago"})


@dataclass(frozen=True)
class TypeInfo:
    type: str
    quad_class: int
    intensity: float
    cameo_root: str
    symmetric: bool
    mode_intensity: dict
    place: bool = False  # a place may stand for an unnamed recipient (event_types.tsv)

    def intensity_of(self, mode: str | None) -> float:
        return self.mode_intensity.get(mode, self.intensity) if mode else self.intensity


@dataclass(frozen=True)
class Trigger:
    """One row of `event_verbs.tsv`, `event_nouns.tsv` or `event_stance.tsv`."""

    words: tuple[str, ...]
    type: str
    mode: str | None
    cameo: str
    targets: tuple[str, ...]       # slots, in order of preference
    sources: tuple[str, ...] = ()  # nouns only
    flags: frozenset = frozenset()
    notes: str = ""

    @property
    def pattern(self) -> str:
        return " ".join(self.words)


@dataclass
class EventLexicon:
    types: dict[str, TypeInfo]
    goldstein: dict[str, float]      # CAMEO root -> Goldstein score
    cameo_names: dict[str, str]
    verbs: dict[str, list[Trigger]]  # first word -> triggers, longest pattern first
    nouns: dict[str, list[Trigger]]  # head (last) word -> triggers, longest first
    stance: dict[str, list[Trigger]]  # head (last) word -> triggers
    modality: dict[str, tuple[str, str]]  # cue -> (modality, where)
    light_verbs: frozenset
    speech_verbs: frozenset = frozenset()
    place_objects: frozenset = frozenset()  # objects whose place stands for the recipient
    statement_nouns: frozenset = frozenset()  # documents whose author does what they do

    def type_info(self, plover_type: str) -> TypeInfo:
        return self.types[plover_type]

    def modality_cues(self, where: str) -> dict[str, str]:
        return {cue: modality for cue, (modality, place) in self.modality.items() if place == where}


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip().lower() for part in cell.split(",") if part.strip() and part.strip() != "-")


def _check_type(name: str, term: str, plover_type: str) -> str:
    value = plover_type.upper()
    if value not in PLOVER_TYPES:
        raise NewsgraphError(f"{name}: row {term!r}: unknown PLOVER type {plover_type!r} (expected one of {', '.join(PLOVER_TYPES)})")
    return value


def _check_cameo(name: str, term: str, code: str) -> str:
    if not (code.isdigit() and 2 <= len(code) <= 4 and 1 <= int(code[:2]) <= 20):
        raise NewsgraphError(f"{name}: row {term!r}: CAMEO code {code!r} is not a code of 2 to 4 digits with a root 01-20")
    return code


def _index(triggers: list[Trigger], by_last: bool) -> dict[str, list[Trigger]]:
    index: dict[str, list[Trigger]] = {}
    for trigger in triggers:
        key = trigger.words[-1] if by_last else trigger.words[0]
        index.setdefault(key, []).append(trigger)
    for options in index.values():
        options.sort(key=lambda t: -len(t.words))
    return index


def _types() -> dict[str, TypeInfo]:
    name = "event_types.tsv"
    out = {}
    for term, cells in lexicon.table(name, 7).items():
        plover_type = _check_type(name, term, term)
        try:
            quad = int(cells[0])
            intensity = float(cells[1])
            overrides = {}
            for item in _split(cells[4]):
                mode, _, value = item.partition(":")
                overrides[mode] = float(value)
        except ValueError:
            raise NewsgraphError(f"{name}: row {term!r}: quad class, intensity and mode intensities must be numbers") from None
        if quad not in QUAD_CLASSES:
            raise NewsgraphError(f"{name}: row {term!r}: quad class {quad} is not 1-4")
        out[plover_type] = TypeInfo(plover_type, quad, intensity, cells[2], cells[3].lower() == "yes", overrides,
                                    cells[5].lower() == "yes")
    missing = set(PLOVER_TYPES) - set(out)
    if missing:
        raise NewsgraphError(f"{name}: no row for {', '.join(sorted(missing))}")
    return out


def _verbs() -> list[Trigger]:
    name = "event_verbs.tsv"
    out = []
    for term, cells in lexicon.table(name, 6).items():
        args = _split(cells[3])
        unknown = [a for a in args if a not in VERB_ARGS and not a.isalpha()]
        if unknown:
            raise NewsgraphError(f"{name}: row {term!r}: unknown argument {unknown[0]!r}")
        flags = frozenset(a for a in args if a in ("mutual", "bare", "armed", "adj", "transitive", "opinion"))
        targets = tuple(a for a in args if a not in flags)
        if cells[0] == "-":
            # an exclusion: the pattern is no event ("offer condolences")
            out.append(Trigger(tuple(term.split()), "", None, "", (), (), frozenset(), cells[4]))
            continue
        out.append(Trigger(tuple(term.split()), _check_type(name, term, cells[0]), None if cells[1] == "-" else cells[1],
                           _check_cameo(name, term, cells[2]), targets, (), flags, cells[4]))
    return out


def _nouns() -> list[Trigger]:
    name = "event_nouns.tsv"
    out = []
    for term, cells in lexicon.table(name, 7).items():
        sources = _split(cells[3])
        bad = [s for s in sources if s not in NOUN_SOURCES]
        if bad or not sources:
            raise NewsgraphError(f"{name}: row {term!r}: source must list some of {', '.join(sorted(NOUN_SOURCES))}")
        targets = _split(cells[4])
        unknown = [t for t in targets if not t.isalpha()]
        if unknown:
            raise NewsgraphError(f"{name}: row {term!r}: unknown target {unknown[0]!r}")
        flags = frozenset(t for t in targets if t in NOUN_FLAGS)
        out.append(Trigger(tuple(term.split()), _check_type(name, term, cells[0]), None if cells[1] == "-" else cells[1],
                           _check_cameo(name, term, cells[2]), tuple(t for t in targets if t not in flags), sources, flags,
                           cells[5]))
    return out


def _stance() -> list[Trigger]:
    name = "event_stance.tsv"
    out = []
    for term, cells in lexicon.table(name, 6).items():
        slots = _split(cells[3])
        bad = [s for s in slots if s not in STANCE_TARGETS]
        if bad or not slots:
            raise NewsgraphError(f"{name}: row {term!r}: target must list some of {', '.join(sorted(STANCE_TARGETS))}")
        flags = frozenset(s for s in slots if s == "armed")
        out.append(Trigger(tuple(term.split()), _check_type(name, term, cells[0]), None if cells[1] == "-" else cells[1],
                           _check_cameo(name, term, cells[2]), tuple(s for s in slots if s != "armed"), (), flags, cells[4]))
    return out


def _modality() -> dict[str, tuple[str, str]]:
    name = "event_modality.tsv"
    out = {}
    for term, cells in lexicon.table(name, 4).items():
        modality, where = cells[0].lower(), cells[1].lower()
        if modality not in MODALITIES:
            raise NewsgraphError(f"{name}: row {term!r}: modality {modality!r} is not one of {', '.join(MODALITIES)}")
        if where not in MODALITY_PLACES:
            raise NewsgraphError(f"{name}: row {term!r}: place {where!r} is not one of {', '.join(sorted(MODALITY_PLACES))}")
        out[term] = (modality, where)
    return out


def match_noun(lexicon_nouns: dict[str, list[Trigger]], doc: Doc, token: Token) -> tuple[Trigger, int] | None:
    """The longest event-noun term ending at `token`: (trigger, start token index)."""
    options = lexicon_nouns.get(token.lemma_.lower()) or lexicon_nouns.get(token.lower_)
    if not options:
        return None
    for trigger in options:
        n = len(trigger.words)
        start = token.i - n + 1
        if start < 0:
            continue
        words = [t.lemma_.lower() for t in doc[start : token.i]] + [token.lemma_.lower()]
        lowers = [t.lower_ for t in doc[start : token.i + 1]]
        if tuple(words) == trigger.words or tuple(lowers) == trigger.words:
            return trigger, start
    return None


@lru_cache(maxsize=4)
def load_event_lexicon() -> EventLexicon:
    """The event lexicon, read once per process (shipped files plus user additions)."""
    roots = lexicon.table("event_cameo.tsv", 3)
    try:
        goldstein = {code.zfill(2): float(cells[1]) for code, cells in roots.items()}
    except ValueError:
        raise NewsgraphError("event_cameo.tsv: Goldstein scores must be numbers") from None
    return EventLexicon(
        types=_types(),
        goldstein=goldstein,
        cameo_names={code.zfill(2): cells[0] for code, cells in roots.items()},
        verbs=_index(_verbs(), by_last=False),
        nouns=_index(_nouns(), by_last=True),
        stance=_index(_stance(), by_last=True),
        modality=_modality(),
        light_verbs=lexicon.words("event_light_verbs.txt"),
        speech_verbs=lexicon.words("event_speech_verbs.txt"),
        place_objects=lexicon.words("event_place_objects.txt"),
        statement_nouns=lexicon.words("event_statement_nouns.txt"),
    )
