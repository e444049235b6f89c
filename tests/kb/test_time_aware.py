"""Roles and codes by date: the record model, and through `analyze` with the article's date.

fixtures/people.yaml holds invented people (one person in three roles over time, a group
that becomes a government body); the shipped records are checked for the Taliban and for
"the Afghan government"."""

from __future__ import annotations

import datetime as dt

import pytest

from newsgraph.kb.loader import read_file

D = dt.date


@pytest.fixture(scope="module")
def records(fixtures):
    return {record.id: record for record in read_file(fixtures / "people.yaml")}


@pytest.fixture(scope="module")
def fixture_analyzer(fixtures):
    from newsgraph.pipeline import Analyzer

    return Analyzer(kb_paths=[str(fixtures / "people.yaml")])


def test_one_person_in_different_roles_by_date(records):
    person = records["farida-nasseri"]
    assert [r.title for r in person.roles_on(D(2016, 5, 1))] == ["deputy interior minister of Pakistan"]
    # `to` is exclusive: the successor role starts on the day the first ends
    assert [r.title for r in person.roles_on(D(2019, 6, 9))] == ["deputy interior minister of Pakistan"]
    assert [r.title for r in person.roles_on(D(2019, 6, 10))] == ["foreign minister of Pakistan"]
    assert person.roles_on(D(2023, 1, 20)) == []  # between two posts
    assert [r.title for r in person.roles_on(None)] == ["ambassador of Pakistan to Norway"]  # no date: the latest
    assert person.roles_on(D(2010, 1, 1)) == []


def test_a_commander_who_becomes_governor_changes_sector(records):
    person = records["orvan-meshki"]
    assert person.sector_on(D(2015, 1, 1)) == "REB"
    assert person.sector_on(D(2021, 1, 1)) == "GOV"


def test_codes_change_sector_and_type_over_time(records):
    group = records["lantern-front"]
    assert (group.type_on(D(2019, 1, 1)), group.sector_on(D(2019, 1, 1))) == ("armed_group", "REB")
    assert (group.type_on(D(2021, 1, 1)), group.sector_on(D(2021, 1, 1))) == ("organization", "GOV")
    assert group.sector_on(None) == "GOV"


def test_analyze_gives_the_role_in_force_on_the_article_date(fixture_analyzer):
    text = "Farida Nasseri told reporters that the talks would resume next month."
    by_date = {}
    for date in ("2016-05-01", "2021-03-01", None):
        analysis = fixture_analyzer.analyze(text, date=date)
        actor = analysis.actor("farida-nasseri")
        assert actor is not None and actor.kb_id == "farida-nasseri"
        by_date[date] = actor.roles
    assert "deputy interior minister of Pakistan" in by_date["2016-05-01"]
    assert "foreign minister of Pakistan" in by_date["2021-03-01"]
    assert "foreign minister of Pakistan" not in by_date["2016-05-01"]
    assert "ambassador of Pakistan to Norway" in by_date[None]


def test_analyze_codes_a_group_by_the_article_date(fixture_analyzer):
    text = "The Lantern Front said it had taken control of the valley."
    before = fixture_analyzer.analyze(text, date="2018-01-01").actor("lantern-front")
    after = fixture_analyzer.analyze(text, date="2022-01-01").actor("lantern-front")
    assert (before.type, before.sector) == ("armed_group", "REB")
    assert (after.type, after.sector) == ("organization", "GOV")


# ---------------------------------------------------------------- shipped records


def test_shipped_taliban_are_rebels_before_august_2021_and_government_after(shipped):
    taliban = shipped.get("taliban")
    assert taliban is not None, "the shipped knowledge base has no Taliban record"
    assert taliban.sector_on(D(2021, 8, 14)) == "REB"
    assert taliban.sector_on(D(2021, 8, 15)) == "GOV"
    assert taliban.sector_on(D(2010, 1, 1)) == "REB"
    assert taliban.sector_on(None) == "GOV"


def test_analyze_codes_the_taliban_by_date(analyzer):
    text = "The Taliban said on Sunday that they had reached an agreement."
    assert analyzer.analyze(text, date="2019-02-01").actor("taliban").sector == "REB"
    assert analyzer.analyze(text, date="2022-02-01").actor("taliban").sector == "GOV"


def test_the_afghan_government_is_whoever_governs_on_the_date(analyzer):
    text = "The Afghan government rejected the report on Monday."

    def governing(date):
        analysis = analyzer.analyze(text, date=date)
        return {a.id for a in analysis.actors for m in a.mentions if m.text.lower() == "the afghan government"}

    assert governing("2018-06-01") == {"afghanistan"}
    assert governing("2022-06-01") == {"taliban"}


def test_a_shipped_head_of_government_by_date(shipped):
    """Anwaar ul Haq Kakar: caretaker prime minister of Pakistan 2023-08-14 to 2024-03-04."""
    kakar = next((r for r in shipped.lookup("Anwaar ul Haq Kakar") if r.type == "person"), None)
    if kakar is None:
        pytest.skip("the shipped people file has no Anwaar ul Haq Kakar yet")
    during = " ".join(r.title.lower() for r in kakar.roles_on(D(2023, 12, 14)))
    after = " ".join(r.title.lower() for r in kakar.roles_on(D(2024, 6, 1)))
    assert "prime minister" in during
    assert "prime minister" not in after
