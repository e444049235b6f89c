"""The corpus store: documents and everything found in them, in SQLite or PostgreSQL.

`Store.open(url)` opens (creating or upgrading) a store; its methods answer the
cross-document questions (`actors`, `actor`, `quotes`, `events`, `contested`,
`search`). See docs/store.md.
"""

from .engine import DEFAULT_DB, StoreError, default_url, normalize_url
from .fulltext import Hit, SearchError
from .queries import NotFound
from .store import Store

__all__ = ["DEFAULT_DB", "Hit", "NotFound", "SearchError", "Store", "StoreError", "default_url", "normalize_url"]
