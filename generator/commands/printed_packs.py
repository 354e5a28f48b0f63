"""The printed packs: every part of a pack rendered into ONE HTML document, laid out once by WeasyPrint.

Each part is the `main` block of the page template that shows it on the site (the day's agenda,
a deck's handout or notes pages, a worksheet, a model, a run-sheet), rendered with that page's
context as if it stood at `print/GATHERING-deltaker.html`, so its images and links resolve
among the site's files. print/pack.html puts a cover and a table of contents before them; the
pack's CSS (assets/print-pack.css) starts each part on a new page and gives it a bookmark, and the
running footer (title, "side N av M") comes from the theme's strings.

The worksheets are laid out once for all the PDFs that hold them (`sheets_html`, in
generator/commands/print_sheets.py): in a pack they are slots of as many empty pages, which take
the sheets' pages after layout.

In a print build the gathering overviews link the packs (`with_pack_links`); a plain build makes no
PDFs and removes those of an earlier print, so its overviews link none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

import jinja2
from markupsafe import Markup

from generator.core.errors import Problems
from generator.core.model import Gathering, Site
from generator.render import page_context
from generator.render.links import local_links
from generator.render.pages import PagePlan, facilitator_path, gathering_path
from generator.render.printed_packs import (
    AUDIENCES,
    FACILITATOR,
    PARTICIPANT,
    PackPart,
    cover_online,
    css_string,
    pack_document_path,
    pack_parts,
    pack_path,
    page_counter,
    paper_links,
    sheets_document_path,
    worksheet_parts,
)
from generator.render.theme import Theme

PACK_TEMPLATE = "print/pack.html"
SHEETS_TEMPLATE = "print/sheets.html"


def pack_documents(env: jinja2.Environment, site: Site, theme: Theme, problems: Problems) -> dict[str, bytes]:
    """Every pack's HTML by its (never written) document path, the worksheets' parts whole: what a
    pack shows, part by part (samling print lays its worksheets out apart: commands/print_sheets.py)."""
    documents = {}
    for g in site.gatherings:
        if not g.days:
            continue
        for audience in AUDIENCES:
            documents[pack_document_path(g, audience)] = pack_html(env, site, theme, g, audience, problems)
    return documents


def pack_html(
    env: jinja2.Environment,
    site: Site,
    theme: Theme,
    g: Gathering,
    audience: str,
    problems: Problems,
    slots: Mapping[str, int] | None = None,
) -> bytes:
    """A pack's HTML; with `slots` (a worksheet part's anchor → its pages), each of those parts is
    as many empty pages, which take the worksheets' own pages after layout (commands/print_sheets.py)."""
    title_key = "printed_participant" if audience == PARTICIPANT else "printed_facilitator"

    def extra(base: dict) -> dict:
        t = base["t"]
        return {
            "audience": audience,
            "pack_title": t(title_key),
            "cover_link": base["online"](cover_online(g), t("printed_online")),
            "footer_title": css_string(g.title),
            "footer_pages": page_counter(t("printed_page_of")),
        }

    parts = pack_parts(site, g, audience)
    here = pack_document_path(g, audience)
    return _document(env, site, theme, g, here, PACK_TEMPLATE, parts, extra, problems, slots or {})


def sheets_html(env: jinja2.Environment, site: Site, theme: Theme, g: Gathering, problems: Problems) -> bytes:
    """Every worksheet of the gathering as a pack's parts, in programme order, in one document."""

    def extra(base: dict) -> dict:
        return {"title": f"{base['t']('ws_all')} – {g.title}"}

    parts = worksheet_parts(g)
    return _document(env, site, theme, g, sheets_document_path(g), SHEETS_TEMPLATE, parts, extra, problems, {})


def slot_id(anchor: str, n: int) -> str:
    """The id of the `n`th (0-based) empty page of a worksheet's slot in a pack."""
    return f"{anchor}--slot-{n}"


def _document(
    env: jinja2.Environment,
    site: Site,
    theme: Theme,
    g: Gathering,
    here: str,
    template: str,
    parts: list[PackPart],
    extra: Callable[[dict], dict],
    problems: Problems,
    slots: Mapping[str, int],
) -> bytes:
    # One context for the whole document: figures drawn twice get ids of their own the second time.
    base = page_context(site, theme, PagePlan(here, template, g.title, {}, g))
    rendered: list[tuple[PackPart, Markup]] = []
    try:
        for part in parts:  # a slot's pages are filled after layout: nothing to render for it
            rendered.append((part, Markup("") if part.anchor in slots else _part_html(env, base, here, g, part)))
        values = {**base, **extra(base), "parts": rendered, "slots": slots, "slot_id": slot_id}
        html = env.get_template(template).render(values)
    except jinja2.TemplateError as exc:
        where = getattr(exc, "filename", None) or template
        problems.add(
            where, getattr(exc, "lineno", 0) or 0, f"the template failed while making {here}: {exc}", "fix the template"
        )
        return b""
    html = local_links(html, here)
    return paper_links(html, here, site.config.base_url).encode("utf-8")


MACROS = "partials/macros.html"  # imported as `m` by the page templates whose main blocks a pack reuses


def _part_html(env: jinja2.Environment, base: dict, here: str, g: Gathering, part: PackPart) -> Markup:
    template = env.get_template(part.template)
    plan = PagePlan(here, part.template, g.title, part.context, g)
    values = {**base, "page": plan, **part.context}
    # A block alone does not run its template's top level: the macros it imports there (`m`) come along.
    values["m"] = env.get_template(MACROS).make_module(values)
    context = template.new_context(values)
    return Markup("".join(template.blocks["main"](context)))


# A print build shows its overviews through templates of their own, so the cache keys them apart
# from a plain build's: the next `samling build` (which makes no packs, and removes them) renders
# them again without the links.
OVERVIEWS = {"gathering.html": "print/overview.html", "facilitator/index.html": "print/facilitator_overview.html"}


def pack_links(g: Gathering) -> dict[str, str]:
    """audience → PDF path of the packs `samling print` makes for the gathering (one with days)."""
    return {a: pack_path(g, a) for a in AUDIENCES} if g.days else {}


def with_pack_links(site: Site, plans: list[PagePlan]) -> list[PagePlan]:
    """The page plan of a print build: the gathering overview links the participant pack, the
    facilitator overview both; a participant page never links into the facilitators' material."""
    overviews = {p: g for g in site.gatherings for p in (gathering_path(g), facilitator_path(g)) if pack_links(g)}
    changed = []
    for plan in plans:
        g = overviews.get(plan.path)
        if g is None or plan.template not in OVERVIEWS:
            changed.append(plan)
            continue
        links = pack_links(g)
        packs = links if plan.path == facilitator_path(g) else {a: p for a, p in links.items() if a != FACILITATOR}
        context = {**plan.context, "packs": packs}
        changed.append(PagePlan(plan.path, OVERVIEWS[plan.template], plan.title, context, g, plan.crumbs))
    return changed


class Overlay(Mapping[str, bytes]):
    """Documents laid out beside the site's files (packs, sheets), without copying every file of the site."""

    def __init__(self, first: Mapping[str, bytes], second: Mapping[str, bytes]) -> None:
        self.first, self.second = first, second

    def __getitem__(self, path: str) -> bytes:
        return self.first[path] if path in self.first else self.second[path]

    def __contains__(self, path: object) -> bool:
        return path in self.first or path in self.second

    def __iter__(self) -> Iterator[str]:
        yield from self.first
        yield from (p for p in self.second if p not in self.first)

    def __len__(self) -> int:
        return sum(1 for _ in self)
