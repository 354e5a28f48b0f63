"""The programme and its networks: programme.yaml → dataclasses, every problem at its line, order, next, today."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from generator.core.errors import Problems
from generator.domain.period import Period, PeriodError, parse_period
from generator.domain.programme import (
    Network,
    PlannedGathering,
    entry_label,
    local_today,
    neighbours,
    network_of,
    next_of,
    ordered,
    suggest_network,
    today_of,
    total_members,
    with_dates,
)
from generator.load.yamlfile import parse_yaml
from generator.validate.programme import GatheringRef, check_gatherings, programme_from

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "content" / "programme.yaml"
PATH = Path("content/programme.yaml")
SEED = "nettverk-omdomme-2013-03"


def load(text: str):
    problems = Problems()
    programme = programme_from(parse_yaml(textwrap.dedent(text)), PATH, problems)
    return programme, [str(p) for p in problems.items]


def example():
    problems = Problems()
    programme = programme_from(parse_yaml(EXAMPLE.read_text(encoding="utf-8")), EXAMPLE, problems)
    assert not problems, problems.items
    assert programme is not None
    return programme


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


# --- the example says what the seed says ----------------------------------------------------------


def test_the_example_has_the_seeds_eight_networks_and_their_counts() -> None:
    programme = example()
    assert programme.title == "Saman om ein betre kommune"
    assert programme.key == "saman-om-ein-betre-kommune"
    themes = [n.theme for n in programme.networks]
    assert themes.count("omdømme") == 2 and themes.count("innovasjon") == 2
    assert {"kompetanse og rekruttering", "heltidskultur", "sykefravær"} <= set(themes)
    assert programme.network("sammensatt").title == "Sammensatt nettverk"
    counts = {n.key: n.member_count for n in programme.networks}
    assert counts["omdomme-1"] == counts["omdomme-2"] == 16
    assert counts["innovasjon-1"] == 12 and counts["kompetanse-og-rekruttering"] == 6
    assert (counts["heltidskultur"], counts["sykefravaer"], counts["sammensatt"]) == (8, 7, 7)
    assert total_members(programme) == 16 + 12 + 6 + 8 + 7 + 7  # a shared count once


def test_the_reputation_series_is_the_seeds_three_gatherings_and_the_theme_day() -> None:
    network = example().network("omdomme-1")
    series = ordered(network.series)
    words = {"programme_gathering_number": "{n}. samling", "programme_theme_day": "Temadag"}
    assert [entry_label(g, words) for g in series] == ["1. samling", "Temadag", "2. samling", "3. samling"]
    assert series[0].gathering == SEED and not series[0].is_planned
    assert [g.when for g in series[1:]] == [
        Period.months((2013, 5), (2013, 6)),
        Period.months((2013, 8), (2013, 9)),
        Period.months((2014, 2), (2014, 3)),
    ]
    assert all(g.is_planned and not g.is_fixed for g in series[1:])
    assert network_of(example(), SEED).key == "omdomme-1"


def test_the_example_agrees_with_the_seed_gathering() -> None:
    problems = Problems()
    ref = GatheringRef(SEED, "omdomme-1", Path(SEED) / "gathering.yaml", 4, dt.date(2013, 3, 11), dt.date(2013, 3, 12))
    check_gatherings(example(), [ref], EXAMPLE, problems)
    assert not problems


# --- periods ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "period"),
    [
        (dt.date(2013, 3, 11), Period.days(dt.date(2013, 3, 11))),
        ("2013-03-11..2013-03-12", Period.days(dt.date(2013, 3, 11), dt.date(2013, 3, 12))),
        ("2013-03-11/2013-03-12", Period.days(dt.date(2013, 3, 11), dt.date(2013, 3, 12))),
        ("2013-08", Period.months((2013, 8))),
        ("2013-08/2013-09", Period.months((2013, 8), (2013, 9))),
        ("2013-08..2013-09", Period.months((2013, 8), (2013, 9))),
        ("mars 2013", Period.months((2013, 3))),
        ("august/september 2013", Period.months((2013, 8), (2013, 9))),
        ("August – September 2013", Period.months((2013, 8), (2013, 9))),
        ("aug/sept 2013", Period.months((2013, 8), (2013, 9))),
        ("mai/juni 2013", Period.months((2013, 5), (2013, 6))),
        ("May to June 2013", Period.months((2013, 5), (2013, 6))),
        ("februar/mars 2014", Period.months((2014, 2), (2014, 3))),
        ("desember 2013/januar 2014", Period.months((2013, 12), (2014, 1))),
        ("des. 2013 – jan. 2014", Period.months((2013, 12), (2014, 1))),
    ],
)
def test_accepted_forms(written: object, period: Period) -> None:
    assert parse_period(written) == period


def test_a_month_period_spans_whole_months() -> None:
    p = parse_period("februar 2016")
    assert (p.first, p.last, p.precision) == (dt.date(2016, 2, 1), dt.date(2016, 2, 29), "month")


@pytest.mark.parametrize(
    ("written", "says", "hint"),
    [
        ("2013-13", "not a month", "01–12"),
        ("2013-02-30", "not a real date", "existing date"),
        ("augustus 2013", "not a month", "did you mean 'august'?"),
        ("september/august 2013", "ends before it begins", "earlier"),
        ("2013-03-12..2013-03-11", "ends before it begins", "earlier"),
        ("januar 2013/mars 2014", "spans 15 months", "12 months"),
        ("neste høst", "not a date or a month", "august/september 2013"),
        ("", "not a date or a month", "2013-08"),
        (2013, "not a date or a month", "mars 2013"),
    ],
)
def test_bad_periods_say_what_to_write(written: object, says: str, hint: str) -> None:
    with pytest.raises(PeriodError) as caught:
        parse_period(written)
    assert says in caught.value.message and hint in caught.value.hint


# --- every problem at its line, in one pass ------------------------------------------------------


BAD = """\
title: Saman om ein betre kommune
timezone: Europe/Olso
colour: blue
networks:
  omdomme-1:
    title: Nettverk – omdømme 1
    member_count: sixteen
    counted_with: omdome-2
    series:
      - {number: 1, when: mars 2013, gathering: nettverk-omdomme-2013-03}
      - {number: 1, when: august/september 2013}
      - {kind: theme_day, number: 2, when: mai/juni 2013}
      - {kind: temadag, when: mai/juni 2013}
      - {when: 2013-08/2013-09, plase: Gardermoen}
      - {number: 3}
      - {number: 3, when: neste høst}
  omdomme-2:
    title: Nettverk – omdømme 2
    counted_with: omdomme-1
    member_count: 15
    series:
      - {when: mars 2013, gathering: nettverk-omdomme-2013-03}
  Sykefravær:
    title: Nettverk – sykefravær
  tomt: just text
"""


def test_every_problem_is_reported_once_at_its_line() -> None:
    programme, problems = load(BAD)
    assert programme is not None
    expected = [
        "content/programme.yaml:2: 'timezone' 'Europe/Olso' is not a time zone",
        "content/programme.yaml:3: unknown key 'colour' in programme.yaml",
        "content/programme.yaml:7: 'member_count' should be a whole number above 0",
        "content/programme.yaml:11: network 'omdomme-1' has two gatherings numbered 1 (first on line 10)",
        "content/programme.yaml:12: a theme day has no number",
        "content/programme.yaml:13: 'kind' 'temadag' is not one of gathering, theme_day",
        "content/programme.yaml:14: unknown key 'plase' in a gathering of the series — did you mean 'place'?",
        "content/programme.yaml:15: a gathering of the series is missing 'when'",
        "content/programme.yaml:16: 'when' 'neste høst' is not a date or a month",
        "content/programme.yaml:5: network 'omdomme-1' is counted with an unknown network 'omdome-2'"
        " — did you mean 'omdomme-2'?",
        "content/programme.yaml:17: networks 'omdomme-2' and 'omdomme-1' share a member count but do not agree",
        "content/programme.yaml:22: the gathering 'nettverk-omdomme-2013-03' is already in the series of"
        " 'omdomme-1' (line 10)",
        "content/programme.yaml:23: the network key 'Sykefravær' is not a short name — write e.g. 'sykefravaer'",
        "content/programme.yaml:25: network 'tomt' should be a mapping",
    ]
    for want in expected:
        assert sum(p.startswith(want) for p in problems) == 1, (want, problems)
    assert len(problems) == len(expected), problems
    assert all(" — " in p for p in problems)  # each says what to do


def test_a_programme_without_networks_or_title() -> None:
    programme, problems = load("description: nothing\n")
    assert programme is None
    assert problems == [
        "content/programme.yaml:1: programme.yaml is missing 'title' — add `title:` (the programme's name)",
        "content/programme.yaml:1: programme.yaml is missing 'networks' — add `networks:` (each network under its key)",
    ]


def test_a_programme_that_is_not_a_mapping() -> None:
    programme, problems = load("- a\n- b\n")
    assert programme is None and problems[0].startswith("content/programme.yaml:1: programme.yaml should be a mapping")


def test_numbers_follow_the_written_order_and_time_zones_inherit() -> None:
    programme, problems = load(
        """\
        title: P
        timezone: Europe/Helsinki
        networks:
          a:
            title: A
            series:
              - {when: mars 2013}
              - {kind: theme_day, when: mai 2013}
              - {when: 2013-08-20..2013-08-21, timezone: Europe/Oslo}
        """
    )
    assert not problems
    series = programme.network("a").series
    assert [g.number for g in series] == [1, None, 2]
    assert [g.timezone for g in series] == ["Europe/Helsinki", "Europe/Helsinki", "Europe/Oslo"]
    assert series[2].is_fixed and series[2].line == 9


# --- gatherings against the programme -------------------------------------------------------------


def refs(network: str, first: dt.date | None = dt.date(2013, 3, 11)) -> list[GatheringRef]:
    last = first and first + dt.timedelta(days=1)
    return [GatheringRef(SEED, network, Path(SEED) / "gathering.yaml", 5, first, last)]


def check(programme, gatherings) -> list[str]:
    problems = Problems()
    check_gatherings(programme, gatherings, PATH, problems)
    return [str(p) for p in problems.items]


def test_an_unknown_network_key_gets_a_did_you_mean() -> None:
    programme = example()
    assert check(programme, refs("omdome-1")) == [
        f"{SEED}/gathering.yaml:5: the network 'omdome-1' is not in programme.yaml — did you mean 'omdomme-1'?"
    ]
    assert check(programme, refs("Nettverk – omdømme 1"))[0].endswith(
        "— write the network's key 'omdomme-1', not its title"
    )
    assert "did you mean 'sykefravaer'?" in check(programme, refs("sjukefravær"))[0]
    assert "known networks: omdomme-1, omdomme-2" in check(programme, refs("xyz"))[0]


def test_series_entries_name_existing_gatherings_of_their_own_network_on_their_days() -> None:
    programme = example()
    assert check(programme, []) == [
        f"content/programme.yaml:20: there is no gathering folder '{SEED}'"
        " — write the name of a folder with a gathering.yaml"
    ]
    assert "says network: heltidskultur" in check(programme, refs("heltidskultur"))[0]
    assert check(programme, refs("omdomme-1", dt.date(2013, 4, 2))) == [
        f"content/programme.yaml:20: '{SEED}' is held 2013-04-02..2013-04-03, outside its `when:`"
        " — correct `when:` here or the days in its gathering.yaml"
    ]
    assert check(programme, refs("", None)) == []  # no network named, no days yet: nothing to disagree with


def test_suggest_network_without_networks() -> None:
    programme, _ = load("title: P\nnetworks: {}\n")
    assert suggest_network(programme, "x") == "add the network to content/programme.yaml"


# --- order, today, next -----------------------------------------------------------------------------


def entry(when: Period, n: int | None = None, key: str | None = None, zone: str = "Europe/Oslo") -> PlannedGathering:
    return PlannedGathering(number=n, when=when, gathering=key, timezone=zone)


MARCH = entry(Period.days(dt.date(2013, 3, 11), dt.date(2013, 3, 12)), 1, SEED)
THEME_DAY = PlannedGathering(None, Period.months((2013, 5), (2013, 6)), kind="theme_day")
AUTUMN = entry(Period.months((2013, 8), (2013, 9)), 2)
SPRING = entry(Period.months((2014, 2), (2014, 3)), 3)
SERIES = (SPRING, AUTUMN, MARCH, THEME_DAY)


def test_ordering_by_first_day_month_periods_by_their_first_day_ties_stable() -> None:
    assert ordered(SERIES) == (MARCH, THEME_DAY, AUTUMN, SPRING)
    on_first = entry(Period.days(dt.date(2013, 8, 1)), 9)  # 1 August: ties with "august/september" by first day
    assert ordered((AUTUMN, on_first)) == (AUTUMN, on_first)
    assert ordered((on_first, AUTUMN)) == (on_first, AUTUMN)


def test_local_today_needs_an_aware_instant() -> None:
    assert local_today(at("2013-03-10T23:30:00+00:00"), "Europe/Oslo") == dt.date(2013, 3, 11)
    with pytest.raises(ValueError, match="aware"):
        local_today(dt.datetime(2013, 3, 11, 12), "Europe/Oslo")


@pytest.mark.parametrize(
    ("instant", "today", "next_one"),
    [
        ("2013-03-10T22:59:59+00:00", None, MARCH),  # 23.59.59 on Sunday in Oslo: tomorrow
        ("2013-03-10T23:00:00+00:00", MARCH, THEME_DAY),  # midnight in Oslo, still Sunday in UTC
        ("2013-03-12T22:59:59+00:00", MARCH, THEME_DAY),  # the last second of the second day
        ("2013-03-12T23:00:00+00:00", None, THEME_DAY),  # over in Oslo, Tuesday evening in UTC
        ("2013-06-30T21:59:59+00:00", None, THEME_DAY),  # summer time: still 30 June in Oslo
        ("2013-06-30T22:00:00+00:00", None, AUTUMN),  # 1 July in Oslo: "mai/juni" is over
        ("2013-08-15T10:00:00+00:00", None, AUTUMN),  # inside "august/september": still to come, never today
        ("2014-03-31T21:59:59+00:00", None, SPRING),
        ("2014-03-31T22:00:00+00:00", None, None),  # all over
        ("2013-03-11T08:00:00-05:00", MARCH, THEME_DAY),  # asked from New York
    ],
)
def test_today_and_next_at_the_venues_midnight(instant: str, today, next_one) -> None:
    now = at(instant)
    assert today_of(SERIES, now) == today
    assert next_of(SERIES, now) == next_one


def test_each_gathering_is_judged_in_its_own_time_zone() -> None:
    helsinki = entry(Period.days(dt.date(2013, 3, 12)), 1, zone="Europe/Helsinki")
    oslo = entry(Period.days(dt.date(2013, 3, 12)), 2, zone="Europe/Oslo")
    now = at("2013-03-11T22:30:00+00:00")  # 00.30 on the 12th in Helsinki, 23.30 on the 11th in Oslo
    assert today_of((oslo, helsinki), now) == helsinki
    assert next_of((helsinki, oslo), now) == oslo


# --- neighbours and dates from the folders -------------------------------------------------------


def test_neighbours_within_a_network_include_planned_entries() -> None:
    second = entry(Period.days(dt.date(2013, 9, 2), dt.date(2013, 9, 3)), 2, "nettverk-omdomme-2013-09")
    network = Network("omdomme-1", "Omdømme", series=(SPRING, second, THEME_DAY, MARCH))
    middle = neighbours(network, "nettverk-omdomme-2013-09")
    assert (middle.previous, middle.next) == (THEME_DAY, SPRING)
    first = neighbours(network, SEED)
    assert (first.previous, first.next) == (None, THEME_DAY)
    assert neighbours(network, "elsewhere").previous is None and neighbours(network, "elsewhere").next is None


def test_neighbours_do_not_cross_networks() -> None:
    programme = example()
    other = programme.network("omdomme-2")
    assert neighbours(other, SEED).previous is None and neighbours(other, SEED).next is None
    seed_network = network_of(programme, SEED)
    assert entry_label(neighbours(seed_network, SEED).next, {"programme_theme_day": "Temadag"}) == "Temadag"


def test_with_dates_takes_the_folders_days_and_zone() -> None:
    programme = with_dates(example(), {SEED: (dt.date(2013, 3, 11), dt.date(2013, 3, 12), "Europe/Oslo")})
    first = ordered(programme.network("omdomme-1").series)[0]
    assert first.when == Period.days(dt.date(2013, 3, 11), dt.date(2013, 3, 12)) and first.is_fixed
    assert today_of(programme.network("omdomme-1").series, at("2013-03-11T12:00:00+00:00")) == first


# --- the series as a timeline figure ------------------------------------------------------------


def strings(lang: str) -> dict[str, str]:
    return dict(parse_yaml((ROOT / "themes" / "default" / "strings" / f"{lang}.yaml").read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    ("lang", "labels", "planned"),
    [
        ("nb", ["1. samling", "Temadag", "2. samling", "3. samling"], "august–september 2013 (planlagt)"),
        ("nn", ["1. samling", "Temadag", "2. samling", "3. samling"], "august–september 2013 (planlagd)"),
        ("en", ["Gathering 1", "Theme day", "Gathering 2", "Gathering 3"], "August–September 2013 (planned)"),
    ],
)
def test_the_series_draws_as_a_timeline_with_planned_ones_said_in_words(lang, labels, planned) -> None:
    from generator.core.model import Model
    from generator.core.model.figures import Timeline
    from generator.render.figures import figure_html
    from generator.render.figures.series import series_timeline

    programme = with_dates(example(), {SEED: (dt.date(2013, 3, 11), dt.date(2013, 3, 12), "Europe/Oslo")})
    data = series_timeline(programme.network("omdomme-1"), lang, strings(lang))
    assert isinstance(data, Timeline)
    assert [p.name for p in data.points] == labels
    assert "(" not in data.points[0].label  # the seed gathering has a programme: no "planned"
    assert data.points[2].label == planned
    html = figure_html(Model("omdomme-1-series", "Nettverk – omdømme 1", "timeline", data), words=strings(lang))
    assert html.count('class="samling-fig-point"') == 4
    svg = html[html.index("<svg") : html.index("</svg>")]
    for label in labels:
        assert f">{label}</tspan>" in svg
    assert planned.split(" (")[0] in svg and (f"({strings(lang)['programme_planned']})" in svg)


def test_a_network_without_a_series_has_no_timeline() -> None:
    from generator.render.figures.series import series_timeline

    assert series_timeline(example().network("omdomme-2"), "nb", strings("nb")) is None


def test_listed_members_are_counted_and_a_wrong_count_is_a_problem() -> None:
    programme, problems = load(
        """\
        title: P
        networks:
          a: {title: A, members: [Lom, Vågå, Skjåk]}
          b:
            title: B
            members: [Lom, Vågå]
            member_count: 3
        """
    )
    assert programme.network("a").member_count == 3
    assert problems == [
        "content/programme.yaml:7: network 'b' lists 2 members but member_count says 3"
        " — correct the count or the list, or leave member_count out: the list is counted"
    ]


def test_only_fixed_entries_go_in_a_calendar() -> None:
    from generator.domain.programme import fixed

    assert fixed(SERIES) == (MARCH,)
    assert fixed(example().network("omdomme-1").series) == ()  # the seed's days come from its folder


def test_the_programme_file_is_not_published(built_site: Path) -> None:
    assert not list(built_site.rglob("programme.yaml"))


# --- what the pages are given (render/programme.py) ------------------------------------------------


def test_goals_carry_over_to_the_next_gathering_past_a_theme_day() -> None:
    from generator.domain.programme import agreed_for

    network = example().network("omdomme-1")
    first, theme_day, second, third = ordered(network.series)
    assert first.process_goals  # the example's, from the seed's "Prosessmål til neste samling"
    assert agreed_for(network, second) is first
    assert agreed_for(network, theme_day) is None  # a theme day carries nothing over
    assert agreed_for(network, third) is None  # 2. samling agreed nothing (yet)


def test_entries_get_stable_file_names_and_links_from_programme_yaml_alone() -> None:
    from generator.render.programme import entry_path, entry_slugs, series_links

    dated = with_dates(example(), {SEED: (dt.date(2013, 3, 11), dt.date(2013, 3, 12), "Europe/Oslo")})
    network = dated.network("omdomme-1")
    assert entry_slugs(network) == ["gathering-1", "theme-day", "gathering-2", "gathering-3"]
    assert entry_path(network, network.series[0]) == f"{SEED}/index.html"
    assert entry_path(network, network.series[2]) == "networks/omdomme-1/gathering-2.html"
    links = series_links(dated, SEED, "nb")
    assert links is not None and links.previous is None
    assert links.next is not None and links.next.path == "networks/omdomme-1/theme-day.html"
    assert links.current.when == "mars 2013"  # as programme.yaml writes it, not the folder's days
    assert series_links(dated, network.series[2], "en").carry_over.source.when == "March 2013"
    assert series_links(dated, "no-such-folder", "nb") is None
