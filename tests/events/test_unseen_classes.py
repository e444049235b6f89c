"""Classes of constructions from the wide tuning set (dev2), each on sentences written for
these tests: verbs compiled from CAMEO, verbal attacks, reversed roles ("came under fire
from"), the author of what is judged, psych verbs."""

from __future__ import annotations

import pytest

# (text, type, sources, targets): the event each sentence must give.
CASES = [
    # a verb only the compiled CAMEO dictionary knows
    ("The Chinese foreign minister chided Japan on Tuesday.", "ACCUSE", ["china"], ["japan"]),
    ("Morocco snubbed Algeria at the summit.", "ACCUSE", ["morocco"], ["algeria"]),
    # a verbal attack: an attack on a view, a decision or a plan, or an attack in words
    ("The Brazilian president attacked Argentina's trade policy in a speech.", "ACCUSE", ["brazil"], ["argentina"]),
    ("Poland attacked the plan proposed by Germany.", "ACCUSE", ["poland"], ["germany"]),
    ("North Korea launched a verbal attack on South Korea.", "ACCUSE", ["north-korea"], ["south-korea"]),
    ("Venezuela hit out at Colombia over the border closure.", "ACCUSE", ["venezuela"], ["colombia"]),
    # the subject is the recipient: "came under fire from"
    ("The Turkish government came under fire from the European Union on Monday.", "ACCUSE", ["european-union"], ["turkey"]),
    ("The Pakistani embassy came under attack from the Taliban.", "ASSAULT", ["taliban"], ["pakistan-embassy"]),
    ("Israeli troops came under rocket fire from Hezbollah.", "ASSAULT", ["hezbollah"], ["israel-defense-forces"]),
    # what is judged stands for its author: its owner, or the agent of the participle
    ("Hamas denied the allegations made by Israel.", "REJECT", ["hamas"], ["israel"]),
    ("Germany expressed its disappointment over Russia's decision.", "ACCUSE", ["germany"], ["russia"]),
    # parties of "between" named by their modifiers
    ("There were clashes between Houthi fighters and Saudi forces.", "ASSAULT",
     ["houthi", "saudi-arabian-armed-forces"], ["houthi", "saudi-arabian-armed-forces"]),
    ("Fighting erupted in pitched battles between Houthi fighters and Saudi forces.", "ASSAULT",
     ["houthi", "saudi-arabian-armed-forces"], ["houthi", "saudi-arabian-armed-forces"]),
    # fleeing an armed group; voting for a candidate; a verb CAMEO spells otherwise
    ("Iraqi soldiers fled from the Islamic State.", "RETREAT", ["iraqi-security-forces"], ["islamic-state"]),
    ("Hundreds of Afghan soldiers crossed the border to escape the Taliban.", "RETREAT", ["afghanistan-military"], ["taliban"]),
    ("Joe Biden voted for Barack Obama in 2008.", "SUPPORT", ["joe-biden"], ["barack-obama"]),
    ("The Pakistani minister lambasted India for its remarks.", "ACCUSE", ["pakistan"], ["india"]),
    # backing an armed group is material aid; the harassed are coerced
    ("Syria supports Hezbollah.", "AID", ["syria"], ["hezbollah"]),
    ("Iran was accused of supporting Hamas.", "AID", ["iran"], ["hamas"]),
    ("Ugandan police harassed Kenyan traders at the border.", "COERCE", ["uganda-police"], ["kenya"]),
    # a gerund on a noun of taking part is done by its owner; collusion is cooperation
    ("Critics questioned the role of Pakistan in arming the Taliban.", "AID", ["pakistan"], ["taliban"]),
    ("Investigators found collusion between the Serbian police and the Chetnik militia.", "COOPERATE",
     ["serbia-police", "chetnik"], ["serbia-police", "chetnik"]),
    # an event noun that names its recipient with "against"
    ("Vietnam's military deployment against China worried observers.", "MOBILIZE", ["vietnam"], ["china"]),
]


@pytest.mark.parametrize("text,plover_type,sources,targets", CASES, ids=[c[0][:40] for c in CASES])
def test_construction(events_of, text, plover_type, sources, targets, one):
    _, events = events_of(text)
    event = one(events, plover_type)
    assert sorted(event.source) == sorted(sources)
    assert sorted(event.target) == sorted(targets)
    assert event.evidence.text and event.evidence.text in text


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
