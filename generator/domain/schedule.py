"""Programme times: from what facilitators write to when each item starts and ends.

Pure functions, no I/O. An item gives a start, a duration, an end, or a mix;
an item without a start follows on from the one before; an item without a
duration or end lasts until the next one starts. A later explicit start leaves
free time; an earlier one is an overlap. Sub-items run inside their parent.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from generator.core.model import Source
from generator.domain.clock import clock

MIDNIGHT = 24 * 60


@dataclass(frozen=True)
class Plan:
    """A programme item as written, before its times are known."""

    title: str
    source: Source
    start: int | None = None
    duration: int | None = None
    end: int | None = None
    items: tuple[Plan, ...] = ()
    parallel: tuple[Plan, ...] = ()


@dataclass(frozen=True)
class Slot:
    """A programme item with its computed times."""

    plan: Plan
    start: int
    end: int
    items: tuple[Slot, ...] = ()
    parallel: tuple[Slot, ...] = ()
    open_end: bool = False  # the day's last item with no end written: it starts, and runs on (end == start)


@dataclass(frozen=True)
class Gap:
    start: int
    end: int


@dataclass(frozen=True)
class TimeProblem:
    source: Source
    message: str
    hint: str


@dataclass
class _Open:
    """A slot whose end waits for the next item's start."""

    plan: Plan
    start: int
    end: int | None
    problems: list[TimeProblem] = field(default_factory=list)


def schedule(
    plans: tuple[Plan, ...] | list[Plan], start: int, end: int | None = None, *, within: str = ""
) -> tuple[list[Slot | Gap], list[TimeProblem]]:
    """Compute the times of a run of items beginning at `start`.

    `end` is the hard end of the run (a day's end or a parent's end); `within`
    names the parent when scheduling sub-items, which must not run past it.
    """
    problems: list[TimeProblem] = []
    placed: list[tuple[Plan, int, int | None] | Gap] = []
    cursor: int | None = start
    previous: Plan | None = None

    for plan in map(_titled, plans):
        own_end = _own_end(plan, problems)
        if plan.start is not None:
            begin = plan.start
            if cursor is None:
                open_start = _open_start(placed) - 1
                closed = _last_closed(placed)
                if closed is not None and begin < closed[1]:  # overlaps the item before the open one
                    problems.append(_overlap(plan, closed[0], begin, closed[1], within, start))
                elif begin <= open_start:
                    assert previous is not None
                    problems.append(_overlap(plan, previous, begin, open_start, within, start, starts=True))
                _close_open(placed, begin)
            elif begin > cursor:
                placed.append(Gap(cursor, begin))
            elif begin < cursor:
                problems.append(_overlap(plan, previous, begin, cursor, within, start))
        elif cursor is None:
            assert previous is not None
            problems.append(
                TimeProblem(
                    plan.source,
                    f"'{plan.title}' has no start, and '{previous.title}' before it has no "
                    f"duration ({previous.source.short})",
                    f"give '{previous.title}' a duration or '{plan.title}' a start",
                )
            )
            begin = _open_start(placed)
            _close_open(placed, begin)
        else:
            begin = cursor
        finish = begin + own_end if own_end is not None else None
        if plan.end is not None:
            if plan.end <= begin:
                problems.append(_ends_before_start(plan, plan.end, begin))
                finish = begin + 1
            else:
                finish = plan.end
        elif plan.duration is not None:
            finish = begin + plan.duration
        elif plan.parallel:
            finish = _parallel_end(plan, begin)
        placed.append((plan, begin, finish))
        cursor = finish
        previous = plan

    open_last = False
    if cursor is None:
        last = placed[-1]
        assert isinstance(last, tuple)
        if end is not None:
            _close_open(placed, end)
        elif within:
            _close_open(placed, start)  # unreachable: sub-runs always have an end
        elif not last[0].items and not last[0].parallel:
            # The seed's "Middag" from 20.00: nothing says when it ends, so nothing is invented.
            placed[-1] = (last[0], last[1], last[1])
            open_last = True
        else:
            problems.append(
                TimeProblem(
                    last[0].source,
                    f"'{last[0].title}' is the last item of the day and has no end",
                    "give it a duration (e.g. `duration: 60`) or an `end:` time: only an item without "
                    "sub-items or parallel sessions may end open",
                )
            )
            _close_open(placed, last[1] + 1)

    slots: list[Slot | Gap] = []
    for entry in placed:
        if isinstance(entry, Gap):
            slots.append(entry)
            continue
        plan, begin, finish = entry
        assert finish is not None
        finish = _check_bounds(plan, begin, finish, end, within, problems)
        slots.append(_with_children(plan, begin, finish, problems))
    if open_last and isinstance(last_slot := slots[-1], Slot):
        slots[-1] = replace(last_slot, open_end=True)
    return slots, problems


def _titled(plan: Plan) -> Plan:
    """An untitled parallel block is named by its members in messages: 'Rom A / Rom B'."""
    if plan.title or not plan.parallel:
        return plan
    return replace(plan, title=" / ".join(p.title for p in plan.parallel))


def _own_end(plan: Plan, problems: list[TimeProblem]) -> int | None:
    if plan.start is not None and plan.duration is not None and plan.end is not None:
        if plan.start + plan.duration == plan.end:
            return plan.duration
        problems.append(
            TimeProblem(
                plan.source,
                f"'{plan.title}' has start {clock(plan.start)}, duration "
                f"{plan.duration} min and end {clock(plan.end)}, which disagree",
                "keep two of start, duration and end",
            )
        )
    return plan.duration


def _parallel_end(plan: Plan, begin: int) -> int | None:
    """A parallel block without its own end lasts until its longest member ends."""
    ends = [
        (p.start if p.start is not None else begin) + p.duration if p.duration else p.end
        for p in plan.parallel
        if p.duration or p.end
    ]
    ends = [e for e in ends if e is not None]  # none are: the filter above; said for the type checker
    return max(ends) if ends else None


def _close_open(placed: list[tuple[Plan, int, int | None] | Gap], at: int) -> None:
    for i in range(len(placed) - 1, -1, -1):
        entry = placed[i]
        if isinstance(entry, tuple) and entry[2] is None:
            plan, begin, _ = entry
            placed[i] = (plan, begin, max(at, begin + 1))
            return


def _last_closed(placed: list[tuple[Plan, int, int | None] | Gap]) -> tuple[Plan, int] | None:
    """The latest item whose end is known, with that end."""
    for entry in reversed(placed):
        if isinstance(entry, tuple) and entry[2] is not None:
            return entry[0], entry[2]
    return None


def _open_start(placed: list[tuple[Plan, int, int | None] | Gap]) -> int:
    for entry in reversed(placed):
        if isinstance(entry, tuple) and entry[2] is None:
            return entry[1] + 1
    return 0


def _overlap(
    plan: Plan, previous: Plan | None, begin: int, cursor: int, within: str, start: int, *, starts: bool = False
) -> TimeProblem:
    if previous is None:
        what = f"the start of '{within}'" if within else "the start of the day"
        return TimeProblem(
            plan.source,
            f"'{plan.title}' starts at {clock(begin)}, before {what} at {clock(start)}",
            "move its start later" + ("" if within else " or the day's start earlier"),
        )
    if starts:  # the item before has no end of its own, so they overlap if this one starts no later than it
        return TimeProblem(
            plan.source,
            f"'{plan.title}' starts at {clock(begin)}, but '{previous.title}' "
            f"({previous.source.short}) before it starts at {clock(cursor)}",
            f"put '{plan.title}' after '{previous.title}' in the programme, or correct one of the starts",
        )
    return TimeProblem(
        plan.source,
        f"'{plan.title}' starts at {clock(begin)}, but '{previous.title}' "
        f"({previous.source.short}) runs until {clock(cursor)}",
        f"shorten '{previous.title}', start '{plan.title}' later, "
        "or declare them as `parallel:` if they run side by side",
    )


def _check_bounds(
    plan: Plan, begin: int, finish: int, end: int | None, within: str, problems: list[TimeProblem]
) -> int:
    if end is not None and finish > end:
        what = f"the end of '{within}'" if within else "the day's end"
        problems.append(
            TimeProblem(
                plan.source,
                f"'{plan.title}' runs until {clock(finish)}, past {what} at {clock(end)}",
                f"shorten it or lengthen '{within}'" if within else "shorten it, or set the day's `end:` later",
            )
        )
        return max(end, begin + 1)
    if finish > MIDNIGHT:
        problems.append(
            TimeProblem(
                plan.source,
                f"'{plan.title}' runs past midnight ({clock(finish % MIDNIGHT)} next day)",
                "end it by 24.00, or put the rest on the next day",
            )
        )
        return MIDNIGHT
    return finish


def _with_children(plan: Plan, begin: int, finish: int, problems: list[TimeProblem]) -> Slot:
    items: list[Slot] = []
    if plan.items:
        sub, sub_problems = schedule(plan.items, begin, finish, within=plan.title)
        problems.extend(sub_problems)
        items = [s for s in sub if isinstance(s, Slot)]
    parallel: list[Slot] = []
    block = plan.title
    for member in plan.parallel:
        member_start = member.start if member.start is not None else begin
        if member_start < begin:
            problems.append(_overlap(member, None, member_start, begin, block, begin))
            member_start = begin
        member_end = member_start + member.duration if member.duration else member.end if member.end else finish
        if member_end <= member_start:
            problems.append(_ends_before_start(member, member_end, member_start))
            member_end = member_start + 1
        member_end = _check_bounds(member, member_start, member_end, finish, block, problems)
        parallel.append(_with_children(member, member_start, member_end, problems))
    return Slot(plan, begin, finish, tuple(items), tuple(parallel))


def _ends_before_start(plan: Plan, end: int, begin: int) -> TimeProblem:
    return TimeProblem(
        plan.source,
        f"'{plan.title}' ends at {clock(end)}, before it starts at {clock(begin)}",
        "correct its end or start",
    )
