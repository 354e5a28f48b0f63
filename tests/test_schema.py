"""Field checks: converters, unknown keys with did-you-mean, all problems at once."""

import datetime as dt
from pathlib import Path

import pytest

from generator.core.errors import Problems
from generator.load.yamlfile import parse_yaml
from generator.validate import schema as s


@pytest.mark.parametrize(
    ("raw", "minutes"),
    [("09.30", 570), ("9:30", 570), ("0930", 570), (930, 570), (1845, 1125), ("00.00", 0), ("23.59", 1439)],
)
def test_clock(raw: object, minutes: int) -> None:
    assert s.clock(raw) == minutes


@pytest.mark.parametrize("raw", ["25:61", "24.00", "9", "kl 9", True, None, "12.5", 2500])
def test_clock_refuses(raw: object) -> None:
    with pytest.raises(s.Invalid):
        s.clock(raw)


@pytest.mark.parametrize(("raw", "minutes"), [(20, 20), ("20 min", 20), ("1h 10min", 70), ("1 t", 60), ("70", 70)])
def test_minutes(raw: object, minutes: int) -> None:
    assert s.minutes(raw) == minutes


@pytest.mark.parametrize("raw", [0, -5, 2000, "lang", True, "h"])
def test_minutes_refuses(raw: object) -> None:
    with pytest.raises(s.Invalid):
        s.minutes(raw)


def test_date_and_lists() -> None:
    assert s.date("2013-03-11") == dt.date(2013, 3, 11)
    assert s.text_list("bjorn") == ("bjorn",)
    assert s.text_list(parse_yaml("- a\n- b\n")) == ("a", "b")
    with pytest.raises(s.Invalid):
        s.date("11.03.2013")


def test_check_reports_every_problem_with_lines() -> None:
    schema = {
        "title": s.Field(s.non_empty_text, required=True, doc="a title"),
        "duration": s.Field(s.minutes, doc="minutes"),
        "kind": s.Field(s.one_of("plenary", "break"), default="plenary"),
    }
    data = parse_yaml("titel: x\nduration: lang\nkind: brake\n")
    problems = Problems()
    values = s.check(data, schema, Path("f.yaml"), problems, "a session")
    lines = [str(p) for p in problems.items]
    assert "f.yaml:1: unknown key 'titel' in a session — did you mean 'title'?" in lines
    assert any(line.startswith("f.yaml:1: a session is missing 'title'") for line in lines)
    assert any(line.startswith("f.yaml:2: 'duration'") for line in lines)
    assert any("did you mean 'break'?" in line and line.startswith("f.yaml:3:") for line in lines)
    assert values is not None and values["kind"] == "plenary"


def test_check_refuses_a_non_mapping() -> None:
    problems = Problems()
    assert s.check(parse_yaml("- a\n"), {}, Path("f.yaml"), problems, "site.yaml") is None
    assert "should be a mapping" in str(problems.items[0])
