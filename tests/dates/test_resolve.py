"""Time expressions resolved against the article date, one test per form."""

import datetime as dt

import pytest

from newsgraph.extract.dates import When, article_date, find_dateline, resolve

D = dt.date
THURSDAY = D(2023, 12, 14)  # the article date of most cases: Thursday 14 December 2023


def r(expression, article=THURSDAY, tense="past"):
    when = resolve(expression, article, tense)
    return (when.date, when.precision) if when else None


# ------------------------------------------------------------------ weekdays
@pytest.mark.parametrize("expression, expected", [
    ("Tuesday", D(2023, 12, 12)),
    ("on Tuesday", D(2023, 12, 12)),
    ("on Monday night", D(2023, 12, 11)),
    ("Monday morning", D(2023, 12, 11)),
    ("on Wednesday evening", D(2023, 12, 13)),
    ("Friday", D(2023, 12, 8)),  # past tense: the Friday before, not the one after
    ("Saturday's night", D(2023, 12, 9)),
])
def test_bare_weekday_in_a_past_clause_is_the_latest_such_day_before(expression, expected):
    assert r(expression) == (expected, "day")


def test_bare_weekday_on_the_article_day_is_that_day():
    assert r("on Thursday") == (THURSDAY, "day")


def test_bare_weekday_in_a_future_clause_is_the_next_such_day():
    assert r("on Tuesday", tense="future") == (D(2023, 12, 19), "day")
    assert r("on Friday", tense="future") == (D(2023, 12, 15), "day")
    assert r("on Thursday", tense="future") == (THURSDAY, "day")


def test_weekday_with_unknown_tense_reads_as_past():
    assert r("on Tuesday", tense=None) == (D(2023, 12, 12), "day")


def test_weekday_in_a_present_clause_reads_as_past():
    assert r("on Monday", tense="present") == (D(2023, 12, 11), "day")


def test_last_weekday_is_strictly_before():
    assert r("last Thursday") == (D(2023, 12, 7), "day")
    assert r("last Tuesday") == (D(2023, 12, 12), "day")


def test_next_weekday_is_strictly_after():
    assert r("next Thursday", tense="future") == (D(2023, 12, 21), "day")
    assert r("next Monday", tense="future") == (D(2023, 12, 18), "day")


def test_weekday_with_time_of_day():
    assert r("Sunday night") == (D(2023, 12, 10), "day")


# ------------------------------------------------------------------ days relative to today
@pytest.mark.parametrize("expression, offset", [
    ("yesterday", -1), ("Yesterday", -1), ("yesterday morning", -1), ("last night", -1),
    ("today", 0), ("earlier today", 0), ("this morning", 0), ("tonight", 0), ("this evening", 0),
    ("tomorrow", 1), ("the day before yesterday", -2), ("the day after tomorrow", 2),
])
def test_days_relative_to_the_article_date(expression, offset):
    assert r(expression) == (THURSDAY + dt.timedelta(days=offset), "day")


@pytest.mark.parametrize("expression, expected", [
    ("two days ago", (D(2023, 12, 12), "day")),
    ("2 days ago", (D(2023, 12, 12), "day")),
    ("a day ago", (D(2023, 12, 13), "day")),
    ("ten days ago", (D(2023, 12, 4), "day")),
    ("three weeks ago", (D(2023, 11, 20), "week")),
    ("a week ago", (D(2023, 12, 4), "week")),
    ("a month ago", (D(2023, 11, 1), "month")),
    ("six months ago", (D(2023, 6, 1), "month")),
    ("a year ago", (D(2022, 1, 1), "year")),
    ("two years ago", (D(2021, 1, 1), "year")),
    ("a decade ago", (D(2013, 1, 1), "year")),
    ("a few days ago", (D(2023, 12, 11), "week")),
    ("several weeks ago", (D(2023, 11, 1), "month")),
])
def test_ago(expression, expected):
    assert r(expression) == expected


# ------------------------------------------------------------------ weeks, months, years relative
@pytest.mark.parametrize("expression, expected", [
    ("last week", (D(2023, 12, 4), "week")),
    ("the past week", (D(2023, 12, 4), "week")),
    ("this week", (D(2023, 12, 11), "week")),
    ("earlier this week", (D(2023, 12, 11), "week")),
    ("next week", (D(2023, 12, 18), "week")),
    ("last weekend", (D(2023, 12, 9), "week")),
    ("over the weekend", (D(2023, 12, 9), "week")),
    ("last month", (D(2023, 11, 1), "month")),
    ("earlier this month", (D(2023, 12, 1), "month")),
    ("this month", (D(2023, 12, 1), "month")),
    ("later this month", (D(2023, 12, 1), "month")),
    ("next month", (D(2024, 1, 1), "month")),
    ("last year", (D(2022, 1, 1), "year")),
    ("late last year", (D(2022, 1, 1), "year")),
    ("the end of last year", (D(2022, 1, 1), "year")),
    ("earlier this year", (D(2023, 1, 1), "year")),
    ("this year", (D(2023, 1, 1), "year")),
    ("next year", (D(2024, 1, 1), "year")),
])
def test_periods_relative_to_the_article_date(expression, expected):
    assert r(expression) == expected


def test_last_week_across_a_year_boundary():
    assert r("last week", article=D(2024, 1, 3)) == (D(2023, 12, 25), "week")


def test_last_month_in_january_is_december_of_the_year_before():
    assert r("last month", article=D(2024, 1, 15)) == (D(2023, 12, 1), "month")


def test_last_weekend_on_a_saturday_is_the_saturday_before():
    assert r("last weekend", article=D(2023, 12, 16)) == (D(2023, 12, 9), "week")


# ------------------------------------------------------------------ named months
@pytest.mark.parametrize("expression, article, expected", [
    ("last June", THURSDAY, D(2023, 6, 1)),
    ("last June", D(2023, 6, 20), D(2022, 6, 1)),  # in June, "last June" is a year back
    ("last June", D(2024, 3, 1), D(2023, 6, 1)),
    ("last December", THURSDAY, D(2022, 12, 1)),
    ("this June", D(2024, 3, 1), D(2024, 6, 1)),
    ("next March", THURSDAY, D(2024, 3, 1)),
    ("June of last year", THURSDAY, D(2022, 6, 1)),
    ("June 2017", THURSDAY, D(2017, 6, 1)),
    ("in June 2017", THURSDAY, D(2017, 6, 1)),
    ("in mid-June", THURSDAY, D(2023, 6, 1)),
    ("early June", THURSDAY, D(2023, 6, 1)),
    ("late Sept.", THURSDAY, D(2023, 9, 1)),
])
def test_named_months(expression, article, expected):
    assert r(expression, article=article) == (expected, "month")


def test_month_without_year_follows_the_tense():
    assert r("in March", tense="past") == (D(2023, 3, 1), "month")
    assert r("in March", tense="future") == (D(2024, 3, 1), "month")
    assert r("in December", tense="past") == (D(2023, 12, 1), "month")
    assert r("in December", tense="future") == (D(2023, 12, 1), "month")
    assert r("in January", tense=None) == (D(2024, 1, 1), "month")  # nearest
    assert r("in November", tense=None) == (D(2023, 11, 1), "month")


def test_the_modal_may_is_not_a_month():
    assert resolve("may", THURSDAY, "past") is None
    assert r("in May") == (D(2023, 5, 1), "month")


# ------------------------------------------------------------------ days of months
@pytest.mark.parametrize("expression, expected", [
    ("on April 21", D(2023, 4, 21)),
    ("April 21st", D(2023, 4, 21)),
    ("21 April", D(2023, 4, 21)),
    ("the 21st of April", D(2023, 4, 21)),
    ("Dec. 3", D(2023, 12, 3)),
    ("Dec 3", D(2023, 12, 3)),
    ("December 3, 2019", D(2019, 12, 3)),
    ("3 December 2019", D(2019, 12, 3)),
    ("on December 20", D(2022, 12, 20)),  # past tense: not after the article date
    ("2023-11-02", D(2023, 11, 2)),
])
def test_days_of_months(expression, expected):
    assert r(expression) == (expected, "day")


def test_day_of_month_follows_the_tense():
    assert r("on December 20", tense="future") == (D(2023, 12, 20), "day")
    assert r("on January 5", tense="future") == (D(2024, 1, 5), "day")
    assert r("on January 5", tense=None) == (D(2024, 1, 5), "day")  # nearest
    assert r("on December 1", tense=None) == (D(2023, 12, 1), "day")


def test_impossible_days_are_not_dates():
    assert resolve("February 30, 2023", THURSDAY) is None
    assert resolve("April 41", THURSDAY) is None


def test_february_29_without_year_finds_a_leap_year():
    assert r("on February 29", article=D(2024, 3, 10)) == (D(2024, 2, 29), "day")


# ------------------------------------------------------------------ years
@pytest.mark.parametrize("expression", ["in 2017", "2017", "during 2017", "the year 2017", "early 2017", "since 2017"])
def test_years(expression):
    assert r(expression) == (D(2017, 1, 1), "year")


@pytest.mark.parametrize("expression", ["for two years", "the 1990s", "decades", "recent years", "3,000", "weekly", ""])
def test_not_points_in_time(expression):
    assert resolve(expression, THURSDAY, "past") is None


# ------------------------------------------------------------------ When
def test_when_iso_by_precision():
    assert When(D(2023, 12, 12), "day").iso() == "2023-12-12"
    assert When(D(2023, 12, 11), "week").iso() == "2023-12-11"
    assert When(D(2023, 12, 1), "month").iso() == "2023-12"
    assert When(D(2023, 1, 1), "year").iso() == "2023"


# ------------------------------------------------------------------ the dateline and the article date
@pytest.mark.parametrize("text, place, day", [
    ("ISLAMABAD, Dec 3, 2023 (Reuters) - Officials said", "ISLAMABAD", D(2023, 12, 3)),
    ("ISLAMABAD, Dec 3 (Reuters) - Officials said", "ISLAMABAD", None),
    ("TEHRAN – Iran's foreign minister said", "TEHRAN", None),
    ("TEHRAN, Dec. 14 (MNA) – The spokesman", "TEHRAN", None),
    ("KABUL, December 14, 2023 — The Taliban", "KABUL", D(2023, 12, 14)),
    ("DERA ISMAIL KHAN, Pakistan (AP) — Gunmen", "DERA ISMAIL KHAN", None),
    ("PESHAWAR: Police said", "PESHAWAR", None),
])
def test_datelines(text, place, day):
    dateline = find_dateline(text)
    assert dateline is not None
    assert dateline.place == place
    assert text[dateline.place_start:dateline.place_end] == place
    assert dateline.date == day


@pytest.mark.parametrize("text", [
    "The caretaker prime minister said on Tuesday.",
    "Pakistan - a country of 240 million - said",
    "Officials in Kabul said - without evidence - that",
])
def test_no_dateline(text):
    assert find_dateline(text) is None


def test_article_date_prefers_metadata():
    assert article_date(D(2023, 12, 1), "KABUL, December 14, 2023 — The Taliban") == (D(2023, 12, 1), "metadata")
    assert article_date(None, "KABUL, December 14, 2023 — The Taliban") == (D(2023, 12, 14), "dateline")
    assert article_date(None, "Officials said on Tuesday.") == (None, None)


def test_a_date_line_alone_at_the_top():
    assert article_date(None, "December 14, 2023\nOfficials said on Tuesday.") == (D(2023, 12, 14), "dateline")
