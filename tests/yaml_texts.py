"""Hypothesis strategies for YAML texts as people write them, and as they go wrong (tests/test_yaml_fast.py).

A document is drawn as data (mappings, lists, text, numbers), then written out with a choice at
every node: block or flow, compact or indented lists, plain, quoted, literal or folded text with
every header form, comments, anchors and aliases. The writer quotes nothing for safety: a plain
text that is not valid YAML is part of the test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import strategies as st

TEXTS = [
    "Velkommen", "Hva nå?", "Økt 3 – gruppearbeid", "Nettverk – omdømme", "11:30", "09.30", "0830",
    "no", "yes", "on", "true", "False", "null", "~", "", "2013-03-11", "2013-02-30", "20", "-5", "+3",
    "007", "1e3", "0x1F", "12_000", ".nan", "a: b", "a #b", "a#b", "#x", "- x", "? x", "?x", "x?",
    "[x]", "{x}", "x, y", "it's", 'say "hi"', "back\\slash", "50 %", "Q & A", "*bold*", "&amp",
    "!viktig", "|", ">", "a > b", "a | b", "@x", "`x`", "æøå ÆØÅ", "😀 emoji", "\xa0nbsp", " leading",
    "trailing ", "to\nlinjer", "to\n\navsnitt", "slutter med linjeskift\n", "  innrykk\nneste",
    "x" * 90 + " " + "y" * 40, "ord " * 30, "a\n  b\nc", "\n\nblank first", "blank last\n\n\n", "x\n   \ny",
    "  - punkt\n  - punkt", "# ikke kommentar", "a: b\nc: d", "tab\there", "-", ":", "---", "...", "%x", "*x", "&x",
]  # fmt: skip
KEYS = [
    "title", "tittel", "dag", "økt", "start", "sessions", "k", "a b", "11:30", "no", "2013-03-11", "1",
    "æ", "-k", "k?", "k#x", "Hva nå", "x" * 40, "title", "'q'", "k:x",
]  # fmt: skip
HEADERS = [
    "|", "|-", "|+", ">", ">-", ">+", "|2", "|-2", "|2-", ">+2", "|1", "|#", ">#", "| # c", "|- #c",
    "|  ", "|9", "| ", ">1-",
]  # fmt: skip
FRAGMENTS = [
    "\t", "#", " #", ":", ": ", "? ", "- ", "[", "]", "{", "}", ",", "'", '"', "|", ">", "|#", "&a ",
    "*a", "!", "%", "@", "`", "?", "*a?", '"?', "'|", "\r", "\r\n", "\x85", "\u2028", "\u2029", "\ufeff",
    "\x01", "\x7f", "\n", "  ", "---\n", "...\n", "\\", "\xa0", "😀", "&a [1]", "*a, ", "!!str ", "!!int ", "<<: ",
]  # fmt: skip

scalars = st.one_of(
    st.sampled_from(TEXTS),
    st.text(st.sampled_from("ab æø-:#?'\",[]{}|>!&*% \n\\"), max_size=8),
    st.integers(-3, 3000),
    st.booleans(),
    st.none(),
)
keys = st.sampled_from(KEYS) | st.text(st.sampled_from("abø -:#?'\"&*!"), min_size=1, max_size=6)
trees = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=14,
)


class Writer:
    """Writes a tree as YAML text, drawing every choice of style from Hypothesis."""

    def __init__(self, draw: Any) -> None:
        self.draw = draw
        self.anchors: list[str] = []

    def choose(self, options: list[Any]) -> Any:
        return self.draw(st.sampled_from(options))

    def chance(self, p: float) -> bool:
        return self.draw(st.integers(0, 99)) < p * 100

    def document(self, tree: Any) -> str:
        lead = self.choose(["", "", "# kommentar\n", "\n", "---\n"])
        return lead + self.node(tree, 0, -1).lstrip("\n ") + "\n" + self.choose(["", "", "\n", "...\n", "# slutt\n"])

    def node(self, value: Any, indent: int, parent: int, compact: bool = False) -> str:
        """The text after `key:` or `- ` (or at the top): ` scalar`, or a newline and a nested block."""
        if self.anchors and self.chance(0.08):
            return " *" + self.choose(self.anchors)
        anchor = ""
        if self.chance(0.08):
            anchor = f" &a{len(self.anchors)}"
            self.anchors.append(anchor[2:])
        if isinstance(value, dict | list) and value and self.chance(0.75):
            return anchor + self.block(value, indent, parent, compact and not anchor)
        if isinstance(value, dict | list):
            return anchor + " " + self.flow(value, indent + 1)
        if isinstance(value, str) and self.chance(0.3):
            return anchor + " " + self.block_text(value, indent)
        return anchor + " " + self.scalar(value, flow=False) + self.comment()

    def block(self, value: dict[Any, Any] | list[Any], indent: int, parent: int, compact: bool) -> str:
        if isinstance(value, list) and parent >= 0 and self.chance(0.3):
            inner = indent  # an indentless list under its key
        else:
            inner = indent + self.choose([1, 2, 2, 2, 3, 4]) if parent >= 0 or indent else 0
        lines = []
        items = list(value.items()) if isinstance(value, dict) else [(None, v) for v in value]
        for i, (key, item) in enumerate(items):
            first = " " if compact and i == 0 else " " * inner
            if self.chance(0.07):
                lines.append(" " * self.choose([0, inner]) + "# " + self.choose(["merk", "Hva nå?", "x: y"]))
            if self.chance(0.05):
                lines.append("")
            if key is None:
                lines.append(first + "-" + self.node(item, inner, inner, compact=True).rstrip("\n"))
            else:
                lines.append(first + self.key(key) + ":" + self.node(item, inner, inner).rstrip("\n"))
        if compact:
            return lines[0] + ("\n" + "\n".join(lines[1:]) if lines[1:] else "")
        return "\n" + "\n".join(lines)

    def key(self, key: str) -> str:
        style = self.choose(["plain", "plain", "plain", "single", "double"])
        return self.quoted(key, style) if style != "plain" else key

    def flow(self, value: Any, indent: int) -> str:
        if isinstance(value, dict):
            parts = [f"{self.key(k)}:{self.choose([' ', ' ', ''])}{self.flow(v, indent)}" for k, v in value.items()]
            opening, closing = "{", "}"
        elif isinstance(value, list):
            parts = [self.flow(v, indent) for v in value]
            opening, closing = "[", "]"
        else:
            return self.scalar(value, flow=True)
        text = opening + self.choose(["", "", " "])
        for i, part in enumerate(parts):
            if i:
                text += self.choose([", ", ", ", ",", " , ", ",\n" + " " * self.choose([0, indent, indent + 2])])
            text += part
        if parts and self.chance(0.1):
            text += ","
        return text + self.choose(["", "", " ", "\n" + " " * indent]) + closing

    def scalar(self, value: Any, flow: bool) -> str:
        if value is None:
            return self.choose(["", "~", "null", "Null"])
        if isinstance(value, bool | int):
            return str(value).lower() if isinstance(value, bool) and self.chance(0.5) else str(value)
        style = self.choose(["plain", "plain", "single", "double"])
        return value if style == "plain" else self.quoted(value, style)

    def quoted(self, text: str, style: str) -> str:
        if style == "single":
            return "'" + text.replace("'", "''").replace("\n", self.choose(["\n\n", "\n  \n "])) + "'"
        escaped = text.replace("\\", "\\\\").replace('"', '\\"')
        escaped = escaped.replace("\n", self.choose(["\\n", "\n\n", "\\n\\\n  "]))
        if self.chance(0.2):
            escaped += self.choose(["\\x41", "\\u00e6", "\\t", "\\/", "\\e", "\\N", "\\_", "\\U0001F600", "\\ud800"])
        return '"' + escaped + '"'

    def block_text(self, text: str, indent: int) -> str:
        header = self.choose(HEADERS) if self.chance(0.3) else self.choose(["|", "|-", "|+", ">", ">-", ">+", "| "])
        inner = " " * (indent + self.choose([1, 2, 2, 4]))
        body = "\n".join(inner + line if line or self.chance(0.3) else "" for line in text.split("\n"))
        return header + "\n" + body + self.choose(["", "", "\n", "\n\n"])

    def comment(self) -> str:
        return self.choose(["", "", "", "", " # merk", " #", "  # Hva nå?"])


@st.composite
def documents(draw: Any) -> str:
    return Writer(draw).document(draw(trees))


EXAMPLES = sorted(p for p in (Path(__file__).resolve().parent.parent / "content").rglob("*.yaml"))


@st.composite
def mutated(draw: Any) -> str:
    """A written document or an example file, with one to three edits of the kind that go wrong."""
    text = draw(documents()) if draw(st.booleans()) else draw(st.sampled_from(EXAMPLES)).read_text("utf-8")
    for _ in range(draw(st.integers(1, 3))):
        how = draw(st.sampled_from(["insert", "insert", "delete", "duplicate", "indent", "tabs"]))
        at = draw(st.integers(0, len(text)))
        lines = text.split("\n")
        line = draw(st.integers(0, len(lines) - 1))
        if how == "insert":
            text = text[:at] + draw(st.sampled_from(FRAGMENTS) | st.text(max_size=3)) + text[at:]
        elif how == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 4)) :]
        elif how == "duplicate":
            text = "\n".join(lines[: line + 1] + lines[line:])
        elif how == "indent":
            lines[line] = draw(st.sampled_from(["", " ", "   "])) + lines[line].removeprefix(" ")
            text = "\n".join(lines)
        else:
            text = text.replace("  ", "\t", draw(st.integers(1, 3)))
    return text


LINE_VALUES = [
    "", "x", "Hva nå?", "11:30", "no", "2013-03-11", "'q'", "'q''s'", '"d"', '"a\\"b"', "[a, b]", "{a: b}", "[]",
    "{}", "[a: b]", "{a, b: }", "&a x", "*a", "&b", "*b", "&a [1, {c: d}]", "|", "|-", ">", ">+", "x # c", "x#c",
    "- x", "'multi", "line'", '"b"?', "'q'|", '"a"!x', "*a?", "&a%", "*a:", "%x", "@x", "`x`", '"multi', 'line"',
    "a b  c", "[a,", "b]", "{a: 1,", " b: 2}", "-5", "~", "x" * 1030,
]  # fmt: skip


LINE_KEYS = ["", "k: ", "k:", "a b: ", "æ: ", "*a : ", "*a: ", "&k k: ", "'q': ", '"d": ', "x" * 1030 + ": "]


@st.composite
def line_soup(draw: Any) -> str:
    """Lines of keys, entries and values at random indentation: the block structure around the
    pre-check, where a writer of tidy documents rarely goes."""
    lines = []
    for _ in range(draw(st.integers(1, 12))):
        indent = " " * draw(st.sampled_from([0, 0, 1, 2, 2, 3, 4, 6]))
        dashes = draw(st.sampled_from(["", "", "", "- ", "- - ", "-  "]))
        key = draw(st.sampled_from(LINE_KEYS))
        value = draw(st.sampled_from(LINE_VALUES))
        comment = draw(st.sampled_from(["", "", "", " # c", "#c"]))
        blank = draw(st.sampled_from(["", "# c", "  "]))
        lines.append(indent + dashes + key + value + comment if value or key or dashes else blank)
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\n\n", "\n  "]))


BLOCK_LINES = [
    "tekst",
    "Hva nå?",
    "  mer innrykk",
    "",
    " ",
    "     ",
    "# ikke en kommentar",
    "- punkt",
    "a: b",
    "|#",
    "x  ",
]


@st.composite
def block_scalars(draw: Any) -> str:
    """Literal and folded text in every header form, with the content lines that are hard to read:
    blank, space-only, more or less indented, looking like comments, entries or keys."""
    indent = draw(st.sampled_from([0, 2, 4]))
    lead = draw(st.sampled_from(["k: ", "- ", "- k: ", "k: &a ", ""]))
    header = draw(st.sampled_from([*HEADERS, "|", "|-", ">", ">-", "|+", ">+"]))
    inner = indent + len(lead) * (lead.startswith("- k")) + draw(st.sampled_from([1, 2, 2, 3]))
    lines = [" " * indent + lead + header]
    for line in draw(st.lists(st.sampled_from(BLOCK_LINES), min_size=0, max_size=6)):
        shift = draw(st.sampled_from([0, 0, 0, -1, 1]))
        lines.append(" " * max(0, inner + shift) + line if line else "")
    tail = draw(st.sampled_from(["", "neste: 1", "- neste", "  neste: 1", "# slutt", "*a"]))
    return "\n".join([*lines, " " * indent + tail if tail else ""]) + draw(st.sampled_from(["", "\n", "\n\n"]))


@st.composite
def deep_texts(draw: Any) -> str:
    """Nesting near MAX_DEPTH: keys, lists, compact lists, flow and aliases, mixed."""
    text, indent = "", 0
    for level in range(draw(st.integers(10, 48))):
        kind = draw(st.sampled_from(["key", "key", "item", "compact", "indentless"]))
        pad = " " * indent
        if kind == "key":
            text += f"{pad}k{level}:\n"
            indent += draw(st.sampled_from([1, 2]))
        elif kind == "item":
            text += f"{pad}-\n"
            indent += 2
        elif kind == "compact":
            text += f"{pad}- k{level}:\n"
            indent += 4
        else:
            text += f"{pad}k{level}:\n{pad}-\n"
            indent += 2
    leaf = draw(st.sampled_from(["x", "[x]", "[[x]]", "{a: [b, {c: d}]}", "[[[[x]]]]", "&a [1]", "*a"]))
    return text + " " * indent + leaf + "\n"
