"""From text to `Analysis`: the spaCy parse, then newsgraph's stages, then the data model.

`Analyzer` holds the loaded spaCy pipeline and the stage components; build one per
process and reuse it (`newsgraph.analyze` does that for you).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from .errors import InputError
from .extract.actors import to_model
from .ingest.records import lone_surrogate
from .model import Analysis, Document
from .nlp.components import ActorComponent, EventComponent, PlaceComponent, QuoteComponent
from .nlp.loading import load_spacy

DEFAULT_MAX_CHARS = 1_000_000
# Longer texts are parsed in pieces of about this size, cut at paragraph breaks, so that
# the parser's memory stays bounded; the pieces are joined back into one Doc.
CHUNK_CHARS = 100_000


@dataclass
class Article:
    """One article to analyse: its text and what is known about it."""

    text: str
    id: str | None = None
    title: str | None = None
    date: str | dt.date | None = None
    source: str | None = None
    url: str | None = None

    @classmethod
    def from_value(cls, value: "Article | str | dict[str, Any]") -> "Article":
        if isinstance(value, Article):
            return value
        if isinstance(value, str):
            return cls(text=value)
        if isinstance(value, dict):
            fields = {key: value.get(key) for key in ("id", "title", "date", "source", "url")}
            return cls(text=value.get("text") or "", **fields)
        raise TypeError(f"cannot analyse a {type(value).__name__}: give a str, a dict or an Article")


def parse_date(value: str | dt.date | dt.datetime | None, source: str = "date") -> dt.date | None:
    """An article date from ISO text ("2023-12-14", "2023-12-14T08:00:00Z") or a date."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise InputError(source, f"date {text!r} is not an ISO date (YYYY-MM-DD)") from None


def document_id(text: str) -> str:
    """A stable id from the text itself."""
    return "doc-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def looks_binary(text: str) -> bool:
    """More than 1% NUL characters, or more than 5% control characters, in the first 64k
    characters: binary data. (Real articles sometimes carry a stray NUL; that is allowed.)"""
    sample = text[:65536]
    if not sample:
        return False
    nul = sample.count("\x00")
    controls = sum(1 for char in sample if char < " " and char not in "\t\n\r\f")
    return nul > len(sample) / 100 or controls > len(sample) / 20


def check_text(text: Any, source: str = "text", max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """Refuse what cannot be analysed, with a one-line reason."""
    if not isinstance(text, str):
        raise InputError(source, f"expected text (str), got {type(text).__name__}")
    if looks_binary(text):
        raise InputError(source, "binary data, not text (too many NUL or control characters)")
    where = lone_surrogate(text)
    if where is not None:
        raise InputError(source, f"not valid Unicode: a lone surrogate (U+{ord(text[where]):04X}) at character {where + 1}")
    if max_chars and len(text) > max_chars:
        raise InputError(
            source,
            f"text is {len(text):,} characters, more than the limit of {max_chars:,} for one article "
            "(raise it with --max-chars, or split the file)",
        )
    return text


def check_fields(article: Article) -> None:
    """Refuse metadata that could not be written out as UTF-8 (a lone surrogate)."""
    for name in ("id", "title", "source", "url"):
        value = getattr(article, name)
        where = lone_surrogate(value) if isinstance(value, str) else None
        if where is not None:
            raise InputError(name, f"not valid Unicode: a lone surrogate (U+{ord(value[where]):04X}) at character {where + 1}")


def _chunks(text: str, size: int) -> list[str]:
    """Contiguous pieces of `text` (their concatenation is `text`), cut after paragraph
    breaks where possible, else after a sentence end or a space."""
    pieces = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = max(window.rfind("\n\n"), window.rfind("\n"))
        if cut < size // 4:
            cut = max(window.rfind(". "), window.rfind(" "))
        if cut < size // 4:
            cut = size - 1
        pieces.append(text[start : start + cut + 1])
        start += cut + 1
    pieces.append(text[start:])
    return pieces


class Analyzer:
    """The spaCy pipeline plus newsgraph's stages, loaded once."""

    def __init__(self, model: str | None = None, kb_paths: Iterable[str] = (), kb=None, max_chars: int = DEFAULT_MAX_CHARS):
        self.nlp = load_spacy(model)
        self.max_chars = max_chars
        self.stages = [ActorComponent(tuple(kb_paths), kb=kb), QuoteComponent(), EventComponent(), PlaceComponent()]  # places last: it reads the events
        self.kb = self.stages[0].layer.kb

    # -------------------------------------------------------------- public
    def analyze(self, text: str, *, id: str | None = None, title: str | None = None, date=None,
                source: str | None = None, url: str | None = None) -> Analysis:
        article = Article(text=text, id=id, title=title, date=date, source=source, url=url)
        return next(self.analyze_many([article]))

    def analyze_many(self, articles: Iterable[Article | str | dict], batch_size: int = 16,
                     on_parse: Callable[[Article, Doc], None] | None = None) -> Iterator[Analysis]:
        """Analyses in the order of `articles`, parsed in batches for speed. `on_parse`, if
        given, sees each article's spaCy parse before newsgraph's stages run on it (to keep
        the parse: `nlp.parses.doc_to_bytes`)."""
        batch: list[tuple[Article, Doc]] = []
        for value in articles:
            article = Article.from_value(value)
            check_fields(article)
            check_text(article.text, article.id or "text", self.max_chars)
            if len(article.text) > CHUNK_CHARS:
                yield from self._flush(batch, on_parse)
                batch = []
                yield self._finish(article, self._parse_long(article), on_parse)
                continue
            batch.append((article, self._make_doc(article)))
            if len(batch) >= batch_size:
                yield from self._flush(batch, on_parse)
                batch = []
        yield from self._flush(batch, on_parse)

    def analyze_parsed(self, article: Article | str | dict, doc: Doc) -> Analysis:
        """The analysis of an article whose spaCy parse was kept (`nlp.parses`): newsgraph's
        stages only, with the knowledge base and lexicon of this Analyzer."""
        article = Article.from_value(article)
        doc._.newsgraph_date = parse_date(article.date, article.id or "date")
        return self._finish(article, doc)

    def parse(self, text: str, date=None) -> Doc:
        """The spaCy Doc with newsgraph's extensions set (for users of the spaCy layer)."""
        article = Article(text=text, date=date)
        doc = self._parse_long(article) if len(text) > CHUNK_CHARS else next(self.nlp.pipe([self._make_doc(article)]))
        return self._run_stages(doc)

    # -------------------------------------------------------------- internals
    def _make_doc(self, article: Article) -> Doc:
        doc = self.nlp.make_doc(article.text)
        doc._.newsgraph_date = parse_date(article.date, article.id or "date")
        return doc

    def _parse_long(self, article: Article) -> Doc:
        pieces = [self.nlp.make_doc(piece) for piece in _chunks(article.text, CHUNK_CHARS)]
        parsed = list(self.nlp.pipe(pieces))
        doc = Doc.from_docs(parsed, ensure_whitespace=False)
        doc._.newsgraph_date = parse_date(article.date, article.id or "date")
        return doc

    def _flush(self, batch: list[tuple[Article, Doc]], on_parse=None) -> Iterator[Analysis]:
        if not batch:
            return
        docs = self.nlp.pipe([doc for _, doc in batch])
        for (article, _), doc in zip(batch, docs):
            yield self._finish(article, doc, on_parse)

    def _run_stages(self, doc: Doc) -> Doc:
        for stage in self.stages:
            doc = stage(doc)
        return doc

    def _finish(self, article: Article, doc: Doc, on_parse=None) -> Analysis:
        if on_parse is not None:
            on_parse(article, doc)
        doc = self._run_stages(doc)
        return build_analysis(article, doc)


def build_analysis(article: Article, doc: Doc) -> Analysis:
    day = doc._.newsgraph_date
    document = Document(
        id=article.id or document_id(article.text),
        title=article.title,
        date=day.isoformat() if day else None,
        source=article.source,
        url=article.url,
        chars=len(article.text),
        words=sum(1 for token in doc if not (token.is_space or token.is_punct)),
    )
    found = doc._.newsgraph_actors
    return Analysis(
        document=document,
        text=article.text,
        actors=to_model(found, doc) if found is not None else [],
        quotes=list(doc._.newsgraph_quotes or []),
        events=list(doc._.newsgraph_events or []),
        contested=list(doc._.newsgraph_contested or []),
        places=list(doc._.newsgraph_places or []),
    )
