"""The material a session uses: slide decks, worksheets and models."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from generator.core.model.common import Embed, Source, Text
from generator.core.model.figures import FigureData
from generator.core.model.worksheet import Block


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
    plain: str = ""  # the visible text of `html`, for the search index

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
    blocks: tuple[Block, ...]
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
    data: FigureData  # the figure kind's own dataclass, see figures.py
    description: Text = field(default_factory=Text)
    source: Source = field(default_factory=lambda: Source(Path(".")))
