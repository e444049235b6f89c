"""Classes of constructions from the wide tuning set (dev2), each on sentences written for
these tests: verbs compiled from CAMEO, verbal attacks, reversed roles ("came under fire
from"), the author of what is judged, psych verbs (the sentences that must give one event
are in test_recall.CASES)."""

from __future__ import annotations


def test_a_physical_attack_on_positions_stays_an_assault(events_of, one):
    _, events = events_of("Syrian jets attacked the positions of Turkish troops.")
    assert one(events, "ASSAULT").target == ["turkish-armed-forces"]
    assert not [e for e in events if e.type == "ACCUSE"]


def test_criticism_from_a_state_is_no_shooting(events_of):
    _, events = events_of("The Turkish government came under fire from the European Union on Monday.")
    assert not [e for e in events if e.type == "ASSAULT"]


def test_supporting_a_plan_stays_a_support(events_of, one):
    _, events = events_of("Egypt supported Jordan's plan.")
    assert one(events, "SUPPORT").target == ["jordan"]


def test_fleeing_a_place_is_no_retreat(events_of):
    _, events = events_of("Thousands of Syrians fled Syria.")
    assert not [e for e in events if e.type == "RETREAT"]


def test_a_psych_verb_is_no_act_of_its_subject(events_of):
    # the subject of "shocked" is what shocks, not an actor accusing anyone
    _, events = events_of("The killing of Prime Minister Olof Palme shocked Sweden.")
    assert not [e for e in events if e.type == "ACCUSE"]


def test_no_event_lies_across_a_line_break():
    # a headline the sentence splitter ran into the dateline of the first paragraph
    import spacy

    from newsgraph.extract.event_candidates import Candidate
    from newsgraph.extract.event_lexicon import Trigger
    from newsgraph.extract.events import across_lines

    doc = spacy.blank("en")("Lima rejects claims\n\nLIMA — Dina Boluarte spoke on Monday.")
    trigger = Trigger(("reject",), "REJECT", None, "120", ("obj",))
    dateline = [t.i for t in doc if t.text == "Dina"]
    assert across_lines(doc, Candidate("verb", trigger, 1, [1], ["peru"], ["x"], arg_tokens=[0] + dateline))
    assert not across_lines(doc, Candidate("verb", trigger, 1, [1], ["peru"], ["x"], arg_tokens=[0, 2]))


def test_a_headline_run_into_the_first_line_keeps_the_first_lines_actors(events_of, one):
    _, events = events_of("Lima assures Bogota of support\n\nLIMA — Peru has assured Colombia that it will cooperate.")
    agree = one(events, "AGREE")
    assert agree.source == ["peru"] and agree.target == ["colombia"]


def test_refusing_for_the_future_to_accept_is_a_rejection(events_of, one):
    _, events = events_of("Peru will not accept the proposal made by Chile.")
    reject = one(events, "REJECT")
    assert reject.source == ["peru"] and reject.target == ["chile"]
    assert not [e for e in events if e.type == "AGREE"]


def test_agreeing_to_postpone_a_protest_is_no_threat(events_of):
    # a compiled CAMEO pattern of the infinitive is no evidence of a conflict act
    _, events = events_of("Kenyan opposition leaders agreed to postpone a protest against the government of Uganda.")
    assert not [e for e in events if e.type == "THREATEN"]


def test_a_compiled_commitment_does_not_take_in_its_infinitive(events_of):
    # "decide" is compiled from CAMEO (intent); the easing it decides is the event
    _, events = events_of("Japan decided on Thursday to ease sanctions on North Korea.")
    assert not [e for e in events if e.type == "AGREE"]


def test_denying_someone_entry_restricts_them(events_of, one):
    _, events = events_of("Chile denied three Peruvian ministers entry on Monday.")
    assert one(events, "COERCE").target == ["peru"]
    assert not [e for e in events if e.type == "REJECT"]


def test_the_government_named_again_is_the_recipient(events_of, one):
    _, events = events_of("The Chilean government announced new taxes. Farmers urged the government to cancel the plan.")
    assert one(events, "REQUEST").target == ["chile"]


def test_a_request_made_by_writing_to_someone_goes_to_them(events_of, one):
    _, events = events_of("Peruvian President Dina Boluarte has written to Chilean President Gabriel Boric to request a meeting.")
    request = one(events, "REQUEST")
    assert (request.source, request.target) == (["dina-boluarte"], ["gabriel-boric"])


def test_a_letter_to_someone_demanding_an_act_is_a_request_to_them(events_of, one):
    _, events = events_of("Peru sent a letter to Chile demanding the release of the sailors.")
    assert one(events, "REQUEST").target == ["chile"]


def test_a_request_made_where_no_one_is_addressed_stays_without_recipient(events_of):
    _, events = events_of("Dina Boluarte travelled to the border on Monday to request more troops.")
    assert not [e for e in events if e.type == "REQUEST" and e.target]
