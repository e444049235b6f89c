#!/usr/bin/env python3
"""Seed and review newsgraph's event verb lexicon from the CAMEO verb dictionary.

newsgraph's verb lexicon (`src/newsgraph/data/lexicon/event_verbs.tsv`) is curated by
hand. This script is how its rows were seeded and how they are reviewed against CAMEO:

    # every verb of the PETRARCH2 CAMEO dictionary with its default CAMEO code and the
    # PLOVER type and mode that the CAMEO->PLOVER table gives for that code
    python scripts/build_event_lexicon.py draft > /tmp/event_verbs.draft.tsv

    # rows of the curated lexicon whose CAMEO root differs from the dictionary's default
    # for the same verb (to review), and verbs of chosen roots not yet in the lexicon
    python scripts/build_event_lexicon.py compare [--roots 10,11,12,17,18,19]

Inputs (read, never copied into the repository):
- `../shared/data/dictionaries/petrarch2/CAMEO.2.0.txt`: CAMEO verb pattern dictionary,
  (c) 2015 Open Event Data Alliance, MIT licence (see NOTICE);
- `../shared/data/plover/CAMEO2PLOVER-2021.txt`: CAMEO to PLOVER conversion table,
  Open Event Data Alliance, CC BY-SA 4.0 (see NOTICE).

The CAMEO dictionary is a composite of TABARI patterns and WordNet synonym sets and is
noisy ("match", "reside" and "best" are listed as fighting): nothing goes into the
lexicon without review. Curated rows keep their CAMEO code in the `cameo` column; the
`notes` column says where a row comes from ("cameo" = as in CAMEO.2.0, "ours" = added or
changed by us, with the reason).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
CAMEO_VERBS = SHARED / "dictionaries" / "petrarch2" / "CAMEO.2.0.txt"
CAMEO_TO_PLOVER = SHARED / "plover" / "CAMEO2PLOVER-2021.txt"
LEXICON = ROOT / "src" / "newsgraph" / "data" / "lexicon" / "event_verbs.tsv"

BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
VERB = re.compile(r"^(\+?[A-Z][A-Z_'\-]*)\s*(\{[^}]*\})?\s*(\[([^\]]*)\])?")
MAP_LINE = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*,\s*([^,#]*?)\s*,")


def read_cameo_verbs(path: Path = CAMEO_VERBS) -> dict[str, tuple[str, str]]:
    """{verb lemma (phrasal verbs with spaces): (default CAMEO code, block name)}.

    A verb's default code is its own `[code]` or else its block's. Patterns (lines
    starting with "-") and synonym sets are not read: they code verb + object phrases
    that newsgraph's own lexicon writes as multi-word patterns where needed."""
    if not path.is_file():
        sys.exit(f"{path}: not found (the shared data folder is needed to build the lexicon)")
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    start = next(i for i, line in enumerate(lines) if "VERB PATTERNS" in line)
    verbs: dict[str, tuple[str, str]] = {}
    block, block_code = "", "---"
    for line in lines[start + 1 :]:
        text = line.split("#", 1)[0].rstrip()
        if not text.strip():
            continue
        match = BLOCK.match(text)
        if match:
            block, block_code = match.group(1), match.group(2)
            continue
        if text.startswith(("-", "~")):
            continue
        match = VERB.match(text.strip())
        if not match:
            continue
        word = match.group(1).lstrip("+").replace("_", " ").strip().lower()
        code = (match.group(4) or block_code).split(":")[-1]
        if word and word not in verbs:
            verbs[word] = (code, block)
    return verbs


def read_cameo_to_plover(path: Path = CAMEO_TO_PLOVER) -> dict[str, tuple[str, str]]:
    """{CAMEO code: (PLOVER type, mode or "")}."""
    if not path.is_file():
        sys.exit(f"{path}: not found")
    table: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = MAP_LINE.match(line.strip())
        if match:
            table[match.group(1)] = (match.group(2), match.group(3).strip())
    return table


def plover_of(code: str, table: dict[str, tuple[str, str]]) -> tuple[str, str]:
    """The PLOVER type and mode of a CAMEO code: the longest prefix the table knows."""
    for length in range(len(code), 1, -1):
        if code[:length] in table:
            return table[code[:length]]
    return "", ""


def draft(out) -> None:
    verbs = read_cameo_verbs()
    table = read_cameo_to_plover()
    out.write("# pattern\ttype\tmode\tcameo\tblock\n")
    for word, (code, block) in sorted(verbs.items()):
        if not code.isdigit() or code[:2] in ("01", "02"):
            continue  # no code, or a plain statement / appeal: quotes, not PLOVER events
        plover, mode = plover_of(code, table)
        if plover:
            out.write(f"{word}\t{plover}\t{mode or '-'}\t{code}\t{block}\n")


def read_lexicon(path: Path = LEXICON) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([cell.strip() for cell in line.split("\t")])
    return rows


def compare(roots: set[str], out) -> None:
    verbs = read_cameo_verbs()
    rows = read_lexicon()
    ours = {row[0] for row in rows}
    out.write("# curated rows whose CAMEO root differs from the dictionary's default\n")
    for row in rows:
        pattern, cameo = row[0], row[3] if len(row) > 3 else "-"
        known = verbs.get(pattern)
        if known and known[0].isdigit() and cameo[:2] != known[0][:2]:
            out.write(f"{pattern}\tours {cameo}\tcameo {known[0]} ({known[1]})\n")
    if roots:
        out.write(f"# CAMEO verbs of roots {','.join(sorted(roots))} not in the lexicon\n")
        for word, (code, block) in sorted(verbs.items()):
            if code[:2] in roots and word not in ours:
                out.write(f"{word}\t{code}\t{block}\n")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("draft", help="every CAMEO verb with its PLOVER type (TSV on stdout)")
    comparing = sub.add_parser("compare", help="review the curated lexicon against CAMEO")
    comparing.add_argument("--roots", default="", help="comma-separated CAMEO roots to list missing verbs of")
    args = parser.parse_args(argv)
    if args.command == "draft":
        draft(sys.stdout)
    else:
        compare({r.strip().zfill(2) for r in args.roots.split(",") if r.strip()}, sys.stdout)


if __name__ == "__main__":
    main()
