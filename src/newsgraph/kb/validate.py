"""`newsgraph kb validate`: what is wrong or doubtful in the knowledge base's files.

Errors (the command exits with status 1):
- a file that cannot be read (not YAML/JSON Lines, a malformed record: a bad date, an
  unknown sector, a country that is not ISO alpha-3...);
- an id that is not a slug ([a-z0-9-]), a code whose type is not an actor type;
- the same id defined twice (not as an overlay);
- `part_of` or `governed_by` naming an id nothing defines;
- one person holding the same title twice over overlapping dates.

Warnings:
- one name (or alias or acronym) borne by different actors of the same type: probably the
  same actor twice (two imported lists naming one sanctioned person) or a name that cannot
  tell them apart;
- one name borne by actors of different types (the matcher picks by kind and type);
- an overlay of an id that nothing else defines.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import KnowledgeBaseError
from ..model import ACTOR_TYPES
from .base import KnowledgeBase
from .loader import read_file

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NAME_KINDS = ("name", "alias", "acronym")


@dataclass
class Issue:
    severity: str  # error | warning
    check: str
    message: str
    actors: tuple[str, ...] = ()
    file: str | None = None

    def as_dict(self) -> dict:
        return {"severity": self.severity, "check": self.check, "message": self.message,
                "actors": list(self.actors), "file": self.file}


@dataclass
class ValidationReport:
    files: list[str] = field(default_factory=list)
    records: int = 0
    names: int = 0
    issues: list[Issue] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.severity == "warning"]

    def counts(self) -> dict[str, dict[str, int]]:
        out: dict[str, Counter] = defaultdict(Counter)
        for issue in self.issues:
            out[issue.severity][issue.check] += 1
        return {severity: dict(counter.most_common()) for severity, counter in out.items()}

    def as_dict(self, limit: int | None = None) -> dict:
        issues = self.issues if limit is None else self.issues[:limit]
        return {
            "files": self.files, "records": self.records, "names": self.names,
            "errors": len(self.errors), "warnings": len(self.warnings), "counts": self.counts(),
            "issues": [issue.as_dict() for issue in issues],
        }


def validate_files(files: Iterable[Path]) -> ValidationReport:
    """Read every file (reporting those that cannot be read) and check what they define."""
    report = ValidationReport()
    records = []
    readable = []
    for path in files:
        report.files.append(str(path))
        try:
            records.extend(read_file(path))
            readable.append(path)
        except KnowledgeBaseError as error:
            report.issues.append(Issue("error", "unreadable file", error.problem, file=error.path))
    kb = KnowledgeBase(records, readable)
    check(kb, report)
    return report


def check(kb: KnowledgeBase, report: ValidationReport) -> ValidationReport:
    report.records = len(kb.records)
    report.names = len(kb.matcher)
    issue = report.issues.append
    for kept, replaced in kb.duplicates:
        issue(Issue("error", "duplicate id", f"{kept.id!r} is defined in {replaced.origin} and again in {kept.origin}",
                    (kept.id,), kept.origin))
    for overlay in kb.orphan_overlays:
        issue(Issue("warning", "overlay of an unknown id",
                    f"{overlay.id!r} extends an actor that no file defines (kept on its own)", (overlay.id,), overlay.origin))
    for record in kb.records.values():
        if not SLUG.match(record.id):
            issue(Issue("error", "malformed id", f"{record.id!r} is not a slug ([a-z0-9-])", (record.id,), record.origin))
        for code in record.codes:
            if code.type and code.type not in ACTOR_TYPES:
                issue(Issue("error", "malformed value", f"{record.id}: code type {code.type!r} is not one of "
                            f"{', '.join(ACTOR_TYPES)}", (record.id,), record.origin))
        for target in record.part_of:
            if target not in kb.records:
                issue(Issue("error", "unknown id", f"{record.id}: part_of {target!r} is not defined", (record.id,), record.origin))
        for governor in record.governed_by:
            if governor.actor not in kb.records:
                issue(Issue("error", "unknown id", f"{record.id}: governed_by {governor.actor!r} is not defined",
                            (record.id,), record.origin))
        _overlapping_roles(record, issue)
    _name_clashes(kb, issue)
    return report


def _overlapping_roles(record, issue) -> None:
    by_title = defaultdict(list)
    for role in record.roles:
        by_title[(role.title.lower(), role.country)].append(role)
    for (title, _), roles in by_title.items():
        roles.sort(key=lambda role: (role.period.start is not None, role.period.start or 0))
        for index, first in enumerate(roles):
            for second in roles[index + 1 :]:
                if first.period.overlaps(second.period):
                    issue(Issue("error", "overlapping roles",
                                f"{record.id}: {title!r} {_period(first.period)} overlaps {_period(second.period)}",
                                (record.id,), record.origin))
                    break


def _period(period) -> str:
    start = period.start.isoformat() if period.start else "..."
    end = period.end.isoformat() if period.end else "..."
    return f"[{start}, {end})"


def _name_clashes(kb: KnowledgeBase, issue) -> None:
    for words, entries in kb.matcher.entries.items():
        ids = list(dict.fromkeys(e.actor_id for e in entries if e.kind in NAME_KINDS))
        if len(ids) < 2:
            continue
        records = [kb.records[i] for i in ids]
        by_type = defaultdict(list)
        for record in records:
            by_type[record.type].append(record.id)
        name = " ".join(words)
        same = [group for group in by_type.values() if len(group) > 1]
        for group in same:
            issue(Issue("warning", "same name, same type", f"{name!r} is a name of {len(group)} {kb.records[group[0]].type} "
                        f"actors: {', '.join(group[:5])}{' ...' if len(group) > 5 else ''}", tuple(group)))
        if len(by_type) > 1:
            issue(Issue("warning", "same name, different types", f"{name!r} is a name of "
                        + ", ".join(f"{ids[0]} ({t})" for t, ids in by_type.items()), tuple(ids)))
