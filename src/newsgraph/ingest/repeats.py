"""Passages a document repeats: scraped pages and dumps often hold their own paragraphs
more than once (a teaser and the body, a page printed twice, each paragraph again as a
growing suffix). Analysed as written, each repeat counts its quotes, events and mentions
again. `blank_repeats` keeps the first occurrence of each sentence and turns every later
one into spaces of the same length (line breaks kept), so that the analysis sees each
passage once while every offset still points into the text as stored."""

from __future__ import annotations

import re

__all__ = ["MIN_WORDS", "blank_repeats", "repeated_spans"]

# A sentence shorter than this is a passage only inside a run of repeats: alone, short lines
# ("Reuters", "Read more") repeat by design and hold nothing to count twice.
MIN_WORDS = 6

_LINE = re.compile(r"[^\n]+")
# a sentence ends at . ! or ? (and the closing quotes or brackets after it) before a space
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s)")


def _sentences(line: str, offset: int):
    start = 0
    for end in _SENTENCE_END.finditer(line):
        yield offset + start, offset + end.end()
        start = end.end()
    if line[start:].strip():
        yield offset + start, offset + len(line)


def repeated_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every sentence of `text` that repeats an earlier one (the same
    words, whatever the case and spacing), in order; a short one (under `MIN_WORDS`) only
    right after another repeat."""
    seen: set[str] = set()
    spans: list[tuple[int, int]] = []
    in_run = False
    for line in _LINE.finditer(text):
        for start, end in _sentences(line.group(), line.start()):
            words = text[start:end].casefold().split()
            key = " ".join(words)
            if key in seen and (len(words) >= MIN_WORDS or in_run):
                spans.append((start, end))
                in_run = True
                continue
            seen.add(key)
            in_run = False
    return spans


def blank_repeats(text: str) -> tuple[str, int]:
    """`text` with each repeated sentence turned into spaces (same length, line breaks
    kept), and how many characters were repeated."""
    spans = repeated_spans(text)
    if not spans:
        return text, 0
    parts, last = [], 0
    for start, end in spans:
        parts.append(text[last:start])
        parts.append(re.sub(r"[^\n]", " ", text[start:end]))
        last = end
    parts.append(text[last:])
    return "".join(parts), sum(end - start for start, end in spans)
