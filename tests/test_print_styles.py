"""Stylesheets parsed once per print (generator/commands/print_styles.py): the same pages as with
WeasyPrint reading each document's own sheets, and the documents whose cascade would differ left alone."""

from __future__ import annotations

import pytest

from generator.commands.print import ROOT_URL, _fetcher, render, weasyprint_module, write
from generator.commands.print_styles import Styles

pytest.importorskip("weasyprint")

SHEETS = {
    "assets/a.css": b"p { color: #c00; font-size: 20pt; } .x { color: #00c; } #late { margin-left: 30mm; }",
    "assets/b.css": b"p.x { color: #0a0; } p { font-size: 14pt; } @media screen { p { color: #ff0; } }"
    b" @page { size: A5; margin: 10mm; @bottom-right { content: counter(page); } }",
}
HEAD = (
    '<link rel="stylesheet" href="../assets/a.css"><style>p.y { color: #808; }</style>'
    '<link rel="stylesheet" href="../assets/b.css">'
)
BODY = (
    '<p>one</p><p class="x">two</p><p class="y">three</p><p class="x" style="color: #0cc">four</p><p id="late">five</p>'
)


def page(head: str = HEAD, body: str = BODY) -> bytes:
    head = f'<meta charset="utf-8"><title>T</title>{head}'
    return f'<!doctype html><html lang="nb"><head>{head}</head><body>{body}</body></html>'.encode()


def files(document: bytes) -> dict[str, bytes]:
    return {**SHEETS, "print/doc.html": document}


def take(document: bytes) -> tuple[str, list]:
    weasyprint = weasyprint_module()
    site = files(document)
    return Styles().take(weasyprint, document.decode(), ROOT_URL + "print/doc.html", _fetcher(weasyprint, site))


def looks(laid_out) -> list[tuple]:
    """The page sizes, and each text box of a laid-out document: its text, colour, size and place."""
    boxes: list[tuple] = []

    def walk(box) -> None:
        if hasattr(box, "text"):
            boxes.append((box.text, repr(box.style["color"]), box.style["font_size"], box.position_x, box.position_y))
        for child in getattr(box, "children", ()):
            walk(child)

    for p in laid_out.pages:
        walk(p._page_box)
    return [(p.width, p.height) for p in laid_out.pages] + boxes


def test_the_head_sheets_are_taken_out_and_given_parsed_in_their_order() -> None:
    rest, sheets = take(page())
    assert "stylesheet" not in rest and "<style" not in rest
    assert len(sheets) == 3  # a.css, the block, b.css


def test_the_pages_are_the_same_as_with_the_documents_own_sheets() -> None:
    document = page()
    weasyprint = weasyprint_module()
    own = weasyprint.HTML(
        string=document.decode(),
        base_url=ROOT_URL + "print/doc.html",
        url_fetcher=_fetcher(weasyprint, files(document)),
    ).render()
    shared = render(files(document), "print/doc.html", Styles())
    assert looks(shared) == looks(own)
    assert len(looks(own)) > 5  # five paragraphs on one A5 page, and its number in the footer
    assert write(shared).startswith(b"%PDF")


def test_each_linked_sheet_is_parsed_once_per_print() -> None:
    styles = Styles()
    render(files(page()), "print/doc.html", styles)
    render(files(page(body="<p>other</p>")), "print/doc.html", styles)
    links = [key for key, css in styles.parsed.items() if not key[1]]
    assert sorted(url for url, _ in links) == [ROOT_URL + "assets/a.css", ROOT_URL + "assets/b.css"]


@pytest.mark.parametrize(
    "head, body",
    [
        (HEAD, '<p style="color: #0cc !important">an !important style attribute</p>'),
        (HEAD, "<style>p { color: #0cc; }</style><p>a style block in the body</p>"),
        (HEAD + '<link href="../assets/a.css" rel="stylesheet">', "<p>a link in another form</p>"),
        (HEAD + '<link rel="stylesheet" href="../assets/a.css" media="print">', "<p>a link with a media</p>"),
        ('<base href="../assets/">' + HEAD, "<p>a base</p>"),
        (HEAD + '<link rel="stylesheet" href="../assets/missing.css">', "<p>a link to no file</p>"),
    ],
)
def test_a_document_whose_cascade_could_differ_keeps_its_own_sheets(head: str, body: str) -> None:
    document = page(head, body)
    rest, sheets = take(document)
    assert rest == document.decode() and sheets == []
