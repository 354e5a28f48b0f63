"""When a gathering happens: exact days, or only months while it is planned.

The seed plans "2. samling august/september 2013" long before anyone knows the
days, so a period has a precision. Both kinds keep a first and a last calendar
day (a month period spans whole months), so ordering and "is it over?" need
no special case; only formatting and calendars ask about the precision.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re

from generator.core.model.networks import Period, Precision

__all__ = ["MONTHS", "Period", "PeriodError", "Precision", "parse_period"]

MAX_MONTHS = 12  # a planned gathering "some time within a year" is no plan; one longer is a typing slip


class PeriodError(ValueError):
    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


# Full names and the usual short forms in nb, nn and en; "mai" and "des" are Norwegian, "may" and "dec" English.
_NAMES = [
    ("januar", "january", "jan"),
    ("februar", "february", "feb"),
    ("mars", "march", "mar"),
    ("april", "apr"),
    ("mai", "may"),
    ("juni", "june", "jun"),
    ("juli", "july", "jul"),
    ("august", "aug"),
    ("september", "sept", "sep"),
    ("oktober", "october", "okt", "oct"),
    ("november", "nov"),
    ("desember", "december", "des", "dec"),
]
MONTHS: dict[str, int] = {name: i for i, names in enumerate(_NAMES, start=1) for name in names}

_ISO_DAY = r"\d{4}-\d{2}-\d{2}"
_ISO_MONTH = r"\d{4}-\d{2}"
_SEP = r"\s*(?:\.\.|/|–|—|-|til|to)\s*"
_DAYS = re.compile(rf"(?P<a>{_ISO_DAY})(?:\s*(?:\.\.|/)\s*(?P<b>{_ISO_DAY}))?")
_ISO_MONTHS = re.compile(rf"(?P<a>{_ISO_MONTH})(?:\s*(?:\.\.|/)\s*(?P<b>{_ISO_MONTH}))?")
_WORD = r"[a-zæøå]+\.?"
_WORDS = re.compile(rf"(?P<m1>{_WORD})(?:\s+(?P<y1>\d{{4}}))?(?:{_SEP}(?P<m2>{_WORD}))?\s+(?P<y2>\d{{4}})")

FORMS = "2013-03-11, 2013-03-11..2013-03-12, 2013-08, 2013-08..2013-09, 'mars 2013' or 'august/september 2013'"


def parse_period(value: object) -> Period:
    """A written period → Period; PeriodError says what is wrong and what to write."""
    if isinstance(value, dt.date):
        return Period.days(value)
    if not isinstance(value, str) or not value.strip():
        raise PeriodError("is not a date or a month", f"write it like {FORMS}")
    text = " ".join(value.strip().lower().split())
    if m := _DAYS.fullmatch(text):
        first, last = _iso_day(m["a"]), _iso_day(m["b"] or m["a"])
        return _checked(Period.days(first, last), value)
    if m := _ISO_MONTHS.fullmatch(text):
        return _checked(Period.months(_iso_month(m["a"]), _iso_month(m["b"] or m["a"])), value)
    if m := _WORDS.fullmatch(text):
        y2 = int(m["y2"])
        y1 = int(m["y1"]) if m["y1"] else y2
        if m["m2"] is None and m["y1"]:
            raise PeriodError(f"'{value}' is not a month", "write one year after the month, e.g. 'mars 2013'")
        first = (y1, _month(m["m1"], value))
        last = (y2, _month(m["m2"], value)) if m["m2"] else (y2, first[1])
        return _checked(Period.months(first, last), value)
    raise PeriodError(f"'{value}' is not a date or a month", f"write it like {FORMS}")


def _iso_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise PeriodError(f"'{text}' is not a real date", "write an existing date as YYYY-MM-DD") from None


def _iso_month(text: str) -> tuple[int, int]:
    year, month = int(text[:4]), int(text[5:])
    if not 1 <= month <= 12:
        raise PeriodError(f"'{text}' is not a month", "months go 01–12, e.g. 2013-08")
    return (year, month)


def _month(word: str, value: str) -> int:
    found = MONTHS.get(word.rstrip("."))
    if found is None:
        close = difflib.get_close_matches(word, list(MONTHS), n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else "write a month name like mars, august or september"
        raise PeriodError(f"'{word}' in '{value}' is not a month", hint)
    return found


def _checked(period: Period, value: str) -> Period:
    if period.last < period.first:
        raise PeriodError(f"'{value}' ends before it begins", "write the earlier date or month first")
    months = (period.last.year - period.first.year) * 12 + period.last.month - period.first.month + 1
    if months > MAX_MONTHS:
        raise PeriodError(
            f"'{value}' spans {months} months", f"a gathering is planned within at most {MAX_MONTHS} months"
        )
    return period
