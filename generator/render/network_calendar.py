"""A network's calendar file: one all-day event per gathering of its series whose days are fixed.

Planned entries ("august/september 2013") have no days yet, so they are left out until their
dates are fixed. All-day dates need no time zone. The UID comes from the network and the entry
("omdomme-1-gathering-2@samling"), so a re-import updates an event when its days move. Only
programme.yaml's words and the gathering's title and venue go in: nothing of a facilitator's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from generator.core.model import Gathering, Network, Programme
from generator.domain.programme import entry_label, fixed
from generator.render.calendar import CRLF, PRODID
from generator.render.ical import fold, raw, text
from generator.render.programme import entry_slugs, network_calendar_path


def network_calendars(
    programme: Programme | None, gatherings: tuple[Gathering, ...], words: Mapping[str, str]
) -> list[tuple[str, bytes]]:
    """(output path, bytes) of each network with at least one fixed gathering."""
    if programme is None:
        return []
    by_key = {g.key: g for g in gatherings}
    return [
        (network_calendar_path(n), network_calendar(n, by_key, words)) for n in programme.networks if fixed(n.series)
    ]


def network_calendar(network: Network, gatherings: Mapping[str, Gathering], words: Mapping[str, str]) -> bytes:
    head = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{text(PRODID)}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{raw(network.title)}",
    ]
    slugs = dict(zip(network.series, entry_slugs(network), strict=True))
    lines = list(head)
    for entry in fixed(network.series):
        g = gatherings.get(entry.gathering or "")
        place = (g.venue if g is not None and g.venue else "") or entry.place
        lines += [
            "BEGIN:VEVENT",
            f"SUMMARY:{text(f'{network.title}: {entry_label(entry, words)}')}",
            f"DTSTART;VALUE=DATE:{_date(entry.when.first)}",
            f"DTEND;VALUE=DATE:{_date(entry.when.last + dt.timedelta(days=1))}",  # the day after: RFC 5545 3.6.1
            f"DTSTAMP:{_date(entry.when.first)}T000000Z",  # from the programme, not the build clock
            f"UID:{text(f'{network.key}-{slugs[entry]}@samling')}",
        ]
        if entry.theme:
            lines.append(f"DESCRIPTION:{text(entry.theme)}")
        if place:
            lines.append(f"LOCATION:{text(place)}")
        lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return b"".join(fold(line) + CRLF for line in lines)


def _date(day: dt.date) -> str:
    return f"{day.year:04}{day.month:02}{day.day:02}"
