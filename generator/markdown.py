"""Markdown → HTML with markdown-it-py, plus Samling's directives.

Directives are containers:

    ::: notes            facilitator-only notes, kept apart from the body
    ::: model NAME       a model figure, filled in at render time
    ::: worksheet NAME   a worksheet preview, filled in at render time
    ::: lang nn          a passage in another language than the page
    ::: columns / ::: column   side-by-side columns (slides)

Embeds render as `<!--samling:KIND:NAME-->` placeholders, so the HTML of a
file depends on its text alone and can be cached by content hash.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

from generator.model import Embed, Text

EMBED_KINDS = ("model", "worksheet")
LAYOUT_CONTAINERS = ("columns", "column")
_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
PLACEHOLDER = re.compile(r"<!--samling:(model|worksheet):([a-z0-9-]+)-->")
_SAFE_SCHEMES = re.compile(r"^(?:https?:|mailto:|tel:|#|/|\.|[^:]*$)", re.IGNORECASE)


def make_markdown(raw_html: bool = False) -> MarkdownIt:
    """A configured parser; build one per build (it holds no site state)."""
    md = MarkdownIt("commonmark", {"html": raw_html, "linkify": False, "typographer": False})
    md.enable("table")
    md.enable("strikethrough")
    for name in ("notes", "lang", *EMBED_KINDS, *LAYOUT_CONTAINERS):
        md.use(container_plugin, name, render=_render_container, validate=_starts_with(name))
    if not raw_html:
        # markdown-it already drops javascript:, vbscript: and file:; also drop data:.
        md.validateLink = lambda url: bool(_SAFE_SCHEMES.match(url.strip()))  # type: ignore[method-assign]
    return md


def _starts_with(name: str) -> Any:
    def validate(params: str, *args: Any) -> bool:
        words = params.strip().split()
        return bool(words) and words[0] == name

    return validate


def _render_container(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    words = token.info.strip().split()
    kind = token.type.removeprefix("container_").removesuffix("_open").removesuffix("_close")
    arg = words[1] if len(words) > 1 else ""
    if kind in EMBED_KINDS:
        return f"<!--samling:{kind}:{arg}-->\n" if token.nesting == 1 and _NAME.fullmatch(arg) else ""
    if token.nesting == -1:
        return "</div>\n"
    if kind == "lang":
        return f'<div lang="{arg}">\n' if arg.isalpha() else "<div>\n"
    return f'<div class="{kind}">\n'


def render_markdown(md: MarkdownIt, text: str, first_line: int = 1) -> Text:
    """Render Markdown; notes go apart and embeds are listed with their lines."""
    tokens = md.parse(text)
    body: list[Token] = []
    notes: list[Token] = []
    embeds: list[Embed] = []
    title = ""
    depth = 0
    for i, token in enumerate(tokens):
        if token.type == "container_notes_open":
            depth += 1
            continue
        if token.type == "container_notes_close":
            depth -= 1
            continue
        (notes if depth else body).append(token)
        if token.type.startswith("container_") and token.nesting == 1:
            words = token.info.strip().split()
            kind = words[0] if words else ""
            if kind in EMBED_KINDS:
                line = first_line + (token.map[0] if token.map else 0)
                embeds.append(Embed(kind, words[1] if len(words) > 1 else "", line))
        if not title and token.type == "heading_open" and i + 1 < len(tokens):
            title = tokens[i + 1].content
    env: dict[str, Any] = {}
    return Text(
        html=md.renderer.render(body, md.options, env) if body else "",
        notes_html=md.renderer.render(notes, md.options, env) if notes else "",
        embeds=tuple(embeds),
        title=title,
    )
