"""Getting articles in: files, pages, feeds, archives, standard input.

```python
from newsgraph.ingest import iter_articles, is_foreign, DuplicateIndex

index = DuplicateIndex()
for raw in iter_articles(["news/", "feeds/dawn.xml", "crawl.warc.gz"]):
    if raw.error:            # a bad item: where it is and why, in one line
        ...
    elif is_foreign(raw):    # confidently not English: skip and count
        ...
    elif (first := index.add(doc_id, raw.text)) is not None:
        ...                  # a duplicate of `first`
    else:
        article = raw.to_article()
```

The readers' modules load on first use (trafilatura, feedparser and warcio are not
imported by `newsgraph analyze`).
"""

from __future__ import annotations

_EXPORTS = {
    "RawArticle": "records",
    "normalize_date": "records",
    "iter_articles": "sources",
    "read_path": "sources",
    "read_stream": "sources",
    "detect_language": "language",
    "tag_language": "language",
    "is_foreign": "language",
    "exact_key": "fingerprint",
    "minhash": "fingerprint",
    "band_keys": "fingerprint",
    "similarity": "fingerprint",
    "Fingerprint": "fingerprint",
    "Duplicate": "fingerprint",
    "DuplicateIndex": "fingerprint",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'newsgraph.ingest' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"{__name__}.{module}"), name)
