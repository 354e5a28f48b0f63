"""The agenda: formatting, the helpers behind the rows and the run-sheet, and the built day pages."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from generator.commands.build import build
from generator.core.errors import ContentError, Problems
from generator.core.model import Day, Deck, Facilitator, Gathering, Session, Slide, Worksheet
from generator.domain import clock as clock_format
from generator.render import agenda, formatting
from generator.render.pages import plan_pages
from generator.render.theme import load_theme

GATHERING = "nettverk-omdomme-2013-03"
MONDAY = dt.date(2013, 3, 11)


# --- formatting -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text"),
    [("nb", "mandag 11. mars 2013"), ("nn", "måndag 11. mars 2013"), ("en", "Monday 11 March 2013")],
)
def test_long_dates_follow_cldr_in_each_language(lang: str, text: str) -> None:
    assert formatting.long_date(MONDAY, lang) == text


def test_tuesday_in_nynorsk() -> None:
    assert formatting.long_date(dt.date(2013, 3, 12), "nn") == "tysdag 12. mars 2013"


@pytest.mark.parametrize(("separator", "clock", "span"), [(".", "12.30", "09.00–10.30"), (":", "12:30", "09:00–10:30")])
def test_times_and_spans(separator: str, clock: str, span: str) -> None:
    assert clock_format.clock(750, separator) == clock
    assert clock_format.span(540, 630, separator) == span
    assert "\u2013" in span and " " not in span  # an en dash, no spaces


@pytest.mark.parametrize(
    ("minutes", "nb", "en"), [(20, "20 min", "20 min"), (60, "1 t", "1 h"), (70, "1 t 10 min", "1 h 10 min")]
)
def test_durations(minutes: int, nb: str, en: str) -> None:
    strings = load_theme("default", Path("content"), Problems(), Path("site.yaml")).strings  # the units are words
    assert formatting.duration(minutes, strings["nb"]) == nb and formatting.duration(minutes, strings["en"]) == en


# --- instants for the live marker ---------------------------------------------------------------------


def test_instants_are_utc_from_the_gatherings_zone_winter_and_summer() -> None:
    assert agenda.instant("Europe/Oslo", MONDAY, 9 * 60 + 30) == "2013-03-11T08:30:00Z"  # CET, UTC+1
    assert agenda.instant("Europe/Oslo", dt.date(2013, 6, 11), 9 * 60 + 30) == "2013-06-11T07:30:00Z"  # CEST
    assert agenda.instant("America/New_York", MONDAY, 9 * 60) == "2013-03-11T13:00:00Z"


def test_midnight_at_the_end_of_a_day_is_the_next_day() -> None:
    assert agenda.instant("Europe/Oslo", MONDAY, 24 * 60) == "2013-03-11T23:00:00Z"
    assert agenda.local_time("Europe/Oslo", MONDAY, 24 * 60).date() == dt.date(2013, 3, 12)


# --- kind labels, materials and duties -------------------------------------------------------------------


def session(key: str, title: str, kind: str = "plenary", start: int = 540, **kw) -> Session:
    return Session(key, title, kind, start, start + 30, True, 30, **kw)


@pytest.mark.parametrize(
    ("title", "kind", "label", "shown"),
    [
        ("Pause", "break", "Pause", False),  # would repeat the title
        ("Lunsj", "meal", "Måltid", False),  # breaks and meals are told apart by their style
        ("Gruppearbeid", "group", "Gruppearbeid", False),
        ("Vi tar ut forventninger", "group", "Gruppearbeid", True),
        ("Attraktive arbeidsgivere", "talk", "Innlegg", True),
        ("Program", "plenary", "Plenum", False),
    ],
)
def test_the_kind_label_shows_only_when_it_adds_something(title: str, kind: str, label: str, shown: bool) -> None:
    assert agenda.shows_kind(session("x", title, kind), label) is shown


def small_gathering() -> Gathering:
    ann, bo = Facilitator("ann", "Ann"), Facilitator("bo", "Bo")
    sub = session("sub", "Gruppe", "group", 570, facilitators=(bo,))
    a = session("a", "A", materials=("Tusj",), worksheets=("ark",), facilitators=(ann,), items=(sub,))
    b = session("b", "B", start=600, materials=("Tusj", "Post-it"), facilitators=(ann, bo))
    extra = [session(k, k.upper(), start=630 + 30 * i) for i, k in enumerate("cde")]
    day = Day(1, MONDAY, 540, 780, (a, b, *extra))
    decks = (
        Deck("hele", "Hele dagen", (Slide(1, ""),), sessions=("a", "b", "c", "d")),
        Deck("b-deck", "Bs lysark", (Slide(1, ""),), sessions=("b",)),
    )
    carol = Facilitator("carol", "Carol")
    return Gathering(
        "g", "G", (day,), decks=decks, worksheets=(Worksheet("ark", "Arket", ()),), facilitators=(ann, bo, carol)
    )


def test_a_deck_for_most_of_the_day_is_linked_once_not_on_every_row() -> None:
    g = small_gathering()
    day = g.days[0]
    a, b = day.entries[0], day.entries[1]
    assert [d.key for d in agenda.day_decks(g, day)] == ["hele"]
    assert [d.key for d in agenda.row_decks(g, b, agenda.day_decks(g, day))] == ["b-deck"]
    assert agenda.row_decks(g, a, agenda.day_decks(g, day)) == []


def test_materials_of_a_session_and_the_days_packing_list() -> None:
    g = small_gathering()
    day = g.days[0]
    a = day.entries[0]
    assert [(m.text, m.kind, m.path) for m in agenda.materials(g, a, agenda.day_decks(g, day))] == [
        ("Tusj", "item", ""),
        ("Arket", "worksheet", "g/worksheets/ark.html"),
    ]
    packing = {m.text: [s.key for s in sessions] for m, sessions in agenda.day_materials(g, day)}
    assert packing["Tusj"] == ["a", "b"]  # once, with every session that needs it
    assert packing["Hele dagen"] == ["a", "b", "c", "d"]
    assert packing["Post-it"] == ["b"]


def test_who_does_what_lists_sessions_and_sub_items_per_facilitator() -> None:
    g = small_gathering()
    table = {
        person.key: [(d.session.key, d.parent.key if d.parent else None) for d in found]
        for person, found in agenda.duties(g)
    }
    assert table == {"ann": [("a", None), ("b", None)], "bo": [("sub", "a"), ("b", None)], "carol": []}
    assert [p.key for p, _ in agenda.duties(g)][-1] == "carol"  # people without duties last


def test_notes_are_found_on_sessions_and_sub_items() -> None:
    from generator.core.model import Text

    assert agenda.has_notes(session("x", "X", notes=Text(html="<p>n</p>")))
    assert agenda.has_notes(session("x", "X", items=(session("y", "Y", notes=Text(html="<p>n</p>")),)))
    assert not agenda.has_notes(session("x", "X"))


def test_the_facilitator_pages_and_calendars_are_planned_per_day() -> None:
    from generator.core.model import Site, SiteConfig
    from generator.render.pages import calendar_path, facilitator_path, run_sheet_path

    g = small_gathering()
    paths = {p.path: p.template for p in plan_pages(Site(SiteConfig("S"), (g,)))}
    assert paths[facilitator_path(g)] == "facilitator/index.html" == paths["g/fasilitator/index.html"]
    assert paths[run_sheet_path(g, "2013-03-11")] == "facilitator/day.html"
    assert calendar_path(g) == "g/kalender.ics" and calendar_path(g, "2013-03-11") == "g/2013-03-11.ics"


# --- the built pages ------------------------------------------------------------------------------------


def rows(page: Path) -> list[str]:
    body = re.search(r"<tbody>(.*)</tbody>", page.read_text("utf-8"), re.S)
    assert body
    return re.findall(r"<tr\b([^>]*)>(.*?)</tr>", body.group(1), re.S)


def text(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


def test_each_row_has_span_title_duration_facilitators_and_kind(built_site: Path) -> None:
    found = {
        text(cells).split(" ", 1)[1]: (attrs, cells)
        for attrs, cells in rows(built_site / GATHERING / "2013-03-11.html")
    }
    attrs, cells = next(v for k, v in found.items() if k.startswith("Gruppearbeid Vi tar ut forventninger"))
    assert text(cells) == "09.55–10.15 Gruppearbeid Vi tar ut forventninger 20 min Bjørn Pettersen"
    assert 'data-start="2013-03-11T08:55:00Z"' in attrs and 'data-end="2013-03-11T09:15:00Z"' in attrs
    pause = next(v for k, v in found.items() if k.startswith("Pause 15 min"))
    assert "pause" in pause[0] and "kind-label" not in pause[1]  # lighter row, no label repeating "Pause"


def test_rows_link_to_their_worksheets_and_the_day_deck_once(built_site: Path) -> None:
    page = (built_site / GATHERING / "2013-03-11.html").read_text("utf-8")
    measuring = next(
        cells for _, cells in rows(built_site / GATHERING / "2013-03-11.html") if "Måling av resultater" in cells
    )
    assert 'href="worksheets/maling-tidslinje.html"' in measuring
    assert 'href="sessions/maling-av-resultater.html"' in measuring
    decks = re.findall(r'href="(decks/[^"]+)"', page)
    assert len(decks) == len(set(decks)), "a deck used all day is linked once, above the table"


def test_the_day_links_its_calendar_file_and_the_overview_the_whole(built_site: Path) -> None:
    day = (built_site / GATHERING / "2013-03-11.html").read_text("utf-8")
    assert re.search(r'<a href="2013-03-11\.ics" download>Legg til i kalender</a>', day)
    overview = (built_site / GATHERING / "index.html").read_text("utf-8")
    assert 'href="kalender.ics"' in overview
    assert overview.count('<table class="agenda"') == 2  # the overview shows all days


def test_the_session_page_says_when_and_where(built_site: Path) -> None:
    page = (built_site / GATHERING / "sessions" / "maling-av-resultater.html").read_text("utf-8")
    when = text(re.search(r'<p class="meta session-when">(.*?)</p>', page, re.S).group(1)).replace(" ,", ",")
    assert when == "mandag 11. mars 2013, 15.35–16.45 (1 t 10 min) · Gardermoen"


def edit(path: Path, old: str, new: str) -> None:
    source = path.read_text("utf-8")
    assert old in source
    path.write_text(source.replace(old, new), "utf-8")


def test_nynorsk_and_colon_times_and_parallel_sessions_side_by_side(content_copy: Path, tmp_path: Path) -> None:
    edit(content_copy / "site.yaml", 'time_format: "12.30"', 'time_format: "12:30"')
    gathering = content_copy / GATHERING / "gathering.yaml"
    edit(gathering, "timezone: Europe/Oslo", "timezone: Europe/Oslo\nlanguage: nn")
    edit(
        gathering,
        "      - oppsummering-av-dagen\n",
        "      - oppsummering-av-dagen\n"
        "      - start: '17.00'\n"
        "        parallel:\n"
        "          - {title: Prosjektleiarar, kind: meeting, room: Lerka}\n"
        "          - {title: Nettverksleiarar, kind: meeting, room: Ugla, duration: 60}\n",
    )
    edit(content_copy / GATHERING / "sessions" / "mote-med-prosjektlederne.md", 'start: "17.00"', 'start: "18.00"')
    out = tmp_path / "out"
    build(content_copy, out)
    page = (out / GATHERING / "2013-03-11.html").read_text("utf-8")
    assert "måndag 11. mars 2013" in page
    assert "09:30–09:40" in page and "09.30" not in text(page)
    parallel = next(cells for attrs, cells in rows(out / GATHERING / "2013-03-11.html") if "kind-parallel" in attrs)
    assert text(parallel).startswith("17:00–18:00 Parallelle sesjonar")
    assert parallel.count('class="parallel-track') == 2 and "Rom Lerka" in text(parallel)
    assert "17:00–18:00 Møte Nettverksleiarar" not in text(parallel)  # same span as the block: not repeated


def test_an_overlap_is_reported_with_both_files_and_lines(content_copy: Path, tmp_path: Path) -> None:
    edit(content_copy / GATHERING / "sessions" / "prosjektets-hensikt.md", "duration: 30", "duration: 40")
    with pytest.raises(ContentError) as caught:
        build(content_copy, tmp_path / "out")
    [problem] = [str(p) for p in caught.value.problems]
    assert re.match(r"\S*gathering\.yaml:\d+: 'Pause' starts at 14\.00", problem), problem
    assert "'Prosjektets hensikt' (sessions/prosjektets-hensikt.md:3) runs until 14.10 — " in problem
