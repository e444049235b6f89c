"""The benchmark corpus: articles of ../shared/data/corpus/tehran_times_10k.jsonl.gz."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpus" / "tehran_times_10k.jsonl.gz"


def load_articles(limit: int | None = None, path: Path = CORPUS) -> list[dict]:
    """The first `limit` articles ({id, title, text}); exits with a clear message when the
    corpus is absent."""
    if not path.is_file():
        sys.exit(f"benchmark skipped: {path} is absent (the shared evaluation data is not here)")
    articles = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                if record.get("text", "").strip():
                    articles.append(record)
            if limit and len(articles) >= limit:
                break
    return articles


def write_jsonl(articles: list[dict], path: Path) -> Path:
    """The articles as a JSON Lines file at `path` (the input of a benchmark's ingest)."""
    path.write_text("".join(json.dumps(article, ensure_ascii=False) + "\n" for article in articles), encoding="utf-8")
    return path


def machine() -> str:
    """A one-line description of the machine the figures were measured on."""
    import os
    import platform

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} cores ({cpu}){memory}, Python {platform.python_version()}"
