"""Markdown through markdown-it-pyrs, markdown-it's Rust port, wherever it gives the very Text that
markdown-it-py gives (markdown.py), and None — the slow way — wherever that is not certain.

The Rust engine takes no plugins, so Samling's parts are done around it:
- containers are cut off at block level by fast_source.pieces, only where a `:::` line can mean
  nothing else; their insides are rendered apart, so a text cut in pieces must have no reference
  definitions (`]:`), which reach across pieces in markdown-it-py;
- local links and images are rewritten in its HTML, in document order, their lines taken from its
  tree: the first line of the paragraph, heading or table row they are in, as markdown-it-py's
  token maps give them;
- the title is the first heading's source as markdown-it-py reads it from that heading's lines
  alone (so only a heading at the top level, whose lines mean the same without the rest).
Slow go the texts fast_source.doubtful names, links markdown-it-py refuses or whose host it would
recode (punycode, IPv6), nesting near markdown-it-py's limit, a fence left open at the end of a text
without a last newline, tables that may be too big or whose header has no `|`. Two differences in
writing are mended here: an empty quote, a code block right after a tight list item's text.
tests/test_fast_markdown.py compares both engines on generated Markdown, field by field.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

from generator.core.accelerators import accelerator
from generator.core.model import Embed, Text
from generator.core.plain import plain_text
from generator.validate.fast_source import Piece, doubtful, pieces
from generator.validate.markdown import (
    _SAFE_SCHEMES,
    EMBED_KINDS,
    MAX_TABLE_CELLS,
    MAX_TABLE_COLUMNS,
    ROOT_PREFIX,
    container_html,
    content_target,
    page_of,
)

VERSION = "0.4.0"  # the version the tests compare (pyproject.toml pins it)
# markdown-it-pyrs's rules for commonmark with tables and strikethrough, without raw HTML.
_RULES = ["blockquote", "code", "fence", "heading", "hr", "lheading", "list", "paragraph", "reference"]
_RULES += ["autolink", "backticks", "emphasis", "entity", "escape", "image", "link", "newline"]
_RULES += ["table", "strikethrough"]
_BLOCK = frozenset({"paragraph", "heading", "lheading", "blockquote", "bullet_list", "ordered_list", "list_item"})
_BLOCK |= {"code_block", "fence", "hr", "definition", "table", "thead", "tbody", "trow", "tcell"}
_INLINE = frozenset({"text", "text_special", "softbreak", "hardbreak", "em", "strong", "strikethrough"})
_INLINE |= {"code_inline", "link", "image", "autolink"}
_LEAVES = frozenset({"image", "text", "text_special", "softbreak", "hardbreak", "code_inline"})
_URL = re.compile(r'<(?:a href|img src)="([^"]*)"')
_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)[ \t]*")
_HEADING = re.compile(r"<h[1-6]>")
_NESTING = re.compile(r"<(/?)(?:blockquote|ol|ul|li)[ >]")
_OPEN_FENCE_END = re.compile(r"\n</code></pre>\n(?:</(?:li|blockquote|ul|ol)>\n?)*\Z")
_HOSTED = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*:)?//([^/?#]*)")
_BLOCK_ENDS = ("</p>", "</ul>", "</ol>", "</blockquote>", "</pre>", "<hr />", "</table>", "<li>", "<blockquote>")
_BLOCK_ENDS += tuple(f"</h{n}>" for n in range(1, 7))
_MARGIN = 4  # levels kept below markdown-it-py's maxNesting: a paragraph and its inline content


@dataclass
class _Part:
    """One piece rendered: its HTML and what markdown-it-py's tokens would say about it, at 0-based lines."""

    html: str
    links: list[Embed] = field(default_factory=list)
    headings: list[tuple[int, int, bool, bool]] = field(default_factory=list)  # first, last line, at the top, setext
    tables: list[int] = field(default_factory=list)  # the line each table starts on


class FastMarkdown:
    """markdown-it-pyrs set up like `md` (generator/validate/markdown.py make_markdown), for one build."""

    def __init__(self, engine: Any, md: MarkdownIt) -> None:
        self.engine = engine
        self.md = md
        self.names: frozenset[str] = getattr(md, "container_names", frozenset())
        self.levels = int(md.options.get("maxNesting", 20)) - _MARGIN

    def text(self, text: str, first_line: int, base: str) -> Text | None:
        """The Text markdown-it-py would make of `text` (after markdown.py's size checks), or None."""
        lines = text.split("\n")
        if doubtful(text, lines, bool(self.md.options["html"]), self.levels):
            return None
        if ":::" in text:
            cut = pieces(lines, self.names)
            if cut is None or (len(cut) > 1 and "]:" in text):
                return None
        else:
            cut = [Piece(0, len(lines), False, 0)]
        starts = [0]
        for line in lines:
            starts.append(starts[-1] + len(line) + 1)
        body: list[str] = []
        notes: list[str] = []
        embeds: list[Embed] = []
        links: list[Embed] = []
        title: str | None = None
        cells = 0
        for piece in cut:
            out = notes if piece.notes else body
            if piece.kind:
                if piece.kind != "notes":
                    out.append(container_html(piece.kind, piece.info, piece.opening))
                if piece.opening and piece.kind in EMBED_KINDS:
                    words = piece.info.strip().split()
                    embeds.append(Embed(piece.kind, words[1] if len(words) > 1 else "", first_line + piece.line))
                continue
            source = text[starts[piece.line] : starts[piece.end]]
            if source is text and not text.isascii():  # PyO3 leaves its UTF-8 in a non-ASCII str for the str's
                source = text[:1] + text[1:]  # life: the model's text would keep it (50 MB at 10,000): a copy
            part = self._part(source, piece.line, piece.depth, base, want_title=title is None and not piece.notes)
            if part is None:
                return None
            out.append(part.html)
            links += [Embed(e.kind, e.name, first_line + e.line) for e in part.links]
            for line in part.tables:
                columns = lines[line].count("|") + 1  # at least as many as markdown-it-py counts
                if columns == 1:
                    return None  # markdown-it-py wants a `|` in the header row
                last = next((n for n in range(line, len(lines)) if not lines[n].strip(" \t")), len(lines))
                cells += columns * max(last - line - 2, 1)
                if columns > MAX_TABLE_COLUMNS or cells > MAX_TABLE_CELLS:
                    return None
            for top, bottom, at_top, setext in part.headings if title is None and not piece.notes else ():
                found = _heading(lines[top : bottom + 1], setext) if at_top else None
                if found is None:
                    return None
                if found:
                    title = found
                    break
        html = "".join(body)
        return Text(html, "".join(notes), tuple(embeds), title or "", tuple(links), plain_text(html))

    def _part(self, source: str, offset: int, depth: int, base: str, want_title: bool) -> _Part | None:
        try:
            html = self.engine.render(source)
        except UnicodeError:  # a lone surrogate cannot go to Rust
            return None
        except BaseException as e:  # a Rust panic (pyo3's PanicException is no Exception)
            if type(e).__name__ != "PanicException":
                raise
            return None
        html = html.replace("<blockquote>\n</blockquote>", "<blockquote></blockquote>")  # as markdown-it-py writes it
        if "<li" in html and "\n<pre>" in html:
            html = _tight_code(html)
        if not source.endswith("\n") and _OPEN_FENCE_END.search(html) and _ends_in_code(source, html):
            return None  # markdown-it-py's fence left open at the very end keeps no last newline
        deepest = depth + html.count("<blockquote") + 2 * (html.count("<ul") + html.count("<ol"))  # a list: 2 levels
        if deepest > self.levels and depth + _html_depth(html) > self.levels:
            return None
        urls = [_unescape(m.group(1)) for m in _URL.finditer(html)]
        if not all(_plain_url(url) for url in urls) or ("<" in source and any("%" in url for url in urls)):
            return None  # markdown-it-py also decodes an autolink's text
        targets = [content_target(base, url) for url in urls]
        part = _Part(html)
        wanted = want_title and _HEADING.search(html)
        if not (wanted or "<table" in html or "]:" in source or any(t is not None for t in targets)):
            return part
        seen = _Seen()
        if not seen.walk(self.engine.tree(source), None, True) or len(seen.links) != len(urls):
            return None
        if not all(_plain_url(url) for url in seen.definitions):
            return None  # markdown-it-py would not take the definition
        data = source.encode()
        newlines = [m.start() for m in re.finditer(b"\n", data)]

        def line(byte: int) -> int:
            return offset + bisect_left(newlines, byte)

        part.headings = [(line(a), line(max(a, b - 1)), top, setext) for a, b, top, setext in seen.headings]
        part.tables = [line(a) for a in seen.tables]
        for _url, target, (kind, byte) in zip(urls, targets, seen.links, strict=True):
            if target is not None:
                part.links.append(Embed(kind, target, line(byte)))
        part.html = _rewrite(html, urls, targets)
        return part


@dataclass
class _Seen:
    """What a walk of the engine's tree found, in document order, at byte offsets of its source."""

    links: list[tuple[str, int]] = field(default_factory=list)  # "link"/"image", the start of its paragraph
    headings: list[tuple[int, int, bool, bool]] = field(default_factory=list)
    tables: list[int] = field(default_factory=list)
    definitions: list[str] = field(default_factory=list)  # the URLs of reference definitions

    def walk(self, node: Any, run: int | None, top: bool) -> bool:
        """False for a node this module does not know. `run`: the start of the inline content a node is in
        (in a tight list the paragraph is gone from the tree: its first inline node starts it)."""
        here = run
        for child in node.children:
            name = child.name
            if name in _BLOCK and run is None:
                here = None
                if name in ("heading", "lheading", "table") and child.srcmap is None:
                    return False
                if name in ("heading", "lheading"):
                    self.headings.append((*child.srcmap, top, name == "lheading"))
                elif name == "table":
                    self.tables.append(child.srcmap[0])
                elif name == "definition":
                    self.definitions.append(str(child.meta.get("destination", "")))
                if not self.walk(child, None, False):
                    return False
            elif name in _INLINE:
                if here is None:
                    if (srcmap := child.srcmap) is None:
                        return False
                    here = srcmap[0]
                if name in ("link", "autolink", "image"):
                    self.links.append(("image" if name == "image" else "link", here))
                # An image's description is its alt text: markdown-it-py's links there are not listed.
                if name not in _LEAVES and not self.walk(child, here, top):
                    return False
            else:
                return False
        return True


def fast_engine(md: MarkdownIt) -> FastMarkdown | None:
    """The fast engine for `md`, or None when markdown-it-pyrs is missing or switched off."""
    module = accelerator("markdown_it_pyrs")
    if module is None or getattr(module, "__version__", "") != VERSION:
        return None  # another version may read otherwise, or panic elsewhere: not vouched for
    return FastMarkdown(module.MarkdownIt("zero").enable_many(_RULES), md)


def _ends_in_code(source: str, html: str) -> bool:
    """Whether the HTML's last code block may end with the source's last line (a fence left open)."""
    last = source.rsplit("\n", 1)[-1].lstrip(" \t>")
    return not last or html[: html.rindex("\n</code></pre>")].endswith(escapeHtml(last))


def _tight_code(html: str) -> str:
    """markdown-it-py writes a code block right after a tight list item's text, with no newline between."""
    parts = html.split("\n<pre>")
    out = [parts[0]]
    for part in parts[1:]:
        out.append("\n<pre>" if out[-1].endswith(_BLOCK_ENDS) else "<pre>")
        out.append(part)
    return "".join(out)


def _html_depth(html: str) -> int:
    depth = deepest = 0
    for m in _NESTING.finditer(html):
        depth += -1 if m.group(1) else 1
        deepest = max(deepest, depth)
    return deepest


def _heading(lines: list[str], setext: bool) -> str | None:
    """A top-level heading's inline source as markdown-it-py's heading rules cut it ('' for an empty one)."""
    if setext:
        return "\n".join(lines[:-1]).strip() if _UNDERLINE.fullmatch(lines[-1]) else None
    rest = lines[0].lstrip(" \t")
    level = len(rest) - len(rest.lstrip("#"))
    if len(lines) != 1 or not 1 <= level <= 6 or rest[level : level + 1] not in ("", " ", "\t"):
        return None
    body = rest[level:]
    end = len(body.rstrip(" \t"))
    closing = len(body[:end].rstrip("#"))  # a closing run of #s, after a space
    return body[: closing if closing and body[closing - 1] in " \t" else end].strip()


def _unescape(value: str) -> str:
    return value.replace("&quot;", '"').replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&")


def _plain_url(url: str) -> bool:
    """A link markdown-it-py allows (`_SAFE_SCHEMES`) with no host it would recode (punycode, IPv6).
    The Rust engine's URL is %-encoded already, so any `%` in a host may hide one."""
    if not _SAFE_SCHEMES.match(url.strip()):
        return False
    m = _HOSTED.match(url)
    host = m.group(1) if m else url if url[:7].lower() == "mailto:" else ""
    return "%" not in host and "[" not in host and "xn--" not in host.lower()


def _rewrite(html: str, urls: list[str], targets: list[str | None]) -> str:
    """Local links and images pointed at `samling-root:/PAGE`, as markdown.py's _local_links does."""
    found = iter(zip(urls, targets, strict=True))

    def one(m: re.Match[str]) -> str:
        url, target = next(found)
        if target is None or target.startswith("../"):
            return m.group(0)
        fragment = url[len(url.split("#", 1)[0]) :]
        return m.group(0)[: m.start(1) - m.start(0)] + escapeHtml(ROOT_PREFIX + page_of(target) + fragment) + '"'

    return _URL.sub(one, html)
