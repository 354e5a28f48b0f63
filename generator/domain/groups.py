"""Groups by rule: who sits with whom in a session's group work. Pure and deterministic.

    GroupSlot(name, room="", members=())        one group as a session declares it
    GroupSpec(groups, rule="mixed", rounds=1, seed="", min_size=1)
    GroupSpec.numbered(count, rule=..., ...)    groups named "1", "2", … (the theme adds "Gruppe")
    make_groups(people, spec) -> Grouping
    repeated_pairs(grouping) -> dict[tuple[str, str], int]   pairs of keys together in 2+ rounds

Rules:
- `mixed`: every organisation spread across the groups (one with k members has at most
  ⌈k/g⌉ in any group) and sizes differing by at most one. `rounds: N` makes N such groupings
  for one day, each round preferring people who have not met in an earlier round.
- `by_organisation`: one group per organisation (compared by `organisation_key`, so "Lom" and
  "Lom kommune" are one); organisations with fewer than `min_size` people are joined, in name
  order, until each joined group has `min_size`. The i-th group gets the i-th slot's room.
- `fixed`: the slots' `members`, each a participant's key, e-mail address or name (case- and
  space-insensitive).
  Unknown, ambiguous or repeated entries come back in `Grouping.issues` (for the validator to
  report with its file and line); people in no list come back in `Grouping.unassigned`.

Stability: people are taken in the order of a seeded hash of their key, and each prefers groups
in a seeded order of its own (see `generator/domain/mixing.py`), so the same list and seed always
give the same groups whatever the order of the rows, and a person added later moves few others in
the first round (tests/test_groups.py bounds it); later rounds favour fewer repeats over stability.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.core.model.people import RULES, Group, Grouping, GroupIssue, GroupSlot, GroupSpec, Rule
from generator.domain.mixing import mixed
from generator.domain.people import Participant, normal, organisation_key

__all__ = [
    "RULES",
    "Group",
    "GroupIssue",
    "GroupSlot",
    "GroupSpec",
    "Grouping",
    "Rule",
    "make_groups",
    "repeated_pairs",
]


def make_groups(people: Sequence[Participant], spec: GroupSpec) -> Grouping:
    """Raises ValueError for a spec no content should reach (the validator checks it first)."""
    if len({p.key for p in people}) != len(people):
        raise ValueError("participant keys must be unique")
    if spec.rule not in RULES or spec.rounds < 1 or spec.min_size < 1:
        raise ValueError(f"bad group spec {spec}")
    if spec.rounds > 1 and spec.rule != "mixed":
        raise ValueError("only mixed groups have several rounds")
    if spec.rule == "by_organisation":
        return Grouping((_by_organisation(people, spec),))
    if not spec.groups:
        raise ValueError("no groups")
    if spec.rule == "fixed":
        return _fixed(people, spec)
    rounds = mixed(people, len(spec.groups), spec.seed, spec.rounds)
    return Grouping(tuple(_groups(people, spec.groups, places) for places in rounds))


def repeated_pairs(grouping: Grouping) -> dict[tuple[str, str], int]:
    together: dict[tuple[str, str], int] = {}
    for groups in grouping.rounds:
        for group in groups:
            keys = sorted(p.key for p in group.members)
            for i, a in enumerate(keys):
                for b in keys[i + 1 :]:
                    together[a, b] = together.get((a, b), 0) + 1
    return {pair: n for pair, n in sorted(together.items()) if n > 1}


def _groups(people: Sequence[Participant], slots: Sequence[GroupSlot], places: Sequence[int]) -> tuple[Group, ...]:
    members: list[list[Participant]] = [[] for _ in slots]
    for person, place in zip(people, places, strict=True):
        members[place].append(person)
    return tuple(Group(s.name, s.room, _by_name(m)) for s, m in zip(slots, members, strict=True))


def _by_name(people: Sequence[Participant]) -> tuple[Participant, ...]:
    return tuple(sorted(people, key=lambda p: (normal(p.name), p.key)))


def _by_organisation(people: Sequence[Participant], spec: GroupSpec) -> tuple[Group, ...]:
    by_org: dict[str, list[Participant]] = {}
    for person in _by_name(people):
        by_org.setdefault(organisation_key(person.organisation), []).append(person)
    buckets: list[list[str]] = []
    joining: list[str] = []
    for org in sorted(by_org):
        if len(by_org[org]) >= spec.min_size:
            buckets.append([org])
            continue
        joining.append(org)
        if sum(len(by_org[o]) for o in joining) >= spec.min_size:
            buckets.append(joining)
            joining = []
    if joining:  # the last small ones join the smallest group (the first of equals)
        if not buckets:
            buckets.append(joining)
        else:
            smallest = min(range(len(buckets)), key=lambda b: sum(len(by_org[o]) for o in buckets[b]))
            buckets[smallest] = sorted(buckets[smallest] + joining)
    groups = []
    for b, orgs in enumerate(sorted(buckets)):
        names = tuple(by_org[o][0].organisation for o in orgs)
        room = spec.groups[b].room if b < len(spec.groups) else ""
        members = _by_name([p for o in orgs for p in by_org[o]])
        groups.append(Group(" + ".join(names), room, members, names))
    return tuple(groups)


def _fixed(people: Sequence[Participant], spec: GroupSpec) -> Grouping:
    by_key = {p.key.lower(): p for p in people} | {p.email.lower(): p for p in people if p.email}
    by_name: dict[str, list[Participant]] = {}
    for p in people:
        by_name.setdefault(normal(p.name), []).append(p)
    placed: set[str] = set()
    issues = []
    groups = []
    for slot in spec.groups:
        members = []
        for entry in slot.members:
            mark = entry.strip().lower()
            found = [by_key[mark]] if mark in by_key else by_name.get(normal(entry), [])
            if len(found) != 1:
                issues.append(GroupIssue(slot.name, entry, "ambiguous" if found else "unknown"))
            elif found[0].key in placed:
                issues.append(GroupIssue(slot.name, entry, "twice"))
            else:
                placed.add(found[0].key)
                members.append(found[0])
        groups.append(Group(slot.name, slot.room, _by_name(members)))
    unassigned = _by_name([p for p in people if p.key not in placed])
    return Grouping((tuple(groups),), unassigned, tuple(issues))
