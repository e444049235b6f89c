"""From articles to a corpus: the ingest run (read, sort out, analyse in workers, store).

```python
from newsgraph.corpus import ingest
summary = ingest(["news/", "dump.jsonl.gz"], "corpus.sqlite", workers=2)
```
See docs/corpus.md.
"""

from .recode import Recode, RecodeSummary, recode
from .run import Ingest, Summary, estimate_total, ingest

__all__ = ["Ingest", "Recode", "RecodeSummary", "Summary", "estimate_total", "ingest", "recode"]
