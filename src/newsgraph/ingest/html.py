"""HTML pages: the main text with trafilatura; title, date, author and site from the
page's metadata (trafilatura's metadata extraction, which reads `<meta>` tags, JSON-LD,
Open Graph and the page itself; dates through htmldate).

Also `fragment_to_text`, for the small HTML snippets of feed items.
"""

from __future__ import annotations

import codecs
import logging
import re
from pathlib import Path

import lxml.html
import trafilatura
from lxml.etree import ParserError

from ..errors import InputError
from .files import read_file
from .records import RawArticle, clean_field, clean_unicode, normalize_date

# trafilatura and htmldate log every page they discard; newsgraph reports those pages
# itself, as bad records with a reason, so their loggers are quietened unless the
# application configured them.
for _name in ("trafilatura", "htmldate"):
    if logging.getLogger(_name).level == logging.NOTSET:
        logging.getLogger(_name).setLevel(logging.CRITICAL)

# A page whose main text has fewer words than this is a navigation, index or error page.
MIN_BODY_WORDS = 10
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
# As browsers do (WHATWG encoding standard): these labels mean windows-1252.
_LATIN1_LABELS = {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii", "iso8859-1", "l1"}


def decode_html(data: bytes, origin: str, declared: str | None = None) -> str:
    """The text of an HTML page: BOM, else UTF-8, else the charset the HTTP header
    (`declared`) or the page's `<meta>` names, else trafilatura's guess."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:4096]:
        raise InputError(origin, "contains NUL bytes: binary data, not an HTML page")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    names = [declared] if declared else []
    match = _META_CHARSET.search(data[:8192])
    if match:
        names.append(match.group(1).decode("ascii", "replace"))
    for name in names:
        name = "cp1252" if name.lower() in _LATIN1_LABELS else name
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return trafilatura.utils.decode_file(data)


def article_from_html(data: bytes | str, origin: str, *, url: str | None = None,
                      declared_charset: str | None = None) -> RawArticle:
    """A `RawArticle` from one HTML page (a bad one, with the reason, when the page has
    no article text or cannot be read)."""
    try:
        # a page given as text may hold lone surrogates (JSON's "\\ud800"), which lxml refuses
        html = clean_unicode(data) if isinstance(data, str) else decode_html(data, origin, declared_charset)
    except InputError as error:
        return RawArticle.bad(origin, error.problem, url=url)
    if not html.strip():
        return RawArticle.bad(origin, "empty: there is no HTML", url=url)
    try:
        page = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True,
        )
    except Exception as error:  # one broken page must not stop a run: report it and go on
        return RawArticle.bad(origin, f"HTML extraction failed: {type(error).__name__}: {error}", url=url)
    if page is None or not (page.text or "").strip():
        return RawArticle.bad(origin, "no article text found in the page", url=url)
    title = clean_field(page.title)
    text = _without_headline(page.text.strip(), title)
    count = len(text.split())
    if count < MIN_BODY_WORDS:
        return RawArticle.bad(origin, f"no article text found in the page (only {count} word{'s' * (count != 1)})",
                              url=url or clean_field(page.url), title=title)
    try:
        date = normalize_date(page.date)
    except ValueError:
        date = None  # htmldate only returns valid dates; keep the article if one ever is not
    return RawArticle(
        text=text,
        origin=origin,
        title=title,
        date=date,
        source=clean_field(page.sitename),
        url=url or clean_field(page.url),
        author=clean_field(page.author),
    )


def _without_headline(text: str, title: str | None) -> str:
    """The body without its first line when that line is the title (trafilatura keeps
    the page's `<h1>`): the text is the article body, as in JSON Lines input."""
    first, newline, rest = text.partition("\n")
    if title and newline and rest.strip() and " ".join(first.split()).casefold() == title.casefold():
        return rest.lstrip()
    return text


def read_html_file(path: str | Path):
    """One article from an HTML file (`.html`, `.htm`, also gzip-compressed)."""
    origin = str(path)
    try:
        data = read_file(path)
    except InputError as error:
        yield RawArticle.bad(origin, error.problem)
        return
    yield article_from_html(data, origin)


# ---------------------------------------------------------------- HTML snippets (feed items)
_BLOCKS = {
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol", "p", "pre", "section",
    "table", "tr", "ul",
}
_DROPPED = ("script", "style", "noscript", "iframe", "object", "embed", "form", "button", "svg")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_SPACES = re.compile(r"\s+")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def fragment_to_text(fragment: str) -> str:
    """Readable text from an HTML snippet: one paragraph per block element, line breaks
    kept, whitespace inside lines collapsed, scripts and styles dropped."""
    if not fragment or not fragment.strip():
        return ""
    fragment = clean_unicode(_CONTROLS.sub(" ", fragment))  # lxml refuses NUL, controls and lone surrogates
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return ""
    for element in list(root.iter(*_DROPPED)):
        element.drop_tree()
    for element in root.iter():
        if not isinstance(element.tag, str):  # comments, processing instructions
            continue
        # Line breaks in the HTML source are spaces; only <br> and blocks break lines.
        inside_pre = element.tag == "pre" or any(parent.tag == "pre" for parent in element.iterancestors())
        if element.text and not inside_pre:
            element.text = _SPACES.sub(" ", element.text)
        if element.tail and not (inside_pre and element.tag != "pre"):
            element.tail = _SPACES.sub(" ", element.tail)
        if element.tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif element.tag in _BLOCKS:
            element.text = "\n\n" + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")
    raw = root.text_content()
    paragraphs = []
    for block in _PARAGRAPH_BREAK.split(raw):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        text = "\n".join(line for line in lines if line)
        if text:
            paragraphs.append(text)
    return "\n\n".join(paragraphs)
