"""Places: evidence or nothing (texts written for these tests). A person's name, an English
word or compass words alone never resolve to a gazetteer entry; a capital is the city, a
world region no namesake town; real places beside them still resolve."""

from __future__ import annotations

import pytest


def resolved(analysis):
    return {p["text"]: p.get("place") for p in analysis.places}


def place_of(analysis, text):
    return resolved(analysis).get(text)


@pytest.mark.parametrize("text, word, real", [
    ("We trust in God, the cleric told worshippers in Mashhad.", "God", "Mashhad"),
    ("The report was written in English and sent to Kabul.", "English", "Kabul"),
    ("Rebels in the North attacked a convoy near Kandahar.", "North", "Kandahar"),
])
def test_a_common_word_is_no_place_without_place_context(analyzer, text, word, real):
    analysis = analyzer.analyze(text)
    assert place_of(analysis, word) is None
    assert place_of(analysis, real) is not None


def test_a_persons_surname_is_no_place(analyzer):
    analysis = analyzer.analyze("US envoy David Hale met Pakistani officials. Hale said the talks were useful.")
    assert place_of(analysis, "Hale") is None


def test_a_capital_is_the_city(analyzer):
    analysis = analyzer.analyze("Talks in Washington ended without a deal, officials in Kabul said.")
    place = place_of(analysis, "Washington")
    assert place is not None and place["country"] == "USA" and place["feature"] == "city"


def test_a_world_region_is_no_namesake_town(analyzer):
    analysis = analyzer.analyze("Tensions in the Middle East rose after the strike on Baghdad.")
    assert place_of(analysis, "the Middle East") is None
    assert place_of(analysis, "Baghdad")["country"] == "IRQ"


def test_an_english_word_with_place_context_is_a_place(analyzer):
    analysis = analyzer.analyze("Floods hit the town of Independence, Missouri, on Sunday.")
    place = place_of(analysis, "Independence")
    assert place is not None and place["country"] == "USA"


def test_a_person_addressed_with_an_honorific_is_no_place(analyzer):
    analysis = analyzer.analyze("Mr. Castro said in Havana that the embargo must end. Castro spoke for an hour.")
    assert place_of(analysis, "Castro") is None
    assert place_of(analysis, "Havana")["country"] == "CUB"


def test_a_city_spacy_takes_for_a_nationality_is_still_a_place(analyzer):
    analysis = analyzer.analyze("Historic cities such as Aleppo have been reduced to rubble.")
    assert place_of(analysis, "Aleppo")["country"] == "SYR"
