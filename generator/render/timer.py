"""When the agenda expects each slide of a deck: for the presenter view's ahead/behind indicator.

A slide of a session is planned at the session's start plus its share of the session, by its
place among the session's slides (the 3rd of 6 slides in a 10.00–10.30 session: 10.10). The
presenter view compares the clock with that moment; the times are instants (epoch ms), computed
in the gathering's time zone, so the browser's own zone does not matter.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from generator.core.model import Gathering, Session


@dataclass(frozen=True)
class SlidePlan:
    start_ms: int  # the slide's session: planned start and end
    end_ms: int
    at_ms: int  # when the agenda expects the slide to be reached


def epoch_ms(g: Gathering, session: Session) -> tuple[int, int] | None:
    """The session's planned start and end as epoch milliseconds, or None if it is in no day."""
    for day in g.days:
        if any(s.key == session.key for s in day.sessions()):
            return _instant(g.timezone, day.date, session.start), _instant(g.timezone, day.date, session.end)
    return None


def _instant(timezone: str, date: dt.date, minutes: int) -> int:
    """Epoch ms of the wall-clock moment `minutes` after midnight on `date` (as render.agenda.local_time)."""
    days, rest = divmod(minutes, 24 * 60)
    day = date + dt.timedelta(days=days)
    moment = dt.datetime.combine(day, dt.time(rest // 60, rest % 60), tzinfo=zoneinfo.ZoneInfo(timezone))
    return int(moment.timestamp() * 1000)


def slide_plans(g: Gathering, by_slide: dict[int, Session]) -> dict[int, SlidePlan]:
    """Slide number → its planned moment, for the slides that belong to one of the deck's sessions."""
    plans: dict[int, SlidePlan] = {}
    for session in dict.fromkeys(by_slide.values()):
        span = epoch_ms(g, session)
        if span is None:
            continue
        numbers = [n for n in sorted(by_slide) if by_slide[n] is session]
        start, end = span
        for i, n in enumerate(numbers):
            plans[n] = SlidePlan(start, end, start + (end - start) * i // len(numbers))
    return plans
