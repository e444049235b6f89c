"""The on-disk cache of what newsgraph compiles from data files (the knowledge base, the
gazetteer): a pickle in `$NEWSGRAPH_HOME/cache`, named by the files' paths, sizes and
modification times, so that editing or adding a file rebuilds it. A stale or broken cache
is rebuilt, never fatal; a cache that cannot be written is skipped."""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from . import config

T = TypeVar("T")


def signature(files: Sequence[Path], version: int) -> str:
    """A short key for these files as they are now (and the compiled form's `version`)."""
    digest = hashlib.sha256(f"v{version}".encode())
    for path in files:
        stat = path.stat()
        digest.update(f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:24]


def compiled(kind: str, files: Sequence[Path], version: int, build: Callable[[], T], use_cache: bool = True) -> T:
    """`build()`'s result for these files, from the cache when it holds it."""
    if not use_cache:
        return build()
    path = config.data_home() / "cache" / f"{kind}-{signature(files, version)}.pickle"
    if path.is_file():
        try:
            with open(path, "rb") as handle:
                return pickle.load(handle)
        except Exception:  # a stale or broken cache is rebuilt, never fatal
            pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        with open(temporary, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        pass
    return value
