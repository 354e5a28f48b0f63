"""worksheets/NAME.yaml → Worksheet: a title, header fields and a list of blocks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markdown_it import MarkdownIt

from generator import schema as s
from generator.errors import Problems
from generator.load.documents import Document
from generator.load.yamlfile import YamlMap
from generator.markdown import render_markdown
from generator.model import Note, Question, Source, Worksheet
from generator.validate.decks import folder_of

HEADER_FIELDS = ("name", "organisation", "group", "date")
WORKSHEET = {
    "title": s.Field(s.non_empty_text, required=True, doc="the worksheet's title"),
    "intro": s.Field(s.text, default="", doc="Markdown shown above the blocks"),
    "orientation": s.Field(s.one_of("portrait", "landscape"), default="portrait", doc="portrait or landscape"),
    "header": s.Field(s.text_list, default=("name", "organisation", "date"), doc=", ".join(HEADER_FIELDS)),
    "sessions": s.Field(s.text_list, default=(), doc="the sessions it is used in"),
    "blocks": s.Field(s.listing, required=True, doc="the questions, scales, matrices …"),
}
QUESTION = {
    "type": s.Field(s.text),
    "text": s.Field(s.non_empty_text, required=True, doc="the question"),
    "lines": s.Field(lambda v: _count(v, 1, 40), default=4, doc="ruled lines to write on"),
    "box": s.Field(lambda v: _count(v, 10, 250), default=0, doc="height of a box in mm, instead of lines"),
}
TEXT = {
    "type": s.Field(s.text),
    "text": s.Field(s.non_empty_text, required=True, doc="Markdown"),
}


def _count(value: Any, low: int, high: int) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return value
    raise s.Invalid(f"should be a whole number from {low} to {high}", f"write e.g. {low}")


BlockReader = Callable[[YamlMap, str, Document, MarkdownIt, Problems], Any]


def _question(raw: YamlMap, key: str, doc: Document, md: MarkdownIt, problems: Problems) -> Any:
    v = s.check(raw, QUESTION, doc.path, problems, "a question block")
    return Question(key, v["text"], v["lines"], v["box"]) if v else None


def _text(raw: YamlMap, key: str, doc: Document, md: MarkdownIt, problems: Problems) -> Any:
    v = s.check(raw, TEXT, doc.path, problems, "a text block")
    return Note(key, render_markdown(md, v["text"], raw.line_of("text") + 1, folder_of(doc.path))) if v else None


BLOCKS: dict[str, BlockReader] = {"question": _question, "text": _text}


def worksheet(doc: Document, session_keys: frozenset[str], md: MarkdownIt, problems: Problems) -> Worksheet | None:
    path = doc.path
    values = s.check(doc.data, WORKSHEET, path, problems, "the worksheet")
    if values is None:
        return None
    for name in values["header"]:
        if name not in HEADER_FIELDS:
            problems.add(
                path,
                doc.data.line_of("header"),
                f"unknown header field '{name}'",
                f"use some of: {', '.join(HEADER_FIELDS)}",
            )
    for name in values["sessions"]:
        if name not in session_keys:
            problems.add(
                path,
                doc.data.line_of("sessions"),
                f"session '{name}' does not exist in this gathering",
                "use a session's file name or page name",
            )
    blocks = []
    raw_blocks = values["blocks"] or []
    for i, raw in enumerate(raw_blocks):
        line = raw_blocks.line_of(i)
        kind = raw.get("type") if isinstance(raw, YamlMap) else None
        reader = BLOCKS.get(kind) if isinstance(kind, str) else None
        if reader is None:
            problems.add(
                path, line, f"block {i + 1} has no known `type:` ({kind!r})", f"use one of: {', '.join(BLOCKS)}"
            )
            continue
        block = reader(raw, f"{path.stem}-{i + 1}", doc, md, problems)
        if block is not None:
            blocks.append(block)
    intro = render_markdown(md, values["intro"], doc.data.line_of("intro") + 1, folder_of(path))
    return Worksheet(
        key=path.stem,
        title=values["title"],
        blocks=tuple(blocks),
        intro=intro,
        orientation=values["orientation"],
        header_fields=tuple(h for h in values["header"] if h in HEADER_FIELDS),
        sessions=values["sessions"],
        source=Source(path, 1),
    )
