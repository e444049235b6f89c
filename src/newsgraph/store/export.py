"""Exports: events, quotes and actors as JSON Lines, CSV or Parquet; the actor network as
GraphML or GEXF; a GDELT-style event table.

Tables are read from the store in pages (keyset pagination on the primary key), so an
export's memory does not grow with the corpus. JSON Lines and Parquet keep lists as
lists; CSV joins them with "; ". Parquet and the network formats need the `export` extra
(pyarrow, networkx): `pip install 'newsgraph[export]'`.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from sqlalchemy import func, select, tuple_
from sqlalchemy.engine import Connection

from ..errors import NewsgraphError
from . import schema
from .queries import _attach_event_actors, _date_range

PAGE = 1000
TABLE_FORMATS = ("jsonl", "csv", "parquet")
NETWORK_FORMATS = ("graphml", "gexf")

d, e, q, a, da = schema.documents, schema.events, schema.quotes, schema.actors, schema.document_actors

# Columns of each export: name -> kind ("str", "int", "float", "bool", "list").
EVENT_COLUMNS = {
    "document_id": "str", "ordinal": "int", "day": "str", "date": "str", "date_precision": "str", "date_source": "str",
    "type": "str", "mode": "str", "quad_class": "int", "intensity": "float", "cameo": "str", "goldstein": "float",
    "negated": "bool", "modality": "str", "attributed_to": "str", "attributed_to_name": "str",
    "source_ids": "list", "source_names": "list", "target_ids": "list", "target_names": "list",
    "evidence_text": "str", "evidence_start": "int", "evidence_end": "int", "confidence": "float",
    "location_name": "str", "lat": "float", "lon": "float", "country": "str", "admin1": "str", "geonames_id": "int",
    "title": "str", "publication": "str", "url": "str",
}
QUOTE_COLUMNS = {
    "document_id": "str", "ordinal": "int", "date": "str", "speaker_id": "str", "speaker_name": "str",
    "speaker_text": "str", "kind": "str", "cue_text": "str", "cue_type": "str", "text": "str",
    "start_char": "int", "end_char": "int", "confidence": "float", "title": "str", "publication": "str", "url": "str",
}
ACTOR_COLUMNS = {
    "id": "str", "name": "str", "type": "str", "country": "str", "sector": "str", "kb_id": "str",
    "mentions": "int", "documents": "int", "names": "list", "roles": "list", "first_document": "str",
}
COLUMNS = {"events": EVENT_COLUMNS, "quotes": QUOTE_COLUMNS, "actors": ACTOR_COLUMNS}

GDELT_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
               "Type1Code", "Type2Code", "Type3Code")
GDELT_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS = (
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{name}" for name in GDELT_ACTOR] + [f"Actor2{name}" for name in GDELT_ACTOR]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1Geo_{name}" for name in GDELT_GEO] + [f"Actor2Geo_{name}" for name in GDELT_GEO]
    + [f"ActionGeo_{name}" for name in GDELT_GEO]
    + ["DATEADDED", "SOURCEURL"]
)


class ExportError(NewsgraphError):
    """An export that cannot be written (unknown format, missing library...)."""


# ---------------------------------------------------------------- rows
def event_rows(connection: Connection, since: str | None = None, until: str | None = None) -> Iterator[dict[str, Any]]:
    """Every event with its actors and its document, in (document, position) order."""
    last = None
    while True:
        query = (
            select(e, d.c.title, d.c.source.label("publication"), d.c.url, d.c.ingested_at, func.substr(d.c.text, 1, 2000).label("lead"))
            .select_from(e.join(d, d.c.id == e.c.document_id))
            .where(*_date_range(e.c.day, since, until))
            .order_by(e.c.document_id, e.c.ordinal)
            .limit(PAGE)
        )
        if last is not None:
            query = query.where(tuple_(e.c.document_id, e.c.ordinal) > tuple_(*last))
        page = [dict(row._mapping) for row in connection.execute(query)]
        if not page:
            return
        _attach_event_actors(connection, page)
        for row in page:
            row["source_ids"] = [side["id"] for side in row["source"]]
            row["source_names"] = [side["name"] for side in row["source"]]
            row["target_ids"] = [side["id"] for side in row["target"]]
            row["target_names"] = [side["name"] for side in row["target"]]
            yield row
        last = (page[-1]["document_id"], page[-1]["ordinal"])


def quote_rows(connection: Connection, since: str | None = None, until: str | None = None) -> Iterator[dict[str, Any]]:
    last = None
    speaker = a.alias("speaker")
    while True:
        query = (
            select(q, speaker.c.name.label("speaker_name"), d.c.title, d.c.source.label("publication"), d.c.url)
            .select_from(q.join(d, d.c.id == q.c.document_id).outerjoin(speaker, speaker.c.id == q.c.speaker_id))
            .where(*_date_range(q.c.date, since, until))
            .order_by(q.c.document_id, q.c.ordinal)
            .limit(PAGE)
        )
        if last is not None:
            query = query.where(tuple_(q.c.document_id, q.c.ordinal) > tuple_(*last))
        page = [dict(row._mapping) for row in connection.execute(query)]
        if not page:
            return
        yield from page
        last = (page[-1]["document_id"], page[-1]["ordinal"])


def actor_rows(connection: Connection, since: str | None = None, until: str | None = None) -> Iterator[dict[str, Any]]:
    last = None
    while True:
        counts = (
            select(da.c.actor_id, func.sum(da.c.mentions).label("mentions"), func.count(da.c.document_id).label("documents"))
            .group_by(da.c.actor_id)
        )
        if since or until:
            counts = counts.join(d, d.c.id == da.c.document_id).where(*_date_range(d.c.date, since, until))
        counts = counts.subquery()
        own = [column for column in a.c if column.name not in ("mentions", "documents")]  # the totals of the range instead
        query = select(*own, counts.c.mentions, counts.c.documents).join(counts, counts.c.actor_id == a.c.id).order_by(a.c.id).limit(PAGE)
        if last is not None:
            query = query.where(a.c.id > last)
        page = [dict(row._mapping) for row in connection.execute(query)]
        if not page:
            return
        ids = [row["id"] for row in page]
        names: dict[str, list[str]] = {}
        for actor_id, name in connection.execute(
            select(schema.actor_names.c.actor_id, schema.actor_names.c.name)
            .where(schema.actor_names.c.actor_id.in_(ids)).order_by(schema.actor_names.c.actor_id, schema.actor_names.c.name)
        ):
            names.setdefault(actor_id, []).append(name)
        roles: dict[str, list[str]] = {}
        ar = schema.actor_roles
        for actor_id, role in connection.execute(
            select(ar.c.actor_id, ar.c.role).where(ar.c.actor_id.in_(ids)).distinct().order_by(ar.c.actor_id, ar.c.role)
        ):
            roles.setdefault(actor_id, []).append(role)
        for row in page:
            row["names"] = names.get(row["id"], [])
            row["roles"] = roles.get(row["id"], [])
            yield row
        last = page[-1]["id"]


ROWS = {"events": event_rows, "quotes": quote_rows, "actors": actor_rows}


# ---------------------------------------------------------------- table files
def export_table(connection: Connection, kind: str, output: IO | str | Path, fmt: str, *,
                 since: str | None = None, until: str | None = None) -> int:
    """Write one kind of rows ("events", "quotes", "actors") as `fmt`; the number of rows."""
    if kind not in COLUMNS:
        raise ExportError(f"cannot export {kind!r}: choose one of {', '.join(COLUMNS)}")
    if fmt not in TABLE_FORMATS:
        raise ExportError(f"unknown format {fmt!r} for {kind}: choose one of {', '.join(TABLE_FORMATS)}")
    columns = COLUMNS[kind]
    rows = (_project(row, columns) for row in ROWS[kind](connection, since, until))
    if fmt == "parquet":
        return _write_parquet(rows, columns, output)
    with _text_output(output) as stream:
        if fmt == "jsonl":
            count = 0
            for row in rows:
                stream.write(json.dumps(row, ensure_ascii=False) + "\n")
                count += 1
            return count
        writer = csv.DictWriter(stream, fieldnames=list(columns))
        writer.writeheader()
        count = 0
        for row in rows:
            writer.writerow({key: "; ".join(value) if isinstance(value, list) else value for key, value in row.items()})
            count += 1
        return count


def _project(row: dict[str, Any], columns: dict[str, str]) -> dict[str, Any]:
    out = {}
    for name, kind in columns.items():
        value = row.get(name)
        if value is None:
            out[name] = [] if kind == "list" else None
        elif kind == "bool":
            out[name] = bool(value)
        elif kind == "int":
            out[name] = int(value)
        elif kind == "float":
            out[name] = float(value)
        else:
            out[name] = value if kind == "list" else str(value)
    return out


def _write_parquet(rows: Iterator[dict[str, Any]], columns: dict[str, str], output) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ModuleNotFoundError:
        raise ExportError("Parquet export needs pyarrow: pip install 'newsgraph[export]'") from None
    if not isinstance(output, (str, Path)):
        raise ExportError("Parquet is binary: give an output file with -o FILE")
    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(), "list": pa.list_(pa.string())}
    arrow_schema = pa.schema([(name, types[kind]) for name, kind in columns.items()])
    count = 0
    with pq.ParquetWriter(str(output), arrow_schema) as writer:
        page: list[dict[str, Any]] = []
        for row in rows:
            page.append(row)
            if len(page) >= PAGE:
                writer.write_table(pa.Table.from_pylist(page, schema=arrow_schema))
                count += len(page)
                page = []
        if page or count == 0:
            writer.write_table(pa.Table.from_pylist(page, schema=arrow_schema))
            count += len(page)
    return count


class _text_output:
    """A text stream for a path (opened and closed here) or an open stream (left open)."""

    def __init__(self, output):
        self.output = output
        self.stream = None

    def __enter__(self) -> IO:
        if isinstance(self.output, (str, Path)):
            self.stream = open(self.output, "w", encoding="utf-8", newline="")
            return self.stream
        return self.output

    def __exit__(self, *_exc) -> None:
        if self.stream is not None:
            self.stream.close()


# ---------------------------------------------------------------- the network
def network(connection: Connection, *, since: str | None = None, until: str | None = None, min_count: int = 1):
    """The actor network as a networkx DiGraph: a node per actor in an edge, an edge per
    (source, target) with `weight` (events), `goldstein` (sum), counts per quad class and
    the first and last day."""
    try:
        import networkx as nx
    except ModuleNotFoundError:
        raise ExportError("network export needs networkx: pip install 'newsgraph[export]'") from None
    edges = schema.edges
    graph = nx.DiGraph()
    query = select(edges).where(*_date_range(edges.c.day, since, until)).order_by(*edges.primary_key.columns)
    for row in connection.execute(query):
        key = (row.source_id, row.target_id)
        if not graph.has_edge(*key):
            graph.add_edge(*key, weight=0, goldstein=0.0, first_day="", last_day="",
                           quad1=0, quad2=0, quad3=0, quad4=0, quad0=0)
        data = graph.edges[key]
        data["weight"] += row.count
        data["goldstein"] += row.goldstein_total
        quad = f"quad{row.quad_class}" if row.quad_class in (0, 1, 2, 3, 4) else "quad0"
        data[quad] += row.count
        if row.day:
            data["first_day"] = min(data["first_day"] or row.day, row.day)
            data["last_day"] = max(data["last_day"], row.day)
    graph.remove_edges_from([key for key, data in graph.edges.items() if data["weight"] < min_count])
    graph.remove_nodes_from([node for node in list(graph.nodes) if graph.degree(node) == 0])
    nodes = sorted(graph.nodes)
    for start in range(0, len(nodes), 500):
        chunk = nodes[start : start + 500]
        counts = dict(connection.execute(
            select(da.c.actor_id, func.sum(da.c.mentions)).where(da.c.actor_id.in_(chunk)).group_by(da.c.actor_id)
        ).all())
        for row in connection.execute(select(a).where(a.c.id.in_(chunk))):
            graph.nodes[row.id].update(
                {key: value for key, value in {
                    "label": row.name, "type": row.type, "country": row.country, "sector": row.sector,
                    "kb_id": row.kb_id, "mentions": int(counts.get(row.id) or 0),
                }.items() if value is not None}
            )
    for node in nodes:  # an actor id an event named but the actor layer did not list
        graph.nodes[node].setdefault("label", node)
    return graph


def export_network(connection: Connection, output: str | Path, fmt: str, **options) -> tuple[int, int]:
    """Write the network as GraphML or GEXF; (nodes, edges)."""
    if fmt not in NETWORK_FORMATS:
        raise ExportError(f"unknown network format {fmt!r}: choose one of {', '.join(NETWORK_FORMATS)}")
    graph = network(connection, **options)
    import networkx as nx

    if fmt == "graphml":
        nx.write_graphml(graph, str(output))
    else:
        nx.write_gexf(graph, str(output))
    return graph.number_of_nodes(), graph.number_of_edges()


# ---------------------------------------------------------------- GDELT
def gdelt_rows(connection: Connection, since: str | None = None, until: str | None = None) -> Iterator[dict[str, Any]]:
    """GDELT 2.0 event-table rows (61 columns, see docs/corpus.md for what is filled):
    one row per (source actor, target actor) pair of each event that is not negated."""
    actors: dict[str, dict[str, Any]] = {}
    copies: dict[str, tuple[int, int]] = {}
    for row in event_rows(connection, since, until):
        if row["negated"]:
            continue
        doc_id = row["document_id"]
        if doc_id not in copies:
            copies.clear()  # rows come document by document
            copies[doc_id] = _copies(connection, doc_id)
        articles, sources = copies[doc_id]
        ids = set(row["source_ids"]) | set(row["target_ids"])
        missing = sorted(ids - actors.keys())
        if missing:
            if len(actors) > 50_000:
                actors.clear()
            for actor in connection.execute(select(a).where(a.c.id.in_(missing))):
                actors[actor.id] = dict(actor._mapping)
        for i, source in enumerate(row["source_ids"] or [None]):
            for j, target in enumerate(row["target_ids"] or [None]):
                if source is not None and source == target:
                    continue
                yield _gdelt_row(row, i, j, actors.get(source) if source else None,
                                 actors.get(target) if target else None, articles, sources)


def _copies(connection: Connection, doc_id: str) -> tuple[int, int]:
    """(articles, distinct publications) among a document and its duplicates."""
    rows = connection.execute(select(d.c.source).where((d.c.id == doc_id) | (d.c.duplicate_of == doc_id))).all()
    return len(rows), len({row[0] or doc_id for row in rows})


def _gdelt_row(event: dict[str, Any], i: int, j: int, first: dict | None, second: dict | None, articles: int, sources: int) -> dict[str, Any]:
    out: dict[str, Any] = {column: "" for column in GDELT_COLUMNS}
    digest = hashlib.sha1(f"{event['document_id']}\x00{event['ordinal']}\x00{i}\x00{j}".encode()).hexdigest()
    out["GLOBALEVENTID"] = int(digest[:15], 16)
    day = _parse_day(event["day"])
    if day:
        out["SQLDATE"] = int(day.strftime("%Y%m%d"))
        out["MonthYear"] = int(day.strftime("%Y%m"))
        out["Year"] = day.year
        out["FractionDate"] = round(day.year + day.timetuple().tm_yday / 365, 4)
    for prefix, actor in (("Actor1", first), ("Actor2", second)):
        if actor is None:
            continue
        country, sector = actor.get("country") or "", actor.get("sector") or ""
        out[f"{prefix}Code"] = f"{country}{sector}"
        out[f"{prefix}Name"] = (actor.get("name") or "").upper()
        out[f"{prefix}CountryCode"] = country
        out[f"{prefix}Type1Code"] = sector
    lead_end = (event.get("lead") or "").find("\n")
    out["IsRootEvent"] = int(lead_end < 0 or event["evidence_start"] < lead_end)
    cameo = event.get("cameo") or ""
    out["EventCode"], out["EventBaseCode"], out["EventRootCode"] = cameo, cameo[:3], cameo[:2]
    out["QuadClass"] = event["quad_class"] if event["quad_class"] is not None else ""
    out["GoldsteinScale"] = event["goldstein"] if event["goldstein"] is not None else ""
    out["NumMentions"] = articles
    out["NumSources"] = sources
    out["NumArticles"] = articles
    if event.get("lat") is not None or event.get("country") or event.get("location_name"):
        out["ActionGeo_Type"] = 4 if event.get("lat") is not None and event.get("location_name") else (5 if event.get("admin1") else 1)
        out["ActionGeo_FullName"] = event.get("location_name") or ""
        out["ActionGeo_CountryCode"] = event.get("country") or ""
        out["ActionGeo_ADM1Code"] = event.get("admin1") or ""
        out["ActionGeo_Lat"] = event["lat"] if event.get("lat") is not None else ""
        out["ActionGeo_Long"] = event["lon"] if event.get("lon") is not None else ""
        out["ActionGeo_FeatureID"] = event["geonames_id"] if event.get("geonames_id") is not None else ""
    added = _parse_time(event.get("ingested_at"))
    out["DATEADDED"] = int(added.strftime("%Y%m%d%H%M%S")) if added else ""
    out["SOURCEURL"] = event.get("url") or event["document_id"]
    return out


def export_gdelt(connection: Connection, output: IO | str | Path, *, header: bool = True, since: str | None = None,
                 until: str | None = None) -> int:
    """Write the GDELT-style table as tab-separated text (GDELT's own files have no header:
    `header=False`)."""
    count = 0
    with _text_output(output) as stream:
        writer = csv.writer(stream, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        if header:
            writer.writerow(GDELT_COLUMNS)
        for row in gdelt_rows(connection, since, until):
            writer.writerow([row[column] for column in GDELT_COLUMNS])
            count += 1
    return count


def _parse_day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _parse_time(value: str | None) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(value) if value else None
    except ValueError:
        return None
