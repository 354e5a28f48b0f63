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
    plain: str = ""  # the visible text of `html`, for the search index


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
