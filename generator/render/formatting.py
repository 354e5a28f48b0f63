"""How times, dates and durations read, in nb, nn and en. Pure and unit-tested."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping

from babel.dates import format_date

# CLDR's own patterns for "mandag 11. mars 2013" / "Monday 11 March 2013".
_LONG = {"nb": "EEEE d. MMMM y", "nn": "EEEE d. MMMM y", "en": "EEEE d MMMM y"}
_SHORT = {"nb": "d. MMMM", "nn": "d. MMMM", "en": "d MMMM"}


@functools.lru_cache(maxsize=4096)  # pure, and asked for on every page of a gathering: Babel once per date
def long_date(day: dt.date, lang: str) -> str:
    """ "mandag 11. mars 2013", "måndag 11. mars 2013", "Monday 11 March 2013"."""
    return format_date(day, _LONG[lang], locale=_locale(lang))


@functools.lru_cache(maxsize=4096)
def short_date(day: dt.date, lang: str) -> str:
    return format_date(day, _SHORT[lang], locale=_locale(lang))


@functools.lru_cache(maxsize=4096)
def weekday(day: dt.date, lang: str) -> str:
    return format_date(day, "EEEE", locale=_locale(lang))


@functools.lru_cache(maxsize=4096)
def date_range(first: dt.date, last: dt.date, lang: str) -> str:
    """ "11.–12. mars 2013"; different months or years are written out in full."""
    if first == last:
        return format_date(first, "d. MMMM y" if lang != "en" else "d MMMM y", locale=_locale(lang))
    if (first.year, first.month) == (last.year, last.month):
        tail = format_date(last, "MMMM y", locale=_locale(lang))
        return f"{first.day}.\u2013{last.day}. {tail}" if lang != "en" else f"{first.day}\u2013{last.day} {tail}"
    return f"{short_date(first, lang)} \u2013 {format_date(last, _SHORT[lang] + ' y', locale=_locale(lang))}"


def numeric_date(day: dt.date) -> str:
    """The seed deck's footer style: 22.03.2013."""
    return f"{day.day:02d}.{day.month:02d}.{day.year}"


def duration(minutes: int, words: Mapping[str, str]) -> str:
    """70 → "1 t 10 min" (nb/nn) or "1 h 10 min" (en); 20 → "20 min": the units are the theme's words."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return words["duration_minutes"].format(n=rest)
    return " ".join(
        [words["duration_hours"].format(n=hours)] + ([words["duration_minutes"].format(n=rest)] if rest else [])
    )


def _locale(lang: str) -> str:
    return {"nb": "nb_NO", "nn": "nn_NO", "en": "en_GB"}[lang]
