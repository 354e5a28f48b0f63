"""What the render stage does faster than the plain way gives the same bytes as the plain way."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import jinja2
import jinja2.runtime
import markupsafe
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.core.errors import Problems
from generator.render import agenda, theme
from generator.render.agenda import DAY_DECK_SESSIONS
from generator.render.links import links_from, local_links
from generator.render.pages import decks_for, relative
from generator.render.strings import Strings
from generator.render.theme import PlainCallContext, escape, load_theme
from tests.test_agenda import small_gathering

# Pieces a page is made of near a local link, with near misses (no closing quote, `data-src`, no slash).
PIECES = ["href", "src", "data-src", '="', "=", '"', "samling-root:/", '="samling-root:/', "a/b.html", " ", "<a ", ">"]
PIECES += ['href="samling-root:/a/b.html"', 'src="samling-root:../c.png"', 'samling-root:/d.html"']


# The rewrite local_links replaces, as a regex: its reference.
ROOT_LINK = re.compile(r'(href|src)="samling-root:/([^"]*)"')


def _by_regex(html: str, here: str) -> str:
    return ROOT_LINK.sub(lambda m: f'{m.group(1)}="{relative(here, m.group(2))}"', html)


@settings(max_examples=3000, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join), st.sampled_from(["index.html", "g/sessions/s.html"])
)
def test_local_links_are_rewritten_exactly_as_the_regex_rewrites_them(html: str, here: str) -> None:
    assert _outcome(local_links, html, here) == _outcome(_by_regex, html, here)


def _outcome(rewrite: Callable[[str, str], str], first: str, second: str) -> str:
    try:
        return rewrite(first, second)
    except ValueError as exc:  # an empty path (validation never lets one through): the same error either way
        return repr(exc)


def test_local_links_in_a_page() -> None:
    html = '<a href="samling-root:/g/day.html">d</a><img src="samling-root:/files/a.png"><a href="https://x">x</a>'
    assert local_links(html, "g/sessions/s.html") == (
        '<a href="../day.html">d</a><img src="../../files/a.png"><a href="https://x">x</a>'
    )
    assert local_links('title="samling-root:/x"', "index.html") == 'title="samling-root:/x"'  # not a link


def _render(source: str, **values: object) -> str:
    env = load_theme("default", Path("content"), Problems(), Path("site.yaml")).environment()
    return env.from_string(source).render(values)


def test_templates_call_plain_functions_directly_and_marked_ones_with_their_context() -> None:
    @jinja2.pass_context
    def page_lang(context: jinja2.runtime.Context, suffix: str) -> str:
        return context["lang"] + suffix

    @jinja2.pass_environment
    def autoescapes(env: jinja2.Environment) -> bool:
        return bool(env.autoescape)

    class Marked:
        @jinja2.pass_context
        def __call__(self, context: jinja2.runtime.Context) -> str:
            return context["lang"]

    class Words:
        @jinja2.pass_context
        def lang(self, context: jinja2.runtime.Context) -> str:
            return context["lang"]

    def stops() -> str:
        raise StopIteration

    source = (
        "{% for i in [1] %}{{ page_lang('!') }} {{ autoescapes() }} {{ marked() }} {{ words.lang() }} "
        "{{ t('deck', n=i) }} {{ plain(i, b=2) }} {{ d.get('k') }} {{ stops() is undefined }}{% endfor %}"
    )
    values = {"lang": "nn", "t": Strings("nn", {"deck": "Lysark {n}"}), "plain": lambda a, b: a + b, "d": {"k": "<v>"}}
    out = _render(
        source, page_lang=page_lang, autoescapes=autoescapes, marked=Marked(), words=Words(), stops=stops, **values
    )
    assert out == "nn! True nn nn Lysark 1 3 &lt;v&gt; True"
    assert PlainCallContext.call is not jinja2.runtime.Context.call  # the fast path is the one being tested


class Shown:
    def __html__(self) -> str:
        return "<b>as it is</b>"


class Word(str):
    def __html__(self) -> str:
        return "<i>a str that says it is safe</i>"


@given(st.text())
def test_the_templates_escape_is_markupsafes_for_any_text(text: str) -> None:
    assert escape(text) == markupsafe.escape(text) and type(escape(text)) is markupsafe.Markup


@pytest.mark.parametrize(
    "value", [markupsafe.Markup("<b>x</b>"), Shown(), Word("<x>"), 3, -12, 10**30, True, None, 2.5, ["<"]]
)
def test_the_templates_escape_is_markupsafes_for_anything_else(value: object) -> None:
    assert escape(value) == markupsafe.escape(value) and type(escape(value)) is markupsafe.Markup


def test_the_themes_templates_escape_with_it_in_blocks_and_macros() -> None:
    env = load_theme("default", Path("content"), Problems(), Path("site.yaml")).environment()
    source = "{% macro m(v) %}[{{ v }}]{% endmacro %}{{ x }} {{ m(x) }} {{ y }}"
    template = env.from_string(source)
    assert template.root_render_func.__globals__["escape"] is escape
    assert theme._escape_inner is not None  # the short way is the one being tested
    out = template.render(x="<a href=\"'&'\">", y=markupsafe.Markup("<br>"))
    assert out == "&lt;a href=&#34;&#39;&amp;&#39;&#34;&gt; [&lt;a href=&#34;&#39;&amp;&#39;&#34;&gt;] <br>"


def test_the_days_decks_are_those_decks_for_finds_in_enough_of_its_sessions() -> None:
    g = small_gathering()
    gatherings = [g, replace(g, decks=(*g.decks, replace(g.decks[1], key="c-deck", sessions=("c", "d", "e", "b"))))]
    for gathering in gatherings:
        day = gathering.days[0]
        plain = [
            d for d in gathering.decks if sum(d in decks_for(gathering, s) for s in day.sessions()) >= DAY_DECK_SESSIONS
        ]
        assert agenda.day_decks(gathering, day) == plain
    assert [d.key for d in agenda.day_decks(gatherings[1], gatherings[1].days[0])] == ["hele", "c-deck"]


PARTS = ["", ".", "..", "g", "sessions", "decks", "x.html", ".hidden", "g.html"]
PATHS = st.lists(st.sampled_from(PARTS), min_size=1, max_size=4).map("/".join)


@settings(max_examples=3000, deadline=None)
@given(PATHS, st.lists(PATHS, max_size=6))
def test_a_pages_links_are_what_relative_makes_of_them(page: str, targets: list[str]) -> None:
    link = links_from(page)
    assert [_outcome(lambda _, t: link(t), page, t) for t in targets] == [_outcome(relative, page, t) for t in targets]
