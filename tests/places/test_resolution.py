"""Resolution accuracy on the project's own annotated articles (tests/places/fixtures)."""

from pathlib import Path

from fixtures_reader import read_fixtures, score_resolution

FIXTURES = Path(__file__).parent / "fixtures"


def test_annotated_articles_resolve(analyzer):
    total = correct = 0
    misses = []
    for article in read_fixtures(FIXTURES):
        analysis = analyzer.analyze(article.text, date=article.date)
        result = score_resolution(article, analysis.places)
        total += result.total
        correct += result.correct
        misses += [f"{article.name}: {m}" for m in result.misses]
    assert total >= 40
    assert correct / total >= 0.9, misses
