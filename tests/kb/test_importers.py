"""Each importer on a small file of its format (fixtures/, written for these tests)."""

from __future__ import annotations

import datetime as dt

import pytest

from newsgraph.errors import InputError, KnowledgeBaseError
from newsgraph.kb.importers import import_files, output_name
from newsgraph.kb.importers.common import NamePolicy, initials_match, proper_case, split_acronym
from newsgraph.kb.importers.ofac import person_name
from newsgraph.kb.importers.phoenix import parse_cameo_date, parse_restriction
from newsgraph.kb.loader import read_file

from kb_helpers import read_jsonl


# ---------------------------------------------------------------- helpers


@pytest.mark.parametrize(
    "raw, cased",
    [
        ("ABDUL_RASHID_DOSTUM", "Abdul Rashid Dostum"),
        ("TEHRIK-E TALIBAN PAKISTAN", "Tehrik-e Taliban Pakistan"),
        ("O'BRIEN", "O'Brien"),
        ("JAMA'AT AL-DAWA", "Jama'at al-Dawa"),
        ("NPV ENGINEERING", "NPV Engineering"),
        ("Jund Al Aqsa", "Jund Al Aqsa"),  # already cased: kept
        ("CARL XVI GUSTAF", "Carl XVI Gustaf"),
    ],
)
def test_proper_case(raw, cased):
    assert proper_case(raw) == cased


def test_ofac_person_names_put_the_surname_last():
    assert person_name("AL-QUBAYSI, Abd-al-Munim") == "Abd-al-Munim al-Qubaysi"
    assert person_name("KHAN, Abid") == "Abid Khan"
    assert person_name("TALIBAN") == "Taliban"


def test_acronym_in_brackets_only_when_it_is_one():
    assert split_acronym("TEHRIK-E TALIBAN PAKISTAN (TTP)") == ("TEHRIK-E TALIBAN PAKISTAN", "TTP")
    assert split_acronym("AL-HARAMAIN FOUNDATION (INDONESIA)") == ("AL-HARAMAIN FOUNDATION (INDONESIA)", None)
    assert initials_match("NLB", "Northern Lantern Brigades")
    assert not initials_match("XYZ", "Northern Lantern Brigades")


def test_cameo_dates_follow_petrarch():
    assert parse_cameo_date("011222") == dt.date(2001, 12, 22)
    assert parse_cameo_date("750101") == dt.date(1975, 1, 1)
    assert parse_cameo_date("20080101") == dt.date(2008, 1, 1)
    period = parse_restriction("000101-101231")  # limits inclusive: `to` is the next day
    assert (period.start, period.end) == (dt.date(2000, 1, 1), dt.date(2011, 1, 1))
    assert parse_restriction(">150301").start == dt.date(2015, 3, 1)
    assert parse_restriction("<780427").end == dt.date(1978, 4, 28)
    with pytest.raises(ValueError):
        parse_cameo_date("2004017")
    with pytest.raises(ValueError):
        parse_restriction("101231-000101")


@pytest.mark.parametrize(
    "name, actor_type, verdict",
    [
        ("Karzai", "person", "weak"),  # one word of a person's name
        ("Abu Zarif", "person", "weak"),  # a kunya: one distinctive word
        ("Mullah Orvandi", "person", "weak"),
        ("Orvandi Qasemzada", "person", "strong"),
        ("The Base", "armed_group", "weak"),  # two common words
        ("Organization", "organization", "drop"),  # one common word
        ("Aids", "organization", "drop"),  # a common word's plural
        ("IS", "armed_group", "drop"),  # two letters
        ("كتائب", "armed_group", "drop"),  # not Latin script
        ("People's Liberation Army", "armed_group", "strong"),  # common words, but a long name
        ("Lantern Battalions", "armed_group", "strong"),
    ],
)
def test_name_policy(name, actor_type, verdict):
    assert NamePolicy().judge(name, actor_type)[0] == verdict


def test_output_names_follow_the_source(tmp_path):
    assert output_name("phoenix", tmp_path / "Phoenix.Countries.actors.txt") == "phoenix-countries.jsonl"
    assert output_name("ofac", tmp_path / "alt.csv") == "ofac-sdn.jsonl"
    assert output_name("un", tmp_path / "consolidated_2018.xml") == "un-sanctions.jsonl"
    assert output_name("csv", tmp_path / "My Actors.csv") == "user-my-actors.jsonl"


# ---------------------------------------------------------------- Phoenix


@pytest.fixture(scope="module")
def phoenix(fixtures, tmp_path_factory):
    folder = tmp_path_factory.mktemp("phoenix")
    report = import_files([fixtures / "phoenix_sample.actors.txt"], "phoenix", into=folder)
    return report, read_jsonl(folder / "phoenix-sample.jsonl")


def test_phoenix_people_get_dated_roles_from_codes(phoenix):
    report, records = phoenix
    person = records["phoenix-orvandi-qasemzada"]
    assert person["type"] == "person" and person["country"] == "AFG"
    assert person["sector"] == "ELI"  # the undated default code
    roles = person["roles"]
    assert roles[0] == {"title": "public figure of Afghanistan", "country": "AFG", "sector": "ELI",
                        "from": "1965-01-01", "to": "2000-01-01"}
    # two overlapping GOV ranges of one title become one role
    assert roles[1] == {"title": "government official of Afghanistan", "country": "AFG", "sector": "GOV",
                        "from": "2000-01-01", "to": "2013-01-01"}
    # a surname alone is kept, weak; the title is stripped from "PRESIDENT_QASEMZADA_"
    assert person["weak_aliases"] == ["Qasemzada"]
    assert "aliases" not in person


def test_phoenix_code_less_primaries_share_the_next_codes(phoenix):
    _, records = phoenix
    person = records["phoenix-belin-tarasova"]
    assert person["roles"][0]["title"] == "government official of Russia (education)"
    assert person["roles"][0]["to"] == "2012-05-02"


def test_phoenix_institutions_and_groups(phoenix):
    _, records = phoenix
    police = records["phoenix-zarafshan-river-police"]
    assert (police["type"], police["country"], police["sector"]) == ("organization", "AFG", "COP")
    group = records["phoenix-northern-lantern-brigades"]
    assert (group["type"], group["sector"], group["acronyms"]) == ("armed_group", "REB", ["NLB"])
    ngo = records["phoenix-galaxy-relief-coalition"]
    assert (ngo["type"], ngo["sector"]) == ("organization", "CVL")


def test_phoenix_enriches_shipped_actors_instead_of_duplicating(phoenix, shipped):
    report, records = phoenix
    state = records["afghanistan"]
    assert state["overlay"] is True
    # spellings of the state's name are kept; a city and the demonym are not
    assert "Afganistaan" in state["aliases"] and "Islamic Republic of Afghanistan" in state["aliases"]
    assert "Zarafshan City" not in state.get("aliases", []) and "Afghan" not in state.get("aliases", [])
    assert records["taliban"] == {"id": "taliban", "name": "Taliban", "type": "armed_group",
                                  "aliases": ["Talebaan Movement"], "overlay": True,
                                  "source": records["taliban"]["source"]}
    assert not any(rid.startswith("phoenix-taliban") for rid in records)
    assert report.overlays == 2


def test_phoenix_counts_what_it_skips(phoenix):
    report, _ = phoenix
    assert report.skipped["no code (PETRARCH's null code)"] == 1
    assert sum(n for reason, n in report.skipped.items() if reason.startswith("code with a malformed date")) == 1
    assert report.skipped["place coded as its state (not a name of the state)"] == 1
    assert report.entries == 9


def test_phoenix_agents_file_is_refused(tmp_path):
    agents = tmp_path / "Phoenix.agents.txt"
    agents.write_text("FARMER [~AGR]\nFOREIGN_MINISTER [~GOVFRM]\nTROOP {} [~MIL]\n", encoding="utf-8")
    with pytest.raises(InputError, match="agents dictionary"):
        import_files([agents], "phoenix", into=tmp_path / "out")


# ---------------------------------------------------------------- OFAC


@pytest.fixture(scope="module")
def ofac(fixtures, tmp_path_factory):
    folder = tmp_path_factory.mktemp("ofac")
    files = [fixtures / "ofac_sdn.csv", fixtures / "ofac_alt.csv", fixtures / "ofac_fto.csv"]
    report = import_files(files, "ofac", into=folder)
    return report, read_jsonl(folder / "ofac-sdn.jsonl")


def test_ofac_individuals(ofac):
    _, records = ofac
    person = records["ofac-9001"]
    assert person["name"] == "Orvandi Qasemzada" and person["type"] == "person" and person["country"] == "AFG"
    assert person["aliases"] == ["Orwandi Qasimzada"]
    assert set(person["weak_aliases"]) == {"Abu Zarif", "Orvandi"}
    assert person["roles"] == [{"title": "Director of NORTHERN LANTERN BRIGADES", "country": "AFG"}]
    assert records["ofac-9005"]["country"] == "PRK"  # "Korea, North"


def test_ofac_ftos_are_armed_groups_and_vessels_are_skipped(ofac):
    report, records = ofac
    group = records["ofac-9002"]
    assert (group["type"], group["sector"], group["acronyms"]) == ("armed_group", "REB", ["NLB"])
    assert "Brigades of the Northern Lantern" in group["aliases"]
    assert group["weak_aliases"] == ["The Base"]
    assert "[FTO]" in group["source"]
    assert records["ofac-9003"]["sector"] == "BUS"
    assert "ofac-9004" not in records and report.skipped["vessel (not an actor)"] == 1
    assert records["taliban"]["overlay"] is True  # the shipped Taliban, not a second one


def test_a_name_two_listed_people_share_matches_neither(ofac):
    _, records = ofac
    for rid in ("ofac-9005", "ofac-9006"):
        assert records[rid]["weak_aliases"] == ["Abid Khan"]  # the name itself: never matched


# ---------------------------------------------------------------- UN


def test_un_list(fixtures, tmp_path):
    report = import_files([fixtures / "un_list.xml"], "un", into=tmp_path)
    records = read_jsonl(tmp_path / "un-sanctions.jsonl")
    person = records["un-tai-901"]
    assert person["name"] == "Orvandi Qasemzada" and person["country"] == "AFG"
    assert person["aliases"] == ["Orwandi Qasimzada"]
    assert set(person["weak_aliases"]) == {"Zarif the Engineer", "Abu Zarif"}  # QUALITY Low
    assert records["un-kpi-902"]["name"] == "Selin Varga Dorn" and records["un-kpi-902"]["country"] == "PRK"
    group = records["un-qde-903"]
    assert group["type"] == "armed_group" and group["acronyms"] == ["NLB"]
    # "كتائب الفانوس (Kataib al-Fanus; Lantern Battalions)": the script is dropped, the names kept
    assert {"Kataib al-Fanus", "Lantern Battalions"} <= set(group["aliases"])
    assert records["un-tae-904"]["type"] == "organization" and records["un-tae-904"]["country"] == "PAK"
    assert report.entries == 4


def test_un_refuses_other_xml(tmp_path):
    other = tmp_path / "other.xml"
    other.write_text("<rss><channel/></rss>", encoding="utf-8")
    with pytest.raises(InputError, match="not a UN consolidated sanctions list"):
        import_files([other], "un", into=tmp_path)


# ---------------------------------------------------------------- users' CSV and YAML


def test_user_csv_rows_add_roles_and_names(fixtures, tmp_path):
    report = import_files([fixtures / "users.csv"], "csv", into=tmp_path)
    records = read_jsonl(tmp_path / "user-users.jsonl")
    person = records["samira-tolani"]  # id from the name: the id an article gives her
    assert person["aliases"] == ["Samira Tolany"]
    assert [r["title"] for r in person["roles"]] == ["spokeswoman of the Zarafshan council", "head of the Zarafshan relief office"]
    assert records["zarafshan-council"]["aliases"] == ["Zarafshan Provincial Council"]
    assert records["taliban"]["overlay"] is True and records["taliban"]["aliases"] == ["Talibaan Movement"]
    assert report.overlays == 1 and report.new_actors == 2


def test_user_csv_errors_name_the_line(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,type,country\nSomeone,person,Pakistan\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=r"bad.csv:2: .*country 'Pakistan'"):
        import_files([bad], "csv", into=tmp_path / "out")
    unknown = tmp_path / "unknown.csv"
    unknown.write_text("name,nickname\nSomeone,Sam\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown column 'nickname'"):
        import_files([unknown], "csv", into=tmp_path / "out")


def test_user_yaml_round_trips(fixtures, tmp_path):
    import_files([fixtures / "people.yaml"], "yaml", into=tmp_path)
    imported = {r.id: r for r in read_file(tmp_path / "user-people.jsonl")}
    original = {r.id: r for r in read_file(fixtures / "people.yaml")}
    assert imported.keys() == original.keys()
    for rid, record in original.items():
        assert imported[rid].roles == record.roles and imported[rid].codes == record.codes
        assert imported[rid].aliases == record.aliases and imported[rid].part_of == record.part_of


def test_dry_run_writes_nothing(fixtures, tmp_path):
    report = import_files([fixtures / "un_list.xml"], "un", into=tmp_path, dry_run=True)
    assert report.records == 4 and not list(tmp_path.iterdir())


def test_unknown_format_and_missing_file(fixtures, tmp_path):
    with pytest.raises(InputError, match="unknown import format"):
        import_files([fixtures / "un_list.xml"], "gdelt", into=tmp_path)
    with pytest.raises(InputError, match="no such file"):
        import_files([tmp_path / "absent.xml"], "un", into=tmp_path)
