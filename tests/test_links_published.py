"""A link to a content file that is not published is a problem with file:line, not a dead link."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import main

GATHERING = "nettverk-omdomme-2013-03"
LINKS = [
    ("[oppsett](../../site.yaml)", "site.yaml"),
    ("[utkast](_utkast.md)", f"{GATHERING}/sessions/_utkast.md"),
    ("[les meg](../README.md)", f"{GATHERING}/README.md"),
    ("[les meg](../../README.md)", "README.md"),
    ("[notat](../decks/_gammel.md)", f"{GATHERING}/decks/_gammel.md"),
    ("[skjult](../files/.skjult.pdf)", f"{GATHERING}/files/.skjult.pdf"),
    ("[dypt](../sessions/files/bilde.png)", f"{GATHERING}/sessions/files/bilde.png"),
]
GOOD = [
    "[programmet](../gathering.yaml)",
    "[lysbilder](../decks/samling-mars-2013.md)",
    "[skjema](../worksheets/forankring.yaml)",
    "[modell](../../models/forankring.yaml)",
    "[økt](program.md)",
    "[vedlegg](../files/notat.md)",
]


@pytest.fixture
def linked(content_copy: Path) -> Path:
    g = content_copy / GATHERING
    for name in ("sessions/_utkast.md", "README.md", "decks/_gammel.md", "files/.skjult.pdf", "files/notat.md"):
        (g / name).parent.mkdir(parents=True, exist_ok=True)
        (g / name).write_text("---\ntitle: x\n---\nx\n", "utf-8")
    (g / "sessions" / "files").mkdir()
    (g / "sessions" / "files" / "bilde.png").write_bytes(b"png")
    (content_copy / "README.md").write_text("# x\n", "utf-8")
    session = g / "sessions" / "scanning.md"
    body = "\n\n".join([link for link, _ in LINKS] + GOOD)
    session.write_text(session.read_text("utf-8") + "\n\n" + body + "\n", "utf-8")
    return content_copy


def test_each_link_to_an_unpublished_file_is_one_line(linked: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--content", str(linked)]) == 1
    err = [line for line in capsys.readouterr().err.splitlines() if line]
    text = (linked / GATHERING / "sessions" / "scanning.md").read_text("utf-8").split("\n")
    for link, target in LINKS:
        ours = [e for e in err if f"'{target}'" in e]
        assert len(ours) == 1, (link, err)
        where = re.match(rf".*sessions/scanning\.md:(\d+): the link '{re.escape(target)}' .* — .+", ours[0])
        assert where, ours[0]
        assert link in text[int(where.group(1)) - 1]
    assert len([e for e in err if "scanning.md:" in e]) == len(LINKS), err


def test_links_to_pages_and_attachments_build(linked: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session = linked / GATHERING / "sessions" / "scanning.md"
    text = session.read_text("utf-8")
    for link, _ in LINKS:
        text = text.replace(link, "")
    session.write_text(text, "utf-8")
    output = tmp_path / "output"
    assert main(["build", "--content", str(linked), "--output", str(output)]) == 0, capsys.readouterr().err
    page = (output / GATHERING / "sessions" / "scanning.html").read_text("utf-8")
    for href in ["../index.html", "../decks/samling-mars-2013.html", "../files/notat.md", "program.html"]:
        assert f'href="{href}"' in page
    assert (output / GATHERING / "files" / "notat.md").is_file()
