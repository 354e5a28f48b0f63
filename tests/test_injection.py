"""Hostile titles, names and notes render as text everywhere: no script runs, no attribute breaks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.commands.build import build

GATHERING = "nettverk-omdomme-2013-03"
SCRIPT = "<script>alert('x')</script>"
ATTRIBUTE = '" onmouseover="alert(\'y\')" x="'
TEMPLATE = "{{ 7*7 }}{% raw %}"
HOSTILE = f"{SCRIPT}{ATTRIBUTE}{TEMPLATE}<img src=x onerror=alert(1)>"


def yaml_quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    root = tmp_path_factory.mktemp("hostile")
    content = root / "content"
    shutil.copytree(Path(__file__).resolve().parents[1] / "content", content)
    q = yaml_quote(HOSTILE)
    site = content / "site.yaml"
    site.write_text(site.read_text("utf-8").replace("title: Saman om ein betre kommune", f"title: {q}"), "utf-8")
    gathering = content / GATHERING / "gathering.yaml"
    text = gathering.read_text("utf-8")
    text = text.replace("title: Nettverk – omdømme", f"title: {q}", 1).replace("venue: Gardermoen", f"venue: {q}")
    text = text.replace("name: Bjørn Pettersen", f"name: {q}").replace("{title: Pause, start", f"{{title: {q}, start")
    gathering.write_text(text, "utf-8")
    # The renamed break gets another page name, so the deck's slide for it lets go of it.
    deck = content / GATHERING / "decks" / "samling-mars-2013.md"
    deck.write_text(deck.read_text("utf-8").replace("<!-- session: pause -->\n", "", 1), "utf-8")
    session = content / GATHERING / "sessions" / "program.md"
    session.write_text(
        f"---\ntitle: {q}\nduration: 10\nfacilitators: [bjorn]\nnotes: {q}\n---\n"
        f"{HOSTILE}\n\n[klikk](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=)\n",
        "utf-8",
    )
    sheet = content / GATHERING / "worksheets" / "risikoskjema.yaml"
    sheet.write_text(
        sheet.read_text("utf-8").replace("title: Hvor ligger den største risiko?", f"title: {q}", 1), "utf-8"
    )
    out = root / "output"
    build(content, out)
    return out


def test_the_calendar_holds_the_hostile_title_as_plain_text(hostile_site: Path) -> None:
    import icalendar

    raw = (hostile_site / GATHERING / "kalender.ics").read_bytes()
    events = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert HOSTILE in [str(e["SUMMARY"]) for e in events]
    assert raw.count(b"\r\nBEGIN:VEVENT\r\n") == len(events), "no text started an event of its own"
    assert all(len(line) <= 75 for line in raw.split(b"\r\n")), "lines are folded"


def test_the_printed_worksheet_shows_the_hostile_title_as_text(hostile_site: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from generator.commands.print import print_worksheets

    result = print_worksheets(hostile_site.parent / "content", tmp_path / "out")
    pdf = tmp_path / "out" / "print" / GATHERING / "risikoskjema.pdf"
    assert f"print/{GATHERING}/risikoskjema.pdf" in result.pdfs
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages)
    assert SCRIPT in text and "{{ 7*7 }}" in text, text[:300]


def test_no_raw_script_or_broken_attribute_in_any_page(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text("utf-8")
        assert SCRIPT not in html, page
        assert 'onmouseover="alert' not in html, page
        assert "<img src=x onerror" not in html, page
        # markdown-it leaves a refused link as its literal text; what matters is no link or source.
        assert not re.search(r"(href|src|action)\s*=\s*[\"']?\s*(javascript|data):", html, re.I), page
        assert "49" not in html.split("7*7")[0][-5:], "template syntax in content was evaluated"


def test_titles_show_as_text_in_the_browser(hostile_site: Path, page: object) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    session = hostile_site / GATHERING / "sessions" / "program.html"
    page.goto(session.as_uri())  # type: ignore[attr-defined]
    assert HOSTILE in page.inner_text("h1")  # type: ignore[attr-defined]
    assert HOSTILE in page.title()  # type: ignore[attr-defined]
    for html in sorted(hostile_site.rglob("*.html")):
        page.goto(html.as_uri())  # type: ignore[attr-defined]
        page.hover("body")  # type: ignore[attr-defined]
    assert dialogs == []
