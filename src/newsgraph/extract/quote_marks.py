"""Direct quotations found by their quotation marks, on the raw text.

Works on characters, before and independently of any parse, so that every quoting
style is read the same way:

- double marks: “…” „…“ «…» "…" ``…'' (and the mixed or misused forms: “…", "…”, “…“);
- single marks: ‘…’ '…' (only where no double quotation is open: inside a double
  quotation they are nested quotes and part of its content);
- an apostrophe is not a quotation mark: "women’s", "girls’ education", "don't" and
  "’90s" never open or close a quotation. A single mark closes only a quotation that a
  single mark opened in the same paragraph; a single quotation that never closes is
  dropped rather than allowed to swallow the paragraph;
- a double quotation still open at the end of its paragraph ends there (`closed` is
  False); when the next paragraph opens with a quotation mark it is the same speaker
  going on (`continues_previous` on the next one), the usual newspaper convention;
- a second opening mark while a double quotation is open means the first one lost its
  closing mark: it ends before the new one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = frozenset("“„«")
DOUBLE_CLOSE = frozenset("”»‟")
SINGLE_OPEN = frozenset("‘‚‹")
SINGLE_CLOSE = frozenset("’›")
CLOSING_FOLLOWERS = frozenset(".,;:!?)]}…-–—/")
OPENING_PRECEDERS = frozenset("([{-–—/:")
TURN_LABEL = re.compile(r"[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,2}: ")  # "HALE: ", "OMAR RUIZ: "
MARK = re.compile("``|''|[\"'`“”„«»‘’‚‹›‟]")


@dataclass
class QuotedSpan:
    """One quotation: its marks and its content (character offsets, end exclusive)."""

    open_start: int  # the opening mark
    start: int  # the content, without marks or surrounding white space
    end: int
    close_end: int  # just after the closing mark (== end when there is none)
    double: bool = True
    closed: bool = True
    continues_previous: bool = False  # opens the paragraph after an unclosed quotation

    def text(self, source: str) -> str:
        return source[self.start : self.end]


@dataclass
class _Mark:
    index: int  # character offset
    length: int  # 1, or 2 for `` and ''
    double: bool
    can_open: bool
    can_close: bool

    @property
    def pair(self) -> bool:
        """`` or '': double quotation marks typed as two single ones."""
        return self.length == 2

    @property
    def straight(self) -> bool:
        return self.length == 2 or self.char == '"'

    char: str = ""


def find_quotations(text: str) -> list[QuotedSpan]:
    """All quotations in `text`, in order."""
    found: list[QuotedSpan] = []
    start = 0
    length = len(text)
    while start <= length:
        end = text.find("\n", start)
        if end < 0:
            end = length
        if end > start:
            spans = _paragraph(text, start, end, _turn_mark(text, start, end))
            if spans and found and not found[-1].closed and spans[0].open_start == _first_visible(text, start, end):
                spans[0].continues_previous = True
            found.extend(spans)
        start = end + 1
    return found


def _turn_mark(text: str, start: int, end: int) -> frozenset[int]:
    """The quotation mark that opens a transcript turn ("\"HALE: Well, the minister ..."): it
    marks the paragraph as quoted from a transcript, it does not open a quotation of the
    speaker's words (which follow the speaker's name and colon)."""
    i = _first_visible(text, start, end)
    if i < end and text[i] in "\"“" and TURN_LABEL.match(text, i + 1, end):
        return frozenset({i})
    return frozenset()


def _first_visible(text: str, start: int, end: int) -> int:
    i = start
    while i < end and text[i].isspace():
        i += 1
    return i


def _marks(text: str, start: int, end: int) -> list[_Mark]:
    marks: list[_Mark] = []
    for found in MARK.finditer(text, start, end):
        i = found.start()
        char = text[i]
        pair = found.group()
        if pair in ("``", "''"):
            before = text[i - 1] if i > start else " "
            after = text[i + 2] if i + 2 < end else " "
            opening = pair == "``" or (_opens_before(before) and not after.isspace())
            closing = pair == "''" and not before.isspace() and _closes_after(after)
            marks.append(_Mark(i, 2, True, opening, closing))
            continue
        if char in DOUBLE_OPEN or char in DOUBLE_CLOSE or char == '"' or char in SINGLE_OPEN or char in SINGLE_CLOSE or char in "'`":
            before = text[i - 1] if i > start else " "
            after = text[i + 1] if i + 1 < end else " "
            context_open = _opens_before(before) and not after.isspace()
            context_close = not before.isspace() and _closes_after(after)
            if char in DOUBLE_OPEN:
                # “ is an opener unless it clearly ends a word ("…end.“ misused as a closer).
                marks.append(_Mark(i, 1, True, not (context_close and not context_open), context_close and not context_open))
            elif char in DOUBLE_CLOSE:
                marks.append(_Mark(i, 1, True, context_open and not context_close, not (context_open and not context_close)))
            elif char == '"':
                marks.append(_Mark(i, 1, True, context_open, context_close or not context_open))
            elif char in SINGLE_OPEN or char == "`":
                if context_open:
                    marks.append(_Mark(i, 1, False, True, False))
            else:  # ’ ' ›: a closer, or an apostrophe
                if before.isalnum() and after.isalnum():
                    pass  # don’t, women’s
                elif context_open and not context_close:
                    if char == "'" or char == "›":
                        marks.append(_Mark(i, 1, False, True, False))
                else:
                    marks.append(_Mark(i, 1, False, False, not before.isspace()))
    for mark in marks:
        mark.char = text[mark.index]
    return marks


def _opens_before(char: str) -> bool:
    return char.isspace() or char in OPENING_PRECEDERS or char in DOUBLE_OPEN or char in SINGLE_OPEN or char in "\"'"


def _closes_after(char: str) -> bool:
    return char.isspace() or char in CLOSING_FOLLOWERS or char in DOUBLE_CLOSE or char in SINGLE_CLOSE or char in "\"'"


def _paragraph(text: str, start: int, end: int, ignored: frozenset[int]) -> list[QuotedSpan]:
    marks = [m for m in _marks(text, start, end) if m.index not in ignored]
    spans: list[QuotedSpan] = []
    current: _Mark | None = None  # the open quotation's opening mark
    skip_to = -1
    for position, mark in enumerate(marks):
        if position <= skip_to:
            continue
        if current is None:
            if mark.can_open:
                current = mark
            continue
        if current.double:
            if not mark.double or (mark.pair and not current.pair):
                continue  # nested quotation ('' inside "...") or apostrophe: content
            if mark.can_close:
                spans.append(_span(text, current, mark.index, mark.index + mark.length, True))
                current = None
            elif mark.can_open:
                inner_close = _nested_close(marks, position, current)
                if inner_close is not None:
                    skip_to = inner_close  # "... “Equal Justice” ..." inside "...": content
                    continue
                # The open quotation lost its closing mark: it ends before this one.
                spans.append(_span(text, current, mark.index, mark.index, False))
                current = mark
        else:
            if mark.double:
                continue  # a double quotation nested in a single one
            if mark.can_close:
                spans.append(_span(text, current, mark.index, mark.index + 1, True, double=False))
                current = None
    if current is not None:
        if current.double:
            spans.append(_span(text, current, end, end, False))
        else:
            # A single mark that never closes was an apostrophe ("’90s"): read the
            # paragraph again without it.
            return _paragraph(text, start, end, ignored | {current.index})
    return [span for span in spans if span.end > span.start]


def _nested_close(marks: list[_Mark], position: int, outer: _Mark) -> int | None:
    """When an opening mark of the other style (curly inside straight, or straight inside
    curly) is followed by its own closing mark and then by a closing mark of the open
    quotation, it opens a nested quotation: the position of its closing mark."""
    inner = marks[position]
    if inner.straight == outer.straight:
        return None
    for j in range(position + 1, len(marks)):
        mark = marks[j]
        if mark.double and mark.straight == inner.straight and mark.can_close:
            for k in range(j + 1, len(marks)):
                later = marks[k]
                if later.double and later.straight == outer.straight and later.can_close:
                    return j
            return None
    return None


def _span(text: str, opening: _Mark, content_end: int, close_end: int, closed: bool, double: bool = True) -> QuotedSpan:
    begin = opening.index + opening.length
    finish = content_end
    while begin < finish and text[begin].isspace():
        begin += 1
    while finish > begin and text[finish - 1].isspace():
        finish -= 1
    if not closed:
        close_end = finish
    return QuotedSpan(opening.index, begin, finish, close_end, double=double and opening.double, closed=closed)
