"""The visible text of an HTML fragment, for the search index and the pack's titles.

Made once per Markdown text where it is rendered (`Text.plain`, `Slide.plain`), so a save in the
live preview parses only the text that changed, not every page of its gathering again.

Two paths with the same output: html.parser, the reference, for anything; and a regex split for
the well-formed HTML the Markdown renderer writes, several times faster. The split takes a
fragment only if every `<` in it starts a tag or comment of a strict form on which every Python's
HTMLParser agrees (ASCII names and spaces, quoted values without `<` or `>`) and every tag is
a known ordinary element; scripts, styles, SVG, textareas, declarations, odd comments and stray
`<` go to the reference. Text between tags is unescaped piece by piece, as HTMLParser does.
tests/test_plain.py compares the two on generated Markdown and hostile HTML.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

INLINE_TAGS = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "s", "samp"}
    | {"small", "span", "strong", "sub", "sup", "time", "u", "var"}
)
_SKIP = frozenset({"script", "style", "template", "svg"})
# Elements parsed alike by every HTMLParser (no raw-text, RCDATA or foreign content): the split's.
_BLOCK = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre"}
    | {"hr", "br", "img", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "figure", "figcaption"}
    | {"section", "article", "aside", "header", "footer", "nav", "main", "details", "summary", "del", "ins"}
)
# What each tag adds to the text (groups: an end tag's name, a start tag's name; None for a comment).
_ADDS = {None: "", **{n: "" for n in INLINE_TAGS}, **{n: " " for n in _BLOCK}}
_WS = r"[ \t\n\r\f]"
_ATTR = rf"{_WS}+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:=(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s\"'=<>`/]+))?"
_PIECE = re.compile(rf"<(?:/([a-z][a-z0-9]*)|([a-z][a-z0-9]*)(?:{_ATTR})*{_WS}*/?|!--(?:[^<>!-]|-(?!-))*--)>")


class _Plain(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag not in INLINE_TAGS:
            self.parts.append(" ")  # a block or a break ends a word

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag not in INLINE_TAGS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def _plain_reference(html: str) -> str:
    """html.parser's reading: any HTML at all."""
    parser = _Plain()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


def plain_text(html: str) -> str:
    """The visible text of an HTML fragment; comments (embed placeholders) and scripts drop out."""
    if not html:
        return ""
    pieces = _PIECE.split(html)  # text, end tag's name, start tag's name, text, …
    names = {*pieces[1::3], *pieces[2::3]}
    if len(pieces) // 3 != html.count("<") or not names <= _ADDS.keys():
        return _plain_reference(html)
    pieces[0::3] = map(unescape, pieces[0::3])
    pieces[1::3] = map(_ADDS.__getitem__, pieces[1::3])
    pieces[2::3] = map(_ADDS.__getitem__, pieces[2::3])
    return " ".join("".join(pieces).split())
