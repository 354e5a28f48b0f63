"""Periods as people read them: exact days via the agenda's helpers, planned months in nb, nn and en."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.domain.period import Period, parse_period
from generator.render.periods import iso_bounds, month_range, period_text


@pytest.mark.parametrize(
    ("written", "nb", "nn", "en"),
    [
        ("mars 2013", "mars 2013", "mars 2013", "March 2013"),
        ("august/september 2013", "august–september 2013", "august–september 2013", "August–September 2013"),
        ("mai/juni 2013", "mai–juni 2013", "mai–juni 2013", "May–June 2013"),
        ("februar/mars 2014", "februar–mars 2014", "februar–mars 2014", "February–March 2014"),
        (
            "desember 2013/januar 2014",
            "desember 2013 – januar 2014",
            "desember 2013 – januar 2014",
            "December 2013 – January 2014",
        ),
        ("2013-03-11..2013-03-12", "11.–12. mars 2013", "11.–12. mars 2013", "11–12 March 2013"),
        ("2013-03-11", "11. mars 2013", "11. mars 2013", "11 March 2013"),
        (
            "2013-08-30..2013-09-02",
            "30. august – 2. september 2013",
            "30. august – 2. september 2013",
            "30 August – 2 September 2013",
        ),
    ],
)
def test_periods_read_in_three_languages(written: str, nb: str, nn: str, en: str) -> None:
    period = parse_period(written)
    assert [period_text(period, lang) for lang in ("nb", "nn", "en")] == [nb, nn, en]


def test_month_names_are_nynorsk_where_they_differ() -> None:
    # CLDR's nn and nb month names agree; the weekday is where nynorsk differs, and a month period has none.
    assert month_range((2013, 1), (2013, 12), "nn") == "januar–desember 2013"


def test_iso_bounds_are_whole_months_for_the_page() -> None:
    assert iso_bounds(Period.months((2013, 8), (2013, 9))) == ("2013-08-01", "2013-09-30")
    assert iso_bounds(Period.days(dt.date(2013, 3, 11), dt.date(2013, 3, 12))) == ("2013-03-11", "2013-03-12")
