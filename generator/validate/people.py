"""The participant list and the sessions' `groups:` → the model (participants, computed groups).

    declared_groups(value) -> Declared          the schema converter for `groups:`
    session_groups(declared, path) -> SessionGroups
    with_people(g, files, problems) -> Gathering   reads the list, makes every session's groups

`groups:` on a session or sub-item is one of

    groups: 4                                            four mixed groups
    groups: {count: 4, rule: mixed, rounds: 2, seed: mars-2013, rooms: [A, B, C, D]}
    groups: {rule: by_organisation, min_size: 3, rooms: [...]}
    groups: {rule: fixed, groups: [{name: Nord, room: A, members: [Kari Nordmann, ola@x.no]}, …]}
    groups: [{name: Nord, room: A}, {name: Sør, room: B}]   named groups, mixed

Making the groups is a pure domain call (generator/domain/groups.py); what it cannot place — an
unknown or ambiguous name in a fixed list — is a problem at the name's own line.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from generator.core.errors import Problems
from generator.core.model import Day, Gathering, GroupSlot, GroupSpec, Parallel, Session, SessionGroups, Source
from generator.domain.groups import RULES, make_groups
from generator.load import GatheringFiles
from generator.load.participants import read_participants
from generator.load.yamlfile import YamlList, YamlMap
from generator.validate import schema as s

MAX_GROUPS, MAX_ROUNDS = 100, 10
_KEYS = ("count", "groups", "rule", "rounds", "seed", "rooms", "min_size")


@dataclass(frozen=True)
class Declared:
    spec: GroupSpec
    numbered: bool
    entry_lines: tuple[tuple[str, str, int], ...] = ()


def _count(value: Any, what: str, top: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= top:
        raise s.Invalid(f"has {what} {s.describe(value)}", f"write a whole number from 1 to {top}")
    return value


def declared_groups(value: Any) -> Declared:
    line = getattr(value, "line", 0)
    if isinstance(value, int) and not isinstance(value, bool):
        return Declared(GroupSpec.numbered(_count(value, "a count of", MAX_GROUPS)), True)
    if isinstance(value, YamlList):
        value = YamlMap({"groups": value})
        value.line, value.key_lines = line, {"groups": line}
    if not isinstance(value, YamlMap):
        raise s.Invalid(f"should be a number or a mapping, not {s.describe(value)}", "write e.g. `groups: 4`")
    for key in value:
        if key not in _KEYS:
            raise s.Invalid(f"has an unknown key '{key}'", f"known keys: {', '.join(_KEYS)}")
    rule = str(value.get("rule") or "mixed").strip().replace(" ", "_")
    if rule not in RULES:
        raise s.Invalid(f"has the rule '{rule}'", "write mixed, by_organisation or fixed")
    rounds = _count(value.get("rounds", 1), "rounds", MAX_ROUNDS)
    if rounds > 1 and rule != "mixed":
        raise s.Invalid("has several rounds, which only mixed groups can have", "remove `rounds:` or use rule: mixed")
    rooms = s.text_list(value["rooms"]) if value.get("rooms") else ()
    slots, lines, numbered = _slots(value, rule)
    if rule != "by_organisation" and len(rooms) > len(slots):
        raise s.Invalid(f"lists {len(rooms)} rooms for {len(slots)} groups", "list one room a group")
    slots = tuple(replace(x, room=x.room or (rooms[i] if i < len(rooms) else "")) for i, x in enumerate(slots))
    if rule == "by_organisation":  # its groups are the organisations; the rooms go to them in order
        slots = tuple(GroupSlot("", r) for r in rooms)
    seed = s.text(value.get("seed", ""))
    min_size = _count(value.get("min_size", 1), "a min_size of", 1000)
    spec = GroupSpec(slots, rule, rounds, seed, min_size)  # type: ignore[arg-type]
    return Declared(spec, numbered, lines)


def _slots(value: YamlMap, rule: str) -> tuple[tuple[GroupSlot, ...], tuple[tuple[str, str, int], ...], bool]:
    if "count" in value and "groups" in value:
        raise s.Invalid("has both `count:` and `groups:`", "keep one of them")
    if "count" in value:
        if rule == "fixed":
            raise s.Invalid("is fixed but only counted", "list the groups and their members under `groups:`")
        return GroupSpec.numbered(_count(value["count"], "a count of", MAX_GROUPS)).groups, (), True
    listed = value.get("groups")
    if listed is None:
        if rule == "by_organisation":
            return (), (), False
        raise s.Invalid("names no groups", "write `count: 4`, or list the groups under `groups:`")
    if not isinstance(listed, YamlList) or not 1 <= len(listed) <= MAX_GROUPS:
        raise s.Invalid("lists no groups", f"list 1 to {MAX_GROUPS} groups, one `- name: …` a line")
    slots, lines = [], []
    for i, item in enumerate(listed):
        if isinstance(item, str | int) and not isinstance(item, bool):
            item = YamlMap({"name": item})
        if not isinstance(item, YamlMap) or set(item) - {"name", "room", "members"} or not s.text(item.get("name", "")):
            raise s.Invalid(f"has a group (line {listed.line_of(i)}) without a name", "write `- {name: …, room: …}`")
        members = item.get("members") or YamlList()
        if members and rule != "fixed":
            raise s.Invalid(f"lists members of '{item['name']}' but is {rule}", "write `rule: fixed`")
        entries = s.text_list(members)
        slot = GroupSlot(s.text(item["name"]), s.text(item.get("room", "")), entries)
        slots.append(slot)
        where = [
            members.line_of(j) if isinstance(members, YamlList) else listed.line_of(i) for j in range(len(entries))
        ]
        lines += [(slot.name, e, line) for e, line in zip(entries, where, strict=True)]
    if len({x.name for x in slots}) != len(slots):
        raise s.Invalid("names a group twice", "give each group its own name")
    if rule == "fixed" and not lines:
        raise s.Invalid("is fixed but lists no members", "list each group's people under `members:`")
    return tuple(slots), tuple(lines), False


def session_groups(declared: Declared | None, source: Source, key: str) -> SessionGroups | None:
    """The model's form; a session without its own seed is seeded by its name, so sessions differ."""
    if declared is None:
        return None
    spec = declared.spec if declared.spec.seed else replace(declared.spec, seed=key)
    return SessionGroups(spec, declared.numbered, source, declared.entry_lines)


def with_people(g: Gathering, files: GatheringFiles, problems: Problems, notices: list[str]) -> Gathering:
    people = ()
    if files.participants is not None:
        found = Problems(root=problems.root)
        people = read_participants(files.participants.path, found, [d.date for d in g.days], notices)
        problems.extend(found)
    grouped = g.grouped_sessions()
    if not grouped:
        return replace(g, participants=people)
    if files.participants is None:
        first = grouped[0][1].groups
        assert first is not None
        problems.add(
            first.source.path,
            first.source.line,
            "groups need the gathering's participant list",
            f"add participants.csv (or .xlsx, .yaml) beside {g.source.path.name}, or remove `groups:`",
        )
        return g

    def grouped_session(day: Day, session: Session) -> Session:
        declared = session.groups
        if declared is None:
            return session
        # Groups are made of who is there that day; a fixed list may name anyone on the list.
        attending = tuple(p for p in people if p.attends(day.number) or declared.spec.rule == "fixed")
        grouping = make_groups(attending, declared.spec)
        lines = {(group, entry): line for group, entry, line in declared.entry_lines}
        for issue in grouping.issues:
            line = lines.get((issue.group, issue.entry), declared.source.line)
            what = {"unknown": "is not on the participant list", "ambiguous": "names more than one participant"}
            message = what.get(issue.kind, "is in more than one group")
            hint = "write the name as on the list, or the e-mail address" if issue.kind != "twice" else "keep one"
            problems.add(declared.source.path, line, f"'{issue.entry}' in group '{issue.group}' {message}", hint)
        return replace(session, groups=replace(declared, grouping=grouping))

    return replace(g, participants=people, days=tuple(_map_day(d, grouped_session) for d in g.days))


def _map_day(day: Day, fn: Any) -> Day:
    def one(session: Session) -> Session:
        items = tuple(fn(day, i) for i in session.items)
        return fn(day, replace(session, items=items) if session.items else session)

    entries = tuple(
        one(e)
        if isinstance(e, Session)
        else replace(e, sessions=tuple(one(x) for x in e.sessions))
        if isinstance(e, Parallel)
        else e
        for e in day.entries
    )
    return replace(day, entries=entries)
