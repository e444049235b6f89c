"""Events from texts written for these tests: each construction the event stage handles."""

from __future__ import annotations

import pytest

# (text, type, sources, targets): the event each sentence must give, exactly.
CASES = [
    # verbal events
    ("Pakistan condemned the Taliban on Monday.", "ACCUSE", ["pakistan"], ["taliban"]),
    ("Iran urged Pakistan to close the border.", "REQUEST", ["iran"], ["pakistan"]),
    ("China welcomed Russia's engagement with India.", "SUPPORT", ["china"], ["russia"]),
    ("Iran expressed concern over Israel's policies.", "ACCUSE", ["iran"], ["israel"]),
    ("Iran pledged to support Afghanistan.", "AGREE", ["iran"], ["afghanistan"]),
    ("Pakistan denied the charges.", "REJECT", ["pakistan"], []),
    # material events
    ("Pakistan attacked the TTP in the north.", "ASSAULT", ["pakistan"], ["tehreek-e-taliban-pakistan"]),
    ("Iran trained Hezbollah.", "AID", ["iran"], ["hezbollah"]),
    ("Iran arrested members of Jaish al-Adl.", "COERCE", ["iran"], ["jaish-al-adl"]),
    ("Russia deployed troops to Syria.", "MOBILIZE", ["russia"], ["syria"]),
    ("Israel killed a Hamas commander.", "ASSAULT", ["israel"], ["hamas"]),
    ("Iran sanctioned Britain.", "SANCTION", ["iran"], ["united-kingdom"]),
    # joint and reciprocal actors
    ("Iran and Pakistan signed an agreement.", "SUPPORT", ["iran", "pakistan"], ["iran", "pakistan"]),
    ("Pakistan and the Taliban cooperate against Daesh.", "COOPERATE", ["pakistan", "taliban"], ["pakistan", "taliban"]),
    ("Pakistan and China have urged Afghanistan to join the talks.", "REQUEST", ["pakistan", "china"], ["afghanistan"]),
    # passives
    ("Iran was attacked by Israel.", "ASSAULT", ["israel"], ["iran"]),
    # nominal events
    ("The attack on Pakistan by the TTP drew wide condemnation.", "ASSAULT", ["tehreek-e-taliban-pakistan"], ["pakistan"]),
    ("During his visit to China, Imran Khan praised the Chinese people.", "CONSULT", ["imran-khan"], ["china"]),
]


@pytest.mark.parametrize("text,plover_type,sources,targets", CASES, ids=[c[0][:40] for c in CASES])
def test_construction(events_of, text, plover_type, sources, targets, one):
    _, events = events_of(text)
    event = one(events, plover_type)
    assert sorted(event.source) == sorted(sources)
    assert sorted(event.target) == sorted(targets)
    assert event.attributed_to is None  # the reporter tells it
    assert event.evidence.text and event.evidence.text in text


def test_nominal_cooperation_and_the_fight_it_is_for(events_of, one):
    text = "Kakar highlighted the cooperation between Pakistan and China in fighting the TTP."
    _, events = events_of(text)
    cooperation = one(events, "COOPERATE")
    assert sorted(cooperation.source) == sorted(cooperation.target) == ["china", "pakistan"]
    fight = one(events, "ASSAULT")
    assert sorted(fight.source) == ["china", "pakistan"]  # the gerund belongs to the cooperation, not to Kakar
    assert fight.target == ["tehreek-e-taliban-pakistan"]


def test_event_fields(events_of, one):
    text = "Pakistan attacked the TTP in the north."
    analysis, events = events_of(text)
    event = one(events, "ASSAULT")
    assert event.quad_class == 4
    assert event.intensity == -9
    assert event.cameo == "19" and event.goldstein == -10
    assert not event.negated and event.modality == "asserted"
    assert 0 < event.confidence <= 1
    assert text[event.evidence.start:event.evidence.end] == event.evidence.text
    assert analysis.to_dict()["events"][0]["type"] == "ASSAULT"


def test_reported_event_is_attributed_to_its_teller(events_of, one):
    analysis, events = events_of("Foreign Minister Javad Zarif said that Israel attacked Syria.")
    event = one(events, "ASSAULT")
    assert event.source == ["israel"] and event.target == ["syria"]
    teller = analysis.actor(event.attributed_to)
    assert teller is not None and "Zarif" in teller.name


def test_an_accusation_tells_what_it_accuses_of(events_of, one):
    _, events = events_of("Israel accused Iran of attacking Saudi Arabia.")
    accusation = one(events, "ACCUSE")
    assert accusation.source == ["israel"] and accusation.target == ["iran"] and accusation.attributed_to is None
    attack = one(events, "ASSAULT")
    assert attack.source == ["iran"] and attack.attributed_to == "israel"


@pytest.mark.parametrize("text", [
    "Iran offered condolences to Pakistan.",
    "Kakar said the situation in the region is complex.",
    "The Pakistani embassy declined to comment.",
])
def test_statements_and_condolences_are_not_events(events_of, text):
    _, events = events_of(text)
    assert events == []


def test_a_joint_subject_without_a_mutual_verb_needs_a_recipient(events_of):
    _, events = events_of("Iran and Pakistan condemned the decision.")
    assert events == []


def test_at_most_a_few_events_per_sentence(events_of):
    text = ("Iran attacked Iraq, Israel attacked Syria, Turkey attacked Greece, Russia attacked Ukraine, "
            "China attacked India and Pakistan attacked Afghanistan.")
    _, events = events_of(text)
    from newsgraph.extract.events import MAX_PER_SENTENCE

    assert 0 < len(events) <= MAX_PER_SENTENCE


def test_no_actors_no_events(events_of):
    _, events = events_of("The weather was mild and the markets were calm.")
    assert events == []


def test_a_commitment_to_conflict_is_a_threat(events_of, one):
    _, events = events_of("Turkey vowed to attack the PKK.")
    threat = one(events, "THREATEN")
    assert threat.source == ["turkey"] and threat.target == ["pkk"]
    assert [e.type for e in events] == ["THREATEN"]


def test_what_a_request_asks_for_is_not_an_event(events_of, one):
    _, events = events_of("Iran asked Iraq to agree to the deal.")
    assert one(events, "REQUEST").target == ["iraq"]
    assert [e.type for e in events] == ["REQUEST"]


def test_recipient_read_as_subject_of_a_following_infinitive(events_of, one):
    # the parse makes "regional countries" the subject of "to counter"
    _, events = events_of("Zarif said that Iran is ready to draft a strategy with regional countries to counter terrorism.")
    event = one(events, "AGREE")
    assert event.source == ["iran"] and event.target == ["regional-countries"]
