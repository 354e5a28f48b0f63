"""The facilitator's people pages: the participant list, each session's groups, and where they live.

Pure: computes what the templates lay out (facilitator/participants.html, facilitator/groups.html,
participants_public.html and partials/group_count.html). Participants are personal data: these
pages are in the facilitator folder, except the public list, which exists only with
`publish_participants: true` and holds names and organisations alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.core.model import Day, Gathering, Group, Participant, Session
from generator.domain.people import normal, organisation_key
from generator.render.pages import FACILITATOR_FOLDER, PagePlan

# File names in the gathering's language (the folder stays `fasilitator`: links are made from it).
NAMES = {
    "nb": {
        "participants": "deltakere",
        "groups": "grupper",
        "badges": "navneskilt",
        "cards": "bordkort",
        "sign_in": "innsjekk-dag-{n}",
        "walls": "gruppelister",
    },
    "nn": {
        "participants": "deltakarar",
        "groups": "grupper",
        "badges": "namneskilt",
        "cards": "bordkort",
        "sign_in": "innsjekk-dag-{n}",
        "walls": "gruppelister",
    },
    "en": {
        "participants": "participants",
        "groups": "groups",
        "badges": "badges",
        "cards": "table-cards",
        "sign_in": "sign-in-day-{n}",
        "walls": "group-lists",
    },
}


def name_of(g: Gathering, what: str, day: int = 0) -> str:
    return NAMES.get(g.language, NAMES["nb"])[what].format(n=day)


def facilitator_file(g: Gathering, what: str, day: int = 0) -> str:
    return f"{g.key}/{FACILITATOR_FOLDER}/{name_of(g, what, day)}.html"


def participants_path(g: Gathering) -> str:
    return facilitator_file(g, "participants")


def groups_path(g: Gathering) -> str:
    return facilitator_file(g, "groups")


def public_participants_path(g: Gathering) -> str:
    """Only with `publish_participants: true`: names and organisations, beside the agenda."""
    return f"{g.key}/{name_of(g, 'participants')}.html"


# Norwegian alphabetical order: … x y z æ ø å (Unicode puts å before æ).
_LAST = str.maketrans({"æ": "{", "ø": "|", "å": "}", "ä": "{", "ö": "|"})


def alphabetical(text: str) -> str:
    return normal(text).translate(_LAST)


def by_surname(person: Participant) -> tuple[str, str, str]:
    """Lists go by surname (the last word of the name), as a sign-in sheet for a ministry does."""
    words = person.name.split()
    return alphabetical(words[-1] if words else ""), alphabetical(person.name), person.key


@dataclass(frozen=True)
class Row:
    person: Participant
    days: tuple[int, ...]  # the days attended, every day spelled out
    organisation_key: str  # for the filter


@dataclass(frozen=True)
class Organisation:
    key: str
    name: str  # as first written on the list
    count: int


@dataclass(frozen=True)
class ParticipantList:
    rows: tuple[Row, ...]  # by surname
    days: tuple[Day, ...]
    organisations: tuple[Organisation, ...]  # alphabetical
    per_day: tuple[tuple[Day, int], ...]  # how many come each day


def participant_list(g: Gathering) -> ParticipantList:
    every = tuple(d.number for d in g.days)
    rows = tuple(
        Row(p, p.days or every, organisation_key(p.organisation)) for p in sorted(g.participants, key=by_surname)
    )
    orgs: dict[str, Organisation] = {}
    for row in rows:
        o = orgs.get(row.organisation_key)
        orgs[row.organisation_key] = Organisation(
            row.organisation_key, o.name if o else row.person.organisation, (o.count if o else 0) + 1
        )
    ordered = tuple(sorted(orgs.values(), key=lambda o: alphabetical(o.name)))
    per_day = tuple((d, sum(d.number in r.days for r in rows)) for d in g.days)
    return ParticipantList(rows, g.days, ordered, per_day)


def people_of_day(g: Gathering, day: Day) -> tuple[Participant, ...]:
    return tuple(sorted((p for p in g.participants if p.attends(day.number)), key=by_surname))


@dataclass(frozen=True)
class GroupSummary:
    groups: int
    rounds: int
    smallest: int
    largest: int


@dataclass(frozen=True)
class GroupTable:
    day: Day
    session: Session
    anchor: str  # the id of its section on the groups page
    rounds: tuple[tuple[Group, ...], ...]
    unassigned: tuple[Participant, ...]
    numbered: bool  # the group names are numbers: shown as "Gruppe 1"
    summary: GroupSummary


def group_tables(g: Gathering) -> tuple[GroupTable, ...]:
    found = []
    for i, (day, session) in enumerate(g.grouped_sessions(), start=1):
        declared = session.groups
        if declared is None or declared.grouping is None:
            continue
        rounds = declared.grouping.rounds
        sizes = [len(group.members) for groups in rounds for group in groups] or [0]
        summary = GroupSummary(len(rounds[0]) if rounds else 0, len(rounds), min(sizes), max(sizes))
        found.append(
            GroupTable(day, session, f"groups-{i}", rounds, declared.grouping.unassigned, declared.numbered, summary)
        )
    return tuple(found)


def tables_of_day(g: Gathering, day: Day) -> dict[int, GroupTable]:
    """For the run-sheet: each grouped session (or sub-item) of a day, by `id` of the Session."""
    return {id(t.session): t for t in group_tables(g) if t.day is day}


def run_sheet_context(g: Gathering, day: Day) -> dict[str, object]:
    """What a run-sheet (facilitator/day.html) needs beyond the day, on the site and in the printed pack:
    each grouped session's table (`group_table(s)`) and the paths of the people pages."""
    from generator.render import people  # this module: the template reaches groups_path through it

    groups = tables_of_day(g, day)
    return {"day": day, "group_table": lambda s: groups.get(id(s)), "people_paths": people}


def people_pages(g: Gathering) -> list[PagePlan]:
    """The facilitator's people pages, and the print pages `samling print` makes PDFs of."""
    if not g.participants:
        return []
    from generator.render.people_print import print_pages

    plans = [
        PagePlan(participants_path(g), "facilitator/participants.html", g.title, {"people": participant_list(g)}, g)
    ]
    tables = group_tables(g)
    if tables:
        plans.append(PagePlan(groups_path(g), "facilitator/groups.html", g.title, {"tables": tables}, g))
    return plans + print_pages(g, tables)


def public_pages(g: Gathering, crumbs: tuple[tuple[str, str], ...]) -> list[PagePlan]:
    if not (g.publish_participants and g.participants):
        return []
    rows = tuple((p.name, p.organisation) for p in sorted(g.participants, key=by_surname))
    return [PagePlan(public_participants_path(g), "participants_public.html", g.title, {"rows": rows}, g, crumbs)]


def day_label(day: Day) -> dt.date:
    return day.date
