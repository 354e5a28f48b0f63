"""What every part of the model uses: where a thing was written, and Markdown made into text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

LANGUAGES = ("nb", "nn", "en")


@dataclass(frozen=True)
class Source:
    """Where something was written: for error messages and dependency tracking."""

    path: Path
    line: int = 0

    @property
    def short(self) -> str:
        """E.g. `sessions/program.md:12`: enough to find it, inside a message about another place."""
        where = "/".join(self.path.parts[-2:])
        return f"{where}:{self.line}" if self.line else where


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
    plain: str = ""  # the visible text of `html` (never of the notes), for the search index

    def __bool__(self) -> bool:
        return bool(self.html or self.notes_html)
