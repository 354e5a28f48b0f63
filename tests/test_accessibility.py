"""WCAG 2.1 AA in a real browser: axe-core on every page, reflow at 320 px, the keyboard, landmarks, tables.

Every test walks whatever pages the built example site has, so new page types are covered as they appear.
One browser page is reused for all pages to keep this fast.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DAY = "nettverk-omdomme-2013-03/2013-03-11.html"
FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])'


def html_pages(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def axe_violations(page: Any, tags: list[str] = WCAG_TAGS) -> list[str]:
    """'rule-id (impact): first offending element' for each violated rule of `tags` (WCAG A/AA by default)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": tags}}).response
    return [
        f"{v['id']} ({v['impact']}, {len(v['nodes'])}×): {v['nodes'][0]['html'][:160]}" for v in results["violations"]
    ]


def test_axe_finds_a_violation_when_there_is_one(page: Any, tmp_path: Path) -> None:
    """The check below can fail: a page with a nameless image and no language is caught."""
    bad = tmp_path / "bad.html"
    bad.write_text("<!doctype html><html><title>x</title><main><img src='x.png'></main></html>", encoding="utf-8")
    page.goto(bad.as_uri())
    found = " ".join(axe_violations(page))
    assert "image-alt" in found and "html-has-lang" in found


@pytest.mark.parametrize("tags", [WCAG_TAGS, ["best-practice"]], ids=["wcag", "best-practice"])
def test_axe_finds_no_violation_on_any_page(built_site: Path, page: Any, tags: list[str]) -> None:
    """WCAG A/AA, and axe's best practices too (unique landmarks, one main, headings in order …)."""
    page.set_viewport_size({"width": 1280, "height": 800})
    failures: dict[str, list[str]] = {}
    pages = html_pages(built_site)
    assert len(pages) > 20
    for path in pages:
        page.goto(path.as_uri())
        found = axe_violations(page, tags)
        if found:
            failures[path.relative_to(built_site).as_posix()] = found
    assert not failures, "axe-core violations per page:\n" + "\n".join(
        f"{name}:\n  " + "\n  ".join(rules) for name, rules in failures.items()
    )


def test_every_page_reflows_at_320_css_pixels(built_site: Path, page: Any) -> None:
    """400 % zoom of a 1280 px window: no horizontal scrolling (WCAG 1.4.10)."""
    page.set_viewport_size({"width": 320, "height": 640})
    too_wide: dict[str, str] = {}
    for path in html_pages(built_site):
        page.goto(path.as_uri())
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            culprit = page.evaluate(
                """() => { const e = [...document.querySelectorAll('body *')]
                    .find(e => e.getBoundingClientRect().right > 321 && e.children.length);
                    return e ? e.outerHTML.replace(/\\s+/g, ' ').slice(0, 100) : '' }"""
            )
            too_wide[path.relative_to(built_site).as_posix()] = f"{width}px, e.g. {culprit}"
    assert not too_wide, "pages wider than 320 px:\n" + "\n".join(f"{k}: {v}" for k, v in too_wide.items())


def _tab_stops(page: Any, count: int) -> list[dict[str, Any]]:
    """Press Tab `count` times; after each, what has focus, where it is, and whether a focus ring shows."""
    stops = []
    for _ in range(count):
        page.keyboard.press("Tab")
        stops.append(
            page.evaluate(
                """() => { const e = document.activeElement, r = e.getBoundingClientRect(), s = getComputedStyle(e);
                    return { index: Number(e.dataset.kbd ?? -1), top: r.top + scrollY, left: r.left,
                             width: r.width, height: r.height, text: e.textContent.trim().slice(0, 40),
                             inView: r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
                             ring: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)
                                   || s.boxShadow !== 'none' } }"""
            )
        )
    return stops


def test_tab_reaches_every_link_of_the_agenda_in_visible_order(built_site: Path, page: Any) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto((built_site / DAY).as_uri())
    # Number the focusable elements in DOM order; hidden ones (display: none, [hidden]) are not tab stops.
    count = page.evaluate(
        f"""() => {{ const all = [...document.querySelectorAll('{FOCUSABLE}')]
            .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden');
            all.forEach((e, i) => e.dataset.kbd = i); return all.length }}"""
    )
    links_in_agenda = page.evaluate("document.querySelectorAll('table.agenda a[href]').length")
    assert links_in_agenda > 10
    stops = _tab_stops(page, count)
    assert [s["index"] for s in stops] == list(range(count)), [(s["index"], s["text"]) for s in stops]
    assert stops[0]["text"] == "Hopp til innholdet"  # the skip link comes first
    for before, after in itertools.pairwise(stops):
        # Reading order: the next stop is never above the previous one, nor to its left on the same line.
        assert after["top"] + after["height"] > before["top"], (before, after)
        if abs(after["top"] - before["top"]) < 2:
            assert after["left"] > before["left"], (before, after)
    for stop in stops:
        assert stop["inView"] and stop["width"] > 0 and stop["height"] > 0, stop
        assert stop["ring"], f"no visible focus indicator on {stop['text']!r}"


def test_the_skip_link_shows_when_focused_and_moves_focus_to_main(built_site: Path, page: Any) -> None:
    page.goto((built_site / DAY).as_uri())
    skip = page.locator(".skip-link")
    assert skip.bounding_box()["y"] + skip.bounding_box()["height"] <= 0  # out of sight until needed
    page.keyboard.press("Tab")
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["height"] > 10
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_every_page_has_landmarks_and_a_skip_link(built_site: Path) -> None:
    for path in html_pages(built_site):
        html = path.read_text(encoding="utf-8")
        name = path.relative_to(built_site).as_posix()
        assert html.count("<main") == 1 and 'id="main"' in html, name
        assert re.search(r'<a class="skip-link" href="#main">', html), name
        assert "<header" in html and re.search(r'<nav [^>]*aria-label="', html), name
        assert "<footer" in html or 'class="deck-body' in html, name  # full-screen slides have no page footer


def test_the_breadcrumbs_run_site_gathering_day_session(built_site: Path) -> None:
    html = (built_site / "nettverk-omdomme-2013-03/sessions/maling-av-resultater.html").read_text(encoding="utf-8")
    trail = re.search(r'<nav class="breadcrumbs" aria-label="Brødsmulesti">(.*?)</nav>', html, re.S)
    assert trail is not None
    items = re.findall(r"<li>(.*?)</li>", trail.group(1), re.S)
    assert [re.sub(r"<[^>]+>", "", i).strip() for i in items] == [
        "Saman om ein betre kommune",
        "Nettverk – omdømme",
        "mandag 11. mars 2013",
        "Måling av resultater",
    ]
    assert 'href="../2013-03-11.html"' in items[2] and 'aria-current="page"' in items[3]
    day = (built_site / DAY).read_text(encoding="utf-8")
    assert '<span aria-current="page">mandag 11. mars 2013</span>' in day  # a day's own crumb is its date


def test_programmes_and_matrices_are_tables_with_header_cells(built_site: Path) -> None:
    tables = 0
    for path in html_pages(built_site):
        html = path.read_text(encoding="utf-8")
        for table in re.findall(r"<table\b.*?</table>", html, re.S):
            tables += 1
            where = f"{path.relative_to(built_site)}: {table[:80]}"
            assert "<th" in table and "<td" in table, where
            # Header cells in a <thead> head their columns; any other header cell says what it heads.
            body = re.sub(r"<thead\b.*?</thead>", "", table, flags=re.S)
            assert all("scope=" in th for th in re.findall(r"<th\b[^>]*>", body)), where
    assert tables > 10
    day = (built_site / DAY).read_text(encoding="utf-8")
    assert re.search(r'<table class="agenda".*?<caption[^>]*>Program mandag 11. mars 2013</caption>', day, re.S)


def test_kinds_are_told_apart_without_colour(built_site: Path, page: Any) -> None:
    """Breaks and group work differ from a plenary row by a word or a style and by a border's shape."""
    page.goto((built_site / DAY).as_uri())
    look = page.evaluate(
        """() => Object.fromEntries(['tr.kind-plenary', 'tr.kind-group', 'tr.kind-break, tr.kind-meal'].map(sel => {
            const row = document.querySelector(sel), first = getComputedStyle(row.querySelector('td')),
                  title = getComputedStyle(row.querySelector('.session-title'));
            return [sel, { label: row.querySelector('.kind-label')?.textContent ?? '', italic: title.fontStyle,
                           edge: first.borderLeftStyle + ' ' + first.borderLeftWidth }] }))"""
    )
    plenary, group, pause = look["tr.kind-plenary"], look["tr.kind-group"], look["tr.kind-break, tr.kind-meal"]
    assert group["label"] == "Gruppearbeid" and group["edge"] != plenary["edge"]
    assert pause["italic"] == "italic" != plenary["italic"]
    assert pause["edge"] not in (plenary["edge"], group["edge"])
