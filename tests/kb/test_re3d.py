"""re3d scoring: the reader and the scorer on a folder written for this test, and the actor
layer beside bare spaCy NER on the real re3d (skipped when absent)."""

from __future__ import annotations

import json

import pytest

from newsgraph.evaluate.re3d import Entity, Scores, evaluate_re3d, load_re3d, score_document


def write_folder(root):
    source = root / "Example Source"
    source.mkdir()
    text = "Officials in Kabul said Samar Sadaat met the Taliban. Pakistani rice prices rose."
    (source / "documents.json").write_text(json.dumps({"_id": "D1", "title": "t", "text": text}) + "\n", encoding="utf-8")
    rows = [
        {"documentId": "D1", "begin": 24, "end": 36, "type": "Person", "value": "Samar Sadaat", "confidence": 1},
        {"documentId": "D1", "begin": 41, "end": 52, "type": "Organisation", "value": "the Taliban", "confidence": 1},
        {"documentId": "D1", "begin": 54, "end": 63, "type": "Nationality", "value": "Pakistani", "confidence": 1},
        {"documentId": "D1", "begin": 54, "end": 68, "type": "Organisation", "value": "Pakistani rice", "confidence": 0},
        {"documentId": "D1", "begin": 13, "end": 18, "type": "Location", "value": "Kabul", "confidence": 1},
    ]
    (source / "entities.json").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return text


def test_reader_keeps_the_scored_types_with_confidence(tmp_path):
    text = write_folder(tmp_path)
    [document] = load_re3d(tmp_path)
    assert [(e.type, text[e.start:e.end]) for e in document.entities] == [
        ("Person", "Samar Sadaat"), ("Organisation", "the Taliban"), ("Nationality", "Pakistani")]


def test_exact_and_lenient_scores():
    gold = [Entity(0, 11, "Organisation"), Entity(20, 25, "Person")]
    predicted = [Entity(4, 11, "Organisation"), Entity(20, 25, "Person"), Entity(30, 35, "Person")]
    scores = Scores()
    missed, spurious = score_document(gold, predicted, scores)
    assert scores.total("exact").as_dict()["matched"] == 1
    assert scores.total("lenient").as_dict()["matched"] == 2
    assert scores.exact["Person"].predicted == 2 and scores.lenient["Organisation"].gold == 1
    assert missed == [] and spurious == [Entity(30, 35, "Person")]


def test_evaluate_on_the_example(tmp_path, analyzer):
    write_folder(tmp_path)
    result = evaluate_re3d(tmp_path, analyzer)
    newsgraph = result.scores["newsgraph"]
    assert newsgraph.lenient["Person"].matched == 1
    assert newsgraph.lenient["Organisation"].matched == 1  # "Taliban" inside "the Taliban"
    assert newsgraph.exact["Nationality"].matched == 1  # the demonym, from the knowledge base


@pytest.mark.data
@pytest.mark.slow
def test_actor_layer_beats_bare_spacy_on_re3d(shared_data, analyzer):
    folder = shared_data / "re3d"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    result = evaluate_re3d(folder, analyzer, limit=30)
    ours, spacy = result.scores["newsgraph"], result.scores["spacy"]
    for mode in ("exact", "lenient"):
        assert ours.total(mode).f1 > spacy.total(mode).f1
    assert ours.lenient["Person"].f1 > spacy.lenient["Person"].f1
    assert ours.lenient["Organisation"].f1 > spacy.lenient["Organisation"].f1
