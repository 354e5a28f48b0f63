"""What the agenda and the facilitator run-sheet show, computed from the model. Pure; templates only lay it out.

Times in the model are minutes after midnight in the gathering's time zone. The live "now" marker
compares the viewer's clock with UTC instants computed here, so a laptop set to another time zone
still marks the session that is running in Oslo.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass

from generator.core.model import Day, Deck, Entry, Facilitator, Gathering, Parallel, Session
from generator.render.pages import deck_path, decks_for, worksheet_path, worksheets_for


def local_time(timezone: str, date: dt.date, minutes: int) -> dt.datetime:
    """The wall-clock moment `minutes` after midnight on `date`; 1440 is the next midnight."""
    days, rest = divmod(minutes, 24 * 60)
    day = date + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(rest // 60, rest % 60), tzinfo=zoneinfo.ZoneInfo(timezone))


def instant(timezone: str, date: dt.date, minutes: int) -> str:
    """The same moment in UTC, as JavaScript's Date.parse reads it: "2013-03-11T08:30:00Z"."""
    utc = local_time(timezone, date, minutes).astimezone(dt.UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%SZ")


def shows_kind(session: Session, label: str) -> bool:
    """Whether the kind label adds anything: not for plenary items, nor when the title says it already.

    "Pause" (a break) and "Gruppearbeid" (group work) would only repeat their titles; breaks and meals
    are told apart by their row's style, so their label is left to screen readers.
    """
    if session.kind in ("plenary", "break", "meal"):
        return False
    return label.casefold() not in session.title.casefold()


DAY_DECK_SESSIONS = 4  # a deck used by this many of a day's sessions is the day's deck: linked once, not per row


def day_decks(g: Gathering, day: Day) -> list[Deck]:
    """Decks that run through the day (the seed's one deck for everything), linked once above the agenda."""
    sessions = day.sessions()
    # decks_for's test, deck by deck, without a list of decks for every session.
    return [d for d in g.decks if sum(d.key in s.decks or s.key in d.sessions for s in sessions) >= DAY_DECK_SESSIONS]


def row_decks(g: Gathering, s: Session, shared: Sequence[Deck]) -> list[Deck]:
    """The decks to link from a session's row: its own, not the day's (`shared`: day_decks, once a day)."""
    return [d for d in decks_for(g, s) if d not in shared]


@dataclass(frozen=True)
class Material:
    """Something to bring or hand out for a session: a written item, a slide deck or a worksheet."""

    text: str
    kind: str  # "item", "deck" or "worksheet"
    path: str = ""  # the output page of a deck or worksheet


def materials(g: Gathering, s: Session, shared: Sequence[Deck] = ()) -> list[Material]:
    """Everything a session needs, its sub-items' included, without repeats; not the `shared` decks (the day's)."""
    found: list[Material] = []
    for session in (s, *s.items):
        found += [Material(m, "item") for m in session.materials]
        found += [Material(d.title, "deck", deck_path(g, d)) for d in decks_for(g, session) if d not in shared]
        found += [Material(w.title, "worksheet", worksheet_path(g, w)) for w in worksheets_for(g, session)]
    return list(dict.fromkeys(found))


def day_materials(g: Gathering, day: Day) -> list[tuple[Material, tuple[Session, ...]]]:
    """The day's packing list: each material once, with the sessions that need it, in programme order."""
    needed: dict[Material, list[Session]] = {}
    for s in day.sessions():
        for m in materials(g, s):
            needed.setdefault(m, []).append(s)
    return [(m, tuple(sessions)) for m, sessions in needed.items()]


@dataclass(frozen=True)
class Duty:
    """One thing a facilitator leads: a session or a sub-item of one, on a day."""

    day: Day
    session: Session
    parent: Session | None = None


def duties(g: Gathering) -> list[tuple[Facilitator, list[Duty]]]:
    """Who does what when: each facilitator's sessions in time order; facilitators without any last."""
    table: dict[str, list[Duty]] = {f.key: [] for f in g.facilitators}
    for day in g.days:
        for s in day.sessions():
            for f in s.facilitators:
                table.setdefault(f.key, []).append(Duty(day, s))
            for item in s.items:
                for f in item.facilitators:
                    if f not in s.facilitators:
                        table.setdefault(f.key, []).append(Duty(day, item, s))
    people = {f.key: f for f in g.facilitators}
    ordered = sorted(table.items(), key=lambda kv: not kv[1])  # stable: the gathering's order otherwise
    return [(people[key], found) for key, found in ordered if key in people]


def members(entry: Entry) -> tuple[Session, ...]:
    """The sessions of one entry of a day: a parallel block's, a session itself, none for free time."""
    if isinstance(entry, Parallel):
        return entry.sessions
    return (entry,) if isinstance(entry, Session) else ()


def has_notes(s: Session) -> bool:
    return bool(s.notes.html) or any(item.notes.html for item in s.items)
