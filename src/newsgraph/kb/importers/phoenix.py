"""PETRARCH / Phoenix actor dictionaries (`*.actors.txt`, format in PETRARCH's
`dictionaries.rst`) -> drafts of actor records.

An entry is a primary phrase, `+synonyms`, and CAMEO codes in brackets, on the same line or
on tab-indented lines, each optionally restricted in time (`[AFGGOV 011222-141231]`,
`[IGOUNO >070101]`, `[AFGELI <780427]`; YYMMDD years 00-30 are 20YY, as in PETRARCH; the
limits are inclusive). A code reads as three-letter parts:

- the first is a country (ISO alpha-3, except the CAMEO codes in `CAMEO_COUNTRIES`), a
  region (`REGIONS`) or an international actor kind (IGO, NGO, NGM, MNC, IMG, UIS);
- the others are roles and descriptors: the first that has a PLOVER sector gives the
  sector (`ROLE_SECTORS`), the rest qualify it ("GOVEDU": government, education).

Types: the country entries ("AFGHANISTAN_ [AFG]") are states; people are entries from
CountryInfo or the IGO rulers lists, entries with dated codes, and names without
organisation words; the rest are IGOs, armed groups (IMG, REB, INS, SEP, UAF) or
organisations. Dated codes become a person's roles (title from the code: "government
official of Afghanistan (education)") or an organisation's codes; an undated code is the
default sector and country.

The agents dictionary (`Phoenix.agents.txt`) maps role nouns to codes ("FOREIGN_MINISTER
[~GOVFRM]"): it names no actor and is refused with a one-line reason (newsgraph's own
titles lexicon does that job; see docs/kb-import.md).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ...errors import InputError
from ..base import KnowledgeBase
from ..names import name_words, slug
from ..records import Code, Period, Role
from .common import (
    ARMED_WORDS, GIVEN_NAME_TITLES, HONORIFICS, ORG_WORDS, PARTICLES, Draft, ImportReport, is_common, proper_case,
    split_acronym, split_alternatives, strip_title,
)

# CAMEO country codes that are not (current) ISO 3166-1 alpha-3 codes.
CAMEO_COUNTRIES = {
    "USR": "SUN",  # Soviet Union
    "KSV": "XKX",  # Kosovo (user-assigned code, as the shipped KB uses)
    "TMP": "TLS",  # East Timor
    "ROM": "ROU",  # Romania
    "IMY": "IMN",  # Isle of Man
    "ZAR": "COD",  # Zaire
    "BRD": "DEU",  # West Germany
    "DDR": "DDR",  # East Germany (withdrawn ISO code, kept by the shipped KB)
    "YUG": "YUG",  # Yugoslavia (withdrawn)
    "SCG": "SCG",  # Serbia and Montenegro (withdrawn)
    "CSK": "CSK",  # Czechoslovakia (withdrawn)
    "ANT": "ANT",  # Netherlands Antilles (withdrawn)
}
# ISO codes of dependent territories (not in the shipped states, still valid countries).
TERRITORIES = frozenset(
    "ABW AIA ALA ASM ATA ATF BES BLM BMU BVT CCK COK CUW CXR CYM ESH FLK FRO GGY GIB GLP GRL GUF GUM HKG HMD "
    "IMN IOT JEY MAC MAF MNP MSR MTQ MYT NCL NFK NIU PCN PRI PYF REU SGS SHN SJM SPM SXM TCA TKL UMI VGB VIR WLF".split()
)
REGIONS = {
    "AFR": "Africa", "ASA": "Asia", "BLK": "the Balkans", "CAU": "the Caucasus", "CFR": "Central Africa",
    "CAS": "Central Asia", "CEU": "Central Europe", "EIN": "the East Indies", "EAF": "East Africa",
    "EEU": "Eastern Europe", "EUR": "Europe", "LAM": "Latin America", "MEA": "the Middle East",
    "MDT": "the Mediterranean", "NAF": "North Africa", "NMR": "North America", "PGS": "the Persian Gulf",
    "SCN": "Scandinavia", "SAM": "South America", "SAS": "South Asia", "SEA": "Southeast Asia",
    "SAF": "Southern Africa", "WAF": "West Africa", "WST": "the West", "CRB": "the Caribbean",
    "WEU": "Western Europe", "ARB": "the Arab world", "INT": "the world",
}
INTERNATIONAL = {"IGO": "igo", "NGO": "organization", "NGM": "organization", "MNC": "organization",
                 "IMG": "armed_group", "UIS": "organization"}
# CAMEO role and descriptor codes -> PLOVER sector (None: a descriptor without a sector).
ROLE_SECTORS = {
    "GOV": "GOV", "MIL": "MIL", "REB": "REB", "INS": "REB", "SEP": "REB", "UAF": "UAF", "SPY": "SPY",
    "COP": "COP", "JUD": "JUD", "LEG": "LEG", "OPP": "OPP", "PTY": "PTY", "BUS": "BUS", "MNC": "BUS",
    "MED": "MED", "EDU": "EDU", "CVL": "CVL", "NGO": "CVL", "NGM": "CVL", "AGR": "AGR", "LAB": "LAB",
    "REF": "REF", "ELI": "ELI", "CRM": "CRM", "REL": "REL", "IMG": "REB",
    "MUS": "REL", "CHR": "REL", "JEW": "REL", "HIN": "REL", "BUD": "REL", "SIK": "REL", "SHI": "REL",
    "SUN": "REL", "CTH": "REL", "PRO": "REL", "ORT": "REL", "JAN": "REL", "ZRO": "REL", "BAH": "REL",
    "HLH": None, "DEV": None, "ENV": None, "HRI": None, "MOD": None, "RAD": None, "AMN": None,
    "IRC": None, "IGO": None, "UIS": None,
}
ROLE_WORDS = {
    "GOV": "government official", "MIL": "military officer", "REB": "rebel", "INS": "insurgent",
    "SEP": "separatist", "UAF": "armed forces member", "SPY": "intelligence official", "COP": "police officer",
    "JUD": "judicial official", "LEG": "legislator", "OPP": "opposition figure", "PTY": "party official",
    "BUS": "business figure", "MNC": "business figure", "MED": "media figure", "EDU": "education figure",
    "CVL": "civil society figure", "NGO": "NGO figure", "NGM": "activist", "AGR": "agriculture figure",
    "LAB": "labour figure", "REF": "refugee", "ELI": "public figure", "CRM": "criminal", "REL": "religious figure",
    "IGO": "official", "IMG": "militant",
}
DESCRIPTOR_WORDS = {
    "GOV": "government", "MIL": "military", "JUD": "justice", "LEG": "legislature", "COP": "police",
    "SPY": "intelligence", "BUS": "economy", "MED": "media", "EDU": "education", "AGR": "agriculture",
    "LAB": "labour", "REF": "refugees", "HLH": "health", "DEV": "development", "ENV": "environment",
    "HRI": "human rights", "MOD": "moderate", "RAD": "radical", "REL": "religion", "CRM": "crime",
    "MUS": "Muslim", "CHR": "Christian", "JEW": "Jewish", "HIN": "Hindu", "BUD": "Buddhist", "SIK": "Sikh",
    "SHI": "Shia", "SUN": "Sunni", "CTH": "Catholic", "PRO": "Protestant", "OPP": "opposition",
    "ELI": "elite", "CVL": "civil society", "AMN": "Amnesty International", "IRC": "Red Cross",
}
# CAMEO codes of particular organisations (after IGO/NGO/IMG): the actor they name, to tie
# members to it with part_of and to write readable role titles.
ORGANIZATIONS = {
    "UNO": "United Nations", "NAT": "NATO", "EEC": "European Union", "WBK": "World Bank", "IAE": "IAEA",
    "WHO": "World Health Organization", "ILO": "International Labour Organization", "IMF": "International Monetary Fund",
    "HCR": "UNHCR", "KID": "UNICEF", "WFP": "World Food Programme", "FAO": "Food and Agriculture Organization",
    "ICJ": "International Court of Justice", "ICC": "International Criminal Court", "OPC": "OPEC",
    "AFU": "African Union", "ARL": "Arab League", "OIC": "Organisation of Islamic Cooperation",
    "GCC": "Gulf Cooperation Council", "ASN": "ASEAN", "OAS": "Organization of American States",
    "CIS": "Commonwealth of Independent States", "WTO": "World Trade Organization", "ALQ": "al-Qaeda",
    "HRW": "Human Rights Watch", "MSF": "Medecins Sans Frontieres", "SCO": "Shanghai Cooperation Organisation",
}
RULER_COMMENTS = ("countryinfo", "rulers")
CODE = re.compile(r"\[([^\]]*)\]")
AGENT_CODE = re.compile(r"\[\s*~?[A-Z]+~?\s*\]")


@dataclass
class Entry:
    names: list[str]
    codes: list[tuple[str, str]] = field(default_factory=list)  # (code, restriction text)
    comment: str = ""
    line: int = 0


@dataclass
class CodeMeaning:
    kind: str  # country | region | international | unknown
    country: str | None
    sector: str | None
    role_code: str | None  # the code that gave the sector
    descriptors: list[str]
    organization: str | None  # name of a particular organisation ("United Nations")
    territory: str | None = None


class PhoenixImporter:
    format = "phoenix"

    def __init__(self, shipped: KnowledgeBase):
        self.shipped = shipped
        self.state_codes = set(shipped.state_by_country)

    # ------------------------------------------------------------ reading
    def read(self, paths: list[Path], report: ImportReport) -> Iterator[Draft]:
        parsed = [(path, list(parse_file(path))) for path in paths]
        self.given = self._given_names(entry for _, entries in parsed for entry in entries)
        self.descriptor_words = self._descriptor_words()
        for path, entries in parsed:
            file_kind = _file_kind(path)
            for entry in entries:
                report.entries += 1
                draft = self._draft(entry, path, file_kind, report)
                if draft is not None:
                    draft.origin = str(path)
                    yield draft

    def _given_names(self, entries) -> frozenset[str]:
        """First words of the names of people: the shipped KB's and the entries that are
        surely people (from CountryInfo or the IGO rulers lists), seen three times or more."""
        counts: Counter = Counter()
        names = [r.name for r in self.shipped.records.values() if r.type == "person"]
        names += [entry.names[0].replace("_", " ") for entry in entries if any(m in entry.comment.lower() for m in RULER_COMMENTS)]
        for name in names:
            words = [w for w in name_words(name) if w not in PARTICLES and w not in HONORIFICS]
            if len(words) >= 2:
                counts[words[0]] += 1
        blocked = ORG_WORDS | ARMED_WORDS
        return frozenset(w for w, n in counts.items() if n >= 3 and w not in blocked and not is_common(w))

    def _descriptor_words(self) -> frozenset[str]:
        """Words of titles and of the names of states and IGOs: an entry made only of these
        ("AMERICAN_VICE_PRESIDENT", "UN_SECRETARY_GENERAL") is a role, not an actor."""
        words = set(_title_words()) | {"vice", "deputy", "acting", "former", "chief", "top", "senior"}
        self.state_words = set()
        for record in self.shipped.records.values():
            if record.type == "state":
                for name in (*record.all_names(), *record.acronyms, *record.demonyms):
                    self.state_words.update(name_words(name))
            elif record.type == "igo":
                for name in record.acronyms:
                    words.update(name_words(name))
        words |= self.state_words
        return frozenset(words - set(GIVEN_NAME_TITLES) - ORG_WORDS)

    def _is_role_phrase(self, name: str) -> bool:
        words = name_words(name)
        heads = _title_heads() - self.state_words  # "state" heads "secretary of state"
        return (
            bool(words) and any(w in heads for w in words)
            and all(w in self.descriptor_words or w in PARTICLES for w in words)
        )

    # ------------------------------------------------------------ one entry
    def _draft(self, entry: Entry, path: Path, file_kind: str, report: ImportReport) -> Draft | None:
        codes = []
        for code, restriction in entry.codes:
            if code.strip("-") == "":
                continue  # the null code
            try:
                period = parse_restriction(restriction)
            except ValueError as error:
                report.skipped[f"code with a malformed date ({error})"] += 1
                continue
            meaning = self.meaning(code, report)
            if meaning is None:
                report.skipped["malformed code"] += 1
                continue
            codes.append((code, meaning, period))
        if not codes:
            report.skipped["no code (PETRARCH's null code)"] += 1
            return None
        names = []
        for raw in entry.names:
            for piece in raw.split("+"):
                piece = piece.replace("_", " ").strip()
                if piece:
                    names.extend(split_alternatives(piece))
        if not names:
            report.skipped["no name"] += 1
            return None
        source = f"PETRARCH/Phoenix dictionary {path.name}:{entry.line}"
        if self._is_role_phrase(names[0]):
            report.skipped["a role, not an actor (US_VICE_PRESIDENT)"] += 1
            report.note("a role, not an actor", proper_case(names[0]))
            return None
        state = self._country_entry(names[0], codes)
        if state is not None:
            return self._state(state, names, source, report)
        actor_type = self._type(entry, names[0], codes, file_kind)
        canonical, acronym = split_acronym(names[0])
        name = proper_case(canonical)
        draft = Draft(id=f"phoenix-{slug(name)}", name=name, type=actor_type, source=source)
        if acronym:
            draft.acronyms.append(acronym)
        for raw in names[1:]:
            text, short = split_acronym(raw)
            if short and short not in draft.acronyms:
                draft.acronyms.append(short)
            if text:
                draft.aliases.append(proper_case(text))
        if actor_type == "person":
            stripped = strip_title(draft.name, _title_words())
            if stripped != draft.name and len(name_words(stripped)) >= 2:
                draft.weak.append(draft.name)
                draft.name = stripped
                draft.id = f"phoenix-{slug(stripped)}"
            self._person_names(draft, report)
            self._person_roles(draft, codes)
        else:
            self._organization_codes(draft, codes)
        return draft

    def _country_entry(self, first_name: str, codes):
        """The shipped state a country entry of the Countries file names ("ARMENIA_" with
        codes ARM, USRARM...): codes without a role, a name that is a spelling of the state's."""
        if any(m.sector or m.kind != "country" for _, m, _ in codes):
            return None
        if any(word in ORG_WORDS for word in name_words(first_name)):
            return None
        for _, meaning, _ in codes:
            state = self.shipped.state(meaning.country)
            if state is not None and _similar_to_any(first_name, state.all_names()):
                return state
        return None

    def _type(self, entry: Entry, first_name: str, codes, file_kind: str) -> str:
        meanings = [meaning for _, meaning, _ in codes]
        words = name_words(first_name)
        organisation_words = any(word in ORG_WORDS for word in words)
        comment = entry.comment.lower()
        dated = any(period != Period() for _, _, period in codes)
        organisation_words = organisation_words or any(word in ARMED_WORDS for word in words)
        if not organisation_words and file_kind != "armed":
            if any(marker in comment for marker in RULER_COMMENTS) or dated:
                return "person"
            distinctive = [w for w in words if not is_common(w) and len(w) > 1]
            if 2 <= len(words) <= 5 and len(distinctive) * 2 >= len(words):
                return "person"
        if not organisation_words and file_kind == "armed":
            # Leaders listed among the groups ("AYMAN_AL_ZAWAHIRI"): a given name first.
            named = [w for w in words if w not in PARTICLES and w not in HONORIFICS]
            if 2 <= len(named) <= 4 and named[0] in self.given:
                return "person"
        if all(m.kind == "country" and m.sector is None and not m.descriptors for m in meanings):
            return "location"  # a territory or place coded as a country ("ARUBA_ [ABW]")
        first = meanings[0]
        if any(m.kind == "international" and m.role_code == "IMG" for m in meanings):
            return "armed_group"
        if any(m.sector in ("REB", "UAF") for m in meanings) or file_kind == "armed":
            return "armed_group"
        if first.kind == "international" and codes[0][0].startswith("IGO"):
            return "igo"
        return "organization"

    # ------------------------------------------------------------ states
    def _state(self, state, names: list[str], source: str, report: ImportReport) -> Draft:
        draft = Draft(id=state.id, name=state.name, type="state", country=state.country, source=source, overlay=True)
        own = {name_words(n) for n in (*state.demonyms, *state.capitals)}
        for raw in names:
            text = proper_case(raw)
            # Phoenix codes cities and provinces as their state ("KABUL_", "HELMAND"), which
            # would make "Herat" an actor: only spellings of the state's own names are kept
            # (its demonyms and capitals are already the shipped record's).
            if name_words(text) in own:
                continue
            if _similar_to_any(text, state.all_names()):
                draft.aliases.append(text)
            else:
                report.skipped["place coded as its state (not a name of the state)"] += 1
                report.note("place coded as its state (not a name of the state)", text)
        return draft

    # ------------------------------------------------------------ people
    def _person_names(self, draft: Draft, report: ImportReport) -> None:
        titles = _title_words()
        kept = []
        for alias in draft.aliases:
            stripped = strip_title(alias, titles)
            if stripped != alias:
                report.skipped["alias with a title (title removed)"] += 1
                report.note("alias with a title (title removed)", alias)
            if stripped and stripped not in kept:
                kept.append(stripped)
        draft.aliases = kept

    def _person_roles(self, draft: Draft, codes) -> None:
        dated = [(code, meaning, period) for code, meaning, period in codes if period != Period()]
        undated = [(code, meaning, period) for code, meaning, period in codes if period == Period()]
        roles = []
        for code, meaning, period in dated + (undated if not dated else []):
            title = self._title(meaning, code)
            roles.append(Role(title=title, country=meaning.country, sector=meaning.sector, period=period))
        draft.roles = merge_roles(roles)
        default = undated[0][1] if undated else None
        latest = max(dated, key=lambda item: item[2].sort_key)[1] if dated else None
        draft.country = (default and default.country) or (latest and latest.country)
        draft.sector = default.sector if default else None

    def _title(self, meaning: CodeMeaning, code: str) -> str:
        role = ROLE_WORDS.get(meaning.role_code or "", "member") if meaning.role_code else "figure"
        if meaning.organization:
            place = f"of the {meaning.organization}" if not meaning.organization.startswith("al-") else f"of {meaning.organization}"
        elif meaning.country:
            state = self.shipped.state(meaning.country)
            place = f"of {state.name}" if state else f"of {meaning.country}"
        elif meaning.kind == "region" and meaning.descriptors:
            place = ""
        else:
            place = ""
        title = f"{role} {place}".strip()
        extra = [word for word in meaning.descriptors if word != DESCRIPTOR_WORDS.get(meaning.role_code or "")]
        if extra:
            title += f" ({', '.join(extra)})"
        return title

    # ------------------------------------------------------------ organisations
    def _organization_codes(self, draft: Draft, codes) -> None:
        dated = [(meaning, period) for _, meaning, period in codes if period != Period()]
        undated = [meaning for _, meaning, period in codes if period == Period()]
        default = undated[0] if undated else None
        for meaning, period in dated:
            draft.codes.append(Code(sector=meaning.sector, period=period))
        chosen = default or max(dated, key=lambda item: item[1].sort_key)[0]
        draft.country = chosen.country
        draft.sector = chosen.sector
        if draft.type == "armed_group" and draft.sector is None:
            draft.sector = "REB"
        if chosen.organization:
            parent = [r for r in self.shipped.lookup(chosen.organization) if r.type in ("igo", "armed_group", "organization")]
            if parent and name_words(parent[0].name) != name_words(draft.name):
                draft.part_of.append(parent[0].id)

    # ------------------------------------------------------------ codes
    def meaning(self, code: str, report: ImportReport | None = None) -> CodeMeaning | None:
        letters = re.sub(r"[^A-Z]", "", code.upper())
        if not letters or len(letters) % 3:
            return None
        parts = [letters[i : i + 3] for i in range(0, len(letters), 3)]
        first, rest = parts[0], parts[1:]
        country = territory = organization = None
        if first in INTERNATIONAL:
            kind = "international"
            role_code = first
            if rest and rest[0] not in ROLE_SECTORS and rest[0] not in ORGANIZATIONS:
                candidate = self._country(rest[0])
                if candidate:
                    country, rest = candidate, rest[1:]
                elif rest[0] in REGIONS:
                    rest = rest[1:]
        elif first in REGIONS:
            kind, role_code = "region", None
        elif first in ROLE_SECTORS or first in DESCRIPTOR_WORDS:
            kind, role_code, rest = "role", None, parts  # "[ELI]": a role without a country
        else:
            country = self._country(first)
            kind = "country" if country else "unknown"
            role_code = None
            if country is None and report is not None:
                report.unknown_countries[first] += 1
            if rest and rest[0] in TERRITORIES and rest[0] not in ROLE_SECTORS:
                territory, rest = rest[0], rest[1:]
                country = territory
        sector = ROLE_SECTORS.get(role_code) if role_code else None
        descriptors = []
        for part in rest:
            if part in ORGANIZATIONS and organization is None:
                organization = ORGANIZATIONS[part]
                continue
            if sector is None and ROLE_SECTORS.get(part):
                sector, role_code = ROLE_SECTORS[part], part
                continue
            if role_code is None and part in ROLE_SECTORS:
                role_code = part
            if part in DESCRIPTOR_WORDS:
                descriptors.append(DESCRIPTOR_WORDS[part])
        return CodeMeaning(kind, country, sector, role_code, descriptors, organization, territory)

    def _country(self, code: str) -> str | None:
        if code in CAMEO_COUNTRIES:
            return CAMEO_COUNTRIES[code]
        if code in self.state_codes or code in TERRITORIES:
            return code
        return None


def merge_roles(roles: list[Role]) -> list[Role]:
    """Roles of the same title whose periods overlap or touch, as one (Phoenix gives a
    person one range as president and an overlapping one as prime minister; both read
    "government official of ...")."""
    out: list[Role] = []
    key = lambda role: (role.title, role.country, role.sector)  # noqa: E731
    for role in sorted(roles, key=lambda r: (key(r), r.period.start or dt.date.min)):
        last = out[-1] if out else None
        if last is not None and key(last) == key(role) and _touch(last.period, role.period):
            start = None if last.period.start is None or role.period.start is None else min(last.period.start, role.period.start)
            end = None if last.period.end is None or role.period.end is None else max(last.period.end, role.period.end)
            out[-1] = Role(last.title, last.country, last.sector, Period(start, end))
        else:
            out.append(role)
    return sorted(out, key=lambda r: r.period.start or dt.date.min)


def _touch(first: Period, second: Period) -> bool:
    return first.overlaps(second) or first.end == second.start or second.end == first.start


# ---------------------------------------------------------------- file syntax


def parse_file(path: Path) -> Iterator[Entry]:
    """The entries of an actors dictionary, in order."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise InputError(str(path), error.strerror or str(error)) from None
    lines = text.splitlines()
    sample = [line for line in lines[:400] if line.strip() and not line.lstrip().startswith("#")]
    if sample and sum(bool(AGENT_CODE.search(line)) and "~" in line for line in sample) > len(sample) // 2:
        raise InputError(
            str(path),
            "a PETRARCH agents dictionary (role nouns such as FOREIGN_MINISTER [~GOVFRM]), not actors: "
            "it is not imported (see docs/kb-import.md)",
        )
    current: Entry | None = None
    blank_since = False  # a blank line since the current entry's last line
    for number, line in enumerate(lines, start=1):
        body, _, comment = line.partition("#")
        if line.lstrip().startswith("<") or not body.strip():
            if not line.strip():
                blank_since = True
            elif current is not None and comment and not current.comment:
                current.comment = comment.strip()
            continue
        stripped = body.strip()
        codes = [_split_code(match.group(1)) for match in CODE.finditer(body)]
        name_part = CODE.sub(" ", body).strip()
        if stripped.startswith("["):
            if current is not None:
                current.codes.extend(codes)
                blank_since = False
            continue
        if stripped.startswith("+"):
            if current is not None:
                current.names.append(name_part.lstrip("+").strip())
                current.codes.extend(codes)
                blank_since = False
            continue
        if current is not None and not current.codes and not blank_since:
            # As in PETRARCH, primary phrases without a code share the codes that follow
            # ("IVO_JOSIPOVIC_ / PRESIDENT_JOSIPOVIC_ / JOSIPOVIC_ / [HRVGOV ...]"); unlike
            # PETRARCH, a blank line ends the entry.
            current.names.append(name_part)
            current.codes.extend(codes)
            current.comment = current.comment or comment.strip()
            continue
        if current is not None:
            yield current
        current = Entry(names=[name_part], codes=codes, comment=comment.strip(), line=number)
        blank_since = False
    if current is not None:
        yield current


def _split_code(inside: str) -> tuple[str, str]:
    parts = inside.split(None, 1)
    if not parts:
        return "", ""
    return parts[0], parts[1].strip() if len(parts) > 1 else ""


def parse_restriction(text: str) -> Period:
    """"" (always), "<780427", ">011222", "750101-000101": limits inclusive."""
    text = text.replace(" ", "")
    if not text:
        return Period()
    if text.startswith("<"):
        return Period(None, parse_cameo_date(text[1:]) + dt.timedelta(days=1))
    if text.startswith(">"):
        return Period(parse_cameo_date(text[1:]), None)
    if "-" in text:
        first, _, last = text.partition("-")
        start, end = parse_cameo_date(first), parse_cameo_date(last) + dt.timedelta(days=1)
        if not start < end:
            raise ValueError(f"{text}: ends before it starts")
        return Period(start, end)
    raise ValueError(f"{text}: not <date, >date or date-date")


def parse_cameo_date(text: str) -> dt.date:
    """YYMMDD (years 00-30 are 20YY, others 19YY, as in PETRARCH) or YYYYMMDD."""
    if not text.isdigit() or len(text) not in (6, 8):
        raise ValueError(f"{text!r} is not YYMMDD or YYYYMMDD")
    if len(text) == 6:
        year = int(text[:2])
        text = f"{2000 + year if year <= 30 else 1900 + year}{text[2:]}"
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        raise ValueError(f"{text!r} is not a calendar date") from None


def _file_kind(path: Path) -> str:
    name = path.name.lower()
    if "milnonstate" in name or "nonstate" in name:
        return "armed"
    if "countries" in name:
        return "countries"
    return "other"


STATE_FORMS = frozenset(
    "republic kingdom state states emirate emirates federation commonwealth union principality sultanate "
    "democratic islamic peoples federal united grand duchy".split()
)


def _similar_to_any(name: str, known: tuple[str, ...]) -> bool:
    """A spelling of one of these state names: one of them, one of them after a state form
    ("Islamic Republic of Afghanistan"), or a one-word spelling within 80% of one of them
    ("AFGANISTAN" ~ "Afghanistan"); not a city named after its country ("Santiago de Chile")."""
    words = name_words(name)
    if not words:
        return False
    known_words = [name_words(k) for k in known]
    for k in known_words:
        if not k:
            continue
        if words == k:
            return True
        if len(words) > len(k) and words[-len(k) :] == k and any(w in STATE_FORMS for w in words[: -len(k)]):
            return True
    if len(words) == 1 and len(words[0]) >= 7:
        return any(
            difflib.SequenceMatcher(None, words[0], k[0]).ratio() >= 0.8 for k in known_words if len(k) == 1
        )
    return False


@lru_cache(maxsize=1)
def _title_heads() -> frozenset[str]:
    """The last words of titles ("minister", "president", "secretary", "general")."""
    from ... import lexicon

    heads = {name_words(term)[-1] for term in lexicon.table("titles.tsv", 3) if name_words(term)}
    return frozenset(heads - GIVEN_NAME_TITLES)


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    from ... import lexicon

    words = set()
    for term in lexicon.table("titles.tsv", 3):
        words.update(name_words(term))
    return frozenset(words - {"of", "the", "and", "for", "in"})
