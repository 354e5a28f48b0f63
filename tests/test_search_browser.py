"""The search box in Chromium from file://: folding, prefixes, grouping, the keyboard, axe, UI words.

The page under test sits two folders deep in a copy of the built example site (where a session page
would be), with the partial, search.css, search.js and the index written beside it, so the links
it makes are the relative ones a real page would make.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import CONTENT
from test_accessibility import axe_violations

from generator.commands.build import check
from generator.core.errors import Problems
from generator.render import Strings, page_context
from generator.render.pages import PagePlan
from generator.render.search import fold, index_files, tokens
from generator.render.theme import DEFAULT_THEME, load_theme

pytestmark = pytest.mark.browser

GATHERING = "nettverk-omdomme-2013-03"
HERE = f"{GATHERING}/sessions/zz-search-test.html"
PAGE = """<!doctype html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ t('search_label') }}</title>
<link rel="stylesheet" href="{{ url('assets/style.css') }}">
<link rel="stylesheet" href="{{ url('assets/search.css') }}">
</head><body><header class="site-header">{% include "partials/search.html" %}</header>
<main id="main"><h1>{{ t('search_label') }}</h1></main>
<script src="{{ url('assets/search.js') }}"></script></body></html>
"""


def search_page(built_site: Path, folder: Path, lang: str = "nb") -> Path:
    site_dir = folder / "site"
    shutil.copytree(built_site, site_dir)
    site = check(CONTENT)
    theme = load_theme("default", CONTENT, Problems(), CONTENT / "site.yaml")
    gathering = next(g for g in site.gatherings if g.key == GATHERING)
    context = page_context(site, theme, PagePlan(HERE, "", "search", {}, gathering))
    context.update(lang=lang, t=Strings(lang, theme.strings[lang]))
    (site_dir / HERE).write_text(theme.environment().from_string(PAGE).render(context), "utf-8")
    for name in ("search.js", "search.css"):
        shutil.copy(DEFAULT_THEME / "static" / name, site_dir / "assets" / name)
    for path, data in index_files(site, theme.strings):
        (site_dir / path).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / path).write_bytes(data)
    return site_dir / HERE


@pytest.fixture(scope="module")
def page_path(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return search_page(built_site, tmp_path_factory.mktemp("search"))


def type_query(page: Any, text: str) -> None:
    box = page.locator("#site-search-input")
    box.fill(text)
    # The form names the query its results are for once they are drawn: wait on that, never on time.
    page.wait_for_function("q => document.querySelector('form.site-search').dataset.searched === q", arg=text)


def titles(page: Any) -> list[str]:
    return page.locator("[role=option] .site-search-title").all_inner_texts()


def test_folded_prefixes_find_the_session_and_nothing_for_a_typo(page: Any, page_path: Path) -> None:
    page.goto(page_path.as_uri())
    assert page.locator("form.site-search").is_visible()
    for query in ("måling", "maling", "MÅL", "måling av res"):
        type_query(page, query)
        found = titles(page)
        assert "Måling av resultater" in found, (query, found)
        assert "Måling" in found[0] or "måling" in found[0], f"a title match ranks first: {found}"
        assert page.get_attribute("#site-search-input", "aria-expanded") == "true"
        assert page.locator("[role=option] mark").first.inner_text().lower() in ("måling", "mål", "målinger")
        status = page.locator(".site-search-status").inner_text()
        assert status.endswith("treff") and status.split()[0].isdigit()
    type_query(page, "måling")
    groups = page.locator(".site-search-group").all_inner_texts()
    assert groups == ["Nettverk – omdømme", "Modeller"]
    type_query(page, "malig")
    assert titles(page) == []
    assert page.locator(".site-search-status").inner_text() == "Ingen treff"
    assert page.get_attribute("#site-search-input", "aria-expanded") == "false"
    # Notes are not searchable: a word only a facilitator note has finds nothing.
    type_query(page, "noterer svarene")
    assert page.locator(".site-search-status").inner_text() == "Ingen treff"


def test_the_keyboard_moves_through_results_and_opens_one(page: Any, page_path: Path) -> None:
    page.goto(page_path.as_uri())
    box = page.locator("#site-search-input")
    type_query(page, "måling av resultater")
    options = page.locator("[role=option]")
    ids = [options.nth(i).get_attribute("id") for i in range(options.count())]
    assert len(ids) >= 2
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == ids[0]
    assert options.nth(0).get_attribute("aria-selected") == "true"
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == ids[1]
    assert options.nth(0).get_attribute("aria-selected") == "false"
    box.press("ArrowUp")
    box.press("ArrowUp")
    assert box.get_attribute("aria-activedescendant") == ids[-1], "up from the first wraps to the last"
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    assert box.get_attribute("aria-activedescendant") is None
    assert page.locator("#site-search-results").is_hidden()
    box.press("ArrowDown")
    assert box.get_attribute("aria-expanded") == "true"
    assert box.get_attribute("aria-activedescendant") == ids[0]
    target = options.nth(0).get_attribute("data-href")
    assert target.startswith("../") and target.endswith(".html"), "relative to this page"
    box.press("Enter")
    page.wait_for_url("**/" + target.replace("../", ""))
    assert page.locator("h1").first.inner_text() == titles_first(page_path, target)


def titles_first(page_path: Path, target: str) -> str:
    """The h1 of the page a result links to, read from the file."""
    text = (page_path.parent / target).resolve().read_text("utf-8")
    return re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S).group(1)).strip()


def test_axe_finds_nothing_with_results_open(page: Any, page_path: Path) -> None:
    page.goto(page_path.as_uri())
    type_query(page, "risiko")
    page.locator("#site-search-input").press("ArrowDown")
    assert page.locator("[role=listbox]").is_visible()
    assert axe_violations(page) == []
    # WCAG 2.2 AA as well (target size, focus not obscured), on the open list of results.
    from axe_playwright_python.sync_playwright import Axe

    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
    assert Axe().run(page, options={"runOnly": {"type": "tag", "values": tags}}).response["violations"] == []


def test_english_ui_words_and_no_box_without_javascript(
    browser: Any, page: Any, built_site: Path, tmp_path: Path
) -> None:
    english = search_page(built_site, tmp_path, "en")
    page.goto(english.as_uri())
    assert page.locator("label[for=site-search-input]").inner_text() == "Search"
    type_query(page, "forankring")
    assert page.locator(".site-search-status").inner_text().endswith("results")
    assert "Models" in page.locator(".site-search-group").all_inner_texts()
    assert page.locator(".site-search-kind").first.inner_text() in ("Session", "Slides", "Worksheet", "Model", "Day")
    context = browser.new_context(java_script_enabled=False)
    try:
        still = context.new_page()
        still.goto(english.as_uri())
        assert still.locator("form.site-search").is_hidden()
        assert still.locator("h1").inner_text() == "Search"
    finally:
        context.close()


def test_the_browser_folds_and_splits_as_python_does(page: Any, page_path: Path) -> None:
    page.goto(page_path.as_uri())
    samples = [
        "Måling av RESULTATER",
        "Ærlighet og økonomi",
        "café Čáhppes Điehtu ŋ Straße",
        "ﬁre ½ x²",
        "a_b-c",
        "Ǽrlig A\u030aker",
        "x" * 40,
    ]
    js = page.evaluate("s => s.map(t => [SamlingSearch.fold(t), SamlingSearch.tokens(t)])", samples)
    for text, (folded, split) in zip(samples, js, strict=True):
        assert folded == fold(text), text
        assert [t for t in split if len(t) >= 2] == list(dict.fromkeys(tokens(text))), text


def test_every_built_page_has_the_box_and_it_works_there(built_site: Path, page: Any) -> None:
    """The real build: the index is written, and a session page's box finds and opens a page."""
    theme = load_theme("default", CONTENT, Problems(), CONTENT / "site.yaml")  # its words, as the build's
    for path, data in index_files(check(CONTENT), theme.strings):
        assert (built_site / path).read_bytes() == data, path
    # Slide decks and their presenter view are full-screen pages of their own, with their own keys.
    pages = [p for p in built_site.rglob("*.html") if not re.search(r"/decks/[^/]+(-presenter)?\.html$", p.as_posix())]
    assert len(pages) > 40
    assert not [p for p in pages if '<form role="search" class="site-search"' not in p.read_text("utf-8")]
    page.goto((built_site / GATHERING / "2013-03-11.html").as_uri())
    type_query(page, "maling av")
    assert "Måling av resultater" in titles(page)
    box = page.locator("#site-search-input")
    box.press("ArrowDown")
    target = page.locator("[role=option]").first.get_attribute("data-href")
    assert not target.startswith(("/", "file:")) and target.endswith(".html")
    box.press("Enter")
    page.wait_for_url("**/" + target.replace("../", ""))
    assert page.locator("h1").first.inner_text() == "Måling av resultater"
