"""`analyze`, fed anything: an `Analysis` whose every offset points at its text
(`text[start:end] == item.text`), or an `InputError`; never another exception.

The texts are short (the pipeline is slow) and mix words of news sentences, written for
this test, with punctuation, quote marks and characters that break naive code."""

from __future__ import annotations

import json

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from newsgraph import analyze
from newsgraph.errors import InputError

WORDS = [
    "Pakistan", "India", "Afghanistan", "the", "minister", "Foreign", "Minister", "Ahmed", "Khan", "said", "told",
    "reporters", "police", "arrested", "attacked", "condemned", "met", "talks", "in", "Kabul", "on", "Monday",
    "border", "army", "Taliban", "TTP", "UN", "he", "she", "they", "would", "not", "denied", "that", "and", "of",
    "2024", "5,000", "troops", "protesters", "government", "spokesman", "Islamabad", "New", "Delhi", "accused",
    "according", "to", "sources", "U.S.", "Mr.", "Dr.", "President", "Biden", "ceasefire", "agreed", "sanctions",
]
MARKS = [".", ",", ";", ":", "!", "?", '"', "'", "“", "”", "‘", "’", "«", "»", "(", ")", "-", "—", "\n", "\n\n", " "]
ODD = ["\ud800", "\x00", "\u200b", "\ufeff", "\x85", "\u2028", "\t", "\r\n", "é", "\U0001f600", "İ", "ß", "ﬁ", "Ⅻ"]
token = st.one_of(st.sampled_from(WORDS).map(lambda word: word + " "), st.sampled_from(MARKS), st.sampled_from(ODD),
                  st.characters(exclude_categories=()))
texts = st.lists(token, max_size=45).map("".join)
metadata = st.none() | st.sampled_from(["Talks", "\ud800", "", " ", "2024-13-45", "2024-02-29", "x\x00y"])


def offsets_hold(value, text: str, where: str = "analysis") -> int:
    """Checks every {start, end, text} in the analysis' JSON form; how many there were."""
    count = 0
    if isinstance(value, dict):
        if isinstance(value.get("start"), int) and isinstance(value.get("end"), int) and isinstance(value.get("text"), str):
            assert 0 <= value["start"] <= value["end"] <= len(text), where
            assert text[value["start"]:value["end"]] == value["text"], where
            count += 1
        for key, item in value.items():
            count += offsets_hold(item, text, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            count += offsets_hold(item, text, f"{where}[{index}]")
    return count


@pytest.mark.slow
@given(texts, metadata, metadata)
@example("Pakistan said \ud800 it would talk.", None, None)  # found by this test: UnicodeEncodeError
@example("", "\ud800", None)  # found by this test: an analysis whose JSON could not be written
def test_analyze_keeps_offsets_or_refuses_with_an_input_error(text, title, date):
    try:
        analysis = analyze(text, title=title, date=date)
    except InputError as error:
        assert "\n" not in str(error)
        return
    data = analysis.to_dict(include_text=True)
    assert data["text"] == text
    offsets_hold(data, text)
    json.dumps(data, ensure_ascii=False).encode("utf-8")  # the JSON form can be written out


def test_offsets_hold_sees_a_bad_offset():
    """The checker itself fails on an offset that does not point at its text."""
    good = {"actors": [{"mentions": [{"start": 0, "end": 8, "text": "Pakistan"}]}]}
    assert offsets_hold(good, "Pakistan said") == 1
    with pytest.raises(AssertionError):
        offsets_hold({"quotes": [{"start": 1, "end": 9, "text": "Pakistan"}]}, "Pakistan said")
