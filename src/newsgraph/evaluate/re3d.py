"""Entity spans against re3d (`newsgraph eval --re3d ../shared/data/re3d`).

re3d (Dstl, 2017) annotates 98 documents on the conflict in Syria and Iraq with typed
entity spans; each source folder holds `documents.json` and `entities.json` (JSON Lines
exported from MongoDB: `{_id, title, text, ...}` and `{documentId, begin, end, type,
value, confidence}`). Scored here: Person, Organisation and Nationality, the entities
newsgraph's actor layer is about. Gold is an entity of these types with confidence >= 0.5
(the dataset's adjudicated confidence: an alternative reading that the annotators
rejected, often a nationality inside an organisation's span, has confidence 0).

What counts as a prediction:

- the actor layer: every mention of an actor (names, surnames, titles, descriptions,
  pronouns) typed by its actor: a person -> Person; an organisation, armed group, IGO or
  group -> Organisation; a state -> Organisation when the mention is the subject of a
  clause ("Turkey has said", "the Iraqi government") or a description, metonym or pronoun,
  else a place (not scored: re3d marks "in Syria" Location). Nationality is the
  knowledge base's demonyms ("Syrian", "Iraqi") where the actor layer has no mention
  around them; a plural demonym that heads its phrase ("Syrians fled") is a group of
  people, Organisation, as re3d marks it.
- bare spaCy NER on the same parse: PERSON -> Person, ORG -> Organisation, NORP ->
  Nationality (GPE and LOC are places). The variant `spacy+gpe` also counts GPE as
  Organisation.

Spans: exact (same characters, same type) and lenient (overlapping, same type); one to
one. Figures per type and over the three types (micro).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from ..errors import InputError
from ..extract.syntax import is_subject
from ..kb.names import chunk_words, is_capitalized
from .metrics import PRF, match_one_to_one

TYPES = ("Person", "Organisation", "Nationality")
SYSTEMS = ("newsgraph", "spacy", "spacy+gpe")
MIN_CONFIDENCE = 0.5
ORGANISATION_TYPES = frozenset({"organization", "armed_group", "igo", "group"})
STATE_AS_ACTOR_KINDS = frozenset({"description", "metonym", "pronoun", "title"})
SPACY_TYPES = {"PERSON": "Person", "ORG": "Organisation", "NORP": "Nationality"}


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    type: str
    text: str = ""


@dataclass
class Re3dDocument:
    id: str
    source: str
    text: str
    entities: list[Entity]


@dataclass
class Scores:
    exact: dict[str, PRF] = field(default_factory=lambda: {t: PRF() for t in TYPES})
    lenient: dict[str, PRF] = field(default_factory=lambda: {t: PRF() for t in TYPES})

    def total(self, mode: str) -> PRF:
        out = PRF()
        for prf in getattr(self, mode).values():
            out = out + prf
        return out

    def as_dict(self) -> dict:
        return {
            mode: {**{t: getattr(self, mode)[t].as_dict() for t in TYPES}, "all": self.total(mode).as_dict()}
            for mode in ("exact", "lenient")
        }


@dataclass
class Re3dResult:
    path: Path
    documents: int
    words: int
    scores: dict[str, Scores]
    missed: list[tuple[str, Entity]] = field(default_factory=list)  # the actor layer's, (doc id, gold)
    spurious: list[tuple[str, Entity]] = field(default_factory=list)


# ---------------------------------------------------------------- reading


def _json_lines(path: Path) -> list[dict]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise InputError(str(path), error.strerror or str(error)) from None
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise InputError(f"{path}:{number}", f"not valid JSON ({error.msg})") from None
    return rows


def load_re3d(folder: str | Path, types: Iterable[str] = TYPES) -> list[Re3dDocument]:
    """The documents of every source folder under `folder` (or of `folder` itself), with
    their gold entities of these `types`."""
    types = frozenset(types)
    folder = Path(folder)
    sources = sorted(p.parent for p in folder.glob("*/documents.json"))
    if (folder / "documents.json").exists():
        sources.insert(0, folder)
    if not sources:
        raise InputError(str(folder), "no re3d data here (expected <source>/documents.json and entities.json)")
    documents = []
    for source in sources:
        entities: dict[str, list[Entity]] = {}
        for row in _json_lines(source / "entities.json"):
            if row.get("type") in types and float(row.get("confidence", 1)) >= MIN_CONFIDENCE:
                entities.setdefault(row["documentId"], []).append(
                    Entity(int(row["begin"]), int(row["end"]), row["type"], row.get("value", "")))
        for row in _json_lines(source / "documents.json"):
            documents.append(Re3dDocument(row["_id"], source.name, row["text"], sorted(
                entities.get(row["_id"], []), key=lambda e: (e.start, e.end))))
    return documents


# ---------------------------------------------------------------- predictions


def actor_layer_entities(doc: Doc, kb) -> list[Entity]:
    """The actor layer's mentions as re3d entities (see the module docstring)."""
    found = doc._.newsgraph_actors
    out: list[Entity] = []
    covered = [False] * len(doc)
    for mention in found.mentions:
        actor = found.actors.get(mention.actor)
        if actor is None:
            continue
        if actor.type == "person":
            kind = "Person"
        elif actor.type in ORGANISATION_TYPES:
            kind = "Organisation"
        elif actor.type in ("state", "location") and actor.record is not None and actor.record.type == "state":
            root = doc[mention.start : mention.end].root
            if mention.kind not in STATE_AS_ACTOR_KINDS and not is_subject(root):
                continue
            kind = "Organisation"
        else:
            continue
        span = doc[mention.start : mention.end]
        out.append(Entity(span.start_char, span.end_char, kind, span.text))
        for i in range(mention.start, mention.end):
            covered[i] = True
    out.extend(_demonyms(doc, kb, covered))
    return _unique(out)


def _demonyms(doc: Doc, kb, covered: list[bool]) -> Iterable[Entity]:
    matcher = kb.matcher
    for token in doc:
        if covered[token.i] or not is_capitalized(token.text):
            continue
        words = chunk_words(token.text)
        if not words:
            continue
        entries = matcher.entries.get(words, ())
        if not any(entry.kind == "demonym" for entry in entries):
            continue
        plural_head = token.tag_ in ("NNPS", "NNS") and token.dep_ not in ("amod", "compound")
        yield Entity(token.idx, token.idx + len(token.text), "Organisation" if plural_head else "Nationality", token.text)


def spacy_entities(doc: Doc, gpe_as_organisation: bool = False) -> list[Entity]:
    out = []
    for ent in doc.ents:
        kind = SPACY_TYPES.get(ent.label_)
        if kind is None and gpe_as_organisation and ent.label_ == "GPE":
            kind = "Organisation"
        if kind:
            out.append(Entity(ent.start_char, ent.end_char, kind, ent.text))
    return out


def _unique(entities: list[Entity]) -> list[Entity]:
    return list(dict.fromkeys(entities))


# ---------------------------------------------------------------- scoring


def _overlap(a: Entity, b: Entity) -> bool:
    return a.start < b.end and b.start < a.end


def score_document(gold: list[Entity], predicted: list[Entity], scores: Scores):
    """Add one document's counts; returns the (missed, spurious) entities of the lenient matching."""
    missed: list[Entity] = []
    spurious: list[Entity] = []
    for kind in TYPES:
        g = [e for e in gold if e.type == kind]
        p = [e for e in predicted if e.type == kind]
        exact = match_one_to_one(g, p, lambda a, b: a.start == b.start and a.end == b.end)
        lenient = match_one_to_one(g, p, _overlap)
        scores.exact[kind] = scores.exact[kind] + PRF(len(exact), len(p), len(g))
        scores.lenient[kind] = scores.lenient[kind] + PRF(len(lenient), len(p), len(g))
        matched_p = set(lenient.values())
        missed.extend(e for i, e in enumerate(g) if i not in lenient)
        spurious.extend(e for j, e in enumerate(p) if j not in matched_p)
    return missed, spurious


def evaluate_re3d(folder: str | Path, analyzer, limit: int | None = None) -> Re3dResult:
    documents = load_re3d(folder)[:limit] if limit else load_re3d(folder)
    scores = {system: Scores() for system in SYSTEMS}
    result = Re3dResult(Path(folder), len(documents), 0, scores)
    for document in documents:
        doc = analyzer.parse(document.text)
        result.words += sum(1 for t in doc if not (t.is_space or t.is_punct))
        predictions = {
            "newsgraph": actor_layer_entities(doc, analyzer.kb),
            "spacy": spacy_entities(doc),
            "spacy+gpe": spacy_entities(doc, gpe_as_organisation=True),
        }
        for system, predicted in predictions.items():
            missed, spurious = score_document(document.entities, predicted, scores[system])
            if system == "newsgraph":
                result.missed.extend((document.id, e) for e in missed)
                result.spurious.extend((document.id, e) for e in spurious)
    return result
