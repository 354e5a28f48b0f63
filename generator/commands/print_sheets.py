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
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import jinja2

from generator.commands.print import html_to_pdf, render, write
from generator.commands.print_styles import Styles
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
from generator.render.theme import Theme, load_theme


@dataclass(frozen=True)
class Sheets:
    """A gathering's worksheets laid out: the WeasyPrint document and each sheet's pages in it."""

    document: Any
    pages: dict[str, list[Any]]  # a sheet's part anchor (pack-ws-KEY) → its pages, in order


@dataclass(frozen=True)
class Press:
    """What every PDF of one print is made with: the site, its theme, its rendered files, the fonts
    and stylesheets."""

    site: Site
    theme: Theme
    env: jinja2.Environment
    files: Mapping[str, bytes]
    styles: Styles

    def lay_out(self, path: str, make: Callable[[Problems], bytes]) -> Any:
        """The laid-out pages of the document `make` renders, standing at `path` among the site's files."""
        problems = Problems(root=self.site.root)
        document = {path: make(problems)}
        problems.raise_if_any()
        return render(Overlay(document, self.files), path, self.styles)


def sheet_path(g: Gathering, w: Worksheet) -> str:
    return f"print/{g.key}/{w.key}.pdf"


def stack_path(g: Gathering) -> str:
    return f"print/{g.key}.pdf"


def sheets_and_packs(
    site: Site, files: Mapping[str, bytes], styles: Styles | None = None, packs: bool = True
) -> tuple[list[Output], list[Output]]:
    """The worksheets' PDFs (the stack, each sheet's own) and, with `packs`, the packs, gathering by gathering."""
    problems = Problems(root=site.root)
    theme = load_theme(site.config.theme, site.root, problems, site.config.source.path)
    problems.raise_if_any()
    press = Press(site, theme, theme.environment(), files, styles or Styles())
    sheet_pdfs: list[Output] = []
    pack_pdfs: list[Output] = []
    for g in site.gatherings:
        sheets = lay_out_sheets(press, g) if g.worksheets else None
        if g.worksheets:
            sheet_pdfs += sheets_pdfs(press, g, sheets) if sheets else each_page(press, g)
        if g.days and packs:
            pack_pdfs += [Output(pack_path(g, a), pack_pdf(press, g, a, sheets)) for a in AUDIENCES]
    return sheet_pdfs, pack_pdfs


def lay_out_sheets(press: Press, g: Gathering) -> Sheets | None:
    """Every worksheet of the gathering laid out once; None if their pages cannot be shared."""
    path = sheets_document_path(g)
    document = press.lay_out(path, lambda problems: sheets_html(press.env, press.site, press.theme, g, problems))
    pages = pages_of(document, [p.anchor for p in worksheet_parts(g)])
    return Sheets(document, pages) if pages is not None and fills_slots(document) else None


def pack_pdf(press: Press, g: Gathering, audience: str, sheets: Sheets | None) -> bytes:
    """A pack laid out once, each worksheet's slot filled with the sheet's pages (or, without
    `sheets`, with the worksheets laid out in the pack as any other part)."""
    slots = {anchor: len(pages) for anchor, pages in sheets.pages.items()} if sheets else {}
    site, theme, env = press.site, press.theme, press.env
    pack = press.lay_out(
        pack_document_path(g, audience), lambda problems: pack_html(env, site, theme, g, audience, problems, slots)
    )
    pages = filled(pack, sheets) if sheets else pack.pages
    if pages is None:  # the slots did not lay out as planned (an author's own id in raw HTML could do that)
        return pack_pdf(press, g, audience, None)
    return write(pack, pages)


def pages_of(document: Any, anchors: list[str]) -> dict[str, list[Any]] | None:
    """Each part's pages: from the page its anchor is on to the next part's; None unless each part
    starts a page of its own, in order."""
    found: dict[str, list[Any]] = {}
    current: list[Any] | None = None
    wanted = set(anchors)
    for page in document.pages:
        start = [a for a in page.anchors if a in wanted]
        if len(start) > 1 or (current is None and not start):
            return None
        if start:
            current = found.setdefault(start[0], [])
        if current is not None:
            current.append(page)
    return found if list(found) == anchors else None


def sheets_pdfs(press: Press, g: Gathering, sheets: Sheets) -> list[Output]:
    """The stack, then each sheet's own PDF, titled as the site's page of it."""
    title = _title(press.files, worksheets_print_path(g))
    outputs = [Output(stack_path(g), write(sheets.document, title=title))]
    for w, part in zip(worksheets_in_programme_order(g), worksheet_parts(g), strict=True):
        pdf = write(sheets.document, sheets.pages[part.anchor], _title(press.files, worksheet_path(g, w)))
        outputs.append(Output(sheet_path(g, w), pdf))
    return outputs


def each_page(press: Press, g: Gathering) -> list[Output]:
    """The stack and each sheet's own PDF from their pages of the site, each laid out apart: when the
    sheets' layout cannot be shared (slower; the same sheets, with the site page's margins)."""
    stack = html_to_pdf(press.files, worksheets_print_path(g), press.styles)
    outputs = [Output(stack_path(g), stack)]
    for w in worksheets_in_programme_order(g):
        outputs.append(Output(sheet_path(g, w), html_to_pdf(press.files, worksheet_path(g, w), press.styles)))
    return outputs


def filled(pack: Any, sheets: Sheets) -> list[Any] | None:
    """The pack's pages, each slot page replaced by its sheet's page under the pack's footer; None if
    the slots are not each on a page of their own."""
    slots = {slot_id(anchor, n): page for anchor, pages in sheets.pages.items() for n, page in enumerate(pages)}
    pages, used = [], []
    for page in pack.pages:
        here = [slots[a] for a in page.anchors if a in slots]
        if len(here) > 1 or any(sheet.width != page.width or sheet.height != page.height for sheet in here):
            return None
        pages.append(with_footer(here[0], page) if here else page)
        used += here
    return pages if len(used) == len(slots) else None


def fills_slots(document: Any) -> bool:
    """Whether this WeasyPrint keeps a page's boxes where `with_footer` takes them (WeasyPrint 70 does)."""
    try:
        from weasyprint.document import Page  # noqa: F401
        from weasyprint.formatting_structure.boxes import MarginBox  # noqa: F401
    except ImportError:
        return False
    return all(hasattr(page, "_page_box") for page in document.pages)


def with_footer(sheet: Any, slot: Any) -> Any:
    """A new page: the sheet page's content with the margin boxes (footer) of the pack's slot page.

    Both were laid out with the same @page rules (assets/print-pack.css), so the content stands where
    the pack would have put it. WeasyPrint has no public way to do this: it uses the page box (the
    root of a page's boxes) and the Page constructor, as Document.render does."""
    from weasyprint.document import Page
    from weasyprint.formatting_structure.boxes import MarginBox

    box = slot._page_box.copy()
    content = [c for c in sheet._page_box.children if not isinstance(c, MarginBox)]
    box.children = (*content, *(c for c in slot._page_box.children if isinstance(c, MarginBox)))
    return Page(box)


def _title(files: Mapping[str, bytes], page_path: str) -> str:
    """The <title> of a rendered page of the site: the window title of its PDF."""
    found = re.search(rb"<title>(.*?)</title>", files[page_path], re.S)
    return html.unescape(found.group(1).decode("utf-8").strip()) if found else ""
