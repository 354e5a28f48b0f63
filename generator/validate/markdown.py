"""Markdown → HTML with markdown-it-py, plus Samling's directives.

Directives are containers:

    ::: notes            facilitator-only notes, kept apart from the body
    ::: model NAME       a model figure, filled in at render time
    ::: worksheet NAME   a worksheet preview, filled in at render time
    ::: lang nn          a passage in another language than the page
    ::: columns / ::: column   side-by-side columns (slides)

Embeds render as `<!--samling:KIND:NAME-->` placeholders, and local links and
images as `samling-root:/PATH` (PATH relative to the content folder), so the HTML
of a file depends on its text and folder alone and can be cached; the render
stage turns both into what each page needs.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.table import table as _table
from markdown_it.token import Token

from generator.core.model import Embed, Text
from generator.core.plain import plain_text
from generator.validate.containers import MARKS, MAX_LINES, MAX_MARKS, use_containers

if TYPE_CHECKING:
    from generator.validate.fast_markdown import FastMarkdown

EMBED_KINDS = ("model", "worksheet")
LAYOUT_CONTAINERS = ("columns", "column")
_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
PLACEHOLDER = re.compile(r"<!--samling:(model|worksheet):([a-z0-9-]+)-->")
ROOT_PREFIX = "samling-root:/"
_SAFE_SCHEMES = re.compile(r"^(?:https?:|mailto:|tel:|#|/|\.|[^:]*$)", re.IGNORECASE)


class SamlingMarkdown(MarkdownIt):
    """The parser, and how a text becomes a Text: a subclass may remember texts (generator/incremental/texts.py)."""

    fast: FastMarkdown | None = None  # the Rust engine, for the texts it renders as this one does

    def text(self, text: str, first_line: int, base: str) -> Text:
        return _render(self, text, first_line, base)


def make_markdown(raw_html: bool = False, kind: type[SamlingMarkdown] = SamlingMarkdown) -> SamlingMarkdown:
    """A configured parser; build one per build (it holds no site state)."""
    md = kind("commonmark", {"html": raw_html, "linkify": False, "typographer": False})
    md.enable("table")
    md.block.ruler.at("table", _bounded_table, {"alt": ["paragraph", "reference"]})
    md.add_render_rule("samling_too_big", lambda *args: "")
    md.enable("strikethrough")
    use_containers(md, ("notes", "lang", *EMBED_KINDS, *LAYOUT_CONTAINERS), _render_container)
    if not raw_html:
        # markdown-it already drops javascript:, vbscript: and file:; also drop data:.
        md.validateLink = lambda url: bool(_SAFE_SCHEMES.match(url.strip()))  # type: ignore[method-assign]
    from generator.validate.fast_markdown import fast_engine  # it builds on this module

    md.fast = fast_engine(md)
    return md


# A table costs markdown-it some tokens per cell (a 3.8 MB table: 39 s and 2.5 GB), so tables are
# bounded: a wider one, or more cells in one text, is left out and reported (see validate/links.py).
MAX_TABLE_COLUMNS = 64
MAX_TABLE_CELLS = 20_000
TOO_BIG = "too-big"  # the Embed kind of a table left out
_CELLS = "samling_table_cells"


def _bounded_table(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if silent or not _table(state, start, end, True):
        return silent and _table(state, start, end, True)
    header = state.src[state.bMarks[start] + state.tShift[start] : state.eMarks[start]]
    columns = header.strip().strip("|").count("|") + 1
    last = start
    while last < end and not state.isEmpty(last) and state.sCount[last] >= state.blkIndent:
        last += 1
    state.env[_CELLS] = state.env.get(_CELLS, 0) + columns * max(last - start - 2, 1)
    if columns <= MAX_TABLE_COLUMNS and state.env[_CELLS] <= MAX_TABLE_CELLS:
        return _table(state, start, end, False)
    token = state.push("samling_too_big", "", 0)
    token.map, token.meta = [start, last], {"columns": columns, "rows": last - start - 2}
    state.line = last
    return True


def _render_container(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    kind = token.type.removeprefix("container_").removesuffix("_open").removesuffix("_close")
    return container_html(kind, token.info, token.nesting == 1)


def container_html(kind: str, info: str, opening: bool) -> str:
    """A container's opening or closing line as HTML (`info`: the words after the colons)."""
    words = info.strip().split()
    arg = words[1] if len(words) > 1 else ""
    if kind in EMBED_KINDS:
        return f"<!--samling:{kind}:{arg}-->\n" if opening and _NAME.fullmatch(arg) else ""
    if not opening:
        return "</div>\n"
    if kind == "lang":
        return f'<div lang="{arg}">\n' if arg.isalpha() else "<div>\n"
    return f'<div class="{kind}">\n'


def content_target(base: str, url: str) -> str | None:
    """A relative URL in a file under `base` → its path in the content folder.

    None for anything that is not a local file (web addresses, anchors). A path
    that climbs out of the content folder comes back starting with "../".
    """
    if not url or url.startswith(("#", "/", "?")) or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url):
        return None
    path = url.split("#", 1)[0].split("?", 1)[0]
    return posixpath.normpath(posixpath.join(base, path)) if path else None


def is_attachment(target: str) -> bool:
    """content/files/… or GATHERING/files/…: the folders whose files are published as they are."""
    parts = target.split("/")
    return (len(parts) > 1 and parts[0] == "files") or (len(parts) > 2 and parts[1] == "files")


def page_of(target: str) -> str:
    """The output file for a content file: sessions/x.md → sessions/x.html, gathering.yaml → index.html.

    An attachment (in content/files/ or GATHERING/files/) is published as it is, whatever its ending.
    """
    if is_attachment(target):
        return target
    if target.endswith("/gathering.yaml") or target == "gathering.yaml":
        return target.removesuffix("gathering.yaml") + "index.html"
    for suffix in (".md", ".yaml", ".yml"):
        if target.endswith(suffix):
            return target.removesuffix(suffix) + ".html"
    return target


def _local_links(tokens: Sequence[Token], base: str, first_line: int) -> list[Embed]:
    found = []
    line = first_line
    for token in tokens:
        if token.map:
            line = first_line + token.map[0]
        for child in [token, *(token.children or ())]:
            attr = "href" if child.type == "link_open" else "src" if child.type == "image" else ""
            url = str(child.attrGet(attr) or "") if attr else ""
            target = content_target(base, url) if attr else None
            if target is None:
                continue
            found.append(Embed("image" if attr == "src" else "link", target, line))
            if not target.startswith("../"):
                fragment = url[len(url.split("#", 1)[0]) :]
                child.attrSet(attr, ROOT_PREFIX + page_of(target) + fragment)
    return found


def render_markdown(md: MarkdownIt, text: str, first_line: int = 1, base: str = "") -> Text:
    """Render Markdown; notes go apart, embeds and local links are listed with their lines.

    `base` is the folder of the file the text comes from, relative to the content
    folder, so that relative links and images resolve as they do in an editor.
    """
    if isinstance(md, SamlingMarkdown):
        return md.text(text, first_line, base)
    return _render(md, text, first_line, base)


def _render(md: MarkdownIt, text: str, first_line: int, base: str) -> Text:
    if (lines := text.count("\n") + 1) > MAX_LINES:
        return Text(links=(Embed(TOO_BIG, f"{lines:,} lines of Markdown", first_line),))
    if (marks := sum(text.count(mark) for mark in MARKS)) > MAX_MARKS:
        return Text(links=(Embed(TOO_BIG, f"{marks:,} marks of emphasis, links and code ({MARKS})", first_line),))
    if (fast := getattr(md, "fast", None)) and (text_fast := fast.text(text, first_line, base)) is not None:
        return text_fast
    tokens = md.parse(text)
    links = _local_links(tokens, base, first_line)
    for token in tokens:
        if token.type == "samling_too_big" and token.map:
            size = f"a table of {token.meta['columns']} columns and {token.meta['rows']} rows"
            links.append(Embed(TOO_BIG, size, first_line + token.map[0]))
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
        if not title and not depth and token.type == "heading_open" and i + 1 < len(tokens):
            title = tokens[i + 1].content
    env: dict[str, Any] = {}
    html = md.renderer.render(body, md.options, env) if body else ""
    return Text(
        html=html,
        notes_html=md.renderer.render(notes, md.options, env) if notes else "",
        embeds=tuple(embeds),
        title=title,
        links=tuple(links),
        plain=plain_text(html),
    )
