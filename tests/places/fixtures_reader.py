"""Reading the annotated place fixtures (tests/places/fixtures/*.yaml) and scoring the place
stage's output against them. Used by test_resolution.py and bench/bench_places.py.

Each fixture: `date`, `text` (written by the project), and `places`: annotated mentions,
each `{text, occurrence (1 = first, the default), ...expected}` where expected is any of
`country` (ISO alpha-3), `name`, `admin1`, `feature`, or `unresolved: true`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml


@dataclass
class Annotated:
    name: str
    text: str
    date: str | None
    places: list[dict]


@dataclass
class Result:
    total: int = 0
    found: int = 0
    correct: int = 0
    misses: list[str] = field(default_factory=list)


def read_fixtures(folder: Path | str) -> list[Annotated]:
    out = []
    for path in sorted(Path(folder).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        date = data.get("date")
        out.append(Annotated(path.stem, data["text"], str(date) if date else None, list(data.get("places") or [])))
    return out


def offsets(text: str, phrase: str, occurrence: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = text.find(phrase, start + 1)
        if start < 0:
            raise ValueError(f"{phrase!r} occurs fewer than {occurrence} times")
    return start, start + len(phrase)


def matches(expected: dict, place: dict | None) -> bool:
    if expected.get("unresolved"):
        return place is None
    if place is None:
        return False
    for key in ("country", "name", "admin1", "feature"):
        if key in expected and place.get(key) != expected[key]:
            return False
    return True


def score_resolution(article: Annotated, places: list[dict]) -> Result:
    result = Result()
    for expected in article.places:
        start, end = offsets(article.text, expected["text"], expected.get("occurrence", 1))
        result.total += 1
        hit = next((p for p in places if p["start"] < end and start < p["end"]), None)
        if hit is None:
            result.misses.append(f"{expected['text']!r} not detected")
            continue
        result.found += 1
        if matches(expected, hit["place"]):
            result.correct += 1
        else:
            got = hit["place"]
            shown = f"{got['name']} ({got['feature']}, {got['admin1']}, {got['country']})" if got else "unresolved"
            result.misses.append(f"{expected['text']!r} -> {shown}, expected {expected}")
    return result
