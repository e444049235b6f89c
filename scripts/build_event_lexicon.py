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
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
CAMEO_VERBS = SHARED / "dictionaries" / "petrarch2" / "CAMEO.2.0.txt"
CAMEO_TO_PLOVER = SHARED / "plover" / "CAMEO2PLOVER-2021.txt"
LEXICON = ROOT / "src" / "newsgraph" / "data" / "lexicon" / "event_verbs.tsv"
GENERATED = LEXICON.with_name("event_verbs_cameo.tsv")
LIGHT_VERBS = LEXICON.with_name("event_light_verbs.txt")
# Readings that only a reviewed row gives: an event with no recipient ("bare"), a joint
# subject acting on itself ("mutual"), and the row-specific "opinion" and "transitive".
UNREVIEWED_FLAGS = frozenset({"bare", "mutual", "opinion", "transitive"})

BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
VERB = re.compile(r"^(\+?[A-Z][A-Z_'\-]*)\s*(\{[^}]*\})?\s*(\[([^\]]*)\])?")
MAP_LINE = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*,\s*([^,#]*?)\s*,")
PATTERN_LINE = re.compile(r"^-\s*(.*?)\s*\[([^\]]*)\]")
MAX_EXPANSION = 64  # word sequences one pattern may stand for (synonym sets multiply)


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


def _code(cell: str) -> str:
    """The code of a `[...]` cell: "042:043" and ":173" are a pair (the event and its
    reverse); the first code given is the event's."""
    parts = [part.strip() for part in cell.split(":")]
    return next((part for part in parts if part), "---")


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    """{&LABEL: its phrases, lower case, underscores as spaces}."""
    synsets: dict[str, list[str]] = {}
    label = ""
    for line in lines:
        text = line.split("#", 1)[0].strip()
        if "VERB PATTERNS" in line:
            break
        if text.startswith("&"):
            label = text.split()[0].rstrip("_")
            synsets[label] = []
        elif text.startswith("+") and label:
            synsets[label].append(text[1:].strip().rstrip("_").replace("_", " ").lower())
    return synsets


@dataclass
class Block:
    name: str
    code: str
    verbs: list[tuple[str, str]] = field(default_factory=list)   # (lemma, own code or "")
    patterns: list[tuple[str, str]] = field(default_factory=list)  # (pattern text, code)


def read_blocks(path: Path = CAMEO_VERBS) -> tuple[list[Block], dict[str, list[str]]]:
    """The verb blocks of CAMEO.2.0 (verbs with their own codes, `-` patterns) and its synsets."""
    if not path.is_file():
        sys.exit(f"{path}: not found (the shared data folder is needed to build the lexicon)")
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    synsets = read_synsets(lines)
    start = next(i for i, line in enumerate(lines) if "VERB PATTERNS" in line)
    blocks: list[Block] = []
    for line in lines[start + 1 :]:
        text = line.split("#", 1)[0].rstrip()
        if not text.strip() or text.startswith("~"):
            continue
        match = BLOCK.match(text)
        if match:
            blocks.append(Block(match.group(1), _code(match.group(2))))
            continue
        if not blocks:
            continue
        if text.startswith("-"):
            match = PATTERN_LINE.match(text)
            if match:
                blocks[-1].patterns.append((match.group(1).strip(), _code(match.group(2))))
            continue
        match = VERB.match(text.strip())
        if not match:
            continue
        lemma = verb_lemma(match.group(1))
        if lemma:
            blocks[-1].verbs.append((lemma, _code(match.group(4)) if match.group(4) else ""))
    return blocks, synsets


def verb_lemma(word: str) -> str:
    """"+BEEF_UP" -> "beef up"; "ACCUSE" -> "accuse". A multi-word verb whose verb is not
    its first word ("WIRE_+TAP") cannot start a pattern of the dependency matcher: ""."""
    parts = word.split("_")
    if len(parts) > 1 and not parts[0].startswith("+"):
        return ""
    return " ".join(part.lstrip("+") for part in parts if part).lower()


PATTERN_ITEM = re.compile(r"\([^()]*\)|\{[^{}]*\}|\S+")


def expand_pattern(text: str, synsets: dict[str, list[str]]) -> tuple[list[list[str]], str] | None:
    """The word sequences that follow the verb in a CAMEO pattern, and the recipient slot
    that its `+` marks ("obj", a preposition, or "" when unmarked). None for a pattern that
    the matcher cannot read: words before the verb (`- FORCES * ...`, `- WILL NOT * ...`).

    A noun phrase `{FINANCIAL AID}` is its head ("aid": the matcher follows dependents to
    the right of the verb, the modifiers precede the head); a synonym set `&FOOD` is each
    of its phrases' heads; `$` (source), `%` (compound actor) and `^` (skip) mark actors,
    not words."""
    before, star, after = text.partition("*")
    if not star or before.strip():
        return None
    sequences: list[list[str]] = [[]]
    slot = ""
    items = PATTERN_ITEM.findall(after)
    for position, item in enumerate(items):
        if item.startswith("("):
            inner = item[1:-1].split()
            if not inner:
                continue
            words = [[inner[0].lower()]]
            rest = " ".join(inner[1:])
            if "+" in inner[1:] and not slot:
                slot = inner[0].lower()
            heads = _heads(rest, synsets)
            if heads:
                words = [[inner[0].lower(), head] for head in heads]
        elif item in ("+",):
            if not slot:
                slot = "obj" if position == 0 else ""
            continue
        elif item in ("$", "%", "^"):
            continue
        else:
            heads = _heads(item, synsets)
            if not heads:
                continue
            words = [[head] for head in heads]
        sequences = [seq + w for seq in sequences for w in words]
        if len(sequences) > MAX_EXPANSION:
            return None
    return sequences, slot


def _heads(phrase: str, synsets: dict[str, list[str]]) -> list[str]:
    """The head words a pattern item stands for: the last word of a phrase, each member's
    last word for a synonym set; markers and empty items give none."""
    words = [w for w in phrase.strip("{} ").split() if w not in ("+", "$", "%", "^")]
    if not words:
        return []
    last = words[-1]
    if last.startswith("&"):
        members = synsets.get(last.rstrip("_"), [])
        return sorted({m.split()[-1] for m in members if m})
    return [last.lower().strip("_")]


def compile_rows(blocks: list[Block], synsets: dict[str, list[str]], table: dict[str, tuple[str, str]],
                 curated: list[list[str]], light_verbs: frozenset = frozenset()) -> tuple[list[list[str]], dict[str, int]]:
    """Every verb and every verb + pattern of the dictionary that codes a PLOVER event, as
    rows of the verb lexicon, with the pattern -> CAMEO code provenance in `notes`.

    A light verb (`light_verbs`: "hold", "launch", "give", "attend") codes no event alone:
    its object noun says what happens ("held talks", "gave aid"), and its patterns stay."""
    defaults = default_args(curated)
    rows: dict[str, list[str]] = {}
    stats = {"verbs": 0, "patterns": 0, "unreadable": 0, "not_plover": 0, "light": 0, "rows": 0, "exclusions": 0}
    for block in blocks:
        for lemma, own in block.verbs:
            stats["verbs"] += 1
            code = own or block.code
            plover, mode = plover_of(code, table) if code.isdigit() else ("", "")
            if plover and lemma in light_verbs:
                stats["light"] += 1
            elif plover:
                _add(rows, lemma, plover, mode, code, defaults.get(plover, "obj"),
                     f"cameo {block.name}: {lemma.upper().replace(' ', '_')} [{code}]")
            elif code.isdigit():
                stats["not_plover"] += 1
        for text, code in block.patterns:
            stats["patterns"] += 1
            expanded = expand_pattern(text, synsets)
            if expanded is None:
                stats["unreadable"] += 1
                continue
            sequences, slot = expanded
            plover, mode = plover_of(code, table) if code.isdigit() else ("", "")
            for lemma, own in block.verbs:
                for words in sequences:
                    if not words:
                        continue
                    pattern = " ".join([lemma] + words)
                    note = f"cameo {block.name}: {lemma.upper().replace(' ', '_')} {text} [{code}]"
                    if plover:
                        args = slot if slot and slot != "obj" else defaults.get(plover, "obj")
                        if slot and slot not in args.split(","):
                            args = f"{slot},{args}"
                        _add(rows, pattern, plover, mode, code, args, note)
                    elif code == "---" and (own or block.code).isdigit():
                        # CAMEO's own "this phrase is no event" for a verb that codes one
                        _add(rows, pattern, "-", "", "-", "-", note)
    out = sorted(rows.values())
    stats["rows"] = sum(1 for row in out if row[1] != "-")
    stats["exclusions"] = sum(1 for row in out if row[1] == "-")
    return out, stats


def _add(rows: dict[str, list[str]], pattern: str, plover: str, mode: str, code: str, args: str, note: str) -> None:
    """First row for a pattern wins (the dictionary's first block and its order)."""
    if pattern not in rows:
        rows[pattern] = [pattern, plover, mode or "-", code, args, note]


def default_args(curated: list[list[str]]) -> dict[str, str]:
    """For each PLOVER type, the recipient slots that the curated one-word verb rows of that
    type most often take (a row of the dictionary names no slot of its own)."""
    counts: dict[str, dict[str, int]] = {}
    for row in curated:
        if len(row) < 5 or row[1] == "-" or " " in row[0] or "adj" in row[4].split(","):
            continue
        args = ",".join(a for a in row[4].split(",") if a not in UNREVIEWED_FLAGS)
        per_type = counts.setdefault(row[1], {})
        per_type[args] = per_type.get(args, 0) + 1
    return {plover: max(options, key=lambda a: (options[a], a)) for plover, options in counts.items()}


HEADER = """# Event verbs compiled from the CAMEO verb dictionary of PETRARCH2 (CAMEO.2.0.txt,
# (c) 2015 Open Event Data Alliance, MIT; see NOTICE), mapped to PLOVER type and mode by the
# CAMEO->PLOVER table (CAMEO2PLOVER-2021.txt, Open Event Data Alliance). GENERATED by
# `python scripts/build_event_lexicon.py build`: do not edit; a row of the curated
# event_verbs.tsv with the same pattern replaces the row here.
#
# pattern	type	mode	cameo	args	notes
#
# Columns as in event_verbs.tsv. What was compiled, and how:
# - every verb of a block with its own code or the block's (`[---]`: no event alone),
#   but for the light verbs of event_light_verbs.txt, whose object says what happens;
# - every `-` pattern of a block, for every verb of the block: the words after `*` in
#   order; a phrase `{A B}` is its head B, a synonym set `&SET` each of its phrases' heads,
#   `(PREP NOUN)` the preposition then the noun; `$ % ^` are actor marks; patterns with
#   words before the verb are left out (the matcher reads only dependents to its right);
# - a `+` (the target) in `(PREP +)` makes PREP the first recipient slot; otherwise a row
#   takes the slots that the curated one-word verb rows of its PLOVER type most often take,
#   without the readings only a reviewed row gives ("bare": no recipient, "mutual");
# - a pattern coded `[---]` under a verb that codes an event is an exclusion (type "-");
# - codes outside the CAMEO->PLOVER table (01 statements, 02 appeals) give no row;
# - `notes` keeps the provenance: the verb, the CAMEO pattern, its code and block.
"""


def build(out) -> dict[str, int]:
    blocks, synsets = read_blocks()
    light = frozenset(line.strip().lower() for line in LIGHT_VERBS.read_text(encoding="utf-8").splitlines()
                      if line.strip() and not line.startswith("#"))
    rows, stats = compile_rows(blocks, synsets, read_cameo_to_plover(), read_lexicon(), light)
    out.write(HEADER)
    for row in rows:
        out.write("\t".join(row) + "\n")
    return stats


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
    building = sub.add_parser("build", help=f"compile CAMEO.2.0 into {GENERATED.name}")
    building.add_argument("--output", type=Path, default=GENERATED, help="where to write (default: the shipped file)")
    comparing = sub.add_parser("compare", help="review the curated lexicon against CAMEO")
    comparing.add_argument("--roots", default="", help="comma-separated CAMEO roots to list missing verbs of")
    args = parser.parse_args(argv)
    if args.command == "build":
        with args.output.open("w", encoding="utf-8") as out:
            stats = build(out)
        print(f"{args.output}: " + ", ".join(f"{key} {value}" for key, value in stats.items()), file=sys.stderr)
    else:
        compare({r.strip().zfill(2) for r in args.roots.split(",") if r.strip()}, sys.stdout)


if __name__ == "__main__":
    main()
