"""Dates: the article's date, and time expressions resolved against it.

The pure functions here do the work and are tested form by form:

- `find_dateline(text)`: the dateline that opens a wire story ("ISLAMABAD, Dec 3 (Reuters) -",
  "TEHRAN –", "KABUL, December 14, 2023 —"): its place and, when it carries one, its date;
- `article_date(metadata, text)`: the article's date from its metadata, else its dateline;
- `resolve(expression, article_date, tense)`: one time expression ("on Tuesday", "last June",
  "on April 21", "in 2017", "yesterday", "two days ago", "earlier this month", "last week")
  as a `When`: the first day of the period meant and its precision (day | week | month |
  year);
- `find_expressions(doc, article_date)`: the resolved time expressions of a parsed text
  (spaCy's DATE and TIME entities plus the forms above that the model misses), each with
  the tense of the clause it belongs to;
- `event_date(token, expressions, article_date)`: the date of the event whose clause is
  headed by `token`: the time expression attached to that clause, else the article date,
  marked as a fallback.

Reading rules, as English news uses them (AP style):
- a bare weekday ("on Tuesday") is the latest such day on or before the article date in a
  past or present clause (the day itself when the article appeared that day), the next on
  or after it in a future clause; "last Tuesday" is strictly before, "next Tuesday" strictly
  after;
- a month without a year ("in June", "on April 21") is the latest one on or before the
  article date in a past clause, the next one in a future clause, and the nearest one when
  the tense is unknown; "last June" is the latest June before the current month;
- "last week" is the Monday of the week before the article's week (precision week),
  "last month" and "last year" the month or year before the article's.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from .syntax import doc_text

PRECISIONS = ("day", "week", "month", "year")

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "a couple of": 2, "couple of": 2, "few": 3, "a few": 3, "several": 3,
}
VAGUE_NUMBERS = frozenset({"few", "a few", "several"})
COARSER = {"day": "week", "week": "month", "month": "year", "year": "year"}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_NUMBER = r"(?P<number>\d+|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + r")"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
# Words before an expression that do not change it.
_LEAD = re.compile(
    r"^(?:(?:on|in|during|at|by|over|from|since|until|till|as of|as early as|as late as|"
    r"earlier|later|late|early|mid|the|of|around|about|until|on or about)\b\s*)+",
)


@dataclass(frozen=True)
class When:
    """A resolved time: the first day of the period and how precise it is."""

    date: dt.date
    precision: str  # day | week | month | year
    text: str = ""
    fallback: bool = False  # the article date, used because the text gives none

    def iso(self) -> str:
        """"2023-12-12" for a day or a week (its Monday), "2023-12" for a month, "2023" for a year."""
        if self.precision == "year":
            return f"{self.date.year:04d}"
        if self.precision == "month":
            return f"{self.date.year:04d}-{self.date.month:02d}"
        return self.date.isoformat()


# ---------------------------------------------------------------------------- calendar steps

def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def weekday_on_or_before(day: dt.date, weekday: int) -> dt.date:
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)


def weekday_on_or_after(day: dt.date, weekday: int) -> dt.date:
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def _month_for(article: dt.date, month: int, direction: str) -> dt.date:
    """The first day of the named month: "past" (latest on or before the article's month),
    "before" (strictly before), "future" (next on or after), "after" (strictly after),
    "this" (in the article's year), "nearest"."""
    this_year = dt.date(article.year, month, 1)
    current = _month_start(article)
    if direction == "this":
        return this_year
    if direction == "past":
        return this_year if this_year <= current else dt.date(article.year - 1, month, 1)
    if direction == "before":
        return this_year if this_year < current else dt.date(article.year - 1, month, 1)
    if direction == "future":
        return this_year if this_year >= current else dt.date(article.year + 1, month, 1)
    if direction == "after":
        return this_year if this_year > current else dt.date(article.year + 1, month, 1)
    options = [dt.date(article.year + k, month, 1) for k in (-1, 0, 1)]
    return min(options, key=lambda d: (abs((d - current).days), d > current))


def _day_for(article: dt.date, month: int, day: int, direction: str) -> dt.date | None:
    """A day of a month without a year: the latest on or before the article date ("past"),
    the next on or after ("future"), or the nearest."""
    options = []
    for year in (article.year - 1, article.year, article.year + 1):
        if day <= calendar.monthrange(year, month)[1]:
            options.append(dt.date(year, month, day))
    if not options:
        return None
    if direction == "past":
        before = [d for d in options if d <= article]
        return max(before) if before else None
    if direction == "future":
        after = [d for d in options if d >= article]
        return min(after) if after else None
    return min(options, key=lambda d: (abs((d - article).days), d > article))


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# ---------------------------------------------------------------------------- resolution

_RE_ISO = re.compile(r"^(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)$")
_RE_RELATIVE_DAY = re.compile(
    r"^(?P<word>today|tonight|yesterday|tomorrow|day before yesterday|day after tomorrow|"
    r"this morning|this afternoon|this evening|last night|overnight|earlier today|later today)"
    r"(?:\s+(?:morning|afternoon|evening|night))?$"
)
_RE_AGO = re.compile(r"^" + _NUMBER + r"\s+(?P<unit>day|week|month|year|decade)s?\s+(?:ago|earlier|before)$")
_RE_WEEKDAY = re.compile(r"^(?:(?P<which>last|this|next|past|coming)\s+)?" + _WEEKDAY + _PART + r"$")
_RE_WEEKDAY_NIGHT = re.compile(r"^" + _WEEKDAY + r"(?:'s)?\s+(?:morning|afternoon|evening|night)$")
_RE_PERIOD = re.compile(
    r"^(?:(?P<which>last|this|next|past|previous|coming|current|the past|the previous|the coming|the current)\s+)"
    r"(?P<unit>week|weekend|month|year)$"
)
_RE_WEEKEND = re.compile(r"^(?:the\s+)?weekend$")
_RE_MONTH_DAY = re.compile(r"^" + _MONTH + r"\s+" + _DAY + r"(?:\s*,?\s*" + _YEAR + r")?$")
_RE_DAY_MONTH = re.compile(r"^" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r"(?:\s*,?\s*" + _YEAR + r")?$")
_RE_MONTH = re.compile(r"^(?:(?P<which>last|this|next|past|coming)\s+)?" + _MONTH + r"(?:\s*,?\s*(?:of\s+)?" + _YEAR + r")?$")
_RE_MONTH_OF_YEAR = re.compile(r"^" + _MONTH + r"\s+(?:of\s+)?(?P<rel>last|this|next)\s+year$")
_RE_YEAR = re.compile(r"^(?:(?:the\s+)?year\s+)?" + _YEAR + r"$")
_RE_END_OF = re.compile(r"^(?:the\s+)?(?:end|start|beginning|middle|first half|second half)\s+of\s+")


def _normalize(expression: str) -> tuple[str, bool]:
    """Lower case, single spaces, leading prepositions and period words dropped.
    Returns the core and whether the expression was about the *earlier/later part* only."""
    text = " ".join(expression.lower().replace("’", "'").replace("mid-", "mid ").split())
    text = text.strip(" ,.;:")
    text = _RE_END_OF.sub("", text)
    core = _LEAD.sub("", text).strip()
    return core, core != text


def resolve(expression: str, article: dt.date, tense: str | None = None) -> When | None:
    """Resolve one time expression relative to the article date.

    `tense` is "past", "present", "future" or None (unknown) for the clause the expression
    belongs to. Returns None for what is not a point in time ("for two years", "the 1990s").
    """
    core, _ = _normalize(expression)
    if not core:
        return None
    text = expression.strip()
    past = tense != "future"

    match = _RE_ISO.match(core)
    if match:
        day = _safe_date(int(match["year"]), int(match["month"]), int(match["day"]))
        return When(day, "day", text) if day else None

    match = _RE_RELATIVE_DAY.match(core)
    if match:
        word = match["word"]
        offset = {"yesterday": -1, "last night": -1, "tomorrow": 1, "day before yesterday": -2,
                  "day after tomorrow": 2}.get(word, 0)
        return When(article + dt.timedelta(days=offset), "day", text)

    match = _RE_AGO.match(core)
    if match:
        number_text = match["number"]
        number = int(number_text) if number_text.isdigit() else NUMBERS[number_text]
        unit = match["unit"]
        if unit == "day":
            day, precision = article - dt.timedelta(days=number), "day"
        elif unit == "week":
            day, precision = _week_start(article - dt.timedelta(weeks=number)), "week"
        elif unit == "month":
            day, precision = _month_start(_add_months(article, -number)), "month"
        elif unit == "year":
            day, precision = dt.date(article.year - number, 1, 1), "year"
        else:  # decade
            day, precision = dt.date(article.year - 10 * number, 1, 1), "year"
        if number_text in VAGUE_NUMBERS:
            precision = COARSER[precision]
            if precision == "week":
                day = _week_start(day)
            elif precision == "month":
                day = _month_start(day)
            elif precision == "year":
                day = dt.date(day.year, 1, 1)
        return When(day, precision, text)

    match = _RE_WEEKDAY.match(core) or _RE_WEEKDAY_NIGHT.match(core)
    if match:
        weekday = WEEKDAYS[match["weekday"]]
        which = match.groupdict().get("which")
        if which in ("last", "past"):
            day = weekday_on_or_before(article - dt.timedelta(days=1), weekday)
        elif which in ("next", "coming"):
            day = weekday_on_or_after(article + dt.timedelta(days=1), weekday)
        elif past:
            day = weekday_on_or_before(article, weekday)
        else:
            day = weekday_on_or_after(article, weekday)
        return When(day, "day", text)

    match = _RE_PERIOD.match(core)
    if match:
        which = match["which"].replace("the ", "")
        step = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1}[which]
        unit = match["unit"]
        if unit == "week":
            return When(_week_start(article) + dt.timedelta(weeks=step), "week", text)
        if unit == "weekend":
            saturday = weekday_on_or_before(article, 5) if step <= 0 else weekday_on_or_after(article, 5)
            if step < 0 and saturday == article:
                saturday -= dt.timedelta(days=7)
            return When(saturday, "week", text)
        if unit == "month":
            return When(_month_start(_add_months(article, step)), "month", text)
        return When(dt.date(article.year + step, 1, 1), "year", text)

    if _RE_WEEKEND.match(core):
        saturday = weekday_on_or_before(article, 5) if past else weekday_on_or_after(article, 5)
        return When(saturday, "week", text)

    match = _RE_MONTH_DAY.match(core) or _RE_DAY_MONTH.match(core)
    if match:
        month, number = MONTHS[match["month"]], int(match["day"])
        if not 1 <= number <= 31:
            return None
        if match["year"]:
            day = _safe_date(int(match["year"]), month, number)
        else:
            day = _day_for(article, month, number, "past" if tense in ("past", "present") else "future" if tense == "future" else "nearest")
        return When(day, "day", text) if day else None

    match = _RE_MONTH_OF_YEAR.match(core)
    if match:
        year = article.year + {"last": -1, "this": 0, "next": 1}[match["rel"]]
        return When(dt.date(year, MONTHS[match["month"]], 1), "month", text)

    match = _RE_MONTH.match(core)
    if match and match["month"] == "may" and not (match["which"] or match["year"]) and "May" not in expression:
        match = None  # the verb "may", not the month
    if match:
        month = MONTHS[match["month"]]
        if match["year"]:
            return When(dt.date(int(match["year"]), month, 1), "month", text)
        which = match["which"]
        if which in ("last", "past"):
            direction = "before"
        elif which in ("next", "coming"):
            direction = "after"
        elif which == "this":
            direction = "this"
        else:
            direction = "past" if tense in ("past", "present") else "future" if tense == "future" else "nearest"
        return When(_month_for(article, month, direction), "month", text)

    match = _RE_YEAR.match(core)
    if match:
        return When(dt.date(int(match["year"]), 1, 1), "year", text)
    return None


# ---------------------------------------------------------------------------- the dateline

@dataclass(frozen=True)
class Dateline:
    """The opening "PLACE, date (Agency) -" of a wire story; offsets into the text."""

    start: int
    end: int
    place: str | None
    place_start: int
    place_end: int
    date: dt.date | None  # only when the dateline gives a full date
    date_text: str | None


_MONTH_WORD = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DATELINE_DATE = (
    r"(?P<date>(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"(?:" + _MONTH_WORD + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?|\d{1,2}\s+" + _MONTH_WORD + r"(?:,?\s+\d{4})?|\d{4}-\d\d-\d\d))"
)
_DATELINE = re.compile(
    r"\A\s*(?P<place>[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+){0,3})"  # TEHRAN, DERA ISMAIL KHAN
    r"(?:\s*,\s*(?P<region>[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2}))?"  # , Pakistan
    r"(?:\s*,?\s*" + _DATELINE_DATE + r")?"
    r"(?:\s*\((?P<agency>[^()\n]{1,40})\))?"
    r"\s*(?P<dash>[-–—:]+|\s-)\s*",
    re.IGNORECASE,
)
_DATE_LINE_ALONE = re.compile(r"\A\s*" + _DATELINE_DATE + r"\s*$", re.IGNORECASE | re.MULTILINE)


def _parse_dateline_date(text: str | None) -> dt.date | None:
    if not text:
        return None
    core = re.sub(r"^(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+", "", text.strip(), flags=re.IGNORECASE)
    probe = dt.date(2000, 1, 1)
    when = resolve(core, probe)
    if when is None or when.precision != "day" or not re.search(r"\d{4}", core):
        return None
    return when.date


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of `text`, if it has one. The place must be written in
    capitals ("TEHRAN", "ISLAMABAD"), as datelines are, or be followed by a date."""
    match = _DATELINE.match(text[:300])
    if match:
        place = match["place"]
        letters = [c for c in place if c.isalpha()]
        capitals = len(letters) >= 3 and all(c.isupper() for c in letters)
        if capitals or match["date"]:
            return Dateline(
                start=match.start("place"),
                end=match.end(),
                place=place.strip(),
                place_start=match.start("place"),
                place_end=match.end("place"),
                date=_parse_dateline_date(match["date"]),
                date_text=match["date"],
            )
    alone = _DATE_LINE_ALONE.match(text[:200])
    if alone:
        day = _parse_dateline_date(alone["date"])
        if day:
            return Dateline(alone.start("date"), alone.end(), None, 0, 0, day, alone["date"])
    return None


def article_date(metadata: dt.date | None, text: str) -> tuple[dt.date | None, str | None]:
    """The article's date and where it came from: "metadata", "dateline" or None."""
    if metadata is not None:
        return metadata, "metadata"
    dateline = find_dateline(text)
    if dateline is not None and dateline.date is not None:
        return dateline.date, "dateline"
    return None, None


# ---------------------------------------------------------------------------- in a parsed text

@dataclass
class TimeExpression:
    """A time expression of the text, resolved: token span [start, end), character offsets."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    when: When | None
    tense: str | None
    head: int  # token index of the word the expression attaches to (its clause's verb when found)

    def to_dict(self) -> dict:
        return {
            "start": self.start_char,
            "end": self.end_char,
            "text": self.text,
            "date": self.when.iso() if self.when else None,
            "precision": self.when.precision if self.when else None,
            "tense": self.tense,
        }


_TEXT_FORMS = re.compile(
    r"\b(?:(?:last|this|next|past|coming)\s+)?" + _WEEKDAY + r"(?:'s)?" + _PART + r"\b"
    r"|\b(?:today|tonight|yesterday|tomorrow|last night)\b"
    r"|\b" + _NUMBER + r"\s+(?:day|week|month|year)s?\s+ago\b"
    r"|\b(?:earlier|later)\s+this\s+(?:week|month|year)\b"
    r"|\b(?:last|this|next|past|previous)\s+(?:week|weekend|month|year)\b",
    re.IGNORECASE,
)
FUTURE_MARKERS = frozenset({"will", "shall", "'ll", "wo"})
FUTURE_LEMMAS = frozenset({"plan", "schedule", "expect", "set", "due", "intend", "aim"})


def clause_tense(token) -> str | None:
    """The tense of the clause headed by `token` (a spaCy token): past, present, future or None."""
    verb = token
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.dep_ == "ROOT":
            break
        if verb.head is verb:
            break
        verb = verb.head
    children = list(verb.children)
    if any(child.lower_ in FUTURE_MARKERS for child in children if child.dep_ in ("aux", "auxpass")):
        return "future"
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_ in FUTURE_LEMMAS:
        return "future"
    if any(child.dep_ in ("aux", "auxpass") and child.tag_ == "VBD" for child in children) or verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBN" and any(child.lower_ in ("has", "have", "had") for child in children):
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or any(child.tag_ in ("VBZ", "VBP") for child in children if child.dep_ in ("aux", "auxpass")):
        return "present"
    if verb.tag_ == "VB" and head is not verb:
        return clause_tense(head) if head.i != verb.i else None
    return None


def _attachment(span) -> int:
    """The token a time expression modifies: the verb of its clause when there is one."""
    root = span.root
    head = root.head
    if root.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    return head.i


def find_expressions(doc, article: dt.date | None) -> list[TimeExpression]:
    """The time expressions of a parsed text, resolved against the article date (left
    unresolved without one)."""
    spans: dict[tuple[int, int], object] = {}
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME"):
            spans[(ent.start_char, ent.end_char)] = ent
    for match in _TEXT_FORMS.finditer(doc_text(doc)):
        if any(s <= match.start() < e or s < match.end() <= e for s, e in spans):
            continue
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None:
            spans[(span.start_char, span.end_char)] = span
    found = []
    for (start_char, end_char), span in sorted(spans.items()):
        head = _attachment(span)
        tense = clause_tense(doc[head])
        when = resolve(span.text, article, tense) if article is not None else None
        found.append(TimeExpression(span.start, span.end, start_char, end_char, span.text, when, tense, head))
    return found


NOT_EVENT_TIME = frozenset({"since", "until", "till", "for", "before", "after", "by"})


def event_date(token, expressions: list[TimeExpression], article: dt.date | None) -> When | None:
    """The date of the event whose clause is headed by `token`: a resolved time expression
    attached to that clause (or to a word inside it), else the article date marked as a
    fallback, else None."""
    subtree = set(range(token.left_edge.i, token.right_edge.i + 1))
    best: TimeExpression | None = None
    for expression in expressions:
        if expression.when is None:
            continue
        if expression.head != token.i and not (expression.head in subtree and _clause_of(token.doc[expression.head]) == token.i):
            continue
        first = token.doc[expression.start]
        previous = token.doc[expression.start - 1] if expression.start > 0 else None
        if first.lower_ in NOT_EVENT_TIME or (previous is not None and previous.lower_ in NOT_EVENT_TIME):
            continue
        if best is None or PRECISIONS.index(expression.when.precision) < PRECISIONS.index(best.when.precision):
            best = expression
    if best is not None:
        return best.when
    if article is not None:
        return When(article, "day", "", fallback=True)
    return None


def _clause_of(token) -> int:
    """The verb heading the clause a token belongs to."""
    current = token
    for _ in range(8):
        if current.pos_ in ("VERB", "AUX") or current.head is current:
            return current.i
        current = current.head
    return current.i
