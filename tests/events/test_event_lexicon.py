"""The event lexicon: shipped files load, users extend them, bad rows fail with a clear error."""

from __future__ import annotations

import pytest

from newsgraph import lexicon
from newsgraph.errors import NewsgraphError
from newsgraph.extract import event_lexicon
from newsgraph.extract.event_lexicon import PLOVER_TYPES, load_event_lexicon


@pytest.fixture
def fresh_lexicon(monkeypatch, tmp_path):
    """A lexicon folder of the user's, with the caches emptied before and after."""
    monkeypatch.setenv("NEWSGRAPH_LEXICON_PATH", str(tmp_path))
    lexicon.table.cache_clear()
    lexicon.phrases.cache_clear()
    load_event_lexicon.cache_clear()
    yield tmp_path
    monkeypatch.delenv("NEWSGRAPH_LEXICON_PATH")
    lexicon.table.cache_clear()
    lexicon.phrases.cache_clear()
    load_event_lexicon.cache_clear()


def test_shipped_lexicon():
    lex = load_event_lexicon()
    assert set(lex.types) == set(PLOVER_TYPES)
    assert {info.quad_class for info in lex.types.values()} == {1, 2, 3, 4}
    assert lex.types["COOPERATE"].symmetric and not lex.types["ASSAULT"].symmetric
    assert lex.types["CONSULT"].intensity_of("visit") == 4
    assert lex.goldstein["19"] == -10
    for word in ("urge", "welcome", "condemn", "pledge", "deny", "attack", "train", "arrest", "deploy", "sign", "kill"):
        assert word in lex.verbs, word
    assert any(t.words == ("express", "concern") for t in lex.verbs["express"])
    assert "cooperation" in lex.nouns and "interference" in lex.stance
    assert lex.modality["will"] == ("future", "aux")


def test_every_cameo_code_has_a_root():
    lex = load_event_lexicon()
    for index in (lex.verbs, lex.nouns, lex.stance):
        for triggers in index.values():
            for trigger in triggers:
                if trigger.type:
                    assert trigger.cameo[:2] in lex.goldstein, trigger


def test_a_user_adds_a_verb(fresh_lexicon, analyzer):
    (fresh_lexicon / "event_verbs.tsv").write_text("rebuke sharply\tACCUSE\tdisapprove\t111\tobj\tours\nchastise\tACCUSE\tdisapprove\t111\tobj\ttest\n", encoding="utf-8")
    lex = load_event_lexicon()
    assert "chastise" in lex.verbs
    assert "urge" in lex.verbs  # the shipped rows are still there
    from newsgraph.extract.events import EventExtractor

    doc = analyzer.parse("Pakistan chastised Afghanistan.")
    events, _ = EventExtractor(lex)(doc)
    assert [(e.type, e.source, e.target) for e in events] == [("ACCUSE", ["pakistan"], ["afghanistan"])]


@pytest.mark.parametrize("row,message", [
    ("smite\tSMITE\t-\t190\tobj\tx\n", "unknown PLOVER type 'SMITE'"),
    ("smite\tASSAULT\t-\t99\tobj\tx\n", "CAMEO code '99'"),
    ("smite\tASSAULT\t-\t190\tobj,sideways?\tx\n", "unknown argument"),
])
def test_bad_rows_are_named(fresh_lexicon, row, message):
    (fresh_lexicon / "event_verbs.tsv").write_text(row, encoding="utf-8")
    with pytest.raises(NewsgraphError) as error:
        load_event_lexicon()
    assert "event_verbs.tsv" in str(error.value) and "smite" in str(error.value) and message in str(error.value)


def test_bad_modality_row(fresh_lexicon):
    (fresh_lexicon / "event_modality.tsv").write_text("perhaps\tmaybe\taux\t-\n", encoding="utf-8")
    with pytest.raises(NewsgraphError, match="modality 'maybe'"):
        event_lexicon.load_event_lexicon()
