"""Knowledge-base records: who an actor is, by what names, in which roles when.

Periods are half-open: `start` inclusive, `end` exclusive, either may be open (None).
With a date, the roles and codes in force on that date apply; without one, the latest.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..model import ACTOR_TYPES

SECTORS = frozenset(
    "COP GOV JUD LEG MIL PRM PTY REB SPY UAF UNK AGR BUS CRM CVL EDU ELI JRN LAB MED REF OPP PRE REL SOC".split()
)


@dataclass(frozen=True)
class Period:
    start: dt.date | None = None
    end: dt.date | None = None

    def contains(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)

    def overlaps(self, other: "Period") -> bool:
        starts_before_other_ends = self.start is None or other.end is None or self.start < other.end
        ends_after_other_starts = self.end is None or other.start is None or other.start < self.end
        return starts_before_other_ends and ends_after_other_starts

    @property
    def sort_key(self) -> tuple:
        """Later periods sort higher; an open end counts as the latest."""
        return (self.end is None, self.end or dt.date.min, self.start or dt.date.min)


@dataclass(frozen=True)
class Role:
    title: str
    country: str | None = None
    sector: str | None = None
    period: Period = Period()


@dataclass(frozen=True)
class Code:
    """A time-scoped override of an actor's sector (and optionally type)."""

    sector: str | None
    type: str | None = None
    period: Period = Period()


@dataclass(frozen=True)
class Governor:
    """A non-state actor governing a state during a period (the Taliban in Afghanistan)."""

    actor: str
    period: Period = Period()


def _in_force(items, day: dt.date | None):
    """Items whose period holds on `day`; without a day, the latest ones."""
    items = list(items)
    if not items:
        return []
    if day is not None:
        return [item for item in items if item.period.contains(day)]
    latest = max(item.period.sort_key for item in items)
    return [item for item in items if item.period.sort_key == latest]


@dataclass
class ActorRecord:
    id: str
    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    part_of: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    codes: tuple[Code, ...] = ()
    governed_by: tuple[Governor, ...] = ()
    source: str | None = None
    origin: str = field(default="", compare=False)  # the file it was read from

    def __post_init__(self):
        if self.type not in ACTOR_TYPES:
            raise ValueError(f"type {self.type!r} is not one of {', '.join(ACTOR_TYPES)}")

    def all_names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def roles_on(self, day: dt.date | None) -> list[Role]:
        """Roles in force on `day`; without a date, the latest."""
        return _in_force(self.roles, day)

    def code_on(self, day: dt.date | None) -> Code | None:
        active = _in_force(self.codes, day)
        return max(active, key=lambda code: code.period.sort_key) if active else None

    def sector_on(self, day: dt.date | None) -> str | None:
        code = self.code_on(day)
        if code and code.sector:
            return code.sector
        roles = self.roles_on(day)
        for role in roles:
            if role.sector:
                return role.sector
        return self.sector

    def type_on(self, day: dt.date | None) -> str:
        code = self.code_on(day)
        return code.type if code and code.type else self.type

    def country_on(self, day: dt.date | None) -> str | None:
        if self.country:
            return self.country
        for role in self.roles_on(day):
            if role.country:
                return role.country
        return None

    def governor_on(self, day: dt.date | None) -> str | None:
        """Id of the actor that governs this state on `day`, if it is not the state itself."""
        if not self.governed_by:
            return None
        if day is None:
            latest = max(self.governed_by, key=lambda g: g.period.sort_key)
            return latest.actor if latest.period.end is None else None
        for governor in self.governed_by:
            if governor.period.contains(day):
                return governor.actor
        return None
