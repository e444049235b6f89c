"""CoNLL-2003 scoring: the reader on a file written for this test (IOB1 and IOB2 tags), and
the actor layer beside bare spaCy NER on the real dev split (skipped when absent)."""

from __future__ import annotations

import pytest

from newsgraph.errors import InputError
from newsgraph.evaluate.conll import evaluate_conll, load_conll

SAMPLE = """-DOCSTART- -X- O O

Maria NNP I-NP I-PER
Okafor NNP I-NP I-PER
of IN I-PP O
the DT I-NP O
Lagos NNP I-NP I-ORG
Chamber NNP I-NP I-ORG
flew VBD I-VP O
to TO I-PP O
Paris NNP I-NP I-LOC
. . O O

-DOCSTART- -X- O O

Ghana NNP I-NP B-LOC
Togo NNP I-NP B-LOC
Danish JJ I-NP B-MISC
"""


def test_reader_builds_texts_and_spans(tmp_path):
    path = tmp_path / "sample.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    first, second = load_conll(path)
    assert first.text == "Maria Okafor of the Lagos Chamber flew to Paris ."
    assert [(e.type, e.text) for e in first.entities] == [("PER", "Maria Okafor"), ("ORG", "Lagos Chamber"), ("LOC", "Paris")]
    # B- begins a new entity next to one of the same type; MISC is not scored
    assert [(e.type, e.text) for e in second.entities] == [("LOC", "Ghana"), ("LOC", "Togo")]


def test_reader_names_the_file_of_a_bad_line(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("Maria\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad.txt:1"):
        load_conll(path)


def test_evaluate_on_the_sample(tmp_path, analyzer):
    path = tmp_path / "sample.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    result = evaluate_conll(path, analyzer)
    assert result.documents == 2
    assert result.scores["newsgraph"]["PER"].gold == 1
    assert result.scores["newsgraph"]["PER"].matched == 1
    assert result.scores["newsgraph"]["LOC"].matched >= 1


@pytest.mark.data
@pytest.mark.slow
def test_actor_layer_beats_bare_spacy_on_conll_dev(shared_data, analyzer):
    path = shared_data / "conll2003" / "dev.txt"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    result = evaluate_conll(path, analyzer)
    assert result.total("newsgraph").f1 >= result.total("spacy").f1 + 0.05
