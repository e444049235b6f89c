"""Constructions added to raise recall (texts written for these tests): recipients named
through what they own or where they are, prepositions on the object, requests in what a
speaker says, and the lexicon rows that go with them."""

from __future__ import annotations

import pytest

# (text, type, sources, targets): the event each sentence must give.
CASES = [
    # a recipient named through its holder: "the president of X", "positions belonging to X"
    ("Turkey offered to negotiate with the president of Armenia.", "AGREE", ["turkey"], ["armenia"]),
    ("Israel bombed positions belonging to Hezbollah.", "ASSAULT", ["israel"], ["hezbollah"]),
    # a preposition slot on the direct object
    ("Russia threatened further action against Georgia.", "THREATEN", ["russia"], ["georgia"]),
    ("Pakistan demanded compensation from India.", "REQUEST", ["pakistan"], ["india"]),
    # the place of an act done to people or a site no actor names
    ("The Taliban attacked an army base in Kandahar province.", "ASSAULT", ["taliban"], ["kandahar-province"]),
    ("Boko Haram killed 40 villagers in Nigeria.", "ASSAULT", ["boko-haram"], ["nigeria"]),
]


@pytest.mark.parametrize("text,plover_type,sources,targets", CASES, ids=[c[0][:40] for c in CASES])
def test_construction(events_of, text, plover_type, sources, targets, one):
    _, events = events_of(text)
    event = one(events, plover_type)
    assert sorted(event.source) == sorted(sources)
    assert sorted(event.target) == sorted(targets)
    assert event.evidence.text and event.evidence.text in text


def test_an_unnamed_abstract_object_has_no_place_recipient(events_of):
    # only people and sites (event_place_objects.txt) take the place as their stand-in
    _, events = events_of("Germany and France pledged money to fight the epidemic in Liberia.")
    assert not [e for e in events if e.type == "ASSAULT"]


def test_a_place_recipient_is_less_sure_than_a_named_one(events_of, one):
    _, named = events_of("The Taliban attacked Pakistani soldiers.")
    _, placed = events_of("The Taliban attacked an army base in Kandahar province.")
    assert one(placed, "ASSAULT").confidence < one(named, "ASSAULT").confidence


def test_what_a_party_must_do_is_the_speakers_request(events_of, one):
    analysis, events = events_of("Foreign Minister Javad Zarif said that Israel must withdraw its troops from Syria.")
    request = one(events, "REQUEST")
    assert request.target == ["israel"] and request.attributed_to is None
    speaker = analysis.actor(request.source[0])
    assert speaker is not None and "Zarif" in speaker.name
    assert not [e for e in events if e.type == "RETREAT"]  # the withdrawal has not happened


def test_a_joint_should_clause_with_the_speakers_own_state_is_also_an_intent(events_of):
    text = "Iranian President Hassan Rouhani said that regional countries, especially Iran and Pakistan, should cooperate."
    _, events = events_of(text)
    types = sorted(e.type for e in events)
    assert "REQUEST" in types and "COOPERATE" in types
    request = next(e for e in events if e.type == "REQUEST")
    assert "iran" not in request.target
