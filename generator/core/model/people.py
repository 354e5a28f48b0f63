"""Who comes to a gathering, and the groups a session puts them in.

Participants are personal data: the renderers show them only in the facilitator section and in
printed material (and, with `publish_participants: true`, name and organisation on one page).
The rules that fill these are in generator/domain/people.py, groups.py and mixing.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from generator.core.model.common import Source

Rule = Literal["mixed", "by_organisation", "fixed"]
RULES: tuple[Rule, ...] = ("mixed", "by_organisation", "fixed")


@dataclass(frozen=True)
class Participant:
    key: str  # stable id, unique in a list (see generator/domain/people.py)
    name: str
    organisation: str = ""
    role: str = ""
    email: str = ""
    days: tuple[int, ...] = ()  # 1-based day numbers; () = every day
    dietary: str = ""
    extra: tuple[tuple[str, str], ...] = ()  # (column header, value) of columns not in the mapping
    row: int = 0  # the spreadsheet row (header = 1) or YAML line it came from

    def attends(self, day: int) -> bool:
        return not self.days or day in self.days


@dataclass(frozen=True)
class GroupSlot:
    name: str
    room: str = ""
    members: tuple[str, ...] = ()  # for `fixed`: participant keys, e-mail addresses or names


@dataclass(frozen=True)
class GroupSpec:
    groups: tuple[GroupSlot, ...]
    rule: Rule = "mixed"
    rounds: int = 1
    seed: str = ""
    min_size: int = 1

    @classmethod
    def numbered(cls, count: int, rule: Rule = "mixed", rounds: int = 1, seed: str = "") -> GroupSpec:
        return cls(tuple(GroupSlot(str(i)) for i in range(1, count + 1)), rule, rounds, seed)


@dataclass(frozen=True)
class Group:
    name: str
    room: str
    members: tuple[Participant, ...]  # in name order
    organisations: tuple[str, ...] = ()  # by_organisation: the organisations in it


@dataclass(frozen=True)
class GroupIssue:
    group: str
    entry: str
    kind: Literal["unknown", "ambiguous", "twice"]


@dataclass(frozen=True)
class Grouping:
    rounds: tuple[tuple[Group, ...], ...]
    unassigned: tuple[Participant, ...] = ()
    issues: tuple[GroupIssue, ...] = ()

    def assignment(self, round_index: int = 0) -> dict[str, str]:
        """Participant key → group name in one round."""
        return {p.key: g.name for g in self.rounds[round_index] for p in g.members}


@dataclass(frozen=True)
class SessionGroups:
    """A session's `groups:` as declared, and (once the participant list is read) who is in which."""

    spec: GroupSpec
    numbered: bool = False  # `count: N`: the groups are called "Gruppe 1", … by the theme
    source: Source = field(default_factory=lambda: Source(Path(".")))  # the `groups:` line
    entry_lines: tuple[tuple[str, str, int], ...] = ()  # (group, fixed entry, line) for messages
    grouping: Grouping | None = None  # None: the gathering has no participant list
