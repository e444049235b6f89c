"""Group actors for the descriptions a text makes act, speak or be acted on (texts written
for these tests): one actor per description however often it recurs, the same id across
articles, and what must stay apart."""

from __future__ import annotations


def groups(analysis):
    return {a.id: a for a in analysis.actors if a.type in ("group", "armed_group") and a.kb_id is None}


def mentions(actor):
    return [m.text for m in actor.mentions]


def test_objects_of_verbs_are_groups(analyzer):
    text = "The minister urged investors to return after police had released the detainees on Sunday."
    found = groups(analyzer.analyze(text))
    assert "investors" in found and "detainees" in found
    assert "the detainees" in mentions(found["detainees"])


def test_a_quantity_of_a_group_is_the_group(analyzer):
    text = "Thousands of pilgrims gathered outside the shrine, and some of the pilgrims said they were tired."
    found = groups(analyzer.analyze(text))
    assert set(found) == {"pilgrims"}
    assert "Thousands of pilgrims" in mentions(found["pilgrims"])


def test_a_definite_phrase_refers_back_to_the_group(analyzer):
    text = "Coast guards seized four Omani fishermen near the island. The detained fishermen were questioned for hours."
    found = groups(analyzer.analyze(text))
    fishermen = [a for a in found.values() if a.name.endswith("fishermen")]
    assert len(fishermen) == 1
    assert {"four Omani fishermen", "The detained fishermen"} <= set(mentions(fishermen[0]))


def test_different_descriptions_stay_apart(analyzer):
    text = "Senior lawyers backed the strike, but younger lawyers said they would keep working."
    found = groups(analyzer.analyze(text))
    assert {"senior-lawyers", "younger-lawyers"} <= set(found)


def test_the_same_description_has_the_same_id_across_articles(analyzer):
    first = groups(analyzer.analyze("Residents said the shelling went on all night."))
    second = groups(analyzer.analyze("The storm flooded the valley, and residents fled to higher ground."))
    assert "residents" in first and "residents" in second


def test_a_small_count_refers_back_and_is_no_new_group(analyzer):
    text = "Farida Noor and Omar Haidari were arrested. The two activists were freed on Monday."
    assert "activists" not in groups(analyzer.analyze(text))


def test_a_place_is_not_an_argument(analyzer):
    text = "The bomb exploded in a market among shoppers and near the residents of the old town."
    assert "residents" not in groups(analyzer.analyze(text))


def test_a_people_acting_in_an_article_that_names_its_state_is_the_state(analyzer):
    text = "Russia denied the report. Officials said the Russians have armed the rebels for years."
    analysis = analyzer.analyze(text)
    russians = [a for a in analysis.actors if any(m.text == "Russians" for m in a.mentions)]
    assert [a.kb_id for a in russians] == ["russia"]


def test_a_people_alone_is_a_group(analyzer):
    analysis = analyzer.analyze("Afghans fled towards the border as the fighting spread.")
    afghans = [a for a in analysis.actors if any(m.text == "Afghans" for m in a.mentions)]
    assert len(afghans) == 1 and afghans[0].type == "group"
