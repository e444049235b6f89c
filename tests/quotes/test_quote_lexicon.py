"""The reporting-verb lexicon is data: shipped rows, user rows, clear errors."""

from __future__ import annotations

import pytest

from newsgraph import lexicon
from newsgraph.errors import NewsgraphError
from newsgraph.extract.quotes import QuoteExtractor
from newsgraph.extract.speech import LEXICON_FILE, CueLexicon


@pytest.fixture
def user_lexicon(tmp_path, monkeypatch):
    """A user lexicon folder; the lexicon caches are cleared before and after."""
    monkeypatch.setenv("NEWSGRAPH_LEXICON_PATH", str(tmp_path))
    lexicon.table.cache_clear()
    yield tmp_path
    monkeypatch.delenv("NEWSGRAPH_LEXICON_PATH")
    lexicon.table.cache_clear()


def test_shipped_rows_have_types_and_forms():
    cues = CueLexicon.load()
    say = cues.by_lemma["say"][0]
    assert say.type == "speech" and "clause" in say.forms
    assert cues.by_lemma["believe"][0].type == "cognition"
    assert cues.by_lemma["learn"][0].type == "cognition"
    point = cues.by_lemma["point"]
    assert {c.term for c in point} == {"point out", "point to"}
    assert "according to" in cues


def test_a_user_row_adds_a_cue(user_lexicon, analyzer):
    (user_lexicon / LEXICON_FILE).write_text("grumble\tspeech\tclause\tours\n", encoding="utf-8")
    extractor = QuoteExtractor(CueLexicon.load())
    doc = analyzer.stages[0](analyzer.nlp("Minister Yusuf Amini grumbled that the trains were late again."))
    quotes = extractor(doc, doc._.newsgraph_actors)
    assert [(q.cue.text, q.text) for q in quotes] == [("grumbled", "the trains were late again")]
    # the shipped rows are still there
    assert "say" in CueLexicon.load().by_lemma


def test_without_the_user_row_the_verb_is_no_cue(analyzer):
    doc = analyzer.stages[0](analyzer.nlp("Minister Yusuf Amini grumbled that the trains were late again."))
    assert QuoteExtractor()(doc, doc._.newsgraph_actors) == []


@pytest.mark.parametrize(
    "row, problem",
    [
        ("grumble\tspeeech\tclause\t\n", "expected speech, cognition or stance"),
        ("grumble\tspeech\tsentence\t\n", "unknown content form"),
        ("grumble about it\tspeech\tclause\t\n", "more than two words"),
    ],
)
def test_bad_rows_are_one_clear_error(user_lexicon, row, problem):
    (user_lexicon / LEXICON_FILE).write_text(row, encoding="utf-8")
    with pytest.raises(NewsgraphError) as error:
        CueLexicon.load()
    message = str(error.value)
    assert LEXICON_FILE in message and problem in message and "\n" not in message
