"""plain_text: the fast split gives html.parser's text for every fragment, and takes the renderer's own HTML."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.core import plain
from generator.core.plain import _plain_reference, plain_text
from generator.validate.markdown import make_markdown, render_markdown

MARKDOWN = {raw: make_markdown(raw_html=raw) for raw in (False, True)}
SETTINGS = settings(max_examples=400, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])

# Text with what HTML and Markdown treat specially: entities whole, cut and without semicolons.
WORDS = ["Måling", "æøå", "a&b", "&amp;", "&amp", "&am", "p;", "&#65;", "&#x41", "&#;", "&nbsp;", "&copy", "&lt;"]
WORDS += ["<", ">", "<3", "a<b", "*", "_", "~~", "`", "|", "\\", '"', "'", "=", "/", "!", "-", "--", " ", "\xa0", "\t"]
text = st.lists(st.sampled_from(WORDS) | st.text("ab <>&#;/!-=\"'\n\xa0", max_size=6), max_size=6).map("".join)

# Raw HTML an author may write (raw_html: true), well-formed or not, words beside tags to show a word's end.
NAMES = ["p", "em", "a", "span", "b", "br", "td", "h1", "img", "del", "B", "P", "x-y", "custom", "math", "xmp"]
NAMES += ["script", "style", "svg", "template", "textarea", "title", "iframe", "noscript", "plaintext"]
ATTRS = [' class="x"', " class='a>b'", ' title="a<b"', ' a="&amp;"', " href=x", " href=x/", " disabled", ' a = "1"']
ATTRS += [' a="', " a='", "\xa0a=1", "\va=1", "\ta=''", "/ a", ' a="1"b', ' x-y:z.w_="1"', " a=`b`"]


def tags(names: list[str], slashes: list[str]) -> st.SearchStrategy[str]:
    return st.builds(
        lambda slash, name, attrs, end: f"<{slash}{name}{attrs}{end}>",
        st.sampled_from(slashes),
        st.sampled_from(names),
        st.lists(st.sampled_from(ATTRS), max_size=2).map("".join),
        st.sampled_from(["", " ", "/", " /", "\n", "\v", "\xa0", "\x00"]),
    )


ODD = ["<!-- c -->", "<!---->", "<!-->", "<!--->", "<!-- a -- >", "<!-- a --!>", "<!-- a--->", "<!-- a-b -->", "<!--"]
ODD += ["-->", "<!--samling:model:a--->", "<!DOCTYPE html>", "<![CDATA[<p>x</p>]]>", "<?php x ?>", "<!x>", "</>"]
ODD += [
    "</p",
    "<p",
    "<",
    "&",
    "<\n",
    "</3>",
    "<a href='x>",
    "<script>a<b>c</script>",
    "<style>p</style>",
    "<svg>s</svg>",
]
ODD += ["<template>t</template>", "<textarea><b>t</b></textarea>", "<title>t</title>", "</script>", "</svg>"]
piece = st.one_of(st.just("x"), text, tags(NAMES, ["", "/", "/ ", " "]), st.sampled_from(ODD))
fragment = st.lists(piece, max_size=16).map("".join)
# Nearer what the fast split takes, to test it at its edges: odd spaces and quotes, entities cut by tags.
good_text = text.map(lambda t: t.replace("<", ""))
nearly_good = st.lists(st.one_of(st.just("x"), good_text, tags(NAMES[:10], ["", "/"])), max_size=12).map("".join)

INLINE = ["*em*", "**strong**", "`co<de>`", "~~gone~~", '[link](https://x.no/a?b=1&c=2 "t")', "![alt *x*](p.png)"]
INLINE += ["<https://x.no>", "[local](other.md)", "a  \nb", "\\*", "<b>raw</b>", "<span a='1'>x</span>"]
inline = st.lists(st.sampled_from(INLINE) | text, min_size=1, max_size=5).map(" ".join)
BLOCKS = ["# {}", "## {}", "- {}\n- {}", "1. {}\n   - {}", "> {}", "```\n{}\n```", "    {}", "---", "{}\n===="]
BLOCKS += [
    "| a | {} |\n|---|--:|\n| {} | x |",
    "::: notes\n{}\n:::",
    "::: model forankring\n:::",
    "::: lang nn\n{}\n:::",
]
BLOCKS += [":::: columns\n::: column\n{}\n:::\n::: column\n{}\n:::\n::::", "<div>\n{}\n</div>", "<!-- {} -->", "{}"]
block = st.builds(lambda shape, a, b: shape.format(a, b), st.sampled_from(BLOCKS), inline, inline)
markdown = st.lists(block, min_size=1, max_size=6).map("\n\n".join)


@SETTINGS
@given(markdown, st.booleans())
def test_rendered_markdown_gives_the_reference_text(source: str, raw_html: bool) -> None:
    rendered = render_markdown(MARKDOWN[raw_html], source)
    for html in (rendered.html, rendered.notes_html):
        assert plain_text(html) == _plain_reference(html)


@settings(SETTINGS, max_examples=2000)
@given(fragment | nearly_good)
def test_any_html_gives_the_reference_text(html: str) -> None:
    assert plain_text(html) == _plain_reference(html)


def test_the_renderers_own_html_takes_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    source = "# Å *tittel*\n\n- a &amp; b\n- [lenke](x.md)\n\n| a | b |\n|---|:-:|\n| `<x>` | ~~y~~ |\n\n"
    source += "```py\nif a < b:\n```\n\n> sitat  \nlinje\n\n---\n\n::: model forankring\n:::\n\n![bilde](b.png)\n"
    html = render_markdown(MARKDOWN[False], source).html
    monkeypatch.setattr(plain, "_plain_reference", lambda html: pytest.fail(f"went the slow way: {html}"))
    assert plain_text(html) == "Å tittel a & b lenke a b <x> y if a < b: sitat linje"
