"""The content model: what a site is made of, as plain frozen dataclasses.

Validation builds these from the loaded files; rendering only reads them.
Times are minutes after midnight in the gathering's time zone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

SESSION_KINDS = ("plenary", "talk", "group", "break", "meal", "social", "meeting")
LANGUAGES = ("nb", "nn", "en")
LINE_MM = 9  # ruled writing lines on worksheets: room for handwriting


@dataclass(frozen=True)
class Source:
    """Where something was written: for error messages and dependency tracking."""

    path: Path
    line: int = 0


@dataclass(frozen=True)
class Embed:
    """A `::: model NAME` or `::: worksheet NAME` directive found in Markdown."""

    kind: str
    name: str
    line: int


@dataclass(frozen=True)
class Text:
    """Markdown rendered to HTML; `notes_html` holds the facilitator-only `::: notes`."""

    html: str = ""
    notes_html: str = ""
    embeds: tuple[Embed, ...] = ()
    title: str = ""  # the first heading, if any
    links: tuple[Embed, ...] = ()  # local links and images: kind "link"/"image", name = content path

    def __bool__(self) -> bool:
        return bool(self.html or self.notes_html)


@dataclass(frozen=True)
class Branding:
    organisation: str = ""
    logo: Path | None = None
    accent: str = ""


@dataclass(frozen=True)
class SiteConfig:
    title: str
    language: str = "nb"
    base_url: str = ""
    theme: str = "default"
    time_separator: str = "."
    branding: Branding = field(default_factory=Branding)
    accessibility_statement: str = ""
    raw_html: bool = False
    source: Source = field(default_factory=lambda: Source(Path("site.yaml")))


@dataclass(frozen=True)
class Facilitator:
    key: str
    name: str
    organisation: str = ""
    role: str = ""


@dataclass(frozen=True)
class Session:
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
    source: Source = field(default_factory=lambda: Source(Path(".")))

    @property
    def minutes(self) -> int:
        return self.end - self.start

    @property
    def is_pause(self) -> bool:
        return self.kind in ("break", "meal")


@dataclass(frozen=True)
class FreeTime:
    """A gap in the programme between two sessions."""

    start: int
    end: int

    @property
    def minutes(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Parallel:
    """Sessions that run at the same time in different rooms."""

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
class Slide:
    number: int
    html: str
    notes_html: str = ""
    layout: str = "default"
    title: str = ""
    embeds: tuple[Embed, ...] = ()
    links: tuple[Embed, ...] = ()
    session: str = ""  # the session the slide belongs to (named on it or on an earlier slide), for timing
    source: Source = field(default_factory=lambda: Source(Path(".")))
    timer_seconds: int | None = None  # a countdown for group work on the slide (`<!-- timer: 5 min -->`)

    @property
    def timer_clock(self) -> str:
        """The countdown as it starts, the way the timer shows it: 5:00, 0:45, 1:30:00."""
        h, rest = divmod(self.timer_seconds or 0, 3600)
        return f"{h}:{rest // 60:02d}:{rest % 60:02d}" if h else f"{rest // 60}:{rest % 60:02d}"


@dataclass(frozen=True)
class Deck:
    key: str
    title: str
    slides: tuple[Slide, ...]
    date: dt.date | None = None
    footer: str = ""
    sessions: tuple[str, ...] = ()
    aspect: str = "16:9"
    source: Source = field(default_factory=lambda: Source(Path(".")))

    @property
    def has_timer(self) -> bool:
        return any(slide.timer_seconds for slide in self.slides)


@dataclass(frozen=True)
class Worksheet:
    key: str
    title: str
    blocks: tuple[Any, ...]
    intro: Text = field(default_factory=Text)
    orientation: str = "portrait"
    header_fields: tuple[str, ...] = ("name", "organisation", "date")
    sessions: tuple[str, ...] = ()
    source: Source = field(default_factory=lambda: Source(Path(".")))
    fingerprint: str = ""  # of its answerable items, see generator/domain/answers.py


@dataclass(frozen=True)
class Model:
    """A model shown as a figure (e.g. Bevissthet → Aksept → Eierskap)."""

    key: str
    title: str
    kind: str
    data: Any  # the figure kind's own dataclass, see generator/figures
    description: Text = field(default_factory=Text)
    source: Source = field(default_factory=lambda: Source(Path(".")))


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

    def sessions(self) -> list[Session]:
        return [s for day in self.days for s in day.sessions()]

    @property
    def first_date(self) -> dt.date | None:
        return self.days[0].date if self.days else None

    @property
    def last_date(self) -> dt.date | None:
        return self.days[-1].date if self.days else None


@dataclass(frozen=True)
class Site:
    config: SiteConfig
    gatherings: tuple[Gathering, ...]
    models: tuple[Model, ...] = ()
    root: Path = Path(".")


# --- worksheet blocks -------------------------------------------------------


@dataclass(frozen=True)
class Question:
    """A question with room to write: ruled lines, or a box of a given height."""

    kind: ClassVar[str] = "question"  # names the theme's partial: partials/worksheet_question.html
    key: str
    text: str
    lines: int = 4
    box_height_mm: int = 0
    id: str = ""  # stable answer id, not its position (generator/domain/answers.py)

    @property
    def height_mm(self) -> int:
        """Room to write: a box's height, or ruled lines 9 mm apart (+1 so the last line shows)."""
        return self.box_height_mm or self.lines * LINE_MM + 1


@dataclass(frozen=True)
class Note:
    """Instructions or text between the blocks (Markdown)."""

    kind: ClassVar[str] = "text"
    key: str
    text: Text


@dataclass(frozen=True)
class Scale:
    """Rows of items, each rated on one scale from `low` to `high` (the seed's risk form)."""

    kind: ClassVar[str] = "scale"
    key: str
    items: tuple[str, ...]
    low: int = 1
    high: int = 10
    low_label: str = ""
    high_label: str = ""
    title: str = ""
    item_heading: str = ""
    comment: bool = False  # a line for a comment under each item
    id: str = ""
    item_ids: tuple[str, ...] = ()  # one answer id per item: as written (`id:`), then derived

    @property
    def values(self) -> range:
        return range(self.low, self.high + 1)


@dataclass(frozen=True)
class MatrixZone:
    """A band of cell scores in a risk matrix: scores up to `up_to` (and above the previous zone's)."""

    label: str
    up_to: int
    level: int  # 1 = lowest risk; picks the pattern and colour
    short: str = ""  # printed in each cell of the zone so it reads without colour
    lowest: int = 1  # the lowest score in the zone


@dataclass(frozen=True)
class MatrixMarker:
    """A numbered risk placed in a cell."""

    number: int
    probability: int
    consequence: int
    text: str = ""


@dataclass(frozen=True)
class MatrixCell:
    probability: int
    consequence: int
    score: int
    zone: MatrixZone | None
    label: str  # e.g. "Sannsynlighet 2, konsekvens 3"
    markers: tuple[MatrixMarker, ...] = ()


@dataclass(frozen=True)
class Matrix:
    """A risk matrix (ROS): probability (rows, highest on top) × consequence (columns)."""

    kind: ClassVar[str] = "matrix"
    key: str
    probability_title: str
    consequence_title: str
    probability_labels: tuple[str, ...]
    consequence_labels: tuple[str, ...]
    rows: tuple[tuple[MatrixCell, ...], ...]  # display order: highest probability first
    zones: tuple[MatrixZone, ...] = ()
    markers: tuple[MatrixMarker, ...] = ()
    title: str = ""
    show_scores: bool = True
    id: str = ""

    @property
    def cell_height_mm(self) -> int:
        """Room to write risk numbers in a cell, while the whole matrix fits a landscape A4 (~80 mm)."""
        return min(30, 80 // len(self.rows))


@dataclass(frozen=True)
class Grid:
    """A table of blank cells to write in: row headers × column headers."""

    kind: ClassVar[str] = "grid"
    key: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    title: str = ""
    corner: str = ""  # the heading above the row headers
    height_mm: int = 20  # of each row
    id: str = ""
    cell_ids: tuple[tuple[str, ...], ...] = ()  # per row, per column


@dataclass(frozen=True)
class StageCheck:
    """A model's stages to mark on a scale; the table is made by generator.figures.stage_check_html."""

    kind: ClassVar[str] = "model"
    key: str
    model: str
    html: str
    scale: int = 5
    id: str = ""
    stages: tuple[str, ...] = ()  # the model's stage names, in the table's order
    item_ids: tuple[str, ...] = ()
