"""The visible text of an HTML fragment, for the search index and the pack's titles.

Made once per Markdown text where it is rendered (`Text.plain`, `Slide.plain`), so a save in the
live preview parses only the text that changed, not every page of its gathering again.
"""

from __future__ import annotations

from html.parser import HTMLParser

INLINE_TAGS = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "s", "samp"}
    | {"small", "span", "strong", "sub", "sup", "time", "u", "var"}
)
_SKIP = frozenset({"script", "style", "template", "svg"})


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


def plain_text(html: str) -> str:
    """The visible text of an HTML fragment; comments (embed placeholders) and scripts drop out."""
    if not html:
        return ""
    parser = _Plain()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())
