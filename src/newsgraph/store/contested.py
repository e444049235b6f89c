"""Contested claims: two reports of the same happening that contradict each other.

Within one article the event stage finds them (the `contested` table: "the army said
it killed ten militants; the TTP denied it"). Across articles the store pairs events of
DIFFERENT articles and asks the event stage's own test, `newsgraph.extract.contested.
contradiction` (a denial against an accusation or a claim, a pledge against a claim of
support for an armed group, two parties telling the same event as happened and not, or
as cooperation and conflict), with the stored actor types. Candidates are only pairs
that can pass that test: events that share the actors it compares (the same source and
target for two told events; the denying or pledging party as a source of the other
event; accuser and accused), found in memory from the subsets of events each rule
reads. Both must be dated, within `window_days` of each other: two undated reports in
different articles cannot be told to be about the same matter. A contest told again and
again (the same claim against the same denial, in many articles) is reported once, by
the pair closest in time.

Each pair comes with both documents (title, publication, URL, date) and with who
asserts each claim (`attributed_to`), so both sides are shown with their sources.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import or_, select, tuple_
from sqlalchemy.engine import Connection

from ..extract.contested import claim_key
from ..extract.contested import contradiction as event_contradiction
from ..model import Event, Span
from . import schema
from .queries import _attach_event_actors, date_bounds, resolve_actor

e, ea, d, c = schema.events, schema.event_actors, schema.documents, schema.contested
WINDOW_DAYS = 7


def contested(connection: Connection, *, actor: str | None = None, since: str | None = None, until: str | None = None,
              across: bool = True, within: bool = True, window_days: int = WINDOW_DAYS, limit: int = 50) -> list[dict[str, Any]]:
    """Contradicting pairs: {"scope": "within"|"across", "reason", "a": event, "b": event}."""
    actor_id = resolve_actor(connection, actor) if actor else None
    pairs: list[tuple[str, str, tuple, tuple]] = []
    if within:
        query = select(c.c.document_id, c.c.event_a, c.c.event_b, c.c.reason).order_by(c.c.document_id, c.c.ordinal)
        for doc_id, first, second, reason in connection.execute(query):
            pairs.append(("within", reason, (doc_id, first), (doc_id, second)))
    if across:
        pairs.extend(("across", reason, key_a, key_b) for key_a, key_b, reason in _across(connection, window_days))
    found = _events_by_key(connection, {key for _, _, key_a, key_b in pairs for key in (key_a, key_b)})
    out = []
    for scope, reason, key_a, key_b in pairs:
        first, second = found.get(key_a), found.get(key_b)
        if first is None or second is None:
            continue
        if actor_id and not any(actor_id in _ids(event) for event in (first, second)):
            continue
        if (since or until) and not any(_in_range(event["day"], since, until) for event in (first, second)):
            continue
        out.append({"scope": scope, "reason": reason, "a": first, "b": second})
    out.sort(key=lambda item: (-(_day_number(item["a"]["day"]) or 0), item["a"]["document_id"], item["a"]["ordinal"],
                               item["b"]["document_id"], item["b"]["ordinal"]))
    return out[:limit]


def contradiction(first: dict[str, Any], second: dict[str, Any], window_days: int = WINDOW_DAYS,
                  actor_types: dict[str, str] | None = None) -> str | None:
    """Why two stored events (of different articles) contradict each other, or None: the
    event stage's test, within `window_days`."""
    day_a, day_b = _day_number(first["day"]), _day_number(second["day"])
    if day_a is None or day_b is None or abs(day_a - day_b) > window_days:
        return None
    return event_contradiction(_as_event(first), _as_event(second), actor_types or {})


def _as_event(row: dict[str, Any]) -> Event:
    return Event(source=list(row["source_ids"]), target=list(row["target_ids"]), type=row["type"], mode=None,
                 quad_class=row["quad_class"], intensity=0.0, cameo=None, goldstein=None, negated=bool(row["negated"]),
                 modality=row.get("modality") or "asserted", attributed_to=row["attributed_to"],
                 evidence=Span(0, 0, row.get("evidence_text") or ""))


def _teller(row: dict[str, Any]) -> str | None:
    """Who tells the event (as the event stage reads it): its attribution, else the single
    source of a speech act."""
    if row["attributed_to"]:
        return row["attributed_to"]
    if row["type"] in ("ACCUSE", "REJECT") and len(row["source_ids"]) == 1:
        return row["source_ids"][0]
    return None


def _across(connection: Connection, window_days: int):
    """Pairs of events of different articles that contradict each other (see the module
    doc), the reported or accusing event first."""
    rows = _event_sides(connection, _candidate_keys(connection))
    if not rows:
        return
    ids = {i for row in rows.values() for i in (*row["source_ids"], *row["target_ids"])}
    actor_types = dict(connection.execute(select(schema.actors.c.id, schema.actors.c.type).where(schema.actors.c.id.in_(sorted(ids)))).all()) \
        if len(ids) <= 30_000 else dict(connection.execute(select(schema.actors.c.id, schema.actors.c.type)).all())
    # Groups of events that a rule compares; a pair is tested once whatever group found it.
    told_pairs: dict[tuple[str, str], list[tuple]] = {}  # (source, target) of told, non-speech events
    denials: dict[str, list[tuple]] = {}  # party -> REJECT without target, AGREE: the party's own word
    deeds: dict[str, list[tuple]] = {}  # party -> events with the party as source
    rejects: dict[str, list[tuple]] = {}  # actor -> REJECT events naming it (as source or target)
    accusations: dict[str, list[tuple]] = {}  # actor -> ACCUSE events naming it
    for key, row in rows.items():
        teller = _teller(row)
        if teller and row["type"] not in ("ACCUSE", "REJECT"):
            for source in row["source_ids"]:
                for target in row["target_ids"]:
                    told_pairs.setdefault((source, target), []).append(key)
        if not row["negated"] and ((row["type"] == "REJECT" and not row["target_ids"]) or row["type"] == "AGREE"):
            for party in row["source_ids"]:
                denials.setdefault(party, []).append(key)
        if not row["negated"] and row["type"] in DEED_TYPES:
            for party in row["source_ids"]:
                deeds.setdefault(party, []).append(key)
        if row["type"] in ("REJECT", "ACCUSE") and not row["negated"]:
            index = rejects if row["type"] == "REJECT" else accusations
            for actor_id in dict.fromkeys((*row["source_ids"], *row["target_ids"])):
                index.setdefault(actor_id, []).append(key)
    candidates: set[tuple] = set()
    for group in told_pairs.values():
        candidates.update(_cross(group, group))
    for party, keys in denials.items():
        candidates.update(_cross(keys, deeds.get(party, ())))
    for actor_id, keys in rejects.items():
        candidates.update(_cross(keys, accusations.get(actor_id, ())))
    best: dict[tuple, tuple[int, tuple, tuple, str]] = {}
    for key_a, key_b in sorted(candidates):
        first, second = rows[key_a], rows[key_b]
        reason = contradiction(first, second, window_days, actor_types)
        if reason:
            claims = (reason, *sorted((claim_key(_as_event(first)), claim_key(_as_event(second))), key=repr))
            gap = abs(_day_number(first["day"]) - _day_number(second["day"]))
            if claims not in best or gap < best[claims][0]:
                best[claims] = (gap, key_a, key_b, reason)
    for _, key_a, key_b, reason in sorted(best.values(), key=lambda item: (item[1], item[2])):
        yield key_a, key_b, reason


# Types of the events a denial or a pledge can be contradicted by (the event stage's
# harm and support types).
DEED_TYPES = frozenset({"ASSAULT", "COERCE", "AID", "COOPERATE"})


def _cross(keys_a, keys_b):
    """Ordered pairs (smaller key first) of events of different documents."""
    for key_a in keys_a:
        for key_b in keys_b:
            if key_a[0] != key_b[0]:
                yield (key_a, key_b) if key_a < key_b else (key_b, key_a)


def _candidate_keys(connection: Connection) -> set[tuple]:
    """The dated events some rule of `contradiction` can use across articles: told events,
    denials, pledges, accusations, and the deeds a denial or pledge can be held against."""
    query = select(e.c.document_id, e.c.ordinal).where(
        or_(e.c.attributed_to.is_not(None), e.c.type.in_(("REJECT", "ACCUSE", "AGREE", *DEED_TYPES))),
        e.c.day.is_not(None),
    )
    return {(doc_id, ordinal) for doc_id, ordinal in connection.execute(query)}


def _event_sides(connection: Connection, keys: set[tuple]) -> dict[tuple, dict[str, Any]]:
    out: dict[tuple, dict[str, Any]] = {}
    keys_list = sorted(keys)
    for start in range(0, len(keys_list), 300):
        chunk = keys_list[start : start + 300]
        rows = connection.execute(
            select(e.c.document_id, e.c.ordinal, e.c.type, e.c.negated, e.c.day, e.c.evidence_text, e.c.quad_class,
                   e.c.attributed_to, e.c.modality)
            .where(tuple_(e.c.document_id, e.c.ordinal).in_(chunk))
        )
        for doc_id, ordinal, type_, negated, day, evidence, quad, attributed, modality in rows:
            out[(doc_id, ordinal)] = {"type": type_, "negated": negated, "day": day, "evidence_text": evidence,
                                      "quad_class": quad, "attributed_to": attributed, "modality": modality,
                                      "source_ids": [], "target_ids": []}
        sides = connection.execute(
            select(ea.c.document_id, ea.c.event_ordinal, ea.c.role, ea.c.actor_id)
            .where(tuple_(ea.c.document_id, ea.c.event_ordinal).in_(chunk))
            .order_by(ea.c.document_id, ea.c.event_ordinal, ea.c.role, ea.c.position)
        )
        for doc_id, ordinal, role, actor_id in sides:
            out[(doc_id, ordinal)][f"{role}_ids"].append(actor_id)
    return out


def _events_by_key(connection: Connection, keys: set[tuple]) -> dict[tuple, dict[str, Any]]:
    found: list[dict[str, Any]] = []
    keys_list = sorted(keys)
    for start in range(0, len(keys_list), 300):
        chunk = keys_list[start : start + 300]
        rows = connection.execute(
            select(e, d.c.title, d.c.source.label("publication"), d.c.url, d.c.date.label("document_date"))
            .select_from(e.join(d, d.c.id == e.c.document_id))
            .where(tuple_(e.c.document_id, e.c.ordinal).in_(chunk))
        )
        found.extend(dict(row._mapping) for row in rows)
    _attach_event_actors(connection, found)
    return {(row["document_id"], row["ordinal"]): row for row in found}


def _ids(event: dict[str, Any]) -> set[str]:
    return {side["id"] for key in ("source", "target") for side in event[key]}


def _day_number(day: str | None) -> int | None:
    try:
        return dt.date.fromisoformat(day).toordinal() if day else None
    except ValueError:
        return None


def _in_range(day: str | None, since: str | None, until: str | None) -> bool:
    low, high = date_bounds(since, until)
    return bool(day) and (not low or day >= low) and (not high or day <= high)
