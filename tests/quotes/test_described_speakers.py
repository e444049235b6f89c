"""Speakers the text describes without naming them: a title, an organization, a document,
a group; and the links that must not be made. Texts written for these tests."""

from __future__ import annotations


def speakers(analysis) -> list[tuple[str | None, str | None]]:
    """(speaker name, speaker mention) of each quote, in order."""
    out = []
    for quote in analysis.quotes:
        actor = analysis.actor(quote.speaker) if quote.speaker else None
        out.append((actor.name if actor else None, quote.speaker_mention.text if quote.speaker_mention else None))
    return out


def test_a_title_without_a_name_is_a_person_and_the_title_goes_back_to_it(analyzer):
    analysis = analyzer.analyze("Kenya's interior minister said the border would reopen on Friday. "
                                "The minister added that trucks would be checked.")
    first, second = analysis.quotes
    assert first.speaker is not None and first.speaker == second.speaker
    actor = analysis.actor(first.speaker)
    assert actor.type == "person" and actor.country == "KEN"
    assert speakers(analysis)[1] == ("Kenya's interior minister", "The minister")


def test_two_officials_of_different_countries_stay_apart(analyzer):
    analysis = analyzer.analyze("Kenya's trade minister said the deal was fair. Uganda's trade minister said "
                                "the deal was unfair. The Kenyan minister added that talks would go on.")
    kenya, uganda, again = analysis.quotes
    assert kenya.speaker != uganda.speaker
    assert again.speaker == kenya.speaker


def test_another_official_is_someone_new(analyzer):
    analysis = analyzer.analyze("A senior police official said the road was closed. "
                                "Another police official said the road was open.")
    first, second = analysis.quotes
    assert first.speaker is not None and second.speaker is not None and first.speaker != second.speaker


def test_a_description_named_in_the_next_sentence(analyzer):
    analysis = analyzer.analyze("A senior army commander warned that the militia would be crushed. "
                                "Jonas Mbeki, commander of the northern brigade, urged villagers to leave their homes.")
    assert [name for name, _ in speakers(analysis)] == ["Jonas Mbeki", "Jonas Mbeki"]


def test_an_unnamed_ministry_speaks_and_its_statement_is_its_own(analyzer):
    analysis = analyzer.analyze("Grain prices will fall this winter, the agriculture ministry said. "
                                "The statement also said that farmers would be paid.")
    first, second = analysis.quotes
    assert analysis.actor(first.speaker).type == "organization"
    assert second.speaker == first.speaker and second.speaker_mention.text == "The statement"


def test_the_statement_by_a_body(analyzer):
    analysis = analyzer.analyze("The statement by the agriculture ministry said that grain prices would fall.")
    assert speakers(analysis) == [("agriculture ministry", "agriculture ministry")]


def test_a_statement_with_no_one_named_has_no_speaker(analyzer):
    analysis = analyzer.analyze("Prices rose sharply, a statement said.")
    assert analysis.quotes[0].speaker is None


def test_a_report_speaks_and_is_referred_back_to(analyzer):
    analysis = analyzer.analyze("A new UN health report found that malaria cases had doubled. "
                                "Clinics are short of nets, the report said.")
    first, second = analysis.quotes
    assert first.speaker is not None and second.speaker == first.speaker


def test_a_group_of_people_speaks(analyzer):
    analysis = analyzer.analyze("The students said the exam was unfair.")
    quote = analysis.quotes[0]
    assert analysis.actor(quote.speaker).type == "group" and quote.speaker_mention.text == "The students"


def test_a_pronoun_with_no_fitting_antecedent_is_nobody(analyzer):
    analysis = analyzer.analyze("The report was published on Monday. He said the roads were closed.")
    assert analysis.quotes[0].speaker is None


def test_it_does_not_go_back_to_a_person(analyzer):
    analysis = analyzer.analyze("Dr. Amina Yusuf said the clinic was full. It added that the doors would stay shut.")
    assert analysis.actor(analysis.quotes[0].speaker).name == "Amina Yusuf"
    assert analysis.quotes[1].speaker is None


def test_it_goes_back_to_the_body_that_spoke(analyzer):
    analysis = analyzer.analyze("The Red Crescent said the camp was full. It added that more tents were on the way.")
    first, second = analysis.quotes
    assert first.speaker is not None and second.speaker == first.speaker


# ---------------------------------------------------------------------- across sentences
def test_he_said_goes_back_to_who_spoke_not_to_whom_they_spoke_of(analyzer):
    analysis = analyzer.analyze(
        "Envoy Lars Berg said the talks had stalled.\n\n"
        "He responded that the rebel leader Omar Said was using the talks to rearm.\n\n"
        "\"We will not be fooled again,\" he said.")
    assert [name for name, _ in speakers(analysis)] == ["Lars Berg", "Lars Berg", "Lars Berg"]


def test_a_briefing_in_back_shifted_tense_is_the_speaker_s(analyzer):
    analysis = analyzer.analyze(
        "Mayor Ruth Okafor said that the bridge had been closed for repairs.\n\n"
        "As a result, the ferry would carry cars until the spring.\n\n"
        "\"We have no other choice,\" she said.")
    texts = [(q.text, analysis.actor(q.speaker).name if q.speaker else None, q.cue) for q in analysis.quotes]
    assert ("As a result, the ferry would carry cars until the spring", "Ruth Okafor", None) in texts


def test_narration_between_two_statements_is_the_reporter_s(analyzer):
    analysis = analyzer.analyze(
        "Mayor Ruth Okafor said that the bridge had been closed for repairs.\n\n"
        "The bridge opened in 1961.\n\n"
        "\"We have no other choice,\" she said.")
    assert not any("1961" in q.text for q in analysis.quotes)


def test_a_headline_is_no_quote(analyzer):
    analysis = analyzer.analyze("Minister says bridge will reopen in May\n\n"
                                "The transport minister said on Monday that the bridge would reopen in May.")
    assert [q.cue.text for q in analysis.quotes] == ["said"]


def test_it_said_after_a_body_spoke_is_that_body(analyzer):
    analysis = analyzer.analyze("A statement from the Kenyan health ministry said the clinics were full after the "
                                "floods hit Uganda and Tanzania. \"More beds are coming from the Red Cross,\" it said.")
    first, second = analysis.quotes
    assert first.speaker is not None and second.speaker == first.speaker


def test_unknown_quote_conventions_are_a_clear_error():
    import pytest

    from newsgraph.errors import NewsgraphError
    from newsgraph.extract.quotes import QuoteExtractor

    with pytest.raises(NewsgraphError, match="quote conventions 'brat'"):
        QuoteExtractor(conventions="brat")
