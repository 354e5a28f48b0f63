"""Participants are personal data: they reach the facilitator section and the organisers' print only.

Checked like facilitator notes (tests/test_agenda_privacy.py), over every file of the built example:
no participant's name or e-mail address in any page, calendar, script or data file outside
GATHERING/fasilitator/, nor in the PDFs made for participants. `publish_participants: true`
publishes one page with names and organisations, and nothing more.
"""

from __future__ import annotations

import html
import io
from pathlib import Path

import pytest

from generator.commands.build import build, check
from generator.core.errors import Problems
from generator.load.participants import read_participants
from tests.conftest import CONTENT

GATHERING = "nettverk-omdomme-2013-03"
LIST = CONTENT / GATHERING / "participants.csv"
PEOPLE = read_participants(LIST, Problems())
PRIVATE_PDFS = ("navneskilt", "bordkort", "innsjekk", "gruppelister", "fasilitator")


def private(relative: str) -> bool:
    """The facilitator section, and the organisers' own PDFs (badges, sign-in sheets, …)."""
    if relative.startswith(f"{GATHERING}/fasilitator/"):
        return True
    return relative.startswith("print/") and any(word in relative for word in PRIVATE_PDFS)


def leaks(root: Path, allowed: tuple[str, ...] = ()) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        relative = path.relative_to(root).as_posix()
        if private(relative) or relative in allowed or path.suffix == ".pdf":
            continue
        text = html.unescape(path.read_bytes().decode("utf-8", errors="replace"))
        hits = [p.name for p in PEOPLE if p.name in text] + [p.email for p in PEOPLE if p.email and p.email in text]
        if hits:
            found[relative] = hits
    return found


def test_the_example_has_a_participant_list_and_the_facilitator_pages_show_it(built_site: Path) -> None:
    assert len(PEOPLE) == 39
    page = html.unescape((built_site / GATHERING / "fasilitator" / "deltakere.html").read_text("utf-8"))
    assert all(p.name in page and p.email in page for p in PEOPLE)  # the check below would see a leak


def test_no_participant_in_any_file_outside_the_facilitator_section(built_site: Path) -> None:
    files = [p for p in built_site.rglob("*") if p.is_file()]
    assert any(p.suffix == ".ics" for p in files) and any(p.suffix == ".js" for p in files)
    assert not (built_site / GATHERING / "deltakere.html").exists()  # not published unless asked
    assert leaks(built_site) == {}


@pytest.mark.slow
def test_no_participant_in_the_pdfs_for_participants(built_site: Path) -> None:
    from pypdf import PdfReader

    from generator.commands.print import pdf_plan
    from generator.commands.print_sheets import sheets_and_packs, stack_path

    site = check(CONTENT)
    files = {p.relative_to(built_site).as_posix(): p.read_bytes() for p in built_site.rglob("*") if p.is_file()}
    assert all(private(pdf) and private(page) for pdf, page in pdf_plan(site))  # made of facilitator pages
    sheets, _ = sheets_and_packs(site, files, packs=False)  # the packs: tests/test_print_packs.py
    stack = {o.path: o.content for o in sheets}[stack_path(next(g for g in site.gatherings if g.worksheets))]
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(stack)).pages)
    assert text.strip() and not [p.name for p in PEOPLE if p.name in text]


def test_publish_participants_shows_names_and_organisations_only(content_copy: Path, tmp_path: Path) -> None:
    gathering = content_copy / GATHERING / "gathering.yaml"
    gathering.write_text(gathering.read_text("utf-8") + "\npublish_participants: true\n", "utf-8")
    out = tmp_path / "site"
    build(content_copy, out)
    public = f"{GATHERING}/deltakere.html"
    page = html.unescape((out / public).read_text("utf-8"))
    assert all(p.name in page and p.organisation in page for p in PEOPLE)
    for p in PEOPLE:  # no e-mail, role or dietary needs
        assert p.email not in page and (not p.dietary or p.dietary not in page)
    assert "Hovedtillitsvalgt" not in page and "Laktose" not in page
    assert 'href="deltakere.html"' in (out / GATHERING / "index.html").read_text("utf-8")
    assert leaks(out, allowed=(public,)) == {}
