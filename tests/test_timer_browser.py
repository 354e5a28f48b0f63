"""The group-work timer and the ahead/behind indicator in headless Chromium, from file://, on a faked clock.

The clock is Playwright's: installed and paused before the page loads, moved on with `run_for`,
so nothing here waits on the wall clock.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zoneinfo
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

DECK = "nettverk-omdomme-2013-03/decks/samling-mars-2013"
GROUP_WORK = "<!-- session: gruppearbeid-risiko -->"
OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
PLANNED = dt.datetime(2013, 3, 12, 10, 45, tzinfo=OSLO)  # Gruppearbeid, as in gathering.yaml
TIMER = ".deck-slide.is-current .deck-timer"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site with a 5-minute timer on the group-work slide."""
    from generator.commands.build import build

    root = tmp_path_factory.mktemp("timer")
    content = root / "content"
    shutil.copytree(Path(__file__).resolve().parents[1] / "content", content)
    path = content / f"{DECK}.md"
    path.write_text(path.read_text("utf-8").replace(GROUP_WORK, f"{GROUP_WORK}\n<!-- timer: 5 min -->", 1), "utf-8")
    build(content, root / "out")
    return root / "out"


@pytest.fixture(scope="module")
def slide(site: Path) -> int:
    html = (site / f"{DECK}.html").read_text("utf-8")
    before = html[: html.index('class="deck-timer"')]
    return int(re.findall(r'<section class="deck-slide[^>]*data-slide="(\d+)"', before)[-1])


def stop_clock(page: Any, at: dt.datetime) -> None:
    """The page's clock stands at `at` until a test moves it (installed a minute before: it runs until paused)."""
    page.clock.install(time=at - dt.timedelta(minutes=1))
    page.clock.pause_at(at)


@pytest.fixture
def clocked(browser: Any) -> Iterator[Any]:
    """A page whose clock stands at the group work's planned start."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    stop_clock(page, PLANNED)
    yield page
    context.close()


def open_deck(page: Any, site: Path, slide: int, view: str = "") -> None:
    page.goto((site / f"{DECK}{view}.html").as_uri() + f"#{slide}")
    page.wait_for_function("document.documentElement.classList.contains('js')")


def open_presenter(page: Any) -> Any:
    """The presenter window `s` opens, loaded: slides.js marks its slide before timer.js, the page's
    last script, has run, so a key pressed as soon as the slide shows could reach no timer yet."""
    with page.expect_popup() as popup:
        page.keyboard.press("s")
    presenter = popup.value
    presenter.wait_for_load_state()
    return presenter


def shown(page: Any) -> str:
    return page.locator(f"{TIMER} [data-timer-display]").inner_text()


def status(page: Any) -> str:
    return page.locator("[data-timer-status]").text_content() or ""


def test_t_starts_it_and_after_five_minutes_time_is_up(clocked: Any, site: Path, slide: int) -> None:
    page = clocked
    open_deck(page, site, slide)
    assert shown(page) == "5:00" and page.locator(f"{TIMER} .deck-timer-end").is_hidden()
    page.keyboard.press("t")
    assert status(page) == "Tidtakeren går: 5:00 igjen"  # announced once, not every second
    assert page.locator(f'{TIMER} [data-timer-action="toggle"]').inner_text() == "Pause"
    page.clock.run_for(60_000)
    assert shown(page) == "4:00" and status(page) == "Tidtakeren går: 5:00 igjen"
    page.clock.run_for(4 * 60_000)
    assert shown(page) == "0:00"
    timer = page.locator(TIMER)
    assert "is-ended" in (timer.get_attribute("class") or "")
    assert page.locator(f"{TIMER} .deck-timer-end").is_visible()  # words, not colour alone
    assert page.locator(f"{TIMER} .deck-timer-end").inner_text() == "Tiden er ute"
    assert status(page) == "Tiden er ute"
    assert timer.evaluate("t => getComputedStyle(t).animationName") == "deck-timer-pulse"
    assert page.evaluate("location.hash") == f"#{slide}"  # the key moved no slide


def test_pause_reset_and_the_buttons(clocked: Any, site: Path, slide: int) -> None:
    page = clocked
    open_deck(page, site, slide)
    page.keyboard.press("t")
    page.clock.run_for(30_000)
    page.keyboard.press("t")
    assert status(page) == "Tidtakeren står: 4:30 igjen"
    page.clock.run_for(60_000)
    assert shown(page) == "4:30"  # paused: time passes, the timer does not
    page.keyboard.press("Shift+T")
    assert shown(page) == "5:00"
    page.get_by_role("button", name="Start").click()
    toggle = page.locator(f'{TIMER} [data-timer-action="toggle"]')  # its name follows its state
    page.clock.run_for(10_000)
    assert shown(page) == "4:50" and toggle.inner_text() == "Pause"
    page.get_by_role("button", name="Nullstill").click()
    assert shown(page) == "5:00" and toggle.inner_text() == "Start"
    assert page.evaluate("location.hash") == f"#{slide}"  # a click on a timer button is not a click on the slide


def test_the_presenter_starts_it_and_the_audience_shows_it_running(clocked: Any, site: Path, slide: int) -> None:
    page = clocked
    open_deck(page, site, slide)
    presenter = open_presenter(page)
    presenter.wait_for_function(
        f"document.querySelector('.presenter-grid > .deck-slide.is-current')?.dataset.slide === '{slide}'"
    )
    presenter.keyboard.press("t")
    page.wait_for_function("document.querySelector('.deck-slide.is-current .deck-timer.is-running') !== null")
    page.clock.run_for(90_000)  # one clock for both windows: each counts down from the same end time
    assert shown(page) == "3:30" and shown(presenter) == "3:30"
    presenter.get_by_role("button", name="Pause").click()
    page.wait_for_function("document.querySelector('.deck-slide.is-current .deck-timer.is-running') === null")
    page.clock.run_for(60_000)
    assert shown(page) == "3:30"
    page.keyboard.press("Shift+T")  # and back: the audience window resets the presenter's
    presenter.wait_for_function(
        "document.querySelector('.deck-slide.is-current [data-timer-display]').textContent === '5:00'"
    )


def test_a_presenter_opened_later_picks_up_the_running_timer(clocked: Any, site: Path, slide: int) -> None:
    page = clocked
    open_deck(page, site, slide)
    page.keyboard.press("t")
    page.clock.run_for(60_000)
    presenter = open_presenter(page)
    presenter.wait_for_function("document.querySelector('.deck-slide.is-current .deck-timer.is-running') !== null")
    assert shown(presenter) == "4:00"


@pytest.mark.parametrize(
    ("minutes_after_start", "expected"),
    [(-3, "3 min foran skjema"), (0, "I rute"), (5, "5 min bak skjema")],
)
def test_the_presenter_shows_how_far_ahead_or_behind_the_agenda(
    browser: Any, site: Path, slide: int, minutes_after_start: int, expected: str
) -> None:
    context = browser.new_context()
    page = context.new_page()
    try:
        now = PLANNED + dt.timedelta(minutes=minutes_after_start)
        stop_clock(page, now)
        open_deck(page, site, slide, "-presenter")  # the session's first slide: planned at its start
        assert page.locator("[data-schedule]").inner_text() == f"Mot programmet: {expected}"
        page.clock.run_for(2 * 60_000)
        later = minutes_after_start + 2
        assert page.locator("[data-schedule-delta]").inner_text() == (
            f"{later} min bak skjema" if later > 0 else f"{-later} min foran skjema" if later < 0 else "I rute"
        )
    finally:
        context.close()


def test_a_slide_later_in_the_session_is_planned_later(clocked: Any, site: Path, slide: int) -> None:
    page = clocked  # at the session's start, the next slide is ahead of the agenda
    open_deck(page, site, slide + 1, "-presenter")
    assert re.fullmatch(r"\d+ min foran skjema", page.locator("[data-schedule-delta]").inner_text())
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("document.querySelector('[data-schedule-delta]').textContent === 'I rute'")


def test_with_reduced_motion_time_is_up_without_animation(clocked: Any, site: Path, slide: int) -> None:
    page = clocked
    page.emulate_media(reduced_motion="reduce")
    open_deck(page, site, slide)
    page.keyboard.press("t")
    page.clock.run_for(5 * 60_000)
    assert page.locator(f"{TIMER} .deck-timer-end").is_visible()
    assert page.locator(TIMER).evaluate("t => getComputedStyle(t).animationName") == "none"


TONE_PROBE = """
window.__tones = 0;
window.AudioContext = class {
  constructor() { this.currentTime = 0; this.destination = {}; }
  createGain() { return { gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect() {} }; }
  createOscillator() { return { frequency: {}, connect() {}, start() { window.__tones += 1; }, stop() {} }; }
};
"""


def test_the_tone_is_off_until_asked_for(clocked: Any, site: Path, slide: int) -> None:
    page = clocked
    page.add_init_script(TONE_PROBE)
    open_deck(page, site, slide)
    page.keyboard.press("t")
    page.clock.run_for(5 * 60_000)
    assert page.evaluate("window.__tones") == 0
    page.keyboard.press("a")
    assert page.locator(f'{TIMER} [data-timer-action="sound"]').get_attribute("aria-pressed") == "true"
    page.keyboard.press("t")  # time is up: t starts it again from the top
    assert shown(page) == "5:00"
    page.clock.run_for(5 * 60_000)
    assert page.evaluate("window.__tones") == 2  # two short beeps made in the page, no sound file


def test_the_timer_pages_pass_axe(clocked: Any, site: Path, slide: int) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = clocked
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
    for view in ("", "-presenter"):
        open_deck(page, site, slide, view)
        page.keyboard.press("t")
        page.clock.resume()  # axe waits on timers of its own; the clock runs from here on
        for _ in range(2):  # running, then time is up
            violations = Axe().run(page, options=options).response["violations"]
            assert not violations, (view, [(v["id"], v["nodes"][0]["html"][:120]) for v in violations])
            page.clock.fast_forward(5 * 60_000)
            page.wait_for_function("document.querySelector('.deck-slide.is-current .deck-timer.is-ended') !== null")
