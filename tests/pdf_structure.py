"""What a tagged PDF tells a screen reader, read back with pypdf: for tests of any PDF Samling writes.

s = pdf_structure(pdf_bytes)
assert s.tagged and s.marked and s.lang == "nb" and s.display_doc_title
assert {"H1", "Table", "TH", "TD"} <= s.types
assert all(f.alt for f in s.figures)
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from generator.commands.build import render_in_memory
from generator.core.model import Site
from generator.render import Output


@dataclass(frozen=True)
class Figure:
    alt: str  # "" when the figure has no /Alt
    page: int  # 0-based; -1 when the element names no page


@dataclass(frozen=True)
class HeaderCell:
    scope: str  # "Row", "Column", "Both" or "" when the cell has none
    id: str  # the /ID data cells name in their /Headers, or ""


@dataclass(frozen=True)
class PdfStructure:
    tagged: bool  # the catalog has a /StructTreeRoot
    marked: bool  # /MarkInfo /Marked true
    lang: str  # the catalog's /Lang
    title: str  # the document information's /Title
    display_doc_title: bool  # /ViewerPreferences /DisplayDocTitle: the title, not the file name, in the window
    order: tuple[str, ...]  # every structure element's type in reading order (depth first), e.g. "H1", "P"
    figures: tuple[Figure, ...]
    header_cells: tuple[HeaderCell, ...]
    data_cells_with_headers: int  # TD cells whose /Headers name at least one TH
    stray_annotations: int = 0  # elements' annotation references (OBJR) to no annotation of their page

    @property
    def types(self) -> frozenset[str]:
        return frozenset(self.order)

    @property
    def counts(self) -> Counter[str]:
        return Counter(self.order)


def pdf_structure(pdf: bytes | Path) -> PdfStructure:
    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    root = reader.trailer["/Root"]
    pages = {p.indirect_reference.idnum: i for i, p in enumerate(reader.pages) if p.indirect_reference}
    tree = root.get("/StructTreeRoot")
    elements = list(_elements(tree.get_object().get("/K"))) if tree is not None else []
    order, figures, headers, linked, stray = [], [], [], 0, 0
    for element in elements:
        kind = str(element.get("/S", "")).lstrip("/")
        order.append(kind)
        attributes = _attributes(element)
        if kind == "Figure":
            page = element.get("/Pg")
            figures.append(Figure(str(element.get("/Alt", "")), pages.get(page.idnum, -1) if page else -1))
        elif kind == "TH":
            headers.append(HeaderCell(str(attributes.get("/Scope", "")).lstrip("/"), str(element.get("/ID", ""))))
        elif kind == "TD" and attributes.get("/Headers"):
            linked += 1
        stray += sum(not _on_its_page(objr) for objr in _annotation_refs(element.get("/K")))
    info = reader.metadata or {}
    mark_info = root.get("/MarkInfo")
    prefs = root.get("/ViewerPreferences")
    return PdfStructure(
        tagged=tree is not None,
        marked=bool(mark_info and mark_info.get_object().get("/Marked")),
        lang=str(root.get("/Lang", "")),
        title=str(info.get("/Title", "")),
        display_doc_title=bool(prefs and prefs.get_object().get("/DisplayDocTitle")),
        order=tuple(order),
        figures=tuple(figures),
        header_cells=tuple(headers),
        data_cells_with_headers=linked,
        stray_annotations=stray,
    )


def _elements(kids: Any, seen: set[int] | None = None) -> Iterator[DictionaryObject]:
    """Structure elements depth first, in the order of /K (marked-content ids and annotations skipped)."""
    seen = set() if seen is None else seen
    if kids is None:
        return
    if isinstance(kids, IndirectObject):
        if kids.idnum in seen:  # a malformed tree must not loop
            return
        seen.add(kids.idnum)
    kids = kids.get_object()
    if isinstance(kids, ArrayObject):
        for kid in kids:
            yield from _elements(kid, seen)
    elif (
        isinstance(kids, DictionaryObject)
        and kids.get("/S") is not None
        and kids.get("/Type", "/StructElem") == ("/StructElem")
    ):
        yield kids
        yield from _elements(kids.get("/K"), seen)


def _annotation_refs(kids: Any) -> Iterator[DictionaryObject]:
    """The object references (OBJR: a link's or a field's annotation) among an element's own kids."""
    kids = kids.get_object() if kids is not None else None
    for kid in kids if isinstance(kids, ArrayObject) else [kids]:
        kid = kid.get_object() if kid is not None else None
        if isinstance(kid, DictionaryObject) and kid.get("/Type") == "/OBJR":
            yield kid


def _on_its_page(objr: DictionaryObject) -> bool:
    """Whether the annotation an OBJR names is one of its page's: a PDF written from boxes laid out
    for several PDFs must tag its own annotations, never another PDF's (same object number, other object)."""
    page, annotation = objr.raw_get("/Pg"), objr.raw_get("/Obj")
    if not isinstance(page, IndirectObject) or not isinstance(annotation, IndirectObject):
        return False
    return annotation.idnum in [
        a.idnum for a in page.get_object().get("/Annots") or [] if isinstance(a, IndirectObject)
    ]


def _attributes(element: DictionaryObject) -> dict[str, Any]:
    """An element's /A attributes, whether one dictionary or an array of them, merged."""
    found = element.get("/A")
    if found is None:
        return {}
    found = found.get_object()
    merged: dict[str, Any] = {}
    for one in found if isinstance(found, ArrayObject) else [found]:
        one = one.get_object()
        if isinstance(one, DictionaryObject):
            merged.update({str(k): v.get_object() for k, v in one.items()})
    return merged


def rendered(content: Path) -> tuple[Site, list[Output]]:
    """The site and its rendered files, in memory (load → validate → render), for a test to print from."""
    site, _, outputs = render_in_memory(content)
    return site, outputs
