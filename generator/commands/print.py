"""`samling print`: the site plus PDFs of the blank worksheets, the packs and the people's material.

The build itself (generator/incremental/builder.py), which, before it puts the new site in place,
hands the rendered files to WeasyPrint to make the PDFs, so everything is written together, and
`print/` is in the output's manifest:

    output/print/GATHERING.pdf                               every worksheet, in programme order
    output/print/GATHERING/WORKSHEET.pdf                     one worksheet
    output/print/GATHERING-deltaker.pdf, -fasilitator.pdf    the packs (docs/print.md)
    output/print/GATHERING-navneskilt.pdf, -bordkort, -innsjekk-dag-N, -gruppelister (docs/participants.md)

Each WeasyPrint layout is used by every PDF that shows it: the worksheets are laid out once for
their own PDFs, the stack and both packs (generator/commands/print_sheets.py). WeasyPrint reads
only from the rendered files of this build: no other file, no network. Every PDF is tagged
(PDF/UA-1): the page's `<html lang>` and `<title>` become its language and window title, headings,
lists, tables and figures its structure, each `<th scope>` a header cell with that scope.
"""

from __future__ import annotations

import copy
import gc
import logging
import mimetypes
import posixpath
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.commands.html_parser import cache_expressions
from generator.commands.print_styles import Styles
from generator.core.memory import fewer_collections
from generator.core.model import Site
from generator.incremental.builder import Builder
from generator.render import Output
from generator.render.people_print import pdf_plan as people_pdf_plan

# Pages are given to WeasyPrint under this made-up root; the fetcher answers it from memory.
ROOT_URL = "file:///samling-output/"
PDF_VARIANT = "pdf/ua-1"  # tagged, for screen readers (tests/test_pdf_tagged.py reads the structure back)
# HTML <th scope> → the PDF's /Scope of a TH cell ("rowgroup" headers name the rows below them).
SCOPES = {"row": "/Row", "rowgroup": "/Row", "col": "/Column", "colgroup": "/Column"}
STREAM_LEVEL = zlib.Z_DEFAULT_COMPRESSION  # see compress_streams


class PrintUnavailable(Exception):
    """WeasyPrint (the `print` extra) is not installed."""


@dataclass(frozen=True)
class PrintResult:
    site: Site
    pdfs: tuple[str, ...]  # output paths of the PDFs written
    counts: dict[str, int]
    packs: tuple[str, ...] = ()  # of those, the printed packs (generator/commands/printed_packs.py)


def print_worksheets(content: Path, output: Path) -> PrintResult:
    from generator.commands.printed_packs import with_pack_links

    made: list[str] = []
    packs: list[str] = []

    def pdfs(site: Site, files: Mapping[str, bytes]) -> list[tuple[str, bytes]]:
        printed = print_pdfs(site, files)
        made.extend(o.path for o in printed.sheets + printed.people)
        packs.extend(o.path for o in printed.packs)
        return [(o.path, o.content) for o in printed.sheets + printed.people + printed.packs]

    # The overviews link the packs they are built with (commands/printed_packs.py `with_pack_links`).
    result = Builder(content, output, warm=False, finish=pdfs, replan=with_pack_links).build(None)
    return PrintResult(result.site, tuple(made + packs), result.counts, tuple(packs))


@dataclass(frozen=True)
class Printed:
    sheets: list[Output]  # the worksheets' own PDFs and each gathering's stack
    people: list[Output]  # badges, table cards, sign-in sheets, group lists
    packs: list[Output]  # the participant and facilitator packs


def print_pdfs(site: Site, files: Mapping[str, bytes]) -> Printed:
    """Every PDF `samling print` writes, made from the site's rendered files."""
    from generator.commands.print_sheets import sheets_and_packs

    font_config = weasyprint_module().text.fonts.FontConfiguration()  # fonts loaded once for every PDF
    with fewer_collections():
        styles = Styles(font_config, laid_out=gc.freeze)
        sheets, packs = sheets_and_packs(site, files, styles)
        people = [Output(pdf, html_to_pdf(files, page, styles)) for pdf, page in pdf_plan(site)]
    return Printed(sheets, people, packs)


def pdf_plan(site: Site) -> list[tuple[str, str]]:
    """(PDF output path, page it is made from) of the PDFs made from one page of the site each: the
    people's print material (the worksheets' PDFs are made from their pack parts, print_sheets.py)."""
    return [plan for g in site.gatherings for plan in people_pdf_plan(g)]  # personal data: facilitator pages


def weasyprint_module() -> Any:
    try:
        import weasyprint
        import weasyprint.text.fonts
    except ImportError as exc:  # the optional extra; OSError too when pango is missing
        raise PrintUnavailable("WeasyPrint is not installed: pip install -e '.[print]' (or run `make print`)") from exc
    except OSError as exc:
        raise PrintUnavailable(f"WeasyPrint cannot start ({exc}); install pango (libpango-1.0-0)") from exc
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # its CSS warnings are about screen-only rules
    cache_expressions()
    return weasyprint


def html_to_pdf(files: Mapping[str, bytes], page_path: str, styles: Styles | None = None) -> bytes:
    return write(render(files, page_path, styles))


def render(files: Mapping[str, bytes], page_path: str, styles: Styles | None = None) -> Any:
    """The laid-out pages (a WeasyPrint Document) of a page of the site, or of a document beside it;
    with `styles`, its stylesheets parsed once for every document of the print (print_styles.py)."""
    weasyprint = weasyprint_module()
    styles = styles or Styles()
    base_url, fetcher = ROOT_URL + page_path, _fetcher(weasyprint, files)
    page, sheets = styles.take(weasyprint, files[page_path].decode("utf-8"), base_url, fetcher)
    html = weasyprint.HTML(string=page, base_url=base_url, url_fetcher=fetcher)
    document = html.render(pdf_variant=PDF_VARIANT, font_config=styles.font_config, stylesheets=sheets)
    styles.laid_out()
    return document


def write(document: Any, pages: list[Any] | None = None, title: str = "") -> bytes:
    """The tagged PDF of `pages` (default: all) of a laid-out document, titled `title` (default: its own).

    Pages may come from several documents and be written into several PDFs: each write makes its
    own annotations and tags from the pages' boxes (tests/test_pdf_tagged.py)."""
    if pages is not None or title:
        document = document.copy(document.pages if pages is None else pages)
        document.metadata = copy.copy(document.metadata)
        document.metadata.title = title or document.metadata.title
    for page in document.pages:
        for *_, box in page.links:  # a box drawn into an earlier PDF keeps that PDF's link annotation
            box.link_annotation = None  # WeasyPrint makes a new one for each link it resolves, tags the rest
    pdf = document.write_pdf(pdf_variant=PDF_VARIANT, finisher=finish)
    assert pdf is not None  # with no target, the PDF comes back as bytes
    return pdf


def finish(document: Any, pdf: Any) -> None:
    """What WeasyPrint leaves to do before the PDF is written: header cells' scope, streams compressed."""
    scope_header_cells(document, pdf)
    compress_streams(pdf)


def compress_streams(pdf: Any) -> None:
    """Each stream deflated at zlib's own default level, not at pydyf's 9.

    Level 9 cost some 0.08 s of the example's 4.7 s of in-process CPU for files 1.6 % smaller (its
    17 PDFs: 1.19 MB at level 6, 1.18 MB at 9; docs/performance.md). Without pydyf's `_to_bytes`
    (another pydyf), pydyf does it."""
    import pydyf

    to_bytes = getattr(pydyf, "_to_bytes", None)
    if to_bytes is None:
        return
    for stream in pdf.objects:
        if isinstance(stream, pydyf.Stream) and stream.compress:
            deflate = zlib.compressobj(level=STREAM_LEVEL)
            raw = b"\n".join(to_bytes(item) for item in stream.stream)
            stream.stream = [deflate.compress(raw) + deflate.flush()]
            stream.extra["Filter"] = "/FlateDecode"
            stream.compress = False  # written as it is now


def scope_header_cells(document: Any, pdf: Any) -> None:
    """Give each TH cell the /Scope of its HTML `<th scope>`.

    WeasyPrint ties data cells to their headers by /Headers and /ID but writes no /Scope; readers
    and checkers look for it, and the HTML says it. Each table cell's box holds its structure
    element (`mark`) once the tags are made; without that (another WeasyPrint), the PDF stays as is.
    """
    for page in document.pages:
        for box, in_head in _cells(getattr(page, "_page_box", None)):
            mark = getattr(box, "mark", None)
            if box.element_tag == "th" and isinstance(mark, dict) and isinstance(mark.get("A"), dict):
                scope = (box.element.get("scope") or "").lower()
                mark["A"]["Scope"] = SCOPES.get(scope, "/Column" if in_head else "/Row")


def _cells(box: Any, in_head: bool = False) -> Iterator[tuple[Any, bool]]:
    """Every table cell box under `box`, and whether it is in a <thead>."""
    if box is None:
        return
    for child in getattr(box, "children", ()):
        tag = getattr(child, "element_tag", None)
        if tag in ("th", "td"):
            yield child, in_head
        else:
            yield from _cells(child, in_head or tag == "thead")


def in_memory(files: Mapping[str, bytes], url: str) -> tuple[bytes, str]:
    """The bytes and type of a rendered file by its URL; anything outside the output is refused."""
    if not url.startswith(ROOT_URL):
        raise ValueError(f"only the site's own files are read, not {url}")
    path = posixpath.normpath(url[len(ROOT_URL) :].split("#")[0].split("?")[0])
    if path not in files:
        raise ValueError(f"{path} is not a file of the site")
    return files[path], mimetypes.guess_type(path)[0] or "application/octet-stream"


def _fetcher(weasyprint: Any, files: Mapping[str, bytes]) -> Any:
    urls = weasyprint.urls
    if not hasattr(urls, "URLFetcher"):  # WeasyPrint < 68 takes a function that returns a dict
        return lambda url: dict(zip(("string", "mime_type"), in_memory(files, url), strict=True))

    class Fetcher(urls.URLFetcher):  # type: ignore[misc, name-defined]
        def fetch(self, url: str, headers: Any = None) -> Any:
            body, mime = in_memory(files, url)
            return urls.URLFetcherResponse(url, body, {"Content-Type": mime})

    return Fetcher()
