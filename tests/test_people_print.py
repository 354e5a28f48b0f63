"""The people's print material: badges that never overflow, table cards, sign-in sheets, group lists."""

from __future__ import annotations

import io
import math
import re
from pathlib import Path

import pytest

from generator.core.model import Participant
from generator.render.figures.metrics import block_height, text_width
from generator.render.people_print import (
    BADGE_TEXT_HEIGHT,
    BADGE_TEXT_WIDTH,
    badge,
    cut_marks,
    fit,
    page_of,
    pdf_plan,
)

PORSANGER = "Porsanger kommune – Porsáŋgu gielda – Porsangin komuuni"
GATHERING = "nettverk-omdomme-2013-03"


def inside(fitted, width: float, height: float, bold: bool = False) -> bool:
    widest = max(text_width(line, fitted.size, bold) for line in fitted.lines)
    return widest <= width and block_height(len(fitted.lines), fitted.size) <= height


def test_a_short_name_is_large_on_one_line() -> None:
    b = badge(Participant("k", "Ola Vik", "Lom"))
    assert b.name.lines == ("Ola Vik",) and b.name.size == 26
    assert b.organisation.lines == ("Lom",) and b.organisation.size == 14


def test_the_longest_municipality_shrinks_then_wraps_and_stays_on_the_badge() -> None:
    b = badge(Participant("k", "Anne-Marthe Kristine Sørensen-Bjørnstad", PORSANGER))
    assert " ".join(b.organisation.lines) == PORSANGER  # wrapped at spaces, nothing lost
    assert 2 <= len(b.organisation.lines) <= 3 and b.organisation.size >= 9
    assert inside(b.name, BADGE_TEXT_WIDTH, BADGE_TEXT_HEIGHT, bold=True)
    assert inside(b.organisation, BADGE_TEXT_WIDTH, BADGE_TEXT_HEIGHT)
    used = block_height(len(b.name.lines), b.name.size) + block_height(len(b.organisation.lines), b.organisation.size)
    assert used <= BADGE_TEXT_HEIGHT
    assert badge(Participant("k", "Anne-Marthe Kristine Sørensen-Bjørnstad", PORSANGER)) == b  # deterministic


def test_shrinking_comes_before_wrapping() -> None:
    one = fit("Kristiansand kommune", 190, 20, 8, 3, 100)
    assert one.lines == ("Kristiansand kommune",) and one.size < 20
    assert text_width("Kristiansand kommune", one.size) <= 190 < text_width("Kristiansand kommune", one.size + 0.5)


@pytest.mark.parametrize("length", [1, 40, 200, 999])
def test_no_text_ever_overflows(length: int) -> None:
    text = " ".join(["Åsmund-Kristoffersen"] * length)[: length * 5] or "Å"
    fitted = fit(text, BADGE_TEXT_WIDTH, 26, 13, 2, BADGE_TEXT_HEIGHT * 0.6, bold=True)
    assert inside(fitted, BADGE_TEXT_WIDTH, BADGE_TEXT_HEIGHT * 0.6, bold=True)


def test_cut_marks_lie_outside_the_grid_at_every_edge() -> None:
    marks = cut_marks()
    assert len(marks) == 2 * 3 + 2 * 5  # three column edges top and bottom, five row edges left and right
    for left, top, w, h in marks:
        outside = top + h <= 0 or top >= 220 or left + w <= 0 or left >= 180
        assert outside


def test_page_numbers_are_css_counters_in_the_language_of_the_page() -> None:
    assert page_of("Side {page} av {pages}") == '"Side " counter(page) " av " counter(pages)'
    assert page_of('Page "{page}"</style>') == '"Page \\"" counter(page) "\\"/style>"'


@pytest.fixture(scope="module")
def printed(built_site: Path) -> dict[str, bytes]:
    from generator.commands.build import check
    from generator.commands.print import html_to_pdf
    from tests.conftest import CONTENT

    g = check(CONTENT).gatherings[0]
    files = {p.relative_to(built_site).as_posix(): p.read_bytes() for p in built_site.rglob("*") if p.is_file()}
    return {pdf: html_to_pdf(files, page) for pdf, page in pdf_plan(g)}


def pdf_text(pdf: bytes) -> list[str]:
    from pypdf import PdfReader

    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.slow
def test_the_badge_pdf_has_a_sheet_per_eight_and_every_name(printed: dict[str, bytes]) -> None:
    from generator.core.errors import Problems
    from generator.load.participants import read_participants
    from tests.conftest import CONTENT

    people = read_participants(CONTENT / GATHERING / "participants.csv", Problems())
    assert sorted(printed) == sorted(
        f"print/{GATHERING}-{n}.pdf"
        for n in ("navneskilt", "bordkort", "innsjekk-dag-1", "innsjekk-dag-2", "gruppelister")
    )
    pages = pdf_text(printed[f"print/{GATHERING}-navneskilt.pdf"])
    assert len(pages) == math.ceil(len(people) / 8) == 5
    text = " ".join(pages)
    assert all(p.name in text for p in people)
    cards = pdf_text(printed[f"print/{GATHERING}-bordkort.pdf"])
    assert len(cards) == len(people) and all(text.count(p.name) >= 1 for p in people)


@pytest.mark.slow
def test_the_sign_in_sheet_is_sorted_numbered_and_has_page_numbers(printed: dict[str, bytes]) -> None:
    pages = pdf_text(printed[f"print/{GATHERING}-innsjekk-dag-1.pdf"])
    assert len(pages) >= 2
    assert all(f"Side {i} av {len(pages)}" in page for i, page in enumerate(pages, start=1))
    assert "Signatur" in pages[0] and "Innsjekk dag 1" in pages[0]
    numbers = [int(n) for n in re.findall(r"(?:^| )(\d{1,2}) [A-ZÆØÅ]", " ".join(pages))]
    assert numbers[:5] == [1, 2, 3, 4, 5]


@pytest.mark.slow
def test_the_people_pdfs_are_tagged_with_their_language(printed: dict[str, bytes]) -> None:
    from pypdf import PdfReader

    for name, pdf in printed.items():
        root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
        assert root["/Lang"] == "nb" and "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"], name


def test_the_files_are_named_in_the_gatherings_language() -> None:
    from dataclasses import replace

    from generator.commands.build import check
    from tests.conftest import CONTENT

    g = check(CONTENT).gatherings[0]
    names = {lang: [pdf for pdf, _ in pdf_plan(replace(g, language=lang))] for lang in ("nb", "nn", "en")}
    assert names["nb"] == [f"print/{GATHERING}-{n}.pdf" for n in ("navneskilt", "bordkort")] + [
        f"print/{GATHERING}-innsjekk-dag-{d}.pdf" for d in (1, 2)
    ] + [f"print/{GATHERING}-gruppelister.pdf"]
    assert names["nn"][0].endswith("-namneskilt.pdf")
    assert [n.removeprefix(f"print/{GATHERING}-") for n in names["en"]] == [
        "badges.pdf",
        "table-cards.pdf",
        "sign-in-day-1.pdf",
        "sign-in-day-2.pdf",
        "group-lists.pdf",
    ]
    assert all(page.startswith(f"{GATHERING}/fasilitator/") for _, page in pdf_plan(g))


@pytest.mark.slow
def test_a_name_too_long_for_its_column_on_the_group_list_wraps_inside_the_column(built_site: Path) -> None:
    from generator.commands.print import render

    files = {p.relative_to(built_site).as_posix(): p.read_bytes() for p in built_site.rglob("*") if p.is_file()}
    page = f"{GATHERING}/fasilitator/gruppelister.html"
    long = "Kommune" * 30  # one word, far wider than half the page
    html = re.sub(r"<li>[^<]+", f"<li>{long}", files[page].decode("utf-8"), count=1)
    document = render({**files, page: html.encode("utf-8")}, page)

    def boxes(box):
        yield box
        for child in getattr(box, "children", ()):
            yield from boxes(child)

    first = document.pages[0]._page_box
    classes = {b: (b.element.get("class") or "").split() for b in boxes(first) if b.element_tag == "div"}
    groups = [b for b, names in classes.items() if "wall-group" in names]
    assert len(groups) >= 2
    left, right = groups[0], groups[1]
    assert abs(left.width - right.width) < 0.01  # the columns stay equal
    pieces = [b for b in boxes(left) if getattr(b, "text", "") and "Kommune" in b.text]
    assert "".join(p.text for p in pieces) == long and len(pieces) > 1  # wrapped, every letter kept
    assert all(p.position_x + p.width <= left.content_box_x() + left.width + 0.01 for p in pieces)
