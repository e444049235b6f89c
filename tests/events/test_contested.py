"""Contested claims: the contradiction test over two events, within and across articles."""

from __future__ import annotations

from newsgraph.extract.contested import actor_type, contradiction, find_contested
from newsgraph.model import Event, Span

QUADS = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "COOPERATE": 2, "AID": 2, "REQUEST": 3, "ACCUSE": 3,
         "REJECT": 3, "ASSAULT": 4, "COERCE": 4}
ACTORS = {"taliban": "armed_group", "ttp": ("armed_group", "REB"), "daesh": "armed_group", "unsc": "igo",
          "pakistan": "state", "iran": "state", "israel": "state", "analyst": "person", "saudi": "state"}


def event(plover_type, source, target, attributed_to=None, negated=False, modality="asserted"):
    return Event(source=list(source), target=list(target), type=plover_type, mode=None, quad_class=QUADS[plover_type],
                 intensity=0.0, cameo=None, goldstein=None, negated=negated, modality=modality,
                 attributed_to=attributed_to, evidence=Span(0, 0, ""))


def test_downplaying_against_a_report_about_the_same_party():
    downplay = event("REJECT", ["taliban"], ["daesh"])
    report = event("ACCUSE", ["unsc"], ["daesh"])
    assert contradiction(downplay, report, ACTORS)
    assert contradiction(report, downplay, ACTORS)  # either order


def test_denial_against_an_accusation():
    accusation = event("ACCUSE", ["israel"], ["iran"])
    assert contradiction(accusation, event("REJECT", ["iran"], []), ACTORS)
    assert contradiction(accusation, event("REJECT", ["iran"], ["israel"]), ACTORS)
    # a rejection of something else by the accused is no answer to the accusation
    assert contradiction(accusation, event("REJECT", ["iran"], ["pakistan"]), ACTORS) is None
    # the accuser cannot contest itself
    assert contradiction(accusation, event("REJECT", ["israel"], []), ACTORS) is None


def test_denial_against_a_claim_of_what_the_denier_did():
    claim = event("ASSAULT", ["iran"], ["saudi"], attributed_to="israel")
    assert contradiction(event("REJECT", ["iran"], []), claim, ACTORS)
    # the reporter's own narration is nobody's claim
    narrated = event("ASSAULT", ["iran"], ["saudi"])
    assert contradiction(event("REJECT", ["iran"], []), narrated, ACTORS) is None


def test_a_pledge_against_a_claim_of_support_for_an_armed_group():
    pledge = event("AGREE", ["taliban"], [], modality="future")
    training = event("AID", ["pakistan", "taliban"], ["ttp"], attributed_to="analyst")
    assert contradiction(pledge, training, ACTORS)
    # fighting an armed group does not contradict a pledge against armed groups
    fighting = event("ASSAULT", ["taliban"], ["daesh"], attributed_to="analyst")
    assert contradiction(pledge, fighting, ACTORS) is None
    # aid to a state is not support for an armed group
    assert contradiction(pledge, event("AID", ["taliban"], ["pakistan"], attributed_to="analyst"), ACTORS) is None


def test_opposite_claims_about_the_same_event():
    happened = event("ASSAULT", ["iran"], ["saudi"], attributed_to="israel")
    did_not = event("ASSAULT", ["iran"], ["saudi"], attributed_to="pakistan", negated=True)
    assert contradiction(happened, did_not, ACTORS)
    cooperation = event("COOPERATE", ["iran"], ["saudi"], attributed_to="pakistan")
    assert contradiction(happened, cooperation, ACTORS)
    same_teller = event("ASSAULT", ["iran"], ["saudi"], attributed_to="israel", negated=True)
    assert contradiction(happened, same_teller, ACTORS) is None


def test_unrelated_events_do_not_contradict():
    assert contradiction(event("SUPPORT", ["iran"], ["pakistan"]), event("ACCUSE", ["israel"], ["saudi"]), ACTORS) is None
    assert contradiction(event("REJECT", ["taliban"], ["daesh"]), event("ACCUSE", ["taliban"], ["daesh"]), ACTORS) is None


def test_actor_forms():
    from newsgraph.model import Actor

    assert actor_type(Actor(id="x", name="X", type="armed_group")) == "armed_group"
    assert actor_type(("state", "GOV")) == "state"
    assert actor_type("igo") == "igo"
    assert actor_type(None) is None
    # without actor information the armed-group rules cannot fire, the others still do
    assert contradiction(event("REJECT", ["taliban"], ["daesh"]), event("ACCUSE", ["unsc"], ["daesh"])) is not None


def test_find_contested_indexes_pairs_in_order():
    events = [event("SUPPORT", ["iran"], ["pakistan"]), event("ACCUSE", ["unsc"], ["daesh"]), event("REJECT", ["taliban"], ["daesh"])]
    pairs = find_contested(events, ACTORS)
    assert [p.events for p in pairs] == [(1, 2)]
    assert "taliban" in pairs[0].reason


def test_contested_in_an_article(analyzer):
    analysis = analyzer.analyze("Israel accused Iran of attacking the ships on Monday. Iran denied the accusations.")
    types = [e.type for e in analysis.events]
    assert len(analysis.contested) == 1
    i, j = analysis.contested[0].events
    assert {types[i], types[j]} == {"ACCUSE", "REJECT"}
    assert analysis.to_dict()["contested"][0]["events"] == [i, j]
