"""A Markdown source read before markdown-it-pyrs (fast_markdown.py) is handed it: where Samling's
containers cut it, and whether it holds anything the two engines read differently.

Both by lines and characters only, and on the safe side: a `:::` line is taken as a container's only
where nothing else can make it one or swallow it (see `pieces`), and each check in `doubtful` names
a construct tests/test_fast_markdown.py found the engines to differ on, widened to be sure of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.validate.containers import _CLOSE, _OPEN

_ODD_SPACE = re.compile(r"[^\S \t\n]")  # whitespace Python's str.strip() takes and Rust's trim() leaves
# …which is harmless between words, as a no-break space is in "kl.\xa010" or "10\xa0000"
_WORD_SPACE = re.compile(r"(?<=[\w.,;!?%)-])[\xa0\u1680\u2000-\u200a\u202f\u205f\u3000](?=[\w(-])")
_TILDES = re.compile(r"[^\s~]~{4}|~{4}[^\s~]")  # a run of ~ that both closes and opens strikethrough
_BLANK_CODE = re.compile(r"`[ \n]{3,}`")  # a code span of spaces only: Rust keeps one
_PREFIX = r"(?:[ \t>]|(?:[-*+]|[0-9]{1,9}[.)])[ \t])*"  # the quotes and list items a line starts in
# An empty list item, or a numbered one not starting at 1: markdown-it-py lets either end a table or
# a quote's lazy paragraph, which it cannot interrupt.
_ITEM = r"(?:(?:[-*+]|[0-9]{1,9}[.)])[ \t]*$|(?!0*1[.)])[0-9]{1,9}[.)](?:[ \t]|$))"
_QUOTE_ITEM = re.compile("^" + _PREFIX + _ITEM, re.MULTILINE)
_LINE_ITEM = re.compile(_PREFIX + _ITEM)
_TABLE_FIRST = re.compile(r"^[ \t]*[>*+\-#`~0-9][^\n]*\|[^\n]*\n[ \t]*[-:|][-:| \t]*$", re.MULTILINE)
_PIPELESS_DELIMITER = re.compile(r"\|[^\n]*\n[ \t>]*:?-[-: \t]*$", re.MULTILINE)
_LAZY_INDENTED = re.compile("^" + _PREFIX + r">.*\n[ \t]+[^ \t>\n]", re.MULTILINE)
_OPEN_PAREN = re.compile(r"\](?:\(|:)[ \t]*$", re.MULTILINE)
_TITLE_LINE = re.compile("^" + _PREFIX + r"[\"'(]", re.MULTILINE)
_QUOTE_TABLE = re.compile(r"^[^\n]*>[^\n]*\n(?:[ \t]*\S[^\n]*\n)*?[^\n]*\|", re.MULTILINE)
_MAYBE_CONTAINER = re.compile(r"[ \t>*+\-.)0-9]*:::")  # a `:::` line, perhaps in a quote or a list
_TICKS = re.compile(r"`+")
_DELIMITER_ROW = re.compile(r"^[ \t>]*[-:|][-:| \t]*$", re.MULTILINE)
_AUTOLINK_TICK = re.compile(r"<[^<>\s]*`")
_FENCE = re.compile(r"(`{3,}|~{3,})(.*)")
_INDENTED_FENCE = re.compile(r"[ \t]+(?:`{3}|~{3})")


@dataclass(frozen=True)
class Piece:
    """Lines of a text between container lines, or one container line (`kind` set)."""

    line: int
    end: int
    notes: bool  # inside `::: notes`
    depth: int  # containers around it
    kind: str = ""
    info: str = ""
    opening: bool = False


def doubtful(text: str, lines: list[str], raw_html: bool, levels: int) -> bool:
    """Whether `text` holds what the engines read differently, or what makes markdown-it-pyrs 0.4 panic.
    `levels`: the nesting markdown-it-py takes without stopping."""
    if "\0" in text or (raw_html and "<" in text):
        return True
    if ("~~~~" in text and _TILDES.search(text)) or ("`" in text and _BLANK_CODE.search(text)):
        return True
    if _ODD_SPACE.search(text) and ("<" in text or _ODD_SPACE.search(_WORD_SPACE.sub("", text))):
        return True
    if text.count("[") >= levels and _bracket_depth(text) >= levels:
        return True
    if "]:" in text and (_OPEN_PAREN.search(text) or _TITLE_LINE.search(text)):
        return True  # `[a](` or `[a]:` at a line's end, a definition's title on its own line
    if "|" in text and (_TABLE_FIRST.search(text) or _PIPELESS_DELIMITER.search(text) or "\\||" in text):
        return True  # markdown-it-py's tables come before quotes, lists, headings, fences; `---` rows, `\||`
    if ">" in text and "|" in text and _QUOTE_TABLE.search(text):
        return True  # a table in a quote's lazy lines: markdown-it-py has it go on the paragraph
    if ">" in text and (_QUOTE_ITEM.search(text) or ("`" in text and _LAZY_INDENTED.search(text))):
        return True  # see _ITEM; and a quote's lazy line keeps its indent in markdown-it-py
    if "|" in text and _item_in_table(lines):
        return True
    return "[" in text and "`" in text and _open_backtick(text, lines)  # the panic: `[` before an open `


def pieces(lines: list[str], names: frozenset[str]) -> list[Piece] | None:
    """The text cut at its containers' lines, or None if a `:::` line might mean something else."""
    found: list[Piece] = []
    stack: list[tuple[int, str]] = []  # (colons, kind) of the open containers
    fence: tuple[str, int] | None = None
    start = 0

    def cut(line: int, kind: str, info: str = "", opening: bool = False) -> None:
        nonlocal start
        notes = any(k == "notes" for _, k in stack)
        if line > start:
            found.append(Piece(start, line, notes, len(stack)))
        found.append(Piece(line, line + 1, notes, len(stack), kind, info, opening))
        start = line + 1

    for n, line in enumerate(lines):
        if fence:
            fence = None if _closes(line, *fence) else fence
        elif m := _FENCE.match(line):
            if not (m.group(1)[0] == "`" and "`" in m.group(2)):
                fence = (m.group(1)[0], len(m.group(1)))
        elif _INDENTED_FENCE.match(line):
            return None  # a list item's fence perhaps, which ends where the item ends
        elif not _MAYBE_CONTAINER.match(line):
            continue
        elif not line.startswith(":::") or "|" in line:
            return None  # nested in a quote or a list, indented, or a table's first row
        elif (close := _CLOSE.fullmatch(line)) and stack and len(close.group(1)) >= stack[-1][0]:
            kind = stack[-1][1]
            cut(n, kind)
            stack.pop()
        elif (op := _OPEN.fullmatch(line)) and (kind := op.group(2).split()[0]) in names:
            cut(n, kind, op.group(2), True)
            stack.append((len(op.group(1)), kind))
        else:
            return None  # closes nothing, or no container's name
    if stack:
        return None
    if start < len(lines):
        found.append(Piece(start, len(lines), False, 0))
    return found


def _open_backtick(text: str, lines: list[str]) -> bool:
    """Whether a backtick run outside fences may be left open in its paragraph or table cell: True
    unless each line (each cell) closes its own runs. An autolink or an escape may hide a run."""
    if "\\`" in text or ("<" in text and _AUTOLINK_TICK.search(text)):
        return True
    fence: tuple[str, int] | None = None
    cells = "|" in text and _DELIMITER_ROW.search(text)  # a table may split a line in cells
    for line in lines:
        if fence:
            fence = None if _closes(line, *fence) else fence
            continue
        if (m := _FENCE.match(line)) and not (m.group(1)[0] == "`" and "`" in m.group(2)):
            fence = (m.group(1)[0], len(m.group(1)))
            continue
        for chunk in (line.split("|") if cells else [line]) if "`" in line else ():
            runs = [len(run) for run in _TICKS.findall(chunk)]
            while runs:
                if runs[0] not in runs[1:]:
                    return True
                runs = runs[runs.index(runs[0], 1) + 1 :]
    return False


def _closes(line: str, marker: str, length: int) -> bool:
    """Whether `line` closes a fence of `length` `marker`s opened at the top level (markdown-it-py's fence)."""
    rest = line.lstrip(" \t")
    column = 0
    for ch in line[: len(line) - len(rest)]:
        column = column + 4 - column % 4 if ch == "\t" else column + 1
    run = len(rest) - len(rest.lstrip(marker))
    return column < 4 and run >= length and not rest[run:].strip(" \t")


def _item_in_table(lines: list[str]) -> bool:
    """Whether a line of what may be a table's body is a list item that markdown-it-py ends it at (_ITEM)."""
    inside = False
    for line in lines:
        if not line.strip(" \t"):
            inside = False
        elif inside and _LINE_ITEM.match(line):
            return True
        elif "-" in line and _DELIMITER_ROW.match(line):
            inside = True
    return False


def _bracket_depth(text: str) -> int:
    depth = deepest = 0
    for m in re.finditer(r"[\[\]]", text):
        depth = depth + 1 if m.group() == "[" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    return deepest
