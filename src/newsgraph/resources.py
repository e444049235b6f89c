"""What an analysis depends on besides the parse, and one key for all of it.

The stages' code (the `extract`, `kb`, `geo` and `nlp` packages and the modules they
read), the lexicon tables (shipped and the user's), the knowledge-base files and the
gazetteer files: `resources_key` hashes their contents. Two runs with the same key code
the same parse the same way, so `newsgraph recode` skips a document whose stored
analysis was made with the current key, and recodes the others.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from . import __version__
from .geo.gazetteer import gazetteer_files
from .kb.base import default_kb_paths
from .kb.loader import kb_files
from .lexicon import lexicon_dirs

PACKAGE_DIR = Path(__file__).resolve().parent
# The code that turns a parse into an analysis (and into the rows that are stored).
CODE = ("extract", "kb", "geo", "nlp", "data", "lexicon.py", "pipeline.py", "model.py", "config.py", "store/rows.py")

__all__ = ["resource_files", "resources_key"]


def resource_files(kb_paths: Iterable[str | Path] = ()) -> list[Path]:
    """Every file whose content the stages' results depend on, in a stable order."""
    files: list[Path] = []
    for part in CODE:
        path = PACKAGE_DIR / part
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts))
        elif path.is_file():
            files.append(path)
    for folder in lexicon_dirs()[1:]:  # the shipped lexicon is under data/ already
        if folder.is_dir():
            files.extend(sorted(p for p in folder.iterdir() if p.is_file()))
    files.extend(kb_files(default_kb_paths(kb_paths)[1:]))  # the shipped files too are under data/
    files.extend(gazetteer_files()[1:])
    return files


def resources_key(kb_paths: Iterable[str | Path] = ()) -> str:
    """A sha256 of newsgraph's version and the content of every `resource_files` file."""
    digest = hashlib.sha256(f"newsgraph {__version__}\n".encode())
    for path in resource_files(kb_paths):
        digest.update(str(path.relative_to(PACKAGE_DIR) if path.is_relative_to(PACKAGE_DIR) else path).encode("utf-8", "surrogateescape"))
        digest.update(b"\x00")
        digest.update(path.read_bytes())
        digest.update(b"\x00")
    return digest.hexdigest()
