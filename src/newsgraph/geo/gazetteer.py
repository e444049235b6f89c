"""The gazetteer: countries, regions, districts and populated places with their coordinates.

It ships with the package as `newsgraph/data/gazetteer/places.tsv.gz`, derived from
GeoNames (CC BY 4.0) by `scripts/build_gazetteer.py` (see NOTICE). Users may add places
of their own: TSV files with the same columns in `$NEWSGRAPH_HOME/gazetteer/` or in a
folder named by `NEWSGRAPH_GAZETTEER_PATH`; a user's place with the id of a shipped one
replaces it.

Names are matched with the knowledge base's machinery: `kb.names` normalization and a
`kb.base.NameMatcher` keyed by normalized word tuples, so "Dera Ismail Khan",
"Dera Ismail-Khan" and "DERA ISMAIL KHAN" are one key. The compiled form is loaded on
first use and cached on disk like the knowledge base.

```python
from newsgraph.geo import load_gazetteer
gazetteer = load_gazetteer()
[p.name for p in gazetteer.lookup("Hyderabad")]      # the Indian and the Pakistani city, ...
gazetteer.country("AFG").lat
```
"""

from __future__ import annotations

import gzip
import os
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import cache, config
from ..errors import NewsgraphError
from ..kb.base import NameMatcher
from ..kb.names import name_words

COLUMNS = ("id", "name", "names", "feature", "country", "admin1", "lat", "lon", "population")
SHIPPED_FILE = Path(__file__).resolve().parent.parent / "data" / "gazetteer" / "places.tsv.gz"
# Kinds of place, broadest first. admin1: province, state, governorate; admin2: district,
# agency, county; city: any populated place.
FEATURES = ("country", "admin1", "admin2", "city")
CACHE_VERSION = 3
NAN = float("nan")


class GazetteerError(NewsgraphError):
    """A gazetteer file is malformed."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}")


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry."""

    id: str  # the GeoNames id as text, or "iso:<ISO 3166-2 code>", or the user's own id
    name: str
    feature: str  # country | admin1 | admin2 | city
    country: str  # ISO 3166-1 alpha-3
    admin1: str | None  # the first-level region it lies in (itself for an admin1)
    lat: float | None
    lon: float | None
    population: int = 0
    names: tuple[str, ...] = ()  # alternate names

    @property
    def geonames_id(self) -> int | None:
        return int(self.id) if self.id.isdigit() else None

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "geonames_id": self.geonames_id,
            "name": self.name,
            "feature": self.feature,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "population": self.population,
        }


def read_places(path: Path) -> list[Place]:
    """Places from one TSV file (optionally gzipped) with a header naming `COLUMNS`."""
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except (OSError, UnicodeDecodeError, EOFError) as error:
        raise GazetteerError(str(path), f"cannot read the gazetteer file ({error})") from None
    if not lines or tuple(lines[0].split("\t")) != COLUMNS:
        raise GazetteerError(str(path), "the first line must name the columns: " + " ".join(COLUMNS) + " (tab-separated)")
    places = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != len(COLUMNS):
            raise GazetteerError(f"{path}:{number}", f"expected {len(COLUMNS)} tab-separated columns, found {len(cells)}")
        place_id, name, names, feature, country, admin1, lat, lon, population = cells
        if feature not in FEATURES:
            raise GazetteerError(f"{path}:{number}", f"feature {feature!r} is not one of {', '.join(FEATURES)}")
        try:
            places.append(Place(
                id=place_id,
                name=name,
                feature=feature,
                country=country,
                admin1=admin1 or None,
                lat=float(lat) if lat else None,
                lon=float(lon) if lon else None,
                population=int(population or 0),
                names=tuple(n for n in names.split("|") if n),
            ))
        except ValueError as error:
            raise GazetteerError(f"{path}:{number}", f"bad number ({error})") from None
    return places


class PlaceMatcher(NameMatcher):
    """The knowledge base's `NameMatcher` (normalized word tuples, longest match first),
    holding compact payloads: for each name, the row numbers of the places that bear it,
    times two, plus one for an alternate name (`row * 2 + alternate`). Hundreds of thousands
    of names then cost a few ints each instead of an object each."""

    def add_row(self, name: str, row: int, alternate: bool) -> None:
        words = name_words(name)
        if not words:
            return
        if len(words) > 1 and all(len(word) == 1 for word in words):
            words = ("".join(words),)  # "U. S." as the text writes it: "U.S." -> ("us",)
        value = row * 2 + (1 if alternate else 0)
        bucket = self.entries.setdefault(words, [])
        if value in bucket or (alternate and value - 1 in bucket):
            return
        bucket.append(value)
        if len(words) > self.longest.get(words[0], 0):
            self.longest[words[0]] = len(words)


class Gazetteer:
    """Places by id and by name, stored by column (compact to keep and quick to load);
    `Place` objects are made when asked for."""

    def __init__(self, places: Iterable[Place], files: Sequence[Path] = ()):
        self.files = list(files)
        unique: dict[str, Place] = {}
        for place in places:
            unique[place.id] = place  # a later file's place replaces an earlier one's
        self.ids: list[str] = []
        self.names: list[str] = []
        self.features = bytearray()
        self.country_codes: list[str] = []
        self.admin1_names: list[str | None] = []
        self.lats = array("d")
        self.lons = array("d")
        self.populations = array("q")
        self.alternates: list[str] = []
        self.row_of: dict[str, int] = {}
        self.matcher = PlaceMatcher()
        self.countries: dict[str, int] = {}
        self.admin1s: dict[tuple[str, str], int] = {}
        interned: dict[str, str] = {}
        for row, place in enumerate(unique.values()):
            self.ids.append(place.id)
            self.names.append(place.name)
            self.features.append(FEATURES.index(place.feature))
            self.country_codes.append(interned.setdefault(place.country, place.country))
            self.admin1_names.append(interned.setdefault(place.admin1, place.admin1) if place.admin1 else None)
            self.lats.append(place.lat if place.lat is not None else NAN)
            self.lons.append(place.lon if place.lon is not None else NAN)
            self.populations.append(place.population)
            self.alternates.append("|".join(place.names))
            self.row_of[place.id] = row
            self.matcher.add_row(place.name, row, False)
            for name in place.names:
                self.matcher.add_row(name, row, True)
            if place.feature == "country":
                self.countries.setdefault(place.country, row)
            elif place.feature == "admin1":
                self.admin1s.setdefault((place.country, place.name), row)
        self._made: dict[int, Place] = {}

    def __len__(self) -> int:
        return len(self.ids)

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_made"] = {}
        return state

    def place(self, row: int) -> Place:
        """The place in row `row`."""
        made = self._made.get(row)
        if made is None:
            lat, lon = self.lats[row], self.lons[row]
            made = Place(
                id=self.ids[row],
                name=self.names[row],
                feature=FEATURES[self.features[row]],
                country=self.country_codes[row],
                admin1=self.admin1_names[row],
                lat=None if lat != lat else lat,
                lon=None if lon != lon else lon,
                population=self.populations[row],
                names=tuple(n for n in self.alternates[row].split("|") if n),
            )
            self._made[row] = made
        return made

    def get(self, place_id: str | None) -> Place | None:
        row = self.row_of.get(place_id) if place_id else None
        return self.place(row) if row is not None else None

    def lookup(self, name: str) -> list[Place]:
        """Places that bear exactly this name (normalized) as their name or an alternate
        name: countries first, then by population."""
        return self.places_of(self.matcher.lookup(name))

    def places_of(self, values: Iterable[int]) -> list[Place]:
        """The places of matcher payloads, countries first, then by population."""
        best: dict[int, int] = {}
        for value in values:
            row, alternate = divmod(value, 2)
            if row not in best or alternate < best[row]:
                best[row] = alternate
        ordered = sorted(best, key=lambda row: (self.features[row] != 0, -self.populations[row], best[row]))
        return [self.place(row) for row in ordered]

    def country(self, alpha3: str | None) -> Place | None:
        """The country entry of an ISO 3166-1 alpha-3 code."""
        row = self.countries.get(alpha3 or "")
        return self.place(row) if row is not None else None

    def admin1(self, country: str | None, name: str | None) -> Place | None:
        """The first-level region of that name in that country."""
        if not country or not name:
            return None
        row = self.admin1s.get((country, name))
        return self.place(row) if row is not None else None


def gazetteer_files(include_user: bool = True) -> list[Path]:
    """The shipped file, then the user's (`$NEWSGRAPH_HOME/gazetteer/*.tsv[.gz]`,
    `NEWSGRAPH_GAZETTEER_PATH`)."""
    files = [SHIPPED_FILE]
    if include_user:
        folders = [config.data_home() / "gazetteer"]
        extra = os.environ.get("NEWSGRAPH_GAZETTEER_PATH")
        if extra:
            folders.extend(Path(part) for part in extra.split(os.pathsep) if part)
        for folder in folders:
            if folder.is_file():
                files.append(folder)
            elif folder.is_dir():
                files.extend(sorted(p for p in folder.iterdir() if p.name.endswith((".tsv", ".tsv.gz"))))
    return files


def load_gazetteer(include_user: bool = True, use_cache: bool = True) -> Gazetteer:
    """The gazetteer (shipped places plus the user's), compiled once per process."""
    files = gazetteer_files(include_user)
    if not SHIPPED_FILE.is_file():
        raise GazetteerError(str(SHIPPED_FILE), "the shipped gazetteer is missing: reinstall newsgraph, "
                             "or rebuild it with scripts/build_gazetteer.py")
    return _load(tuple(files), use_cache)


@lru_cache(maxsize=2)
def _load(files: tuple[Path, ...], use_cache: bool) -> Gazetteer:
    def build() -> Gazetteer:
        places: list[Place] = []
        for path in files:
            places.extend(read_places(path))
        return Gazetteer(places, files)

    return cache.compiled("gazetteer", files, CACHE_VERSION, build, use_cache)


def place_key(name: str) -> tuple[str, ...]:
    """The matcher key of a place name (kb.names normalization)."""
    return name_words(name)
