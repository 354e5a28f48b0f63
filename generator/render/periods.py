"""How a period reads: "11.–12. mars 2013" when the days are known, "august–september 2013" while planned."""

from __future__ import annotations

import datetime as dt
import functools

from babel.dates import format_date

from generator.domain.period import Period
from generator.render.formatting import _locale, date_range


def period_text(period: Period, lang: str) -> str:
    """Exact days through the agenda's date helpers; months as the seed writes them, en dash between."""
    if period.is_exact:
        return date_range(period.first, period.last, lang)
    return month_range(period.first_month, period.last_month, lang)


@functools.lru_cache(maxsize=1024)
def month_range(first: tuple[int, int], last: tuple[int, int], lang: str) -> str:
    """ "mars 2013", "august–september 2013", "desember 2013 – januar 2014" (spaced across years)."""
    if first == last:
        return _month(first, "LLLL y", lang)
    if first[0] == last[0]:
        return f"{_month(first, 'LLLL', lang)}\u2013{_month(last, 'LLLL y', lang)}"
    return f"{_month(first, 'LLLL y', lang)} \u2013 {_month(last, 'LLLL y', lang)}"


def _month(month: tuple[int, int], pattern: str, lang: str) -> str:
    # LLLL is the stand-alone month name: lower case in Norwegian, capitalised in English, as CLDR has it.
    return format_date(dt.date(month[0], month[1], 1), pattern, locale=_locale(lang))


def iso_bounds(period: Period) -> tuple[str, str]:
    """The first and last day as ISO dates, for the page's data attributes (programme.js)."""
    return period.first.isoformat(), period.last.isoformat()
