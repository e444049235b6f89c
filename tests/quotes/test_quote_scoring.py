"""Scoring quotes: against gold files (FORMAT.md) and against PolNeAR-style JSON Lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli.evaluate import eval_command
from newsgraph.errors import InputError
from newsgraph.evaluate.actors import align_actors
from newsgraph.evaluate.gold import load_gold
from newsgraph.evaluate.polnear import PolnearResult, load_polnear, score_article
from newsgraph.evaluate.quotes import gold_quotes, overlaps_enough, score_quotes, words
from newsgraph.model import Actor, Analysis, Document, Mention, Quote

ARTICLE = (
    "Minister Yusuf Amini said that the pipeline would be finished by March. "
    "“We are ready to start pumping gas,” Amini told reporters. "
    "Critics say the project is too expensive."
)

GOLD = """
id: test-quotes
text_file: article.txt
actors:
  - {id: amini, name: Yusuf Amini, type: person, mentions: [Minister Yusuf Amini, Amini]}
  - {id: critics, name: critics, type: group, mentions: [Critics]}
quotes:
  - {speaker: amini, kind: indirect, cue: said, text: the pipeline would be finished by March}
  - {speaker: amini, kind: direct, cue: told, text: "We are ready to start pumping gas,"}
  - {speaker: critics, kind: indirect, cue: say, text: the project is too expensive}
"""


@pytest.fixture
def gold_file(tmp_path) -> Path:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    path = tmp_path / "article.gold.yaml"
    path.write_text(GOLD, encoding="utf-8")
    return path


def analysis_with(quotes: list[Quote]) -> Analysis:
    def mention(text):
        start = ARTICLE.index(text)
        return Mention(start, start + len(text), text, "name")

    actors = [
        Actor("yusuf-amini", "Yusuf Amini", "person", mentions=[mention("Yusuf Amini"), mention("Amini told")]),
        Actor("critics", "critics", "group", mentions=[mention("Critics")]),
        Actor("someone", "Someone Else", "person", mentions=[]),
    ]
    return Analysis(Document("test-quotes"), ARTICLE, actors=actors, quotes=quotes)


def quote(text: str, speaker: str | None, kind: str = "indirect") -> Quote:
    start = ARTICLE.index(text)
    return Quote(speaker, None, None, kind, text, start, start + len(text))


def test_lenient_rule_is_half_of_the_longer_span():
    a = words(ARTICLE, 0, len(ARTICLE))
    start = ARTICLE.index("the pipeline")
    whole = words(ARTICLE, start, start + len("the pipeline would be finished by March"))
    half = words(ARTICLE, start, start + len("the pipeline would"))
    assert len(whole) == 7 and len(half) == 3
    assert not overlaps_enough(whole, half)  # 3 of 7
    more = words(ARTICLE, start, start + len("the pipeline would be"))
    assert overlaps_enough(whole, more)  # 4 of 7
    assert overlaps_enough(a, a)


def test_gold_quotes_are_placed_in_the_text(gold_file):
    quotes = gold_quotes(load_gold(gold_file))
    assert [ARTICLE[q.start : q.end] for q in quotes] == [q.text for q in quotes]


def test_a_gold_quote_that_is_not_in_the_text_is_a_clear_error(gold_file):
    gold_file.write_text(GOLD.replace("the project is too expensive", "the project is cheap"), encoding="utf-8")
    with pytest.raises(InputError, match="quote 3 is not a substring of the article"):
        gold_quotes(load_gold(gold_file))


def test_scores_matches_exact_spans_and_speakers(gold_file):
    gold = load_gold(gold_file)
    analysis = analysis_with([
        quote("the pipeline would be finished by March", "yusuf-amini"),  # exact, right speaker
        quote("We are ready to start pumping", "someone", "direct"),  # lenient only, wrong speaker
        quote("Critics say", None),  # spurious
    ])
    score = score_quotes(gold, analysis, align_actors(gold, analysis))
    assert (score.prf.matched, score.prf.predicted, score.prf.gold) == (2, 3, 3)
    assert score.exact.matched == 1
    assert score.speaker_right == 1 and score.attribution.matched == 1
    assert [q.text for q in score.missed] == ["the project is too expensive"]
    assert [q.text for q in score.spurious] == ["Critics say"]
    assert [(g.speaker, p.speaker) for g, p in score.wrong_speaker] == [("amini", "someone")]


def test_eval_scores_the_real_analysis(gold_file, analyzer):
    from newsgraph.evaluate.runner import evaluate

    [result] = evaluate([gold_file], analyzer)
    assert result.quotes.prf.matched == 3
    assert result.quotes.speaker_right == 3


def test_eval_command_prints_a_quotes_table_and_errors(gold_file):
    runner = CliRunner()
    result = runner.invoke(eval_command, [str(gold_file), "--verbose"])
    assert result.exit_code == 0, result.output
    assert "Quotes" in result.output and "speaker acc" in result.output
    result = runner.invoke(eval_command, [str(gold_file), "--json"])
    data = json.loads(result.output)
    assert data["quotes"]["lenient"]["gold"] == 3
    assert set(data["documents"][0]["quotes"]) == {"lenient", "exact", "attribution", "speaker_accuracy"}


# ---------------------------------------------------------------------- PolNeAR
POLNEAR_TEXT = "The senator said the vote would be close.\n\n“We will win,” Ms. Noor told supporters."


def polnear_file(tmp_path: Path) -> Path:
    def span(text, after=0):
        start = POLNEAR_TEXT.index(text, after)
        return {"start": start, "end": start + len(text), "text": text}

    record = {
        "doc": "test-1", "annotator": "a", "text": POLNEAR_TEXT,
        "attributions": [
            {"id": "E1", "type": "Attribution", "source": [span("The senator")], "cue": [span("said")], "content": [span("the vote would be close")]},
            {"id": "E2", "type": "Attribution", "source": [span("Ms. Noor")], "cue": [span("told")], "content": [span("“We will win,”")]},
        ],
    }
    path = tmp_path / "polnear.jsonl"
    path.write_text(json.dumps(record) + "\n" + json.dumps(record | {"annotator": "b"}) + "\n", encoding="utf-8")
    return path


def test_polnear_reading_keeps_one_annotation_per_article(tmp_path):
    articles = load_polnear(polnear_file(tmp_path))
    assert len(articles) == 1 and len(articles[0].attributions) == 2


def test_polnear_bad_line_is_a_clear_error(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"doc": "x", "text": "t", "attributions": []}\n{not json\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.jsonl:2: not a PolNeAR record"):
        load_polnear(path)


def test_polnear_roles_scored_on_their_own(tmp_path):
    article = load_polnear(polnear_file(tmp_path))[0]
    result = PolnearResult(tmp_path)
    start = POLNEAR_TEXT.index("The senator")
    predicted = [
        {"source": [(start, start + len("The senator"))], "cue": [(POLNEAR_TEXT.index("said"), POLNEAR_TEXT.index("said") + 4)],
         "content": [(POLNEAR_TEXT.index("the vote"), POLNEAR_TEXT.index("the vote") + len("the vote would"))]},
    ]
    score_article(article, predicted, result)
    assert result.roles["source"].exact.matched == 1 and result.roles["source"].exact.gold == 2
    assert result.roles["cue"].exact.matched == 1
    # "the vote would" is 3 of the 5 gold tokens: lenient, not exact
    assert result.roles["content"].exact.matched == 0 and result.roles["content"].lenient.matched == 1
    assert result.errors[0].missed["source"]


def test_polnear_end_to_end_reads_predictions_in_its_conventions(tmp_path, analyzer):
    from newsgraph.evaluate.polnear import evaluate_polnear

    result = evaluate_polnear(polnear_file(tmp_path), analyzer)
    for role in ("source", "cue", "content"):
        score = result.roles[role].exact
        assert (score.matched, score.gold) == (2, 2), role


def test_polnear_reading_a_relative_clause_cue_has_its_pronoun_as_source(analyzer):
    from newsgraph.evaluate.polnear import predicted_attributions

    text = "The mayor, who said the bridge was unsafe, closed it on Monday."
    doc = analyzer.parse(text)
    (attribution,) = predicted_attributions(doc)
    assert [text[a:b] for a, b in attribution["source"]] == ["who"]


def test_polnear_held_out_part_is_fixed_by_the_ids():
    from newsgraph.evaluate.polnear import Article, held_out

    articles = [Article(f"doc-{n}", "", []) for n in range(200)]
    part = held_out(articles)
    assert 5 <= len(part) <= 40 and held_out(list(reversed(articles))) == list(reversed(part))


def test_polnear_narrated_acts_are_attributions_there(tmp_path, analyzer):
    from newsgraph.evaluate.polnear import evaluate_polnear

    text = "The farmers' union backed the new water plan on Monday."
    start = text.index("the new water plan")
    record = {"doc": "t", "annotator": "a", "text": text, "attributions": [
        {"source": [{"start": 0, "end": 17}], "cue": [{"start": 18, "end": 24}], "content": [{"start": start, "end": start + 18}]}]}
    path = tmp_path / "acts.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert analyzer.analyze(text).quotes == []
    result = evaluate_polnear(path, analyzer)
    assert result.roles["content"].exact.matched == 1 and result.roles["cue"].exact.matched == 1
    assert analyzer.analyze(text).quotes == []  # the analysis itself is left as it was


def test_eval_polnear_command(tmp_path):
    result = CliRunner().invoke(eval_command, ["--polnear", str(polnear_file(tmp_path)), "--verbose"])
    assert result.exit_code == 0, result.output
    assert "PolNeAR" in result.output and "content" in result.output and "CoreNLP" in result.output


# ---------------------------------------------------------------------- the seed article
@pytest.mark.data
def test_seed_article_all_gold_quotes_with_their_speakers(shared_dir, analyzer):
    from newsgraph.evaluate.runner import evaluate

    path = shared_dir / "seeds" / "000_afaa17abc1b5fc97.gold.yaml"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    [result] = evaluate([path], analyzer)
    assert result.quotes.prf.gold == 15
    assert result.quotes.prf.matched == 15
    assert result.quotes.speaker_right == 15, [(g.text[:40], p.speaker) for g, p in result.quotes.wrong_speaker]
