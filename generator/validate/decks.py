"""decks/NAME.md → Deck: front matter, then slides separated by lines of `---` (at the top level only:
a `---` inside `::: notes`, another container, a list or a code block is theirs, never a slide break).

A slide may start with setting lines, HTML comments of the form `<!-- KEY: VALUE -->`:
`layout` (how the slide is laid out) and `session` (which programme item the slide
belongs to, for the presenter view's timing; it carries on to the slides after it) and
`timer` (a countdown for group work on this slide, see generator/validate/timer.py).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from generator.core.errors import Problems
from generator.core.model import Deck, Slide, Source
from generator.load.documents import Document
from generator.validate import schema as s
from generator.validate.containers import MARKS, MAX_MARKS
from generator.validate.markdown import MAX_LINES, make_markdown, render_markdown
from generator.validate.quick_outline import deck_outline
from generator.validate.timer import slide_timer

LAYOUTS = ("default", "title", "section", "two-columns", "image")
SETTINGS = ("layout", "session", "timer")
DECK = {
    "title": s.Field(s.non_empty_text, required=True, doc="the deck's title"),
    "date": s.Field(s.date, doc="shown in every slide's footer, YYYY-MM-DD"),
    "footer": s.Field(s.text, default="", doc="text in every slide's footer"),
    "sessions": s.Field(s.text_list, default=(), doc="the sessions it is used in"),
    "aspect": s.Field(s.one_of("16:9", "4:3"), default="16:9", doc="16:9 or 4:3"),
}
_SETTING_LINE = re.compile(r"<!--\s*([\w-]+)\s*:\s*(.*?)\s*-->")
_HEADING = re.compile(r"<(/?)h([1-5])\b")


def unknown_sessions(names: list[str], doc: Document, session_keys: frozenset[str], problems: Problems) -> None:
    """A deck or worksheet names the sessions that use it: each must be one of the gathering's."""
    for name in names:
        if name not in session_keys:
            problems.add(
                doc.path,
                doc.line_of("sessions"),
                f"session '{name}' does not exist in this gathering",
                "use a session file's name, or an inline session's `id:` (its title's slug without one)",
            )


def folder_of(path: Path) -> str:
    """GATHERING/decks for content/GATHERING/decks/NAME.md: where relative links start."""
    return "/".join(path.parts[-3:-1])


def split_slides(body: str, first_line: int, md: MarkdownIt | None = None) -> list[tuple[str, int]]:
    """Split on lines that are exactly `---` at the top level: never inside a container or a code block."""
    return slide_texts(md or make_markdown(), body, first_line)[0]


def slide_texts(md: MarkdownIt, body: str, first_line: int) -> tuple[list[tuple[str, int]], list[tuple[int, str, str]]]:
    """The slides, each with the line its text starts on (so problems inside it point at the file's line),
    and the problems with its containers (never closed, or a `:::` line that closes nothing) at their lines.

    The breaks are those of markdown-it's own reading of the whole body (read line by line where that
    is sure to give the same, see quick_outline.py), so a `---` inside `::: notes`, a fence or a list
    is the notes', the fence's or the list's, and a slide never cuts a container.
    """
    breaks, nesting = deck_outline(md, body)
    lines = body.split("\n")
    slides: list[tuple[str, int]] = []
    start = 0
    for line in [*breaks, len(lines)]:
        slides.append(("\n".join(lines[start:line]), first_line + start))
        start = line + 1
    return [(text, line) for text, line in slides if text.strip()], [
        (first_line + n, what, hint) for n, what, hint in nesting
    ]


def demote_headings(html: str) -> str:
    """`# Title` on a slide becomes <h2>: the deck page's own <h1> is the deck's title, so the outline stays whole."""
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", html)


def slide_settings(text: str, line: int) -> tuple[dict[str, tuple[str, int]], str, int]:
    """Leading `<!-- key: value -->` lines → ({key: (value, line)}, the rest of the text, its first line)."""
    lines = text.split("\n")
    settings: dict[str, tuple[str, int]] = {}
    i = 0
    while i < len(lines) and (not lines[i].strip() or _SETTING_LINE.fullmatch(lines[i].strip())):
        if m := _SETTING_LINE.fullmatch(lines[i].strip()):
            settings[m.group(1)] = (m.group(2), line + i)
        i += 1
    return settings, "\n".join(lines[i:]), line + i


def deck(doc: Document, session_keys: frozenset[str], md: MarkdownIt, problems: Problems) -> Deck | None:
    path = doc.path
    if doc.data is None:
        problems.add(path, 1, "has no front matter", "start the file with `---`, `title: …`, `---`")
        return None
    values: dict[str, Any] | None = s.check(doc.data, DECK, path, problems, "the deck's front matter")
    if values is None:
        return None
    unknown_sessions(values["sessions"], doc, session_keys, problems)
    slides = []
    session = ""
    if (lines := doc.body.count("\n") + 1) > MAX_LINES:
        problems.add(
            path,
            doc.body_line,
            f"the deck has {lines:,} lines, more than a deck can hold",
            f"keep a deck to {MAX_LINES:,} lines: split it into several decks",
        )
        return None
    if (marks := sum(doc.body.count(mark) for mark in MARKS)) > MAX_MARKS:
        problems.add(
            path,
            doc.body_line,
            f"the deck has {marks:,} marks of emphasis, links and code ({MARKS}), more than a deck can hold",
            f"keep a deck to {MAX_MARKS:,}: split it into several decks",
        )
        return None
    texts, nesting = slide_texts(md, doc.body, doc.body_line)
    for line, what, hint in nesting:
        problems.add(path, line, what, hint)
    for number, (raw, line) in enumerate(texts, start=1):
        settings, text, text_line = slide_settings(raw, line)
        layout, session = _checked_settings(settings, session, session_keys, path, problems)
        rendered = render_markdown(md, text, text_line, folder_of(path))
        slides.append(
            Slide(
                number,
                demote_headings(rendered.html),
                rendered.notes_html,
                layout,
                rendered.title,
                rendered.embeds,
                rendered.links,
                session=session,
                source=Source(path, line),
                timer_seconds=slide_timer(settings, path, problems),
                plain=rendered.plain,
            )
        )
    if not slides:
        problems.add(
            path,
            doc.body_line,
            "the deck has no slides",
            "write slides below the front matter, separated by `---` lines",
        )
    slide_sessions = tuple(dict.fromkeys(sl.session for sl in slides if sl.session))
    return Deck(
        key=path.stem,
        title=values["title"],
        slides=tuple(slides),
        date=values["date"],
        footer=values["footer"],
        sessions=tuple(dict.fromkeys((*values["sessions"], *slide_sessions))),
        aspect=values["aspect"],
        source=Source(path, 1),
    )


def _checked_settings(
    settings: dict[str, tuple[str, int]], session: str, session_keys: frozenset[str], path: Path, problems: Problems
) -> tuple[str, str]:
    """The slide's layout, and the session in effect (the previous slide's unless it names one)."""
    layout = "default"
    for key, (value, line) in settings.items():
        if key not in SETTINGS:
            problems.add(path, line, f"unknown slide setting '{key}'", f"a slide can start with: {', '.join(SETTINGS)}")
        elif key == "layout" and value not in LAYOUTS:
            problems.add(path, line, f"unknown slide layout '{value}'", f"use one of: {', '.join(LAYOUTS)}")
        elif key == "layout":
            layout = value
        elif key == "timer":
            continue  # read by slide_timer
        elif value not in session_keys:
            problems.add(
                path,
                line,
                f"session '{value}' does not exist in this gathering",
                "use a session's file name or page name, as in gathering.yaml",
            )
        else:
            session = value
    return layout, session
