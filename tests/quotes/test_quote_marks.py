"""Finding quotations by their marks (no parse involved): every quoting style, and the
apostrophes that are not quotation marks."""

from __future__ import annotations

import pytest

from newsgraph.extract.quote_marks import find_quotations


def quoted(text: str) -> list[str]:
    return [span.text(text) for span in find_quotations(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("“The border is closed,” the minister said.", ["The border is closed,"]),
        ('"The border is closed," the minister said.', ["The border is closed,"]),
        ("‘The border is closed,’ the minister said.", ["The border is closed,"]),
        ("'The border is closed,' the minister said.", ["The border is closed,"]),
        ("«The border is closed», the minister said.", ["The border is closed"]),
        ("``The border is closed,'' the minister said.", ["The border is closed,"]),
        ("„The border is closed“, the minister said.", ["The border is closed"]),
    ],
)
def test_every_quoting_style(text, expected):
    assert quoted(text) == expected


def test_mixed_marks_pair_up():
    text = '“Talks will resume" he said, and "we are ready” she replied.'
    assert quoted(text) == ["Talks will resume", "we are ready"]


@pytest.mark.parametrize(
    "text",
    [
        "The fund pays for women’s shelters and girls’ schools in the valley.",
        "The farmers' union and the workers’ council met on Monday.",
        "In the ’90s the province's roads were rebuilt; don’t ask why.",
        "Rock 'n roll is not what the governor’s aides listen to.",
    ],
)
def test_apostrophes_are_not_quotation_marks(text):
    assert quoted(text) == []


def test_apostrophes_inside_a_quotation_stay_in_it():
    text = "“We support women’s rights and girls’ education,” she said."
    assert quoted(text) == ["We support women’s rights and girls’ education,"]


def test_possessive_after_a_single_quotation_does_not_close_it_early():
    text = "He called it ‘the people’s victory’ on Sunday."
    assert quoted(text) == ["the people’s victory"]


def test_nested_quotations_are_content_of_the_outer_one():
    text = "“They told us ‘leave now’ and we left,” a farmer said."
    assert quoted(text) == ["They told us ‘leave now’ and we left,"]
    text = '"The agency is not about “fair play” any more," she said.'
    assert quoted(text) == ["The agency is not about “fair play” any more,"]
    text = "\"Think ''Casablanca'' meets ''Heat.''\" the critic wrote."
    assert quoted(text) == ["Think ''Casablanca'' meets ''Heat.''"]


def test_unbalanced_quotation_ends_at_its_paragraph():
    text = "He said “the army will not withdraw and the talks are over.\nA second paragraph follows."
    spans = find_quotations(text)
    assert [s.text(text) for s in spans] == ["the army will not withdraw and the talks are over."]
    assert not spans[0].closed


def test_a_second_opening_mark_ends_an_unclosed_quotation():
    text = "She said “we will stay. Then she added “nothing has changed”."
    assert quoted(text) == ["we will stay. Then she added", "nothing has changed"]


def test_quotation_running_on_into_the_next_paragraph():
    text = "“We have asked for help for months.\n“Nobody came,” the mayor said."
    spans = find_quotations(text)
    assert [s.text(text) for s in spans] == ["We have asked for help for months.", "Nobody came,"]
    assert not spans[0].closed and spans[1].continues_previous


def test_offsets_point_into_the_text():
    text = "Before. “First part,” he said. “Second part.”"
    for span in find_quotations(text):
        assert text[span.start : span.end] == span.text(text)
        assert text[span.open_start] == "“"
        assert text[span.close_end - 1] == "”"


def test_an_inch_mark_is_not_a_quotation():
    assert quoted('The 12" pipe burst, officials said.') == []


def test_the_mark_that_opens_a_transcript_turn_opens_no_quotation():
    text = "From the broadcast:\n\n\"HALE: The minister keeps calling the drought a “passing phase.” It is not.\n\n\"RUIZ: Thank you."
    assert [q.text(text) for q in find_quotations(text)] == ["passing phase."]
