"""The group-work timer's Python side: the written duration, the model, the HTML's data, the agenda's times."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from pathlib import Path

import pytest

from generator.commands.build import build
from generator.core.errors import Problems
from generator.core.model import Day, Deck, Gathering, Session, Slide
from generator.load.documents import read_markdown
from generator.render.deck_plan import deck_timing
from generator.validate.decks import deck
from generator.validate.markdown import make_markdown
from generator.validate.timer import DurationError, parse_duration

DECK = "nettverk-omdomme-2013-03/decks/samling-mars-2013"
GROUP_WORK = "<!-- session: gruppearbeid-risiko -->"


@pytest.mark.parametrize(
    ("written", "seconds"),
    [
        ("5 min", 300),
        ("5min", 300),
        ("5 min.", 300),
        ("1 minutt", 60),
        ("10 minutter", 600),
        ("2 minutes", 120),
        ("90 s", 90),
        ("45 sek", 45),
        ("30 sekunder", 30),
        ("1 t", 3600),
        ("2 timer", 7200),
        ("1 time", 3600),
        ("1 h", 3600),
        ("1 t 30 min", 5400),
        ("1t30min", 5400),
        ("1 h 2 min 3 s", 3723),
        ("1:30", 90),
        ("0:45", 45),
        ("25:00", 1500),
        ("1:30:00", 5400),
        ("  5 MIN ", 300),
        ("1 s", 1),
        ("4 t", 4 * 3600),
    ],
)
def test_durations_in_nb_nn_and_en(written: str, seconds: int) -> None:
    assert parse_duration(written) == seconds


@pytest.mark.parametrize(
    ("written", "what", "hint"),
    [
        ("", "the timer has no duration", "write e.g. 5 min, 90 s, 1 t 30 min or 1:30"),
        ("5", "timer '5' has no unit", "write 5 min or 5 s"),
        ("fem minutter", "timer 'fem minutter' is not a duration", "write e.g. 5 min"),
        ("5 dager", "timer '5 dager' is not a duration", "write e.g. 5 min"),
        ("1,5 t", "timer '1,5 t' is not a duration", "1 t 30 min"),
        ("1:75", "timer '1:75' is not a duration", "write e.g."),
        ("30 min 1 t", "repeats or misorders its units", "hours, then minutes, then seconds"),
        ("5 min 5 min", "repeats or misorders its units", "hours, then minutes"),
        ("0 s", "timer '0 s' is shorter than a second", "use 1 s to 4 t"),
        ("0:00", "shorter than a second", "use 1 s to 4 t"),
        ("4 t 1 s", "timer '4 t 1 s' is longer than 4 hours", "use 1 s to 4 t"),
        ("300 min", "longer than 4 hours", "use 1 s to 4 t"),
    ],
)
def test_bad_durations_say_what_and_what_to_do(written: str, what: str, hint: str) -> None:
    with pytest.raises(DurationError) as caught:
        parse_duration(written)
    assert what in caught.value.what and hint in caught.value.hint


def parse(tmp_path: Path, text: str) -> tuple[Deck | None, list[str]]:
    path = tmp_path / "g" / "decks" / "lysbilder.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    problems = Problems()
    doc = read_markdown(path, problems)
    assert doc is not None
    result = deck(doc, frozenset({"gruppe"}), make_markdown(), problems)
    return result, [f"{p.line}: {p.message} — {p.hint}" for p in problems.items]


def test_a_slide_setting_gives_the_slide_its_timer_in_seconds(tmp_path: Path) -> None:
    text = "---\ntitle: A\n---\n# 1\n---\n<!-- session: gruppe -->\n<!-- timer: 1 t 30 min -->\n# 2\n---\n# 3\n"
    d, problems = parse(tmp_path, text)
    assert problems == [] and d is not None
    assert [s.timer_seconds for s in d.slides] == [None, 5400, None]  # a timer does not carry on
    assert [s.session for s in d.slides] == ["", "gruppe", "gruppe"]
    assert d.slides[1].timer_clock == "1:30:00" and d.has_timer


def test_a_bad_timer_is_a_problem_at_its_line(tmp_path: Path) -> None:
    text = (
        "---\ntitle: A\n---\n<!-- timer: 5 -->\n# 1\n---\n# 2\n\n---\n<!-- layout: title -->\n<!-- timer: 5 dager -->\n"
    )
    d, problems = parse(tmp_path, text)
    assert problems == [
        "4: timer '5' has no unit — write 5 min or 5 s",
        "11: timer '5 dager' is not a duration — write e.g. 5 min, 90 s, 1 t 30 min or 1:30",
    ]
    assert d is not None and not d.has_timer


@pytest.mark.parametrize(("seconds", "shown"), [(300, "5:00"), (45, "0:45"), (90, "1:30"), (3723, "1:02:03")])
def test_the_countdown_starts_as_written(seconds: int, shown: str) -> None:
    assert Slide(1, "", timer_seconds=seconds).timer_clock == shown


def _ms(day: dt.date, hour: int, minute: int) -> int:
    moment = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=zoneinfo.ZoneInfo("Europe/Oslo"))
    return int(moment.timestamp() * 1000)


def test_each_slide_is_planned_at_its_share_of_its_session() -> None:
    day = dt.date(2013, 3, 12)  # winter time in Oslo: +01:00
    a = Session("a", "A", "plenary", 600, 630, True, 30)
    b = Session("b", "B", "group", 630, 690, True, 60)
    slides = tuple(Slide(n, "", session="a" if n < 4 else "b") for n in range(1, 6))
    d = Deck("d", "D", slides, sessions=("a", "b"))
    g = Gathering("g", "G", (Day(1, day, 600, 690, (a, b)),), decks=(d,), timezone="Europe/Oslo")
    planned = deck_timing(g, d).planned
    assert [planned[n].at_ms for n in range(1, 6)] == [
        _ms(day, 10, 0),
        _ms(day, 10, 10),
        _ms(day, 10, 20),
        _ms(day, 10, 30),
        _ms(day, 11, 0),
    ]
    assert planned[2].start_ms == _ms(day, 10, 0) and planned[2].end_ms == _ms(day, 10, 30)
    assert _ms(day, 10, 0) == int(dt.datetime(2013, 3, 12, 9, 0, tzinfo=dt.UTC).timestamp() * 1000)  # +01:00


def _with_timer(content: Path, setting: str = "<!-- timer: 5 min -->") -> Path:
    path = content / f"{DECK}.md"
    path.write_text(path.read_text("utf-8").replace(GROUP_WORK, f"{GROUP_WORK}\n{setting}", 1), "utf-8")
    return path


def test_the_pages_carry_seconds_and_planned_instants(content_copy: Path, tmp_path: Path) -> None:
    _with_timer(content_copy)
    out = tmp_path / "out"
    build(content_copy, out)
    audience = (out / f"{DECK}.html").read_text("utf-8")
    presenter = (out / f"{DECK}-presenter.html").read_text("utf-8")
    for html in (audience, presenter):
        assert html.count('data-timer="300"') == 1  # seconds; the written "5 min" is not there
        assert "data-timer-display>5:00<" in html and 'src="../../assets/timer.js"' in html
        assert 'data-ended="Tiden er ute"' in html and ">Nullstill</button>" in html
    assert "Shift+T: nullstill" in audience
    slide = re.search(
        r'<aside class="presenter-notes" data-slide="(\d+)"[^>]*data-session="gruppearbeid-risiko"[^>]*>', presenter
    )
    assert slide is not None
    at = re.search(r'data-planned-at="(\d+)"', slide.group(0))
    start = re.search(r'data-planned-start="(\d+)"', slide.group(0))
    assert at and start and at.group(1) == start.group(1)  # the session's first slide is planned at its start
    assert 'data-behind="{n} min bak skjema"' in presenter and 'data-ahead="{n} min foran skjema"' in presenter
    handout = (out / f"{DECK}-handout.html").read_text("utf-8")
    assert "timer.js" not in handout  # printed, the timer reads as its length


def test_a_deck_without_a_timer_loads_no_timer_script(built_site: Path) -> None:
    assert "timer.js" not in (built_site / f"{DECK}.html").read_text("utf-8")
    assert "data-timer=" not in (built_site / f"{DECK}.html").read_text("utf-8")
