"""Rendered Markdown remembered by content hash, from outside the parser.

Validation renders each text through the parser it is given (generator/validate/markdown.py); a
Builder gives it a `RememberingMarkdown`, which looks in a `TextCache` first. The text of a file
depends on its words, its first line, its folder and whether raw HTML is allowed, and on nothing else.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from generator.core.model import Text
from generator.incremental.reads import Watched, Watcher
from generator.validate.markdown import SamlingMarkdown, make_markdown


@dataclass
class TextCache:
    """Rendered Markdown by content hash (text, first line, folder, raw_html); owned by a Builder."""

    entries: dict[str, Text] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)  # keys hit or made in this build
    watcher: Watcher | None = None  # a live Builder's: its texts say when a page reads them (reads.py)

    def prune(self) -> None:
        self.entries = {k: v for k, v in self.entries.items() if k in self.used}
        self.used = set()

    @contextlib.contextmanager
    def collecting(self) -> Iterator[set[str]]:
        """The keys used inside the block, so that whoever reuses what it made can mark them used again."""
        before, self.used, mine = self.used, set(), set()
        try:
            yield mine
        finally:
            mine |= self.used  # a block inside this one leaves its keys in `used`, in a set of its own
            before |= mine  # in place: a copy of the build's keys for each deck and worksheet was quadratic
            self.used = before


class RememberingMarkdown(SamlingMarkdown):
    texts: TextCache

    def text(self, text: str, first_line: int, base: str) -> Text:
        key = hashlib.blake2b(
            f"{self.options['html']}\0{first_line}\0{base}\0{text}".encode(), digest_size=16
        ).hexdigest()
        texts = self.texts
        texts.used.add(key)
        found = texts.entries.get(key)
        if found is None:
            found = texts.entries[key] = super().text(text, first_line, base)
        if texts.watcher is not None and type(found) is not Watched:  # made here, read from disk or by a child
            found = texts.entries[key] = Watched.of(found, key, texts.watcher)
        return found


def remembering(texts: TextCache) -> Callable[[bool], SamlingMarkdown]:
    """A parser factory for validation whose parsers look in `texts` first."""

    def make(raw_html: bool) -> SamlingMarkdown:
        md = make_markdown(raw_html, RememberingMarkdown)
        assert isinstance(md, RememberingMarkdown)
        md.texts = texts
        return md

    return make
