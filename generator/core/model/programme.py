"""A gathering's programme: days of sessions, free time and parallel sessions.

Times are minutes after midnight in the gathering's time zone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from generator.core.model.answers import Response, Summary
from generator.core.model.common import Source, Text
from generator.core.model.material import Deck, Worksheet
from generator.core.model.people import Participant, SessionGroups

SESSION_KINDS = ("plenary", "talk", "group", "break", "meal", "social", "meeting")


@dataclass(frozen=True)
class Facilitator:
    key: str
    name: str
    organisation: str = ""
    role: str = ""


@dataclass(frozen=True)
class Session:
    row: ClassVar[str] = "session"  # what an entry of a day is, for the templates: session, parallel, free_time
    key: str
    title: str
    kind: str
    start: int
    end: int
    explicit_start: bool
    duration: int | None  # as written; None means "until the next item"
    facilitators: tuple[Facilitator, ...] = ()
    room: str = ""
    body: Text = field(default_factory=Text)
    notes: Text = field(default_factory=Text)
    decks: tuple[str, ...] = ()
    worksheets: tuple[str, ...] = ()
    models: tuple[str, ...] = ()
    materials: tuple[str, ...] = ()
    items: tuple[Session, ...] = ()
    lang: str = ""  # set when the session is written in another language than the page
    has_page: bool = True  # short inline items (a break) appear only in the agenda
    open_end: bool = False  # the day's last item with no end written: `end == start`, shown "from 20.00"
    source: Source = field(default_factory=lambda: Source(Path(".")))
    groups: SessionGroups | None = None  # `groups:` — who works with whom (facilitator pages only)

    @property
    def minutes(self) -> int:
        return self.end - self.start

    @property
    def is_pause(self) -> bool:
        return self.kind in ("break", "meal")


@dataclass(frozen=True)
class FreeTime:
    """A gap in the programme between two sessions."""

    row: ClassVar[str] = "free_time"
    start: int
    end: int

    @property
    def minutes(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Parallel:
    """Sessions that run at the same time in different rooms."""

    row: ClassVar[str] = "parallel"
    start: int
    end: int
    sessions: tuple[Session, ...]
    title: str = ""

    @property
    def minutes(self) -> int:
        return self.end - self.start


Entry = Session | FreeTime | Parallel


@dataclass(frozen=True)
class Day:
    number: int
    date: dt.date
    start: int
    end: int
    entries: tuple[Entry, ...]
    title: str = ""
    source: Source = field(default_factory=lambda: Source(Path(".")))

    @property
    def key(self) -> str:
        return self.date.isoformat()

    def sessions(self) -> list[Session]:
        """Every session of the day in programme order, parallel ones included."""
        found: list[Session] = []
        for entry in self.entries:
            if isinstance(entry, Session):
                found.append(entry)
            elif isinstance(entry, Parallel):
                found.extend(entry.sessions)
        return found


@dataclass(frozen=True)
class Gathering:
    key: str
    title: str
    days: tuple[Day, ...]
    subtitle: str = ""
    network: str = ""
    programme: str = ""
    organisers: tuple[str, ...] = ()
    venue: str = ""
    address: str = ""
    timezone: str = "Europe/Oslo"
    language: str = "nb"
    description: Text = field(default_factory=Text)
    facilitators: tuple[Facilitator, ...] = ()
    decks: tuple[Deck, ...] = ()
    worksheets: tuple[Worksheet, ...] = ()
    source: Source = field(default_factory=lambda: Source(Path(".")))
    participants: tuple[Participant, ...] = ()  # personal data: facilitator pages and print only
    publish_participants: bool = False  # `publish_participants: true`: names and organisations on a page
    responses: tuple[Response, ...] = ()  # answers files read back (facilitator pages only)
    notices: tuple[str, ...] = ()  # `file:line: …` lines about the list and the responses; the build goes on
    publish_results: bool = False  # participants see the summary, aggregated only (domain/results.publishable)
    summary: Summary | None = None

    def sessions(self) -> list[Session]:
        return [s for day in self.days for s in day.sessions()]

    def grouped_sessions(self) -> list[tuple[Day, Session]]:
        """Every session and sub-item that declares groups, in programme order."""
        return [(d, x) for d in self.days for s in d.sessions() for x in (s, *s.items) if x.groups is not None]

    @property
    def first_date(self) -> dt.date | None:
        return self.days[0].date if self.days else None

    @property
    def last_date(self) -> dt.date | None:
        return self.days[-1].date if self.days else None
