"""A deck body's slide breaks read line by line, where that is sure to give what markdown-it-py gives
(containers.outline), and None — the slow way, the block parser — wherever it is not.

A line that is exactly `---` at column 0 is a break at the top level unless something swallows it:
whatever else is open there (a paragraph, a list, a quote, indented code, a fence inside a list or
a quote) either ends at it or makes it a setext underline, which is a break too. What can swallow it
is followed here or declined:
- a fence opened at column 0 (followed: the lines up to its closing line are its); one opened
  further in may be a list item's or a top-level one (declined);
- a container opened at column 0 (followed as fast_source.pieces follows them; every other line with
  `:::` is declined, so the text has no container problems at all);
- a table: `|a|` over `---` is its header and delimiter row, and one too big (markdown.py) takes every
  line up to a blank one: a `---` or `:::` line with a `|` above it, blank lines aside, is declined;
- an HTML block when raw HTML is on: any `<` is declined;
- markdown-it-py's nesting limit, past which it skips the rest of the text: a line whose leading
  indentation and quote and list marks could reach near it is declined.
A `---` line with other whitespace around it, which Python's strip() and markdown-it read apart, is
declined too. tests/test_quick_outline.py holds this to containers.outline on generated bodies.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from generator.validate.containers import _CLOSE, _OPEN, outline
from generator.validate.fast_source import _FENCE, _INDENTED_FENCE, _closes

# What may stand before a block's first character: indentation, quote marks, list markers. Each
# level of nesting takes at least one column of it (a list two: its item and its list's token).
_MARKS = re.compile(r"[ \t>*+\-0-9.)]*")
_MARGIN = 4  # levels kept below markdown-it-py's limit


def quick_outline(
    text: str, names: frozenset[str], raw_html: bool, max_nesting: int
) -> tuple[list[int], list[tuple[int, str, str]]] | None:
    """What containers.outline gives for `text`, or None where a line might mean something else."""
    if "\r" in text or "\0" in text or (raw_html and "<" in text):
        return None  # markdown-it-py rewrites these before it reads the lines
    breaks: list[int] = []
    stack: list[int] = []  # the colons of each open container
    fence: tuple[str, int] | None = None
    pipes = False  # a `|` since the last blank line: a table may be going on
    for n, line in enumerate(text.split("\n")):
        if fence:
            fence = None if _closes(line, *fence) else fence
            continue
        if not line.strip(" \t"):
            pipes = False  # tables end at a blank line, and too big ones too
            continue
        if line[0] in " \t>*+-0123456789.)":
            marks = _MARKS.match(line)
            width = marks.end() + 3 * marks.group().count("\t") if marks else 0
            if width + len(stack) >= max_nesting - _MARGIN:
                return None
        if m := _FENCE.match(line):
            if not (m.group(1)[0] == "`" and "`" in m.group(2)):
                fence = (m.group(1)[0], len(m.group(1)))
                pipes = False  # a fence ends a table: none goes on past it
                continue
        elif _INDENTED_FENCE.match(line):
            return None
        if ":::" in line:
            if pipes or not line.startswith(":::") or "|" in line:
                return None
            if (close := _CLOSE.fullmatch(line)) and stack and len(close.group(1)) >= stack[-1]:
                stack.pop()
            elif (op := _OPEN.fullmatch(line)) and op.group(2).split()[0] in names:
                stack.append(len(op.group(1)))
            else:
                return None  # closes nothing, or no container's name: a problem, found the slow way
        elif line.strip() == "---":
            if pipes or line.rstrip(" \t") != "---":
                return None
            if not stack:
                breaks.append(n)
        pipes = pipes or "|" in line
    if stack:
        return None  # never closed: a problem, found the slow way
    return breaks, []


def deck_outline(md: MarkdownIt, text: str) -> tuple[list[int], list[tuple[int, str, str]]]:
    """containers.outline(md, text), the quick way where it can be."""
    names = getattr(md, "container_names", frozenset())
    quick = quick_outline(text, names, bool(md.options["html"]), md.options["maxNesting"])
    return quick if quick is not None else outline(md, text)
