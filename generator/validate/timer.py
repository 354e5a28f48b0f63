"""A slide's group-work countdown: `<!-- timer: 5 min -->` → seconds.

The written form is read here only; the page carries seconds (`data-timer`), so the
browser never parses "1 t 30 min". Units in Norwegian (bokmål, nynorsk) and English,
or a clock form `m:ss` / `h:mm:ss`.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.core.errors import Problems

SHORTEST = 1  # seconds
LONGEST = 4 * 3600
EXAMPLES = "write e.g. 5 min, 90 s, 1 t 30 min or 1:30"
_UNITS = {
    3600: ("t", "time", "timar", "timer", "h", "hr", "hour", "hours"),
    60: ("m", "min", "mins", "minutt", "minutter", "minute", "minutes"),
    1: ("s", "sek", "sekund", "sekunder", "sec", "secs", "second", "seconds"),
}
_UNIT_SECONDS = {word: seconds for seconds, words in _UNITS.items() for word in words}
_PART = re.compile(r"(\d+)\s*([a-zø]+)\.?")
_CLOCK = re.compile(r"(\d+):([0-5]\d)(?::([0-5]\d))?")


class DurationError(ValueError):
    """What is wrong with a written duration, and what to do (a Problem's two halves)."""

    def __init__(self, what: str, hint: str) -> None:
        super().__init__(what)
        self.what = what
        self.hint = hint


def parse_duration(text: str) -> int:
    """ "5 min", "90 s", "1 t 30 min", "1:30" (m:ss), "1:30:00" (h:mm:ss) → seconds, 1 s to 4 hours."""
    written = text.strip().lower()
    if not written:
        raise DurationError("the timer has no duration", EXAMPLES)
    if written.isdigit():
        raise DurationError(f"timer '{text}' has no unit", f"write {written} min or {written} s")
    seconds = _clock(written) if _CLOCK.fullmatch(written) else _parts(written, text)
    if seconds < SHORTEST:
        raise DurationError(f"timer '{text}' is shorter than a second", "use 1 s to 4 t")
    if seconds > LONGEST:
        raise DurationError(f"timer '{text}' is longer than 4 hours", "use 1 s to 4 t")
    return seconds


def _clock(written: str) -> int:
    m = _CLOCK.fullmatch(written)
    assert m is not None
    if m.group(3) is None:  # m:ss
        return int(m.group(1)) * 60 + int(m.group(2))
    return int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))


def _parts(written: str, text: str) -> int:
    """ "1 t 30 min": each unit at most once, largest first."""
    total, pos, last = 0, 0, LONGEST * 60
    while pos < len(written):
        m = _PART.match(written, pos)
        unit = _UNIT_SECONDS.get(m.group(2)) if m else None
        if m is None or unit is None:
            raise DurationError(f"timer '{text}' is not a duration", EXAMPLES)
        if unit >= last:
            raise DurationError(
                f"timer '{text}' repeats or misorders its units", "write hours, then minutes, then seconds"
            )
        total += int(m.group(1)) * unit
        last = unit
        pos = m.end()
        while pos < len(written) and written[pos] == " ":
            pos += 1
    return total


def slide_timer(settings: dict[str, tuple[str, int]], path: Path, problems: Problems) -> int | None:
    """The slide's `timer` setting in seconds; a bad one is a problem at its line."""
    if "timer" not in settings:
        return None
    value, line = settings["timer"]
    try:
        return parse_duration(value)
    except DurationError as e:
        problems.add(path, line, e.what, e.hint)
        return None
