"""Scoring events against the PLOVER gold-standard records
(`../shared/data/plover/gold_standard_records.json`: 323 sentences from the CAMEO manual's
examples, each with its actor(s), recipient(s), PLOVER event type and mode; PLOVER v0.5
labels, CC BY-SA 4.0, Open Event Data Alliance).

Each sentence is analysed alone and has one gold event. A predicted event of the sentence
matches it at `quad` level when its quad class agrees, at `type` level when its type
agrees; `+actors` asks in addition that some predicted source overlaps the gold actor's
text in the sentence and, when the gold event has a recipient, that some predicted target
overlaps a gold recipient's (either way round for the symmetric types). Every
predicted event counts in precision: a sentence that gives three events, one right, has
precision 1/3 — the figure penalises over-coding, as it should.

Labels of PLOVER v0.5 are read as their PLOVER 2 types: DEMAND -> REQUEST, DISAPPROVE and
INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT. The held-out part is `events.held_out(text)`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..extract.event_lexicon import PLOVER_TYPES, load_event_lexicon
from ..model import Analysis, Event
from .events import held_out
from .metrics import PRF

V05_TO_PLOVER = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
LEVELS = ("quad", "type", "quad+actors", "type+actors")


@dataclass
class PloverRecord:
    id: str
    text: str
    type: str
    mode: str | None
    sources: list[str]
    targets: list[str]
    held_out: bool


@dataclass
class PloverResult:
    record: PloverRecord
    events: list[Event]
    matched: dict[str, bool]


@dataclass
class PloverScore:
    split: str
    sentences: int = 0
    with_event: int = 0
    prf: dict[str, PRF] = field(default_factory=lambda: {level: PRF() for level in LEVELS})
    results: list[PloverResult] = field(default_factory=list)


def _actor_texts(value) -> list[str]:
    if not isinstance(value, list):
        return []
    return [str(item.get("actorText")) for item in value if isinstance(item, dict) and item.get("actorText")]


def load_plover(path: str | Path) -> list[PloverRecord]:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(str(path), error.strerror or str(error)) from None
    except json.JSONDecodeError as error:
        raise InputError(str(path), f"not valid JSON (line {error.lineno}: {error.msg})") from None
    if not isinstance(data, list):
        raise InputError(str(path), "expected a JSON list of PLOVER records")
    records = []
    for item in data:
        if not isinstance(item, dict) or not item.get("text") or not item.get("event"):
            continue  # documentation records
        label = str(item["event"]).upper()
        plover_type = V05_TO_PLOVER.get(label, label)
        if plover_type not in PLOVER_TYPES:
            continue
        text = str(item["text"])
        records.append(PloverRecord(
            id=str(item.get("id") or ""), text=text, type=plover_type, mode=item.get("mode") or None,
            sources=_actor_texts(item.get("source")), targets=_actor_texts(item.get("target")),
            held_out=held_out(text),
        ))
    if not records:
        raise InputError(str(path), "no PLOVER records with `text` and `event`")
    return records


def _spans(text: str, phrases: list[str]) -> list[tuple[int, int]]:
    lower = text.lower()
    spans = []
    for phrase in phrases:
        start = lower.find(phrase.lower())
        if start >= 0:
            spans.append((start, start + len(phrase)))
    return spans


def _overlaps(analysis: Analysis, actor_ids: list[str], spans: list[tuple[int, int]]) -> bool:
    for actor_id in actor_ids:
        actor = analysis.actor(actor_id)
        if actor is None:
            continue
        for mention in actor.mentions:
            if any(mention.start < end and start < mention.end for start, end in spans):
                return True
    return False


def _actors_match(record: PloverRecord, analysis: Analysis, event: Event) -> bool:
    sources = _spans(record.text, record.sources)
    targets = _spans(record.text, record.targets)
    if not sources:
        return False
    if _overlaps(analysis, event.source, sources) and (not record.targets or _overlaps(analysis, event.target, targets)):
        return True
    # symmetric types (COOPERATE, CONSULT): either way round
    if not record.targets or not load_event_lexicon().types[record.type].symmetric:
        return False
    return _overlaps(analysis, event.target, sources) and _overlaps(analysis, event.source, targets)


def score_plover(records: list[PloverRecord], analyses: list[Analysis]) -> dict[str, PloverScore]:
    """Scores for the `tune` part, the `held-out` part and `all`."""
    types = load_event_lexicon().types
    scores = {name: PloverScore(name) for name in ("tune", "held-out", "all")}
    for record, analysis in zip(records, analyses):
        events = analysis.events
        quad = types[record.type].quad_class
        matched = {
            "quad": any(e.quad_class == quad for e in events),
            "type": any(e.type == record.type for e in events),
            "quad+actors": any(e.quad_class == quad and _actors_match(record, analysis, e) for e in events),
            "type+actors": any(e.type == record.type and _actors_match(record, analysis, e) for e in events),
        }
        result = PloverResult(record, events, matched)
        for name in ("held-out" if record.held_out else "tune", "all"):
            score = scores[name]
            score.sentences += 1
            score.with_event += bool(events)
            score.results.append(result)
            for level in LEVELS:
                score.prf[level] = score.prf[level] + PRF(int(matched[level]), len(events), 1)
    return scores


def evaluate_plover(path: str | Path, analyzer) -> dict[str, PloverScore]:
    records = load_plover(path)
    analyses = list(analyzer.analyze_many([{"text": r.text, "id": r.id or None} for r in records]))
    return score_plover(records, analyses)


def plover_json(scores: dict[str, PloverScore]) -> dict:
    return {
        "held_out": "sha1(sentence) % 3 == 0",
        **{name: {"sentences": s.sentences, "with_event": s.with_event, **{level: s.prf[level].as_dict() for level in LEVELS}}
           for name, s in scores.items()},
    }


def print_plover(out, scores: dict[str, PloverScore], path: str, verbose: bool = False) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"PLOVER gold records ({Path(path).name}); held out: sha1(sentence) % 3 == 0", title_justify="left")
    for column in ("part", "sentences", "with event", *(f"{level} {m}" for level in LEVELS for m in ("P", "R", "F1"))):
        table.add_column(column, justify="left" if column == "part" else "right")
    for name, s in scores.items():
        cells = [f"{100 * getattr(s.prf[level], m):.1f}" for level in LEVELS for m in ("precision", "recall", "f1")]
        table.add_row(name, str(s.sentences), str(s.with_event), *cells)
    out.print(table)
    if verbose:
        out.print(Text("\nPLOVER sentences of the tuning part whose event type was not found", style="bold"))
        for result in scores["tune"].results:
            if result.matched["type"]:
                continue
            got = ", ".join(f"{e.type} {'+'.join(e.source)}->{'+'.join(e.target) or '-'}" for e in result.events) or "no event"
            out.print(Text(f"  {result.record.type:9} {result.record.text[:110]!r} <- {got}"))
