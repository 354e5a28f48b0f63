"""Programme times: every rule of generator/domain/schedule.py, the seed's two days, and the edges."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.commands.build import check
from generator.core.model import Source
from generator.domain.schedule import Gap, Plan, Slot, TimeProblem, schedule
from generator.validate import schema

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
GATHERING = "nettverk-omdomme-2013-03"


def t(text: str) -> int:
    return schema.clock(text)


def plan(title: str, start: str | None = None, duration: int | None = None, end: str | None = None, **kw) -> Plan:
    """A programme item as written in sessions/TITLE.md, at `line` (1 unless given)."""
    source = Source(Path(f"g/sessions/{title.lower()}.md"), kw.pop("line", 1))
    return Plan(title, source, t(start) if start else None, duration, t(end) if end else None, **kw)


def times(slots: list[Slot | Gap]) -> list[tuple[str, str, str]]:
    """(title or 'gap', start, end) for each top-level entry, as the agenda reads."""
    out = []
    for s in slots:
        title = "gap" if isinstance(s, Gap) else s.plan.title
        out.append((title, f"{s.start // 60:02d}.{s.start % 60:02d}", f"{s.end // 60:02d}.{s.end % 60:02d}"))
    return out


def ok(plans: list[Plan], start: str, end: str | None = None) -> list[Slot | Gap]:
    slots, problems = schedule(plans, t(start), t(end) if end else None)
    assert problems == [], problems
    return slots


def only_problem(plans: list[Plan], start: str, end: str | None = None) -> TimeProblem:
    _, problems = schedule(plans, t(start), t(end) if end else None)
    assert len(problems) == 1, problems
    return problems[0]


# --- follow-on times, explicit starts, durations and ends ------------------------------------------


def test_items_without_a_start_follow_on_from_the_day_start() -> None:
    slots = ok([plan("A", duration=10), plan("B", duration=20), plan("C", duration=5)], "09.30")
    assert times(slots) == [("A", "09.30", "09.40"), ("B", "09.40", "10.00"), ("C", "10.00", "10.05")]


def test_an_end_instead_of_a_duration() -> None:
    slots = ok([plan("A", end="10.15"), plan("B", duration=15)], "09.30")
    assert times(slots) == [("A", "09.30", "10.15"), ("B", "10.15", "10.30")]


def test_start_and_duration_and_end_that_agree_are_fine() -> None:
    assert times(ok([plan("A", "09.00", 30, "09.30")], "09.00")) == [("A", "09.00", "09.30")]


def test_start_duration_and_end_that_disagree_are_an_error() -> None:
    problem = only_problem([plan("A", "09.00", 30, "09.45")], "09.00")
    assert "disagree" in problem.message and "keep two" in problem.hint


def test_an_end_before_the_start_is_an_error() -> None:
    problem = only_problem([plan("A", "10.00", end="09.00")], "09.00")
    assert "ends at 09.00, before it starts at 10.00" in problem.message


def test_an_item_without_duration_lasts_until_the_next_start() -> None:
    slots = ok([plan("A", "08.30"), plan("B", "08.45", 20)], "08.30")
    assert times(slots) == [("A", "08.30", "08.45"), ("B", "08.45", "09.05")]


def test_a_later_explicit_start_leaves_free_time() -> None:
    slots = ok([plan("A", duration=100), plan("Lunsj", "11.30", 60)], "09.30")
    assert times(slots) == [("A", "09.30", "11.10"), ("gap", "11.10", "11.30"), ("Lunsj", "11.30", "12.30")]
    assert isinstance(slots[1], Gap)


def test_a_gap_before_the_first_item() -> None:
    slots = ok([plan("A", "09.00", 30)], "08.30")
    assert times(slots) == [("gap", "08.30", "09.00"), ("A", "09.00", "09.30")]


def test_an_earlier_explicit_start_is_an_overlap_naming_both_with_file_and_line() -> None:
    first = plan("Foredrag", "10.00", 60, line=3)
    problem = only_problem([first, plan("Pause", "10.45", 15, line=9)], "10.00")
    assert problem.source.line == 9 and problem.source.path.name == "pause.md"
    assert "'Pause' starts at 10.45" in problem.message
    assert "'Foredrag' (sessions/foredrag.md:3) runs until 11.00" in problem.message
    assert "parallel" in problem.hint


def test_an_item_before_the_day_start_is_an_error() -> None:
    problem = only_problem([plan("A", "08.00", 30)], "08.30")
    assert "before the start of the day at 08.30" in problem.message


def test_an_explicit_start_before_an_open_item_is_an_error_not_a_silent_reorder() -> None:
    problem = only_problem([plan("A", "10.00"), plan("B", "09.30", 10)], "09.00")
    assert "'B' starts at 09.30, but 'A'" in problem.message and "starts at 10.00" in problem.message


def test_an_explicit_start_inside_the_item_before_an_open_one_names_that_item() -> None:
    plans = [plan("Hensikt", "13.30", 30, line=4), plan("Pause", "14.00"), plan("Arbeidsgivere", "13.45", 60)]
    problem = only_problem(plans, "13.30")
    assert "'Arbeidsgivere' starts at 13.45, but 'Hensikt' (sessions/hensikt.md:4) runs until 14.00" in problem.message


def test_the_last_item_of_the_day_without_an_end_has_an_open_end() -> None:
    slots = ok([plan("A", duration=10), plan("Middag", "20.00", line=7)], "09.00")
    dinner = slots[-1]
    assert isinstance(dinner, Slot) and dinner.open_end and (dinner.start, dinner.end) == (t("20.00"), t("20.00"))
    assert not any(isinstance(s, Slot) and s.open_end for s in slots[:-1])


def test_a_last_item_with_sub_items_still_needs_an_end() -> None:
    last = Plan("Kveld", Source(Path("g.yaml"), 7), t("20.00"), items=(Plan("Quiz", Source(Path("g.yaml"), 8)),))
    problem = only_problem([plan("A", duration=10), last], "09.00")
    assert problem.source.line == 7 and "last item of the day" in problem.message and "duration" in problem.hint


def test_a_day_end_closes_the_last_item() -> None:
    slots = ok([plan("A", duration=10), plan("B", "10.00")], "09.00", end="16.00")
    assert times(slots)[-1] == ("B", "10.00", "16.00")


def test_items_past_the_day_end_are_an_error() -> None:
    problem = only_problem([plan("A", "15.00", 90)], "15.00", end="16.00")
    assert "past the day's end at 16.00" in problem.message


def test_no_start_after_an_open_item_is_an_error_naming_the_open_one() -> None:
    problem = only_problem([plan("A", "09.00", line=2), plan("B", duration=10, line=5)], "09.00")
    assert problem.source.line == 5
    assert "'B' has no start, and 'A' before it has no duration (sessions/a.md:2)" in problem.message


def test_every_problem_is_reported_in_one_run() -> None:
    _, problems = schedule([plan("A", "10.00", 60), plan("B", "10.30", 10), plan("C", "10.20", 5)], t("10.00"))
    assert [p.source.path.name for p in problems] == ["b.md", "c.md"]


# --- midnight ---------------------------------------------------------------------------------------


def test_an_item_may_end_exactly_at_midnight() -> None:
    slots = ok([plan("Fest", "22.00", 120)], "22.00")
    assert (slots[0].start, slots[0].end) == (22 * 60, 24 * 60)


def test_running_past_midnight_is_an_error() -> None:
    problem = only_problem([plan("Fest", "23.00", 90)], "23.00")
    assert "past midnight (00.30 next day)" in problem.message


def test_an_item_may_start_at_midnight() -> None:
    slots = ok([plan("Natt", "00.00", 30)], "00.00")
    assert times(slots) == [("Natt", "00.00", "00.30")]


# --- sub-items ----------------------------------------------------------------------------------------


def test_sub_items_run_inside_their_parent() -> None:
    parent = plan("Måling", "15.35", 70, items=(plan("Intro", duration=20), plan("Gruppe", "15.55")))
    [slot] = ok([parent], "15.35")
    assert times(list(slot.items)) == [("Intro", "15.35", "15.55"), ("Gruppe", "15.55", "16.45")]


def test_a_sub_item_past_its_parent_is_an_error() -> None:
    parent = plan("Måling", "15.35", 30, items=(plan("Intro", duration=20), plan("Gruppe", duration=20, line=12)))
    problem = only_problem([parent], "15.35")
    assert problem.source.line == 12
    assert "'Gruppe' runs until 16.15, past the end of 'Måling' at 16.05" in problem.message


def test_a_sub_item_before_its_parent_is_an_error() -> None:
    parent = plan("Måling", "15.35", 30, items=(plan("Intro", "15.00", 10),))
    assert "before the start of 'Måling' at 15.35" in only_problem([parent], "15.35").message


def test_overlapping_sub_items_are_an_error() -> None:
    parent = plan("Måling", "15.00", 60, items=(plan("Intro", duration=30), plan("Gruppe", "15.20", 10)))
    assert "'Intro'" in only_problem([parent], "15.00").message


# --- parallel ------------------------------------------------------------------------------------------


def test_parallel_sessions_share_the_time_and_are_not_an_overlap() -> None:
    block = plan("Grupper", parallel=(plan("Rom A", duration=45), plan("Rom B", duration=30)))
    slots = ok([plan("Intro", "09.00", 15), block, plan("Plenum", duration=15)], "09.00")
    assert times(slots) == [("Intro", "09.00", "09.15"), ("Grupper", "09.15", "10.00"), ("Plenum", "10.00", "10.15")]
    assert times(list(slots[1].parallel)) == [("Rom A", "09.15", "10.00"), ("Rom B", "09.15", "09.45")]


def test_a_parallel_block_with_its_own_duration_bounds_its_members() -> None:
    block = plan("", duration=30, parallel=(plan("Rom A"), plan("Rom B", duration=40)))
    problem = only_problem([block], "09.00")
    assert "'Rom B' runs until 09.40, past the end of 'Rom A / Rom B' at 09.30" in problem.message


def test_an_untitled_parallel_block_is_named_by_its_members_in_messages() -> None:
    block = plan("", parallel=(plan("Rom A"), plan("Rom B")))
    problem = only_problem([plan("Intro", "09.00", 15), block, plan("Plenum", duration=15)], "09.00")
    assert "'Plenum' has no start, and 'Rom A / Rom B' before it has no duration" in problem.message


def test_a_parallel_member_without_duration_lasts_the_block() -> None:
    block = plan("G", "09.00", 60, parallel=(plan("Rom A"), plan("Rom B", "09.30")))
    [slot] = ok([block], "09.00")
    assert times(list(slot.parallel)) == [("Rom A", "09.00", "10.00"), ("Rom B", "09.30", "10.00")]


def test_a_parallel_member_before_its_block_is_an_error() -> None:
    block = plan("G", "09.00", 60, parallel=(plan("Rom A", "08.30", 30), plan("Rom B")))
    assert "before the start of 'G' at 09.00" in only_problem([block], "09.00").message


def test_a_parallel_block_that_starts_at_midnight_counts_its_member_starts() -> None:
    block = plan("G", parallel=(plan("A", "00.00", 30), plan("B", "00.00", 45)))
    [slot] = ok([block], "00.00")
    assert (slot.start, slot.end) == (0, 45)


# --- the seed, through the whole pipeline --------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_days() -> list:
    return list(next(g for g in check(CONTENT).gatherings if g.key == GATHERING).days)


def agenda(day) -> list[tuple[str, str, str]]:
    rows = []
    for entry in day.entries:
        title = getattr(entry, "title", "") or "gap"
        rows.append(
            (title, f"{entry.start // 60:02d}.{entry.start % 60:02d}", f"{entry.end // 60:02d}.{entry.end % 60:02d}")
        )
    return rows


def test_seed_day_1(seed_days: list) -> None:
    rows = agenda(seed_days[0])
    assert rows[0] == ("Program", "09.30", "09.40")
    assert ("gap", "11.10", "11.30") in rows  # the morning only gives durations; the gap before lunch shows
    expected = [
        ("Lunsj", "11.30", "12.30"),
        ("Presentasjoner av prosjekt", "12.30", "13.30"),
        ("Prosjektets hensikt", "13.30", "14.00"),
        ("Pause", "14.00", "14.15"),
        ("Attraktive arbeidsgivere", "14.15", "15.15"),
        ("Pause med kaffe og noe å bite i", "15.15", "15.35"),
        ("Måling av resultater", "15.35", "16.45"),
        ("Oppsummering av dagen", "16.45", "17.00"),
        ("Møte med prosjektlederne", "17.00", "18.45"),
        ("Aperitiff og quiz", "18.45", "20.00"),
        ("Middag", "20.00", "20.00"),
    ]
    assert rows[rows.index(("gap", "11.10", "11.30")) + 1 :] == expected
    measuring = next(e for e in seed_days[0].entries if getattr(e, "title", "") == "Måling av resultater")
    assert [(i.title, i.start, i.end) for i in measuring.items] == [
        ("En kort introduksjon", t("15.35"), t("15.55")),
        ("Gruppearbeid", t("15.55"), t("16.45")),
    ]


def test_seed_day_2(seed_days: list) -> None:
    starts = [start for _, start, _ in agenda(seed_days[1])]
    assert starts == ["08.30", "08.45", "10.30", "10.45", "11.25", "12.25", "12.40", "13.00"]
    assert agenda(seed_days[1])[-1] == ("Lunsj og avrunding", "13.00", "14.00")
