"""Pathological text costs time in proportion to its size, or is refused with a message: a huge
table is reported, not laid out for 39 s; a 200 KB word in a figure wraps in linear time."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.cli import main
from generator.render.figures import metrics
from generator.validate.markdown import (
    MAX_LINES,
    MAX_MARKS,
    MAX_TABLE_CELLS,
    MAX_TABLE_COLUMNS,
    TOO_BIG,
    make_markdown,
    render_markdown,
)

GATHERING = "nettverk-omdomme-2013-03"


def table(columns: int, rows: int) -> str:
    lines = ["|" + "|".join(f"k{c}" for c in range(columns)) + "|", "|" + "---|" * columns]
    lines += ["|" + "|".join("x" for _ in range(columns)) + "|" for _ in range(rows)]
    return "\n".join(lines)


def test_a_table_within_the_limits_is_a_table() -> None:
    rendered = render_markdown(make_markdown(), table(MAX_TABLE_COLUMNS, MAX_TABLE_CELLS // MAX_TABLE_COLUMNS))
    assert rendered.html.count("<tr>") == MAX_TABLE_CELLS // MAX_TABLE_COLUMNS + 1
    assert not [link for link in rendered.links if link.kind == TOO_BIG]


@pytest.mark.parametrize(
    ("text", "size"),
    [
        (table(MAX_TABLE_COLUMNS + 1, 2), f"{MAX_TABLE_COLUMNS + 1} columns and 2 rows"),
        (table(4, MAX_TABLE_CELLS // 4 + 1), f"4 columns and {MAX_TABLE_CELLS // 4 + 1} rows"),
        ("\n\n".join([table(10, 1000)] * 3), "10 columns and 1000 rows"),  # the third: over the file's cells
    ],
)
def test_a_table_over_the_limits_is_left_out_and_named(text: str, size: str) -> None:
    rendered = render_markdown(make_markdown(), "Før\n\n" + text + "\n\nEtter", 7)
    found = [link for link in rendered.links if link.kind == TOO_BIG]
    assert len(found) == 1 and size in found[0].name
    assert found[0].line == 7 + 2 + text.count("\n") - text.split("\n\n")[-1].count("\n")
    assert "Etter" in rendered.html


def test_a_huge_table_is_one_line_with_file_and_line(content_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session = content_copy / GATHERING / "sessions" / "scanning.md"
    lines = session.read_text("utf-8").count("\n")
    session.write_text(session.read_text("utf-8") + "\n" + table(4, 6_000) + "\n", "utf-8")
    assert main(["check", "--content", str(content_copy)]) == 1
    err = capsys.readouterr().err.splitlines()
    want = f"sessions/scanning.md:{lines + 2}: a table of 4 columns and 6000 rows is more than a page can hold — "
    assert [e for e in err if want in e], err


def old_wrap(text: str, width: float, size: float, bold: bool = False) -> tuple[str, ...]:
    """The wrap before it was made linear: the reference for its lines."""
    tw = metrics.text_width
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if tw(candidate, size, bold) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        while tw(word, size, bold) > width:
            cut = 1
            while cut < len(word) - 1 and tw(word[: cut + 1] + "-", size, bold) <= width:
                cut += 1
            lines.append(word[:cut] + "-")
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return tuple(lines)


@given(
    st.text(st.sampled_from("aiW mæ-–漢 \n"), max_size=200),
    st.floats(1, 400),
    st.sampled_from([8.0, 11.5, 16.0]),
    st.booleans(),
)
def test_wrap_makes_the_lines_it_made_before(text: str, width: float, size: float, bold: bool) -> None:
    assert metrics.wrap(text, width, size, bold) == old_wrap(text, width, size, bold)


class Counting(dict):
    calls = 0

    def get(self, *args: object) -> object:  # type: ignore[override]
        Counting.calls += 1
        return super().get(*args)


def test_a_long_word_wraps_in_linear_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(metrics._WIDTHS, False, Counting(metrics._WIDTHS[False]))
    Counting.calls = 0
    word = "x" * 20_000
    lines = metrics.wrap(word, 100, 12)
    assert "".join(line.removesuffix("-") for line in lines) == word
    assert Counting.calls <= 2 * len(word), Counting.calls  # the old wrap looked each character up ~1,000 times


@pytest.mark.parametrize(
    ("file", "start"), [("sessions/scanning.md", "- a\n"), ("decks/samling-mars-2013.md", "a\n\n")]
)
def test_a_text_of_too_many_lines_is_one_line_not_a_minute(
    content_copy: Path, capsys: pytest.CaptureFixture[str], file: str, start: str
) -> None:
    path = content_copy / GATHERING / file
    path.write_text(path.read_text("utf-8") + "\n" + start * (MAX_LINES + 1), "utf-8")
    assert main(["check", "--content", str(content_copy)]) == 1
    err = [e for e in capsys.readouterr().err.splitlines() if "lines" in e and "more than a" in e]
    assert len(err) == 1 and f"{file}:" in err[0] and "split it into several" in err[0], err


@pytest.mark.parametrize("file", ["sessions/scanning.md", "decks/samling-mars-2013.md"])
def test_a_text_of_too_many_marks_is_one_line(
    content_copy: Path, capsys: pytest.CaptureFixture[str], file: str
) -> None:
    path = content_copy / GATHERING / file
    path.write_text(path.read_text("utf-8") + "\n" + "*a" * (MAX_MARKS + 1) + "\n", "utf-8")
    assert main(["check", "--content", str(content_copy)]) == 1
    err = [e for e in capsys.readouterr().err.splitlines() if "marks of emphasis" in e]
    assert len(err) == 1 and f"{file}:" in err[0] and "split it into several" in err[0], err
