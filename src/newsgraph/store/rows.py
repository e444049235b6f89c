"""One document's analysis as table rows (plain dicts, cheap to send between processes).

Built where the analysis runs (a worker), written by the store in one transaction.
Every row is keyed by the document id and its position in the analysis, so the rows of
a document are the same whichever run, process or machine produced them.
"""

from __future__ import annotations

import hashlib
import io
import pickle
from dataclasses import dataclass, field
from typing import Any

from ..model import Analysis

EXTRA_LOCATION_KEYS = ("name", "lat", "lon", "country", "admin1", "geonames_id")


@dataclass
class AnalysisRows:
    """The rows one analysed document adds, by table name (see `schema.py`)."""

    document_id: str
    words: int
    actors: list[dict[str, Any]] = field(default_factory=list)
    actor_names: list[dict[str, Any]] = field(default_factory=list)
    document_actors: list[dict[str, Any]] = field(default_factory=list)
    actor_roles: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    quote_actors: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    event_actors: list[dict[str, Any]] = field(default_factory=list)
    contested: list[dict[str, Any]] = field(default_factory=list)
    places: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)


def analysis_rows(analysis: Analysis, document_id: str | None = None) -> AnalysisRows:
    """The rows of `analysis`, under `document_id` (default: the analysis's own id)."""
    doc_id = document_id or analysis.document.id
    day = analysis.document.date
    rows = AnalysisRows(document_id=doc_id, words=analysis.document.words)

    seen_actors: set[str] = set()
    mention_ordinal = 0
    for ordinal, actor in enumerate(analysis.actors):
        if actor.id in seen_actors:  # an actor listed twice: keep the first
            continue
        seen_actors.add(actor.id)
        rows.actors.append({
            "id": actor.id, "name": actor.name, "type": actor.type, "country": actor.country,
            "sector": actor.sector, "kb_id": actor.kb_id, "first_document": doc_id,
        })
        names = dict.fromkeys(name for name in (actor.name, *actor.aliases) if name and name.strip())
        rows.actor_names.extend({"actor_id": actor.id, "name": name, "folded": fold(name)} for name in names)
        roles = list(dict.fromkeys(role for role in actor.roles if role))
        rows.document_actors.append({
            "document_id": doc_id, "actor_id": actor.id, "ordinal": ordinal, "name": actor.name,
            "type": actor.type, "country": actor.country, "sector": actor.sector, "kb_id": actor.kb_id, "roles": roles,
            "aliases": list(actor.aliases), "mentions": len(actor.mentions),
        })
        rows.actor_roles.extend({"actor_id": actor.id, "document_id": doc_id, "role": role, "date": day} for role in roles)
        for mention in actor.mentions:
            rows.mentions.append({
                "document_id": doc_id, "ordinal": mention_ordinal, "actor_id": actor.id,
                "start_char": mention.start, "end_char": mention.end, "text": mention.text, "kind": mention.kind,
            })
            mention_ordinal += 1

    for ordinal, quote in enumerate(analysis.quotes):
        speaker, cue = quote.speaker_mention, quote.cue
        rows.quotes.append({
            "document_id": doc_id, "ordinal": ordinal, "speaker_id": quote.speaker,
            "speaker_start": speaker.start if speaker else None, "speaker_end": speaker.end if speaker else None,
            "speaker_text": speaker.text if speaker else None,
            "cue_start": cue.start if cue else None, "cue_end": cue.end if cue else None, "cue_text": cue.text if cue else None,
            "cue_type": quote.cue_type, "kind": quote.kind, "text": quote.text,
            "start_char": quote.start, "end_char": quote.end, "confidence": quote.confidence, "date": day,
        })
        inside = dict.fromkeys(row["actor_id"] for row in rows.mentions
                               if row["start_char"] >= quote.start and row["end_char"] <= quote.end)
        rows.quote_actors.extend({"document_id": doc_id, "ordinal": ordinal, "actor_id": actor_id, "date": day}
                                 for actor_id in inside)

    for ordinal, event in enumerate(analysis.events):
        location = event.location or {}
        event_day = first_day(event.date) or day
        rows.events.append({
            "document_id": doc_id, "ordinal": ordinal, "type": event.type, "mode": event.mode,
            "quad_class": event.quad_class, "intensity": event.intensity, "cameo": event.cameo,
            "goldstein": event.goldstein, "negated": bool(event.negated), "modality": event.modality,
            "attributed_to": event.attributed_to, "evidence_start": event.evidence.start,
            "evidence_end": event.evidence.end, "evidence_text": event.evidence.text, "confidence": event.confidence,
            "location_name": _text_or_none(location.get("name")), "lat": _float_or_none(location.get("lat")),
            "lon": _float_or_none(location.get("lon")), "country": _text_or_none(location.get("country")),
            "admin1": _text_or_none(location.get("admin1")), "geonames_id": _int_or_none(location.get("geonames_id")),
            "location": event.location, "date": event.date, "date_precision": event.date_precision,
            "date_source": event.date_source, "day": event_day,
        })
        for role, ids in (("source", event.source), ("target", event.target)):
            for position, actor_id in enumerate(dict.fromkeys(ids)):
                rows.event_actors.append({
                    "document_id": doc_id, "event_ordinal": ordinal, "role": role, "position": position, "actor_id": actor_id,
                })
    rows.edges = edges_of(rows.events, rows.event_actors)

    for ordinal, item in enumerate(analysis.contested):
        first, second = item.events
        rows.contested.append({"document_id": doc_id, "ordinal": ordinal, "event_a": first, "event_b": second, "reason": item.reason})
    rows.places = [{"document_id": doc_id, "ordinal": ordinal, "data": place} for ordinal, place in enumerate(analysis.places)]
    return rows


def rows_hash(rows: AnalysisRows) -> str:
    """A hash of a document's analysis rows: equal for equal analyses (`newsgraph recode`
    rewrites a document only when it changes). The rows are built in a fixed order, so
    their pickle is the same for the same analysis, in "fast" mode (no memo: the bytes
    depend on the values alone, not on which of them are one object); 25 times cheaper
    than sorted JSON. A Python whose pickle differs only makes a recode rewrite documents
    that did not change."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True
    pickler.dump(rows)
    return hashlib.sha256(buffer.getvalue()).hexdigest()


def edges_of(events: list[dict[str, Any]], event_actors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One document's edge counts (table `edges`) from its event rows and their actors:
    every asserted (not negated) event counts once for each pair of a source and a
    target that differ, by day, quad class and type."""
    parties: dict[tuple[int, str], list[str]] = {}
    for row in sorted(event_actors, key=lambda row: (row["event_ordinal"], row["role"], row["position"])):
        parties.setdefault((row["event_ordinal"], row["role"]), []).append(row["actor_id"])
    edges: dict[tuple, dict[str, Any]] = {}
    for event in sorted(events, key=lambda row: row["ordinal"]):
        if event["negated"]:
            continue
        for source in parties.get((event["ordinal"], "source"), ()):
            for target in parties.get((event["ordinal"], "target"), ()):
                if source == target:
                    continue
                key = (source, target, event["day"] or "", event["quad_class"], event["type"])
                edge = edges.get(key)
                if edge is None:
                    edge = edges[key] = {
                        "source_id": source, "target_id": target, "day": key[2], "quad_class": event["quad_class"],
                        "event_type": event["type"], "count": 0, "goldstein_total": 0.0,
                    }
                edge["count"] += 1
                edge["goldstein_total"] += event["goldstein"] or 0.0
    return list(edges.values())


def first_day(date: str | None) -> str | None:
    """The first day of a date of any precision, so that dates sort and filter as days:
    "2023-06" -> "2023-06-01", "2017" -> "2017-01-01"."""
    if not date:
        return None
    if len(date) == 7:
        return f"{date}-01"
    if len(date) == 4:
        return f"{date}-01-01"
    return date[:10]


def fold(name: str) -> str:
    """A name for case- and space-blind comparison."""
    return " ".join(name.casefold().split())


def _text_or_none(value) -> str | None:
    return None if value is None or value == "" else str(value)


def _float_or_none(value) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


def _int_or_none(value) -> int | None:
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None

