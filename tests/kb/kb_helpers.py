"""Helpers of the knowledge-base tests."""

from __future__ import annotations

import json
from pathlib import Path


def read_jsonl(path: Path) -> dict[str, dict]:
    """Records of a JSON Lines file by id."""
    return {row["id"]: row for row in map(json.loads, path.read_text(encoding="utf-8").splitlines())}
