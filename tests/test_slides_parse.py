"""Deck parsing and the Python side of the viewer: splitting, settings, problems with file:line, timing, handout."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest

from generator.commands.build import check
from generator.core.errors import ContentError, Problems
from generator.core.model import Deck, Gathering, Session, Slide
from generator.load.documents import read_markdown
from generator.render.deck_plan import deck_timing, handout_pages
from generator.validate.decks import deck, demote_headings, slide_settings, split_slides
from generator.validate.markdown import make_markdown

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "content" / "nettverk-omdomme-2013-03" / "decks" / "samling-mars-2013.md"
SESSIONS = frozenset({"program", "scanning", "lunsj"})


def parse(tmp_path: Path, text: str, sessions: frozenset[str] = SESSIONS) -> tuple[Deck | None, list[str]]:
    path = tmp_path / "g" / "decks" / "lysbilder.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    problems = Problems()
    doc = read_markdown(path, problems)
    assert doc is not None
    result = deck(doc, sessions, make_markdown(), problems)
    return result, [f"{p.line}: {p.message} — {p.hint}" for p in problems.items]


def test_split_on_dash_lines_but_not_inside_code_fences() -> None:
    body = "# A\n---\nB\n```\n---\n```\n---\n\n---\nC"
    assert split_slides(body, 10) == [("# A", 10), ("B\n```\n---\n```", 12), ("C", 19)]


def test_a_tilde_fence_does_not_close_a_backtick_fence() -> None:
    body = "```\n~~~\n---\n~~~\n```\n---\nB"
    assert [text for text, _ in split_slides(body, 1)] == ["```\n~~~\n---\n~~~\n```", "B"]


def test_settings_are_leading_comment_lines_with_their_lines() -> None:
    settings, rest, line = slide_settings("\n<!-- layout: section -->\n<!--session:scanning-->\n# Scanning\n", 7)
    assert settings == {"layout": ("section", 8), "session": ("scanning", 9)}
    assert rest.startswith("# Scanning") and line == 10


def test_headings_move_one_level_down() -> None:
    assert demote_headings("<h1>A</h1><h2 id='x'>B</h2><hr>") == "<h2>A</h2><h3 id='x'>B</h3><hr>"


def test_deck_with_layouts_sessions_and_notes(tmp_path: Path) -> None:
    text = (
        "---\ntitle: Samling\ndate: 2013-03-22\nsessions: [program]\naspect: '4:3'\n---\n"
        "<!-- layout: title -->\n# Velkommen\n---\n<!-- session: scanning -->\n## Scanning\n"
        "::: notes\nHvem er hva?\n:::\n---\nUten innstillinger\n"
    )
    d, problems = parse(tmp_path, text)
    assert problems == [] and d is not None
    assert [s.layout for s in d.slides] == ["title", "default", "default"]
    assert [s.session for s in d.slides] == ["", "scanning", "scanning"]  # a session carries on
    assert d.sessions == ("program", "scanning")
    assert d.date == dt.date(2013, 3, 22) and d.aspect == "4:3"
    assert "Hvem er hva?" in d.slides[1].notes_html and "Hvem er hva?" not in d.slides[1].html
    assert d.slides[0].html.startswith("<h2>Velkommen</h2>")
    assert [s.source.line for s in d.slides] == [7, 10, 16]


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("title: A\ndate: 22.03.2013\n", "3: 'date'"),
        ("title: A\naspect: 21:9\n", "3: 'aspect'"),
        ("title: A\nfoter: x\n", "3: unknown key 'foter' in the deck's front matter — did you mean 'footer'?"),
        ("date: 2013-03-22\n", "is missing 'title'"),
        ("title: A\nsessions: [mangler]\n", "3: session 'mangler' does not exist"),
    ],
)
def test_bad_front_matter_names_the_line(tmp_path: Path, front: str, expected: str) -> None:
    _, problems = parse(tmp_path, f"---\n{front}---\n# Et lysbilde\n")
    assert any(expected in p for p in problems), problems


def test_bad_slide_settings_name_their_lines(tmp_path: Path) -> None:
    text = (
        "---\ntitle: A\n---\n# 1\n---\n<!-- layout: tre-kolonner -->\n# 2\n---\n"
        "<!-- sesion: x -->\n---\n<!-- session: mangler -->\n"
    )
    _, problems = parse(tmp_path, text)
    assert problems[0].startswith("6: unknown slide layout 'tre-kolonner' — use one of: default, title")
    assert problems[1].startswith("9: unknown slide setting 'sesion' — a slide can start with: layout, session")
    assert problems[2].startswith("11: session 'mangler' does not exist")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Bare tekst\n", "1: has no front matter"),
        ("---\ntitle: A\n---\n\n---\n", "the deck has no slides"),
        ("---\n- a\n- b\n---\n# 1\n", "the deck's front matter should be a mapping"),
    ],
)
def test_a_deck_without_front_matter_or_slides_is_a_problem(tmp_path: Path, text: str, expected: str) -> None:
    _, problems = parse(tmp_path, text)
    assert any(expected in p for p in problems), problems


def test_a_bad_deck_fails_the_check_with_file_and_line(content_copy: Path) -> None:
    path = content_copy / "nettverk-omdomme-2013-03" / "decks" / "samling-mars-2013.md"
    text = path.read_text("utf-8").replace("<!-- layout: two-columns -->", "<!-- layout: to-kolonner -->", 1)
    path.write_text(text, "utf-8")
    line = text.split("\n").index("<!-- layout: to-kolonner -->") + 1
    with pytest.raises(ContentError) as caught:
        check(content_copy)
    assert [str(p) for p in caught.value.problems] == [
        f"content/nettverk-omdomme-2013-03/decks/samling-mars-2013.md:{line}: unknown slide layout 'to-kolonner'"
        " — use one of: default, title, section, two-columns, image"
    ]


@pytest.mark.parametrize("view", ["notes", "presenter", "handout"])
def test_a_deck_named_like_another_decks_view_is_refused(content_copy: Path, view: str) -> None:
    decks = content_copy / "nettverk-omdomme-2013-03" / "decks"
    (decks / f"samling-mars-2013-{view}.md").write_text("---\ntitle: Kopi\n---\n# Kopi\n", "utf-8")
    with pytest.raises(ContentError) as caught:
        check(content_copy)
    assert any(
        p.path.endswith(f"/samling-mars-2013-{view}.md")
        and f"would overwrite the {view} page of the deck 'samling-mars-2013'" in p.message
        for p in caught.value.problems
    ), caught.value.problems


def _session(key: str, start: int, minutes: int, decks: tuple[str, ...] = ()) -> Session:
    return Session(key, key.title(), "plenary", start, start + minutes, True, minutes, decks=decks)


def test_timing_sums_the_decks_sessions_and_maps_slides_to_them() -> None:
    from generator.core.model import Day

    a, b, c = _session("a", 540, 10, decks=("d",)), _session("b", 550, 25), _session("c", 575, 30)
    slides = (Slide(1, "", session="b"), Slide(2, ""), Slide(3, "", session="x"))
    d = Deck("d", "D", slides, sessions=("b",))
    g = Gathering("g", "G", (Day(1, dt.date(2013, 3, 11), 540, 605, (a, b, c)),), decks=(d,))
    timing = deck_timing(g, d)
    assert [s.key for s in timing.sessions] == ["a", "b"]  # a names the deck, the deck names b; c is not used
    assert timing.planned_minutes == 35
    assert {n: s.key for n, s in timing.by_slide.items()} == {1: "b"}


@pytest.mark.parametrize("count", [1, 3, 4, 43])
def test_handout_has_three_slides_per_page(count: int) -> None:
    slides = tuple(Slide(n, "") for n in range(1, count + 1))
    pages = handout_pages(slides)
    assert len(pages) == math.ceil(count / 3)
    assert [s.number for page in pages for s in page] == list(range(1, count + 1))
    assert all(len(page) == 3 for page in pages[:-1])


def test_the_example_deck_is_the_seed_in_order() -> None:
    site = check(ROOT / "content")
    g = site.gatherings[0]
    d = next(d for d in g.decks if d.key == "samling-mars-2013")
    assert d.date == dt.date(2013, 3, 22) and len(d.slides) == 43
    titles = [s.title for s in d.slides]
    assert titles[0] == "Nettverk – omdømme" and titles[-1] == "Fra bevissthet til aksept og eierskap"
    seed_order = ["Program", "Presentasjoner", "Scanning", "Forankring", "Hensikten", "ROS-analysen", "Veien videre"]
    positions = [titles.index(t) for t in seed_order]
    assert positions == sorted(positions)
    models = [e.name for s in d.slides for e in s.embeds if e.kind == "model"]
    assert models == [
        "forankring",
        "maling-av-resultater",
        "omdommebygging",
        "erfaringer",
        "bevissthet-aksept-eierskap",
    ]
    hensikten = d.slides[titles.index("Hensikten")]
    assert "Sissel noterer" in hensikten.notes_html and "Sissel" not in hensikten.html
    assert {s.layout for s in d.slides} == {"title", "section", "two-columns", "default", "image"}
    assert deck_timing(g, d).planned_minutes > 0
