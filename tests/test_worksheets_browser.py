"""Worksheets in headless Chromium: entries kept in this browser only, cleared, keyboard use, axe."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

GATHERING = "nettverk-omdomme-2013-03"
RISK_FORM = f"{GATHERING}/worksheets/risikoskjema.html"


def open_sheet(page: Any, site: Path, path: str = RISK_FORM) -> list[str]:
    """Open a page and return the list that collects every URL it requests."""
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto((site / path).as_uri())
    return requested


def entries(page: Any) -> dict[str, Any]:
    return page.evaluate(
        """() => ({
            engasjement: document.querySelector('input[name="risikoskjema-1-1"]:checked')?.value ?? null,
            annet: document.querySelector('input[name="risikoskjema-1-10"]:checked')?.value ?? null,
            comment: document.getElementById('risikoskjema-1-1-comment').value,
            name: document.getElementById('risikoskjema-name').value,
        })"""
    )


def test_the_risk_form_keeps_its_entries_after_a_reload_and_in_a_new_tab_and_clear_empties_it(
    built_site: Path, page: Any
) -> None:
    requested = open_sheet(page, built_site)
    page.get_by_label("Manglende engasjement: 7").check()
    page.get_by_label("Annet: 10 (Stor risiko)").check()
    page.get_by_label("Kommentar – Manglende engasjement").fill("Få møter opp")
    page.get_by_label("Navn").fill("Kari Nordmann")
    filled = {"engasjement": "7", "annet": "10", "comment": "Få møter opp", "name": "Kari Nordmann"}
    assert entries(page) == filled

    page.reload()
    assert entries(page) == filled
    # A fresh tab gets no help from the browser's own form restoration: this is localStorage.
    other = page.context.new_page()
    other.goto(page.url)
    assert entries(other) == filled
    other.close()

    page.get_by_role("button", name="Tøm skjemaet").click()
    empty = {"engasjement": None, "annet": None, "comment": "", "name": ""}
    assert entries(page) == empty
    assert page.locator("main").get_by_role("status").inner_text() == "Skjemaet er tømt."
    page.reload()
    assert entries(page) == empty
    assert all(url.startswith("file://") for url in requested), requested  # nothing is sent anywhere
    assert page.locator("main form").count() == 0  # so nothing can be submitted either (the search box never submits)


def test_each_worksheet_is_stored_under_its_own_key(built_site: Path, page: Any) -> None:
    open_sheet(page, built_site)
    page.get_by_label("Navn").fill("Ola")
    page.goto((built_site / f"{GATHERING}/worksheets/fokusomrader.html").as_uri())
    assert page.get_by_label("Navn").input_value() == ""
    keys = page.evaluate("() => Object.keys(localStorage)")
    assert keys == [f"samling:worksheet:{GATHERING}/risikoskjema"]


def test_the_scale_works_from_the_keyboard_alone(built_site: Path, page: Any) -> None:
    open_sheet(page, built_site)
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.name") == "risikoskjema-1-1":
            break
    else:
        pytest.fail("Tab never reached the first factor's scale")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert entries(page)["engasjement"] == "3"
    outline = page.evaluate("() => getComputedStyle(document.activeElement.nextElementSibling).outlineStyle")
    assert outline == "solid"  # the focused value is visibly marked


def test_a_matrix_cell_is_clicked_anywhere_and_named_by_its_place(built_site: Path, page: Any) -> None:
    open_sheet(page, built_site, f"{GATHERING}/worksheets/ros-matrise-5x5.html")
    cell = page.get_by_label("Sannsynlighet 1, konsekvens 3, akseptabel")
    td = cell.locator("xpath=..")
    td.scroll_into_view_if_needed()
    box = td.bounding_box()
    page.mouse.click(box["x"] + box["width"] - 4, box["y"] + box["height"] - 4)  # a corner, not the number
    assert cell.is_checked()
    page.reload()
    assert cell.is_checked()


def test_without_javascript_the_form_is_complete_and_the_buttons_stay_hidden(built_site: Path, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto((built_site / RISK_FORM).as_uri())
        assert page.locator("input[type=radio]").count() == 100
        assert not page.get_by_role("button", name="Skriv ut").is_visible()
        page.get_by_label("Manglende engasjement: 4").check()
        assert page.get_by_label("Manglende engasjement: 4").is_checked()
    finally:
        context.close()


@pytest.mark.parametrize(
    "path",
    [
        f"{GATHERING}/worksheets/risikoskjema.html",
        f"{GATHERING}/worksheets/ros-matrise-5x5.html",
        f"{GATHERING}/worksheets/maling-tidslinje.html",
        f"{GATHERING}/worksheets.html",
    ],
)
def test_worksheet_pages_pass_axe(built_site: Path, page: Any, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    open_sheet(page, built_site, path)
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    violations = Axe().run(page, options=options).response["violations"]
    assert not violations, [(v["id"], v["nodes"][0]["html"][:160]) for v in violations]
