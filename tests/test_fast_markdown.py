"""The Rust engine (generator/validate/fast_markdown.py) gives the very Text markdown-it-py gives, or declines.

Hypothesis writes Markdown from every construct Samling reads — and the odd ones around them — and
each text the fast path takes must come out equal to the reference path's, field by field. The fast
path must also be taken: for the example site and the bench corpus nearly every text goes fast.
`FAST_MARKDOWN_EXAMPLES=2000` runs more examples (the CI's setting is moderate and derandomized).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import differential
from hypothesis import event, given
from hypothesis import strategies as st

from generator.commands.build import build
from generator.core.accelerators import SWITCH
from generator.core.errors import Problems
from generator.core.model import Text
from generator.load import load
from generator.validate import validate
from generator.validate.markdown import SamlingMarkdown, make_markdown, render_markdown
from generator.write.staging import MARKER

pytest.importorskip("markdown_it_pyrs")
ROOT = Path(__file__).resolve().parents[1]
PROPERTY = differential("FAST_MARKDOWN_EXAMPLES", 300)


@functools.cache
def parsers(raw_html: bool) -> tuple[SamlingMarkdown, SamlingMarkdown]:
    fast, slow = make_markdown(raw_html), make_markdown(raw_html)
    slow.fast = None
    assert fast.fast is not None
    return fast, slow


WORDS = st.sampled_from(["hei", "blåbær", "Ærlig", "ØL", "x", "a_b", "2*3", "snake_case", "økt", "1.", "-", "+"])
URLS = st.sampled_from(
    [
        "okt-2.md", "../okt.md", "../../utenfor.md", "files/plan.pdf", "sub/b.md#del-2", "a.md?x=1", "#anker",
        "/abs", "mailto:a@b.no", "mailto:å@ø.no", "http://ex.no/a", "HTTPS://EX.NO", "https://blåbær.no/æ",
        "http://[::1]/", "http://xn--blbr-roah.no", "//ex.no/x", "javascript:alert(1)", "data:image/png;base64,AA",
        "ftp://x", "tel:123", "a%20b.md", "æ.md", "a&amp;b.md", "a\\)b.md", "A.MD", "x.yaml", "gathering.yaml",
        "<a b.md>", "<>", "../files/x.png", "bilde.png", "a.md 'tittel'", 'b.md "ti&amp;tel"', "c.md (p)",
        "java&#115;cript:x", "http:\\\\ex.no", "http://a b.no", "<http://Ex.NO:80/a b>", "%41.md", "a.md#", "?q",
        ".", "..", "./a.md", "sessions/../a.md",
    ]
)  # fmt: skip
SPACES = st.sampled_from([" ", "  ", "\t", " \t", "\u00a0", "\u2003", "\x0b", "\x0c", "\u2028", ""])
LANG_ARGS = st.sampled_from(["nn", "en", "nb-NO", "ø", "", "x y", '"'])
NAMES = st.sampled_from(["forankring", "risiko", "", "Bad", "a-b", "x_y", "2"])


INLINE = [
    "{w}", "{w}", "{w}", "*{i}*", "**{i}**", "_{i}_", "__{i}__", "***{i}***", "*", "_", "**", "~~{i}~~", "~{w}~",
    "~~~", "`{w}`", "``a`b``", "`", "`a|b`", "[{i}]({u})", "![{w}]({u})", "[![{w}]({u})]({u})", "[{w}][ref]",
    "[ref]", "[Ref]", "[{w}]", "<{u}>", "<http://ex.no/%C3%A6>", "<a@b.no>", "<foo+bar:baz>", "&amp;", "&nbsp;",
    "&#230;", "&#xE6;", "&ngE;", "&bogus;", "&#0;", "&copy", "&lt;div&gt;", "<b>fet</b>", '<span class="a">',
    "<!-- c -->", '<a href="x.md">', "</div>", "<br>", "\\*", "\\|", "\\[", "\\\\", "\\`", "\\#", "|", ":::",
    "::: notes", "#", "<", ">", "&", '"', "'", "  \n", "\\\n", "\n", "æøå ÆØÅ", "[", "]", "](", "[{w}](", "!",
    "[]()", "[ ](x.md)",
]  # fmt: skip


TIDY_INLINE = [piece for piece in INLINE if ":::" not in piece and piece not in ("`", "``a`b``", "\\`")]


@st.composite
def inlines(draw: st.DrawFn, depth: int = 0, tidy: bool = False) -> str:
    """Inline Markdown; `tidy` leaves out `:::`, which a text cut at its containers' lines declines."""
    piece = draw(st.sampled_from(TIDY_INLINE if tidy else INLINE))
    if "{i}" in piece:
        piece = piece.replace("{i}", draw(inlines(depth + 1, tidy)) if depth < 2 and draw(st.booleans()) else "{w}")
    while "{u}" in piece:
        piece = piece.replace("{u}", draw(URLS), 1)
    piece = piece.replace("{w}", draw(WORDS))
    space = draw(st.sampled_from(["", " ", " ", "\t"])) if draw(st.integers(0, 29)) else draw(SPACES)
    return piece + space + (draw(inlines(depth + 1, tidy)) if depth < 3 and draw(st.booleans()) else "")


@st.composite
def blocks(draw: st.DrawFn, depth: int = 0, tidy: bool = False, flat: bool = False) -> str:
    """A block of Markdown; `tidy` keeps containers at the top level, closed, and `:::` out of the rest."""
    text = draw(inlines(tidy=tidy))

    def line(draw: st.DrawFn) -> str:
        return draw(inlines(tidy=tidy)).replace("\n", " ") or "x"

    def inside(nested: bool = False) -> str:
        return text if depth >= 2 else draw(documents(depth + 1, tidy, flat=flat or (tidy and nested)))

    indent = "" if tidy else draw(st.sampled_from(["", " ", "  ", "   ", "    ", "\t"]))
    fence = draw(st.sampled_from(["```", "~~~", "````", "``` yaml", "~~~ ```", "```a`b"]))
    kind = draw(st.integers(0, 17 if flat else 34))
    kind = draw(st.sampled_from([*range(18), 20, 21, 22, 23, 24])) if tidy and kind in (18, 19) else kind
    if kind < 6:
        return text
    if kind == 6:
        return f"{'#' * draw(st.integers(1, 7))}{draw(st.sampled_from([' ', '', '  ', chr(9)]))}{line(draw)}" + draw(
            st.sampled_from(["", " #", " ##  ", "#", " \\#"])
        )
    if kind == 7:
        return f"{text}\n{draw(st.sampled_from(['===', '---', ' ==', '= =', '-']))}"
    if kind == 8:
        body = draw(st.sampled_from(["code", "---", ":::", "::: notes", "  indented", "", "```", "~~~", text]))
        close = draw(st.sampled_from([fence[:3], fence[:4], fence.split()[0] + " ", "", "  " + fence[:3], "````"]))
        return f"{indent[:3]}{fence}\n{body}\n{close}"
    if kind == 9:
        return f"    {line(draw)}\n\n    {draw(st.sampled_from(['x', '---'] if tidy else ['x', ':::', '---']))}"
    if kind in (10, 11):
        marker = draw(st.sampled_from(["-", "*", "+", "1.", "2)", "10."]))
        items = [
            f"{marker}{draw(st.sampled_from([' ', '  ', chr(9), '']))}{line(draw)}"
            for _ in range(draw(st.integers(1, 3)))
        ]
        if draw(st.booleans()):
            items.insert(1, "  " + inside(nested=True).replace("\n", "\n  "))
        return draw(st.sampled_from(["\n", "\n\n"])).join(items)
    if kind == 12:
        return "\n".join(
            f"{draw(st.sampled_from(['> ', '>', '> > ', '']))}{part}" for part in inside(nested=True).split("\n")
        )
    if kind in (13, 14):
        columns = draw(st.integers(1, 4))
        cell = lambda: draw(st.sampled_from([line(draw), "a \\| b", "`x\\|y`", "", " ", "ø"]))  # noqa: E731
        rows = [" | ".join(cell() for _ in range(columns)) for _ in range(draw(st.integers(0, 3)))]
        edge = draw(st.sampled_from(["|", ""]))
        delim = "|".join(draw(st.sampled_from(["---", ":-:", "-:", ":--", "-", " --- "])) for _ in range(columns))
        head = " | ".join(cell() or "h" for _ in range(columns))
        return "\n".join([f"{edge}{head}{edge}", f"{edge}{delim}{edge}", *(f"{edge}{r}{edge}" for r in rows)])
    if kind == 15:
        return draw(st.sampled_from(["---", "***", "___", "- - -", " * * *", "-- -"]))
    if kind == 16:
        return draw(st.sampled_from(["<div>\n*x*\n</div>", "<!-- c -->", "<details>\n\n*x*\n\n</details>", "<x-y>"]))
    if kind == 17:
        return f"[{draw(st.sampled_from(['ref', 'Ref', 'x']))}]: {draw(URLS)}" + draw(
            st.sampled_from(["", " 'tittel'", '\n  "t"', "\n(t)"])
        )
    # Samling's containers, closed, nested, unclosed, stray, in lists and quotes, indented
    colons = draw(st.sampled_from([":::", ":::", "::::", ":::::"]))
    name = draw(
        st.sampled_from(
            ["notes", "notes", "lang", "model", "worksheet", "columns", "column", "foo"][: 7 if tidy else 8]
        )
    )
    arg = draw(LANG_ARGS if name == "lang" else NAMES)
    opening = f"{colons}{draw(st.sampled_from([' ', '', chr(9), '  ']))}{name} {arg}".rstrip()
    closing = draw(st.sampled_from([colons, colons, colons, colons + " ", ":::", "::::", "", " " + colons]))
    where = "" if tidy else draw(st.sampled_from(["", "", "", "", "", "", "", "", "- ", "> ", "  ", "1. "]))
    closing = colons if tidy else closing
    if kind == 18:
        return f"{colons}\n"
    if kind == 19:
        return f"{where}{opening}\n{inside()}"
    if kind == 20:
        return ":::: columns\n::: column\n" + inside() + "\n:::\n::: column\n" + text + "\n:::\n::::"
    return f"{where}{opening}\n{inside()}\n{closing}"


@st.composite
def documents(draw: st.DrawFn, depth: int = 0, tidy: bool = False, flat: bool = False) -> str:
    parts = draw(st.lists(blocks(depth, tidy, flat), min_size=1, max_size=6 if depth == 0 else 3))
    seps = [draw(st.sampled_from(["\n\n", "\n", "\n\n\n", "\n \n", "\n\t\n"])) for _ in parts]
    return "".join(p + s for p, s in zip(parts, seps, strict=True))[: -len(seps[-1])]


def fields(text: Text) -> dict[str, object]:
    return dataclasses.asdict(text)


@PROPERTY
@given(
    doc=st.booleans().flatmap(lambda tidy: documents(tidy=tidy)),
    end=st.sampled_from(["", "\n", "\n\n", " "]),
    raw_html=st.booleans(),
    first_line=st.integers(1, 40),
    base=st.sampled_from(["g/sessions", "g/decks", "", "g", "g/files"]),
)
def test_the_fast_path_gives_the_reference_text(doc: str, end: str, raw_html: bool, first_line: int, base: str) -> None:
    fast, slow = parsers(raw_html)
    text = doc + end
    assert fast.fast is not None
    mine = fast.fast.text(text, first_line, base)
    event("fast" if mine is not None else "slow")
    if mine is not None:
        assert fields(mine) == fields(render_markdown(slow, text, first_line, base))


@pytest.mark.parametrize(
    "text",
    [
        "# Tittel\n\nTekst med [lenke](b.md) og ![bilde](files/a.png).\n\n::: notes\nHemmelig [x](c.md)\n:::\n",
        "Innledning\n\n::: lang nn\n## Overskrift\n\n- [a](a.md)\n-\n  [b](b.md)\n:::\n\n::: model risiko\n:::\n",
        ":::: columns\n::: column\n| a | [b](b.md) |\n|---|---|\n| 1 | 2 |\n:::\n::: column\nTo\n:::\n::::\n",
        "Tittel\n===\n\n```\n::: notes\n```\n\n> sitat [c](../c.md#del)\n",
        "- a\n\n  b *l*\n\n  ```\n  kode\n  ```\n  etter `m`\n",
        "- a [l](l.md)\n-\n  [b](b.md)\n  ~~~\n  kode\n  ~~~\n  [c](c.md)\n\n```\nx\n```\n",
    ],
)
def test_ordinary_texts_go_fast_and_come_out_the_same(text: str) -> None:
    fast, slow = parsers(False)
    assert fast.fast is not None
    mine = fast.fast.text(text, 3, "g/sessions")
    assert mine is not None
    assert fields(mine) == fields(render_markdown(slow, text, 3, "g/sessions"))


@pytest.mark.parametrize(
    "text",
    [
        "- ::: notes\n  hemmelig\n  :::\n",  # a container in a list item
        "> ::: notes\n> hemmelig\n> :::\n",  # in a quote
        "::: notes\nnever closed\n",
        "tekst\n\n:::\n",  # closes nothing
        "::: ukjent\nx\n:::\n",
        "[a]: a.md\n\n::: notes\n[a]\n:::\n",  # a reference reaches into the notes
        "- a\n\n  ```\n::: notes\n  ```\n:::\n",  # a list item's fence
        "[x](https://blåbær.no)",  # the host would be recoded (punycode)
        "a\u00a0\n",  # whitespace Python strips and Rust keeps
        "> " * 19 + "dypt",  # nesting near markdown-it-py's limit
        "```\nåpen",  # an open fence at the end without a newline
        "- # Tittel i en liste\n",  # the title from a nested heading
    ],
)
def test_doubtful_texts_go_the_slow_way(text: str) -> None:
    fast, _ = parsers(False)
    assert fast.fast is not None
    assert fast.fast.text(text, 1, "g/sessions") is None


@pytest.mark.parametrize("text", ["# Blåbær\n\nÆrlig [økt](b.md) på ØL.\n", "Før\n\n::: notes\nhemmelig\n:::\n"])
def test_the_engine_leaves_no_utf8_copy_in_the_text_it_renders(text: str) -> None:
    # A non-ASCII str PyO3 has read keeps its UTF-8 inside it (sys.getsizeof counts it): a text the model
    # keeps would carry that copy for the whole build.
    fast, _ = parsers(False)
    assert fast.fast is not None
    text = text[:1] + text[1:]  # a str of its own, not the parameter that other runs share
    size = sys.getsizeof(text)
    assert fast.fast.text(text, 1, "g/sessions") is not None
    assert sys.getsizeof(text) == size


def test_raw_html_goes_the_slow_way_only_where_there_is_html() -> None:
    fast, _ = parsers(True)
    assert fast.fast is not None
    assert fast.fast.text("<b>fet</b>", 1, "") is None
    assert fast.fast.text("*fet*", 1, "") is not None


@contextlib.contextmanager
def counting() -> Iterator[list[int]]:
    """[fast, all] texts the Rust engine was asked for while the block runs."""
    from generator.validate import fast_markdown

    seen = [0, 0]
    original = fast_markdown.FastMarkdown.text

    def text(self: fast_markdown.FastMarkdown, text: str, first_line: int, base: str) -> Text | None:
        made = original(self, text, first_line, base)
        seen[0] += made is not None
        seen[1] += 1
        return made

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(fast_markdown.FastMarkdown, "text", text)
        yield seen


def bench_corpus(folder: Path, sessions: int) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import corpus
    finally:
        sys.path.remove(str(ROOT / "bench"))
    corpus.write_samling(sessions, folder)
    return folder


def test_nearly_every_text_of_the_example_and_the_bench_goes_fast(tmp_path: Path) -> None:
    for content, share in ((bench_corpus(tmp_path, 40), 1.0), (ROOT / "content", 0.9)):
        problems = Problems(root=content)
        with counting() as seen:
            validate(load(content, problems), problems)
        assert not problems.items
        assert seen[1] > 50 and seen[0] >= share * seen[1], (content, seen)


def site_files(folder: Path) -> dict[str, bytes]:
    """Every file of a built site and of its cache, but for the marker's build id, new in every build."""
    files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    files[f"output/{MARKER}"] = re.sub(rb'"build": "[0-9a-f]+"', b'"build": ""', files[f"output/{MARKER}"])
    # The build record beside the output names that id, the marker's, and the files' times; the lock its process.
    del files[".samling-cache/output.json"], files[".samling-cache/output.lock"]
    return files


@pytest.mark.parametrize("site", ["example", "bench"])
def test_whole_sites_come_out_the_same_without_the_accelerator(
    site: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = ROOT / "content" if site == "example" else bench_corpus(tmp_path / "bench", 40)
    made = {}
    for switch in ("on", "off"):
        monkeypatch.setenv(SWITCH, "off" if switch == "off" else "")
        with counting() as seen:
            build(content, tmp_path / switch / "output")
        assert seen[0] > 0.9 * seen[1] if switch == "on" else seen == [0, 0]
        made[switch] = site_files(tmp_path / switch)
    assert made["on"].keys() == made["off"].keys()
    assert len(made["on"]) > 60 and ".samling-cache/output.cache.json" in made["on"]
    assert [name for name in made["on"] if made["on"][name] != made["off"][name]] == []
