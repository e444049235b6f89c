"""Reading gold files in the format of `shared/eval/FORMAT.md`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import InputError


@dataclass
class GoldActor:
    id: str
    name: str
    type: str | None
    country: str | None
    sector: str | None
    roles: list[str]
    mentions: list[str]


@dataclass
class GoldFile:
    path: Path
    id: str
    text: str
    date: str | None
    actors: list[GoldActor]
    quotes: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    contested: list[list[int]] = field(default_factory=list)

    def actor(self, actor_id: str | None) -> GoldActor | None:
        return next((a for a in self.actors if a.id == actor_id), None)


def load_gold(path: str | Path) -> GoldFile:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(str(path), error.strerror or str(error)) from None
    except yaml.YAMLError as error:
        raise InputError(str(path), f"not valid YAML ({getattr(error, 'problem', error)})") from None
    if not isinstance(data, dict) or "actors" not in data:
        raise InputError(str(path), "not a gold file: expected a mapping with `actors`")
    text_name = data.get("text_file") or path.name.replace(".gold.yaml", ".txt")
    text_path = path.parent / text_name
    try:
        text = text_path.read_text(encoding="utf-8")
    except OSError:
        raise InputError(str(path), f"its text file {text_path} cannot be read") from None
    actors = [
        GoldActor(
            id=str(a["id"]),
            name=str(a.get("name") or a["id"]),
            type=a.get("type"),
            country=a.get("country"),
            sector=a.get("sector"),
            roles=[str(r) for r in a.get("roles") or []],
            mentions=[str(m) for m in a.get("mentions") or []],
        )
        for a in data.get("actors") or []
    ]
    date = data.get("date")
    return GoldFile(
        path=path,
        id=str(data.get("id") or path.stem),
        text=text,
        date=str(date) if date else None,
        actors=actors,
        quotes=list(data.get("quotes") or []),
        events=list(data.get("events") or []),
        contested=[list(pair) for pair in data.get("contested") or []],
    )
