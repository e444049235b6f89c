"""The project's own formats for users' actors: YAML (the record format of
docs/knowledge-base.md) and CSV, one row per actor or per role.

CSV columns (header required; only `name` is required):

    id,name,type,country,sector,aliases,acronyms,demonyms,capitals,part_of,weak_aliases,role,role_country,role_sector,from,to,source

- `aliases`, `acronyms`, `demonyms`, `capitals`, `part_of`, `weak_aliases`: several values
  separated by `|`;
- `role`, `role_country`, `role_sector`, `from`, `to`: one time-scoped role; a person with
  several roles takes several rows with the same `id` (or `name`): later rows add roles and
  names;
- `id` defaults to the slug of the name ("Samar Sadaat" -> `samar-sadaat`, the id the
  actor layer gives an unknown person of that name); `type` defaults to `person`.

Users' names are taken as written (the name rules for imported lists do not apply), but an
actor the shipped knowledge base already has still becomes an overlay of it.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from ...errors import InputError, KnowledgeBaseError
from ..base import KnowledgeBase
from ..loader import ImportedRecord, read_file, record_from_dict
from ..names import slug
from .common import Draft, ImportReport

CSV_COLUMNS = (
    "id", "name", "type", "country", "sector", "aliases", "acronyms", "demonyms", "capitals", "part_of",
    "weak_aliases", "role", "role_country", "role_sector", "from", "to", "source",
)
LIST_COLUMNS = ("aliases", "acronyms", "demonyms", "capitals", "part_of", "weak_aliases")


def _draft_from_record(record) -> Draft:
    return Draft(
        id=record.id, name=record.name, type=record.type, country=record.country, sector=record.sector,
        aliases=list(record.aliases), acronyms=list(record.acronyms),
        weak=list(record.weak_aliases) if isinstance(record, ImportedRecord) else [],
        demonyms=list(record.demonyms), capitals=list(record.capitals), part_of=list(record.part_of),
        roles=list(record.roles), codes=list(record.codes), governed_by=list(record.governed_by), source=record.source,
        overlay=isinstance(record, ImportedRecord) and record.overlay, curated=True,
    )


class YamlImporter:
    format = "yaml"

    def __init__(self, shipped: KnowledgeBase):
        self.shipped = shipped

    def read(self, paths: list[Path], report: ImportReport) -> Iterator[Draft]:
        for path in paths:
            for record in read_file(path):
                report.entries += 1
                draft = _draft_from_record(record)
                draft.origin = str(path)
                yield draft


class CsvImporter:
    format = "csv"

    def __init__(self, shipped: KnowledgeBase):
        self.shipped = shipped

    def read(self, paths: list[Path], report: ImportReport) -> Iterator[Draft]:
        for path in paths:
            yield from self._read(path, report)

    def _read(self, path: Path, report: ImportReport) -> Iterator[Draft]:
        try:
            with open(path, encoding="utf-8-sig", newline="") as handle:
                rows = list(csv.DictReader(handle))
                header = [h.strip() for h in (rows and list(rows[0].keys()) or [])]
        except UnicodeDecodeError:
            raise InputError(str(path), "not UTF-8 text") from None
        except OSError as error:
            raise InputError(str(path), error.strerror or str(error)) from None
        except csv.Error as error:
            raise InputError(str(path), f"not valid CSV ({error})") from None
        if not rows:
            return
        unknown = [h for h in header if h and h not in CSV_COLUMNS]
        if "name" not in header:
            raise InputError(str(path), f"no `name` column (columns: {', '.join(CSV_COLUMNS)})")
        if unknown:
            raise InputError(str(path), f"unknown column {unknown[0]!r} (columns: {', '.join(CSV_COLUMNS)})")
        drafts: dict[str, Draft] = {}
        for number, row in enumerate(rows, start=2):
            row = {key.strip(): (value or "").strip() for key, value in row.items() if key}
            if not any(row.values()):
                continue
            report.entries += 1
            name = row.get("name") or ""
            actor_id = row.get("id") or (slug(name) if name else "")
            previous = drafts.get(actor_id)
            if not name and previous is None:
                raise InputError(f"{path}:{number}", "no name (and no earlier row with this id)")
            raw = {
                "id": actor_id,
                "name": name or previous.name,
                "type": row.get("type") or (previous.type if previous else "person"),
                "country": row.get("country") or None,
                "sector": row.get("sector") or None,
                "source": row.get("source") or None,
            }
            for column in LIST_COLUMNS:
                values = [v.strip() for v in (row.get(column) or "").split("|") if v.strip()]
                if values:
                    raw[column] = values
            if row.get("role"):
                raw["roles"] = [{
                    "title": row["role"], "country": row.get("role_country") or None,
                    "sector": row.get("role_sector") or None, "from": row.get("from") or None, "to": row.get("to") or None,
                }]
            try:
                record = record_from_dict(raw, origin=str(path))
            except (ValueError, TypeError, KeyError) as error:
                raise KnowledgeBaseError(f"{path}:{number}", f"{actor_id}: {error}") from None
            draft = _draft_from_record(record)
            draft.origin = str(path)
            if previous is None:
                drafts[actor_id] = draft
            else:
                previous.absorb(draft)
        yield from drafts.values()
