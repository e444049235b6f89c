"""Reading knowledge-base files (YAML or JSON Lines) into actor records.

A malformed file raises `KnowledgeBaseError` naming the file and the record.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import KnowledgeBaseError
from .records import SECTORS, ActorRecord, Code, Governor, Period, Role

try:  # the C loader is several times faster on large files
    _YamlLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _YamlLoader = yaml.SafeLoader

SHIPPED_DIR = Path(__file__).resolve().parent.parent / "data" / "kb"
KB_SUFFIXES = (".yaml", ".yml", ".jsonl")


@dataclass
class ImportedRecord(ActorRecord):
    """A record as imported (or written by a user) that may say two more things:

    - `weak_aliases`: names kept for people to look the actor up (`newsgraph kb show`,
      `kb search`) but never matched in articles: a lone given name, a kunya, a name made
      of common words. A canonical `name` listed here is not matched either.
    - `overlay`: the record adds its names (and its roles, when the other has none) to the
      actor of the same id defined elsewhere, normally the shipped knowledge base, instead
      of replacing it. File form: `overlay: true`.
    """

    weak_aliases: tuple[str, ...] = ()
    overlay: bool = False


def kb_files(folders: Iterable[Path]) -> list[Path]:
    """The knowledge-base files in these folders (or files), in a stable order."""
    found: list[Path] = []
    for folder in folders:
        folder = Path(folder)
        if folder.is_file():
            found.append(folder)
        elif folder.is_dir():
            found.extend(sorted(p for p in folder.iterdir() if p.suffix in KB_SUFFIXES and p.is_file()))
    return found


def read_file(path: Path) -> Iterator[ActorRecord]:
    """The records of one file."""
    raw_records = _raw_records(path)
    for number, raw in enumerate(raw_records, start=1):
        if not isinstance(raw, dict):
            raise KnowledgeBaseError(str(path), f"record {number} is not a mapping")
        try:
            yield record_from_dict(raw, origin=str(path))
        except (ValueError, TypeError, KeyError) as error:
            label = raw.get("id") or raw.get("name") or f"#{number}"
            raise KnowledgeBaseError(str(path), f"record {label}: {error}") from None


def _raw_records(path: Path) -> list[Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise KnowledgeBaseError(str(path), "not UTF-8 text") from None
    except OSError as error:
        raise KnowledgeBaseError(str(path), error.strerror or str(error)) from None
    if path.suffix == ".jsonl":
        records = []
        for line_number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as error:
                    raise KnowledgeBaseError(f"{path}:{line_number}", f"not valid JSON ({error.msg})") from None
        return records
    try:
        data = yaml.load(text, Loader=_YamlLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise KnowledgeBaseError(where, f"not valid YAML ({getattr(error, 'problem', error)})") from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise KnowledgeBaseError(str(path), "expected a list of actor records")
    return data


def parse_date(value: Any, what: str) -> dt.date | None:
    """ISO dates, also year-month and year (taken as their first day)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int):
        value = str(value)
    text = str(value).strip()
    try:
        if len(text) == 10 and text[4] == "-" and text[7] == "-":
            return dt.date.fromisoformat(text)  # much faster than strptime on large files
        if len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit():
            return dt.date(int(text[:4]), int(text[5:]), 1)
        if len(text) == 4 and text.isdigit():
            return dt.date(int(text), 1, 1)
    except ValueError:
        pass
    raise ValueError(f"{what} {value!r} is not a date (YYYY-MM-DD)")


def _period(raw: dict) -> Period:
    start = parse_date(raw.get("from"), "from")
    end = parse_date(raw.get("to"), "to")
    if start and end and not start < end:
        raise ValueError(f"period from {start} to {end} is empty (`to` is exclusive)")
    return Period(start, end)


def _strings(raw: dict, key: str) -> tuple[str, ...]:
    value = raw.get(key) or ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)):
        raise ValueError(f"{key} must be a list of names")
    return tuple(str(item) for item in value if item is not None and str(item).strip())


def _sector(value: Any) -> str | None:
    if value in (None, ""):
        return None
    if value not in SECTORS:
        raise ValueError(f"sector {value!r} is not a PLOVER sector code")
    return value


def _country(value: Any) -> str | None:
    if value in (None, ""):
        return None
    text = str(value)
    if len(text) != 3 or not text.isalpha() or not text.isupper():
        raise ValueError(f"country {value!r} is not an ISO 3166-1 alpha-3 code")
    return text


def record_from_dict(raw: dict, origin: str = "") -> ActorRecord:
    if not raw.get("id"):
        raise ValueError("missing id")
    if not raw.get("name"):
        raise ValueError("missing name")
    roles = tuple(
        Role(
            title=str(role["title"]),
            country=_country(role.get("country")),
            sector=_sector(role.get("sector")),
            period=_period(role),
        )
        for role in raw.get("roles") or ()
    )
    codes = tuple(
        Code(sector=_sector(code.get("sector")), type=code.get("type"), period=_period(code))
        for code in raw.get("codes") or ()
    )
    governed_by = tuple(
        Governor(actor=str(item["actor"]), period=_period(item)) for item in raw.get("governed_by") or ()
    )
    extra = {}
    record_class = ActorRecord
    if raw.get("weak_aliases") or raw.get("overlay"):
        if not isinstance(raw.get("overlay", False), bool):
            raise ValueError(f"overlay must be true or false, not {raw.get('overlay')!r}")
        record_class = ImportedRecord
        extra = {"weak_aliases": _strings(raw, "weak_aliases"), "overlay": bool(raw.get("overlay"))}
    return record_class(
        id=str(raw["id"]),
        name=str(raw["name"]),
        type=str(raw.get("type") or "organization"),
        country=_country(raw.get("country")),
        sector=_sector(raw.get("sector")),
        aliases=_strings(raw, "aliases"),
        acronyms=_strings(raw, "acronyms"),
        demonyms=_strings(raw, "demonyms"),
        capitals=_strings(raw, "capitals"),
        part_of=_strings(raw, "part_of"),
        roles=roles,
        codes=codes,
        governed_by=governed_by,
        source=raw.get("source"),
        origin=origin,
        **extra,
    )


def record_to_dict(record: ActorRecord) -> dict:
    """The file form of a record (the inverse of `record_from_dict`), without empty fields."""

    def period(p: Period) -> dict:
        out = {}
        if p.start:
            out["from"] = p.start.isoformat()
        if p.end:
            out["to"] = p.end.isoformat()
        return out

    data: dict[str, Any] = {"id": record.id, "name": record.name, "type": record.type}
    for key in ("country", "sector"):
        if getattr(record, key):
            data[key] = getattr(record, key)
    for key in ("aliases", "acronyms", "demonyms", "capitals", "part_of"):
        if getattr(record, key):
            data[key] = list(getattr(record, key))
    if record.roles:
        data["roles"] = [
            {k: v for k, v in {"title": r.title, "country": r.country, "sector": r.sector}.items() if v}
            | period(r.period)
            for r in record.roles
        ]
    if record.codes:
        data["codes"] = [
            {k: v for k, v in {"sector": c.sector, "type": c.type}.items() if v} | period(c.period)
            for c in record.codes
        ]
    if record.governed_by:
        data["governed_by"] = [{"actor": g.actor} | period(g.period) for g in record.governed_by]
    if record.source:
        data["source"] = record.source
    if isinstance(record, ImportedRecord):
        if record.weak_aliases:
            data["weak_aliases"] = list(record.weak_aliases)
        if record.overlay:
            data["overlay"] = True
    return data
