"""Event scoring against gold files (FORMAT.md).

A predicted event matches a gold event when some source actor and some target actor match
(the actor rule, `ActorAlignment.same`) and the quad class agrees; for symmetric types
(COOPERATE, CONSULT: `event_types.tsv`) the sides may be swapped. A gold event with no
target matches a predicted event with no target on its source alone. Matching is one to
one (a maximum matching), computed three times:

- `quad`: quad class agrees (the headline figure);
- `type`: the PLOVER type agrees too;
- `attributed`: quad class agrees and `attributed_to` is right (both null, or the same
  actor).

Contested pairs: a gold pair is found when a predicted contested pair holds the two events
that stand for the gold ones. A predicted event stands for the gold event it is matched to
at quad-class level; an event the matching leaves unmatched stands for a gold event whose
evidence it overlaps with the same quad class (a contest is about claims, which the text
identifies even when an actor of the claim is missed).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from ..errors import InputError
from ..extract.event_lexicon import PLOVER_TYPES, load_event_lexicon
from ..model import Analysis, Event
from .actors import ActorAlignment
from .gold import GoldFile
from .metrics import PRF


@dataclass
class GoldEvent:
    index: int
    source: list[str]
    target: list[str]
    type: str
    mode: str | None
    quad_class: int
    attributed_to: str | None
    modality: str | None
    negated: bool
    evidence: str
    start: int
    end: int


@dataclass
class EventScore:
    quad: PRF
    type: PRF
    attributed: PRF
    contested: PRF
    modality_right: int = 0
    matched_pairs: list[tuple[int, int]] = field(default_factory=list)  # (gold index, predicted index), quad level
    missed: list[GoldEvent] = field(default_factory=list)
    spurious: list[tuple[int, Event]] = field(default_factory=list)
    wrong_type: list[tuple[GoldEvent, int, Event]] = field(default_factory=list)
    wrong_attribution: list[tuple[GoldEvent, int, Event]] = field(default_factory=list)
    contested_missed: list[tuple[int, int]] = field(default_factory=list)
    contested_spurious: list[tuple[int, int]] = field(default_factory=list)

    @property
    def prf(self) -> PRF:
        return self.quad


def gold_events(gold: GoldFile) -> list[GoldEvent]:
    types = load_event_lexicon().types
    out = []
    for number, item in enumerate(gold.events):
        if not isinstance(item, dict) or not item.get("type"):
            raise InputError(str(gold.path), f"event {number} has no `type`")
        plover_type = str(item["type"]).upper()
        if plover_type not in PLOVER_TYPES:
            raise InputError(str(gold.path), f"event {number}: {plover_type!r} is not a PLOVER type")
        evidence = str(item.get("evidence") or "")
        start = gold.text.find(evidence) if evidence else -1
        out.append(GoldEvent(
            index=number,
            source=[str(s) for s in item.get("source") or []],
            target=[str(t) for t in item.get("target") or []],
            type=plover_type,
            mode=item.get("mode"),
            quad_class=types[plover_type].quad_class,
            attributed_to=str(item["attributed_to"]) if item.get("attributed_to") is not None else None,
            modality=item.get("modality"),
            negated=bool(item.get("negated")),
            evidence=evidence,
            start=start,
            end=start + len(evidence) if start >= 0 else -1,
        ))
    return out


def _symmetric(plover_type: str) -> bool:
    return load_event_lexicon().types[plover_type].symmetric


def sides_match(gold: GoldEvent, event: Event, alignment: ActorAlignment) -> bool:
    """Some source and some target actor match, either way round for symmetric types."""
    def some(gold_ids: list[str], predicted: list[str]) -> bool:
        return any(alignment.same(g, p) for g in gold_ids for p in predicted)

    if not gold.target:
        return not event.target and some(gold.source, event.source)
    if some(gold.source, event.source) and some(gold.target, event.target):
        return True
    if _symmetric(gold.type) or _symmetric(event.type):
        return some(gold.source, event.target) and some(gold.target, event.source)
    return False


def score_events(gold: GoldFile, analysis: Analysis, alignment: ActorAlignment) -> EventScore:
    golds = gold_events(gold)
    events = analysis.events

    def quad(g: GoldEvent, e: Event) -> bool:
        return g.quad_class == e.quad_class and sides_match(g, e, alignment)

    def typed(g: GoldEvent, e: Event) -> bool:
        return g.type == e.type and quad(g, e)

    def attributed(g: GoldEvent, e: Event) -> bool:
        return quad(g, e) and alignment.same(g.attributed_to, e.attributed_to)

    def preference(g: GoldEvent, e: Event) -> tuple:
        return (g.type != e.type, not alignment.same(g.attributed_to, e.attributed_to))

    by_quad = _match(golds, events, quad, preference)
    by_type = _match(golds, events, typed, preference)
    by_attribution = _match(golds, events, attributed, preference)
    score = EventScore(
        quad=PRF(len(by_quad), len(events), len(golds)),
        type=PRF(len(by_type), len(events), len(golds)),
        attributed=PRF(len(by_attribution), len(events), len(golds)),
        contested=PRF(),
    )
    score.matched_pairs = sorted(by_quad.items())
    matched = set(by_quad.values())
    for g in golds:
        j = by_quad.get(g.index)
        if j is None:
            score.missed.append(g)
            continue
        event = events[j]
        if g.modality and event.modality == g.modality:
            score.modality_right += 1
        if event.type != g.type:
            score.wrong_type.append((g, j, event))
        if not alignment.same(g.attributed_to, event.attributed_to):
            score.wrong_attribution.append((g, j, event))
    score.spurious = [(j, e) for j, e in enumerate(events) if j not in matched]
    _score_contested(score, gold, golds, analysis, by_quad)
    return score


def _match(golds: list[GoldEvent], events: list[Event], ok, preference) -> dict[int, int]:
    """A maximum one-to-one matching {gold index: event index}; among the maximum ones, the
    options a gold event prefers (same type, same assertor) are tried first."""
    options = [sorted((j for j, e in enumerate(events) if ok(g, e)), key=lambda j: preference(g, events[j])) for g in golds]
    owner: dict[int, int] = {}

    def assign(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or assign(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in sorted(range(len(golds)), key=lambda i: len(options[i])):
        assign(i, set())
    return {golds[i].index: j for j, i in owner.items()}


def _stands_for(golds: list[GoldEvent], events: list[Event], by_quad: dict[int, int]) -> dict[int, set[int]]:
    """For each predicted event, the gold events it stands for (see the module docstring)."""
    stands: dict[int, set[int]] = {}
    for g, j in by_quad.items():
        stands.setdefault(j, set()).add(g)
    for j, event in enumerate(events):
        if j in stands:
            continue
        for g in golds:
            if g.start >= 0 and g.quad_class == event.quad_class and event.evidence.start < g.end and g.start < event.evidence.end:
                stands.setdefault(j, set()).add(g.index)
    return stands


def _score_contested(score: EventScore, gold: GoldFile, golds: list[GoldEvent], analysis: Analysis, by_quad: dict[int, int]) -> None:
    wanted = {frozenset(pair) for pair in gold.contested if len(pair) == 2}
    stands = _stands_for(golds, analysis.events, by_quad)
    found: set[frozenset] = set()
    for item in analysis.contested:
        i, j = item.events
        hits = {frozenset((a, b)) for a in stands.get(i, ()) for b in stands.get(j, ()) if a != b} & wanted
        if hits:
            found |= hits
        else:
            score.contested_spurious.append((i, j))
    score.contested = PRF(len(found), len(analysis.contested), len(wanted))
    score.contested_missed = [tuple(sorted(pair)) for pair in wanted - found]


def describe_gold(event: GoldEvent) -> str:
    attributed = f" (told by {event.attributed_to})" if event.attributed_to else ""
    return f"#{event.index} {'+'.join(event.source)} {event.type} {'+'.join(event.target) or '-'}{attributed}: {event.evidence!r}"


def describe(index: int, event: Event) -> str:
    attributed = f" (told by {event.attributed_to})" if event.attributed_to else ""
    flags = (" negated" if event.negated else "") + (f" {event.modality}" if event.modality != "asserted" else "")
    return f"#{index} {'+'.join(event.source)} {event.type} {'+'.join(event.target) or '-'}{attributed}{flags}: {event.evidence.text!r}"


def held_out(key: str) -> bool:
    """The fixed held-out split of every event gold set: an item (a gold file by its id, a
    sentence by its text) is held out when the SHA-1 of its key, read as a number, is
    divisible by 3 (about a third). Rules are tuned on the rest only; the held-out part is
    reported apart."""
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % 3 == 0


# ---------------------------------------------------------------- reports (newsgraph eval)
SPLITS = ("tune", "held-out", "all")


def _split_of(result) -> str:
    return "held-out" if held_out(result.gold.id) else "tune"


def _totals(results) -> dict[str, dict[str, PRF]]:
    totals = {split: {"quad": PRF(), "type": PRF(), "attributed": PRF(), "contested": PRF()} for split in SPLITS}
    for result in results:
        score = result.events
        if score is None:
            continue
        for split in (_split_of(result), "all"):
            for figure in ("quad", "type", "attributed", "contested"):
                totals[split][figure] = totals[split][figure] + getattr(score, figure)
    return totals


def events_json(results) -> dict:
    """Event figures of `newsgraph eval --json`: per document and micro-averaged per split."""
    return {
        "held_out": "sha1(gold id) % 3 == 0",
        "documents": {
            r.gold.id: {"split": _split_of(r), **{k: getattr(r.events, k).as_dict() for k in ("quad", "type", "attributed", "contested")}}
            for r in results if r.events is not None
        },
        **{split: {k: v.as_dict() for k, v in figures.items()} for split, figures in _totals(results).items()},
    }


def _pct(value: float) -> str:
    return f"{100 * value:.1f}"


def print_events(out, results, verbose: bool = False) -> None:
    """The event table of `newsgraph eval` (and, verbose, every miss and spurious event)."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title="Events (match: a source and a target actor, quad class; held out: sha1(id) % 3 == 0)", title_justify="left")
    for column in ("document", "split", "gold", "predicted", "quad P", "quad R", "quad F1", "type F1", "attributed F1", "contested"):
        table.add_column(column, justify="left" if column in ("document", "split") else "right")

    def row(name, split, quad, typed, attributed, contested):
        table.add_row(name, split, str(quad.gold), str(quad.predicted), _pct(quad.precision), _pct(quad.recall), _pct(quad.f1),
                      _pct(typed.f1), _pct(attributed.f1), f"{contested.matched}/{contested.gold} ({contested.predicted})")

    for result in results:
        score = result.events
        if score is not None:
            row(Text(result.gold.id), _split_of(result), score.quad, score.type, score.attributed, score.contested)
    if len(results) > 1:
        for split, figures in _totals(results).items():
            if figures["quad"].gold or figures["quad"].predicted:
                row(Text(f"{split} (micro)", style="bold"), "", figures["quad"], figures["type"], figures["attributed"], figures["contested"])
    out.print(table)
    if not verbose:
        return
    for result in results:
        score = result.events
        if score is None or not (score.missed or score.spurious or score.wrong_type or score.wrong_attribution):
            continue
        out.print(Text(f"\n{result.gold.id}: events", style="bold"))
        for gold in score.missed:
            out.print(Text(f"  missed    {describe_gold(gold)}"))
        for index, event in score.spurious:
            out.print(Text(f"  spurious  {describe(index, event)}"))
        for gold, index, event in score.wrong_type:
            out.print(Text(f"  type      {describe_gold(gold)} <- predicted {event.type}"))
        for gold, index, event in score.wrong_attribution:
            out.print(Text(f"  told by   {describe_gold(gold)} <- predicted {event.attributed_to or 'the reporter'}"))
        for pair in score.contested_missed:
            out.print(Text(f"  contested missed {list(pair)}"))
        for pair in score.contested_spurious:
            out.print(Text(f"  contested spurious {list(pair)}"))
