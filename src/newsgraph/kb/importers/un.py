"""The UN Security Council consolidated sanctions list (XML) -> drafts of actor records.

`<INDIVIDUAL>`s become people: the name is FIRST_NAME SECOND_NAME THIRD_NAME FOURTH_NAME in
that order; aliases of QUALITY "Good" (or none given) are aliases, those of QUALITY "Low"
are weak aliases (the list itself says they are not reliable identifiers); the country is
the first NATIONALITY. `<ENTITY>`s become organisations, or armed groups when their name or
the list's comment says so; their aliases often pack several names, original script and
translations into one field ("جبهة النصرة (the Victory Front; Jabhat al-Nusrah; ...)"),
which are split. Ids: `un-<reference number>` ("un-qde-132").
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from ...errors import InputError
from ..base import KnowledgeBase
from ..names import name_words, slug
from .common import ARMED_WORDS, CountryNames, Draft, ImportReport, proper_case, split_acronym
from .ofac import person_name

ARMED_COMMENT = re.compile(r"\b(armed group|terrorist (group|organi[sz]ation)|militant|insurgen|fighters)\b", re.I)
SPLIT_ALIAS = re.compile(r"[;\n]|\(original script\)")
NON_LATIN = re.compile(r"[^\x00-\u024f\u2018-\u201f]")


class UnImporter:
    format = "un"

    def __init__(self, shipped: KnowledgeBase):
        self.shipped = shipped
        self.countries = CountryNames(shipped)

    def read(self, paths: list[Path], report: ImportReport) -> Iterator[Draft]:
        for path in paths:
            root = _parse(path)
            if root.tag != "CONSOLIDATED_LIST":
                raise InputError(str(path), f"not a UN consolidated sanctions list (root element <{root.tag}>)")
            for element in root.iter("INDIVIDUAL"):
                report.entries += 1
                draft = self._individual(element, report)
                if draft is not None:
                    yield draft
            for element in root.iter("ENTITY"):
                report.entries += 1
                draft = self._entity(element, report)
                if draft is not None:
                    yield draft

    def _individual(self, element: ET.Element, report: ImportReport) -> Draft | None:
        parts = [_text(element, tag) for tag in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
        name = proper_case(" ".join(part for part in parts if part))
        reference = _text(element, "REFERENCE_NUMBER")
        if not name or not reference:
            report.skipped["no name or reference number"] += 1
            return None
        country = None
        for value in element.iterfind("NATIONALITY/VALUE"):
            country = self._country(value.text, report)
            if country:
                break
        draft = Draft(id=f"un-{slug(reference)}", name=name, type="person", country=country, source=_source(element, reference))
        for alias in element.iterfind("INDIVIDUAL_ALIAS"):
            quality = (_text(alias, "QUALITY") or "").lower()
            for text in _alias_names(_text(alias, "ALIAS_NAME")):
                text = person_name(text) if text.count(",") == 1 else proper_case(text)
                if not text or text == name:
                    continue
                (draft.weak if quality == "low" else draft.aliases).append(text)
        return draft

    def _entity(self, element: ET.Element, report: ImportReport) -> Draft | None:
        raw = " ".join(_text(element, "FIRST_NAME").split())
        reference = _text(element, "REFERENCE_NUMBER")
        if not raw or not reference:
            report.skipped["no name or reference number"] += 1
            return None
        name, acronym = split_acronym(raw)
        if " / " in name:  # "HARAKAT UL-MUJAHIDIN / HUM"
            name, _, short = name.partition(" / ")
            acronym = acronym or (short.strip() if short.strip().isupper() and " " not in short.strip() else None)
        words = set(name_words(name))
        comment = _text(element, "COMMENTS1")
        armed = bool(words & ARMED_WORDS) or bool(ARMED_COMMENT.search(comment or ""))
        countries = {self._country(c.text, report) for c in element.iterfind("ENTITY_ADDRESS/COUNTRY") if (c.text or "").strip()}
        countries.discard(None)
        draft = Draft(
            id=f"un-{slug(reference)}", name=proper_case(name), type="armed_group" if armed else "organization",
            country=countries.pop() if len(countries) == 1 else None, sector="REB" if armed else None,
            source=_source(element, reference),
        )
        if acronym:
            draft.acronyms.append(acronym)
        for alias in element.iterfind("ENTITY_ALIAS"):
            for text in _alias_names(_text(alias, "ALIAS_NAME")):
                text, short = split_acronym(text)
                if short and short not in draft.acronyms:
                    draft.acronyms.append(short)
                if text and text.isupper() and " " not in text and 2 <= len(text) <= 6:
                    draft.acronyms.append(text)
                elif text:
                    draft.aliases.append(proper_case(text))
        return draft

    def _country(self, text: str | None, report: ImportReport) -> str | None:
        if not text or not text.strip():
            return None
        code = self.countries.code(text)
        if code is None:
            report.unknown_countries[" ".join(text.split())] += 1
        return code


def _alias_names(raw: str | None) -> list[str]:
    """One ALIAS_NAME field -> its names: split at ";" and line breaks, original script
    dropped, the bracketed translations that follow it kept."""
    if not raw:
        return []
    names = []
    text = raw.replace("(original script)", ";")
    # "جبهة النصرة (the Victory Front; Jabhat al-Nusrah)": the brackets hold more names.
    text = re.sub(r"\(([^()]*;[^()]*)\)", lambda m: "; " + m.group(1) + ";", text)
    for piece in SPLIT_ALIAS.split(text):
        piece = " ".join(piece.split()).strip(" ,;()")
        if not piece:
            continue
        if NON_LATIN.search(piece):
            latin = NON_LATIN.sub(" ", piece)
            inner = re.findall(r"\(([^()]+)\)", latin)
            names.extend(" ".join(i.split()) for i in inner if i.strip())
            continue
        names.append(piece)
    return names


def _text(element: ET.Element, tag: str) -> str:
    found = element.find(tag)
    return " ".join((found.text or "").split()) if found is not None and found.text else ""


def _source(element: ET.Element, reference: str) -> str:
    listed = _text(element, "LISTED_ON")
    list_type = _text(element, "UN_LIST_TYPE")
    return f"UN Security Council consolidated list ({list_type}), {reference}, listed {listed[:10]}"


def _parse(path: Path) -> ET.Element:
    try:
        return ET.parse(path).getroot()
    except ET.ParseError as error:
        raise InputError(str(path), f"not valid XML ({error})") from None
    except OSError as error:
        raise InputError(str(path), error.strerror or str(error)) from None
