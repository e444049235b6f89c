"""The same actor has the same id in every article: the KB id, else a slug of the
normalized full name; a later surname-only mention joins an unknown person when only one
person of the article bears that surname. Texts written for these tests."""

from __future__ import annotations

import pytest

from newsgraph.kb.names import slug


def ids_of(analysis, surface: str) -> set[str]:
    return {a.id for a in analysis.actors for m in a.mentions if m.text == surface}


def test_a_known_actor_has_its_kb_id_in_every_article(analyzer):
    first = analyzer.analyze("The Taliban captured two districts in the north.", date="2019-05-01")
    second = analyzer.analyze("Officials accused the Taleban of violating the ceasefire.", date="2020-01-10")
    assert ids_of(first, "Taliban") == ids_of(second, "Taleban") == {"taliban"}
    assert first.actor("taliban").kb_id == "taliban"


def test_an_unknown_person_has_the_same_id_in_every_article(analyzer):
    first = analyzer.analyze("Military analyst Samar Sadaat said the border would stay closed.")
    second = analyzer.analyze("The plan was criticised on Tuesday by Samar Sadaat, who runs a research centre in Kabul.")
    third = analyzer.analyze("SAMAR SADAAT: Security analyst Samar Sadaat's remarks drew wide attention.")
    assert ids_of(first, "Samar Sadaat") == ids_of(second, "Samar Sadaat") == {"samar-sadaat"}
    assert "samar-sadaat" in {a.id for a in third.actors}
    assert slug("Samar Sadaat") == "samar-sadaat"


def test_a_later_surname_joins_the_unknown_person(analyzer):
    text = (
        "Karim Rahimi, a lecturer at Kabul University, said the talks had stalled. "
        "The government has not responded to the criticism. "
        "Rahimi added that both sides needed more time."
    )
    analysis = analyzer.analyze(text)
    assert ids_of(analysis, "Karim Rahimi") == ids_of(analysis, "Rahimi") == {"karim-rahimi"}
    kinds = {m.text: m.kind for m in analysis.actor("karim-rahimi").mentions}
    assert kinds["Rahimi"] == "surname"
    assert not any(a.id == "rahimi" for a in analysis.actors)


def test_a_surname_alone_in_another_article_keeps_its_own_id(analyzer):
    first = analyzer.analyze("Karim Rahimi said the talks had stalled. Rahimi added more.")
    second = analyzer.analyze("Rahimi said on Monday that the talks had stalled.")
    assert ids_of(first, "Rahimi") == {"karim-rahimi"}
    # alone, a surname cannot be told from other people of that name: an id of its own
    assert ids_of(second, "Rahimi") == {"rahimi"}


def test_a_later_surname_joins_a_person_the_model_labels_org(analyzer):
    text = (
        "Karim Rahimzai, a lecturer at Kabul University, said the talks had stalled. "
        "Rahimzai added that both sides needed more time."
    )
    analysis = analyzer.analyze(text)
    assert ids_of(analysis, "Karim Rahimzai") == ids_of(analysis, "Rahimzai") == {"karim-rahimzai"}
    assert analysis.actor("karim-rahimzai").type == "person"


def test_a_surname_two_people_share_is_not_given_to_either(analyzer):
    text = (
        "Karim Rahimi and his sister Nadia Rahimi founded the school in 2004. "
        "Officials praised the project. Rahimi said the school would reopen in March."
    )
    analysis = analyzer.analyze(text)
    assert ids_of(analysis, "Karim Rahimi") == {"karim-rahimi"}
    assert ids_of(analysis, "Nadia Rahimi") == {"nadia-rahimi"}
    # Which Rahimi spoke is not said: the mention must not be merged into one of them.
    assert ids_of(analysis, "Rahimi") not in ({"karim-rahimi"}, {"nadia-rahimi"})
