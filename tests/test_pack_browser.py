"""The one-file pack in Chromium, opened from file:// in a folder with nothing else beside it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import CONTENT

pytestmark = pytest.mark.browser

GATHERING = "nettverk-omdomme-2013-03"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="module")
def pack_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from generator.commands.pack import pack_site

    out = tmp_path_factory.mktemp("built") / "output"
    result = pack_site(CONTENT, out, [GATHERING])
    alone = tmp_path_factory.mktemp("usb-stick") / f"{GATHERING}.html"
    shutil.copyfile(out / result.packs[0], alone)
    assert sorted(p.name for p in alone.parent.iterdir()) == [alone.name]
    return alone


def docs(pack_file: Path) -> dict[str, str]:
    text = pack_file.read_text("utf-8")
    data = re.search(r'<script type="application/json" id="pack-data">(.*?)</script>', text, re.S)
    assert data is not None
    return json.loads(data.group(1))["docs"]


def shown(page: Any, page_id: str) -> None:
    page.wait_for_function("id => document.documentElement.getAttribute('data-pack-page') === id", arg=page_id)


def test_every_internal_link_leads_to_its_page(pack_file: Path, page: Any) -> None:
    """Each page of the pack, and from it each link to another page of it, clicked once per target."""
    ids = list(docs(pack_file))
    assert len(ids) > 25 and "p-index" in ids
    clicked: set[str] = set()
    for here in ids:
        page.goto(f"{pack_file.as_uri()}#{here}")
        shown(page, here)
        assert not page.locator("a[href]").evaluate_all(
            "links => links.map(a => a.getAttribute('href')).filter(h => !/^(#|data:|https?:|mailto:|tel:)/.test(h))"
        ), f"a link on {here} points beside the file"
        targets = page.locator('a[href^="#p-"]').evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert all(t[1:] in ids for t in targets), (here, targets)
        for target in dict.fromkeys(targets):
            if target[1:] in clicked or target[1:] == here:
                continue
            page.locator(f'a[href="{target}"]').first.evaluate("a => a.click()")
            shown(page, target[1:])
            assert page.locator("h1").first.inner_text().strip()
            clicked.add(target[1:])
            page.goto(f"{pack_file.as_uri()}#{here}")
            shown(page, here)
    assert len(clicked) > 20


def test_a_deck_presents_from_the_file_with_its_presenter_view(pack_file: Path, page: Any) -> None:
    deck = next(i for i in docs(pack_file) if i.startswith("p-decks-") and not i.endswith("-presenter"))
    page.goto(f"{pack_file.as_uri()}#{deck}")
    shown(page, deck)
    page.wait_for_selector(".deck-slide:not([hidden])")
    first = page.locator(".deck-slide:not([hidden])").get_attribute("aria-label")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.hash === '#2'")
    assert page.locator(".deck-slide:not([hidden])").get_attribute("aria-label") != first
    page.reload()
    shown(page, deck)  # a slide number in the hash keeps the deck shown
    page.locator(".deck-back").click()  # to the overview, and Back to the deck at its slide
    shown(page, "p-index")
    page.go_back()
    shown(page, deck)
    page.wait_for_function("() => location.hash === '#2'")
    page.wait_for_function("() => document.querySelector('.deck-slide:not([hidden])')?.dataset.slide !== undefined")
    with page.expect_popup() as popup_info:
        page.keyboard.press("s")
    presenter = popup_info.value
    shown(presenter, f"{deck}-presenter")
    assert "Sissel noterer" not in presenter.content()
    # Its slides.js has run (it marks the slide the audience shows) before the audience moves on.
    presenter.wait_for_function("() => document.querySelector('.presenter-notes.is-current')?.dataset.slide === '2'")
    page.keyboard.press("ArrowRight")
    presenter.wait_for_function("() => document.querySelector('.presenter-notes.is-current')?.dataset.slide === '3'")


def test_a_worksheet_keeps_its_answers_in_the_file(pack_file: Path, page: Any) -> None:
    sheet = next(i for i in docs(pack_file) if i.startswith("p-worksheets-"))
    page.goto(f"{pack_file.as_uri()}#{sheet}")
    shown(page, sheet)
    field = page.locator("[data-worksheet-storage] textarea[id], [data-worksheet-storage] input[type=text][id]").first
    field.fill("Skrive inn i fila")
    field.dispatch_event("input")
    field.dispatch_event("change")
    page.reload()
    shown(page, sheet)
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-worksheet-storage] textarea, [data-worksheet-storage] input')]"
        ".some(e => e.value === 'Skrive inn i fila')"
    )


def test_without_javascript_every_page_is_in_the_file(pack_file: Path, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(pack_file.as_uri())
    sections = page.locator("section.pack-page")
    expected = [i for i in docs(pack_file) if not i.endswith("-presenter")]
    assert sections.evaluate_all("s => s.map(e => e.id)") == expected
    assert all(sections.nth(i).is_visible() for i in range(sections.count()))
    assert sections.evaluate_all("s => s.every(e => e.querySelector('h1'))")
    broken = page.evaluate(
        "[...document.querySelectorAll('a[href^=\"#\"]')].map(a => a.getAttribute('href').slice(1))"
        ".filter(id => id && !document.getElementById(id))"
    )
    assert not broken
    context.close()


def axe(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}}).response
    return [f"{v['id']}: {v['nodes'][0]['html'][:160]}" for v in results["violations"]]


def test_axe_finds_nothing_in_the_pack(pack_file: Path, page: Any, tmp_path: Path) -> None:
    # The pages as the router writes them: one of each kind.
    ids = list(docs(pack_file))
    kinds = ("p-index", "p-20", "p-sessions-", "p-decks-", "p-worksheets-", "p-models-")
    for kind in kinds:
        one = next(i for i in ids if i.startswith(kind))
        page.goto(f"{pack_file.as_uri()}#{one}")
        shown(page, one)
        assert not axe(page), one
    # The pack as read without JavaScript (the router left out, so axe sees the sections).
    static = tmp_path / "static.html"
    text = pack_file.read_text("utf-8")
    static.write_text(re.sub(r'<script id="pack-router">.*?</script>', "", text, flags=re.S), "utf-8")
    page.goto(static.as_uri())
    assert not axe(page)


def test_the_nu_validator_finds_nothing_in_the_pack(pack_file: Path) -> None:
    from test_html_valid import validate

    assert validate(pack_file.parent) == {}
