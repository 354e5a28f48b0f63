"""programme.js in headless Chromium: "neste" and "i dag" by the venue's calendar, on a faked clock.

Most tests use a small fixture page made from the example programme with the same pure
functions the real pages use (order, period text, ISO bounds); the last ones open the real
built front page and network page of the example.
"""

from __future__ import annotations

import datetime as dt
import html
import shutil
from pathlib import Path
from typing import Any

import pytest

from generator.core.errors import Problems
from generator.domain.period import Period
from generator.domain.programme import Network, PlannedGathering, Programme, entry_label, ordered, with_dates
from generator.load.yamlfile import parse_yaml
from generator.render.periods import iso_bounds, period_text
from generator.validate.programme import programme_from

ROOT = Path(__file__).resolve().parents[1]
SEED = "nettverk-omdomme-2013-03"
WORDS = {"programme_gathering_number": "{n}. samling", "programme_theme_day": "Temadag"}


def programme() -> Programme:
    problems = Problems()
    found = programme_from(parse_yaml((ROOT / "content" / "programme.yaml").read_text("utf-8")), Path("p"), problems)
    assert found is not None and not problems
    found = with_dates(found, {SEED: (dt.date(2013, 3, 11), dt.date(2013, 3, 12), "Europe/Oslo")})
    # A second network meeting in Helsinki, written out of order, to show each network gets its own marks.
    helsinki = Network(
        "helsinki",
        "Helsinki",
        series=(
            PlannedGathering(2, Period.days(dt.date(2013, 3, 20)), timezone="Europe/Helsinki"),
            PlannedGathering(1, Period.days(dt.date(2013, 3, 11)), timezone="Europe/Helsinki"),
        ),
    )
    return Programme(found.key, found.title, found.description, (found.network("omdomme-1"), helsinki))


def fixture_page(folder: Path) -> Path:
    items = []
    for network in programme().networks:
        rows = []
        for g in ordered(network.series):
            first, last = iso_bounds(g.when)
            rows.append(
                f'<li data-first="{first}" data-last="{last}" data-precision="{g.when.precision}"'
                f' data-timezone="{g.timezone}"><span class="label">{html.escape(entry_label(g, WORDS))}</span>'
                f" {html.escape(period_text(g.when, 'nb'))}</li>"
            )
        items.append(
            f'<section data-network="{network.key}"><h2>{network.title}</h2><ol>{"".join(rows)}</ol></section>'
        )
    page = folder / "index.html"
    page.write_text(
        '<!doctype html><html lang="nb"><meta charset="utf-8"><title>Program</title>'
        f'<main data-programme data-label-next="neste" data-label-today="i dag">{"".join(items)}</main>'
        '<script src="programme.js"></script></html>',
        encoding="utf-8",
    )
    shutil.copy(ROOT / "themes" / "default" / "static" / "programme.js", folder / "programme.js")
    return page


@pytest.fixture
def new_york(browser: Any) -> Any:
    """A laptop in New York: its own calendar day differs from Oslo's around midnight."""
    context = browser.new_context(timezone_id="America/New_York")
    yield context.new_page()
    context.close()


def marks(pg: Any, network: str) -> dict[str, list[str]]:
    """The labels marked next and today in one network, and the flag words shown."""
    return pg.evaluate(
        """key => {
            const net = document.querySelector(`[data-network="${key}"]`);
            const label = sel => [...net.querySelectorAll(sel)].map(li => li.querySelector('.label').textContent);
            return {next: label('.is-next'), today: label('.is-today'),
                    flags: [...net.querySelectorAll('.programme-flag')].map(f => f.textContent)};
        }""",
        network,
    )


def test_at_midnight_in_oslo_the_seed_gathering_is_today_though_new_york_is_still_on_sunday(
    tmp_path: Path, new_york: Any
) -> None:
    new_york.clock.install(time="2013-03-10T23:30:00Z")  # 00.30 Monday in Oslo, 18.30 Sunday in New York
    new_york.goto(fixture_page(tmp_path).as_uri())
    assert new_york.evaluate("new Date().getDate()") == 10
    assert marks(new_york, "omdomme-1") == {"next": ["Temadag"], "today": ["1. samling"], "flags": ["i dag", "neste"]}
    assert new_york.locator(".is-today").first.get_attribute("aria-current") == "date"
    # Helsinki is an hour ahead of Oslo: its 11 March gathering is today there too, the 20th next.
    assert marks(new_york, "helsinki") == {"next": ["2. samling"], "today": ["1. samling"], "flags": ["i dag", "neste"]}


def test_the_evening_before_the_seed_gathering_is_next_and_nothing_is_today(tmp_path: Path, new_york: Any) -> None:
    new_york.clock.install(time="2013-03-10T22:30:00Z")  # 23.30 Sunday in Oslo, 00.30 Monday in Helsinki
    new_york.goto(fixture_page(tmp_path).as_uri())
    assert marks(new_york, "omdomme-1") == {"next": ["1. samling"], "today": [], "flags": ["neste"]}
    assert marks(new_york, "helsinki")["today"] == ["1. samling"]


def test_a_planned_months_entry_stays_next_until_its_last_month_is_over(tmp_path: Path, new_york: Any) -> None:
    new_york.clock.install(time="2013-09-30T21:30:00Z")  # 23.30 on 30 September in Oslo
    new_york.goto(fixture_page(tmp_path).as_uri())
    assert marks(new_york, "omdomme-1") == {"next": ["2. samling"], "today": [], "flags": ["neste"]}
    assert marks(new_york, "helsinki") == {"next": [], "today": [], "flags": []}  # all over: no marks


def test_the_marks_move_on_by_themselves_at_midnight(tmp_path: Path, new_york: Any) -> None:
    new_york.clock.install(time="2013-03-12T22:58:30Z")  # 23.58.30 on the seed's second day in Oslo
    new_york.goto(fixture_page(tmp_path).as_uri())
    assert marks(new_york, "omdomme-1")["today"] == ["1. samling"]
    new_york.clock.run_for("03:00")  # past midnight: the minute's re-check sees Wednesday
    assert marks(new_york, "omdomme-1") == {"next": ["Temadag"], "today": [], "flags": ["neste"]}


def test_without_javascript_the_list_is_complete_and_in_date_order(tmp_path: Path, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(fixture_page(tmp_path).as_uri())
    rows = pg.locator('[data-network="omdomme-1"] li').all_inner_texts()
    assert rows == [
        "1. samling 11.–12. mars 2013",
        "Temadag mai–juni 2013",
        "2. samling august–september 2013",
        "3. samling februar–mars 2014",
    ]
    assert pg.locator('[data-network="helsinki"] li .label').all_inner_texts() == ["1. samling", "2. samling"]
    assert pg.locator(".programme-flag").count() == 0
    context.close()


def real_marks(pg: Any, network: str) -> dict[str, list[str]]:
    """On a built page: the links of the entries marked next and today, and the flag words."""
    return pg.evaluate(
        """key => {
            const net = document.querySelector(`ol[data-network="${key}"]`);
            const label = sel => [...net.querySelectorAll(sel)].map(li => li.querySelector('a').textContent);
            return {next: label('.is-next'), today: label('.is-today'),
                    flags: [...net.querySelectorAll('.programme-flag')].map(f => f.textContent)};
        }""",
        network,
    )


@pytest.mark.parametrize(
    ("instant", "expected"),
    [
        ("2013-03-10T22:30:00Z", {"next": ["1. samling"], "today": [], "flags": ["neste"]}),
        ("2013-03-11T07:00:00Z", {"next": ["Temadag"], "today": ["1. samling"], "flags": ["i dag", "neste"]}),
        ("2013-07-01T10:00:00Z", {"next": ["2. samling"], "today": [], "flags": ["neste"]}),
        ("2014-04-01T10:00:00Z", {"next": [], "today": [], "flags": []}),
    ],
)
def test_the_built_front_page_marks_the_next_gathering_on_a_faked_clock(
    built_site: Path, new_york: Any, instant: str, expected: dict[str, list[str]]
) -> None:
    new_york.clock.install(time=instant)
    new_york.goto((built_site / "index.html").as_uri())
    assert real_marks(new_york, "omdomme-1") == expected
    assert new_york.locator(".programme-flag").count() == len(expected["flags"])  # networks without a series: none
    if expected["today"]:
        assert new_york.locator(".is-today").get_attribute("aria-current") == "date"
        # The marks as drawn (a tint, a filled flag) meet WCAG AA too: the example's own clock shows none.
        from tests.test_accessibility import axe_violations

        assert axe_violations(new_york) == []


def test_the_built_network_page_marks_it_too_and_without_script_lists_all(built_site: Path, browser: Any) -> None:
    context = browser.new_context(timezone_id="Europe/Oslo")
    pg = context.new_page()
    pg.clock.install(time="2013-07-01T10:00:00Z")
    pg.goto((built_site / "networks" / "omdomme-1.html").as_uri())
    assert real_marks(pg, "omdomme-1")["next"] == ["2. samling"]
    context.close()
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto((built_site / "index.html").as_uri())
    assert pg.locator('ol[data-network="omdomme-1"] li a').all_inner_texts() == [
        "1. samling",
        "Temadag",
        "2. samling",
        "3. samling",
    ]
    assert pg.locator(".programme-flag").count() == 0
    context.close()
