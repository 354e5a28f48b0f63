"""The page plan: where pages go and how they link, without rendering anything."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.core.model import Day, Deck, Gathering, Session, Site, SiteConfig, Slide, Source
from generator.render.pages import decks_for, plan_pages, relative


@pytest.mark.parametrize(
    ("here", "target", "link"),
    [
        ("index.html", "g/index.html", "g/index.html"),
        ("g/index.html", "index.html", "../index.html"),
        ("g/sessions/a.html", "g/2013-03-11.html", "../2013-03-11.html"),
        ("g/sessions/a.html", "assets/style.css", "../../assets/style.css"),
        ("models/m.html", "models/n.html", "n.html"),
    ],
)
def test_relative_links_work_from_any_depth(here: str, target: str, link: str) -> None:
    assert relative(here, target) == link


def session(key: str, start: int, has_page: bool = True, decks: tuple[str, ...] = ()) -> Session:
    return Session(key, key.title(), "plenary", start, start + 30, True, 30, decks=decks, has_page=has_page)


def small_site() -> Site:
    a, pause, b = session("a", 540, decks=("d1",)), session("pause", 570, has_page=False), session("b", 600)
    day = Day(1, dt.date(2013, 3, 11), 540, 630, (a, pause, b), source=Source(Path("g.yaml")))
    decks = (Deck("d1", "Deck 1", (Slide(1, "<p>1</p>"),)), Deck("d2", "Deck 2", (Slide(1, "x"),), sessions=("b",)))
    g = Gathering("g", "Samling", (day,), decks=decks)
    return Site(SiteConfig(title="Site"), (g,))


def test_every_page_has_a_file_name_and_sessions_without_pages_get_none() -> None:
    paths = [p.path for p in plan_pages(small_site())]
    expected = {"index.html", "g/index.html", "g/2013-03-11.html", "g/sessions/a.html", "g/sessions/b.html"}
    assert expected | {"g/decks/d1.html", "g/decks/d2.html"} <= set(paths)
    assert "g/sessions/pause.html" not in paths
    assert all(p.endswith((".html", ".ics")) for p in paths)


def test_decks_link_both_ways() -> None:
    site = small_site()
    g = site.gatherings[0]
    a, _, b = g.days[0].entries
    assert [d.key for d in decks_for(g, a)] == ["d1"]  # the session names the deck
    assert [d.key for d in decks_for(g, b)] == ["d2"]  # the deck names the session


def test_session_pages_carry_breadcrumbs_down_to_their_day() -> None:
    plan = next(p for p in plan_pages(small_site()) if p.path == "g/sessions/a.html")
    assert [path for _, path in plan.crumbs] == ["index.html", "g/index.html", "g/2013-03-11.html"]
    assert plan.crumbs[2][0] == "mandag 11. mars 2013"


def test_relative_is_posixpath_relpath_without_its_cost() -> None:
    """The fast path must agree with posixpath.relpath, odd segments ("", ".", "..") included."""
    import itertools
    import posixpath

    segments = ["a", "b", "index.html", "x.html#top", "", ".", ".."]
    for k in (1, 2, 3):
        for here in map("/".join, itertools.product(segments, repeat=k)):
            for target in map("/".join, itertools.product(segments, repeat=k)):
                if here.startswith("/") or target.startswith("/") or not target:
                    continue
                assert relative(here, target) == posixpath.relpath(target, posixpath.dirname(here) or "."), (
                    here,
                    target,
                )
