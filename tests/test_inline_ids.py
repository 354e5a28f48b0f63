"""An inline session's `id:`: its page name, and the name decks' and worksheets' `sessions:` use."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.commands.build import build

GATHERING = "nettverk-omdomme-2013-03"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_a_worksheet_names_an_inline_session_by_its_id(content_copy: Path, tmp_path: Path) -> None:
    folder = content_copy / GATHERING
    _edit(folder / "gathering.yaml", "{title: Aperitiff og quiz,", "{id: quiz, title: Aperitiff og quiz,")
    _edit(folder / "worksheets" / "fokusomrader.yaml", "sessions: [maling-av-resultater]", "sessions: [quiz]")
    result = build(content_copy, tmp_path / "out")
    (quiz,) = [s for s in result.site.gatherings[0].sessions() if s.title == "Aperitiff og quiz"]
    assert quiz.key == "quiz"
    assert (tmp_path / "out" / GATHERING / "sessions" / "quiz.html").is_file()
    assert not (tmp_path / "out" / GATHERING / "sessions" / "aperitiff-og-quiz.html").exists()


def test_without_an_id_the_title_slug_is_the_name(content_copy: Path, tmp_path: Path) -> None:
    folder = content_copy / GATHERING
    _edit(
        folder / "worksheets" / "fokusomrader.yaml", "sessions: [maling-av-resultater]", "sessions: [aperitiff-og-quiz]"
    )
    build(content_copy, tmp_path / "out")
    assert (tmp_path / "out" / GATHERING / "sessions" / "aperitiff-og-quiz.html").is_file()


def test_an_id_that_is_not_a_short_name_is_one_problem(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(
        content_copy / GATHERING / "gathering.yaml",
        "{title: Aperitiff og quiz,",
        "{id: Quiz og prat, title: Aperitiff og quiz,",
    )
    assert main(["build", "--content", str(content_copy), "--output", str(tmp_path / "out")]) != 0
    lines = [line for line in capsys.readouterr().err.splitlines() if "id" in line]
    where = f"content/{GATHERING}/gathering.yaml:48"
    assert lines == [f"{where}: 'id' is not a short name (a–z, 0–9 and -) — write e.g. id: quiz-og-prat"], lines
