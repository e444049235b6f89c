"""Kept parses: a spaCy `Doc` as bytes and back, so that newsgraph's stages can run again
on a stored parse without the parser (`newsgraph ingest --keep-parses`, `newsgraph recode`).

The bytes are a one-document `DocBin` (zlib-compressed msgpack) of what spaCy's parse
sets: words and spaces, tags, morphology, lemmas, the dependency tree, sentence starts
and named entities. newsgraph's own annotations are not kept (they are what a recode
computes anew), nor the tensor (no stage reads it).
"""

from __future__ import annotations

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

from ..errors import NewsgraphError

ATTRS = ("ORTH", "NORM", "TAG", "POS", "MORPH", "LEMMA", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "ENT_KB_ID", "SENT_START")

__all__ = ["doc_from_bytes", "doc_to_bytes"]


def doc_to_bytes(doc: Doc) -> bytes:
    """The parse of `doc` as bytes (see the module doc)."""
    store = DocBin(attrs=list(ATTRS), store_user_data=False)
    store.add(doc)
    return store.to_bytes()


def doc_from_bytes(data: bytes, vocab: Vocab, text: str | None = None) -> Doc:
    """The Doc that `doc_to_bytes` kept, in `vocab`; with `text`, checked against it."""
    try:
        docs = list(DocBin().from_bytes(data).get_docs(vocab))
    except Exception as error:  # noqa: BLE001 - corrupt bytes of any kind: one clear error
        raise NewsgraphError(f"a kept parse cannot be read ({type(error).__name__}: {error}); recode needs a new ingest of it") from None
    if len(docs) != 1:
        raise NewsgraphError(f"a kept parse holds {len(docs)} documents, not one")
    doc = docs[0]
    if text is not None and doc.text != text:
        raise NewsgraphError("a kept parse does not match its document's text")
    return doc
