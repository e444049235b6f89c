"""Named-entity spans against CoNLL-2003 (`newsgraph eval --conll ../shared/data/conll2003/dev.txt`).

CoNLL-2003 (Tjong Kim Sang and De Meulder, 2003) tags Reuters news of 1996 word by word
(four columns: word, POS, chunk, entity in IOB1 or IOB2). Each `-DOCSTART-` begins a
document; its sentences are joined with newlines, its words with spaces, and the text
parsed as one article. Scored: PER, ORG and LOC, the entities the actor layer is about
(MISC, the nationalities and events, is left out for every system).

What counts as a prediction:

- the actor layer: every mention written as a name (`name`, `alias`, `acronym`,
  `surname`, `metonym`, `capital`), typed by its actor: a person -> PER; an organization,
  armed group or IGO -> ORG; a state or a location -> LOC (CoNLL tags countries LOC); a
  mention inside a longer one is not counted twice;
- bare spaCy NER on the same parse: PERSON -> PER, ORG -> ORG, GPE, LOC and FAC -> LOC.

Spans: exact (same characters and type), one to one; figures per type and micro over the
three.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from ..errors import InputError
from .metrics import PRF, match_one_to_one
from .re3d import Entity  # a typed span of characters, as for re3d

__all__ = ["TYPES", "SYSTEMS", "ConllDocument", "ConllResult", "Entity", "load_conll", "actor_layer_entities",
           "spacy_entities", "evaluate_conll"]

TYPES = ("PER", "ORG", "LOC")
SYSTEMS = ("newsgraph", "spacy")
NAME_KINDS = frozenset({"name", "alias", "acronym", "surname", "metonym", "capital"})
ACTOR_TYPES = {"person": "PER", "organization": "ORG", "armed_group": "ORG", "igo": "ORG", "state": "LOC", "location": "LOC"}
SPACY_TYPES = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


@dataclass
class ConllDocument:
    number: int
    text: str
    entities: list[Entity]


@dataclass
class ConllResult:
    path: Path
    documents: int
    words: int
    scores: dict[str, dict[str, PRF]]
    missed: list[tuple[int, Entity]] = field(default_factory=list)  # the actor layer's, (document, gold)
    spurious: list[tuple[int, Entity]] = field(default_factory=list)

    def total(self, system: str) -> PRF:
        out = PRF()
        for prf in self.scores[system].values():
            out = out + prf
        return out


# ---------------------------------------------------------------- reading


def load_conll(path: str | Path) -> list[ConllDocument]:
    """The documents of a CoNLL-2003 file with their PER, ORG and LOC entities."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise InputError(str(path), error.strerror or str(error)) from None
    except UnicodeDecodeError:
        raise InputError(str(path), "not UTF-8 text") from None
    documents: list[ConllDocument] = []
    sentences: list[list[tuple[str, str]]] = []
    sentence: list[tuple[str, str]] = []

    def close_document() -> None:
        if sentence:
            sentences.append(list(sentence))
            sentence.clear()
        if sentences:
            documents.append(_document(len(documents), sentences))
            sentences.clear()

    for number, line in enumerate(lines, start=1):
        columns = line.split()
        if not columns:
            if sentence:
                sentences.append(list(sentence))
                sentence.clear()
            continue
        if columns[0] == "-DOCSTART-":
            close_document()
            continue
        if len(columns) < 2:
            raise InputError(f"{path}:{number}", "expected a word and its entity tag")
        sentence.append((columns[0], columns[-1]))
    close_document()
    if not documents:
        raise InputError(str(path), "no CoNLL-2003 sentences found")
    return documents


def _document(number: int, sentences: list[list[tuple[str, str]]]) -> ConllDocument:
    parts: list[str] = []
    entities: list[Entity] = []
    offset = 0
    for sentence in sentences:
        if parts:
            parts.append("\n")
            offset += 1
        current: list[int] | None = None  # [start, end, type index]
        current_type = ""
        for index, (word, tag) in enumerate(sentence):
            if index:
                parts.append(" ")
                offset += 1
            start, end = offset, offset + len(word)
            parts.append(word)
            offset = end
            prefix, _, kind = tag.partition("-")
            continues = current is not None and kind == current_type and prefix == "I"
            if current is not None and not continues:
                entities.append(Entity(current[0], current[1], current_type))
                current = None
            if kind and current is None:
                current, current_type = [start, end], kind
            elif continues:
                current[1] = end
        if current is not None:
            entities.append(Entity(current[0], current[1], current_type))
    text = "".join(parts)
    kept = [Entity(e.start, e.end, e.type, text[e.start : e.end]) for e in entities if e.type in TYPES]
    return ConllDocument(number, text, kept)


# ---------------------------------------------------------------- predictions


def actor_layer_entities(doc: Doc) -> list[Entity]:
    """The actor layer's name mentions as CoNLL entities (see the module docstring)."""
    found = doc._.newsgraph_actors
    spans = []
    for mention in found.mentions:
        actor = found.actors.get(mention.actor)
        kind = ACTOR_TYPES.get(actor.type) if actor is not None else None
        if kind is None or mention.kind not in NAME_KINDS:
            continue
        spans.append((mention.start, mention.end, kind))
    spans.sort(key=lambda s: (s[0], -s[1]))
    out: list[Entity] = []
    reach = -1
    for start, end, kind in spans:
        if end <= reach:
            continue  # inside a longer name already counted
        reach = max(reach, end)
        span = doc[start:end]
        out.append(Entity(span.start_char, span.end_char, kind, span.text))
    return out


def spacy_entities(doc: Doc) -> list[Entity]:
    return [Entity(e.start_char, e.end_char, SPACY_TYPES[e.label_], e.text) for e in doc.ents if e.label_ in SPACY_TYPES]


# ---------------------------------------------------------------- scoring


def evaluate_conll(path: str | Path, analyzer, limit: int | None = None) -> ConllResult:
    documents = load_conll(path)
    if limit:
        documents = documents[:limit]
    result = ConllResult(Path(path), len(documents), 0, {system: {t: PRF() for t in TYPES} for system in SYSTEMS})
    for document in documents:
        doc = analyzer.parse(document.text)
        result.words += sum(1 for t in doc if not (t.is_space or t.is_punct))
        for system, predicted in (("newsgraph", actor_layer_entities(doc)), ("spacy", spacy_entities(doc))):
            for kind in TYPES:
                gold = [e for e in document.entities if e.type == kind]
                found = [e for e in predicted if e.type == kind]
                pairs = match_one_to_one(gold, found, lambda a, b: a.start == b.start and a.end == b.end)
                result.scores[system][kind] = result.scores[system][kind] + PRF(len(pairs), len(found), len(gold))
                if system == "newsgraph":
                    matched = set(pairs.values())
                    result.missed.extend((document.number, e) for i, e in enumerate(gold) if i not in pairs)
                    result.spurious.extend((document.number, e) for j, e in enumerate(found) if j not in matched)
    return result
