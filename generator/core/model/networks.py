"""The programme of networks and their series of gatherings, as plain data.

A series entry may be only planned ("2. samling august/september 2013"): its `when`
is then a month period. The computations on these (order, next, today, neighbours)
live in generator/domain/programme.py; parsing `when:` in generator/domain/period.py.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Literal

Precision = Literal["day", "month"]
Kind = Literal["gathering", "theme_day"]
KINDS: tuple[str, ...] = ("gathering", "theme_day")


@dataclass(frozen=True)
class Period:
    """Both precisions keep a first and a last calendar day (a month period spans whole months),
    so ordering and "is it over?" need no special case; only formatting and calendars ask."""

    first: dt.date
    last: dt.date
    precision: Precision = "day"

    @classmethod
    def days(cls, first: dt.date, last: dt.date | None = None) -> Period:
        return cls(first, last or first, "day")

    @classmethod
    def months(cls, first: tuple[int, int], last: tuple[int, int] | None = None) -> Period:
        """(2013, 8), (2013, 9) → 2013-08-01..2013-09-30 at month precision."""
        ly, lm = last or first
        return cls(dt.date(first[0], first[1], 1), dt.date(ly, lm, calendar.monthrange(ly, lm)[1]), "month")

    @property
    def is_exact(self) -> bool:
        return self.precision == "day"

    @property
    def first_month(self) -> tuple[int, int]:
        return (self.first.year, self.first.month)

    @property
    def last_month(self) -> tuple[int, int]:
        return (self.last.year, self.last.month)

    def contains(self, day: dt.date) -> bool:
        return self.first <= day <= self.last


@dataclass(frozen=True)
class PlannedGathering:
    """One entry of a network's series; `gathering` is the folder key once it has a real programme."""

    number: int | None  # "1. samling"; None for a theme day
    when: Period
    kind: Kind = "gathering"
    title: str = ""  # as written; empty means the label is made from kind and number
    gathering: str | None = None
    place: str = ""
    theme: str = ""
    timezone: str = "Europe/Oslo"
    line: int = 0  # where it is written in programme.yaml
    process_goals: tuple[str, ...] = ()  # "Prosessmål til neste samling", agreed here, shown at the next
    written: Period | None = None  # the `when:` as written, once a folder's days have replaced it

    @property
    def is_planned(self) -> bool:
        """No programme yet: shown as planned, with only what is known."""
        return self.gathering is None

    @property
    def is_fixed(self) -> bool:
        """Its days are known, so a calendar may hold it."""
        return self.when.is_exact

    @property
    def as_written(self) -> Period:
        """The period programme.yaml gives, whatever the folder says."""
        return self.written or self.when


@dataclass(frozen=True)
class Network:
    key: str
    title: str
    theme: str = ""
    members: tuple[str, ...] = ()
    member_count: int | None = None
    leaders: tuple[str, ...] = ()
    series: tuple[PlannedGathering, ...] = ()
    counted_with: str = ""  # the seed counts "2 nettverk med tema omdømme – 16 kommuner": a shared count
    line: int = 0


@dataclass(frozen=True)
class Programme:
    key: str
    title: str
    description: str = ""
    networks: tuple[Network, ...] = ()

    def network(self, key: str) -> Network | None:
        return next((n for n in self.networks if n.key == key), None)
