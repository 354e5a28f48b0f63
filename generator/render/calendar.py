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

from icalendar import Calendar, Event

from generator.model import Day, Gathering, Session
from generator.render.agenda import local_time
from generator.render.pages import calendar_path

PRODID = "-//Samling//Samling agenda//NO"
_BLOCK_END = re.compile(r"</(p|li|h[1-6]|tr|div|blockquote)>|<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")


def calendar_files(g: Gathering) -> list[tuple[str, bytes]]:
    """(output path, bytes) for the whole gathering and for each of its days."""
    files = [(calendar_path(g), gathering_calendar(g, list(g.days)))]
    files += [(calendar_path(g, day.key), gathering_calendar(g, [day])) for day in g.days]
    return files


def gathering_calendar(g: Gathering, days: list[Day]) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", g.title if len(days) != 1 else f"{g.title} {days[0].key}")
    cal.add("x-wr-timezone", g.timezone)
    for day in days:
        for s in day.sessions():
            cal.add_component(session_event(g, day, s))
    if days:
        # The zone's rules around the gathering only: a short VTIMEZONE that still covers every event.
        first, last = days[0].date, days[-1].date
        cal.add_missing_timezones(first - dt.timedelta(days=366), last + dt.timedelta(days=366))
    return cal.to_ical()


def session_uid(g: Gathering, day: Day, s: Session) -> str:
    return f"{g.key}-{day.key}-{s.start // 60:02d}{s.start % 60:02d}-{s.key}@samling"


def session_event(g: Gathering, day: Day, s: Session) -> Event:
    event = Event()
    event.add("uid", session_uid(g, day, s))
    # A stamp from the programme, not the build clock: unchanged content gives unchanged files.
    event.add("dtstamp", local_time(g.timezone, day.date, 0).astimezone(dt.UTC))
    event.add("summary", s.title)
    event.add("dtstart", local_time(g.timezone, day.date, s.start))
    event.add("dtend", local_time(g.timezone, day.date, s.end))
    location = ", ".join(part for part in (g.venue, s.room) if part)
    if location:
        event.add("location", location)
    description = session_description(s)
    if description:
        event.add("description", description)
    if s.kind in ("break", "meal", "social"):
        event.add("transp", "TRANSPARENT")
    return event


def session_description(s: Session) -> str:
    """Plain text for the calendar: who leads it, the sub-items' times, and the participants' text."""
    blocks = [
        ", ".join(f.name for f in s.facilitators),
        "\n".join(f"{_clock(item.start)}\u2013{_clock(item.end)} {item.title}" for item in s.items),
        plain_text(s.body.html),
    ]
    return "\n\n".join(block for block in blocks if block)


def plain_text(fragment: str) -> str:
    """Rendered Markdown → readable plain text: one line per paragraph or list item."""
    text = _BLOCK_END.sub("\n", fragment)
    text = html.unescape(_TAG.sub("", text))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}.{minutes % 60:02d}"
