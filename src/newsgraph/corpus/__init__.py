"""From articles to a corpus: the ingest run (read, sort out, analyse in workers, store).

```python
from newsgraph.corpus import ingest
summary = ingest(["news/", "dump.jsonl.gz"], "corpus.sqlite", workers=2)
```
See docs/corpus.md.
"""

from .run import Ingest, Summary, estimate_total, ingest

__all__ = ["Ingest", "Summary", "estimate_total", "ingest"]
