"""The printed packs of a gathering: which parts each holds, in what order, and where it is written.

Pure: the parts name the page templates whose content they reuse and the context those need;
generator/commands/printed_packs.py renders them into one HTML document and lays it out once
(the worksheets once for all PDFs: generator/commands/print_sheets.py).

    print/GATHERING-deltaker.pdf     for participants: no facilitator notes, ever
    print/GATHERING-fasilitator.pdf  for facilitators: duties, run-sheets, packing list, notes pages
"""

from __future__ import annotations

import math
import posixpath
import re
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from generator.core.model import Gathering, Model, Site
from generator.core.model.worksheet import Block, StageCheck
from generator.render.deck_plan import HANDOUT_SLIDES_PER_PAGE, deck_timing, handout_pages
from generator.render.formatting import long_date
from generator.render.pages import (
    day_path,
    gathering_path,
    sessions_using,
    worksheets_in_programme_order,
)
from generator.render.people import run_sheet_context
from generator.render.qr import online_url

PARTICIPANT, FACILITATOR = "participant", "facilitator"
AUDIENCES = (PARTICIPANT, FACILITATOR)
# The packs' file names, in the gathering's language (like the facilitator folder, a name in the users' words).
FILE_WORDS = {
    "nb": {PARTICIPANT: "deltaker", FACILITATOR: "fasilitator"},
    "nn": {PARTICIPANT: "deltakar", FACILITATOR: "fasilitator"},
    "en": {PARTICIPANT: "participant", FACILITATOR: "facilitator"},
}


@dataclass(frozen=True)
class PackPart:
    """One part of a pack: a page template's `main` block with its context, from a new page."""

    anchor: str  # the part's id in the pack: the table of contents and the bookmarks point here
    label: str  # UI string key of its title in the contents and bookmarks
    name: str  # what the label's {name} is filled with ("" when it takes none)
    template: str  # the page template whose `main` block is the part's content
    page_class: str  # the body class of that page, so its print styles apply
    context: dict[str, Any] = field(default_factory=dict)
    online: str = ""  # output path of the page online, for a QR code when base_url is set
    pages: int = 1  # printed pages it takes, when known from the content alone (0: as its own PDF)
    landscape: bool = False  # laid out on landscape pages (a landscape worksheet)


def cover_online(g: Gathering) -> str:
    """The page the cover's QR code points to: the gathering's overview online."""
    return gathering_path(g)


def pack_path(g: Gathering, audience: str) -> str:
    return f"print/{g.key}-{FILE_WORDS[g.language][audience]}.pdf"


def pack_document_path(g: Gathering, audience: str) -> str:
    """Where the pack's HTML stands among the site's files while it is laid out (never written)."""
    return pack_path(g, audience).removesuffix(".pdf") + ".html"


def sheets_document_path(g: Gathering) -> str:
    """Where the document of the gathering's worksheets stands while it is laid out (never written):
    in print/ beside the packs, so the sheets' links and images resolve as in a pack."""
    return f"print/{g.key}.html"


def models_used(site: Site, g: Gathering) -> list[Model]:
    """Models the gathering shows, in the order it first shows them: named by sessions, drawn in
    sessions' text, on slides and on worksheets. Models only a facilitator note names are left out."""
    names: list[str] = []
    for s in g.sessions():
        names += [*s.models, *(e.name for e in s.body.embeds if e.kind == "model")]
    for d in g.decks:
        names += [e.name for slide in d.slides for e in slide.embeds if e.kind == "model"]
    for w in worksheets_in_programme_order(g):
        names += [_block_model(b) for b in w.blocks]
    by_key = {m.key: m for m in site.models}
    return [by_key[n] for n in dict.fromkeys(names) if n in by_key]


def _block_model(block: Block) -> str:
    return block.model if isinstance(block, StageCheck) else ""


def day_parts(g: Gathering) -> list[PackPart]:
    return [
        PackPart(
            f"pack-day-{d.key}",
            "printed_programme",
            long_date(d.date, g.language),
            "day.html",
            "page-day",
            {"day": d},
            day_path(g, d.key),
        )
        for d in g.days
    ]


def worksheet_parts(g: Gathering) -> list[PackPart]:
    return [
        PackPart(
            f"pack-ws-{w.key}",
            "printed_worksheet",
            w.title,
            "worksheet.html",
            "worksheet-page",
            {"worksheet": w, "sessions": sessions_using(g, w.key, "worksheets")},
            pages=0,
            landscape=w.orientation == "landscape",
        )
        for w in worksheets_in_programme_order(g)
    ]


def participant_parts(site: Site, g: Gathering) -> list[PackPart]:
    """Programme (a page a day), the decks' handouts, the blank worksheets, the models."""
    parts = day_parts(g)
    for d in g.decks:
        pages = handout_pages(d.slides)
        context = {"deck": d, "pages": pages}
        parts.append(
            PackPart(
                f"pack-handout-{d.key}",
                "printed_handout",
                d.title,
                "deck_handout.html",
                "deck-handout",
                context,
                pages=len(pages),
            )
        )
    parts += worksheet_parts(g)
    for m in models_used(site, g):
        parts.append(
            PackPart(f"pack-model-{m.key}", "printed_model", m.title, "model.html", "page-model", {"model": m})
        )
    return parts


def facilitator_parts(site: Site, g: Gathering) -> list[PackPart]:
    """Who does what, a run-sheet a day, the packing list, each deck's notes pages, the worksheets."""
    parts = [PackPart("pack-duties", "fac_duties", "", "print/pack_duties.html", "page-facilitator", pages=0)]
    for d in g.days:
        parts.append(
            PackPart(
                f"pack-run-{d.key}",
                "printed_run_sheet",
                long_date(d.date, g.language),
                "facilitator/day.html",
                "page-run-sheet",
                run_sheet_context(g, d),  # the groups of each group session, as on the site
                pages=0,
            )
        )
    parts.append(
        PackPart("pack-packing", "printed_packing", "", "print/pack_packing.html", "page-facilitator", pages=0)
    )
    for d in g.decks:
        context = {"deck": d, "timing": deck_timing(g, d)}
        parts.append(
            PackPart(
                f"pack-notes-{d.key}",
                "printed_notes",
                d.title,
                "deck_notes.html",
                "deck-notes-page",
                context,
                pages=len(d.slides),
            )
        )
    return parts + worksheet_parts(g)


def pack_parts(site: Site, g: Gathering, audience: str) -> list[PackPart]:
    return participant_parts(site, g) if audience == PARTICIPANT else facilitator_parts(site, g)


def participant_pages(site: Site, g: Gathering, worksheet_pages: dict[str, int]) -> int:
    """The participant pack's page count from the content: cover + contents + a page a day +
    ⌈slides/3⌉ a deck + each worksheet's own pages + a page a model."""
    handouts = sum(math.ceil(len(d.slides) / HANDOUT_SLIDES_PER_PAGE) for d in g.decks)
    sheets = sum(worksheet_pages[w.key] for w in g.worksheets)
    return 2 + len(g.days) + handouts + sheets + len(models_used(site, g))


# --- for the pack's CSS and links ---------------------------------------------------------------


def css_string(text: str) -> Markup:
    """`text` as a CSS string literal, safe inside <style> (no quote, backslash, line break or `<` left)."""
    return Markup('"' + re.sub(r'[\\"\n\r\f<>&]', lambda m: f"\\{ord(m.group(0)):x} ", text) + '"')


def page_counter(template: str) -> Markup:
    """A UI string like "side {n} av {total}" as CSS content: "side " counter(page) " av " counter(pages)."""
    counters = {"n": "counter(page)", "total": "counter(pages)"}
    pieces = re.split(r"\{(n|total)\}", template)
    out = [css_string(p) if i % 2 == 0 else counters[p] for i, p in enumerate(pieces) if i % 2 or p]
    return Markup(" ".join(out))


_HREF = re.compile(r'(<a\b[^>]*?)\s+href="([^"]*)"')


def paper_links(html: str, here: str, base_url: str) -> str:
    """Links of a pack laid out as if it stood at `here`: on paper a link to another page of the site
    points to it online (with base_url) or is plain text (without); links within the pack and to the
    web stay. A PDF must never point into the made-up folder it was laid out in."""

    def one(m: re.Match[str]) -> str:
        start, href = m.group(1), m.group(2)
        if href.startswith("#") or re.match(r"[a-z][a-z0-9+.-]*:", href, re.I):
            return m.group(0)
        if not base_url.strip():
            return start
        target = posixpath.normpath(posixpath.join(posixpath.dirname(here), href.split("#")[0]))
        return f'{start} href="{online_url(base_url.strip(), target)}"'

    return _HREF.sub(one, html)
