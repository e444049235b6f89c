"""Denials that answer an accusation (event_replies.py), on sentences written for these tests."""

from __future__ import annotations


def _denials(events):
    return [(e.source, e.target) for e in events if e.type == "REJECT"]


def test_a_denial_in_a_relative_clause_on_the_accusation_is_the_accused(events_of):
    # the pronoun may be resolved to the accuser; the denial is the accused's
    _, events = events_of("Peru accused Chile of piracy, which it strongly denied.")
    assert _denials(events) == [(["chile"], ["peru"])]


def test_a_charge_the_accused_denies_is_aimed_at_the_accuser(events_of):
    _, events = events_of("Brazil accused Argentina of dumping steel, a charge it denies.")
    assert _denials(events) == [(["argentina"], ["brazil"])]


def test_a_denial_in_the_next_sentence_answers_the_accuser(events_of):
    _, events = events_of("Bolivia accused Paraguay of smuggling weapons. Paraguay denied the charge on Tuesday.")
    assert _denials(events) == [(["paraguay"], ["bolivia"])]


def test_a_denial_with_no_accusation_before_keeps_no_recipient(events_of):
    _, events = events_of("Paraguay denied the charge on Tuesday.")
    assert _denials(events) == [(["paraguay"], [])]


def test_a_denial_by_someone_not_accused_takes_no_accuser(events_of):
    _, events = events_of("Bolivia accused Paraguay of smuggling weapons. Uruguay denied any role.")
    assert all(target != ["bolivia"] for _, target in _denials(events))


def test_rejecting_the_claims_is_aimed_at_whoever_just_made_them(events_of):
    _, events = events_of("Chile's foreign minister said Peruvian troops had crossed the border. Peru rejected the claims.")
    assert _denials(events) == [(["peru"], ["chile-foreign-minister"])]


def test_rejecting_the_claims_with_no_statement_before_is_no_event(events_of):
    _, events = events_of("Peru rejected the claims on Monday.")
    assert _denials(events) == []


def test_rejecting_claims_said_long_before_takes_no_speaker(events_of):
    _, events = events_of("Chile's foreign minister said Peruvian troops had crossed the border. "
                          "Lima hosted a trade fair on Sunday. Thousands of visitors came. Peru rejected the claims.")
    assert _denials(events) == []
