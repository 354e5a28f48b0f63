"""Slide breaks read line by line (generator/validate/quick_outline.py) are markdown-it-py's (containers.outline).

Hypothesis writes deck bodies of every construct that could hide a `---` or a `:::` line or make one
(containers nested, fences, indented code, lists, quotes, HTML blocks, setext headings, tables, rules
of every kind, odd whitespace, deep nesting) both as nested blocks and as a soup of lines, and
deck_outline must give what outline gives for each, with raw HTML on and off. Every deck of the
example and of the bench corpus must also come out the same, and go the quick way.
`QUICK_OUTLINE_EXAMPLES=20000` runs more examples (the CI's setting is moderate and derandomized).
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from conftest import differential
from hypothesis import event, given
from hypothesis import strategies as st

from bench.corpus import write_samling
from generator.core.errors import Problems
from generator.load.documents import read_markdown
from generator.validate.containers import outline
from generator.validate.markdown import SamlingMarkdown, make_markdown
from generator.validate.quick_outline import deck_outline, quick_outline

ROOT = Path(__file__).resolve().parents[1]
PROPERTY = differential("QUICK_OUTLINE_EXAMPLES", 400)


@functools.cache
def parser(raw_html: bool) -> SamlingMarkdown:
    return make_markdown(raw_html)


def quick(md: SamlingMarkdown, text: str) -> object:
    return quick_outline(text, md.container_names, bool(md.options["html"]), md.options["maxNesting"])  # type: ignore[attr-defined]


RULES = ["---", "--- ", "---\t", " ---", "   ---", "    ---", "\t---", "\u00a0---", "---\x0b", "----", "--", "-"]
RULES += ["- - -", "***", "___", "* * *", "===", "= =", "-- -"]
TEXTS = [
    "tekst",
    "Tittel",
    "blåbær *x*",
    "a | b",
    "|a|",
    "| a | b |",
    "|---|---|",
    "-|-",
    ":-:",
    "a \\| b",
    "2013-03-22",
]
TEXTS += ["# Tittel", "## :::", "#", "###### x", "[a]: b.md", "[a]:", "'tittel'", "[a", "a ::: b", "`::: x`"]
MARKS = ["- a", "* a", "+ a", "1. a", "2) a", "10. a", "-", "1.", "  - b", "    - c", "> a", ">", "> > a", "> - a"]
MARKS += ["- - - - - - - - - - x", "> " * 19 + "dypt", "1. 2. 3. 4. 5. 6. 7. x", "\t- a", "-\ta"]
CODE = ["    code", "\tcode", "  indented", "   x", "```", "~~~", "````", "``` yaml", "```a`b", "~~~ ```"]
CODE += ["  ```", " ~~~", "- ```", "> ```", "    ```", "\t```", "``` :::"]
CONTAINERS = ["::: notes", ":::: columns", "::: column", ":::", "::::", ":::::", "::: foo", "  :::", " ::: notes"]
CONTAINERS += ["- ::: notes", "> :::", ":::notes", "::: notes |", "::: lang nn", "::: model risiko", ":::x", ":::\t"]
HTML = ["<div>", "</div>", "<!-- layout: title -->", "<!--", "-->", "<details>", "<x-y>", "<pre>", "</pre>"]
BLANKS = ["", "", "", " ", "\t"]
ODD = ["a\rb", "\0", "\u2028", "\x0c", "a\r"]
LINES = st.sampled_from(RULES + TEXTS + MARKS + CODE + CONTAINERS + HTML + BLANKS + ODD)
COMMON = st.sampled_from(["---", "---", "", "", "tekst", "- a", "# Tittel", "::: notes", ":::", "```", "|a|"])
# Lines none of which goes the slow way alone: bodies of them go the quick way often, and are held to it.
TIDY = st.sampled_from(
    [line for line in RULES + TEXTS + MARKS + CODE + HTML + BLANKS if quick(parser(False), line) is not None]
)


@st.composite
def line_soups(draw: st.DrawFn, tidy: bool) -> str:
    """Lines of every kind in any order, most of them the common ones, some in a quote or a list item."""
    lines = []
    for _ in range(draw(st.integers(0, 30))):
        line = draw(st.one_of(COMMON, TIDY) if tidy else st.one_of(COMMON, LINES))
        if draw(st.integers(0, 9)) == 0:
            line = draw(st.sampled_from(["  ", "> ", "- ", "1. ", "    "])) + line
        lines.append(line)
    return "\n".join(lines)


@st.composite
def blocks(draw: st.DrawFn, tidy: bool, depth: int = 0) -> str:
    """One block, perhaps with blocks inside: a container (nested ones too), a fence, a list item or a quote.
    `tidy`: containers closed as they were opened, fences at the line's start."""
    kind = draw(st.integers(0, 9 if depth < 3 else 3))
    if kind <= 3:
        return "\n".join(draw(st.lists(TIDY if tidy else st.one_of(COMMON, LINES), min_size=1, max_size=4)))
    inner = draw(bodies(tidy, depth + 1))
    if kind <= 5:
        name = draw(
            st.sampled_from(["notes", "notes", "columns", "column", "lang nn", "model x", "foo"][: 6 if tidy else 7])
        )
        colons = draw(st.sampled_from([":::", "::::", ":::::"]))
        closing = draw(st.sampled_from([colons, colons, ":::", "::::", "", " " + colons, colons + " "]))
        return f"{colons} {name}\n{inner}\n{colons if tidy else closing}".rstrip("\n")
    if kind == 6:
        return ":::: columns\n::: column\n" + inner + "\n:::\n::: column\n" + draw(bodies(tidy, 3)) + "\n:::\n::::"
    if kind == 7:
        fence = draw(st.sampled_from(["```", "~~~", "````", "``` yaml", "  ```"][: 4 if tidy else 5]))
        closing = draw(st.sampled_from([fence.strip()[:3], fence.strip(), "", "````", "   " + fence.strip()[:3]]))
        return f"{fence}\n{inner}\n{closing}"
    if kind == 8:
        marker = draw(st.sampled_from(["- ", "* ", "1. ", "-\t"]))
        indent = draw(st.sampled_from(["  ", "   ", "    ", ""]))
        return marker + inner.replace("\n", "\n" + indent)
    quote = draw(st.sampled_from(["> ", ">", "> > "]))
    return "\n".join(draw(st.sampled_from([quote, quote, ""])) + part for part in inner.split("\n"))


@st.composite
def bodies(draw: st.DrawFn, tidy: bool, depth: int = 0) -> str:
    parts = draw(st.lists(blocks(tidy, depth), min_size=1, max_size=6 if depth == 0 else 3))
    seps = [draw(st.sampled_from(["\n", "\n", "\n\n", "\n---\n", "\n\n---\n\n", "\n \n"])) for _ in parts]
    return "".join(p + s for p, s in zip(parts, seps, strict=True))[: -len(seps[-1])]


@PROPERTY
@given(
    body=st.booleans().flatmap(lambda tidy: st.one_of(bodies(tidy), line_soups(tidy))),
    end=st.sampled_from(["", "\n", "\n\n"]),
    raw_html=st.booleans(),
)
def test_the_quick_outline_is_markdown_its(body: str, end: str, raw_html: bool) -> None:
    md = parser(raw_html)
    text = body + end
    event("quick" if quick(md, text) is not None else "slow")
    assert deck_outline(md, text) == outline(md, text)


@pytest.mark.parametrize(
    "text",
    [
        "|a|\n---\nb",  # a table's header and delimiter row
        "| " + " | ".join("x" * 65) + " |\n|" + "-|" * 65 + "\nrad\n---\nb",  # too big a table takes the `---`
        "::: notes\n| " + " | ".join("x" * 65) + " |\n|" + "-|" * 65 + "\n:::\n---\nb",  # …or the `:::`
        "- - - - - - - - - - x\n\n---\nb",  # past markdown-it-py's nesting it skips the rest
        "  ```\n---\n  ```",  # a top-level fence further in
        "::: notes\n```\n:::\n---\n```\n---",  # a fence in a container takes its `:::`
        "::: notes\nnever closed\n---\n",
        "tekst\n\n:::\n",  # closes nothing
        "# :::\n---",  # a `:::` in a heading closes nothing
        " ---\nb",  # markdown-it's hr, but Python's strip() and its whitespace differ elsewhere
    ],
)
def test_doubtful_bodies_go_the_slow_way_and_come_out_the_same(text: str) -> None:
    md = parser(False)
    assert quick(md, text) is None
    assert deck_outline(md, text) == outline(md, text)


@pytest.mark.parametrize(
    "text",
    [
        "# A\n\n- a\n- b\n\n---\n\n## B\n\ntekst\n---\n\n::: notes\n---\n:::\n---\n",
        ":::: columns\n::: column\na\n---\n:::\n::: column\n- b\n:::\n::::\n---\nc",
        "```\n---\n:::\n```\n---\n- ```\n---\n```\n---\n```",
        "<!-- layout: title -->\n# Tittel\n---\n> sitat\n---\n    kode\n---\n- a\nlat\n---",
    ],
)
def test_ordinary_bodies_go_the_quick_way_and_come_out_the_same(text: str) -> None:
    md = parser(False)
    assert quick(md, text) is not None
    assert deck_outline(md, text) == outline(md, text)


def test_every_deck_of_the_example_and_the_bench_goes_the_quick_way(tmp_path: Path) -> None:
    write_samling(40, tmp_path)
    md = parser(False)
    paths = sorted((ROOT / "content").glob("*/decks/*.md")) + sorted(tmp_path.glob("*/decks/*.md"))
    problems = Problems(root=ROOT)
    docs = [doc for path in paths if (doc := read_markdown(path, problems))]
    assert len(docs) >= 5 and not problems.items
    for doc in docs:
        assert quick(md, doc.body) is not None, doc.path
        assert deck_outline(md, doc.body) == outline(md, doc.body)
