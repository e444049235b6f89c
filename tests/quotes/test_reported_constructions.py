"""Reported speech, cognition and stances beyond "X said that ...": one test per
construction, on texts written for these tests (the real spaCy model)."""

from __future__ import annotations


def quote_with(analysis, fragment: str):
    found = [q for q in analysis.quotes if fragment in q.text]
    assert len(found) == 1, f"{fragment!r} in {[(q.cue and q.cue.text, q.text) for q in analysis.quotes]}"
    return found[0]


def cues(analysis) -> list[str]:
    return [q.cue.text for q in analysis.quotes if q.cue is not None]


def narrated(analyzer, text: str):
    """The quotes of `text` read in PolNeAR's conventions, where a speech act or stance the
    reporter narrates with a noun object ("endorsed the treaty") is an attribution too."""
    from types import SimpleNamespace

    from newsgraph.extract.quotes import QuoteExtractor

    assert analyzer.analyze(text).quotes == [], "a narrated act is no quote in FORMAT.md's conventions"
    doc = analyzer.parse(text)
    return SimpleNamespace(quotes=QuoteExtractor(conventions="polnear")(doc, doc._.newsgraph_actors))


# ---------------------------------------------------------------------- stances
def test_a_stance_is_an_act_marked_as_such(analyzer):
    analysis = narrated(analyzer, "Senator Laila Haidari endorsed the new water treaty on Monday.")
    quote = quote_with(analysis, "water treaty")
    assert quote.cue.text == "endorsed" and quote.cue_type == "stance"
    assert quote.text == "the new water treaty"


def test_a_stance_on_a_named_person_is_one_word(analyzer):
    analysis = narrated(analyzer, "The farmers' union backed Haidari in the vote.")
    quote = quote_with(analysis, "Haidari")
    assert quote.text == "Haidari" and quote.cue_type == "stance"


def test_a_stance_inside_reported_speech_is_part_of_it(analyzer):
    analysis = analyzer.analyze("Minister Arif Sadiq said the cabinet supports the new water treaty.")
    assert cues(analysis) == ["said"]
    assert quote_with(analysis, "treaty").text == "the cabinet supports the new water treaty"


def test_a_phrasal_stance(analyzer):
    analysis = narrated(analyzer, "Two provincial councils sided with the governor over the budget.")
    quote = quote_with(analysis, "governor")
    assert quote.cue.text == "sided with" and quote.cue_type == "stance"


# ---------------------------------------------------------------------- intentions are not speech
def test_plans_and_efforts_are_not_quotes(analyzer):
    text = (
        "The navy plans to stage five war games in the Gulf this year. "
        "The ministry seeks to expand trade with its neighbours."
    )
    assert analyzer.analyze(text).quotes == []


def test_an_expectation_to_act_is_not_a_quote_but_an_expected_outcome_is(analyzer):
    assert analyzer.analyze("The ministry expects to open the new terminal in May.").quotes == []
    analysis = analyzer.analyze("The ministry expects a ruling from the court in May.")
    assert quote_with(analysis, "ruling").cue_type == "cognition"


# ---------------------------------------------------------------------- what it is about
def test_wrote_about(analyzer):
    # what a narrated act is about is no quote; PolNeAR's reading counts it
    analysis = narrated(analyzer, "The columnist Sara Nouri wrote about the drought in the southern provinces.")
    quote = quote_with(analysis, "drought")
    assert quote.cue.text == "wrote about"
    assert quote.text.startswith("the drought")


def test_commented_on(analyzer):
    analysis = narrated(analyzer, "The spokesman commented on the border closure at length.")
    assert quote_with(analysis, "border closure").cue.text == "commented on"


def test_a_date_after_the_verb_is_not_what_it_is_about(analyzer):
    analysis = analyzer.analyze("The spokesman commented on Tuesday.")
    assert analysis.quotes == []


# ---------------------------------------------------------------------- clause shapes
def test_a_clause_misread_as_a_gerund_after_the_cue(analyzer):
    analysis = analyzer.analyze(
        "Governor Yusuf Amini said legalizing the markets could put thousands of people to work."
    )
    quote = quote_with(analysis, "legalizing")
    assert quote.text == "legalizing the markets could put thousands of people to work"


def test_a_sentence_before_a_final_cue_however_it_is_parsed(analyzer):
    analysis = analyzer.analyze(
        "Those who borrow heavily struggle, even with a good job, the economist Reza Karimi said."
    )
    quote = quote_with(analysis, "borrow heavily")
    assert quote.text == "Those who borrow heavily struggle, even with a good job"


def test_a_final_cue_with_its_own_object_reports_nothing_before_it(analyzer):
    analysis = analyzer.analyze("In May, the ministry proposed a new tariff on imported steel.")
    quote = quote_with(analysis, "tariff")
    assert not quote.text.startswith("In May")


def test_speech_inside_a_relative_clause(analyzer):
    analysis = analyzer.analyze("The minister cited new tariffs, which he said had harmed local farmers.")
    quote = next(q for q in analysis.quotes if q.cue.text == "said")
    assert quote.text == "had harmed local farmers" and quote.speaker_mention.text == "he"


def test_a_stance_in_an_object_relative_clause(analyzer):
    analysis = narrated(analyzer, "Farmers lost the subsidy that the governor had backed.")
    quote = quote_with(analysis, "subsidy")
    assert quote.cue.text == "backed" and quote.text == "the subsidy"
    assert quote.speaker_mention.text == "the governor"


# ---------------------------------------------------------------------- light verbs
def test_made_clear_that(analyzer):
    analysis = analyzer.analyze("The foreign minister made it clear that the talks would go on.")
    quote = quote_with(analysis, "talks would go on")
    assert quote.text == "the talks would go on" and quote.cue.text == "made it clear"


def test_made_the_case_that(analyzer):
    analysis = analyzer.analyze("The envoy made the case that the corridor would help both countries.")
    assert quote_with(analysis, "corridor").text == "the corridor would help both countries"


def test_raised_concerns_about(analyzer):
    analysis = analyzer.analyze("Several lawmakers raised concerns about the cost of the dam.")
    quote = quote_with(analysis, "cost of the dam")
    assert quote.cue.text == "raised concerns" and quote.text == "the cost of the dam"


def test_a_particle_before_the_verb_is_not_its_particle(analyzer):
    analysis = analyzer.analyze(
        "For his part, the ambassador asked the minister to use his influence to help the refugees."
    )
    assert [q.text for q in analysis.quotes] == ["to use his influence to help the refugees"]


# ---------------------------------------------------------------------- a short quotation inside reported speech
def test_a_short_quotation_inside_a_reported_clause_stays_in_it(analyzer):
    analysis = analyzer.analyze(
        "The campaign manager said the rival campaign's success “confuses the issue” of the overall lead."
    )
    assert len(analysis.quotes) == 1
    quote = analysis.quotes[0]
    assert quote.kind == "indirect"
    assert quote.text == "the rival campaign's success “confuses the issue” of the overall lead"


# ---------------------------------------------------------------------- according to
def test_according_to_at_the_end_takes_the_whole_sentence(analyzer):
    analysis = analyzer.analyze(
        "Most traders want to buy local goods, but those goods are often too costly, according to the survey."
    )
    quote = next(q for q in analysis.quotes if q.cue.text == "according to")
    assert quote.text == "Most traders want to buy local goods, but those goods are often too costly"


def test_according_to_at_the_start_even_when_the_parser_swallows_the_sentence(analyzer):
    analysis = analyzer.analyze(
        "According to the provincial gazette, 312 of the 400 councillors — most of them farmers "
        "— backed the governor, with only 20 yet to decide."
    )
    quote = next(q for q in analysis.quotes if q.cue.text == "According to")
    assert quote.text.startswith("312 of the 400 councillors") and quote.text.endswith("yet to decide")
    assert quote.speaker_mention.text == "the provincial gazette"
    assert [q.cue.text for q in analysis.quotes] == ["According to"]  # the stance inside is part of it


# ---------------------------------------------------------------------- what a record shows
def test_what_a_poll_shows(analyzer):
    analysis = analyzer.analyze("Several polls show the governor within two points of her rival.")
    quote = quote_with(analysis, "governor")
    assert quote.cue.text == "show" and quote.text == "the governor within two points of her rival"


def test_what_a_person_shows_is_no_quote(analyzer):
    assert analyzer.analyze("The army showed restraint at the border.").quotes == []


def test_a_record_cue_does_not_frame_quotations(analyzer):
    analysis = analyzer.analyze("The survey puts turnout at 40 percent. “We expected more,” the organisers said.")
    quote = quote_with(analysis, "We expected more")
    assert quote.cue.text == "said"
    assert quote_with(analysis, "turnout").cue.text == "puts"


# ---------------------------------------------------------------------- quotations inside reported speech
def test_a_quotation_that_ends_the_reported_clause_stays_in_it(analyzer):
    analysis = analyzer.analyze('The mayor said last month that his plan for the river has "grown bigger."')
    assert len(analysis.quotes) == 1
    quote = analysis.quotes[0]
    assert quote.kind == "indirect" and quote.text == 'his plan for the river has "grown bigger."'


def test_reported_speech_stops_at_a_paragraph_break(analyzer):
    # (after a first paragraph: a first line with no final stop is a headline)
    text = "Fighting went on in the valley.\n\nThe rebels state that their goal is to hold the pass\n\nThe army moved north on Monday."
    quote = quote_with(analyzer.analyze(text), "hold the pass")
    assert "army" not in quote.text


# ---------------------------------------------------------------------- what someone is asked to do
def test_an_adverbial_infinitive_after_calling_on(analyzer):
    analysis = analyzer.analyze(
        "The senator started a petition this week calling on the candidates to support a higher minimum wage."
    )
    quote = quote_with(analysis, "higher minimum wage")
    assert quote.cue.text == "calling on" and quote.text == "to support a higher minimum wage"


def test_a_second_verb_after_the_infinitive_goes_with_it(analyzer):
    analysis = analyzer.analyze("They want the platform to name the drought a disaster, and strike the old language.")
    quote = next(q for q in analysis.quotes if q.cue.text == "want")
    assert quote.text.endswith("strike the old language")


def test_nothing_inside_what_someone_is_urged_to_do_is_a_quote(analyzer):
    analysis = analyzer.analyze("The envoy urged the council to condemn the attack on the convoy.")
    assert [q.cue.text for q in analysis.quotes] == ["urged"]


# ---------------------------------------------------------------------- adjectives said of the speaker
def test_critical_of_is_a_stance(analyzer):
    analysis = narrated(analyzer, "The farmers' union is critical of the new water deal.")
    quote = quote_with(analysis, "water deal")
    assert quote.cue.text == "critical of" and quote.cue_type == "stance" and quote.text == "the new water deal"
    assert quote.speaker_mention.text == "The farmers' union"


def test_confident_that_is_cognition(analyzer):
    analysis = analyzer.analyze("Senator Laila Haidari remains confident that the bill will pass.")
    quote = quote_with(analysis, "bill will pass")
    assert quote.cue_type == "cognition" and quote.text == "the bill will pass"


def test_ready_and_determined_are_intentions_not_quotes(analyzer):
    assert analyzer.analyze("The ministry is ready to sign the deal and determined to expand trade.").quotes == []


def test_took_issue_with(analyzer):
    analysis = narrated(analyzer, "The governor took issue with the audit of the dam project.")
    quote = quote_with(analysis, "audit")
    assert quote.cue.text == "took issue" and quote.text == "the audit of the dam project"


def test_the_noun_of_a_light_verb_is_not_what_was_said(analyzer):
    assert analyzer.analyze("The minister made the remarks at a news conference in Kabul.").quotes == []


# ---------------------------------------------------------------------- passives and records
def test_a_passive_stance_with_its_agent(analyzer):
    analysis = narrated(analyzer, "The water plan was endorsed by the provincial council on Monday.")
    quote = quote_with(analysis, "water plan")
    assert quote.cue_type == "stance" and quote.text == "The water plan"
    assert quote.speaker_mention.text == "the provincial council"


def test_a_passive_without_its_agent_is_no_quote(analyzer):
    assert analyzer.analyze("The water plan was endorsed on Monday.").quotes == []


def test_a_sentence_opening_with_a_record_reports_it(analyzer):
    analysis = analyzer.analyze("In a new Gallup poll, 60 percent of voters back the water plan.")
    assert len(analysis.quotes) == 1
    quote = analysis.quotes[0]
    assert quote.cue.text == "In" and quote.text == "60 percent of voters back the water plan"
    assert "poll" in quote.speaker_mention.text


def test_a_record_with_its_own_cue_leaves_it_to_the_cue(analyzer):
    analysis = analyzer.analyze("In a statement, the ministry said the talks had failed.")
    assert [q.cue.text for q in analysis.quotes] == ["said"]


def test_a_setting_is_not_a_record(analyzer):
    assert analyzer.analyze("In a meeting with the envoy, the two sides signed three agreements.").quotes == []


def test_news_confirmed_by_someone_is_no_stance(analyzer):
    assert analyzer.analyze("The news was confirmed by the provincial governor on Monday.").quotes == []


# ---------------------------------------------------------------------- call for, call ... on
def test_calling_for_someone_to_act(analyzer):
    analysis = analyzer.analyze("The senator is calling for the government to reopen the border crossings.")
    quote = quote_with(analysis, "reopen")
    assert quote.cue.text == "calling for" and quote.text == "the government to reopen the border crossings"


def test_called_for_an_envoy_to_oversee(analyzer):
    analysis = analyzer.analyze("The council called for a special envoy to oversee the talks.")
    assert quote_with(analysis, "envoy").text == "a special envoy to oversee the talks"


def test_a_date_after_called_is_no_call_on(analyzer):
    analysis = analyzer.analyze('The governor called the merger "a terrible deal" on Monday.')
    quote = quote_with(analysis, "terrible deal")
    assert quote.cue.text == "called"


def test_a_name_the_parser_hangs_on_the_object(analyzer):
    analysis = analyzer.analyze("He called the governor's public squabble with the intelligence community unusual.")
    quote = quote_with(analysis, "squabble")
    assert quote.text == "the governor's public squabble with the intelligence community unusual"


# ---------------------------------------------------------------------- "as X reported"
def test_as_someone_reported(analyzer):
    analysis = analyzer.analyze("As the Dawn newspaper first reported, the governor met the envoy in 2002.")
    quote = next(q for q in analysis.quotes if q.cue.text == "reported")
    assert quote.text == "the governor met the envoy in 2002"
    assert "Dawn" in quote.speaker_mention.text


def test_as_reported_by(analyzer):
    analysis = analyzer.analyze("As reported by the Dawn newspaper, the city raised its minimum wage.")
    quote = next(q for q in analysis.quotes if q.cue.text == "reported")
    assert quote.text == "the city raised its minimum wage" and "Dawn" in quote.speaker_mention.text


def test_as_someone_noted_after_the_clause(analyzer):
    analysis = analyzer.analyze("The talks failed, as the minister noted on Monday.")
    assert quote_with(analysis, "talks").text == "The talks failed"


def test_what_follows_a_colon_goes_on_with_the_reported_speech(analyzer):
    text = "The lawyer argued that the charges were weak: the police had no witnesses at all."
    analysis = analyzer.analyze(text)
    quote = quote_with(analysis, "charges were weak")
    assert quote.text == "the charges were weak: the police had no witnesses at all"


# ---------------------------------------------------------------------- clauses that go on
def test_two_clauses_before_the_cue(analyzer):
    analysis = analyzer.analyze("The farmers were angry about the water plan, but the council rejected their appeal, a spokesman said.")
    quote = next(q for q in analysis.quotes if q.cue.text == "said")
    assert quote.text == "The farmers were angry about the water plan, but the council rejected their appeal"


def test_a_clause_joined_after_the_reported_one(analyzer):
    text = "The chief engineer stated that it was impossible to know when the pumps would work again, and there was no spare part in the country."
    quote = next(q for q in analyzer.analyze(text).quotes if q.cue.text == "stated")
    assert quote.text.endswith("and there was no spare part in the country")


def test_a_because_clause_goes_on_with_what_was_said(analyzer):
    text = "Omar Ruiz said the plan smacked of favoritism, because the cities had received most of the wells."
    quote = next(q for q in analyzer.analyze(text).quotes if q.cue.text == "said")
    assert quote.text == "the plan smacked of favoritism, because the cities had received most of the wells"


def test_a_clause_joined_after_a_cue_in_the_middle(analyzer):
    text = "Exports rose 4 percent, the ministry said on Friday, and imports fell 3 percent."
    quote = next(q for q in analyzer.analyze(text).quotes if q.cue.text == "said")
    assert quote.text.startswith("Exports rose 4 percent") and quote.text.endswith("imports fell 3 percent")


def test_a_joined_clause_with_its_own_cue_is_not_content(analyzer):
    analysis = analyzer.analyze("Haidari said the plan would fail, but critics said it was sound.")
    assert sorted(q.text for q in analysis.quotes) == ["it was sound", "the plan would fail"]


# ---------------------------------------------------------------------- acts of speech and refusals
def test_an_attack_on_someone(analyzer):
    analysis = narrated(analyzer, "Senator Haidari attacked the new water tax in a speech on Monday.")
    quote = quote_with(analysis, "water tax")
    assert quote.cue.text == "attacked" and quote.text == "the new water tax"


def test_an_attack_naming_what_someone_is(analyzer):
    analysis = analyzer.analyze("The senator attacked her rival as a fraud.")
    assert quote_with(analysis, "rival").text == "her rival as a fraud"


def test_what_was_offered_and_discussed(analyzer):
    analysis = narrated(analyzer, "Haidari offered no evidence for the claim. The two ministers discussed the grain deal.")
    assert quote_with(analysis, "evidence").cue.text == "offered"
    assert quote_with(analysis, "grain deal").cue.text == "discussed"


def test_a_refusal_is_a_stance(analyzer):
    analysis = analyzer.analyze("The minister refused to release the audit. His deputy declined to comment.")
    assert quote_with(analysis, "audit").text == "to release the audit"
    assert quote_with(analysis, "comment").cue_type == "stance"


# ---------------------------------------------------------------------- speech inside speech
def test_a_thought_inside_reported_speech_is_part_of_it(analyzer):
    analysis = analyzer.analyze("The mayor said she thinks the flood report should be published.")
    assert cues(analysis) == ["said"]
    assert quote_with(analysis, "flood report").text == "she thinks the flood report should be published"


def test_speech_inside_reported_speech_is_part_of_it(analyzer):
    analysis = analyzer.analyze("Haidari said the governor told him the northern road was closed.")
    assert cues(analysis) == ["said"]


# ---------------------------------------------------------------------- reporting nouns
def test_a_claim_that_and_its_owner(analyzer):
    analysis = analyzer.analyze("The footage undermined the ministry's first claim that the convoy had never crossed the border.")
    quote = quote_with(analysis, "convoy")
    assert quote.cue.text == "claim" and quote.text == "the convoy had never crossed the border"
    assert quote.speaker_mention.text == "the ministry"


def test_a_claim_that_nobody_owns(analyzer):
    analysis = analyzer.analyze("Critics rejected the claim that the dam was safe.")
    quote = next(q for q in analysis.quotes if q.cue.text == "claim")
    assert quote.text == "the dam was safe" and quote.speaker is None and quote.speaker_mention is None


def test_a_noun_with_a_relative_clause_reports_nothing(analyzer):
    analysis = analyzer.analyze("The claim that he made in May was wrong.")
    assert not [q for q in analysis.quotes if q.cue and q.cue.text == "claim"]


def test_a_cue_that_ends_its_sentence_reports_all_of_it(analyzer):
    # the parser joins "added" to "told": what the witness added is still the whole sentence
    text = "Ruiz told the guards that he did not need any escort, but the army ignored him, a witness added."
    quote = next(q for q in analyzer.analyze(text).quotes if q.cue.text == "added")
    assert quote.text == "Ruiz told the guards that he did not need any escort, but the army ignored him"


# ---------------------------------------------------------------------- narrated acts are not quotes
def test_a_narrated_condemnation_is_no_quote(analyzer):
    text = "The interior minister condemned the bombing of the bus station in Quetta."
    assert narrated(analyzer, text).quotes[0].cue.text == "condemned"


def test_a_bare_noun_object_is_an_act(analyzer):
    # what the act was aimed at ("reported a strange smell"), not what was said
    assert narrated(analyzer, "Residents of the valley reported a strange smell.").quotes[0].cue.text == "reported"


def test_a_noun_object_with_a_complement_is_what_was_said(analyzer):
    analysis = analyzer.analyze("The mayor stressed the need for a second bridge over the river.")
    quote = quote_with(analysis, "bridge")
    assert quote.text == "the need for a second bridge over the river" and quote.cue.text == "stressed"


def test_a_rejected_plan_is_an_act_but_a_rejected_claim_clause_is_speech(analyzer):
    assert analyzer.analyze("The provincial council rejected the budget plan.").quotes == []
    analysis = analyzer.analyze("The provincial council rejected that the budget was late.")
    assert quote_with(analysis, "budget").text == "the budget was late"


def test_a_quoted_phrase_inside_a_narrated_act_is_a_direct_quote(analyzer):
    analysis = analyzer.analyze("The governor condemned the “cowardly attack” on the clinic.")
    quote = quote_with(analysis, "cowardly")
    assert quote.kind == "direct" and quote.text == "cowardly attack"


def test_a_record_that_relays_someone_s_words_gives_their_quote(analyzer):
    analysis = analyzer.analyze("According to an interview published on Sunday, Governor Maria Lopez said that "
                                "the dam would be finished in May.")
    (quote,) = analysis.quotes
    assert quote.cue.text == "said" and analysis.actor(quote.speaker).name == "Maria Lopez"
    assert quote.text == "the dam would be finished in May"


def test_a_first_person_thought_outside_quotation_marks_is_no_quote(analyzer):
    text = "The council met on Monday. I think the dam will be finished in May, but nobody knows."
    assert analyzer.analyze(text).quotes == []
