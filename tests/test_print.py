"""Printing worksheets: WeasyPrint PDFs of the example, Chromium's print of the same pages, `samling print`."""

from __future__ import annotations

import io
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import CONTENT
from pypdf import PdfReader

from generator.commands.build import check
from generator.commands.print import ROOT_URL, in_memory
from generator.commands.print_sheets import sheet_path, sheets_and_packs, stack_path
from generator.core.model import Gathering, Scale, Site
from generator.render.pages import worksheet_path, worksheets_in_programme_order

pytestmark = pytest.mark.slow
MM = 72 / 25.4  # PDF points per millimetre


@pytest.fixture(scope="module")
def example() -> tuple[Site, Gathering]:
    site = check(CONTENT)
    return site, next(g for g in site.gatherings if g.worksheets)


@pytest.fixture(scope="module")
def pdfs(built_site: Path, example: tuple[Site, Gathering]) -> dict[str, bytes]:
    """The worksheets' PDFs `samling print` makes, from the built example site: output path → PDF."""
    site, _ = example
    files = {p.relative_to(built_site).as_posix(): p.read_bytes() for p in built_site.rglob("*") if p.is_file()}
    # The packs are tested in tests/test_print_packs.py, the people's print material in tests/test_people_print.py.
    sheets, _ = sheets_and_packs(site, files, packs=False)
    return {o.path: o.content for o in sheets}


def read(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def test_the_gathering_pdf_is_every_worksheet_in_programme_order_each_from_a_new_page(
    pdfs: dict[str, bytes], example: tuple[Site, Gathering]
) -> None:
    _, g = example
    stack = read(pdfs[stack_path(g)])
    order = worksheets_in_programme_order(g)
    singles = [read(pdfs[sheet_path(g, w)]) for w in order]
    # Every example sheet is made to fit one page; the stack is those pages, one after the other.
    assert [len(s.pages) for s in singles] == [1] * len(order)
    assert len(stack.pages) == sum(len(s.pages) for s in singles) == len(order)
    for page, sheet in zip(stack.pages, order, strict=True):
        text = page.extract_text()
        assert sheet.title in text
        landscape = float(page.mediabox.width) > float(page.mediabox.height)
        assert landscape == (sheet.orientation == "landscape"), sheet.key
        assert round(float(min(page.mediabox.width, page.mediabox.height)) / MM) == 210  # A4
        # The gathering's title and date on every sheet, and the fields to fill in.
        assert g.title in text and "11.–12. mars 2013" in text
        assert "Dato" in text


def test_the_pdf_text_holds_every_factor_and_each_end_label_of_the_risk_form(
    pdfs: dict[str, bytes], example: tuple[Site, Gathering]
) -> None:
    _, g = example
    text = " ".join(" ".join(page.extract_text().split()) for page in read(pdfs[stack_path(g)]).pages)
    scales = [b for w in g.worksheets for b in w.blocks if isinstance(b, Scale)]
    assert scales
    for scale in scales:
        for item in scale.items:
            assert item in text
        assert scale.low_label in text and scale.high_label in text
    assert "Manglende engasjement" in text and "Liten risiko" in text and "Stor risiko" in text
    # On paper each factor is its row's header (a long one wraps), said once: not again in each
    # cell, as on screen ("Manglende engasjement: 1 (Liten risiko)" is the radio button's name there).
    # The end labels stay on their cells (their one header spans all columns): each row names both.
    for scale in scales:
        for item in scale.items:
            assert f"{item}: " not in text, item
        if not scale.value_labels:
            ends = len(re.findall(rf"\(({re.escape(scale.low_label)}|{re.escape(scale.high_label)})\)", text))
            assert ends >= 2 * len(scale.items), scale.low_label


def blank_border_mm(pdf: bytes, page: int) -> float:
    """How far in from the paper's edge the first ink is, in mm (rendered at 72 dpi by poppler)."""
    run = subprocess.run(
        ["pdftoppm", "-f", str(page), "-l", str(page), "-r", "72", "-gray", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    )
    header, _, rest = run.stdout.partition(b"\n255\n")
    width, height = (int(n) for n in header.split()[1:3])
    pixels = rest[: width * height]
    rows = [y for y in range(height) if min(pixels[y * width : (y + 1) * width]) < 200]  # C-speed min per line
    cols = [x for x in range(width) if min(pixels[x::width]) < 200]
    return min(cols[0], rows[0], width - 1 - cols[-1], height - 1 - rows[-1]) / MM


def test_margins_stay_where_an_office_printer_prints(pdfs: dict[str, bytes], example: tuple[Site, Gathering]) -> None:
    _, g = example
    for w in g.worksheets:
        assert blank_border_mm(pdfs[sheet_path(g, w)], 1) >= 12, w.key


@pytest.mark.browser
def test_chromium_prints_each_worksheet_on_as_many_pages_of_the_same_size_as_weasyprint(
    built_site: Path, browser: Any, pdfs: dict[str, bytes], example: tuple[Site, Gathering]
) -> None:
    _, g = example
    page = browser.new_page()
    try:
        for w in g.worksheets:
            path = worksheet_path(g, w)
            page.goto((built_site / path).as_uri())
            chromium = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
            weasy = read(pdfs[sheet_path(g, w)])
            assert len(chromium.pages) == len(weasy.pages), w.key
            size = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in chromium.pages]
            assert size == [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in weasy.pages]
            assert blank_border_mm(page.pdf(prefer_css_page_size=True), 1) >= 12, w.key
            assert "Skriv ut" not in chromium.pages[0].extract_text()  # no screen chrome on paper
            assert g.title in chromium.pages[0].extract_text()
    finally:
        page.close()


def test_only_the_sites_own_files_are_read_while_printing() -> None:
    files = {"assets/worksheet.css": b"p {}"}
    assert in_memory(files, ROOT_URL + "g/../assets/worksheet.css") == (b"p {}", "text/css")
    for url in ("file:///etc/passwd", "https://example.org/x.css", ROOT_URL + "../etc/passwd", ROOT_URL + "nope.css"):
        with pytest.raises(ValueError):
            in_memory(files, url)


LONG_SHEET = """\
title: Langt skjema
blocks:
  - type: scale
    low: Lite
    high: Mye
    comment: true
    items: [{items}]
  - type: matrix
    preset: dsb-5
"""


def test_samling_print_writes_the_pdfs_and_never_splits_an_item_or_a_matrix(content_copy: Path, tmp_path: Path) -> None:
    from generator.cli import main

    folder = next(p for p in content_copy.iterdir() if (p / "worksheets").is_dir())
    items = [f"Faktor {n:02d}x" for n in range(1, 31)]  # none is the start of another
    (folder / "worksheets" / "langt.yaml").write_text(LONG_SHEET.format(items=", ".join(items)), "utf-8")
    out = tmp_path / "output"
    assert main(["print", "--content", str(content_copy), "--output", str(out)]) == 0

    written = sorted(p.relative_to(out).as_posix() for p in (out / "print").rglob("*.pdf"))
    sheets = sorted(p.stem for p in (folder / "worksheets").glob("*.yaml"))
    people = [f"print/{folder.name}-{n}.pdf" for n in ("navneskilt", "bordkort", "innsjekk-dag-1", "innsjekk-dag-2")]
    people.append(f"print/{folder.name}-gruppelister.pdf")  # the participant list's (tests/test_people_print.py)
    packs = [f"print/{folder.name}-deltaker.pdf", f"print/{folder.name}-fasilitator.pdf"]  # test_print_packs.py
    expected = [f"print/{folder.name}.pdf", *packs] + [f"print/{folder.name}/{s}.pdf" for s in sheets] + people
    assert written == sorted(expected)
    manifest = json.loads((out / ".samling-output.json").read_text("utf-8"))
    assert f"print/{folder.name}.pdf" in manifest["files"]

    pages = [p.extract_text() for p in PdfReader(out / "print" / folder.name / "langt.pdf").pages]
    assert len(pages) >= 2
    for item in items:
        where = [i for i, text in enumerate(pages) if item in text]
        assert len(where) == 1, (item, where)
    # Each item's comment line is on the same page as the item; the matrix is whole on one page.
    for text in pages:
        assert text.count("Kommentar") == sum(item in text for item in items)
    assert sum("Katastrofal" in text and "Svært sannsynlig" in text for text in pages) == 1
