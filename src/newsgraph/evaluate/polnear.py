"""Scoring quotes against PolNeAR (`newsgraph eval --polnear dev.jsonl`).

PolNeAR (Newell, Margolin and Ruths, LREC 2018) annotates every attribution in 1,028
US political news articles with its source, cue and content spans. The file read here is
JSON Lines, one article a line: `{"doc", "annotator", "text", "attributions": [{"type",
"source": [{"start", "end", "text"}], "cue": [...], "content": [...]}]}` (character
offsets into `text`). An article annotated twice is scored once, against its first
annotation.

Each role is scored on its own, as in the published figures: the set of source spans
of an article against the predicted sources, the same for cues and contents. A role of
one attribution is one item even when it is discontinuous. Spans are compared as sets
of tokens (runs of letters and digits, and each other non-space character):
- exact: the same tokens;
- lenient: shared tokens are at least half of the longer item's tokens.
Matching is one to one.

newsgraph's quotes follow FORMAT.md (content without quotation marks or "that"; the
speaker as the mention of an actor). PolNeAR marks spans differently, so predictions are
read in its conventions before scoring: the source is the speaker's whole noun phrase
("Omar Siddiqui, a farmer who grows wheat ..."), a direct quote's content keeps its quotation
marks, reported speech keeps its "that".
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from ..errors import InputError
from ..extract.quotes import QuoteExtractor
from ..nlp.components import QuoteComponent
from .metrics import PRF, match_one_to_one

ROLES = ("source", "cue", "content")
HELD_OUT_EVERY = 10
TOKEN = re.compile(r"[^\W_]+|[^\w\s]|_")
OPEN_MARKS = "“\"‘'«`"
CLOSE_MARKS = "”\"’'»"
NOUN_CLIMB = frozenset({"compound", "appos", "poss", "conj", "nmod", "amod"})


@dataclass
class Article:
    id: str
    text: str
    attributions: list[dict[str, list[tuple[int, int]]]]


@dataclass
class RoleScore:
    exact: PRF = field(default_factory=PRF)
    lenient: PRF = field(default_factory=PRF)


@dataclass
class ArticleErrors:
    id: str
    text: str
    missed: dict[str, list[tuple[tuple[int, int], ...]]] = field(default_factory=dict)
    spurious: dict[str, list[tuple[tuple[int, int], ...]]] = field(default_factory=dict)
    near: dict[str, list[tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]]] = field(default_factory=dict)


@dataclass
class PolnearResult:
    path: Path
    articles: int = 0
    roles: dict[str, RoleScore] = field(default_factory=lambda: {role: RoleScore() for role in ROLES})
    errors: list[ArticleErrors] = field(default_factory=list)


def load_polnear(path: str | Path) -> list[Article]:
    """The articles of a PolNeAR JSON Lines file, first annotation of each."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise InputError(str(path), error.strerror or str(error)) from None
    articles: list[Article] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            doc_id = str(record["doc"])
            text = record["text"]
            raw = record["attributions"]
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise InputError(f"{path}:{number}", f"not a PolNeAR record ({error.__class__.__name__}: {error})") from None
        if doc_id in seen:
            continue
        seen.add(doc_id)
        attributions = []
        for item in raw:
            roles = {}
            for role in ROLES:
                spans = []
                for span in item.get(role) or []:
                    try:
                        spans.append((int(span["start"]), int(span["end"])))
                    except (KeyError, TypeError, ValueError):
                        raise InputError(f"{path}:{number}", f"attribution {item.get('id')}: a {role} span without start and end") from None
                roles[role] = spans
            attributions.append(roles)
        articles.append(Article(doc_id, text, attributions))
    if not articles:
        raise InputError(str(path), "no PolNeAR articles in this file")
    return articles


# ---------------------------------------------------------------------- predictions
def predicted_attributions(doc: Doc) -> list[dict[str, list[tuple[int, int]]]]:
    """newsgraph's quotes of a processed Doc, read in PolNeAR's span conventions: the
    parts of one speaker's quotation around its cue ("“...,” he said. “...”", "“...,” he
    said, “...”") are one attribution with a discontinuous content."""
    out: list[dict[str, list[tuple[int, int]]]] = []
    text = doc.text
    previous = None
    for quote in doc._.newsgraph_quotes or []:
        content = _content(doc, text, quote)
        if previous is not None and _same_quotation(text, previous, quote):
            out[-1]["content"].append(content)
            previous = quote if quote.cue is not None else previous
            continue
        roles: dict[str, list[tuple[int, int]]] = {"source": [], "cue": [], "content": []}
        source = None
        if quote.speaker_mention is not None:
            cue = None
            if quote.cue is not None:
                cue_span = doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
                cue = (cue_span.start, cue_span.end) if cue_span is not None else None
            source = _relative_source(doc, cue) or _source_phrase(doc, quote.speaker_mention.start, quote.speaker_mention.end, cue)
            roles["source"].append(source)
        if quote.cue is not None:
            roles["cue"].append(_cue_phrase(doc, quote.cue.start, quote.cue.end))
        content = _lead_in(doc, text, quote, content)
        roles["content"].extend(_around(text, content, quote.cue, source))
        out.append(roles)
        previous = quote
    return out


def _cue_phrase(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The cue with the auxiliaries and adverbs right before it ("has also said") and a
    colon right after it ("said:"), as PolNeAR marks cues."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return start, end
    verb = span[0]
    first, last = span.start, span.end - 1
    while first > 0:
        token = doc[first - 1]
        if token.head.i == verb.i and token.dep_ in ("aux", "auxpass", "advmod", "neg") and token.pos_ in ("AUX", "ADV", "PART"):
            first -= 1
            continue
        break
    if last + 1 < len(doc) and doc[last + 1].text == ":":
        last += 1
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _lead_in(doc: Doc, text: str, quote, content: tuple[int, int]) -> tuple[int, int]:
    """A quotation that continues words of the reporter ("calls the plan “a fair
    start”", "said the ministry “has too many advisers”") starts, in PolNeAR, right after
    its cue; so does what someone is urged to do, with whom it is asked of ("urged the
    council to act")."""
    if quote.kind == "indirect" and quote.cue is not None and quote.cue.end < content[0]:
        if re.match(r"(not )?to ", text[content[0] : content[0] + 7]):
            between = text[quote.cue.end : content[0]]
            if between.strip() and "\n" not in between and not any(mark in between for mark in ",:;.!?\"“”") and len(between.split()) <= 10:
                start = quote.cue.end
                while start < content[0] and text[start].isspace():
                    start += 1
                return start, content[1]
        return content
    if quote.kind != "direct" or quote.cue is None or quote.cue.end >= content[0]:
        return content
    between = text[quote.cue.end : content[0]]
    if not between.strip() or "\n" in between or any(mark in between for mark in ",:;.!?"):
        return content
    if len(between.split()) > 8:
        return content
    start = quote.cue.end
    while start < content[0] and text[start].isspace():
        start += 1
    return start, content[1]


def _same_quotation(text: str, first, second) -> bool:
    """Two direct quotes of one speaker in one paragraph, the second with the first's cue
    or none of its own."""
    if first.cue is not None and second.cue is not None and (second.cue.start, second.cue.end) == (first.cue.start, first.cue.end):
        return True  # one cue, one attribution: "said that A, “B”"
    if first.kind != "direct" or second.kind != "direct" or first.speaker_mention is None:
        return False
    if "\n" in text[first.end : second.start]:
        return False
    if second.cue is None:
        return True
    return first.cue is not None and (second.cue.start, second.cue.end) == (first.cue.start, first.cue.end)


def _around(text: str, content: tuple[int, int], cue, source) -> list[tuple[int, int]]:
    """Content that holds its own cue ("By waiting, Ms. Rahimi said, the council ...")
    is two spans, before and after the source and cue."""
    start, end = content
    if cue is None or not (start < cue.start and cue.end < end):
        return [content]
    left = min(cue.start, source[0]) if source is not None and start < source[0] < cue.start else cue.start
    right = max(cue.end, source[1]) if source is not None and cue.end <= source[0] < end else cue.end
    first_end = left
    while first_end > start and (text[first_end - 1].isspace() or text[first_end - 1] in ",—–-"):
        first_end -= 1
    second_start = right
    while second_start < end and (text[second_start].isspace() or text[second_start] in ",—–-"):
        second_start += 1
    return [span for span in ((start, first_end), (second_start, end)) if span[1] > span[0]]


def _relative_source(doc: Doc, cue: tuple[int, int] | None) -> tuple[int, int] | None:
    """PolNeAR's source of a cue in a relative clause is its relative pronoun ("Trump, who
    said ...": "who")."""
    if cue is None:
        return None
    for token in doc[cue[0] : cue[1]]:
        if token.dep_ == "relcl":
            for child in token.children:
                if child.dep_ == "nsubj" and child.lower_ in ("who", "which", "that") and child.i < token.i:
                    return child.idx, child.idx + len(child.text)
    return None


def _source_phrase(doc: Doc, start: int, end: int, cue: tuple[int, int] | None = None) -> tuple[int, int]:
    """The whole noun phrase around a speaker's mention."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return start, end
    head = span.root
    for _ in range(6):
        if head.dep_ in NOUN_CLIMB and head.head.i != head.i and head.head.pos_ in ("NOUN", "PROPN", "PRON"):
            head = head.head
            continue
        if head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.lower_ in ("to", "of", "for", "including") and head.head.head.pos_ in ("NOUN", "PROPN"):
            head = head.head.head
            continue
        break
    if span.root.pos_ == "PRON":
        head = span.root
    first, last = head.left_edge.i, head.right_edge.i
    if head.i - first > 12 or last - head.i > 25:
        first, last = span.start, span.end - 1
    # never across a paragraph, never into the cue or the quotation
    for i in range(first, last + 1):
        if "\n" in doc[i].text:
            if i < span.start:
                first = i + 1
            else:
                last = i - 1
                break
    if cue is not None and first < cue[0] <= last:
        last = cue[0] - 1
    while first < last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    # a dateline before the name ("WASHINGTON — Sen. X")
    for i in range(first, min(first + 4, last)):
        if doc[i].text in ("—", "–", "-", "--") and all(t.is_upper or t.is_punct for t in doc[first:i]) and i > first:
            first = i + 1
            break
    if last > first and doc[last].lower_ in ("who", "which", "that"):
        last -= 1  # a relative clause cut at the cue ("Martin O’Malley, who")
        while last > first and doc[last].text == ",":
            last -= 1
    while last > first and (doc[last].is_space or doc[last].text in ("-", "(", "—")):
        last -= 1
    if first > last:
        return start, end
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _content(doc: Doc, text: str, quote) -> tuple[int, int]:
    start, end = quote.start, quote.end
    if quote.kind == "direct":
        i = start - 1
        while i >= 0 and text[i] == " ":
            i -= 1
        if i >= 0 and text[i] in OPEN_MARKS:
            start = i - 1 if i > 0 and text[i - 1 : i + 1] in ("``", "''") else i
        j = end
        while j < len(text) and text[j] == " ":
            j += 1
        if j < len(text) and text[j] in CLOSE_MARKS:
            end = j + 2 if text[j : j + 2] == "''" else j + 1
    else:
        before = text[max(0, start - 5) : start]
        if re.search(r"\bthat\s$", before, re.IGNORECASE):
            start = start - len(before) + before.lower().rfind("that")
    return start, end


# ---------------------------------------------------------------------- scoring
def tokens(text: str, spans: list[tuple[int, int]]) -> frozenset[int]:
    out = set()
    for start, end in spans:
        for match in TOKEN.finditer(text, start, end):
            out.add(match.start())
    return frozenset(out)


def _lenient(a: frozenset[int], b: frozenset[int]) -> bool:
    return bool(a) and bool(b) and 2 * len(a & b) >= max(len(a), len(b))


def score_article(article: Article, predicted: list[dict[str, list[tuple[int, int]]]], result: PolnearResult) -> None:
    errors = ArticleErrors(article.id, article.text)
    text = article.text
    for role in ROLES:
        gold_items = _items(text, [a[role] for a in article.attributions])
        predicted_items = _items(text, [p[role] for p in predicted])
        gold_tokens = [g[1] for g in gold_items]
        predicted_tokens = [p[1] for p in predicted_items]
        exact = match_one_to_one(gold_tokens, predicted_tokens, lambda g, p: g == p)
        lenient = match_one_to_one(gold_tokens, predicted_tokens, _lenient)
        score = result.roles[role]
        score.exact = score.exact + PRF(len(exact), len(predicted_items), len(gold_items))
        score.lenient = score.lenient + PRF(len(lenient), len(predicted_items), len(gold_items))
        errors.missed[role] = [gold_items[i][0] for i in range(len(gold_items)) if i not in lenient]
        matched = set(lenient.values())
        errors.spurious[role] = [predicted_items[j][0] for j in range(len(predicted_items)) if j not in matched]
        errors.near[role] = [(gold_items[i][0], predicted_items[j][0]) for i, j in lenient.items() if exact.get(i) != j and gold_tokens[i] != predicted_tokens[j]]
    result.articles += 1
    result.errors.append(errors)


def _items(text: str, roles: list[list[tuple[int, int]]]) -> list[tuple[tuple[tuple[int, int], ...], frozenset[int]]]:
    """Distinct non-empty items of one role: (spans, tokens)."""
    seen: dict[frozenset[int], tuple[tuple[int, int], ...]] = {}
    for spans in roles:
        found = tokens(text, spans)
        if found and found not in seen:
            seen[found] = tuple(sorted(spans))
    return [(spans, found) for found, spans in seen.items()]


def held_out(articles: list[Article]) -> list[Article]:
    """The held-out part of PolNeAR's `train` file: the articles whose id hashes to 0
    modulo HELD_OUT_EVERY (about one in ten, fixed by the ids alone). No rule is read
    against them; `dev` is the part for tuning."""
    return [a for a in articles if int(hashlib.sha1(a.id.encode("utf-8")).hexdigest(), 16) % HELD_OUT_EVERY == 0]


def evaluate_polnear(path: str | Path, analyzer, limit: int | None = None,
                     progress: Callable[[int, int], None] | None = None, part: str = "all") -> PolnearResult:
    """Run the analysis over a PolNeAR file and score its quotes role by role (`part`:
    "all", or "held-out" for the held-out part, `held_out`)."""
    articles = load_polnear(path)
    if part == "held-out":
        articles = held_out(articles)
    elif part != "all":
        raise InputError(str(path), f"unknown PolNeAR part {part!r}; expected all or held-out")
    if limit:
        articles = articles[:limit]
    result = PolnearResult(Path(path))
    for number, (article, doc) in enumerate(zip(articles, _parsed(analyzer, articles)), start=1):
        score_article(article, predicted_attributions(doc), result)
        if progress is not None:
            progress(number, len(articles))
    return result


def _parsed(analyzer, articles: list[Article]) -> Iterator[Doc]:
    """The articles through the analysis, with the quote stage in PolNeAR's conventions:
    a speech act or stance the reporter narrates ("condemned the attack", "backed Khan")
    is an attribution there (FORMAT.md codes it as an event, not a quote), and so are what
    a headline says and the writer's own "I think"."""
    stage = next((s for s in analyzer.stages if isinstance(s, QuoteComponent)), None)
    if stage is None:
        yield from (analyzer.parse(article.text) for article in articles)
        return
    saved = stage.extractor
    stage.extractor = QuoteExtractor(saved.cues, saved.speaker_nouns, conventions="polnear")
    try:
        for article in articles:
            yield analyzer.parse(article.text)
    finally:
        stage.extractor = saved
