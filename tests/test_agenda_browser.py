"""The agenda in headless Chromium: one A4 page per day, the live marker in Oslo time, the delay control."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

GATHERING = "nettverk-omdomme-2013-03"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def url(site: Path, page: str) -> str:
    return (site / GATHERING / page).as_uri()


@pytest.fixture
def new_york(browser: Any) -> Any:
    """A laptop set to New York, five or six hours behind the venue."""
    context = browser.new_context(timezone_id="America/New_York")
    yield context.new_page()
    context.close()


def marked(pg: Any, which: str) -> list[str]:
    """The titles of the rows, tracks and sub-items marked is-now / is-next, without the flag word."""
    return pg.eval_on_selector_all(
        f".{which}",
        """els => els.map(el => {
            const c = el.cloneNode(true);
            c.querySelectorAll('.now-flag').forEach(f => f.remove());
            const title = c.querySelector('.session-title');
            const words = (title && el.tagName !== 'LI' ? title : c).textContent.trim();
            return words.split(/\\s+/).join(' ');
        })""",
    )


# --- print ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("day", ["2013-03-11", "2013-03-12"])
def test_a_day_prints_on_one_a4_page_without_navigation(built_site: Path, page: Any, day: str) -> None:
    page.goto(url(built_site, f"{day}.html"))
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
    assert len(pdf.pages) == 1
    box = pdf.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)
    printed = pdf.pages[0].extract_text()
    assert "Lunsj" in printed
    for absent in ("Legg til i kalender", "Hopp til innholdet", "Saman om ein betre kommune ›"):
        assert absent not in printed


def test_print_is_black_on_white_and_breaks_stay_distinct_without_colour(built_site: Path, page: Any) -> None:
    page.goto(url(built_site, "2013-03-11.html"))
    page.emulate_media(media="print")
    styles = page.evaluate(
        """() => {
            const cell = (sel) => getComputedStyle(document.querySelector(sel));
            return {
                pause: cell('tr.pause td.col-what').fontStyle,
                talk: cell('tr.kind-talk td.col-what').fontStyle,
                colour: cell('tr.kind-talk td.col-who').color,
                nav: getComputedStyle(document.querySelector('.breadcrumbs')).display,
            };
        }"""
    )
    assert styles == {"pause": "italic", "talk": "normal", "colour": "rgb(0, 0, 0)", "nav": "none"}


# --- the live marker -----------------------------------------------------------------------------------


def test_the_session_running_in_oslo_is_marked_not_the_one_at_the_viewers_local_time(
    built_site: Path, new_york: Any
) -> None:
    # 14.20 UTC is 15.20 in Oslo (the coffee break) but 10.20 in New York (when 'Et opptrekk' runs in Oslo).
    new_york.clock.install(time="2013-03-11T14:20:00Z")
    new_york.goto(url(built_site, "2013-03-11.html"))
    assert new_york.evaluate("new Date().getHours()") == 10
    assert marked(new_york, "is-now") == ["Pause med kaffe og noe å bite i"]
    assert marked(new_york, "is-next") == ["Måling av resultater"]
    row = new_york.locator("tr.is-now")
    assert row.get_attribute("aria-current") == "time"
    assert row.locator(".now-flag").inner_text().lower() == "nå"


def test_the_marker_moves_by_itself_and_marks_sub_items(built_site: Path, new_york: Any) -> None:
    new_york.clock.install(time="2013-03-11T14:20:00Z")
    new_york.goto(url(built_site, "2013-03-11.html"))
    new_york.clock.run_for("20:00")  # to 15.40 in Oslo, inside 'Måling av resultater'
    assert marked(new_york, "is-now") == ["Måling av resultater", "15.35–15.55 En kort introduksjon"]
    assert marked(new_york, "is-next") == ["Oppsummering av dagen"]


def test_free_time_and_the_next_session_before_lunch(built_site: Path, new_york: Any) -> None:
    new_york.clock.install(time="2013-03-11T10:15:00Z")  # 11.15 in Oslo
    new_york.goto(url(built_site, "2013-03-11.html"))
    assert new_york.locator("tr.free-time").get_attribute("class").split() == ["free-time", "is-now"]
    assert marked(new_york, "is-next") == ["Lunsj"]


def test_nothing_is_marked_on_another_day(built_site: Path, new_york: Any) -> None:
    new_york.clock.install(time="2013-03-12T09:00:00Z")  # Tuesday 10.00 in Oslo
    new_york.goto(url(built_site, "2013-03-11.html"))
    assert new_york.locator(".is-now, .is-next").count() == 0
    new_york.goto(url(built_site, "2013-03-12.html"))
    assert marked(new_york, "is-now") == ["Prosjektplanlegging"]
    new_york.goto(url(built_site, "index.html"))  # the overview marks only Tuesday's table
    assert marked(new_york, "is-now") == ["Prosjektplanlegging"]


def test_the_page_is_complete_without_javascript(built_site: Path, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(url(built_site, "2013-03-11.html"))
    assert pg.locator("table.agenda tbody tr").count() == 21
    assert pg.locator(".now-flag").count() == 0
    pg.goto(url(built_site, "fasilitator/2013-03-11.html"))
    assert not pg.locator("form.late-control").is_visible()  # the control needs JS, so it stays hidden
    assert "Sissel noterer svarene fra hver kommune" in pg.locator("table.run-sheet").inner_text()
    context.close()


# --- the run-sheet's delay control ------------------------------------------------------------------------


def spans(pg: Any) -> dict[str, str]:
    return pg.eval_on_selector_all(
        "table.run-sheet tbody > tr",
        """rows => Object.fromEntries(rows.map(r => [
            (r.querySelector('.session-title') || r.cells[1]).textContent.trim().split(/\\s+/).join(' '),
            r.querySelector('.span').textContent]))""",
    )


def test_running_late_shifts_the_rest_of_the_day_on_this_device_and_resets(built_site: Path, new_york: Any) -> None:
    new_york.clock.install(time="2013-03-11T09:00:00Z")  # 10.00 in Oslo: 'Vi tar ut forventninger' is running
    sheet = url(built_site, "fasilitator/2013-03-11.html")
    new_york.goto(sheet)
    before = spans(new_york)
    new_york.get_by_label("Vi er forsinket med (minutter)").fill("10")
    new_york.get_by_role("button", name="Flytt resten av dagen").click()
    after = spans(new_york)
    assert after["Program"] == before["Program"] == "09.30–09.40"  # finished before the delay: unchanged
    assert after["Vi tar ut forventninger"] == "09.55–10.25"  # running: keeps its start, ends later
    assert after["Et opptrekk …"] == "10.25–10.40"
    assert after["Middag"] == "fra 20.10"  # an open end moves its start
    assert new_york.locator(".late-status").inner_text().startswith("Resten av dagen er flyttet 10 min")
    assert new_york.locator("li.shifted .span").first.inner_text() == "15.45–16.05"  # sub-items move too

    new_york.clock.run_for("20:00")  # 10.20: by the shifted times 'Vi tar ut forventninger' still runs
    assert marked(new_york, "is-now") == ["Vi tar ut forventninger"]

    new_york.reload()  # kept in this browser's storage
    assert spans(new_york)["Et opptrekk …"] == "10.25–10.40"
    new_york.get_by_role("button", name="Tilbakestill").click()
    assert spans(new_york) == before
    new_york.reload()
    assert spans(new_york) == before


def test_agenda_and_run_sheet_pass_axe_with_the_marker_and_a_delay(built_site: Path, new_york: Any) -> None:
    from axe_playwright_python.sync_playwright import Axe

    new_york.clock.install(time="2013-03-11T14:20:00Z")
    failures = []
    for name in ("2013-03-11.html", "fasilitator/2013-03-11.html"):
        new_york.goto(url(built_site, name))
        if "fasilitator" in name:
            new_york.get_by_label("Vi er forsinket med (minutter)").fill("5")
            new_york.get_by_role("button", name="Flytt resten av dagen").click()
        result = Axe().run(new_york, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}}).response
        failures += [f"{name}: {v['id']} {v['help']}" for v in result["violations"]]
    assert not failures, failures
