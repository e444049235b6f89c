"""The US Treasury OFAC SDN list (CSV form) -> drafts of actor records.

Files, recognised by their shape (pass any of them, or their folder):

- `sdn.csv`: one entry a row, no header: ent_num, name, type (individual, vessel, aircraft
  or -0- for an entity), programs, title, call sign, vessel type, tonnage, GRT, vessel
  flag, vessel owner, remarks;
- `alt.csv`: aliases: ent_num, alt_num, aka|fka|nka, name, remarks;
- a CSV with the header `ent_num,name,programs,aliases` (`|`-separated aliases): the Foreign
  Terrorist Organizations, which become armed groups (sector REB).

Individuals become people ("AL-QUBAYSI, Abd-al-Munim" -> "Abd-al-Munim al-Qubaysi"), their
titles roles without dates; entities organisations, or armed groups when they are FTOs or
their name says so (army, brigade, front, lashkar...); vessels and aircraft are skipped.
The country is the nationality (else citizenship) given in the remarks. Ids: `ofac-<ent_num>`.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from ...errors import InputError
from ..base import KnowledgeBase
from ..names import name_words
from ..records import Role
from .common import ARMED_WORDS, ORG_SUFFIXES, CountryNames, Draft, ImportReport, proper_case, split_acronym, split_alternatives

EMPTY = "-0-"
NATIONALITY = re.compile(r"\b(?:nationality|citizen)\s+(?!of\b)(?:possibly\s+)?([^;.]+?)\s*(?:;|\.\s|\.$|$)", re.IGNORECASE)
AKA_IN_REMARKS = re.compile(r"a\.k\.a\.\s+'([^']+)'")


class OfacImporter:
    format = "ofac"

    def __init__(self, shipped: KnowledgeBase):
        self.shipped = shipped
        self.countries = CountryNames(shipped)

    def read(self, paths: list[Path], report: ImportReport) -> Iterator[Draft]:
        sdn_rows: list[list[str]] = []
        aliases: dict[str, list[tuple[str, str]]] = defaultdict(list)
        fto: dict[str, list[str]] = {}  # ent_num -> aliases
        fto_names: dict[str, str] = {}
        for path in _files(paths):
            rows = _rows(path)
            if not rows:
                continue
            header = [cell.strip().lower() for cell in rows[0]]
            if header[:2] == ["ent_num", "name"] and "aliases" in header:
                column = header.index("aliases")
                for row in rows[1:]:
                    if row and row[0].strip():
                        fto_names[row[0].strip()] = row[1].strip()
                        fto[row[0].strip()] = [a.strip() for a in (row[column] if len(row) > column else "").split("|") if a.strip()]
            elif len(rows[0]) == 5 and rows[0][2].strip() in ("aka", "fka", "nka"):
                for row in rows:
                    if len(row) >= 4:
                        aliases[row[0].strip()].append((row[2].strip(), row[3].strip()))
            elif len(rows[0]) == 12:
                sdn_rows.extend(rows)
            else:
                raise InputError(str(path), "not an OFAC SDN file (sdn.csv, alt.csv or the FTO list with aliases)")
        if not sdn_rows and not fto:
            raise InputError(", ".join(map(str, paths)), "no OFAC SDN entries (sdn.csv) found")
        seen = set()
        for row in sdn_rows:
            report.entries += 1
            draft = self._draft(row, aliases.get(row[0].strip(), []), fto, report)
            if draft is not None:
                seen.add(row[0].strip())
                yield draft
        for ent_num, name in fto_names.items():  # FTOs given without their sdn.csv row
            if ent_num not in seen:
                report.entries += 1
                row = [ent_num, name, EMPTY, "FTO", EMPTY] + [EMPTY] * 7
                yield self._draft(row, [], fto, report)

    def _draft(self, row: list[str], alt: list[tuple[str, str]], fto: dict, report: ImportReport) -> Draft | None:
        ent_num, raw_name, kind, programs, title = (cell.strip() for cell in row[:5])
        remarks = row[11].strip() if len(row) > 11 else ""
        kind = "" if kind == EMPTY else kind.lower()
        if kind in ("vessel", "aircraft"):
            report.skipped[f"{kind} (not an actor)"] += 1
            return None
        programs = " ".join(part.strip(" []") for part in programs.split("]"))
        source = f"US Treasury OFAC SDN list, entry {ent_num} ({programs.strip()})"
        country = self._country(remarks, report)
        if kind == "individual":
            name = person_name(raw_name)
            draft = Draft(id=f"ofac-{ent_num}", name=name, type="person", country=country, source=source)
            for alt_kind, alt_name in alt:
                alias = person_name(alt_name)
                if alias != name:
                    draft.aliases.append(alias)
            if title and title != EMPTY:
                for part in title.split(";"):
                    part = " ".join(part.split())
                    if part:
                        draft.roles.append(Role(title=part, country=country))
            return draft
        alternatives = split_alternatives(raw_name)
        name, acronym = split_acronym(alternatives[0])
        is_fto = ent_num in fto
        words = set(name_words(name))
        armed = is_fto or bool(words & ARMED_WORDS)
        actor_type = "armed_group" if armed else "organization"
        sector = "REB" if armed else ("BUS" if words & ORG_SUFFIXES else None)
        draft = Draft(id=f"ofac-{ent_num}", name=proper_case(name), type=actor_type, country=country,
                      sector=sector, source=source + (" [FTO]" if is_fto else ""))
        if acronym:
            draft.acronyms.append(acronym)
        names = alternatives[1:] + [alt_name for _, alt_name in alt] + fto.get(ent_num, [])
        names += AKA_IN_REMARKS.findall(remarks)
        for alias in names:
            text, short = split_acronym(alias)
            if short and short not in draft.acronyms:
                draft.acronyms.append(short)
            if _is_acronym(text):
                if text.upper() not in draft.acronyms:
                    draft.acronyms.append(text.upper())
            elif text:
                draft.aliases.append(proper_case(text))
        return draft

    def _country(self, remarks: str, report: ImportReport) -> str | None:
        for match in NATIONALITY.finditer(remarks):
            code = self.countries.code(match.group(1))
            if code:
                return code
            report.unknown_countries[match.group(1).strip()] += 1
        return None


def person_name(raw: str) -> str:
    """"AL-QUBAYSI, Abd-al-Munim" -> "Abd-al-Munim al-Qubaysi" (surname last, proper case)."""
    surname, comma, given = raw.partition(",")
    if comma and given.strip():
        text = f"{given.strip()} {_surname_case(surname.strip())}"
    else:
        text = raw.strip()
    return proper_case(text)


def _surname_case(surname: str) -> str:
    # Cased as a non-first word: its particles stay lower-case ("AL-QUBAYSI" -> "al-Qubaysi").
    return proper_case(f"X {surname}")[2:]


def _is_acronym(text: str) -> bool:
    letters = text.replace(".", "").replace("-", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper() and " " not in text


def _files(paths: list[Path]) -> list[Path]:
    out = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv"))
        else:
            out.append(path)
    return out


def _rows(path: Path) -> list[list[str]]:
    try:
        with open(path, encoding="utf-8", errors="replace", newline="") as handle:
            return [row for row in csv.reader(handle) if row]
    except OSError as error:
        raise InputError(str(path), error.strerror or str(error)) from None
    except csv.Error as error:
        raise InputError(str(path), f"not valid CSV ({error})") from None
