"""A programme of networks, each meeting in a series of gatherings: order, next, today, neighbours.

"Today" and "next" are judged in each gathering's own time zone: at 00.30 in Oslo
the seed gathering has begun although it is still the evening before in UTC.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Literal
from zoneinfo import ZoneInfo

from generator.domain.period import Period

Kind = Literal["gathering", "theme_day"]
KINDS: tuple[str, ...] = ("gathering", "theme_day")


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

    @property
    def is_planned(self) -> bool:
        """No programme yet: shown as planned, with only what is known."""
        return self.gathering is None

    @property
    def is_fixed(self) -> bool:
        """Its days are known, so a calendar may hold it."""
        return self.when.is_exact


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


def ordered(series: Iterable[PlannedGathering]) -> tuple[PlannedGathering, ...]:
    """By first day (a month period by its first day of the month); equal days keep the written order."""
    return tuple(sorted(series, key=lambda g: g.when.first))


def local_today(now: dt.datetime, zone: str) -> dt.date:
    """The calendar day at the instant `now` where the gathering is held."""
    if now.tzinfo is None:
        raise ValueError("`now` must be an aware datetime, e.g. datetime.now(timezone.utc)")
    return now.astimezone(ZoneInfo(zone)).date()


def today_of(series: Iterable[PlannedGathering], now: dt.datetime) -> PlannedGathering | None:
    """The gathering being held today; only exact days can be "today"."""
    return next((g for g in ordered(series) if g.is_fixed and g.when.contains(local_today(now, g.timezone))), None)


def next_of(series: Iterable[PlannedGathering], now: dt.datetime) -> PlannedGathering | None:
    """The first gathering still to come: exact ones not yet begun, planned months not yet over."""
    for g in ordered(series):
        today = local_today(now, g.timezone)
        if (g.is_fixed and g.when.first > today) or (not g.is_fixed and g.when.last >= today):
            return g
    return None


def fixed(series: Iterable[PlannedGathering]) -> tuple[PlannedGathering, ...]:
    """What a network calendar may hold: entries whose days are known, in date order."""
    return tuple(g for g in ordered(series) if g.is_fixed)


@dataclass(frozen=True)
class Neighbours:
    previous: PlannedGathering | None
    next: PlannedGathering | None


def neighbours(network: Network, gathering_key: str) -> Neighbours:
    """The entries before and after a gathering in its network's series, planned ones included."""
    series = ordered(network.series)
    at = next((i for i, g in enumerate(series) if g.gathering == gathering_key), None)
    if at is None:
        return Neighbours(None, None)
    return Neighbours(series[at - 1] if at > 0 else None, series[at + 1] if at + 1 < len(series) else None)


def network_of(programme: Programme, gathering_key: str) -> Network | None:
    """The network whose series holds this gathering folder."""
    return next((n for n in programme.networks if any(g.gathering == gathering_key for g in n.series)), None)


def suggest_network(programme: Programme, written: str) -> str:
    """A hint for an unknown network key: a close key, the key of a title written out, or the keys."""
    keys = [n.key for n in programme.networks]
    by_title = {n.title.casefold(): n.key for n in programme.networks}
    if written.strip().casefold() in by_title:
        return f"write the network's key '{by_title[written.strip().casefold()]}', not its title"
    close = difflib.get_close_matches(written, keys, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    titled = difflib.get_close_matches(written.casefold(), list(by_title), n=1, cutoff=0.6)
    if titled:
        return f"did you mean '{by_title[titled[0]]}'?"
    return f"known networks: {', '.join(keys)}" if keys else "add the network to content/programme.yaml"


def entry_label(entry: PlannedGathering, words: Mapping[str, str]) -> str:
    """ "1. samling" / "Gathering 1" / "Temadag", from the theme's strings, unless a title is written."""
    if entry.title:
        return entry.title
    if entry.kind == "theme_day":
        return words["programme_theme_day"]
    return words["programme_gathering_number"].format(n=entry.number)


def with_dates(programme: Programme, dates: Mapping[str, tuple[dt.date, dt.date, str]]) -> Programme:
    """Entries with a gathering folder take its days and time zone: `dates[key] = (first, last, timezone)`."""

    def fix(g: PlannedGathering) -> PlannedGathering:
        if g.gathering is None or g.gathering not in dates:
            return g
        first, last, zone = dates[g.gathering]
        return replace(g, when=Period.days(first, last), timezone=zone)

    return replace(
        programme,
        networks=tuple(replace(n, series=tuple(fix(g) for g in n.series)) for n in programme.networks),
    )


def total_members(programme: Programme) -> int:
    """Members over all networks, a shared count (`counted_with`) once."""
    seen: set[frozenset[str]] = set()
    total = 0
    for n in programme.networks:
        if n.member_count is None:
            continue
        group = frozenset({n.key, n.counted_with} - {""})
        if group in seen:
            continue
        seen.add(group)
        total += n.member_count
    return total
