"""Facilitator notes stay in the facilitator section: no participant page contains them or links there."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

GATHERING = "nettverk-omdomme-2013-03"
NOTE = "Sissel noterer svarene fra hver kommune"
HREF = re.compile(r"""(?:href|src|action)\s*=\s*["']([^"']*)["']""", re.I)
# The slide engineer's presenter and notes views are facilitator pages too, kept beside their deck.
DECK_FACILITATOR_VIEWS = re.compile(r"/decks/[^/]+-(presenter|notes)\.html$")


def facilitator_folder(site: Path) -> Path:
    return site / GATHERING / "fasilitator"


def participant_pages(site: Path) -> list[Path]:
    folder = facilitator_folder(site)
    return [
        p
        for p in sorted(site.rglob("*.html"))
        if not p.is_relative_to(folder) and not DECK_FACILITATOR_VIEWS.search(p.as_posix())
    ]


def test_the_note_is_on_the_run_sheet(built_site: Path) -> None:
    sheet = (facilitator_folder(built_site) / "2013-03-11.html").read_text("utf-8")
    assert NOTE in html.unescape(sheet)
    assert '<meta name="robots" content="noindex, nofollow">' in sheet


def test_no_participant_page_contains_the_facilitator_notes(built_site: Path) -> None:
    pages = participant_pages(built_site)
    assert len(pages) > 30
    assert built_site / GATHERING / "sessions" / "prosjektets-hensikt.html" in pages
    leaking = [str(p.relative_to(built_site)) for p in pages if "Sissel noterer" in html.unescape(p.read_text("utf-8"))]
    assert not leaking


def test_no_participant_page_links_into_the_facilitator_section(built_site: Path) -> None:
    folder = facilitator_folder(built_site).resolve()
    offenders = []
    for page in participant_pages(built_site):
        for target in HREF.findall(page.read_text("utf-8")):
            path = unquote(urlsplit(html.unescape(target)).path)
            if path and ((page.parent / path).resolve().is_relative_to(folder) or "fasilitator" in path):
                offenders.append(f"{page.relative_to(built_site)} → {target}")
    assert not offenders


def test_calendars_and_static_files_carry_no_notes(built_site: Path) -> None:
    others = [p for p in built_site.rglob("*") if p.is_file() and p.suffix in {".ics", ".js", ".css", ".json", ".txt"}]
    assert any(p.suffix == ".ics" for p in others)
    assert not [str(p) for p in others if "Sissel noterer" in p.read_text("utf-8", errors="replace")]


def test_the_facilitator_overview_leads_to_each_decks_presenter_and_notes_views(built_site: Path) -> None:
    overview = facilitator_folder(built_site) / "index.html"
    targets = {(overview.parent / t).resolve() for t in HREF.findall(overview.read_text("utf-8"))}
    views = sorted(
        p for p in (built_site / GATHERING / "decks").glob("*.html") if DECK_FACILITATOR_VIEWS.search(p.as_posix())
    )
    assert views and all(v.resolve() in targets for v in views)
    linking = [
        str(page.relative_to(built_site))
        for page in participant_pages(built_site)
        if "-notes.html" in "".join(HREF.findall(page.read_text("utf-8")))
    ]
    assert not linking, "a participant page links to the speaker notes"
