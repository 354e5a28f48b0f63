"""worksheets/NAME.yaml → Worksheet: a title, header fields and a list of blocks (see docs/worksheets.md)."""

from __future__ import annotations

import difflib
from typing import Any

from markdown_it import MarkdownIt

from generator.core.errors import Problems
from generator.core.model import Model, Source, Worksheet
from generator.domain import answers
from generator.load.documents import Document
from generator.load.yamlfile import YamlList, YamlMap
from generator.validate import schema as s
from generator.validate.decks import folder_of, unknown_sessions
from generator.validate.markdown import render_markdown
from generator.validate.worksheet_blocks import BLOCKS, Context

HEADER_FIELDS = ("name", "organisation", "group", "date")
WORKSHEET = {
    "title": s.Field(s.non_empty_text, required=True, doc="the worksheet's title"),
    "intro": s.Field(s.text, default="", doc="Markdown shown above the blocks"),
    "orientation": s.Field(s.one_of("portrait", "landscape"), default="portrait", doc="portrait or landscape"),
    "header": s.Field(s.text_list, default=("name", "organisation", "date"), doc=", ".join(HEADER_FIELDS)),
    "sessions": s.Field(s.text_list, default=(), doc="the sessions it is used in"),
    "blocks": s.Field(s.listing, required=True, doc="the questions, scales, matrices …"),
}


def worksheet(
    doc: Document,
    session_keys: frozenset[str],
    md: MarkdownIt,
    problems: Problems,
    *,
    lang: str = "nb",
    models: tuple[Model, ...] = (),
) -> Worksheet | None:
    path = doc.path
    cx = Context(doc, md, problems, lang, models)
    values = s.check(doc.data, WORKSHEET, path, problems, "the worksheet")
    if values is None:
        return None
    for name in values["header"]:
        if name not in HEADER_FIELDS:
            problems.add(
                path,
                doc.line_of("header"),
                f"unknown header field '{name}'",
                f"use some of: {', '.join(HEADER_FIELDS)}",
            )
    unknown_sessions(values["sessions"], doc, session_keys, problems)
    blocks = []
    raw_blocks: YamlList = values["blocks"] or YamlList()
    for i, raw in enumerate(raw_blocks):
        line = raw_blocks.line_of(i)
        kind = raw.get("type") if isinstance(raw, YamlMap) else None
        reader = BLOCKS.get(kind) if isinstance(kind, str) else None
        if reader is None:
            close = difflib.get_close_matches(kind, list(BLOCKS), n=1) if isinstance(kind, str) else []
            hint = f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(BLOCKS)}"
            problems.add(path, line, f"block {i + 1} has no known `type:` ({kind!r})", hint)
            continue
        block = reader(raw, f"{path.stem}-{i + 1}", cx)
        if block is not None:
            blocks.append(block)
    blocks = _with_answer_ids(blocks, raw_blocks, cx)
    intro = render_markdown(md, values["intro"], doc.line_of("intro") + 1, folder_of(path))
    return Worksheet(
        key=path.stem,
        title=values["title"],
        blocks=tuple(blocks),
        intro=intro,
        orientation=values["orientation"],
        header_fields=tuple(h for h in values["header"] if h in HEADER_FIELDS),
        sessions=values["sessions"],
        source=Source(path, 1),
        fingerprint=answers.fingerprint(answers.items(Worksheet("", "", tuple(blocks)))),
    )


def _with_answer_ids(blocks: list[Any], raw_blocks: YamlList, cx: Context) -> list[Any]:
    """Give out the answer ids; two blocks may not be given the same `id:`."""
    seen: dict[str, int] = {}
    for i, raw in enumerate(raw_blocks):
        written = raw.get("id") if isinstance(raw, YamlMap) else None
        if not isinstance(written, str):
            continue
        if written in seen:
            cx.problems.add(
                cx.doc.path,
                raw.line_of("id"),
                f"block {i + 1} has the id '{written}' of block {seen[written]}",
                "give every block its own `id:`",
            )
        seen.setdefault(written, i + 1)
    return list(answers.assign_ids(blocks))
