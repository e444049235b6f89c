"""The Python API: newsgraph.analyze, Analysis.to_dict / to_json, long and odd texts."""

from __future__ import annotations

import json

import pytest

import newsgraph
from newsgraph.errors import InputError
from newsgraph.pipeline import Analyzer, _chunks


def test_analyze_returns_analysis_with_metadata():
    text = "Iran and Pakistan agreed to open a new border crossing, officials said."
    analysis = newsgraph.analyze(text, title="Border", date="2022-03-01", source="Test Wire", url="https://example.org/a")
    data = analysis.to_dict()
    assert data["schema"] == newsgraph.SCHEMA
    assert data["document"]["title"] == "Border" and data["document"]["date"] == "2022-03-01"
    assert data["document"]["id"].startswith("doc-")
    assert json.loads(analysis.to_json())["document"]["url"] == "https://example.org/a"
    assert {a.id for a in analysis.actors} >= {"iran", "pakistan"}


def test_same_text_same_ids():
    text = "Military analyst Tariq Mahmood Awan said the army had moved troops to Kurram."
    first, second = newsgraph.analyze(text), newsgraph.analyze(text)
    assert first.document.id == second.document.id
    assert [a.id for a in first.actors] == [a.id for a in second.actors]


def test_empty_text_is_an_empty_analysis():
    analysis = newsgraph.analyze("")
    assert analysis.actors == [] and analysis.quotes == [] and analysis.events == []


def test_not_text_is_refused():
    with pytest.raises(InputError):
        newsgraph.analyze(b"bytes are not text")  # type: ignore[arg-type]


def test_chunks_cover_the_text_exactly():
    text = ("A paragraph about Kabul.\n\n" * 50) + ("word " * 500)
    pieces = _chunks(text, 300)
    assert "".join(pieces) == text
    assert all(len(piece) <= 300 for piece in pieces)


def test_long_text_is_parsed_in_pieces_with_offsets_kept(analyzer: Analyzer):
    paragraph = "Pakistan's foreign minister met his Iranian counterpart in Tehran on Monday.\n\n"
    text = paragraph * 1500  # about 120,000 characters: more than one parsing piece
    analysis = analyzer.analyze(text)
    pakistan = analysis.actor("pakistan")
    assert pakistan is not None and len(pakistan.mentions) >= 1000
    assert all(text[m.start : m.end] == m.text for m in pakistan.mentions)
