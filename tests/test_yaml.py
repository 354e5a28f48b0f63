"""The YAML loader: a people-friendly schema, line numbers, and refusals."""

import datetime as dt

import pytest

from generator.load.yamlfile import YamlProblem, parse_yaml


def test_times_and_language_codes_stay_as_written() -> None:
    data = parse_yaml("a: 11:30\nb: 08.30\nc: no\nd: yes\ne: on\n")
    assert data == {"a": "11:30", "b": "08.30", "c": "no", "d": "yes", "e": "on"}


def test_numbers_booleans_dates() -> None:
    data = parse_yaml("n: 20\nt: true\nd: 2013-03-11\nz: 0830\nnothing:\n")
    assert data == {"n": 20, "t": True, "d": dt.date(2013, 3, 11), "z": "0830", "nothing": None}


def test_lines_of_keys_and_items() -> None:
    data = parse_yaml("# comment\ntitle: x\ndays:\n  - a\n  - b: 1\n", first_line=1)
    assert data.line == 2
    assert data.line_of("title") == 2
    assert data.line_of("days") == 3
    assert data["days"].item_lines == [4, 5]
    assert data["days"][1].line_of("b") == 5


def test_first_line_offsets_front_matter() -> None:
    data = parse_yaml("title: x\nstart: 9\n", first_line=2)
    assert data.line_of("start") == 3


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("a: 1\nb: 2\na: 3\n", 3, "appears twice"),
        ("a:\n\t- b\n", 2, "tab"),
        ("a: [1, 2\n", 2, "not valid YAML"),
        ("a: !!python/object:os.system x\n", 1, "unsupported YAML tag"),
        ("? [a, b]\n: c\n", 1, "keys must be plain"),
    ],
)
def test_refusals_name_the_line(text: str, line: int, fragment: str) -> None:
    with pytest.raises(YamlProblem) as caught:
        parse_yaml(text)
    assert caught.value.line == line
    assert fragment in caught.value.message


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    with pytest.raises(YamlProblem) as caught:
        parse_yaml("\n".join(lines))
    assert "aliases" in caught.value.message


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(YamlProblem) as caught:
        parse_yaml("a: " + "[" * 100 + "]" * 100)
    assert "nested too deeply" in caught.value.message


def test_empty_document_is_none() -> None:
    assert parse_yaml("") is None
    assert parse_yaml("# only a comment\n") is None


def test_impossible_dates_are_refused_with_their_line() -> None:
    # Found by the fuzz test: PyYAML raised a bare ValueError here.
    with pytest.raises(YamlProblem) as caught:
        parse_yaml("title: x\ndate: 2013-02-30\n")
    assert caught.value.line == 2
    assert "not a real date" in caught.value.message


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("a: [!!int ]\n", "is not a whole number"),  # found by tests/test_yaml_fast.py: PyYAML raised IndexError
        ("a: !!int abc\n", "is not a whole number"),
        ("a: !!bool maybe\n", "is not true or false"),
        ("a: !!timestamp soon\n", "is not a real date"),
    ],
)
def test_explicitly_tagged_values_that_are_not_what_the_tag_says_are_refused(text: str, fragment: str) -> None:
    with pytest.raises(YamlProblem) as caught:
        parse_yaml("title: x\n" + text)
    assert caught.value.line == 2
    assert fragment in caught.value.message
