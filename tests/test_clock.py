"""One clock format: `time_format` in site.yaml decides how every time reads — in the pages, the calendars
and what the scripts write in the browser (clock.js), which all take the separator from the same setting."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from generator.commands.build import build
from generator.render.calendar import session_description

GATHERING = "nettverk-omdomme-2013-03"


@pytest.fixture(scope="module")
def colon_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site with `time_format: "12:30"`."""
    import shutil

    root = tmp_path_factory.mktemp("colon")
    content = root / "content"
    shutil.copytree(Path(__file__).resolve().parents[1] / "content", content)
    site = content / "site.yaml"
    text = site.read_text(encoding="utf-8")
    assert 'time_format: "12.30"' in text
    site.write_text(text.replace('time_format: "12.30"', 'time_format: "12:30"'), encoding="utf-8")
    build(content, root / "output")
    return root / "output"


def test_the_pages_carry_the_separator_and_write_times_with_it(colon_site: Path) -> None:
    for page in colon_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert 'data-time-separator=":"' in html.split(">", 2)[1], page
    day = (colon_site / GATHERING / "2013-03-11.html").read_text(encoding="utf-8")
    assert "09:30–09:40" in day and "09.30–09.40" not in day


def test_a_calendar_writes_sub_item_times_in_the_sites_format() -> None:
    from generator.core.model import Session

    item = Session("a", "Innledning", "talk", 555, 575, True, 20)
    s = Session("s", "Økt", "plenary", 540, 600, True, 60, items=(item,))
    assert session_description(s, ":") == "09:15–09:35 Innledning"
    assert session_description(s) == "09.15–09.35 Innledning"


def test_the_run_sheets_delay_writes_times_with_the_sites_separator(colon_site: Path, browser: Any) -> None:
    context = browser.new_context(timezone_id="Europe/Oslo")
    pg = context.new_page()
    pg.clock.install(time="2013-03-11T09:00:00Z")  # 10.00 in Oslo
    pg.goto((colon_site / GATHERING / "fasilitator" / "2013-03-11.html").as_uri())
    pg.get_by_label("Vi er forsinket med (minutter)").fill("10")
    pg.get_by_role("button", name="Flytt resten av dagen").click()
    shifted = pg.locator("tr.shifted .span").all_inner_texts()
    assert shifted and all(re.fullmatch(r"\d\d:\d\d–\d\d:\d\d|fra \d\d:\d\d", t) for t in shifted), shifted
    assert "fra 20:10" in shifted  # dinner, open-ended, 10 minutes later
    context.close()


def test_the_presenters_clock_uses_the_sites_separator(colon_site: Path, browser: Any) -> None:
    context = browser.new_context(timezone_id="Europe/Oslo")
    pg = context.new_page()
    pg.clock.install(time="2013-03-11T08:05:00Z")  # 09.05 in Oslo
    deck = next((colon_site / GATHERING / "decks").glob("*-presenter.html"))
    pg.goto(deck.as_uri())
    pg.wait_for_function("document.querySelector('[data-clock]').textContent !== ''")
    assert pg.locator("[data-clock]").inner_text() == "09:05"
    context.close()
