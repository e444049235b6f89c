"""Place and facility names in the actor layer (texts written for these tests): a place's
kind written after its name belongs to its mention, a facility is a place and a person's
name inside it is not that person, an organization run into the next person's name is cut."""

from __future__ import annotations


def by_mention(analysis, surface):
    found = [a for a in analysis.actors if any(m.text == surface for m in a.mentions)]
    assert len(found) == 1, f"{surface!r}: {[a.id for a in found]}"
    return found[0]


def test_the_kind_of_place_after_its_name_belongs_to_the_mention(analyzer):
    text = "Fighting spread across Kandahar province on Monday. Tankers left the Bushehr port at dawn."
    analysis = analyzer.analyze(text)
    assert by_mention(analysis, "Kandahar province").type == "location"


def test_a_person_named_in_an_airport_is_not_that_person(analyzer):
    text = "Flights resumed at Hamid Karzai International Airport on Tuesday, officials said."
    analysis = analyzer.analyze(text)
    assert not any(a.type == "person" for a in analysis.actors)
    assert by_mention(analysis, "Hamid Karzai International Airport").type == "location"


def test_a_prison_named_by_the_model_as_a_person_is_a_place(analyzer):
    text = "The students were held in Qezel Hesar Prison for two weeks."
    analysis = analyzer.analyze(text)
    assert not any(a.type == "person" and "Prison" in a.name for a in analysis.actors)


def test_an_organization_run_into_a_persons_name_is_cut(analyzer):
    text = "The president of the Mysore Bar Association K.R. Prasad said the strike would go on."
    analysis = analyzer.analyze(text)
    person = by_mention(analysis, "K.R. Prasad")
    assert person.type == "person"
    assert not any("Prasad" in a.name for a in analysis.actors if a.type != "person")


def test_a_paragraph_break_ends_a_name(analyzer):
    text = "Shares of Meridian Holdings\n\nTaipei rose on Monday, traders said."
    analysis = analyzer.analyze(text)
    assert not any("\n" in m.text for a in analysis.actors for m in a.mentions)
