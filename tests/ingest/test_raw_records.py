import datetime as dt

import pytest

from newsgraph.errors import InputError
from newsgraph.ingest.records import RawArticle, normalize_date, one_line


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2023-12-14", "2023-12-14"),
        ("2023-12-14T08:00:00Z", "2023-12-14"),
        ("2023-12-14T23:30:00+05:00", "2023-12-14"),
        ("2023/12/4", "2023-12-04"),
        ("Thu, 14 Dec 2023 08:00:00 GMT", "2023-12-14"),
        (dt.date(2021, 1, 2), "2021-01-02"),
        (dt.datetime(2021, 1, 2, 10, 0), "2021-01-02"),
        (1700000000, "2023-11-14"),
        (None, None),
        ("", None),
        ("   ", None),
    ],
)
def test_normalize_date_accepts_what_inputs_carry(value, expected):
    assert normalize_date(value) == expected


@pytest.mark.parametrize("value", ["yesterday", "14/12/2023", "2023-13-45", True, ["2023-01-01"]])
def test_normalize_date_refuses_what_is_not_a_date(value):
    with pytest.raises(ValueError):
        normalize_date(value)


def test_bad_record_reason_is_one_line():
    raw = RawArticle.bad("feed.xml#3", "first line\nsecond   line\tthird")
    assert raw.error == "first line second line third"
    assert not raw.ok
    assert "\n" not in one_line("a\n" * 1000) and len(one_line("a " * 1000)) <= 300


def test_to_article_carries_the_fields():
    raw = RawArticle(text="Body.", origin="a.jsonl:line 1", id="7", title="T", date="2024-01-02",
                     source="S", url="https://example.org/x", author="A")
    article = raw.to_article()
    assert (article.text, article.id, article.title, article.date, article.source, article.url) == (
        "Body.", "7", "T", "2024-01-02", "S", "https://example.org/x")


def test_to_article_refuses_a_bad_record_naming_where_it_is():
    raw = RawArticle.bad("dump.jsonl:line 12", "not valid JSON")
    with pytest.raises(InputError, match=r"^dump.jsonl:line 12: not valid JSON$"):
        raw.to_article()
