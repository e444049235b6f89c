"""`newsgraph kb import`: actor lists in other formats -> knowledge-base records (JSON Lines)
in the user's knowledge-base folder.

```python
from newsgraph.kb.importers import import_files
report = import_files(["Phoenix.Countries.actors.txt"], "phoenix")   # -> $NEWSGRAPH_HOME/kb/phoenix-countries.jsonl
```

One module per format (`phoenix`, `ofac`, `un`, `user` for the project's own YAML and CSV);
`common` holds what they share: the name rules and the merge into shipped actors. The
mapping of each format is documented in docs/kb-import.md.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from ... import config
from ...errors import InputError
from ..base import load_knowledge_base
from ..loader import record_to_dict
from ..names import slug
from .common import ImportReport, NamePolicy, build, remember_acronyms
from .ofac import OfacImporter
from .phoenix import PhoenixImporter, _title_words
from .un import UnImporter
from .user import CsvImporter, YamlImporter

IMPORTERS = {
    "phoenix": PhoenixImporter,
    "ofac": OfacImporter,
    "un": UnImporter,
    "yaml": YamlImporter,
    "csv": CsvImporter,
}
FORMATS = tuple(IMPORTERS)


def default_folder() -> Path:
    """Where imports go unless told otherwise: `$NEWSGRAPH_HOME/kb` (loaded with the shipped KB)."""
    return config.data_home() / "kb"


def output_name(fmt: str, path: Path) -> str:
    """The file an input becomes, named after its source: Phoenix.Countries.actors.txt ->
    phoenix-countries.jsonl; any OFAC file -> ofac-sdn.jsonl; a UN list -> un-sanctions.jsonl;
    mine.csv -> user-mine.jsonl."""
    if fmt == "ofac":
        return "ofac-sdn.jsonl"
    if fmt == "un":
        return "un-sanctions.jsonl"
    stem = path.name
    for suffix in (".txt", ".yaml", ".yml", ".csv", ".actors", ".jsonl"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
    if fmt == "phoenix":
        if stem.lower().startswith(("phoenix.", "phoenix_", "phoenix-")):
            stem = stem[len("phoenix.") :]
        return f"phoenix-{slug(stem)}.jsonl"
    return f"user-{slug(stem)}.jsonl"


def import_files(
    paths: Iterable[str | Path], fmt: str, into: str | Path | None = None, dry_run: bool = False
) -> ImportReport:
    """Convert `paths` (of one format) and write the records as JSON Lines into `into`
    (default: `default_folder()`); with `dry_run`, only report what would be written."""
    if fmt not in IMPORTERS:
        raise InputError(fmt, f"unknown import format (one of: {', '.join(FORMATS)})")
    paths = [Path(p) for p in paths]
    if not paths:
        raise InputError("kb import", "no file to import")
    for path in paths:
        if not path.exists():
            raise InputError(str(path), "no such file or folder")
    shipped = load_knowledge_base(include_user=False)
    remember_acronyms(shipped)
    report = ImportReport(format=fmt, inputs=[str(p) for p in paths])
    importer = IMPORTERS[fmt](shipped)
    drafts = []
    for draft in importer.read(paths, report):
        drafts.append(draft)
    records = build(drafts, shipped, report, NamePolicy(_title_words()))
    folder = Path(into) if into else default_folder()
    groups: dict[str, list] = defaultdict(list)
    for record in records:
        origin = Path(record.origin) if record.origin else paths[0]
        groups[output_name(fmt, origin)].append(record)
    for name, group in groups.items():
        target = folder / name
        report.outputs[str(target)] = len(group)
        if not dry_run:
            write_jsonl(group, target)
    return report


def write_jsonl(records, path: Path) -> None:
    """Write records as JSON Lines, atomically (a reader never sees half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record_to_dict(record), ensure_ascii=False) + "\n")
    os.replace(temporary, path)
