"""newsgraph: who the actors are, who said what, and who did what to whom, with evidence.

```python
import newsgraph
analysis = newsgraph.analyze(text, title="...", date="2023-12-14")
print(analysis.to_json())
```
"""

from __future__ import annotations

from functools import lru_cache

from .errors import InputError, KnowledgeBaseError, ModelNotFoundError, NewsgraphError
from .model import SCHEMA, Actor, Analysis, Contested, Document, Event, Mention, Quote, Span

__version__ = "0.1.0"

__all__ = [
    "SCHEMA", "Actor", "Analysis", "Analyzer", "Article", "Contested", "Document", "Event",
    "InputError", "KnowledgeBaseError", "Mention", "ModelNotFoundError", "NewsgraphError",
    "Quote", "Span", "analyze", "get_analyzer", "load_knowledge_base",
]


def __getattr__(name):  # the heavy parts load on first use
    if name in ("Analyzer", "Article"):
        from . import pipeline

        return getattr(pipeline, name)
    if name == "load_knowledge_base":
        from .kb.base import load_knowledge_base

        return load_knowledge_base
    raise AttributeError(f"module 'newsgraph' has no attribute {name!r}")


@lru_cache(maxsize=2)
def get_analyzer(model: str | None = None):
    """The process's shared `Analyzer` for a spaCy pipeline (loaded once)."""
    from .pipeline import Analyzer

    return Analyzer(model)


def analyze(text: str, *, title: str | None = None, date=None, source: str | None = None,
            url: str | None = None, id: str | None = None, model: str | None = None) -> Analysis:
    """Analyse one article: actors, quotes, events, each with character offsets into `text`."""
    return get_analyzer(model).analyze(text, id=id, title=title, date=date, source=source, url=url)
