"""A small RFC 5545 writer: content lines, TEXT escaping, line folding and VTIMEZONE components.

Writes exactly what the icalendar library wrote for our calendars (same property order, escaping,
folding and VTIMEZONE), at a fraction of the cost: its per-character folding loop was the largest
single cost of a cold build. tests/test_ical.py compares the two byte for byte.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import zoneinfo

FOLD_AT = 74  # octets of content per physical line: icalendar folds before a character reaches 75
BACKSLASH, CARET = 0x5C, 0x5E

# Zones written as UTC, with a "Z" and no VTIMEZONE (RFC 5545 3.3.5): UTC's aliases and the zones
# whose clocks have equalled UTC for decades — the set icalendar 7 treats as equivalent to UTC.
UTC_ZONES = frozenset(
    {"UTC", "UCT", "Universal", "Zulu", "GMT", "GMT+0", "GMT-0", "GMT0", "Greenwich", "Iceland"}
    | {f"Etc/{z}" for z in ("UTC", "UCT", "Universal", "Zulu", "GMT", "GMT+0", "GMT-0", "GMT0", "Greenwich")}
    | {"Atlantic/Reykjavik", "Atlantic/St_Helena"}
    | {
        f"Africa/{z}"
        for z in (
            "Abidjan",
            "Accra",
            "Bamako",
            "Banjul",
            "Conakry",
            "Dakar",
            "Freetown",
            "Lome",
            "Nouakchott",
            "Ouagadougou",
            "Timbuktu",
        )
    }
)


# RFC 5545 (3.1, 3.3.11) allows no control character in a value but HTAB; line breaks are escaped.
# The other C0 and C1 controls, DEL and the Unicode line and paragraph separators become a space.
_CONTROLS = dict.fromkeys(
    [*(c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)), *range(0x7F, 0xA0), 0x2028, 0x2029], " "
)
# The same characters as one pattern: str.translate looks up every letter of a non-ASCII text in a
# dict (milliseconds for a gathering's calendars), a regular expression scans at C speed.
_CONTROL = re.compile("[" + "".join(re.escape(chr(c)) for c in _CONTROLS) + "]")


def text(value: str) -> str:
    """A TEXT value (3.3.11): controls made spaces, then backslash, semicolon, comma and line breaks escaped."""
    return (
        _CONTROL.sub(" ", value)
        .replace(r"\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", r"\;")
        .replace(",", r"\,")
        .replace("\r\n", r"\n")
        .replace("\n", r"\n")
        .replace("\r", r"\n")
    )


def raw(value: str) -> str:
    """An X- property's value as icalendar wrote it: unescaped, but never with a bare line break or control."""
    return _CONTROL.sub(" ", value).replace("\r\n", r"\n").replace("\n", r"\n").replace("\r", r"\n")


def fold(line: str) -> bytes:
    """One content line as UTF-8, folded (3.1) without splitting a UTF-8 sequence or a backslash escape."""
    data = line.encode("utf-8")
    end = len(data)
    if end <= FOLD_AT:
        return data
    parts = []
    start = 0
    while end - start > FOLD_AT:
        cut = start + FOLD_AT
        while data[cut] & 0xC0 == 0x80:  # a continuation byte: cut before its character instead
            cut -= 1
        if data[cut - 1] in (BACKSLASH, CARET) and cut - 1 > start:  # keep "\n", "\," and ^-escapes whole
            cut -= 1
        parts.append(data[start:cut])
        start = cut
    parts.append(data[start:])
    return b"\r\n ".join(parts)


def stamp(moment: dt.datetime) -> str:
    """A DATE-TIME value: floating as it is, UTC (dt.UTC) with a "Z"."""
    s = f"{moment.year:04}{moment.month:02}{moment.day:02}T{moment.hour:02}{moment.minute:02}{moment.second:02}"
    return s + "Z" if moment.tzinfo is dt.UTC else s


def local(timezone: str, day: dt.date, minutes: int) -> str:
    """ ";TZID=…:value" of the wall-clock time `minutes` after midnight on `day` (1440: the next midnight).

    In a UTC zone ":…Z" instead, as icalendar writes it, with no VTIMEZONE to refer to.
    """
    days, rest = divmod(minutes, 24 * 60)
    if days:
        day += dt.timedelta(days=days)
    value = f"{day.year:04}{day.month:02}{day.day:02}T{rest // 60:02}{rest % 60:02}00"
    return f":{value}Z" if timezone in UTC_ZONES else f";TZID={timezone}:{value}"


def offset(delta: dt.timedelta) -> str:
    """A UTC-OFFSET value: "+0100", "-0330", with seconds only when there are any."""
    sign = "-" if delta < dt.timedelta(0) else "+"
    seconds = abs(int(delta.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours:02}{minutes:02}{secs:02}" if secs else f"{sign}{hours:02}{minutes:02}"


# Steps of the search for the next change of offset, coarse to fine (as icalendar searches).
_STEPS = [dt.timedelta(days=d) for d in (64, 32, 16, 8, 4, 2, 1)] + [
    dt.timedelta(hours=4),
    dt.timedelta(hours=1),
    dt.timedelta(minutes=20),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=1),
    dt.timedelta(seconds=20),
    dt.timedelta(seconds=5),
    dt.timedelta(seconds=1),
]


@functools.lru_cache(maxsize=256)
def vtimezone(timezone: str, first: dt.date, last: dt.date) -> bytes:
    """The zone's rules from `first` to `last` as a VTIMEZONE, folded, with CRLFs; b"" for UTC.

    Cached: every calendar of a gathering, and gatherings on the same dates, share it.
    """
    if timezone in UTC_ZONES:
        return b""
    zone = zoneinfo.ZoneInfo(timezone)
    start = dt.datetime(first.year, first.month, first.day, tzinfo=zone)
    stop = dt.datetime(last.year, last.month, last.day, tzinfo=zone)
    # (offset from, offset to, name, standard?) → the starts of each period with those rules
    periods: dict[tuple[dt.timedelta | None, dt.timedelta, str, bool], list[dt.datetime]] = {}
    offset_to: dt.timedelta | None = None
    while start < stop:
        offset_from, end = offset_to, start
        offset_to = end.utcoffset()
        assert offset_to is not None
        for step in _STEPS:
            last_end = end
            end = end + step
            try:
                while end.utcoffset() == offset_to:
                    last_end, end = end, end + step
            except OverflowError:
                break
            end = last_end
        name = start.tzname() or str(offset_to)
        periods.setdefault((offset_from, offset_to, name, start.dst() == dt.timedelta()), []).append(
            start.replace(tzinfo=None)
        )
        start = end + _STEPS[-1]
    lines = [
        "BEGIN:VTIMEZONE",
        f"TZID:{text(timezone)}",
        f"COMMENT:{text(f'This timezone only works from {first} to {last}.')}",
    ]
    for (offset_from, offset_to, name, standard), starts in periods.items():
        first_start = min(starts)
        starts.remove(first_start)
        if first_start.date() == last:
            first_start = dt.datetime(last.year, last.month, last.day)
        kind = "STANDARD" if standard else "DAYLIGHT"
        lines += [f"BEGIN:{kind}", f"DTSTART:{stamp(first_start)}"]
        if starts:
            lines.append("RDATE:" + ",".join(stamp(s) for s in starts))
        lines += [
            f"TZNAME:{text(name)}",
            f"TZOFFSETFROM:{offset(offset_to if offset_from is None else offset_from)}",
            f"TZOFFSETTO:{offset(offset_to)}",
            f"END:{kind}",
        ]
    lines.append("END:VTIMEZONE")
    return b"".join(fold(line) + b"\r\n" for line in lines)
