"""Calendar files (RFC 5545): one per gathering and one per day, for participants to add the programme.

Times are written in the gathering's own time zone with its VTIMEZONE, so a calendar anywhere shows
them right. Each session's UID comes from the gathering, the day, the session and its start — the
same programme gives the same UIDs on every build, so a re-import updates events instead of adding
copies. Descriptions are the participants' text only: facilitator notes never go into a calendar.
"""

from __future__ import annotations

import datetime as dt
import html
import re

from generator.core.model import Day, Gathering, Session
from generator.domain.clock import DEFAULT_SEPARATOR, span
from generator.render.agenda import local_time
from generator.render.ical import fold, local, raw, stamp, text, vtimezone
from generator.render.pages import calendar_path

PRODID = "-//Samling//Samling agenda//NO"
_BLOCK_END = re.compile(r"</(p|li|h[1-6]|tr|div|blockquote)>|<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")
# Python's whitespace (str.isspace) but the space and the line feed; the ASCII ones first.
_ASCII_SPACE = "\t\v\f\r\x1c\x1d\x1e\x1f"
OTHER_SPACE = (
    _ASCII_SPACE + "\x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"
)
CRLF = b"\r\n"


def calendar_files(g: Gathering, separator: str = DEFAULT_SEPARATOR) -> list[tuple[str, bytes]]:
    """(output path, bytes) for the whole gathering and for each of its days; times as `time_format` says."""
    # Each day's events are written once and shared by the gathering's calendar and the day's own.
    events = {day.key: day_events(g, day, separator) for day in g.days}
    files = [(calendar_path(g), gathering_calendar(g, list(g.days), events))]
    files += [(calendar_path(g, day.key), gathering_calendar(g, [day], events)) for day in g.days]
    return files


def gathering_calendar(g: Gathering, days: list[Day], events: dict[str, list[bytes]] | None = None) -> bytes:
    """A VCALENDAR of the days; properties in the order icalendar wrote them (canonical, then by name)."""
    name = g.title if len(days) != 1 else f"{g.title} {days[0].key}"
    head = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{text(PRODID)}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{raw(name)}",
        f"X-WR-TIMEZONE:{raw(g.timezone)}",
    ]
    out = [fold(line) + CRLF for line in head]
    body = [e for day in days for e in (events[day.key] if events is not None else day_events(g, day))]
    if body:
        # The zone's rules around the gathering only: a short VTIMEZONE that still covers every event.
        first, last = days[0].date, days[-1].date
        out.append(vtimezone(g.timezone, first - dt.timedelta(days=366), last + dt.timedelta(days=366)))
    out += body
    out.append(b"END:VCALENDAR\r\n")
    return b"".join(out)


def session_uid(g: Gathering, day: Day, s: Session) -> str:
    return f"{g.key}-{day.key}-{s.start // 60:02d}{s.start % 60:02d}-{s.key}@samling"


def day_events(g: Gathering, day: Day, separator: str = DEFAULT_SEPARATOR) -> list[bytes]:
    # A stamp from the programme, not the build clock: unchanged content gives unchanged files.
    dtstamp = stamp(local_time(g.timezone, day.date, 0).astimezone(dt.UTC))
    return [session_event(g, day, s, dtstamp, separator) for s in day.sessions()]


def session_event(g: Gathering, day: Day, s: Session, dtstamp: str, separator: str = DEFAULT_SEPARATOR) -> bytes:
    """One VEVENT, folded, with CRLFs."""
    lines = [
        "BEGIN:VEVENT",
        f"SUMMARY:{text(s.title)}",
        f"DTSTART{local(g.timezone, day.date, s.start)}",
        f"DTEND{local(g.timezone, day.date, s.end)}",
        f"DTSTAMP:{dtstamp}",
        f"UID:{text(session_uid(g, day, s))}",
    ]
    if s.open_end:
        # RFC 5545 3.6.1: a date-time DTSTART with neither DTEND nor DURATION is an event at that
        # moment; calendars show it starting then, with no end made up.
        del lines[3]
    description = session_description(s, separator)
    if description:
        lines.append(f"DESCRIPTION:{text(description)}")
    location = ", ".join(part for part in (g.venue, s.room) if part)
    if location:
        lines.append(f"LOCATION:{text(location)}")
    if s.kind in ("break", "meal", "social"):
        lines.append("TRANSP:TRANSPARENT")
    lines.append("END:VEVENT")
    return b"".join(fold(line) + CRLF for line in lines)


def session_description(s: Session, separator: str = DEFAULT_SEPARATOR) -> str:
    """Plain text for the calendar: who leads it, the sub-items' times, and the participants' text."""
    blocks = [
        ", ".join(f.name for f in s.facilitators),
        "\n".join(f"{span(item.start, item.end, separator)} {item.title}" for item in s.items),
        plain_text(s.body.html),
    ]
    return "\n\n".join(block for block in blocks if block)


def plain_text(fragment: str) -> str:
    """Rendered Markdown → readable plain text: one line per paragraph or list item."""
    text = _BLOCK_END.sub("\n", fragment)
    return collapse(html.unescape(_TAG.sub("", text)))


def collapse(text: str) -> str:
    """Each line's words joined by one space, blank lines dropped.

    Rendered Markdown mostly has its words apart by single spaces and lines by line feeds: then
    only the blank lines need to go, without taking 100,000 lines of a cold build apart into words
    (searching for each other kind of space is a scan in C). Anything else goes line by line."""
    kept = "\n".join(filter(None, text.split("\n")))
    spaced = kept.replace("\n", " ")  # two spaces in a row: a double space, or one at a line's end or start
    others = _ASCII_SPACE if text.isascii() else OTHER_SPACE
    if "  " in spaced or spaced.startswith(" ") or spaced.endswith(" ") or any(c in text for c in others):
        lines = [" ".join(line.split()) for line in text.splitlines()]
        return "\n".join(line for line in lines if line)
    return kept
