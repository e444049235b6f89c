"""The shipped gazetteer: coverage of the places conflict reporting names, lookups, user files."""

import gzip

import pytest

from newsgraph.geo.gazetteer import COLUMNS, Gazetteer, GazetteerError, Place, read_places


@pytest.mark.parametrize("name, feature, country", [
    ("Pakistan", "country", "PAK"),
    ("Afghanistan", "country", "AFG"),
    ("Sindh", "admin1", "PAK"),
    ("Khyber Pakhtunkhwa", "admin1", "PAK"),
    ("Balochistan", "admin1", "PAK"),
    ("Kunar", "admin1", "AFG"),
    ("Kermanshah Province", "admin1", "IRN"),
    ("North Waziristan", "admin2", "PAK"),
    ("South Waziristan", "admin2", "PAK"),
    ("Kupwara District", "admin2", "IND"),
    ("Kurram District", "admin2", "PAK"),
    ("Bajaur", "admin2", "PAK"),
    ("Peshawar", "city", "PAK"),
    ("Quetta", "city", "PAK"),
    ("Miram Shah", "city", "PAK"),
    ("Zahedan", "city", "IRN"),
    ("Deir ez-Zor", "admin1", "SYR"),
])
def test_covers_the_places_conflict_reporting_names(gazetteer, name, feature, country):
    found = gazetteer.lookup(name)
    assert any(p.feature == feature and p.country == country for p in found), [(p.name, p.feature, p.country) for p in found]


def test_entries_carry_id_coordinates_region_population(gazetteer):
    city = next(p for p in gazetteer.lookup("Hyderabad") if p.country == "PAK" and p.feature == "city")
    assert city.geonames_id == 1176734
    assert city.admin1 == "Sindh"
    assert 25 < city.lat < 26 and 68 < city.lon < 69
    assert city.population > 1_000_000
    assert city.to_dict()["geonames_id"] == 1176734


def test_ambiguous_names_give_every_reading(gazetteer):
    countries = {p.country for p in gazetteer.lookup("Hyderabad")}
    assert {"IND", "PAK"} <= countries


def test_names_match_across_spelling_case_and_diacritics(gazetteer):
    assert gazetteer.lookup("KABUL")[0].country == "AFG"
    assert any(p.country == "AFG" for p in gazetteer.lookup("Kābul"))


def test_dotted_abbreviations_match_as_written(gazetteer):
    assert gazetteer.lookup("U.S.")[0].country == "USA"
    assert gazetteer.lookup("UK")[0].country == "GBR"


def test_country_and_region_accessors(gazetteer):
    assert gazetteer.country("AFG").name == "Afghanistan"
    assert gazetteer.admin1("PAK", "Sindh").feature == "admin1"
    assert gazetteer.country("XXX") is None


def test_display_names_drop_transliteration_marks(gazetteer):
    assert gazetteer.country("AFG") is not None
    assert any(p.name == "Kunar" for p in gazetteer.lookup("Kunar"))


def _write(path, rows):
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("\t".join(COLUMNS) + "\n")
        for row in rows:
            handle.write("\t".join(row) + "\n")


def test_user_file_adds_and_replaces_places(tmp_path):
    shipped = tmp_path / "a.tsv.gz"
    user = tmp_path / "b.tsv.gz"
    _write(shipped, [["1", "Alpha", "Alfa", "city", "PAK", "Sindh", "25.0", "68.0", "5000"]])
    _write(user, [["1", "Alpha Town", "", "city", "PAK", "Sindh", "25.1", "68.1", "6000"],
                  ["me:karramal", "Karramal Forest", "Karramal forests", "admin2", "AFG", "Nangarhar", "", "", "0"]])
    gazetteer = Gazetteer(read_places(shipped) + read_places(user))
    assert gazetteer.get("1").name == "Alpha Town"
    assert gazetteer.lookup("Karramal forests")[0].id == "me:karramal"
    assert gazetteer.get("me:karramal").lat is None and gazetteer.get("me:karramal").geonames_id is None


def test_bad_files_are_reported_with_file_and_line(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("\t".join(COLUMNS) + "\n1\tX\t\tvillage\tPAK\t\t1\t2\t3\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"bad.tsv:2: feature 'village'"):
        read_places(bad)
    headless = tmp_path / "headless.tsv"
    headless.write_text("1\tX\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="first line must name the columns"):
        read_places(headless)


def test_place_is_immutable():
    place = Place("1", "X", "city", "PAK", None, 1.0, 2.0)
    with pytest.raises(AttributeError):
        place.name = "Y"
