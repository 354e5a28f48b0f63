"""content/programme.yaml → Programme, and the checks that tie gatherings to its networks.

The programme is its own file, not a section of site.yaml: with eight networks and
their series it is the longest piece of YAML in a site, it changes on another rhythm
than the site's look, and as a document of its own it is loaded, cached and reported
like any other. Every problem is reported in one pass, each at the line it is on.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from generator.core.errors import Problems
from generator.core.slugs import is_slug, slugify
from generator.domain.period import Period, PeriodError, parse_period
from generator.domain.programme import KINDS, Network, PlannedGathering, Programme, suggest_network
from generator.load.yamlfile import YamlList
from generator.validate import schema as s

FILE = "programme.yaml"


def period(value: Any) -> Period:
    try:
        return parse_period(value)
    except PeriodError as exc:
        raise s.Invalid(exc.message, exc.hint) from None


def zone(value: Any) -> str:
    name = s.non_empty_text(value)
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise s.Invalid(f"'{name}' is not a time zone", "write an IANA name like Europe/Oslo") from None
    return name


def count(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    raise s.Invalid(f"should be a whole number above 0, not {s.describe(value)}", "write e.g. 16")


PROGRAMME = {
    "key": s.Field(s.non_empty_text, default="", doc="a short name for links; made from the title if left out"),
    "title": s.Field(s.non_empty_text, required=True, doc="the programme's name"),
    "description": s.Field(s.text, default="", doc="a sentence or two"),
    "timezone": s.Field(zone, default="Europe/Oslo", doc="where planned gatherings are held"),
    "networks": s.Field(s.mapping, required=True, doc="each network under its key"),
}
NETWORK = {
    "title": s.Field(s.non_empty_text, required=True, doc="the network's name"),
    "theme": s.Field(s.text, default="", doc="e.g. omdømme"),
    "members": s.Field(s.text_list, default=(), doc="member municipalities or organisations"),
    "member_count": s.Field(count, default=None, doc="how many members, if they are not listed"),
    "counted_with": s.Field(s.non_empty_text, default="", doc="the network that shares member_count"),
    "leaders": s.Field(s.text_list, default=(), doc="the network leaders"),
    "series": s.Field(s.listing, default=None, doc="the gatherings, each with when:"),
}
ENTRY = {
    "kind": s.Field(s.one_of(*KINDS), default="gathering", doc=" | ".join(KINDS)),
    "number": s.Field(count, default=None, doc="1 for '1. samling'"),
    "title": s.Field(s.text, default="", doc="instead of '1. samling'"),
    "when": s.Field(period, required=True, doc="e.g. 'august/september 2013' or 2013-03-11..2013-03-12"),
    "gathering": s.Field(s.non_empty_text, default=None, doc="the gathering folder, once it has a programme"),
    "place": s.Field(s.text, default="", doc="where, if known"),
    "theme": s.Field(s.text, default="", doc="what it is about, if known"),
    "timezone": s.Field(zone, default=None, doc="if not the programme's"),
    "process_goals": s.Field(s.text_list, default=(), doc="the process goals agreed here for the next gathering"),
}


def programme_from(data: Any, path: Path, problems: Problems) -> Programme | None:
    """The parsed programme.yaml (a YamlMap from parse_yaml) → Programme; None if unusable."""
    v = s.check(data, PROGRAMME, path, problems, FILE)
    if v is None or v["networks"] is None:
        return None
    networks = tuple(
        n
        for key, raw in v["networks"].items()
        if (n := _network(key, raw, v["networks"].line_of(key), v["timezone"], path, problems))
    )
    _check_shared_counts(networks, path, problems)
    _check_gathering_once(networks, path, problems)
    key = v["key"] or slugify(v["title"], "programme")
    return Programme(key, v["title"], v["description"], networks)


def _network(key: str, raw: Any, line: int, tz: str, path: Path, problems: Problems) -> Network | None:
    if not is_slug(key):
        problems.add(path, line, f"the network key '{key}' is not a short name", f"write e.g. '{slugify(key)}'")
    v = s.check(raw, NETWORK, path, problems, f"network '{key}'", line)
    if v is None:
        return None
    series: list[PlannedGathering] = []
    numbers: dict[int, int] = {}
    items: YamlList = v["series"] if v["series"] is not None else YamlList()
    for i, item in enumerate(items):
        entry = _entry(item, items.line_of(i), len([g for g in series if g.kind == "gathering"]), tz, path, problems)
        if entry is None:
            continue
        if entry.number is not None and entry.kind == "gathering":
            if entry.number in numbers:
                problems.add(
                    path,
                    entry.line,
                    f"network '{key}' has two gatherings numbered {entry.number}"
                    f" (first on line {numbers[entry.number]})",
                    "number them 1, 2, 3 … in the order they are held",
                )
            numbers.setdefault(entry.number, entry.line)
        series.append(entry)
    held = sorted((g for g in series if g.kind == "gathering"), key=lambda g: g.when.first)
    if held and held[-1].process_goals:
        problems.add(
            path,
            held[-1].line,
            f"the process goals of the last gathering of '{key}' are for a next gathering the series does not have",
            "add the next gathering to the series (a `when:` with its months will do)",
        )
    listed = len(v["members"])
    if listed and v["member_count"] not in (None, listed) and not v["counted_with"]:
        problems.add(
            path,
            raw.line_of("member_count"),
            f"network '{key}' lists {listed} members but member_count says {v['member_count']}",
            "correct the count or the list, or leave member_count out: the list is counted",
        )
    return Network(
        key,
        v["title"],
        v["theme"],
        v["members"],
        v["member_count"] if v["member_count"] is not None or not listed else listed,
        v["leaders"],
        tuple(series),
        v["counted_with"],
        line,
    )


def _entry(raw: Any, line: int, held: int, tz: str, path: Path, problems: Problems) -> PlannedGathering | None:
    before = len(problems)
    v = s.check(raw, ENTRY, path, problems, "a gathering of the series", line)
    if v is None or len(problems) > before:
        return None
    number = v["number"]
    if v["kind"] == "theme_day" and number is not None:
        problems.add(
            path, raw.line_of("number"), "a theme day has no number", "remove `number:`, or write kind: gathering"
        )
        return None
    if v["kind"] == "gathering" and number is None:
        number = held + 1  # as written: the third `gathering` entry is "3. samling"
    return PlannedGathering(
        number=number,
        when=v["when"],
        kind=v["kind"],
        title=v["title"],
        gathering=v["gathering"],
        place=v["place"],
        theme=v["theme"],
        timezone=v["timezone"] or tz,
        line=raw.line,
        process_goals=v["process_goals"],
    )


def _check_shared_counts(networks: tuple[Network, ...], path: Path, problems: Problems) -> None:
    by_key = {n.key: n for n in networks}
    for n in networks:
        if not n.counted_with:
            continue
        other = by_key.get(n.counted_with)
        if other is None or other is n:
            close = difflib.get_close_matches(n.counted_with, [k for k in by_key if k != n.key], n=1)
            hint = f"did you mean '{close[0]}'?" if close else "name another network of this programme"
            problems.add(path, n.line, f"network '{n.key}' is counted with an unknown network '{n.counted_with}'", hint)
        elif other.counted_with != n.key or other.member_count != n.member_count:
            problems.add(
                path,
                n.line,
                f"networks '{n.key}' and '{other.key}' share a member count but do not agree on it",
                "give both the same member_count and let each name the other in counted_with",
            )


def _check_gathering_once(networks: tuple[Network, ...], path: Path, problems: Problems) -> None:
    seen: dict[str, tuple[str, int]] = {}
    for n in networks:
        for g in n.series:
            if g.gathering is None:
                continue
            if g.gathering in seen:
                other, line = seen[g.gathering]
                problems.add(
                    path,
                    g.line,
                    f"the gathering '{g.gathering}' is already in the series of '{other}' (line {line})",
                    "a gathering belongs to one network: remove one of them",
                )
            seen.setdefault(g.gathering, (n.key, g.line))


@dataclass(frozen=True)
class GatheringRef:
    """What a gathering folder says of itself: its key, the `network:` it names, and where."""

    key: str
    network: str
    path: Path
    line: int
    first: Any = None  # its first and last day, if it has days (dt.date)
    last: Any = None


def check_gatherings(
    programme: Programme, gatherings: Iterable[GatheringRef], programme_path: Path, problems: Problems
) -> None:
    """Gatherings name known networks; series entries name existing gatherings that agree with them."""
    found: Mapping[str, GatheringRef] = {g.key: g for g in gatherings}
    for ref in found.values():
        if ref.network and programme.network(ref.network) is None:
            problems.add(
                ref.path,
                ref.line,
                f"the network '{ref.network}' is not in {FILE}",
                suggest_network(programme, ref.network),
            )
    for n in programme.networks:
        for g in n.series:
            if g.gathering is None:
                continue
            ref = found.get(g.gathering)
            if ref is None:
                close = difflib.get_close_matches(g.gathering, list(found), n=1)
                hint = f"did you mean '{close[0]}'?" if close else "write the name of a folder with a gathering.yaml"
                problems.add(programme_path, g.line, f"there is no gathering folder '{g.gathering}'", hint)
                continue
            if ref.network and ref.network != n.key and programme.network(ref.network) is not None:
                problems.add(
                    programme_path,
                    g.line,
                    f"'{g.gathering}' is in the series of '{n.key}' but its gathering.yaml says network: {ref.network}",
                    f"write network: {n.key} in {g.gathering}/gathering.yaml, or move the entry",
                )
            if ref.first is not None and not (g.when.contains(ref.first) and g.when.contains(ref.last)):
                problems.add(
                    programme_path,
                    g.line,
                    f"'{g.gathering}' is held {ref.first.isoformat()}..{ref.last.isoformat()}, outside its `when:`",
                    "correct `when:` here or the days in its gathering.yaml",
                )
