"""Answers read back from files (GATHERING/responses/), and what a gathering's summary is made of.

Plain values only: reading and checking them is generator/validate/answers.py, counting them
generator/domain/results.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.core.model.common import Source


@dataclass(frozen=True)
class Header:
    name: str = ""
    organisation: str = ""
    group: str = ""
    date: str = ""  # as written: ISO (YYYY-MM-DD) when saved on screen, anything from paper


@dataclass(frozen=True)
class TextAnswer:
    item: str
    text: str


@dataclass(frozen=True)
class RatingAnswer:
    item: str
    value: int | None  # None: only a comment was written
    comment: str = ""


@dataclass(frozen=True)
class Marker:
    """A risk placed in a matrix cell: `risk` is its number or words, may be empty."""

    risk: str
    probability: int
    consequence: int


@dataclass(frozen=True)
class MatrixAnswer:
    item: str
    markers: tuple[Marker, ...]


Answer = TextAnswer | RatingAnswer | MatrixAnswer


@dataclass(frozen=True)
class Response:
    """One answers file: one person's or group's filled-in worksheet."""

    source: Source
    worksheet: str  # the worksheet's key in its gathering
    gathering: str
    header: Header
    answers: tuple[Answer, ...]
    fingerprint: str = ""  # as written in the file
    current: bool = True  # the fingerprint is the worksheet's own

    def answer(self, item: str) -> Answer | None:
        return next((a for a in self.answers if a.item == item), None)


@dataclass(frozen=True)
class SummaryPick:
    """A worksheet chosen for the summary, with the answer ids of its items (none: all of them)."""

    worksheet: str
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class NextGathering:
    """The next gathering as agreed in the closing session: theme, time and place, as written."""

    theme: str = ""
    time: str = ""
    place: str = ""

    def __bool__(self) -> bool:
        return bool(self.theme or self.time or self.place)


@dataclass(frozen=True)
class Summary:
    """`summary:` in gathering.yaml: the report a network leader sends out after the gathering."""

    results: tuple[SummaryPick, ...] = ()
    process_goals: tuple[str, ...] = ()  # "Prosessmål til neste samling"
    next: NextGathering = NextGathering()
    line: int = 0  # of `summary:` in gathering.yaml
    # Where `process_goals:` and `next:` are written (0: not written): a gathering in the programme
    # has them in programme.yaml instead, and writing them here too is a problem at these lines.
    goals_line: int = 0
    next_line: int = 0
