"""Samling's `:::` containers as a markdown-it block rule that ends each one where Markdown does.

The usual container plugin looks for the closing `:::` line by line before it parses the inside,
so a `:::` inside a code block, a list item or a nested container ended `::: notes` early and the
rest of the notes became the page's text. Here the inside is parsed first, by markdown-it itself:
a code block, an HTML block or a nested container swallow their own lines, so the closing line
that remains is the one that belongs to this container. One that is never closed ends where its
parent ends (the rest of the text stays inside it) and is listed in `env[UNCLOSED]`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.ruler import RuleOptionsType
from markdown_it.rules_block import StateBlock

_OPEN = re.compile(r"(:{3,})[ \t]*([^\s:].*)")
_CLOSE = re.compile(r"(:{3,})[ \t]*")
_STACK = "samling_containers"
UNCLOSED = "samling_unclosed"  # env key: [(0-based line, "::: name")] of containers never closed
_ALT: RuleOptionsType = {"alt": ["paragraph", "reference", "blockquote", "list"]}
# markdown-it spends some 40 µs a block, so 4 MB of one-line list items took a minute: a text is
# bounded (render_markdown reports a longer one instead of parsing it).
MAX_LINES = 20_000
# Each emphasis, link or code mark costs the inline parser some 5–10 µs: 4 MB of `*a` took 18 s.
MARKS = "*_[`<"
MAX_MARKS = 100_000


@dataclass
class _Open:
    markers: int  # how many colons opened it: a closing line needs at least as many
    indent: int  # the block indent it was opened at
    column: int  # the opening line's indentation: a closing line needs the same
    level: int  # the token level of what is directly inside it
    close: int | None = None


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def use_containers(md: MarkdownIt, names: Iterable[str], render: Callable[..., str]) -> None:
    """Containers `::: NAME …` for each name, with tokens `container_NAME_open/close` rendered by `render`."""
    known = frozenset(names)
    md.container_names = known  # type: ignore[attr-defined]

    def opener(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if state.sCount[start] - state.blkIndent >= 4:
            return False
        m = _OPEN.fullmatch(_line(state, start))
        if not m or m.group(2).split()[0] not in known:
            return False
        if silent:
            return True
        kind = m.group(2).split()[0]
        stack: list[_Open] = state.env.setdefault(_STACK, [])
        here = _Open(len(m.group(1)), state.blkIndent, state.sCount[start], state.level + 1)
        stack.append(here)
        parent = state.parentType
        state.parentType = "container"
        token = state.push(f"container_{kind}_open", "div", 1)
        token.markup, token.info, token.block = m.group(1), m.group(2), True
        state.md.block.tokenize(state, start + 1, end)
        stack.pop()
        if here.close is None:
            state.env.setdefault(UNCLOSED, []).append((start, f"{m.group(1)} {kind}"))
            last = max(state.line, start + 1)
        else:
            last = here.close + 1
        token.map = [start, last]
        token = state.push(f"container_{kind}_close", "div", -1)
        token.markup, token.block = m.group(1), True
        state.parentType = parent
        state.line = last
        return True

    def closer(state: StateBlock, line: int, end: int, silent: bool) -> bool:
        stack: list[_Open] | None = state.env.get(_STACK)
        if not stack:
            return False
        top = stack[-1]
        if state.sCount[line] != top.column:
            return False  # a `:::` indented otherwise is text, reported as closing nothing (see problems)
        m = _CLOSE.fullmatch(_line(state, line))
        if not m or len(m.group(1)) < top.markers:
            return False
        if silent:
            # Ends a paragraph, list or quote inside the container, unless the line is indented into one.
            return state.blkIndent == top.indent or state.sCount[line] < state.blkIndent
        if state.level != top.level:
            return False  # inside a quote or list item of the container: text there
        top.close = line
        state.line = end  # stops the container's own tokenize loop; the opener goes on after the line
        return True

    md.block.ruler.before("fence", "samling_container_close", closer, _ALT)
    md.block.ruler.before("fence", "samling_container", opener, _ALT)
    for name in known:
        md.add_render_rule(f"container_{name}_open", render)
        md.add_render_rule(f"container_{name}_close", render)


def outline(md: MarkdownIt, text: str) -> tuple[list[int], list[tuple[int, str, str]]]:
    """The 0-based lines of `---` at the top level of `text` (never inside a container, a list, a quote
    or a code block), and the problems with its containers as (line, what, what to do).
    Block structure only: nothing inline is parsed."""
    env: dict[str, Any] = {}
    tokens: list[Any] = []
    md.block.parse(text, md, env, tokens)
    lines = text.split("\n")
    breaks = []
    for token in tokens:
        if token.level != 0 or not token.map:
            continue
        if token.type == "hr":
            line = token.map[0]
        elif token.type == "heading_open" and token.markup == "-":
            line = token.map[1] - 1  # `text` over `---`: the text ends the slide, the line breaks it
        else:
            continue
        if lines[line].strip() == "---":
            breaks.append(line)
    return breaks, _problems(tokens, env, md)


def container_problems(md: MarkdownIt, text: str) -> list[tuple[int, str, str]]:
    """(0-based line, what, what to do) for each container never closed, each `:::` line that closes
    nothing and each `::: NAME` that is no container: any of them means the text is not nested as
    its author meant, and notes could show. Cheap when the text has no `:::`."""
    if ":::" not in text or text.count("\n") >= MAX_LINES:
        return []  # no container, or too long to be rendered at all (reported as such)
    env: dict[str, Any] = {}
    tokens: list[Any] = []
    md.block.parse(text, md, env, tokens)
    return _problems(tokens, env, md)


def _problems(tokens: list[Any], env: dict[str, Any], md: MarkdownIt) -> list[tuple[int, str, str]]:
    found = [
        (
            line,
            f"`{what}` is never closed",
            "end it with a line of as many colons, as far in; end code blocks inside it",
        )
        for line, what in env.get(UNCLOSED, [])
    ]
    known = getattr(md, "container_names", frozenset())
    for token in tokens:
        if token.type != "inline" or not token.map or ":::" not in token.content:
            continue
        for offset, line in enumerate(token.content.split("\n")):
            if _CLOSE.fullmatch(line.strip()):
                found.append(
                    (
                        token.map[0] + offset,
                        f"the line `{line.strip()}` closes no container",
                        "indent it as its `:::` opening line is, or remove it",
                    )
                )
            elif (m := _OPEN.fullmatch(line.strip())) and m.group(2).split()[0] not in known:
                found.append(
                    (
                        token.map[0] + offset,
                        f"`{m.group(1)} {m.group(2).split()[0]}` is not a container",
                        f"use one of: {', '.join(sorted(known))}",
                    )
                )
    return sorted(found)
