"""A programme of networks, each meeting in a series of gatherings: order, next, today, neighbours.

"Today" and "next" are judged in each gathering's own time zone: at 00.30 in Oslo
the seed gathering has begun although it is still the evening before in UTC.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from generator.core.model.networks import KINDS, Kind, Network, Period, PlannedGathering, Programme

__all__ = [
    "KINDS",
    "Kind",
    "Neighbours",
    "Network",
    "PlannedGathering",
    "Programme",
    "agreed_for",
    "entry_label",
    "fixed",
    "local_today",
    "neighbours",
    "neighbours_of",
    "network_of",
    "next_of",
    "ordered",
    "suggest_network",
    "today_of",
    "total_members",
    "with_dates",
]


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
    entry = next((g for g in network.series if g.gathering == gathering_key), None)
    return neighbours_of(network, entry) if entry is not None else Neighbours(None, None)


def neighbours_of(network: Network, entry: PlannedGathering) -> Neighbours:
    """The entries before and after one entry of the series (which must hold it)."""
    # In the order programme.yaml gives, not the folders' days: a gathering's page then depends on
    # programme.yaml and its own folder only, so a repeat build knows when to make it again.
    series = sorted(network.series, key=lambda g: g.as_written.first)
    at = series.index(entry)
    return Neighbours(series[at - 1] if at > 0 else None, series[at + 1] if at + 1 < len(series) else None)


def agreed_for(network: Network, entry: PlannedGathering) -> PlannedGathering | None:
    """The gathering whose `process_goals` were agreed for this one: the previous gathering of the
    series (a theme day between them is passed over; a theme day itself carries nothing over)."""
    if entry.kind != "gathering":
        return None
    series = sorted(network.series, key=lambda g: g.as_written.first)
    before = [g for g in series[: series.index(entry)] if g.kind == "gathering"]
    return before[-1] if before and before[-1].process_goals else None


def next_gathering(network: Network, entry: PlannedGathering) -> PlannedGathering | None:
    """The gathering after this entry in its series, a theme day between them passed over: where the
    process goals agreed at this entry are shown, and whose theme, time and place it agreed."""
    series = sorted(network.series, key=lambda g: g.as_written.first)
    return next((g for g in series[series.index(entry) + 1 :] if g.kind == "gathering"), None)


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
        return replace(g, when=Period.days(first, last), timezone=zone, written=g.as_written)

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
