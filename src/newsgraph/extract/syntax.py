"""Small helpers over a spaCy parse, shared by the extraction stages."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Prepositions whose object is a place rather than an actor ("in Afghanistan").
LOCATIVE_PREPS = frozenset({"in", "across", "within", "inside", "throughout", "into", "near", "at", "around", "outside", "on"})
QUOTE_BOTH = frozenset({'"', "''", "``"})
INDEFINITE = frozenset({"a", "an"})


class TokenTable:
    """Plain lists of the token attributes the stages read over and over (a spaCy `Token`
    costs an object per access; a list index does not). Built once per Doc: `token_table`."""

    __slots__ = ("texts", "lowers", "pos", "tags", "space")

    def __init__(self, doc: Doc):
        self.texts: list[str] = []
        self.lowers: list[str] = []
        self.pos: list[str] = []
        self.tags: list[str] = []
        self.space: list[bool] = []
        for token in doc:
            self.texts.append(token.text)
            self.lowers.append(token.lower_)
            self.pos.append(token.pos_)
            self.tags.append(token.tag_)
            self.space.append(token.is_space)


def token_table(doc: Doc) -> TokenTable:
    """The `TokenTable` of a Doc, cached in `doc.user_data`."""
    table = doc.user_data.get("newsgraph.tokens")
    if table is None or len(table.texts) != len(doc):
        table = TokenTable(doc)
        doc.user_data["newsgraph.tokens"] = table
    return table


def doc_text(doc: Doc) -> str:
    """`doc.text`, read once per Doc (spaCy joins every token's text on each access),
    cached in `doc.user_data`."""
    text = doc.user_data.get("newsgraph.text")
    if text is None:
        text = doc.text
        doc.user_data["newsgraph.text"] = text
    return text


def boilerplate_mask(doc: Doc, pattern) -> list[bool]:
    """For each token, whether its sentence is page furniture (a licence footer, a
    copyright line) matched by `pattern` (see data/lexicon/boilerplate.txt)."""
    mask = [False] * len(doc)
    if pattern is None:
        return mask
    for sent in doc.sents:
        if pattern.search(sent.text):
            for i in range(sent.start, sent.end):
                mask[i] = True
    return mask


def sentence_index(doc: Doc) -> list[int]:
    """For each token, the index of its sentence."""
    index = [0] * len(doc)
    for number, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            index[i] = number
    return index


def is_subject(token: Token) -> bool:
    """Subject of a clause, directly or as a conjunct ("Pakistan and China urged")."""
    dep = token.dep_
    if dep in SUBJECT_DEPS:
        return True
    if dep == "conj":
        head = token.head
        for _ in range(4):
            if head.dep_ in SUBJECT_DEPS:
                return True
            if head.dep_ != "conj":
                break
            head = head.head
    return dep == "pobj" and token.head.dep_ == "agent"


def conjunct_root(token: Token, steps: int = 4) -> Token:
    """The token a conjunct or an apposition stands in for ("Pakistan and China urged":
    "China" -> "Pakistan"), over at most `steps` links."""
    current = token
    for _ in range(steps):
        if current.dep_ not in ("conj", "appos"):
            break
        current = current.head
    return current


def is_agentive(token: Token) -> bool:
    """Used as an actor rather than a place: anything but the object of a locative preposition
    (or a conjunct of one)."""
    current = token
    for _ in range(6):
        if current.dep_ == "conj" or current.dep_ == "appos":
            current = current.head
            continue
        break
    if current.dep_ == "pobj" and current.head.lower_ in LOCATIVE_PREPS:
        return False
    return True


def is_infinitive(verb: Token) -> bool:
    """A verb with "to" before it: "to host", "not to allow"."""
    return any(child.dep_ == "aux" and child.lower_ == "to" and child.i < verb.i for child in verb.children)


def noun_phrase_start(head: Token) -> int:
    """Token index where the noun phrase of `head` starts (its left subtree), skipping
    leading punctuation, quote marks and indefinite articles."""
    start = head.left_edge.i
    doc = head.doc
    while start < head.i and (doc[start].is_punct or doc[start].lower_ in INDEFINITE):
        start += 1
    return start


def strip_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Trim determiners "the", possessive endings and punctuation from a name span's edges."""
    while start < end and (doc[start].lower_ == "the" or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def quote_mask(doc: Doc) -> list[bool]:
    """For each token, whether it lies between double quotation marks: a cheap, local view
    for the actor stage (the quote stage does the full job). “ opens, ” closes, a straight
    quote toggles, a paragraph break closes."""
    table = token_table(doc)
    inside = [False] * len(doc)
    open_now = False
    for i, text in enumerate(table.texts):
        if text in ("“", "«"):
            open_now = True
        elif text in ("”", "»"):
            open_now = False
        elif text in QUOTE_BOTH:
            open_now = not open_now
        elif table.space[i] and "\n" in text:
            open_now = False
        else:
            inside[i] = open_now
    return inside


def span_text(doc: Doc, start: int, end: int) -> str:
    return doc[start:end].text


def char_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    span: Span = doc[start:end]
    return span.start_char, span.end_char
