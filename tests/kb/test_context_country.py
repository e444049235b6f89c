"""Knowledge-base matching with context: a generic body name ("National Assembly",
"Foreign Office") binds to the country its modifier, possessor or sentence names, never to
another country's entry (texts written for these tests)."""

from __future__ import annotations

import pytest


def actor_with(analysis, surface: str):
    found = [a for a in analysis.actors if any(m.text == surface for m in a.mentions)]
    assert len(found) == 1, f"{surface!r}: {[a.id for a in found]}"
    return found[0]


@pytest.mark.parametrize("text", [
    "Kenya's National Assembly passed the bill on Tuesday.",
    "The Kenyan National Assembly passed the bill on Tuesday.",
])
def test_a_possessor_or_demonym_gives_the_body_its_country(analyzer, text):
    actor = actor_with(analyzer.analyze(text), "National Assembly")
    assert actor.country == "KEN"
    assert actor.kb_id is None  # not the National Assembly of Pakistan


def test_the_same_body_of_its_own_country_is_the_known_entry(analyzer):
    analysis = analyzer.analyze("Pakistan's National Assembly met on Monday and Kenya's National Assembly on Friday.")
    ids = {a.kb_id for a in analysis.actors if a.type == "organization"}
    assert "national-assembly-of-pakistan" in ids
    assert any(a.country == "KEN" and a.type == "organization" for a in analysis.actors)


def test_the_sentence_chooses_among_entries_of_several_countries(analyzer):
    analysis = analyzer.analyze("The Foreign Office said Britain would respond to the expulsions.")
    assert actor_with(analysis, "Foreign Office").country == "GBR"
    analysis = analyzer.analyze("The Foreign Office said Pakistan would respond to the expulsions.")
    assert actor_with(analysis, "Foreign Office").country == "PAK"


def test_a_specific_name_keeps_its_entry_whatever_the_possessor(analyzer):
    analysis = analyzer.analyze("Iran's Hezbollah allies fired rockets across the border.")
    assert actor_with(analysis, "Hezbollah").kb_id == "hezbollah"
