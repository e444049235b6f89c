"""Contested claims: two events about the same actors that cannot both be right.

The test is one function over two events and what is known of their actors, so that it
works within an article (`find_contested`) and across a corpus (the store pairs events of
different articles that share an actor and asks `contradiction`):

```python
from newsgraph.extract.contested import contradiction, find_contested
reason = contradiction(event_a, event_b, actors)   # a str, or None
pairs = find_contested(analysis.events, actors)    # list[newsgraph.model.Contested]
```

`actors` maps actor ids to what is known of them: a `newsgraph.model.Actor`, the actor
layer's `ActorBuild`, a `(type, sector)` tuple or just the type string. Only the type is
used (is the actor an armed group?). Ids that are missing count as unknown.

Two events contradict each other when one of these holds (A, B are different parties):

1. **denial or downplaying against an allegation**: A REJECTs (denies, dismisses,
   downplays) and B ACCUSEs, and either both are about the same third party ("the Taliban
   downplay the Daesh threat" / "the UNSC reports the emergence of Daesh") or B accuses A
   and A's rejection has no recipient or is aimed at B ("B accused A" / "A denied it");
2. **denial against a claim**: A denies with no recipient ("A denied involvement") while B
   tells of A attacking, coercing, or aiding an armed group (an event attributed to B with
   A among its sources);
3. **a pledge against a claim**: A makes a commitment (AGREE) while B tells of A aiding or
   cooperating with an armed group ("the Taliban pledged not to let any group use Afghan
   soil" / "an analyst says they train the TTP");
4. **opposite claims**: two parties tell of the same event between the same actors, one
   as having happened and one as not (negated), or one as cooperation and the other as
   conflict.

An event "told by B" is one attributed to B (B's statement), or one whose source is B and
that is itself a speech act (ACCUSE, REJECT). The reporter (attributed_to None) telling an
event is not a party to a contest of kind 2-4.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import Contested, Event

CONFLICT_QUADS = frozenset({3, 4})
COOPERATION_QUADS = frozenset({1, 2})
MATERIAL_SUPPORT = frozenset({"AID", "COOPERATE"})
MATERIAL_HARM = frozenset({"ASSAULT", "COERCE"})


def actor_type(info: Any) -> str | None:
    """The type of an actor from any of the forms `actors` may hold."""
    if info is None:
        return None
    if isinstance(info, str):
        return info
    if isinstance(info, tuple):
        return info[0] if info else None
    return getattr(info, "type", None)


def _armed(actor_id: str, actors: Mapping[str, Any]) -> bool:
    return actor_type(actors.get(actor_id)) == "armed_group"


def _teller(event: Event) -> str | None:
    """Who makes the claim the event stands for (see the module docstring)."""
    if event.attributed_to is not None:
        return event.attributed_to
    if event.type in ("ACCUSE", "REJECT") and len(event.source) == 1:
        return event.source[0]
    return None


def _supports_armed_group(event: Event, party: str, actors: Mapping[str, Any]) -> bool:
    if party not in event.source or event.negated:
        return False
    if event.type not in MATERIAL_SUPPORT:
        return False
    return any(_armed(t, actors) for t in event.target if t != party)


def _harms_or_supports(event: Event, party: str, actors: Mapping[str, Any]) -> bool:
    if party not in event.source or event.negated:
        return False
    return event.type in MATERIAL_HARM or _supports_armed_group(event, party, actors)


def _ordered(a: Event, b: Event, first: str, second: str) -> tuple[Event, Event] | None:
    if a.type == first and b.type == second:
        return a, b
    if b.type == first and a.type == second:
        return b, a
    return None


def contradiction(a: Event, b: Event, actors: Mapping[str, Any] | None = None) -> str | None:
    """Why `a` and `b` contradict each other, or None (rules in the module docstring)."""
    actors = actors or {}
    pair = _ordered(a, b, "REJECT", "ACCUSE")
    if pair:
        reject, accuse = pair
        for rejecter in reject.source:
            accusers = [s for s in accuse.source if s != rejecter]
            if not accusers or reject.negated or accuse.negated:
                continue
            shared = [t for t in reject.target if t in accuse.target and t != rejecter and t not in accusers]
            if shared:
                return f"{rejecter} rejects what {accusers[0]} alleges about {shared[0]}"
            if rejecter in accuse.target and (not reject.target or any(s in reject.target for s in accusers)):
                return f"{rejecter} rejects the accusation of {accusers[0]}"
    for first, second in ((a, b), (b, a)):
        if first.type == "REJECT" and not first.target and not first.negated:
            teller = _teller(second)
            for party in first.source:
                if teller not in (None, party) and _harms_or_supports(second, party, actors):
                    return f"{party} denies what {teller} says {party} did"
        if first.type == "AGREE" and not first.negated:
            teller = _teller(second)
            for party in first.source:
                if teller not in (None, party) and _supports_armed_group(second, party, actors):
                    return f"{party} pledges while {teller} says {party} supports an armed group"
    teller_a, teller_b = _teller(a), _teller(b)
    if teller_a and teller_b and teller_a != teller_b and a.type not in ("ACCUSE", "REJECT") and b.type not in ("ACCUSE", "REJECT"):
        same_sides = set(a.source) & set(b.source) and set(a.target) & set(b.target)
        if same_sides:
            if a.type == b.type and a.negated != b.negated:
                return f"{teller_a} and {teller_b} disagree on whether it happened"
            quads = {a.quad_class, b.quad_class}
            if quads & COOPERATION_QUADS and quads & CONFLICT_QUADS and not a.negated and not b.negated:
                return f"{teller_a} tells of cooperation where {teller_b} tells of conflict" if a.quad_class in COOPERATION_QUADS \
                    else f"{teller_a} tells of conflict where {teller_b} tells of cooperation"
    return None


def find_contested(events: list[Event], actors: Mapping[str, Any] | None = None) -> list[Contested]:
    """The contradicting pairs among the events of one article (indexes i < j).

    A contest is reported once: when the same claim and the same denial are each told
    several times (a long article repeats "A denied it" and "B accused A of it"), the pair
    whose evidence lies closest together in the text stands for the repetitions."""
    best: dict[tuple, tuple[int, int, int, str]] = {}
    for i in range(len(events)):
        for j in range(i + 1, len(events)):
            reason = contradiction(events[i], events[j], actors)
            if reason:
                key = (reason, *sorted((claim_key(events[i]), claim_key(events[j])), key=repr))
                distance = abs(events[i].evidence.start - events[j].evidence.start)
                if key not in best or distance < best[key][0]:
                    best[key] = (distance, i, j, reason)
    return [Contested((i, j), reason) for _, i, j, reason in sorted(best.values(), key=lambda item: item[1:3])]


def claim_key(event: Event) -> tuple:
    """What an event claims, whoever tells it where: repetitions share this."""
    return (event.type, tuple(sorted(event.source)), tuple(sorted(event.target)), event.attributed_to, event.negated)
