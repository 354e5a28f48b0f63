"""Every PDF Samling writes is tagged (PDF/UA-1): language, title, headings, tables, header cells, figures."""

from __future__ import annotations

import io
import re
import shutil
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import CONTENT
from pdf_structure import pdf_structure, rendered
from pypdf import PdfReader

from generator.commands.build import check
from generator.commands.print import html_to_pdf
from generator.commands.print_sheets import sheet_path, sheets_and_packs, stack_path
from generator.core.model import Site
from generator.render.pages import model_path, worksheet_path, worksheets_in_programme_order
from generator.render.qr import online_url

pytestmark = pytest.mark.slow
BASE_URL = "https://kommune.example.no/samling/"
SCOPE_NAMES = {"row": "Row", "rowgroup": "Row", "col": "Column", "colgroup": "Column"}  # HTML scope → PDF /Scope


@pytest.fixture(scope="module")
def site() -> Site:
    return check(CONTENT)


@pytest.fixture(scope="module")
def files(built_site: Path) -> dict[str, bytes]:
    return {p.relative_to(built_site).as_posix(): p.read_bytes() for p in built_site.rglob("*") if p.is_file()}


def sheet_pdfs(site: Site, files: dict[str, bytes]) -> dict[str, bytes]:
    """The worksheets' PDFs `samling print` writes: output path → PDF. Each sheet's own and the stack
    are pages of one layout that the packs use too (tests/test_print_packs.py reads those)."""
    return {o.path: o.content for o in sheets_and_packs(site, files, packs=False)[0]}


@pytest.fixture(scope="module")
def pdfs(site: Site, files: dict[str, bytes]) -> dict[str, bytes]:
    # The people's print material is tested in tests/test_people_print.py.
    return sheet_pdfs(site, files)


class HeaderScopes(HTMLParser):
    """The scope of every <th> of a page, as the PDF's /Scope names it."""

    def __init__(self) -> None:
        super().__init__()
        self.scopes: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "th":
            self.scopes[SCOPE_NAMES[dict(attrs).get("scope") or ""]] += 1


def test_every_worksheet_pdf_is_tagged_with_language_title_and_structure(
    site: Site, pdfs: dict[str, bytes], files: dict[str, bytes]
) -> None:
    assert len(pdfs) == 1 + sum(len(g.worksheets) for g in site.gatherings)
    for g in site.gatherings:
        for w in worksheets_in_programme_order(g):
            s = pdf_structure(pdfs[sheet_path(g, w)])
            assert s.tagged and s.marked, w.key
            assert s.lang == g.language == "nb"
            assert s.title == f"{w.title} – {site.config.title}" and s.display_doc_title
            html = files[worksheet_path(g, w)].decode("utf-8")
            # One heading, the sheet's title, read first; each table with header and data cells.
            assert s.counts["H1"] == 1 and {"Art", "P"} <= s.types, w.key
            assert s.counts["Table"] == html.count("<table"), w.key
            if "<table" in html:
                assert s.order.index("H1") < s.order.index("Table"), w.key
                assert {"TR", "TH", "TD"} <= s.types and s.data_cells_with_headers > 0, w.key
            # Each <th scope> of the page is a TH cell with that scope (every sheet is one page: no repeated heads).
            scopes = HeaderScopes()
            scopes.feed(html)
            assert Counter(c.scope for c in s.header_cells) == scopes.scopes, w.key
            assert all(c.id for c in s.header_cells)
            assert s.figures == ()  # no base_url: no QR code, and the sheets draw no figure


def test_the_stack_is_tagged_each_sheet_an_article_under_its_own_heading(site: Site, pdfs: dict[str, bytes]) -> None:
    g = next(g for g in site.gatherings if g.worksheets)
    s = pdf_structure(pdfs[stack_path(g)])
    assert s.tagged and s.marked and s.lang == "nb" and s.display_doc_title
    assert s.title.endswith(g.title)
    # Each sheet a section of its own (as in the packs), holding its article and its heading.
    assert s.counts["Sect"] == s.counts["Art"] == s.counts["H1"] == len(g.worksheets)
    # The matrix legends are lists: zones and risks.
    assert s.counts["L"] >= 2 and s.counts["LI"] >= 3
    assert {c.scope for c in s.header_cells} == {"Row", "Column"}


@pytest.fixture(scope="module")
def online(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, dict[str, bytes]]:
    """The example with base_url set, rendered in memory."""
    content = tmp_path_factory.mktemp("online") / "content"
    shutil.copytree(CONTENT, content)
    with (content / "site.yaml").open("a", encoding="utf-8") as f:
        f.write(f"base_url: {BASE_URL}\n")
    site, outputs = rendered(content)
    return site, {o.path: o.content for o in outputs}


def test_with_base_url_each_sheet_has_one_figure_the_qr_code_with_its_address_as_alt(
    online: tuple[Site, dict[str, bytes]],
) -> None:
    site, files = online
    g = next(g for g in site.gatherings if g.worksheets)
    pdfs = sheet_pdfs(site, files)
    for w in g.worksheets:
        path = worksheet_path(g, w)
        s = pdf_structure(pdfs[sheet_path(g, w)])
        assert s.tagged and s.lang == "nb"
        assert [f.alt for f in s.figures] == [f"Fyll ut på nett: {online_url(BASE_URL, path)}"], w.key
        assert s.figures[0].page == 0
        assert s.order.index("H1") < s.order.index("Figure")  # read after the title, though printed beside it


def annotations(pdf: bytes) -> int:
    return sum(len(page.get("/Annots") or []) for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_sheet_laid_out_once_tags_only_the_links_of_each_pdf_that_holds_it(tmp_path: Path) -> None:
    """A link to another sheet leads somewhere in the stack and the packs, nowhere in the sheet's own
    PDF: the annotation an earlier PDF made for it must not be tagged into a later one."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    sheet = content / "nettverk-omdomme-2013-03" / "worksheets" / "risikoskjema.yaml"
    text = sheet.read_text("utf-8")
    sheet.write_text(re.sub(r"(?m)^intro: .*$", "intro: Se [ROS-matrisen](#ws-ros-matrise).", text), "utf-8")
    site, outputs = rendered(content)
    files = {o.path: o.content for o in outputs}
    sheets, packs = sheets_and_packs(site, files)
    g = next(g for g in site.gatherings if g.worksheets)
    by_path = {o.path: o.content for o in sheets + packs}
    own = sheet_path(g, next(w for w in g.worksheets if w.key == "risikoskjema"))
    assert [annotations(by_path[p]) for p in (stack_path(g), own)] == [1, 0]  # the other sheet: not in its own PDF
    for o in sheets + packs:
        assert pdf_structure(o.content).stray_annotations == 0, o.path


def test_a_model_figure_printed_from_its_page_has_its_title_as_alt(site: Site, files: dict[str, bytes]) -> None:
    # Not printed by `samling print` yet; the packs will be. WeasyPrint takes /Alt from an SVG's <title>.
    model = site.models[0]
    s = pdf_structure(html_to_pdf(files, model_path(model)))
    assert s.tagged and [f.alt for f in s.figures] == [f"Figur: {model.title}"]
