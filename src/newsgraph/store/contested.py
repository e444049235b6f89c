"""Contested claims: two reports of the same happening that contradict each other.

Within one article the event stage finds them (the `contested` table: "the army said
it killed ten militants; the TTP denied it"). Across articles the store pairs events
itself: two events of DIFFERENT articles contradict each other when

- they have the same event type,
- they share a source actor, and share a target actor (or both have no target),
- one is negated and the other is not ("X attacked Y" against "X did not attack Y"),
- their days are within `window_days` of each other (or either is unknown).

This works on the stored Event fields only (type, source, target, negated, day). The
event stage had no cross-document contradiction test to reuse when this was written; if
it gets one, `contradiction` below is the one place to call it from.
Each pair comes with both documents (title, publication, URL, date) and with who
asserts each claim (`attributed_to`), so both sides are shown with their sources.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import and_, select, tuple_
from sqlalchemy.engine import Connection

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


def contradiction(first: dict[str, Any], second: dict[str, Any], window_days: int = WINDOW_DAYS) -> str | None:
    """Why two events (from different articles) contradict each other, or None."""
    if first["type"] != second["type"] or bool(first["negated"]) == bool(second["negated"]):
        return None
    shared_sources = set(first["source_ids"]) & set(second["source_ids"])
    if not shared_sources:
        return None
    targets_a, targets_b = set(first["target_ids"]), set(second["target_ids"])
    if (targets_a or targets_b) and not targets_a & targets_b:
        return None
    day_a, day_b = _day_number(first["day"]), _day_number(second["day"])
    if day_a is not None and day_b is not None and abs(day_a - day_b) > window_days:
        return None
    denied, reported = (first, second) if first["negated"] else (second, first)
    return f"one article reports {reported['type']}, the other says it did not happen ({denied['evidence_text']!r})"


def _across(connection: Connection, window_days: int):
    """Candidate pairs: a negated event and an event of the same type by one of its source
    actors in another document, not negated. Found from the few negated events outwards
    (their source actors' events, through the index on actor), never by a self-join that
    a planner without statistics may start from the wrong end."""
    negated = connection.execute(
        select(e.c.document_id, e.c.ordinal, e.c.type, ea.c.actor_id)
        .select_from(e.join(ea, and_(ea.c.document_id == e.c.document_id, ea.c.event_ordinal == e.c.ordinal,
                                     ea.c.role == "source")))
        .where(e.c.negated.is_(True))
    ).all()
    wanted = {(type_, actor_id) for _, _, type_, actor_id in negated}
    actors = sorted({actor_id for _, actor_id in wanted})
    types = sorted({type_ for type_, _ in wanted})
    reported: dict[tuple[str, str], set[tuple]] = {}
    for start in range(0, len(actors), 300):
        rows = connection.execute(
            select(ea.c.actor_id, e.c.type, e.c.document_id, e.c.ordinal)
            .select_from(ea.join(e, and_(e.c.document_id == ea.c.document_id, e.c.ordinal == ea.c.event_ordinal)))
            .where(ea.c.actor_id.in_(actors[start : start + 300]), ea.c.role == "source", e.c.negated.is_(False),
                   e.c.type.in_(types))
        )
        for actor_id, type_, doc_id, ordinal in rows:
            if (type_, actor_id) in wanted:
                reported.setdefault((type_, actor_id), set()).add((doc_id, ordinal))
    candidates = sorted({
        (doc_a, ord_a, doc_b, ord_b)
        for doc_a, ord_a, type_, actor_id in negated
        for doc_b, ord_b in reported.get((type_, actor_id), ())
        if doc_b != doc_a
    })
    details = _event_sides(connection, {key for row in candidates for key in ((row[0], row[1]), (row[2], row[3]))})
    for doc_a, ord_a, doc_b, ord_b in candidates:
        first, second = details[(doc_a, ord_a)], details[(doc_b, ord_b)]
        reason = contradiction(first, second, window_days)
        if reason:
            # The reported event first, the denial second, in a stable order.
            yield (doc_b, ord_b), (doc_a, ord_a), reason


def _event_sides(connection: Connection, keys: set[tuple]) -> dict[tuple, dict[str, Any]]:
    out: dict[tuple, dict[str, Any]] = {}
    keys_list = sorted(keys)
    for start in range(0, len(keys_list), 300):
        chunk = keys_list[start : start + 300]
        rows = connection.execute(
            select(e.c.document_id, e.c.ordinal, e.c.type, e.c.negated, e.c.day, e.c.evidence_text)
            .where(tuple_(e.c.document_id, e.c.ordinal).in_(chunk))
        )
        for doc_id, ordinal, type_, negated, day, evidence in rows:
            out[(doc_id, ordinal)] = {"type": type_, "negated": negated, "day": day, "evidence_text": evidence,
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
