"""The worksheets laid out once for the four PDFs that hold them: each sheet's own, the stack, both packs.

Per gathering, every worksheet is rendered as a pack's part (print/sheets.html, the pack's page
size and margins, no footer) and WeasyPrint lays them out in one go. Each sheet's own PDF is its
pages of that layout, and the stack all of them. A pack is laid out with an empty slot of as many
pages in each sheet's place (so its contents and "side N av M" count them); each slot page then
takes the sheet's page, keeping the pack's footer (`with_footer`). A PDF is tagged, bookmarked and
linked from the boxes of the pages it holds, whichever layout they came from.

    print/GATHERING.pdf, print/GATHERING/WORKSHEET.pdf    from the sheets' layout
    print/GATHERING-deltaker.pdf, -fasilitator.pdf        the pack's layout + the sheets' pages
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.commands.print import render, write
from generator.commands.printed_packs import Overlay, pack_html, sheets_html, slot_id
from generator.core.errors import Problems
from generator.core.model import Gathering, Site, Worksheet
from generator.render import Output
from generator.render.pages import worksheet_path, worksheets_in_programme_order, worksheets_print_path
from generator.render.printed_packs import (
    AUDIENCES,
    pack_document_path,
    pack_path,
    sheets_document_path,
    worksheet_parts,
)
from generator.render.theme import load_theme


@dataclass(frozen=True)
class Sheets:
    """A gathering's worksheets laid out: the WeasyPrint document and each sheet's pages in it."""

    document: Any
    pages: dict[str, list[Any]]  # a sheet's part anchor (pack-ws-KEY) → its pages, in order


def sheet_path(g: Gathering, w: Worksheet) -> str:
    return f"print/{g.key}/{w.key}.pdf"


def stack_path(g: Gathering) -> str:
    return f"print/{g.key}.pdf"


def sheets_and_packs(
    site: Site, files: Mapping[str, bytes], font_config: Any = None, packs: bool = True
) -> tuple[list[Output], list[Output]]:
    """The worksheets' PDFs (the stack, each sheet's own) and, with `packs`, the packs, gathering by gathering."""
    problems = Problems(root=site.root)
    theme = load_theme(site.config.theme, site.root, problems, site.config.source.path)
    problems.raise_if_any()
    env = theme.environment()
    sheet_pdfs: list[Output] = []
    pack_pdfs: list[Output] = []
    for g in site.gatherings:
        sheets = None
        if g.worksheets:
            document = {sheets_document_path(g): sheets_html(env, site, theme, g, problems)}
            problems.raise_if_any()
            laid_out = render(Overlay(document, files), sheets_document_path(g), font_config)
            sheets = Sheets(laid_out, pages_of(laid_out, [p.anchor for p in worksheet_parts(g)]))
            sheet_pdfs += sheets_pdfs(g, sheets, files)
        if g.days and packs:
            slots = {a: len(pages) for a, pages in sheets.pages.items()} if sheets and fills_slots(sheets) else {}
            for audience in AUDIENCES:
                path = pack_document_path(g, audience)
                document = {path: pack_html(env, site, theme, g, audience, problems, slots)}
                problems.raise_if_any()
                pack = render(Overlay(document, files), path, font_config)
                pages = filled(pack, sheets) if sheets and slots else pack.pages
                pack_pdfs.append(Output(pack_path(g, audience), write(pack, pages)))
    return sheet_pdfs, pack_pdfs


def pages_of(document: Any, anchors: list[str]) -> dict[str, list[Any]]:
    """Each part's pages: from the page its anchor is on to the next part's."""
    found: dict[str, list[Any]] = {}
    current: list[Any] | None = None
    wanted = set(anchors)
    for page in document.pages:
        start = [a for a in page.anchors if a in wanted]
        if start:
            current = found.setdefault(start[0], [])
        if current is None:
            raise RuntimeError("the sheets' document starts with a page of no sheet")
        current.append(page)
    if list(found) != anchors:
        raise RuntimeError(f"the sheets' document holds {list(found)}, not {anchors}")
    return found


def sheets_pdfs(g: Gathering, sheets: Sheets, files: Mapping[str, bytes]) -> list[Output]:
    """The stack, then each sheet's own PDF, titled as the site's page of it."""
    outputs = [Output(stack_path(g), write(sheets.document, title=_title(files, worksheets_print_path(g))))]
    for w, part in zip(worksheets_in_programme_order(g), worksheet_parts(g), strict=True):
        pdf = write(sheets.document, sheets.pages[part.anchor], _title(files, worksheet_path(g, w)))
        outputs.append(Output(sheet_path(g, w), pdf))
    return outputs


def filled(pack: Any, sheets: Sheets) -> list[Any]:
    """The pack's pages, each slot page replaced by its sheet's page under the pack's footer."""
    slots = {slot_id(anchor, n): page for anchor, pages in sheets.pages.items() for n, page in enumerate(pages)}
    pages, used = [], []
    for page in pack.pages:
        here = [slots[a] for a in page.anchors if a in slots]
        if len(here) > 1:
            raise RuntimeError("two pages of worksheets fell on one page of the pack")
        pages.append(with_footer(here[0], page) if here else page)
        used += here
    if len(used) != len(slots):
        raise RuntimeError(f"the pack has {len(used)} pages of worksheets, not {len(slots)}")
    return pages


def fills_slots(sheets: Sheets) -> bool:
    """Whether this WeasyPrint keeps a page's boxes where `with_footer` takes them (62–70 do); if not,
    each pack lays out its worksheets itself, as any other part."""
    try:
        from weasyprint.document import Page  # noqa: F401
        from weasyprint.formatting_structure.boxes import MarginBox  # noqa: F401
    except ImportError:
        return False
    return all(hasattr(page, "_page_box") for page in sheets.document.pages)


def with_footer(sheet: Any, slot: Any) -> Any:
    """A new page: the sheet page's content with the margin boxes (footer) of the pack's slot page.

    Both were laid out with the same @page rules (assets/print-pack.css), so the content stands where
    the pack would have put it. WeasyPrint has no public way to do this: it uses the page box (the
    root of a page's boxes) and the Page constructor, as Document.render does."""
    from weasyprint.document import Page
    from weasyprint.formatting_structure.boxes import MarginBox

    if (sheet.width, sheet.height) != (slot.width, slot.height):
        raise RuntimeError("a worksheet's page and its slot in the pack differ in size")
    box = slot._page_box.copy()
    content = [c for c in sheet._page_box.children if not isinstance(c, MarginBox)]
    box.children = (*content, *(c for c in slot._page_box.children if isinstance(c, MarginBox)))
    return Page(box)


def _title(files: Mapping[str, bytes], page_path: str) -> str:
    """The <title> of a rendered page of the site: the window title of its PDF."""
    found = re.search(rb"<title>(.*?)</title>", files[page_path], re.S)
    return html.unescape(found.group(1).decode("utf-8").strip()) if found else ""
