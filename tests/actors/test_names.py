"""Whole names: honorifics and titles are not part of a person's name, one person is one
actor however the article addresses them, and names of different people stay apart
(texts written for these tests)."""

from __future__ import annotations

from test_actor_layer import actor_of


def people(analysis):
    return [a for a in analysis.actors if a.type == "person"]


def test_mr_and_mrs_join_the_full_name(analyzer):
    text = (
        "Helena Varga, the party's leader, met Tomas Lindqvist in Stockholm on Monday. "
        "Mrs Varga said the talks had been useful. Mr Lindqvist told reporters he agreed, "
        "and Lindqvist later flew home."
    )
    analysis = analyzer.analyze(text)
    assert actor_of(analysis, "Mrs Varga").id == actor_of(analysis, "Helena Varga").id
    assert {a.name for a in people(analysis)} == {"Helena Varga", "Tomas Lindqvist"}


def test_an_honorific_is_not_asked_of_the_knowledge_base(analyzer):
    text = "Seyyed Ali Khamenei spoke in Tehran on Friday. Ali Khamenei said the talks would go on."
    analysis = analyzer.analyze(text, date="2023-05-01")
    assert {a.id for a in people(analysis)} == {"ali-khamenei"}


def test_religious_honorific_is_not_part_of_the_name(analyzer):
    text = "Sheikh Abdullah Farouk addressed the crowd. Abdullah Farouk urged calm, and Farouk left."
    analysis = analyzer.analyze(text)
    actor = actor_of(analysis, "Abdullah Farouk")
    assert actor.name == "Abdullah Farouk"
    assert len(people(analysis)) == 1


def test_a_trailing_honorific_opens_the_next_name(analyzer):
    text = "A government spokesman told Radio Nord Mr Berglund would attend the meeting."
    analysis = analyzer.analyze(text)
    names = [m.text for a in analysis.actors for m in a.mentions]
    assert not any(name.endswith(" Mr") for name in names)


def test_a_title_alone_is_no_person(analyzer):
    text = "She wrote to Taoiseach Liam Byrne. The Chief Minister said he would reply."
    analysis = analyzer.analyze(text)
    assert not any(a.name in ("Taoiseach", "Chief Minister") for a in people(analysis))
    assert actor_of(analysis, "Liam Byrne").type == "person"


def test_police_and_civil_ranks_are_titles(analyzer):
    text = (
        "Deputy Commissioner R.K. Menon visited the site. Police Inspector Arjun Pai said two "
        "men were held. Mr. Menon said the inquiry would be quick."
    )
    analysis = analyzer.analyze(text)
    menon = actor_of(analysis, "R.K. Menon")
    assert actor_of(analysis, "Menon").id == menon.id
    assert actor_of(analysis, "Arjun Pai").name == "Arjun Pai"


def test_the_same_surname_with_two_given_names_stays_apart(analyzer):
    text = "Karim Rahimi and Nadia Rahimi were both elected. Mr. Karim Rahimi thanked voters."
    analysis = analyzer.analyze(text)
    assert actor_of(analysis, "Karim Rahimi").id != actor_of(analysis, "Nadia Rahimi").id


def test_a_country_that_modifies_an_organization_name_stays_in_it(analyzer):
    text = (
        "Ali Raza told the India Herald in an interview that talks would resume. Rangers of the "
        "Kenya Wildlife Service said poaching had fallen. She spoke at a session of the Arab "
        "League Council in Cairo."
    )
    analysis = analyzer.analyze(text)
    for name, country in (("India Herald", "IND"), ("Kenya Wildlife Service", "KEN")):
        actor = actor_of(analysis, name)
        assert actor.type == "organization" and actor.country == country
    assert actor_of(analysis, "Arab League Council").type in ("organization", "igo")
    assert not any(a.name in ("Herald", "Wildlife Service", "Council") for a in analysis.actors)


def test_a_demonym_before_a_known_name_is_its_country(analyzer):
    text = "The Iranian Revolutionary Guard said it had seized a tanker in the Gulf."
    analysis = analyzer.analyze(text)
    assert actor_of(analysis, "Revolutionary Guard").id == "irgc"
    assert not any(a.name == "Iranian Revolutionary Guard" and a.kb_id is None for a in analysis.actors)


def test_a_bare_head_word_refers_back_or_is_no_actor(analyzer):
    text = (
        "The United Nations Security Council met on Monday. Diplomats said the Council would vote "
        "on Friday. The Assembly was not mentioned."
    )
    analysis = analyzer.analyze(text)
    council = actor_of(analysis, "Council")
    assert council.id == actor_of(analysis, "United Nations Security Council").id
    assert not any(a.name == "Assembly" for a in analysis.actors)


def test_the_end_of_a_title_is_no_organization(analyzer):
    text = "Secretary of State Maria Lopez accused the rebels of delaying the talks."
    analysis = analyzer.analyze(text)
    assert not any(a.name == "State" for a in analysis.actors)
    assert actor_of(analysis, "Maria Lopez").type == "person"
