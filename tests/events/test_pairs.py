"""'The two', 'the two leaders', 'both countries' as event parties (Arguments.pair_at), on
sentences written for these tests."""

from __future__ import annotations


def test_the_two_are_the_two_people_just_named(events_of, one):
    _, events = events_of("Chilean President Gabriel Boric received Peruvian President Dina Boluarte in Santiago. "
                          "The two discussed trade and migration.")
    talks = one(events, "CONSULT")
    assert sorted(talks.source) == sorted(talks.target) == ["dina-boluarte", "gabriel-boric"]


def test_both_leaders_are_the_two_leaders_just_named(events_of, one):
    _, events = events_of("Boric met Boluarte on Monday. Both leaders pledged to reopen the border.")
    assert sorted(one(events, "AGREE").source) == ["boluarte", "boric"]


def test_the_two_countries_take_only_states(events_of, one):
    _, events = events_of("Gabriel Boric visited Lima on Monday and spoke of Peru and Chile. "
                          "The two countries agreed to cooperate on migration.")
    agreement = one(events, "AGREE")
    assert sorted(agreement.source) == ["chile", "peru"]


def test_the_two_with_three_parties_named_stands_for_no_one(events_of):
    _, events = events_of("Chile, Peru and Bolivia sent envoys to the summit. The two countries agreed to cooperate.")
    assert not [e for e in events if sorted(e.source) in (["chile", "peru"], ["bolivia", "peru"], ["bolivia", "chile"])
                and e.type == "AGREE"]
