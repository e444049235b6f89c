"""Checks of the knowledge-base files that newsgraph ships (src/newsgraph/data/kb/*.yaml).

Uses only PyYAML and the standard library, so that it runs without newsgraph installed.
The record format is described in docs/knowledge-base.md.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

KB_DIR = Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "data" / "kb"
SHIPPED = ["states", "igos", "armed_groups", "agencies", "people", "regions"]

TYPES = {"person", "state", "organization", "armed_group", "igo", "location", "group"}
SECTORS = set(
    "COP GOV JUD LEG MIL PRM PTY REB SPY UAF UNK AGR BUS CRM CVL EDU ELI JRN LAB MED REF OPP PRE REL SOC".split()
)
FIELDS = {
    "id", "name", "type", "country", "sector", "aliases", "acronyms", "demonyms", "capitals",
    "governed_by", "part_of", "roles", "codes", "source",
}
NAME_LISTS = ("aliases", "acronyms", "demonyms", "capitals")
ROLE_FIELDS = {"title", "country", "sector", "from", "to"}
CODE_FIELDS = {"sector", "type", "from", "to"}
GOVERNOR_FIELDS = {"actor", "from", "to"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ISO3 = re.compile(r"^[A-Z]{3}$")


# ---------------------------------------------------------------- loading


def _files() -> list[Path]:
    return sorted(KB_DIR.glob("*.yaml"))


def _load(path: Path) -> list:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@pytest.fixture(scope="module")
def kb() -> dict[str, list[dict]]:
    return {path.stem: _load(path) for path in _files()}


@pytest.fixture(scope="module")
def records(kb) -> list[tuple[str, dict]]:
    return [(stem, record) for stem, recs in kb.items() for record in recs]


@pytest.fixture(scope="module")
def by_id(records) -> dict[str, dict]:
    return {record["id"]: record for _, record in records}


def _comments(path: Path) -> str:
    """All the comment text of a YAML file (everything after a `#` outside quotes, roughly)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        quote = None
        for i, ch in enumerate(line):
            if quote:
                if ch == quote:
                    quote = None
            elif ch in "'\"" and (i == 0 or not line[i - 1].isalnum()):
                quote = ch
            elif ch == "#" and (i == 0 or line[i - 1].isspace()):
                out.append(line[i + 1:])
                break
    return "\n".join(out)


def normalize(name: str) -> str:
    """The matching key described in docs/knowledge-base.md, approximately."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"['\u2019\u2018`ʼ]", "", text)
    text = re.sub(r"[^\w]+", " ", text).replace("_", " ")
    words = text.split()
    joined: list[str] = []
    run = ""
    for word in words:
        if len(word) == 1:
            run += word
            continue
        if run:
            joined.append(run)
            run = ""
        joined.append(word)
    if run:
        joined.append(run)
    return " ".join(joined)


def _date(value, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        raise AssertionError(f"{where}: {value!r} is a timestamp, not a date")
    if isinstance(value, dt.date):
        return value
    assert isinstance(value, str), f"{where}: {value!r} is not a date"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", value), f"{where}: {value!r} is not YYYY-MM-DD"
    return dt.date.fromisoformat(value)


def _period(item: dict, where: str) -> tuple[dt.date | None, dt.date | None]:
    start = _date(item["from"], where) if item.get("from") is not None else None
    end = _date(item["to"], where) if item.get("to") is not None else None
    if start and end:
        assert start < end, f"{where}: from {start} is not before to {end}"
    return start, end


def _overlap(a, b) -> bool:
    (s1, e1), (s2, e2) = a, b
    return (s1 is None or e2 is None or s1 < e2) and (s2 is None or e1 is None or s2 < e1)


# ---------------------------------------------------------------- tests


def test_all_shipped_files_exist():
    names = {path.stem for path in _files()}
    missing = [stem for stem in SHIPPED if stem not in names]
    assert not missing, f"missing KB files: {missing}"


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_file_parses_as_list_of_records(path):
    data = _load(path)
    assert isinstance(data, list) and data, f"{path.name} is not a non-empty YAML list"
    for record in data:
        assert isinstance(record, dict), f"{path.name}: {record!r} is not a mapping"
    assert path.read_text(encoding="utf-8").lstrip().startswith("#"), f"{path.name} has no header comment"


def test_required_fields_and_known_keys(records):
    for stem, record in records:
        where = f"{stem}: {record.get('id')!r}"
        for key in ("id", "name", "type"):
            assert isinstance(record.get(key), str) and record[key].strip(), f"{where}: no {key}"
        unknown = set(record) - FIELDS
        assert not unknown, f"{where}: unknown fields {sorted(unknown)}"


def test_ids_are_slugs_and_unique(records):
    seen: dict[str, str] = {}
    for stem, record in records:
        rid = record["id"]
        assert SLUG.match(rid), f"{stem}: id {rid!r} is not a lowercase slug"
        assert rid not in seen, f"id {rid!r} is in both {seen[rid]} and {stem}"
        seen[rid] = stem


def test_types_sectors_and_countries(records):
    for stem, record in records:
        where = f"{stem}: {record['id']}"
        assert record["type"] in TYPES, f"{where}: type {record['type']!r}"
        sector = record.get("sector")
        assert sector is None or sector in SECTORS, f"{where}: sector {sector!r}"
        country = record.get("country")
        assert country is None or (isinstance(country, str) and ISO3.match(country)), f"{where}: country {country!r}"
        for role in record.get("roles") or []:
            assert set(role) <= ROLE_FIELDS, f"{where}: role fields {sorted(role)}"
            assert isinstance(role.get("title"), str) and role["title"].strip(), f"{where}: role without title"
            assert role.get("sector") is None or role["sector"] in SECTORS, f"{where}: role sector {role.get('sector')!r}"
            rc = role.get("country")
            assert rc is None or (isinstance(rc, str) and ISO3.match(rc)), f"{where}: role country {rc!r}"
        for code in record.get("codes") or []:
            assert set(code) <= CODE_FIELDS, f"{where}: code fields {sorted(code)}"
            assert code.get("sector") is None or code["sector"] in SECTORS, f"{where}: code sector {code.get('sector')!r}"
            assert code.get("type") is None or code["type"] in TYPES, f"{where}: code type {code.get('type')!r}"
        for gov in record.get("governed_by") or []:
            assert set(gov) <= GOVERNOR_FIELDS, f"{where}: governed_by fields {sorted(gov)}"


def test_state_records(kb):
    states = [r for recs in kb.values() for r in recs if r["type"] == "state"]
    assert len(states) >= 193, f"only {len(states)} states"
    codes = defaultdict(list)
    for state in states:
        assert state.get("country") and ISO3.match(state["country"]), f"state {state['id']} has no ISO code"
        codes[state["country"]].append(state["id"])
    dup = {code: ids for code, ids in codes.items() if len(ids) > 1}
    assert not dup, f"ISO codes used by several states: {dup}"


def test_name_lists_are_lists_of_strings(records):
    for stem, record in records:
        for key in NAME_LISTS:
            values = record.get(key)
            if values is None:
                continue
            assert isinstance(values, list), f"{stem}: {record['id']}: {key} is not a list"
            for value in values:
                # Catches YAML 1.1 surprises such as NO -> False or 1e3 -> float.
                assert isinstance(value, str) and value.strip(), f"{stem}: {record['id']}: {key} has {value!r}"
        for key in ("demonyms", "capitals", "governed_by"):
            if record.get(key):
                assert record["type"] == "state", f"{stem}: {record['id']}: {key} on a {record['type']}"


def test_short_names_and_acronyms_are_capitals(records):
    for stem, record in records:
        for value in record.get("acronyms") or []:
            assert any(ch.isupper() for ch in value), f"{record['id']}: acronym {value!r} has no capitals"
        for value in [record["name"], *(record.get("aliases") or [])]:
            if len(normalize(value).replace(" ", "")) <= 2:
                assert value.upper() == value, f"{record['id']}: short name {value!r} must be in capitals"


def test_dates_parse_and_are_ordered(records):
    for stem, record in records:
        for key in ("roles", "codes", "governed_by"):
            for item in record.get(key) or []:
                _period(item, f"{stem}: {record['id']}: {key}")


def test_roles_of_one_title_do_not_overlap(records):
    for stem, record in records:
        by_title = defaultdict(list)
        for role in record.get("roles") or []:
            key = (role["title"].lower(), role.get("country"))
            by_title[key].append(_period(role, f"{record['id']}: {role['title']}"))
        for title, periods in by_title.items():
            for i, a in enumerate(periods):
                for b in periods[i + 1:]:
                    assert not _overlap(a, b), f"{record['id']}: {title[0]!r} periods {a} and {b} overlap"


def test_codes_and_governors_do_not_overlap(records):
    for stem, record in records:
        for key in ("codes", "governed_by"):
            periods = [_period(c, record["id"]) for c in record.get(key) or []]
            for i, a in enumerate(periods):
                for b in periods[i + 1:]:
                    assert not _overlap(a, b), f"{record['id']}: {key} {a} and {b} overlap"


def test_references_exist(records, by_id):
    for stem, record in records:
        for ref in record.get("part_of") or []:
            assert ref in by_id, f"{stem}: {record['id']}: part_of {ref!r} does not exist"
            assert ref != record["id"], f"{record['id']} is part of itself"
        for gov in record.get("governed_by") or []:
            assert gov.get("actor") in by_id, f"{stem}: {record['id']}: governed_by {gov.get('actor')!r} does not exist"


def test_part_of_has_no_cycles(by_id):
    for rid in by_id:
        seen, stack = set(), [rid]
        while stack:
            current = stack.pop()
            for parent in by_id[current].get("part_of") or []:
                assert parent != rid, f"part_of cycle through {rid}"
                if parent not in seen:
                    seen.add(parent)
                    stack.append(parent)


def _claims(record: dict, keys) -> set[str]:
    names = []
    for key in keys:
        if key == "name":
            names.append(record["name"])
        else:
            names.extend(record.get(key) or [])
    return {normalize(n) for n in names if normalize(n)}


def _check_unique(records, keys, label):
    comments = {path.stem: normalize(_comments(path)) for path in _files()}
    owners: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for stem, record in records:
        for name in _claims(record, keys):
            owners[(record["type"], name)].append((stem, record["id"]))
    problems = []
    for (rtype, name), who in owners.items():
        if len(who) < 2:
            continue
        explained = any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", comments[stem]) for stem, _ in who)
        if not explained:
            problems.append(f"{label} {name!r} ({rtype}) claimed by {[rid for _, rid in who]}")
    assert not problems, "\n".join(problems)


def test_no_alias_claimed_twice_within_a_type(records):
    _check_unique(records, ("name", "aliases", "acronyms"), "name")


def test_no_demonym_or_capital_claimed_twice(records):
    states = [(stem, r) for stem, r in records if r["type"] == "state"]
    _check_unique(states, ("demonyms",), "demonym")
    _check_unique(states, ("capitals",), "capital")


def test_no_duplicate_entries_within_a_record(records):
    # acronyms may repeat on purpose ("US" and "U.S." normalize alike): not checked here.
    for stem, record in records:
        for key in ("aliases", "demonyms", "capitals"):
            # an alias may repeat the name with other hyphens or diacritics (a display
            # variant), but two entries of one list should not be the same name
            values = [normalize(v) for v in record.get(key) or []]
            dup = {v for v in values if values.count(v) > 1}
            assert not dup, f"{record['id']}: {key} repeats {sorted(dup)}"


# ---------------------------------------------------------------- spot checks of facts the product relies on


def test_spot_checks(by_id):
    assert by_id["pakistan"]["country"] == "PAK" and "Islamabad" in by_id["pakistan"]["capitals"]
    afg = by_id["afghanistan"]
    assert {g["actor"] for g in afg["governed_by"]} == {"taliban"}
    current = [g for g in afg["governed_by"] if g.get("to") is None]
    assert len(current) == 1 and _date(current[0]["from"], "afghanistan") == dt.date(2021, 8, 15)
    taliban = by_id["taliban"]
    assert taliban["type"] == "armed_group"
    assert {c["sector"] for c in taliban["codes"]} == {"REB", "GOV"}
    assert by_id["islamic-state-khorasan-province"]["part_of"] == ["islamic-state"]
    kakar = by_id["anwaar-ul-haq-kakar"]
    caretaker = [r for r in kakar["roles"] if r["title"] == "caretaker prime minister of Pakistan"]
    assert len(caretaker) == 1
    assert _period(caretaker[0], "kakar") == (dt.date(2023, 8, 14), dt.date(2024, 3, 4))
    assert "US" in by_id["united-states"]["acronyms"]
    assert "Zionist regime" in by_id["israel"]["aliases"]
    assert "TTP" in by_id["tehreek-e-taliban-pakistan"]["acronyms"]
    assert by_id["united-nations-security-council"]["part_of"] == ["united-nations"]
