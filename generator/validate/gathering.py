"""gathering.yaml and its sessions → Gathering, with computed programme times."""

from __future__ import annotations

import difflib
import functools
import re
import zoneinfo
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from generator.core.errors import Problems
from generator.core.model import (
    LANGUAGES,
    Day,
    Deck,
    Entry,
    Facilitator,
    FreeTime,
    Gathering,
    Parallel,
    Session,
    Source,
    Worksheet,
)
from generator.core.slugs import name_problem
from generator.domain.schedule import Gap, Slot, schedule
from generator.load import GatheringFiles
from generator.load.yamlfile import YamlList, YamlMap
from generator.validate import schema as s
from generator.validate.markdown import render_markdown
from generator.validate.people import session_groups
from generator.validate.sessions import Draft, EntryReader


def _timezone(value: Any) -> str:
    """An IANA time zone name. Not the machine's own (`localtime`), a tzdata helper file or a path:
    those would make the calendars depend on where the site is built."""
    name = s.non_empty_text(value)
    if not _ZONE.fullmatch(name) or name in _NOT_ZONES or name.startswith(("posix/", "right/")):
        raise s.Invalid(f"'{name}' is not a time zone name", "write an IANA name, e.g. Europe/Oslo")
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        raise s.Invalid(f"'{name}' is not a time zone", "write e.g. Europe/Oslo") from None
    if name not in _iana_names():
        raise s.Invalid(f"'{name}' is not a time zone name", "write an IANA name, e.g. Europe/Oslo")
    return name


_ZONE = re.compile(r"[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)*")
_NOT_ZONES = frozenset({"localtime", "posixrules", "Factory", "leapseconds", "tzdata", "zone", "iso3166"})


@functools.cache
def _iana_names() -> frozenset[str]:
    # Read once per process (about 10 ms): the installed time zone names do not change during a build.
    return frozenset(zoneinfo.available_timezones())


GATHERING = {
    "title": s.Field(s.non_empty_text, required=True, doc="the gathering's name"),
    "subtitle": s.Field(s.text, default="", doc="a line under the title"),
    "network": s.Field(s.text, default="", doc="the network it belongs to"),
    "programme": s.Field(s.text, default="", doc="the programme it belongs to"),
    "organisers": s.Field(s.text_list, default=(), doc="who arranges it"),
    "venue": s.Field(s.text, default="", doc="where it is held"),
    "address": s.Field(s.text, default="", doc="the venue's address"),
    "timezone": s.Field(_timezone, default="Europe/Oslo", doc="e.g. Europe/Oslo"),
    "language": s.Field(s.one_of(*LANGUAGES), default=None, doc="nb, nn or en"),
    "description": s.Field(s.text, default="", doc="Markdown for the overview page"),
    "facilitators": s.Field(s.mapping, default=None, doc="short name: {name, organisation, role}"),
    "days": s.Field(s.listing, required=True, doc="the programme, a list of days"),
    "publish_participants": s.Field(s.boolean, default=False, doc="names and organisations on a public page"),
    # Checked once the worksheets are known (validate/summary.py).
    "publish_results": s.Field(s.boolean, default=False, doc="participants see the aggregated summary"),
    "summary": s.Field(s.raw, default=None, doc="the report after the gathering (docs/worksheets.md)"),
}
FACILITATOR = {
    "name": s.Field(s.non_empty_text, required=True, doc="full name"),
    "organisation": s.Field(s.text, default="", doc="where they work"),
    "role": s.Field(s.text, default="", doc="title or role"),
}
DAY = {
    "date": s.Field(s.date, required=True, doc="YYYY-MM-DD"),
    "start": s.Field(s.clock, required=True, doc="when the day starts, e.g. 09.30"),
    "end": s.Field(s.clock, doc="when the day ends"),
    "title": s.Field(s.text, default="", doc="a name for the day"),
    "room": s.Field(s.text, default="", doc="the default room"),
    "sessions": s.Field(s.listing, required=True, doc="the programme items in order"),
}


@dataclass(frozen=True)
class Known:
    """Names that sessions may refer to."""

    decks: frozenset[str]
    worksheets: frozenset[str]
    models: frozenset[str]


def gathering(
    files: GatheringFiles, known: Known, site_language: str, md: MarkdownIt, problems: Problems
) -> Gathering | None:
    doc = files.gathering
    if doc is None:
        return None
    path = doc.path
    values = s.check(doc.data, GATHERING, path, problems, "gathering.yaml")
    if values is None:
        return None
    key = files.folder.name
    if bad := name_problem(key):
        problems.add(path, 0, *bad)
    facilitators = _facilitators(values["facilitators"], path, problems)
    reader = EntryReader(path, files.sessions, md, problems, files.unreadable, key)
    days = []
    day_list = values["days"] or YamlList()
    for i, raw in enumerate(day_list):
        day = _day(i + 1, raw, day_list.line_of(i), reader, facilitators, known, problems)
        if day is not None:
            days.append(day)
    for name, session_doc in files.sessions.items():
        if name not in reader.used:
            problems.add(
                session_doc.path,
                1,
                f"session '{name}' is not in the programme",
                f"add `- {name}` to a day's sessions in gathering.yaml, or rename it to _{name}.md",
            )
    dates = [d.date for d in days]
    if dates != sorted(set(dates)):
        problems.add(
            path,
            day_list.line,
            "the days are not in date order, or a date repeats",
            "list each date once, earliest first",
        )
    _unique_pages(days, problems)
    description = render_markdown(md, values["description"], doc.line_of("description") + 1, key)
    return Gathering(
        key=key,
        title=values["title"],
        days=tuple(days),
        subtitle=values["subtitle"],
        network=values["network"],
        programme=values["programme"],
        organisers=values["organisers"],
        venue=values["venue"],
        address=values["address"],
        timezone=values["timezone"],
        language=values["language"] or site_language,
        description=description,
        facilitators=tuple(facilitators.values()),
        source=Source(path, 1),
        publish_participants=values["publish_participants"],
        publish_results=values["publish_results"],
    )


def with_material(g: Gathering, decks: tuple[Deck, ...], worksheets: tuple[Worksheet, ...]) -> Gathering:
    from dataclasses import replace

    return replace(g, decks=decks, worksheets=worksheets)


def _facilitators(raw: YamlMap | None, path: Path, problems: Problems) -> dict[str, Facilitator]:
    found: dict[str, Facilitator] = {}
    for key, value in (raw or {}).items():
        line = raw.line_of(key) if raw is not None else 0
        if isinstance(value, str):
            found[key] = Facilitator(key, value)
            continue
        v = s.check(value, FACILITATOR, path, problems, f"facilitator '{key}'", line)
        if v:
            found[key] = Facilitator(key, v["name"], v["organisation"], v["role"])
    return found


def _day(
    number: int,
    raw: Any,
    line: int,
    reader: EntryReader,
    facilitators: dict[str, Facilitator],
    known: Known,
    problems: Problems,
) -> Day | None:
    path = reader.path
    v = s.check(raw, DAY, path, problems, f"day {number}", line)
    if v is None:
        return None
    entries: YamlList = v["sessions"] or YamlList()
    drafts = [d for i, e in enumerate(entries) if (d := reader.entry(e, entries.line_of(i)))]
    if v["date"] is None or v["start"] is None:
        return None  # reported by check(); the entries were still read, so their problems show too
    if not drafts:
        problems.add(path, raw.line, f"day {number} has no sessions", "list its programme under `sessions:`")
        return None
    for draft in drafts:
        _check_references(draft, facilitators, known, problems)
    slots, time_problems = schedule([d.plan() for d in drafts], v["start"], v["end"])
    for tp in time_problems:
        problems.add(tp.source.path, tp.source.line, tp.message, tp.hint)
    slot_list = [x for x in slots if isinstance(x, Slot)]
    built: list[Entry] = []
    draft_iter = iter(drafts)
    for slot in slots:
        if isinstance(slot, Gap):
            built.append(FreeTime(slot.start, slot.end))
            continue
        draft = next(draft_iter)
        if draft.parallel:
            members = tuple(
                _session(d, m, facilitators, v["room"]) for d, m in zip(draft.parallel, slot.parallel, strict=True)
            )
            built.append(Parallel(slot.start, slot.end, members, draft.values.get("title", "")))
        else:
            built.append(_session(draft, slot, facilitators, v["room"]))
    end = slot_list[-1].end if slot_list else v["start"]
    return Day(number, v["date"], v["start"], end, tuple(built), v["title"], Source(path, line))


def _session(draft: Draft, slot: Slot, facilitators: dict[str, Facilitator], room: str) -> Session:
    v = draft.values
    return Session(
        key=draft.key,
        title=v.get("title") or "",
        kind=v.get("kind") or "plenary",
        start=slot.start,
        end=slot.end,
        explicit_start=v.get("start") is not None,
        duration=v.get("duration"),
        facilitators=tuple(facilitators[f] for f in v.get("facilitators", ()) if f in facilitators),
        room=v.get("room") or ("" if v.get("kind") in ("break", "meal") else room),  # no "Rom X" on every break
        body=draft.body,
        notes=draft.notes,
        decks=tuple(v.get("decks", ())),
        worksheets=tuple(v.get("worksheets", ())),
        models=tuple(v.get("models", ())),
        materials=tuple(v.get("materials", ())),
        items=tuple(_session(d, sl, facilitators, "") for d, sl in zip(draft.items, slot.items, strict=True)),
        lang=v.get("lang") or "",
        has_page=draft.has_page,
        open_end=slot.open_end,
        source=draft.source,
        groups=session_groups(v.get("groups"), Source(draft.source.path, draft.line_of("groups")), draft.key),
    )


def _check_references(draft: Draft, facilitators: dict[str, Facilitator], known: Known, problems: Problems) -> None:
    src = draft.source
    v = draft.values
    lists = (
        ("facilitators", set(facilitators), "a facilitator", "add them under `facilitators:` in gathering.yaml"),
        ("decks", known.decks, "a slide deck", "create decks/{}.md"),
        ("worksheets", known.worksheets, "a worksheet", "create worksheets/{}.yaml"),
        ("models", known.models, "a model", "create content/models/{}.yaml"),
    )
    for field_name, names, what, todo in lists:
        for name in v.get(field_name, ()):
            if name not in names:
                close = difflib.get_close_matches(name, sorted(names), n=1)
                hint = f"did you mean '{close[0]}'?" if close else todo.format(name)
                problems.add(
                    src.path,
                    draft.line_of(field_name),
                    f"'{name}' in {field_name} of '{v.get('title')}' is not {what} of this site",
                    hint,
                )
    for embed in draft.embeds:
        names = known.models if embed.kind == "model" else known.worksheets
        if embed.name not in names:
            close = difflib.get_close_matches(embed.name, sorted(names), n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"write `::: {embed.kind} NAME` with an existing name"
            problems.add(src.path, embed.line, f"::: {embed.kind} '{embed.name}' does not exist", hint)
    for child in [*draft.items, *draft.parallel]:
        _check_references(child, facilitators, known, problems)


def _unique_pages(days: list[Day], problems: Problems) -> None:
    seen: dict[str, Session] = {}
    for day in days:
        for session in day.sessions():
            if not session.has_page:
                continue
            other = seen.get(session.key)
            if other is not None:
                problems.add(
                    session.source.path,
                    session.source.line,
                    f"'{session.title}' would get the same page name '{session.key}' as "
                    f"'{other.title}' ({other.source.path.name}:{other.source.line})",
                    "give one of them a different title, or move it to its own session file",
                )
            seen[session.key] = session
