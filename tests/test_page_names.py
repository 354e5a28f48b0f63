"""One rule for the name of every file and folder that becomes a page, with the name to rename it to."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.core.slugs import name_problem

GATHERING = "nettverk-omdomme-2013-03"


@pytest.mark.parametrize(
    ("stem", "suggestion"),
    [
        ("CON", "con-1.md"),
        ("con", "con-1.md"),
        ('a:b"<x>#?', "a-b-x.md"),
        ("med mellomrom", "med-mellomrom.md"),
        ("måling", "maling.md"),
        ("prog.", "prog.md"),
        ("a" * 251, "a" * 60 + ".md"),
    ],
)
def test_unsafe_names_get_their_slug_as_the_new_name(stem: str, suggestion: str) -> None:
    bad = name_problem(stem, ".md")
    assert bad is not None
    assert f"rename it to '{suggestion}'" in bad[1]
    assert name_problem(suggestion.removesuffix(".md"), ".md") is None


@pytest.mark.parametrize("stem", ["CON", 'a:b"<x>#?', "med mellomrom", "måling", "prog.", "a" * 251])
def test_a_session_file_name_is_checked_like_a_deck_name_and_nothing_is_written(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], stem: str
) -> None:
    g = content_copy / GATHERING
    (g / "sessions" / f"{stem}.md").write_text((g / "sessions" / "scanning.md").read_text("utf-8"), "utf-8")
    programme = (g / "gathering.yaml").read_text("utf-8")
    quoted = "'" + stem.replace("'", "''") + "'"
    (g / "gathering.yaml").write_text(programme.replace("      - scanning\n", f"      - scanning\n      - {quoted}\n"))
    output = tmp_path / "output"
    code = main(["build", "--content", str(content_copy), "--output", str(output)])
    err = [line for line in capsys.readouterr().err.splitlines() if line]
    assert code == 1, err
    ours = [line for line in err if "cannot be a page's name" in line]
    assert len(ours) == 1, err
    assert f"sessions/{stem}.md: " in ours[0] and "rename it to '" in ours[0]
    assert not any("Traceback" in line or "Error" in line for line in err), err
    assert not output.exists()


def test_every_kind_of_page_uses_the_one_rule(content_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    g = content_copy / GATHERING
    (g / "decks" / "samling-mars-2013.md").rename(g / "decks" / "Samling Mars.md")
    (g / "worksheets" / "forankring.yaml").rename(g / "worksheets" / "CON.yaml")
    (content_copy / "models" / "erfaringer.yaml").rename(content_copy / "models" / "erfaringer å.yaml")
    main(["check", "--content", str(content_copy)])
    err = capsys.readouterr().err
    for name, new in [
        ("Samling Mars.md", "samling-mars.md"),
        ("CON.yaml", "con-1.yaml"),
        ("erfaringer å.yaml", "erfaringer-a.yaml"),
    ]:
        assert f"the file name '{name}' cannot be a page's name — rename it to '{new}'" in err, err
