"""Samling's own RFC 5545 writer, checked against the icalendar library: the same bytes, and valid folding."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar, Event

from generator.commands.build import check
from generator.core.model import Day, Gathering, Session
from generator.render.agenda import local_time
from generator.render.calendar import PRODID, calendar_files, session_description, session_uid
from generator.render.ical import UTC_ZONES, fold, text, vtimezone

ROOT = Path(__file__).resolve().parents[1]
GATHERING = "nettverk-omdomme-2013-03"


@pytest.fixture(scope="module")
def seed() -> Gathering:
    return next(g for g in check(ROOT / "content").gatherings if g.key == GATHERING)


def with_icalendar(g: Gathering, days: list[Day]) -> bytes:
    """The calendar as Samling made it with the icalendar library, before it had a writer of its own."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", g.title if len(days) != 1 else f"{g.title} {days[0].key}")
    cal.add("x-wr-timezone", g.timezone)
    for day in days:
        for s in day.sessions():
            event = Event()
            event.add("uid", session_uid(g, day, s))
            event.add("dtstamp", local_time(g.timezone, day.date, 0).astimezone(dt.UTC))
            event.add("summary", s.title)
            event.add("dtstart", local_time(g.timezone, day.date, s.start))
            if not s.open_end:  # the day's last item with no end (RFC 5545 3.6.1: DTSTART alone, an instant)
                event.add("dtend", local_time(g.timezone, day.date, s.end))
            location = ", ".join(part for part in (g.venue, s.room) if part)
            if location:
                event.add("location", location)
            if description := session_description(s):
                event.add("description", description)
            if s.kind in ("break", "meal", "social"):
                event.add("transp", "TRANSPARENT")
            cal.add_component(event)
    first, last = days[0].date, days[-1].date
    cal.add_missing_timezones(first - dt.timedelta(days=366), last + dt.timedelta(days=366))
    return cal.to_ical()


@pytest.mark.parametrize("zone", ["Europe/Oslo", "America/St_Johns", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"])
def test_the_same_bytes_as_icalendar(seed: Gathering, zone: str) -> None:
    g = replace(seed, timezone=zone, venue="Gardermoen; sal A, 2. etg.", title="Nettverk; omdømme, \\ del 1")
    made = dict(calendar_files(g))
    assert made[f"{GATHERING}/kalender.ics"] == with_icalendar(g, list(g.days))
    for day in g.days:
        assert made[f"{GATHERING}/{day.key}.ics"] == with_icalendar(g, [day])


@pytest.mark.parametrize("zone", sorted(zoneinfo.available_timezones())[::7])
def test_vtimezone_as_icalendar_makes_it(zone: str) -> None:
    first = dt.date(2023, 3, 1)
    cal = Calendar()
    event = Event()
    event.add("dtstart", dt.datetime(2024, 3, 1, 9, 30, tzinfo=zoneinfo.ZoneInfo(zone)))
    cal.add_component(event)
    cal.add_missing_timezones(first, first + dt.timedelta(days=733))
    want = b"".join(c.to_ical() for c in cal.walk("VTIMEZONE"))
    assert vtimezone(zone, first, first + dt.timedelta(days=733)) == want
    assert (want == b"") == (zone in UTC_ZONES)


@given(st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=400))
def test_folding_is_valid_and_unfolds_to_the_text(value: str) -> None:
    line = f"DESCRIPTION:{text(value)}"
    folded = fold(line)
    physical = folded.split(b"\r\n")
    assert all(len(p) <= 75 for p in physical), "at most 75 octets a line"
    assert all(p.startswith(b" ") for p in physical[1:])
    for p in physical:
        p.decode("utf-8")  # no UTF-8 sequence split across lines
    assert b"".join([physical[0], *(p[1:] for p in physical[1:])]) == line.encode("utf-8")
    ical = b"BEGIN:VEVENT\r\n" + folded + b"\r\nEND:VEVENT\r\n"
    want = without_controls(value).replace("\r\n", "\n").replace("\r", "\n").replace("\\N", "\n")
    assert str(Event.from_ical(ical)["description"]) == want


# What RFC 5545 forbids in a value (3.1: CONTROL, and the C1 controls and Unicode separators Samling
# treats as such): every C0 control but HTAB, LF and CR (written as escapes), DEL, C1, U+2028, U+2029.
FORBIDDEN = [chr(c) for c in (*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029) if c not in (0x09, 0x0A, 0x0D)]


def without_controls(value: str) -> str:
    return "".join(" " if c in FORBIDDEN else c for c in value)


@given(st.lists(st.sampled_from([*FORBIDDEN, "\t", "\n", "\r", "a", "ø", ",", ";", "\\"]), min_size=1, max_size=80))
def test_no_control_character_reaches_a_calendar(chars: list[str]) -> None:
    title = "Økt " + "".join(FORBIDDEN) + "".join(chars)
    made = calendar_files(replace(_seed_once(), title=title, venue=title))
    for name, data in made:
        unfolded = data.replace(b"\r\n ", b"")
        for line in unfolded.split(b"\r\n"):
            assert not [c for c in line.decode("utf-8") if c in FORBIDDEN or c in "\r\n"], (name, line)
        cal = Calendar.from_ical(data)
        assert str(cal["x-wr-calname"]).startswith("Økt ")
        for event in cal.walk("VEVENT"):
            assert not any(c in FORBIDDEN for c in str(event.get("location", "")))


def test_the_title_of_every_control_is_spaces_in_the_summary(seed: Gathering) -> None:
    day = seed.days[0]
    title = "A" + "".join(FORBIDDEN) + "B"
    entries = tuple(replace(e, title=title) if isinstance(e, Session) else e for e in day.entries)
    g = replace(seed, days=(replace(day, entries=entries),), venue="")
    cal = Calendar.from_ical(dict(calendar_files(g))[f"{GATHERING}/kalender.ics"])
    summaries = [str(e["summary"]) for e in cal.walk("VEVENT")]
    assert "A" + " " * len(FORBIDDEN) + "B" in summaries


_SEED: list[Gathering] = []


def _seed_once() -> Gathering:
    if not _SEED:
        _SEED.append(next(g for g in check(ROOT / "content").gatherings if g.key == GATHERING))
    return _SEED[0]


@given(st.text(st.sampled_from([*FORBIDDEN, "\t", "\n", "\r", "a", "ø", "€", ",", ";", "\\", "N"])) | st.text())
def test_text_values_lose_their_controls_as_a_translation_would(value: str) -> None:
    # The calendars scan for controls with a regular expression; this is the letter-by-letter meaning.
    assert text(value) == text_by_letters(value)


def text_by_letters(value: str) -> str:
    escaped = without_controls(value).replace(r"\N", "\n").replace("\\", "\\\\").replace(";", r"\;")
    return escaped.replace(",", r"\,").replace("\r\n", r"\n").replace("\n", r"\n").replace("\r", r"\n")
