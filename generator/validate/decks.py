"""decks/NAME.md → Deck: front matter, then slides separated by lines of `---`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from generator import schema as s
from generator.errors import Problems
from generator.load.documents import Document
from generator.markdown import render_markdown
from generator.model import Deck, Slide, Source

LAYOUTS = ("default", "title", "section", "two-columns", "image")
DECK = {
    "title": s.Field(s.non_empty_text, required=True, doc="the deck's title"),
    "date": s.Field(s.date, doc="shown in every slide's footer, YYYY-MM-DD"),
    "footer": s.Field(s.text, default="", doc="text in every slide's footer"),
    "sessions": s.Field(s.text_list, default=(), doc="the sessions it is used in"),
    "aspect": s.Field(s.one_of("16:9", "4:3"), default="16:9", doc="16:9 or 4:3"),
}
_LAYOUT_LINE = re.compile(r"<!--\s*layout:\s*([\w-]+)\s*-->")
_FENCE = re.compile(r"^(```|~~~)")


def folder_of(path: Path) -> str:
    """GATHERING/decks for content/GATHERING/decks/NAME.md: where relative links start."""
    return "/".join(path.parts[-3:-1])


def split_slides(body: str, first_line: int) -> list[tuple[str, int]]:
    """Split on lines that are exactly `---`, ignoring those inside code fences."""
    slides: list[tuple[str, int]] = []
    current: list[str] = []
    start = first_line
    fenced = False
    for offset, line in enumerate(body.split("\n")):
        if _FENCE.match(line.strip()):
            fenced = not fenced
        if line.strip() == "---" and not fenced:
            slides.append(("\n".join(current), start))
            current, start = [], first_line + offset + 1
        else:
            current.append(line)
    slides.append(("\n".join(current), start))
    return [(text, line) for text, line in slides if text.strip()]


def deck(doc: Document, session_keys: frozenset[str], md: MarkdownIt, problems: Problems) -> Deck | None:
    path = doc.path
    if doc.data is None:
        problems.add(path, 1, "has no front matter", "start the file with `---`, `title: …`, `---`")
        return None
    values: dict[str, Any] | None = s.check(doc.data, DECK, path, problems, "the deck's front matter")
    if values is None:
        return None
    for name in values["sessions"]:
        if name not in session_keys:
            problems.add(
                path,
                doc.data.line_of("sessions"),
                f"session '{name}' does not exist in this gathering",
                "use a session's file name or page name",
            )
    slides = []
    for number, (text, line) in enumerate(split_slides(doc.body, doc.body_line), start=1):
        layout = "default"
        first, _, rest = text.lstrip("\n").partition("\n")
        if m := _LAYOUT_LINE.fullmatch(first.strip()):
            layout = m.group(1)
            text = rest
            if layout not in LAYOUTS:
                problems.add(path, line, f"unknown slide layout '{layout}'", f"use one of: {', '.join(LAYOUTS)}")
                layout = "default"
        rendered = render_markdown(md, text, line, folder_of(path))
        slides.append(
            Slide(number, rendered.html, rendered.notes_html, layout, rendered.title, rendered.embeds, rendered.links)
        )
    if not slides:
        problems.add(
            path,
            doc.body_line,
            "the deck has no slides",
            "write slides below the front matter, separated by `---` lines",
        )
    return Deck(
        key=path.stem,
        title=values["title"],
        slides=tuple(slides),
        date=values["date"],
        footer=values["footer"],
        sessions=values["sessions"],
        aspect=values["aspect"],
        source=Source(path, 1),
    )
