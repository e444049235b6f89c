"""Cross-document questions, answered from the store (used by `Store`, the CLI and the HTTP API).

Every function takes an open connection and returns plain, JSON-ready values (dicts,
lists, strings, numbers). Actors are one id across the corpus (a knowledge-base id, or a
slug of the name); a NAME given by a user is resolved by `resolve_actor`: the id itself,
then any name or alias the actor was called by (case-blind), then the slug of the name.
Dates are ISO text; `since` and `until` are inclusive.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from typing import Any

from sqlalchemy import and_, case, exists, func, or_, select, tuple_
from sqlalchemy.engine import Connection

from ..errors import NewsgraphError
from ..kb.names import slug
from . import schema
from .rows import fold

d, a, an, da = schema.documents, schema.actors, schema.actor_names, schema.document_actors
q, e, ea, m = schema.quotes, schema.events, schema.event_actors, schema.mentions


# The modalities of events that are not reported as having happened.
UNASSERTED_MODALITIES = ("future", "hypothetical")


class NotFound(NewsgraphError):
    """Nothing in the store matches what was asked for."""


class AmbiguousActor(NotFound):
    """A name that several actors bear: `candidates` lists them ({id, name, type, mentions})."""

    def __init__(self, message: str, candidates: list[dict[str, Any]]):
        super().__init__(message)
        self.candidates = candidates


# ---------------------------------------------------------------- actors
def resolve_actor(connection: Connection, name: str) -> str:
    """The id of the actor called `name` (an id, a name or alias, any case)."""
    wanted = name.strip()
    if not wanted:
        raise NotFound("an empty actor name")
    if connection.execute(select(a.c.id).where(a.c.id == wanted)).first():
        return wanted
    mentions = func.coalesce(func.sum(da.c.mentions), 0).label("mentions")
    by_name = (
        select(an.c.actor_id, mentions)
        .select_from(an.outerjoin(da, da.c.actor_id == an.c.actor_id))
        .where(an.c.folded == fold(wanted))
        .group_by(an.c.actor_id)
        .order_by(mentions.desc(), an.c.actor_id)
    )
    row = connection.execute(by_name).first()
    if row:
        return row[0]
    slugged = slug(wanted)
    if connection.execute(select(a.c.id).where(a.c.id == slugged)).first():
        return slugged
    # a word of a name: a surname ("Khamenei"), a short form ("Mujahid")
    candidates = _actors_named_by_word(connection, fold(wanted))
    if len(candidates) == 1:
        return candidates[0]["id"]
    if candidates:
        listed = ", ".join(f"{row['name']} ({row['id']})" for row in candidates[:10])
        raise AmbiguousActor(f"{wanted!r} names {len(candidates)} actors in the store: {listed}; give one of these ids",
                             candidates[:10])
    like = f"%{_escape_like(fold(wanted))}%"
    close = connection.execute(
        select(an.c.name).where(an.c.folded.like(like, escape="\\")).distinct().order_by(an.c.name).limit(5)
    ).scalars().all()
    hint = f"; did you mean: {', '.join(close)}?" if close else ""
    raise NotFound(f"no actor called {wanted!r} in the store{hint}")


def _actors_named_by_word(connection: Connection, folded: str) -> list[dict[str, Any]]:
    """The actors one of whose names holds `folded` as whole words, most mentioned first."""
    escaped = _escape_like(folded)
    word = or_(an.c.folded.like(f"% {escaped}", escape="\\"), an.c.folded.like(f"{escaped} %", escape="\\"),
               an.c.folded.like(f"% {escaped} %", escape="\\"), an.c.folded.like(f"%-{escaped}", escape="\\"))
    ids = select(an.c.actor_id).where(word).distinct().subquery("named")
    mentions = func.coalesce(func.sum(da.c.mentions), 0).label("mentions")
    rows = connection.execute(
        select(a.c.id, a.c.name, a.c.type, mentions)
        .select_from(a.join(ids, ids.c.actor_id == a.c.id).outerjoin(da, da.c.actor_id == a.c.id))
        .group_by(a.c.id, a.c.name, a.c.type)
        .order_by(mentions.desc(), a.c.id)
        .limit(50)
    )
    return [{"id": row.id, "name": row.name, "type": row.type, "mentions": int(row.mentions)} for row in rows]


# ---------------------------------------------------------------- an organization's members
# The actor types whose members (spokespeople, officials) speak and act for them by default.
ORGANIZATION_TYPES = ("organization", "armed_group", "igo")


def is_organization(connection: Connection, actor_id: str) -> bool:
    return connection.execute(select(a.c.type).where(a.c.id == actor_id)).scalar() in ORGANIZATION_TYPES


def members(connection: Connection, actor_id: str) -> list[dict[str, Any]]:
    """The people whose roles in the corpus name this actor as their organization: "spokesman
    of the Taliban", "the Taliban's chief spokesman", "Taliban spokesman". The name must end
    the role (after "of") or begin it, and no longer name of another actor may hold it there
    ("spokesman of the Pakistani Taliban" is no member of the Taliban)."""
    own = {fold(name) for name in connection.execute(select(an.c.name).where(an.c.actor_id == actor_id)).scalars()}
    own |= {fold(name) for name in connection.execute(select(a.c.name).where(a.c.id == actor_id)).scalars()}
    own = {name for name in own if len(name) >= 2}
    if not own:
        return []
    others = {fold(name) for name in connection.execute(
        select(an.c.name).where(an.c.actor_id != actor_id,
                                or_(*(an.c.folded.like(f"%{_escape_like(name)}%", escape="\\") for name in own)))
    ).scalars()} - own
    roles = schema.actor_roles
    rows = connection.execute(
        select(roles.c.actor_id, roles.c.role, a.c.name)
        .select_from(roles.join(a, a.c.id == roles.c.actor_id))
        .where(a.c.type == "person", roles.c.actor_id != actor_id,
               or_(*(func.lower(roles.c.role).like(f"%{_escape_like(name)}%", escape="\\") for name in own)))
        .distinct()
        .order_by(roles.c.actor_id, roles.c.role)
    )
    found: dict[str, dict[str, Any]] = {}
    for member_id, role, name in rows:
        held = fold(role)
        place = _organization_in_role(held, own)
        if place is None or any(_organization_in_role(held, {other}) == place and len(other) > len(place[1])
                                for other in others):
            continue
        found.setdefault(member_id, {"id": member_id, "name": name, "role": role})
    return sorted(found.values(), key=lambda item: item["id"])


def _organization_in_role(role: str, names: set[str]) -> tuple[str, str] | None:
    """("end", name) or ("start", name) when the longest of `names` ends the role after "of
    (the)" or begins it (after "the"), as whole words; else None."""
    for name in sorted(names, key=len, reverse=True):
        pattern = re.escape(name)
        if re.search(rf"\bof (?:the )?{pattern}$", role):
            return "end", name
        if re.match(rf"^(?:the )?{pattern}(?:'s|’s)?\s+\w", role):
            return "start", name
    return None


def speakers_for(connection: Connection, actor_id: str, include_members: bool | None) -> tuple[list[str], list[dict]]:
    """The actor and, when `include_members` (None: when it is an organization), its members."""
    wanted = is_organization(connection, actor_id) if include_members is None else include_members
    found = members(connection, actor_id) if wanted else []
    return [actor_id] + [member["id"] for member in found], found


def actors(connection: Connection, *, limit: int = 20, type: str | None = None, country: str | None = None,
           since: str | None = None, until: str | None = None, name: str | None = None,
           offset: int = 0) -> list[dict[str, Any]]:
    """The actors mentioned most, with how many mentions and articles; `name` keeps those
    called by a name or alias that contains it (case-blind)."""
    if not (since or until):  # the totals the writer keeps, through their index
        query = select(a.c.id, a.c.name, a.c.type, a.c.country, a.c.sector, a.c.kb_id, a.c.mentions, a.c.documents)
        if name and name.strip():
            like = f"%{_escape_like(fold(name))}%"
            query = query.where(a.c.id.in_(select(an.c.actor_id).where(an.c.folded.like(like, escape="\\"))))
        if type:
            query = query.where(a.c.type == type)
        if country:
            query = query.where(a.c.country == country.upper())
        query = query.where(a.c.documents > 0).order_by(a.c.mentions.desc(), a.c.id).limit(limit).offset(offset)
        return [dict(row._mapping) for row in connection.execute(query)]
    # In a date range: mentions per actor first, then the actors' rows. The actor filters narrow the counted
    # rows (through the actor index); without them, one pass over the whole table (grouped on
    # an expression, so that SQLite does not walk the index: see `_mention_totals`).
    wanted = []
    if name and name.strip():
        like = f"%{_escape_like(fold(name))}%"
        wanted.append(da.c.actor_id.in_(select(an.c.actor_id).where(an.c.folded.like(like, escape="\\"))))
    if type or country:
        chosen = select(a.c.id)
        if type:
            chosen = chosen.where(a.c.type == type)
        if country:
            chosen = chosen.where(a.c.country == country.upper())
        wanted.append(da.c.actor_id.in_(chosen))
    key = (da.c.actor_id if wanted else da.c.actor_id.concat("")).label("actor_id")
    counts = select(key, func.sum(da.c.mentions).label("mentions"), func.count(da.c.document_id).label("documents"))
    if since or until:
        counts = counts.select_from(da.join(d, d.c.id == da.c.document_id)).where(*_date_range(d.c.date, since, until))
    counts = counts.where(*wanted).group_by(key).subquery("counts")
    query = (
        select(a.c.id, a.c.name, a.c.type, a.c.country, a.c.sector, a.c.kb_id, counts.c.mentions, counts.c.documents)
        .select_from(a.join(counts, counts.c.actor_id == a.c.id))
        .order_by(counts.c.mentions.desc(), a.c.id)
        .limit(limit)
        .offset(offset)
    )
    return [dict(row._mapping) for row in connection.execute(query)]


def actor(connection: Connection, name: str, *, limit: int = 20, spoken_of: bool = True,
          include_members: bool | None = None) -> dict[str, Any]:
    """Everything the corpus says of one actor: its names, roles over time, what it said,
    what it did to whom, what others did to it, who spoke of it (unless not `spoken_of`:
    the costliest part for a much-mentioned actor), its closest partners; with
    `include_members` (None: for an organization) its `members` and, apart from its own,
    what they said (`members_said`) and did (`members_did`)."""
    actor_id = resolve_actor(connection, name)
    row = connection.execute(select(a).where(a.c.id == actor_id)).first()
    totals = (row.mentions, row.documents) if row is not None else (0, 0)
    names = connection.execute(select(an.c.name).where(an.c.actor_id == actor_id).order_by(an.c.name)).scalars().all()
    roles = connection.execute(
        select(
            schema.actor_roles.c.role,
            func.min(schema.actor_roles.c.date).label("first"),
            func.max(schema.actor_roles.c.date).label("last"),
            func.count().label("documents"),
        )
        .where(schema.actor_roles.c.actor_id == actor_id)
        .group_by(schema.actor_roles.c.role)
        .order_by(func.min(schema.actor_roles.c.date).nulls_last(), schema.actor_roles.c.role)
    )
    profile = dict(row._mapping)
    profile.update(
        mentions=int(totals[0]),
        documents=int(totals[1]),
        names=list(names),
        roles=[dict(r._mapping) for r in roles],
        said=quotes(connection, speaker=actor_id, include_members=False, limit=limit),
        did=events(connection, source=actor_id, include_members=False, limit=limit),
        done_to=events(connection, target=actor_id, limit=limit),
        spoken_of=quotes(connection, about=actor_id, not_speaker=actor_id, limit=limit) if spoken_of else [],
        partners=partners(connection, actor_id, limit=limit),
    )
    _ids, found = speakers_for(connection, actor_id, include_members)
    member_ids = [member["id"] for member in found]
    profile["members"] = found
    profile["members_said"] = _members_quotes(connection, member_ids, limit) if member_ids else []
    profile["members_did"] = _members_events(connection, member_ids, limit) if member_ids else []
    return profile


def _members_quotes(connection: Connection, member_ids: list[str], limit: int) -> list[dict[str, Any]]:
    rows = [row for member in member_ids for row in quotes(connection, speaker=member, include_members=False, limit=limit)]
    return sorted(rows, key=lambda row: (row["date"] or "", row["document_id"], row["ordinal"]), reverse=True)[:limit]


def _members_events(connection: Connection, member_ids: list[str], limit: int) -> list[dict[str, Any]]:
    rows = [row for member in member_ids for row in events(connection, source=member, include_members=False, limit=limit)]
    unique = {(row["document_id"], row["ordinal"]): row for row in rows}
    return sorted(unique.values(), key=lambda row: (row["day"] or "", row["document_id"], row["ordinal"]), reverse=True)[:limit]


def partners(connection: Connection, actor_id: str, *, limit: int = 20) -> list[dict[str, Any]]:
    """The actors this one has most events with (either way), from the edge table."""
    edges = schema.edges
    rows = connection.execute(
        select(
            edges.c.source_id, edges.c.target_id, edges.c.quad_class,
            func.sum(edges.c.count).label("events"), func.sum(edges.c.goldstein_total).label("goldstein"),
        )
        .where(or_(edges.c.source_id == actor_id, edges.c.target_id == actor_id))
        .group_by(edges.c.source_id, edges.c.target_id, edges.c.quad_class)
    )
    by_partner: dict[str, dict[str, Any]] = {}
    for source, target, quad, count, goldstein in rows:
        other = target if source == actor_id else source
        entry = by_partner.setdefault(other, {"actor_id": other, "events": 0, "goldstein": 0.0, "by_quad_class": {}})
        entry["events"] += int(count)
        entry["goldstein"] += float(goldstein or 0.0)
        entry["by_quad_class"][str(quad)] = entry["by_quad_class"].get(str(quad), 0) + int(count)
    ranked = sorted(by_partner.values(), key=lambda item: (-item["events"], item["actor_id"]))[:limit]
    _attach_names(connection, ranked, "actor_id", "name")
    return ranked


# ---------------------------------------------------------------- quotes
QUOTE_ORDER = (q.c.date.desc().nulls_last(), q.c.document_id, q.c.ordinal)  # newest first, undated last on both backends


def quotes(connection: Connection, *, speaker: str | None = None, about: str | None = None, since: str | None = None,
           until: str | None = None, not_speaker: str | None = None, document: str | None = None,
           include_members: bool | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Quotes, newest first: by a speaker, about an actor (the actor is mentioned inside
    the quote), in a date range. Each with the offsets of its text, speaker and cue.
    With `include_members` (None: when the speaker is an organization) the quotes of the
    speaker's members (its spokespeople, officials: see `members`) too, each marked
    `member` True.

    The page's keys are found first (on the quote table alone), then its rows are read
    with their document: sorting narrow keys keeps a long list fast."""
    conditions = []
    speaker_id = None
    if speaker:
        speaker_id = resolve_actor(connection, speaker)
        speakers, _members = speakers_for(connection, speaker_id, include_members)
        conditions.append(q.c.speaker_id.in_(speakers))
    if not_speaker:
        conditions.append(or_(q.c.speaker_id.is_(None), q.c.speaker_id != not_speaker))
    if document:
        conditions.append(q.c.document_id == document)
    if about:
        # the quotes that contain a mention of the actor, newest first, from the index of
        # `quote_actors` (the quote's date is there too); the other conditions on the quote
        qa = schema.quote_actors
        order = (qa.c.date.desc().nulls_last(), qa.c.document_id, qa.c.ordinal)
        page = (select(qa.c.document_id, qa.c.ordinal)
                .select_from(qa.join(q, and_(q.c.document_id == qa.c.document_id, q.c.ordinal == qa.c.ordinal)))
                .where(qa.c.actor_id == resolve_actor(connection, about), *conditions, *_date_range(qa.c.date, since, until))
                .order_by(*order).limit(limit).offset(offset))
    else:
        conditions.extend(_date_range(q.c.date, since, until))
        page = select(q.c.document_id, q.c.ordinal).where(*conditions).order_by(*QUOTE_ORDER).limit(limit).offset(offset)
    order = QUOTE_ORDER
    query = (
        select(
            q.c.document_id, q.c.ordinal, q.c.speaker_id, q.c.speaker_text, q.c.kind, q.c.cue_text, q.c.cue_type,
            q.c.text, q.c.start_char, q.c.end_char, q.c.confidence, q.c.date,
            q.c.speaker_start, q.c.speaker_end, q.c.cue_start, q.c.cue_end,
            d.c.title, d.c.source, d.c.url,
        )
        .select_from(q.join(d, d.c.id == q.c.document_id))
        .where(tuple_(q.c.document_id, q.c.ordinal).in_(page))
        .order_by(*order)
    )
    found = [dict(row._mapping) for row in connection.execute(query)]
    _attach_names(connection, found, "speaker_id", "speaker")
    for row in found:
        row["member"] = speaker_id is not None and row["speaker_id"] != speaker_id
    return found


# ---------------------------------------------------------------- events
def events(connection: Connection, *, actor: str | None = None, source: str | None = None, target: str | None = None,
           type: str | None = None, quad_class: int | None = None, since: str | None = None, until: str | None = None,
           attributed_to: str | None = None, include_negated: bool = True, document: str | None = None,
           country: str | None = None, admin1: str | None = None, bbox: tuple[float, float, float, float] | None = None,
           located: bool | None = None, asserted_only: bool = False, include_members: bool | None = None,
           limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Events, newest first, with who did it (`source`) to whom (`target`) and the evidence.
    `actor` matches either side; `source` and `target` one side each. `country` (ISO
    alpha-3), `admin1` and `bbox` (west, south, east, north in degrees) keep the events
    located there; `located` True keeps the events with coordinates, False those without;
    `asserted_only` leaves out negated, future and hypothetical events. With
    `include_members` (None: when the `actor` or `source` is an organization) its members'
    acts count as its own (as source), each marked `member` True."""
    order = (e.c.day.desc().nulls_last(), e.c.document_id, e.c.ordinal)  # undated last on both backends
    page = (  # the page's keys first, on the event table alone (see `quotes`)
        select(e.c.document_id, e.c.ordinal)
        .where(*event_conditions(
            connection, actor=actor, source=source, target=target, type=type, quad_class=quad_class, since=since,
            until=until, attributed_to=attributed_to, include_negated=include_negated, document=document,
            country=country, admin1=admin1, bbox=bbox, located=located, asserted_only=asserted_only,
            include_members=include_members,
        ))
        .order_by(*order)
        .limit(limit)
        .offset(offset)
    )
    query = (
        select(e, d.c.title, d.c.source.label("publication"), d.c.url)
        .select_from(e.join(d, d.c.id == e.c.document_id))
        .where(tuple_(e.c.document_id, e.c.ordinal).in_(page))
        .order_by(*order)
    )
    found = [dict(row._mapping) for row in connection.execute(query)]
    _attach_event_actors(connection, found)
    whose = source or actor
    if whose and include_members is not False:
        whose_id = resolve_actor(connection, whose)
        for row in found:
            row["member"] = all(side["id"] != whose_id for side in row["source"] + row["target"])
    return found


def event_conditions(connection: Connection, *, actor: str | None = None, source: str | None = None,
                     target: str | None = None, type: str | None = None, quad_class: int | None = None,
                     since: str | None = None, until: str | None = None, attributed_to: str | None = None,
                     include_negated: bool = True, document: str | None = None, country: str | None = None,
                     admin1: str | None = None, bbox: tuple[float, float, float, float] | None = None,
                     located: bool | None = None, asserted_only: bool = False,
                     include_members: bool | None = False) -> list:
    """The WHERE conditions on `events` for the filters of `events` (shared with `event_places`).
    `asserted_only` keeps the events reported as having happened: not negated, and neither
    future nor hypothetical (historical ones stay). `include_members` (None: for an
    organization) counts the acts of the `actor`'s or `source`'s members as its own."""
    conditions = []
    for value, role in ((actor, None), (source, "source"), (target, "target")):
        if value:
            # the actor's events, from the event_actors index on actor (not a per-event test)
            actor_id = resolve_actor(connection, value)
            theirs = select(ea.c.document_id, ea.c.event_ordinal).where(ea.c.actor_id == actor_id)
            if role:
                theirs = theirs.where(ea.c.role == role)
            if role != "target" and include_members is not False:
                _ids, found = speakers_for(connection, actor_id, include_members)
                if found:
                    acts = select(ea.c.document_id, ea.c.event_ordinal).where(
                        ea.c.actor_id.in_([member["id"] for member in found]), ea.c.role == "source")
                    theirs = theirs.union(acts)
            conditions.append(tuple_(e.c.document_id, e.c.ordinal).in_(theirs))
    if type:
        conditions.append(e.c.type == type)
    if quad_class is not None:
        conditions.append(e.c.quad_class == quad_class)
    if attributed_to:
        conditions.append(e.c.attributed_to == resolve_actor(connection, attributed_to))
    if not include_negated or asserted_only:
        conditions.append(e.c.negated.is_(False))
    if asserted_only:
        conditions.append(or_(e.c.modality.is_(None), e.c.modality.not_in(UNASSERTED_MODALITIES)))
    if document:
        conditions.append(e.c.document_id == document)
    if country:
        conditions.append(e.c.country == country.upper())
    if admin1:
        conditions.append(e.c.admin1 == admin1)
    if bbox is not None:
        west, south, east, north = bbox
        conditions.extend([e.c.lat >= south, e.c.lat <= north])
        if west <= east:
            conditions.extend([e.c.lon >= west, e.c.lon <= east])
        else:  # the box crosses the antimeridian
            conditions.append(or_(e.c.lon >= west, e.c.lon <= east))
    if located is True:
        conditions.extend([e.c.lat.is_not(None), e.c.lon.is_not(None)])
    elif located is False:
        conditions.append(or_(e.c.lat.is_(None), e.c.lon.is_(None)))
    conditions.extend(_date_range(e.c.day, since, until))
    return conditions


def _attach_event_actors(connection: Connection, found: list[dict[str, Any]]) -> None:
    """Give each event its `source` and `target` lists of {id, name}."""
    if not found:
        return
    keys = {(row["document_id"], row["ordinal"]) for row in found}
    documents = sorted({key[0] for key in keys})
    sides: dict[tuple, dict[str, list[str]]] = defaultdict(lambda: {"source": [], "target": []})
    for start in range(0, len(documents), 500):
        rows = connection.execute(
            select(ea.c.document_id, ea.c.event_ordinal, ea.c.role, ea.c.actor_id)
            .where(ea.c.document_id.in_(documents[start : start + 500]))
            .order_by(ea.c.document_id, ea.c.event_ordinal, ea.c.role, ea.c.position)
        )
        for doc_id, ordinal, role, actor_id in rows:
            if (doc_id, ordinal) in keys:
                sides[(doc_id, ordinal)][role].append(actor_id)
    names = actor_names(connection, {i for side in sides.values() for ids in side.values() for i in ids})
    for row in found:
        side = sides[(row["document_id"], row["ordinal"])]
        row["source"] = [{"id": i, "name": names.get(i, i)} for i in side["source"]]
        row["target"] = [{"id": i, "name": names.get(i, i)} for i in side["target"]]
    attributed = [row for row in found if row.get("attributed_to")]
    _attach_names(connection, attributed, "attributed_to", "attributed_to_name")


# ---------------------------------------------------------------- documents
def document(connection: Connection, document_id: str) -> dict[str, Any]:
    """One document: its metadata, text and what was found in it."""
    row = connection.execute(select(d).where(d.c.id == document_id)).first()
    if row is None:
        raise NotFound(f"no document {document_id!r} in the store")
    found = dict(row._mapping)
    found["actors"] = [
        dict(r._mapping) for r in connection.execute(select(da).where(da.c.document_id == document_id).order_by(da.c.ordinal))
    ]
    found["mentions"] = [
        dict(r._mapping) for r in connection.execute(
            select(m.c.ordinal, m.c.actor_id, m.c.start_char, m.c.end_char, m.c.text, m.c.kind)
            .where(m.c.document_id == document_id).order_by(m.c.ordinal)
        )
    ]
    found["quotes"] = quotes(connection, document=document_id, limit=100_000)
    found["events"] = events(connection, document=document_id, limit=100_000)
    found["contested"] = [
        dict(r._mapping) for r in connection.execute(
            select(schema.contested.c.ordinal, schema.contested.c.event_a, schema.contested.c.event_b, schema.contested.c.reason)
            .where(schema.contested.c.document_id == document_id).order_by(schema.contested.c.ordinal)
        )
    ]
    found["duplicates"] = connection.execute(
        select(d.c.id).where(d.c.duplicate_of == document_id).order_by(d.c.id)
    ).scalars().all()
    return found


def documents(connection: Connection, *, since: str | None = None, until: str | None = None, status: str | None = None,
              source: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Documents without their text, newest first: id, title, date, source, url, status, size
    (`repeated_chars`: the characters of passages the text repeats, analysed once)."""
    query = (
        select(d.c.id, d.c.title, d.c.date, d.c.source, d.c.url, d.c.language, d.c.status, d.c.duplicate_of,
               d.c.chars, d.c.words, d.c.repeated_chars)
        .where(*_date_range(d.c.date, since, until))
        .order_by(d.c.date.desc(), d.c.id)
        .limit(limit)
        .offset(offset)
    )
    if status:
        query = query.where(d.c.status == status)
    if source:
        query = query.where(d.c.source == source)
    return [dict(row._mapping) for row in connection.execute(query)]


def document_count(connection: Connection) -> int:
    """How many documents the store holds (of any status)."""
    return int(connection.execute(select(func.count()).select_from(d)).scalar())


def stats(connection: Connection) -> dict[str, Any]:
    """How many documents of each status, actors, quotes, events, errors."""
    by_status = dict(connection.execute(select(d.c.status, func.count()).group_by(d.c.status)).all())
    count = lambda table: connection.execute(select(func.count()).select_from(table)).scalar()  # noqa: E731
    return {
        "documents": sum(by_status.values()),
        "by_status": {status: by_status.get(status, 0) for status in schema.STATUSES},
        "actors": count(schema.actors),
        "mentions": count(schema.mentions),
        "quotes": count(schema.quotes),
        "events": count(schema.events),
        "edges": count(schema.edges),
        "errors": count(schema.ingest_errors),
    }


def errors(connection: Connection, *, limit: int = 50) -> list[dict[str, Any]]:
    t = schema.ingest_errors
    rows = connection.execute(select(t.c.origin, t.c.document_id, t.c.error, t.c.recorded_at).order_by(t.c.origin, t.c.id).limit(limit))
    return [dict(row._mapping) for row in rows]


# ---------------------------------------------------------------- over time, on a map, as a network
PERIOD_CHARS = {"year": 4, "month": 7, "day": 10}
COOPERATION, CONFLICT = (1, 2), (3, 4)  # PLOVER quad classes: verbal/material cooperation, verbal/material conflict


def actor_timeline(connection: Connection, name: str, *, period: str = "month", since: str | None = None,
                   until: str | None = None, undated: bool = False) -> list[dict[str, Any]]:
    """Events the actor took part in (either side, asserted, not negated: the edge table)
    per period ("year", "month" or "day"), oldest first: {period, cooperation, conflict,
    by_quad_class}. Events without a date are left out, or with `undated` (and no date
    range) counted last under the period ""."""
    if period not in PERIOD_CHARS:
        raise ValueError(f"unknown period {period!r}: choose one of {', '.join(PERIOD_CHARS)}")
    actor_id = resolve_actor(connection, name)
    edges = schema.edges
    bucket = func.substr(edges.c.day, 1, PERIOD_CHARS[period]).label("period")
    rows = connection.execute(
        select(bucket, edges.c.quad_class, func.sum(edges.c.count))
        .where(or_(edges.c.source_id == actor_id, edges.c.target_id == actor_id),
               *([] if undated and not (since or until) else [edges.c.day != ""]),
               *_date_range(edges.c.day, since, until))
        .group_by(bucket, edges.c.quad_class)
        .order_by(bucket)
    )
    by_period: dict[str, dict[str, Any]] = {}
    for key, quad, count in rows:
        entry = by_period.setdefault(key, {"period": key, "cooperation": 0, "conflict": 0, "by_quad_class": {}})
        entry["by_quad_class"][str(quad)] = entry["by_quad_class"].get(str(quad), 0) + int(count)
        if quad in COOPERATION:
            entry["cooperation"] += int(count)
        elif quad in CONFLICT:
            entry["conflict"] += int(count)
    return sorted(by_period.values(), key=lambda entry: (entry["period"] == "", entry["period"]))


def actor_name_history(connection: Connection, name: str) -> list[dict[str, Any]]:
    """The names articles gave the actor, each with its first and last article date and
    how many articles used it, in order of first use."""
    actor_id = resolve_actor(connection, name)
    first, last = func.min(d.c.date).label("first"), func.max(d.c.date).label("last")
    rows = connection.execute(
        select(da.c.name, first, last, func.count().label("documents"))
        .select_from(da.join(d, d.c.id == da.c.document_id))
        .where(da.c.actor_id == actor_id)
        .group_by(da.c.name)
        .order_by(first, da.c.name)
    )
    return [dict(row._mapping) for row in rows]


def event_places(connection: Connection, *, limit: int = 1000, **filters) -> list[dict[str, Any]]:
    """Located events grouped by place, most events first: {name, country, admin1, lat, lon,
    events, cooperation, conflict, first, last}. Takes the filters of `events`."""
    filters["located"] = True
    quad = e.c.quad_class
    count = func.count().label("events")
    query = (
        select(
            e.c.location_name.label("name"), e.c.country, e.c.admin1, e.c.lat, e.c.lon, count,
            func.sum(case((quad.in_(COOPERATION), 1), else_=0)).label("cooperation"),
            func.sum(case((quad.in_(CONFLICT), 1), else_=0)).label("conflict"),
            func.min(e.c.day).label("first"), func.max(e.c.day).label("last"),
        )
        .where(*event_conditions(connection, **filters))
        .group_by(e.c.location_name, e.c.country, e.c.admin1, e.c.lat, e.c.lon)
        .order_by(count.desc(), e.c.location_name, e.c.lat, e.c.lon)
        .limit(limit)
    )
    return [
        {**dict(row._mapping), "cooperation": int(row.cooperation or 0), "conflict": int(row.conflict or 0)}
        for row in connection.execute(query)
    ]


def network(connection: Connection, *, since: str | None = None, until: str | None = None,
            types: list[str] | None = None, quad_classes: list[int] | None = None, actor_country: str | None = None,
            event_country: str | None = None, min_weight: int = 1, top: int = 500,
            directed: bool = False, mentions: dict[str, int] | None = None) -> dict[str, Any]:
    """The actor network for a date range and filters, JSON-ready: {"nodes": [...], "edges": [...]}.

    An edge joins two actors with `weight` (asserted, not negated events between them),
    `cooperation` and `conflict` (events of quad classes 1-2 and 3-4), `by_quad_class`
    and `goldstein` (sum). Undirected (the pair in id order) unless `directed`.
    `types` and `quad_classes` keep those events; `actor_country` keeps the edges with an
    actor of that country on either end; `event_country` the events located there.
    Edges under `min_weight` are dropped, then the `top` actors by mentions are kept with
    the edges between them (`truncated` says whether more actors matched). A node:
    {id, name, type, country, mentions, weight}. `mentions` may give every actor's total
    (`mention_totals`), when the caller keeps it.
    """
    if event_country:
        rows = _pair_counts_from_events(connection, since, until, types, quad_classes, event_country)
    else:
        edges = schema.edges
        query = (
            select(edges.c.source_id, edges.c.target_id, edges.c.quad_class, func.sum(edges.c.count),
                   func.sum(edges.c.goldstein_total))
            .where(*_date_range(edges.c.day, since, until))
            .group_by(edges.c.source_id, edges.c.target_id, edges.c.quad_class)
        )
        if since or until:
            query = query.where(edges.c.day != "")
        if types:
            query = query.where(edges.c.event_type.in_(types))
        if quad_classes:
            query = query.where(edges.c.quad_class.in_(quad_classes))
        rows = connection.execute(query).all()
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    for source, target, quad, count, goldstein in rows:
        key = (source, target) if directed or source <= target else (target, source)
        pair = pairs.get(key)
        if pair is None:
            pair = pairs[key] = {"source": key[0], "target": key[1], "weight": 0, "cooperation": 0, "conflict": 0,
                                 "goldstein": 0.0, "by_quad_class": {}}
        pair["weight"] += int(count)
        pair["goldstein"] += float(goldstein or 0.0)
        pair["by_quad_class"][str(quad)] = pair["by_quad_class"].get(str(quad), 0) + int(count)
        if quad in COOPERATION:
            pair["cooperation"] += int(count)
        elif quad in CONFLICT:
            pair["conflict"] += int(count)
    kept = [pair for pair in pairs.values() if pair["weight"] >= min_weight]
    ids = sorted({pair[side] for pair in kept for side in ("source", "target")})
    totals = mentions if mentions is not None else dict(mention_totals(connection, ids))
    info: dict[str, dict[str, Any]] = {}
    if actor_country:
        info = _actor_info(connection, ids)
        wanted = actor_country.upper()
        kept = [pair for pair in kept
                if wanted in (info.get(pair["source"], {}).get("country"), info.get(pair["target"], {}).get("country"))]
    weight = _node_weights(kept)
    candidates = len(weight)
    ranked = sorted(weight, key=lambda i: (-int(totals.get(i) or 0), -weight[i], i))[:max(top, 0)]
    chosen = set(ranked)
    kept = [pair for pair in kept if pair["source"] in chosen and pair["target"] in chosen]
    weight = _node_weights(kept)
    # names and types only for the actors drawn (a network of a large corpus names thousands more)
    info.update(_actor_info(connection, [i for i in ranked if i not in info]))
    nodes = []
    for actor_id in ranked:
        # an actor an event named but no article listed has no row: its id stands for its name
        node = dict(info.get(actor_id) or {"id": actor_id, "name": actor_id, "type": None, "country": None})
        node["mentions"] = int(totals.get(actor_id) or 0)
        node["weight"] = weight.get(actor_id, 0)
        nodes.append(node)
    kept.sort(key=lambda pair: (-pair["weight"], pair["source"], pair["target"]))
    return {"nodes": nodes, "edges": kept, "truncated": candidates > len(ranked)}


def _node_weights(pairs: list[dict[str, Any]]) -> dict[str, int]:
    """Actor id -> the weight of its edges among these."""
    weight: dict[str, int] = {}
    for pair in pairs:
        for side in ("source", "target"):
            weight[pair[side]] = weight.get(pair[side], 0) + pair["weight"]
    return weight


def _actor_info(connection: Connection, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Actor id -> {id, name, type, country} for these ids (in chunks of 500)."""
    info: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for row in connection.execute(select(a.c.id, a.c.name, a.c.type, a.c.country).where(a.c.id.in_(chunk))):
            info[row.id] = {"id": row.id, "name": row.name, "type": row.type, "country": row.country}
    return info


def mention_totals(connection: Connection, ids: list[str] | None = None):
    """(actor id, mentions) for these actors (None: every actor), from the totals the
    writer keeps in the actors' rows."""
    if ids is None:
        yield from connection.execute(select(a.c.id, a.c.mentions))
        return
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        yield from connection.execute(select(a.c.id, a.c.mentions).where(a.c.id.in_(chunk)))


def _pair_counts_from_events(connection: Connection, since, until, types, quad_classes, country) -> list[tuple]:
    """(source, target, quad class, events, goldstein) from the events themselves (for
    filters the edge table does not carry, such as where the event happened)."""
    s, t = ea.alias("s"), ea.alias("t")
    query = (
        select(s.c.actor_id, t.c.actor_id, e.c.quad_class, func.count(), func.sum(func.coalesce(e.c.goldstein, 0.0)))
        .select_from(
            e.join(s, and_(s.c.document_id == e.c.document_id, s.c.event_ordinal == e.c.ordinal, s.c.role == "source"))
            .join(t, and_(t.c.document_id == e.c.document_id, t.c.event_ordinal == e.c.ordinal, t.c.role == "target"))
        )
        .where(e.c.negated.is_(False), s.c.actor_id != t.c.actor_id, e.c.country == country.upper(),
               *_date_range(e.c.day, since, until))
        .group_by(s.c.actor_id, t.c.actor_id, e.c.quad_class)
    )
    if types:
        query = query.where(e.c.type.in_(types))
    if quad_classes:
        query = query.where(e.c.quad_class.in_(quad_classes))
    return connection.execute(query).all()


# ---------------------------------------------------------------- helpers
def actor_names(connection: Connection, ids) -> dict[str, str]:
    """Actor id -> name, for the ids given."""
    ids = sorted(set(ids))
    names: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        names.update(connection.execute(select(a.c.id, a.c.name).where(a.c.id.in_(ids[start : start + 500]))).all())
    return names


def _attach_names(connection: Connection, rows: list[dict[str, Any]], id_key: str, name_key: str) -> None:
    names = actor_names(connection, {row[id_key] for row in rows if row.get(id_key)})
    for row in rows:
        row[name_key] = names.get(row[id_key], row[id_key]) if row.get(id_key) else None


class InvalidDate(NewsgraphError):
    """A date bound that is not a calendar date written YYYY, YYYY-MM or YYYY-MM-DD."""


def valid_date(value: str) -> str:
    """`value` itself when it is a calendar date written YYYY, YYYY-MM or YYYY-MM-DD
    (2023, 2023-12, 2023-12-14); else `InvalidDate` saying what is wrong."""
    parts = value.split("-")
    if not (1 <= len(parts) <= 3 and len(parts[0]) == 4 and all(len(part) == 2 for part in parts[1:])
            and all(part.isascii() and part.isdigit() for part in parts)):
        raise InvalidDate(f"{value!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2023-12-14)")
    try:
        datetime.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except ValueError as error:
        raise InvalidDate(f"{value!r} is not a date: {error}") from None
    return value


def date_bounds(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """Inclusive ISO bounds; "2023" and "2023-12" as `until` include the whole year or month.
    A bound that is not a date raises `InvalidDate`."""
    since, until = (valid_date(value) if value else None for value in (since, until))
    if until:
        until = {4: until + "-12-31", 7: until + "-31"}.get(len(until), until)
    return since or None, until or None


def _date_range(column, since: str | None, until: str | None) -> list:
    low, high = date_bounds(since, until)
    conditions = []
    if low:
        conditions.append(column >= low)
    if high:
        conditions.append(column <= high)
    return conditions


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")

