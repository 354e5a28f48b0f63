"""The calendar files, parsed back with icalendar and checked against the computed programme."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

from generator.commands.build import check
from generator.core.model import Gathering
from generator.render.calendar import OTHER_SPACE, calendar_files, collapse, plain_text

ROOT = Path(__file__).resolve().parents[1]
GATHERING = "nettverk-omdomme-2013-03"
OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


@pytest.fixture(scope="module")
def seed() -> Gathering:
    return next(g for g in check(ROOT / "content").gatherings if g.key == GATHERING)


def parse(path: Path) -> Calendar:
    return Calendar.from_ical(path.read_bytes())


def expected_times(g: Gathering, days: list) -> dict[str, tuple[dt.datetime, dt.datetime]]:
    """Every session of the days as the schedule computed them, by title and start (titles repeat: 'Pause')."""
    found = {}
    for day in days:
        for s in day.sessions():
            start = dt.datetime.combine(day.date, dt.time(s.start // 60, s.start % 60), OSLO)
            end = dt.datetime.combine(day.date, dt.time(0), OSLO) + dt.timedelta(minutes=s.end)
            found[f"{s.title} {start:%Y-%m-%d %H:%M}"] = (start, end)
    return found


def events(cal: Calendar) -> dict[str, tuple[dt.datetime, dt.datetime]]:
    found = {}
    for e in cal.walk("VEVENT"):
        start = e.decoded("dtstart")
        end = e.decoded("dtend") if "dtend" in e else start  # RFC 5545: a DTSTART alone is an instant
        assert str(start.tzinfo) == "Europe/Oslo" and str(end.tzinfo) == "Europe/Oslo"
        found[f"{e['summary']} {start:%Y-%m-%d %H:%M}"] = (start, end)
    return found


def test_the_gathering_calendar_has_every_session_at_its_computed_time(built_site: Path, seed: Gathering) -> None:
    cal = parse(built_site / GATHERING / "kalender.ics")
    got, want = events(cal), expected_times(seed, list(seed.days))
    assert got == want
    assert len(got) == 28  # 20 on Monday, 8 on Tuesday
    assert got["Lunsj 2013-03-11 11:30"][0].astimezone(dt.UTC).hour == 10  # 11.30 in Oslo in March is 10.30 UTC
    # The programme gives no end for dinner: a start and no invented end (neither DTEND nor DURATION).
    assert got["Middag 2013-03-11 20:00"][1] == dt.datetime(2013, 3, 11, 20, 0, tzinfo=OSLO)
    (dinner,) = [e for e in cal.walk("VEVENT") if e["summary"] == "Middag"]
    assert "dtend" not in dinner and "duration" not in dinner


@pytest.mark.parametrize("day", [0, 1])
def test_each_day_has_its_own_calendar(built_site: Path, seed: Gathering, day: int) -> None:
    date = seed.days[day].key
    cal = parse(built_site / GATHERING / f"{date}.ics")
    assert events(cal) == expected_times(seed, [seed.days[day]])


def test_the_calendar_carries_the_oslo_time_zone(built_site: Path) -> None:
    cal = parse(built_site / GATHERING / "kalender.ics")
    [zone] = cal.walk("VTIMEZONE")
    assert zone["tzid"] == "Europe/Oslo"
    offsets = {(str(sub.name), sub["tzoffsetto"].to_ical()) for sub in zone.subcomponents}
    assert ("STANDARD", "+0100") in offsets and ("DAYLIGHT", "+0200") in offsets
    raw = (built_site / GATHERING / "kalender.ics").read_bytes()
    assert raw.index(b"BEGIN:VTIMEZONE") < raw.index(b"BEGIN:VEVENT")  # defined before it is used
    assert b"DTSTART;TZID=Europe/Oslo:20130311T093000" in raw


def test_rfc_5545_basics(built_site: Path) -> None:
    raw = (built_site / GATHERING / "kalender.ics").read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    lines = raw.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines), "lines are folded at 75 octets"
    assert b"\n" not in raw.replace(b"\r\n", b"")
    cal = parse(built_site / GATHERING / "kalender.ics")
    assert cal["version"] == "2.0" and cal["prodid"]
    for e in cal.walk("VEVENT"):
        for required in ("uid", "dtstamp", "dtstart", "summary"):
            assert required in e, (required, e.get("summary"))
        # Only the day's open-ended last item goes without an end (RFC 5545 3.6.1: DTSTART alone).
        assert "dtend" in e or str(e["summary"]) == "Middag", e.get("summary")


def test_uids_are_unique_and_stable_across_builds(built_site: Path, seed: Gathering) -> None:
    cal = parse(built_site / GATHERING / "kalender.ics")
    uids = [str(e["uid"]) for e in cal.walk("VEVENT")]
    assert len(uids) == len(set(uids))
    assert "nettverk-omdomme-2013-03-2013-03-11-1400-pause@samling" in uids
    again = dict(calendar_files(seed))
    assert again[f"{GATHERING}/kalender.ics"] == (built_site / GATHERING / "kalender.ics").read_bytes()
    day_uids = {str(e["uid"]) for e in parse(built_site / GATHERING / "2013-03-12.ics").walk("VEVENT")}
    assert day_uids <= set(uids), "the day's events are the same events as in the whole calendar"


def test_location_and_plain_description_without_facilitator_notes(built_site: Path) -> None:
    cal = parse(built_site / GATHERING / "kalender.ics")
    by_title = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    purpose = by_title["Prosjektets hensikt"]
    assert str(purpose["location"]) == "Gardermoen"
    description = str(purpose["description"])
    assert description.startswith("Asbjørn L. Stavem\n\nProsjektets hensikt uttrykkes")
    assert "Hva er årsaken til at dette prosjektet realiseres?" in description
    assert "<" not in description and "&" not in description
    assert "Sissel noterer" not in (built_site / GATHERING / "kalender.ics").read_text("utf-8")
    measuring = str(by_title["Måling av resultater"]["description"])
    assert "15.35–15.55 En kort introduksjon\n15.55–16.45 Gruppearbeid" in measuring


def test_a_room_joins_the_venue_in_the_location(seed: Gathering) -> None:
    from dataclasses import replace

    day = seed.days[0]
    session = replace(day.sessions()[0], room="Lerka")
    g = replace(seed, days=(replace(day, entries=(session,)),))
    cal = Calendar.from_ical(dict(calendar_files(g))[f"{GATHERING}/kalender.ics"])
    [event] = cal.walk("VEVENT")
    assert str(event["location"]) == "Gardermoen, Lerka"


def test_plain_text_keeps_paragraphs_and_list_items_apart() -> None:
    html = "<p>Først &amp; fremst</p>\n<ul>\n<li>En</li>\n<li><strong>To</strong></li>\n</ul><!--samling:model:x-->"
    assert plain_text(html) == "Først & fremst\nEn\nTo"


def lines_one_by_one(text: str) -> str:
    """How plain_text made its lines before `collapse`: a Python loop over str.splitlines."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


# Every character Python counts as whitespace (str.split) or as a line break (str.splitlines), and a few others.
WHITESPACE = "".join(chr(c) for c in range(0x110000) if chr(c).isspace())
ALPHABET = WHITESPACE + "ab ,&;<>\\æøå€😀\u0301\u200b\ufeff"


def test_the_other_spaces_are_all_of_pythons_whitespace_but_space_and_line_feed() -> None:
    assert sorted(OTHER_SPACE) == sorted(set(WHITESPACE) - {" ", "\n"})
    assert all(
        len(f"a{c}b".splitlines()) == 1 for c in " " + OTHER_SPACE if c not in "\v\f\r\x1c\x1d\x1e\x85\u2028\u2029"
    )


@given(st.text(alphabet="ab \nøå😀", max_size=60))
def test_collapse_is_the_loop_over_lines_on_spaces_and_line_feeds(text: str) -> None:
    assert collapse(text) == lines_one_by_one(text)


@given(st.text(alphabet=ALPHABET, max_size=60))
def test_collapse_is_the_loop_over_lines_on_whitespace_heavy_text(text: str) -> None:
    assert collapse(text) == lines_one_by_one(text)


@given(st.text(max_size=200))
def test_collapse_is_the_loop_over_lines_on_any_text(text: str) -> None:
    assert collapse(text) == lines_one_by_one(text)


@pytest.mark.parametrize("space", list(WHITESPACE))
def test_collapse_of_each_whitespace_character_between_words(space: str) -> None:
    for text in (f"a{space}b", f"{space}a{space}{space}b{space}", f"a {space} b", f"a{space}\r\n{space}b"):
        assert collapse(text) == lines_one_by_one(text)


def test_collapse_of_words_apart_by_single_spaces_and_blank_lines() -> None:
    assert collapse("Først & fremst\n\n\nEn to\n\n") == "Først & fremst\nEn to"
    assert collapse("\n\nEn\n") == "En"
