"""Negation and modality: asserted, future, hypothetical, historical."""

from __future__ import annotations

import pytest

MODALITY = [
    ("Iran attacked Israel.", "asserted"),
    ("Iran will attack Israel.", "future"),
    ("Iran would attack Israel.", "future"),
    ("Iran could attack Israel.", "future"),
    ("Iran is going to attack Israel.", "future"),
    ("If Iran attacks Israel, the war will spread.", "hypothetical"),
    ("Iran should attack Israel.", "hypothetical"),
    ("Iran attacked Iraq in 1980.", "historical"),
    ("Iran attacked Iraq many years ago.", "historical"),
    ("Iran attacked Iraq last week.", "asserted"),
]


@pytest.mark.parametrize("text,modality", MODALITY)
def test_modality(events_of, text, modality, one):
    _, events = events_of(text)
    assert one(events, "ASSAULT").modality == modality


def test_a_recent_year_is_not_history(events_of, one):
    _, events = events_of("Iran attacked Iraq in 2023.", date="2023-06-01")
    assert one(events, "ASSAULT").modality == "asserted"


def test_without_an_article_date_the_latest_year_mentioned_is_the_reference(events_of, one):
    _, events = events_of("Iran attacked Iraq in 1980. The talks of 2019 failed.", date=None)
    assert one(events, "ASSAULT").modality == "historical"


def test_a_pledge_is_future(events_of, one):
    _, events = events_of("The Taliban pledged not to allow any group to attack Pakistan.")
    pledge = one(events, "AGREE")
    assert pledge.source == ["taliban"] and pledge.modality == "future"
    assert not pledge.negated  # "not" belongs to what is pledged
    assert "pledged not to allow" in pledge.evidence.text


def test_a_cooperative_act_told_as_future_is_an_intent_to_cooperate(events_of, one):
    _, events = events_of("China will cooperate with Pakistan.")
    event = one(events, "AGREE")
    assert event.target == ["pakistan"] and event.modality == "future" and event.cameo == "03"


def test_a_conflict_told_as_future_keeps_its_type(events_of, one):
    _, events = events_of("Iran will attack Israel.")
    assert one(events, "ASSAULT").modality == "future"


@pytest.mark.parametrize("text", ["Pakistan did not attack Afghanistan.", "Pakistan never attacked Afghanistan."])
def test_negation(events_of, text, one):
    _, events = events_of(text)
    assert one(events, "ASSAULT").negated


def test_refusal_negates_what_is_refused(events_of, one):
    _, events = events_of("Iran denied attacking Saudi Arabia.")
    attack = one(events, "ASSAULT")
    assert attack.negated and attack.attributed_to == "iran"


def test_a_year_after_since_is_no_history(events_of, one):
    _, events = events_of("Since 1976, Iran and Iraq have signed agreements.")
    assert one(events, "SUPPORT").modality == "asserted"


# an event noun takes the modality of what it depends on
NOUN_MODALITY = [
    ("The ministers stressed the need for closer cooperation between Chile and Peru.", "COOPERATE", "hypothetical"),
    ("Norway announced its readiness to host talks between Colombia and Venezuela.", "CONSULT", "hypothetical"),
    ("Norway hosted talks between Colombia and Venezuela.", "CONSULT", "asserted"),
    ("Chile and Peru signed a deal on closer cooperation between Chile and Peru in 2001.", "COOPERATE", "historical"),
]


@pytest.mark.parametrize("text,plover_type,modality", NOUN_MODALITY, ids=[c[0][:40] for c in NOUN_MODALITY])
def test_an_event_noun_takes_the_modality_it_depends_on(events_of, text, plover_type, modality):
    _, events = events_of(text, date="2024-06-01")
    found = [e for e in events if e.type == plover_type and len(e.source) == 2]
    assert found and found[0].modality == modality, [(e.type, e.source, e.modality) for e in events]


def test_announcing_readiness_is_an_offer(events_of, one):
    _, events = events_of("Norway announced its readiness to host talks between Colombia and Venezuela.")
    offer = one(events, "AGREE")
    assert offer.source == ["norway"] and sorted(offer.target) == ["colombia", "venezuela"]
    assert offer.modality == "asserted"
