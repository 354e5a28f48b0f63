"""The slide viewer in headless Chromium, opened via file:// as a facilitator would from a file share."""

from __future__ import annotations

import io
import math
from pathlib import Path
from typing import Any

import pytest

DECK = "nettverk-omdomme-2013-03/decks/samling-mars-2013"
SLIDES = 43
CURRENT = ".deck-stage > .deck-slide:not([hidden])"


@pytest.fixture(scope="module")
def deck_url(built_site: Path) -> str:
    return (built_site / f"{DECK}.html").as_uri()


def visible_numbers(page: Any) -> list[int]:
    return [int(n) for n in page.eval_on_selector_all(CURRENT, "els => els.map(e => e.dataset.slide)")]


def open_at(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_function("document.documentElement.classList.contains('js')")


def test_arrow_right_changes_the_hash_and_the_slide(page: Any, deck_url: str) -> None:
    open_at(page, deck_url)
    assert visible_numbers(page) == [1]
    page.keyboard.press("ArrowRight")
    assert page.evaluate("location.hash") == "#2"
    assert visible_numbers(page) == [2]
    assert page.locator("[data-status]").text_content() == "2 av 43: Saman om ein betre kommune"


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (["Space"], 6),
        (["PageDown", "PageDown"], 7),
        (["PageUp"], 4),
        (["Shift+Space"], 4),
        (["ArrowLeft", "ArrowLeft"], 3),
        (["End"], SLIDES),
        (["Home"], 1),
    ],
)
def test_presenter_clicker_keys(page: Any, deck_url: str, keys: list[str], expected: int) -> None:
    open_at(page, f"{deck_url}#5")
    for key in keys:
        page.keyboard.press(key)
    assert visible_numbers(page) == [expected]
    assert page.evaluate("location.hash") == f"#{expected}"


def test_a_link_to_slide_5_lands_there_with_date_and_number_in_the_footer(page: Any, deck_url: str) -> None:
    open_at(page, f"{deck_url}#5")
    assert visible_numbers(page) == [5]
    footer = page.locator(f"{CURRENT} .deck-slide-footer")
    assert footer.is_visible()
    assert " ".join(footer.inner_text().split()).endswith("22.03.2013 5")
    page.keyboard.press("End")
    assert page.locator(f"{CURRENT} .deck-footer-number").inner_text() == f"22.03.2013 {SLIDES}"


def test_back_and_forward_step_through_slides(page: Any, deck_url: str) -> None:
    open_at(page, deck_url)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.go_back()
    page.wait_for_function("location.hash === '#2'")
    assert visible_numbers(page) == [2]
    page.go_forward()
    page.wait_for_function("location.hash === '#3'")
    assert visible_numbers(page) == [3]
    page.reload()
    page.wait_for_function("document.documentElement.classList.contains('js')")
    assert visible_numbers(page) == [3]


def test_click_and_swipe_move_between_slides(browser: Any, deck_url: str) -> None:
    context = browser.new_context(has_touch=True)
    page = context.new_page()
    try:
        open_at(page, f"{deck_url}#4")
        box = page.locator(CURRENT).bounding_box()
        page.mouse.click(box["x"] + box["width"] * 0.8, box["y"] + box["height"] / 2)
        assert visible_numbers(page) == [5]
        page.mouse.click(box["x"] + 10, box["y"] + box["height"] / 2)  # the left quarter goes back
        assert visible_numbers(page) == [4]
        swipe = """([from, to]) => {
            const stage = document.querySelector('.deck-stage');
            const touch = x => new Touch({identifier: 1, target: stage, clientX: x, clientY: 300});
            stage.dispatchEvent(new TouchEvent('touchstart', {touches: [touch(from)], bubbles: true}));
            const end = {changedTouches: [touch(to)], bubbles: true, cancelable: true};
            stage.dispatchEvent(new TouchEvent('touchend', end));
        }"""
        page.evaluate(swipe, [600, 300])  # right to left: next
        assert visible_numbers(page) == [5]
        page.evaluate(swipe, [300, 600])
        assert visible_numbers(page) == [4]
    finally:
        context.close()


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (800, 1000), (1920, 600)])
def test_the_slide_keeps_16_to_9_and_fills_the_window(browser: Any, deck_url: str, width: int, height: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        open_at(page, f"{deck_url}#11")
        box = page.locator(CURRENT).bounding_box()
        assert box["width"] / box["height"] == pytest.approx(16 / 9, rel=0.01)
        assert box["width"] == pytest.approx(width, abs=2) or box["y"] + box["height"] == pytest.approx(height, abs=2)
        overflowing = page.eval_on_selector(f"{CURRENT} .deck-slide-body", "b => b.scrollHeight > b.clientHeight + 1")
        assert not overflowing  # long slides shrink their text to fit
    finally:
        page.close()


def test_notes_are_not_in_the_audience_view(page: Any, deck_url: str) -> None:
    open_at(page, f"{deck_url}#20")  # "Hensikten": Sissel noterer svarene fra hver kommune
    assert "Hensikten" in page.locator(CURRENT).inner_text()
    assert "Sissel noterer" not in page.content()
    tree = page.locator("body").aria_snapshot()
    assert "Sissel noterer" not in tree
    assert tree.count("region ") == 1, tree  # only the current slide is exposed
    assert "-notes.html" not in page.content()  # the facilitators' notes page is not linked for participants


def test_overview_grid_and_back(page: Any, deck_url: str) -> None:
    open_at(page, f"{deck_url}#3")
    page.keyboard.press("o")
    assert len(visible_numbers(page)) == SLIDES
    assert page.evaluate("document.activeElement.dataset.slide") == "3"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert visible_numbers(page) == [4]
    assert page.evaluate("location.hash") == "#4"


def test_the_skip_link_leads_to_the_slide_and_f_goes_full_screen(page: Any, deck_url: str) -> None:
    open_at(page, f"{deck_url}#6")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.dataset.slide") == "6"
    assert page.evaluate("location.hash") == "#6"
    page.keyboard.press("f")
    page.wait_for_function("document.fullscreenElement !== null")
    assert not page.locator(".deck-bar").is_visible()
    page.keyboard.press("f")
    page.wait_for_function("document.fullscreenElement === null")
    assert page.locator(".deck-bar").is_visible()


def test_keyboard_focus_follows_the_slide(page: Any, deck_url: str) -> None:
    open_at(page, f"{deck_url}#14")  # Forankring: the figure links to the model's page
    page.locator(f"{CURRENT} .figure-link a").focus()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.dataset.slide") == "15"  # not lost on a hidden slide
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.dataset.slide") == "16"


def test_without_javascript_every_slide_reads_in_order(browser: Any, deck_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(deck_url)
        slides = page.locator(".deck-slide")
        assert slides.count() == SLIDES
        assert all(slides.nth(i).is_visible() for i in (0, 20, SLIDES - 1))
        assert page.locator("a.deck-back").is_visible()
    finally:
        context.close()


def wait_current(page: Any, n: int) -> None:
    page.wait_for_function(
        f"document.querySelector('.presenter-grid > .deck-slide.is-current')?.dataset.slide === '{n}'"
    )


def test_presenter_view_follows_the_audience_and_leads_it(page: Any, deck_url: str) -> None:
    open_at(page, f"{deck_url}#19")
    with page.expect_popup() as popup_info:
        page.keyboard.press("s")
    presenter = popup_info.value
    presenter.wait_for_load_state()
    assert presenter.url.split("/")[-1] == "samling-mars-2013-presenter.html#19"
    wait_current(presenter, 19)
    page.keyboard.press("ArrowRight")
    wait_current(presenter, 20)
    notes = presenter.locator(".presenter-notes.is-current")
    assert "Sissel noterer svarene fra hver kommune." in notes.inner_text()
    assert "Prosjektets hensikt" in notes.inner_text() and "30 min" in notes.inner_text()
    assert presenter.locator(".presenter-grid > .deck-slide.is-next").get_attribute("data-slide") == "21"
    presenter.keyboard.press("ArrowRight")
    page.wait_for_function("location.hash === '#21'")
    assert visible_numbers(page) == [21]
    presenter.keyboard.press("ArrowLeft")
    page.wait_for_function("location.hash === '#20'")
    page.keyboard.press("End")
    wait_current(presenter, SLIDES)
    presenter.close()


def test_presenter_view_shows_timing(page: Any, built_site: Path) -> None:
    page.goto((built_site / f"{DECK}-presenter.html").as_uri() + "#5")
    page.wait_for_function("document.querySelector('[data-clock]').textContent !== ''")
    assert page.locator("[data-elapsed]").inner_text() == "0:00"
    planned = page.locator("[data-planned-total]")
    assert int(planned.get_attribute("data-minutes")) > 60 and " t " in planned.inner_text()
    assert "Presentasjoner" in page.locator(".presenter-notes.is-current").inner_text()
    assert page.locator("a[href$='-notes.html']").count() == 1  # the notes page is linked from here


def pdf_pages(page: Any, url: str) -> list[tuple[float, float]]:
    from pypdf import PdfReader

    page.goto(url)
    page.wait_for_load_state()
    page.wait_for_timeout(100)  # the viewer fits every slide's text after loading
    reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]


def test_printing_gives_one_landscape_page_per_slide(page: Any, deck_url: str) -> None:
    sizes = pdf_pages(page, f"{deck_url}#7")
    assert len(sizes) == SLIDES
    assert all(w > h for w, h in sizes)


def test_the_handout_prints_three_slides_per_portrait_page(page: Any, built_site: Path) -> None:
    sizes = pdf_pages(page, (built_site / f"{DECK}-handout.html").as_uri())
    assert len(sizes) == math.ceil(SLIDES / 3)
    assert all(h > w for w, h in sizes)


def test_the_notes_page_prints_each_slide_with_its_notes(page: Any, built_site: Path) -> None:
    url = (built_site / f"{DECK}-notes.html").as_uri()
    assert len(pdf_pages(page, url)) == SLIDES
    assert "Sissel noterer svarene fra hver kommune." in page.content()


@pytest.mark.parametrize("suffix", ["", "-presenter", "-handout", "-notes"])
def test_deck_pages_pass_axe(page: Any, built_site: Path, suffix: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto((built_site / f"{DECK}{suffix}.html").as_uri() + "#13")
    page.wait_for_load_state()
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    violations = Axe().run(page, options=options).response["violations"]
    assert not violations, [(v["id"], v["nodes"][0]["html"][:120]) for v in violations]


def test_the_notes_and_presenter_pages_are_linked_from_no_participant_page(built_site: Path) -> None:
    linking = {
        str(p.relative_to(built_site))
        for p in built_site.rglob("*.html")
        if "samling-mars-2013-notes.html" in p.read_text("utf-8")
        or "samling-mars-2013-presenter.html" in p.read_text("utf-8")
    }
    # The presenter view links the notes page; the deck names the presenter view only in its script's data;
    # the facilitator section links both.
    facilitators = "nettverk-omdomme-2013-03/fasilitator/index.html"
    assert linking <= {f"{DECK}-presenter.html", f"{DECK}.html", facilitators}, linking
    deck_html = (built_site / f"{DECK}.html").read_text("utf-8")
    assert 'href="samling-mars-2013-presenter.html' not in deck_html and "-notes.html" not in deck_html


def test_a_4_to_3_deck_keeps_its_shape(browser: Any, content_copy: Path, tmp_path: Path) -> None:
    from generator.commands.build import build

    path = content_copy / f"{DECK}.md"
    path.write_text(path.read_text("utf-8").replace('aspect: "16:9"', 'aspect: "4:3"'), "utf-8")
    build(content_copy, tmp_path / "out")
    page = browser.new_page(viewport={"width": 1400, "height": 700})
    try:
        open_at(page, (tmp_path / "out" / f"{DECK}.html").as_uri() + "#28")
        box = page.locator(CURRENT).bounding_box()
        assert box["width"] / box["height"] == pytest.approx(4 / 3, rel=0.01)
        sizes = pdf_pages(page, (tmp_path / "out" / f"{DECK}.html").as_uri())
        assert len(sizes) == SLIDES
    finally:
        page.close()
