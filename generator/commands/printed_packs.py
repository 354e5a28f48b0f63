"""The printed packs: every part of a pack rendered into ONE HTML document, laid out once by WeasyPrint.

Each part is the `main` block of the page template that shows it on the site (the day's agenda,
a deck's handout or notes pages, a worksheet, a model, a run-sheet), rendered with that page's
context as if it stood at `print/GATHERING-deltaker.html`, so its images and links resolve
among the site's files. print/pack.html puts a cover and a table of contents before them; the
pack's CSS (assets/print-pack.css) starts each part on a new page and gives it a bookmark, and the
running footer (title, "side N av M") comes from the theme's strings.

In a print build the gathering overviews link the packs (`with_pack_links`); a plain build makes no
PDFs and removes those of an earlier print, so its overviews link none.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import jinja2
from markupsafe import Markup

from generator.core.errors import Problems
from generator.core.model import Gathering, Site
from generator.render import Output, page_context
from generator.render.pages import PagePlan, facilitator_path, gathering_path, relative
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
)
from generator.render.theme import Theme, load_theme
from generator.validate.markdown import ROOT_LINK

PACK_TEMPLATE = "print/pack.html"


def pack_documents(env: jinja2.Environment, site: Site, theme: Theme, problems: Problems) -> dict[str, bytes]:
    """Every pack's HTML by its (never written) document path: a PDF is made of each."""
    documents = {}
    for g in site.gatherings:
        if not g.days:
            continue
        for audience in AUDIENCES:
            documents[pack_document_path(g, audience)] = pack_html(env, site, theme, g, audience, problems)
    return documents


def pack_html(
    env: jinja2.Environment, site: Site, theme: Theme, g: Gathering, audience: str, problems: Problems
) -> bytes:
    here = pack_document_path(g, audience)
    title_key = "printed_participant" if audience == PARTICIPANT else "printed_facilitator"
    # One context for the whole document: figures drawn twice get ids of their own the second time.
    base = page_context(site, theme, PagePlan(here, PACK_TEMPLATE, g.title, {}, g))
    t = base["t"]
    rendered: list[tuple[PackPart, Markup]] = []
    try:
        for part in pack_parts(site, g, audience):
            rendered.append((part, _part_html(env, base, here, g, part)))
        html = env.get_template(PACK_TEMPLATE).render(
            {
                **base,
                "audience": audience,
                "pack_title": t(title_key),
                "parts": rendered,
                "cover_link": base["online"](cover_online(g), t("printed_online")),
                "footer_title": css_string(g.title),
                "footer_pages": page_counter(t("printed_page_of")),
            }
        )
    except jinja2.TemplateError as exc:
        where = getattr(exc, "filename", None) or PACK_TEMPLATE
        problems.add(
            where, getattr(exc, "lineno", 0) or 0, f"the template failed while making {here}: {exc}", "fix the template"
        )
        return b""
    html = ROOT_LINK.sub(lambda m: f'{m.group(1)}="{relative(here, m.group(2))}"', html)
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


def print_packs(site: Site, files: Mapping[str, bytes]) -> list[Output]:
    """The packs' PDFs, from the site's rendered files (the build's, before it is put in place)."""
    from generator.commands.print import html_to_pdf

    problems = Problems(root=site.root)
    theme = load_theme(site.config.theme, site.root, problems, site.config.source.path)
    problems.raise_if_any()
    documents = pack_documents(theme.environment(), site, theme, problems)
    problems.raise_if_any()
    everything = _Both(documents, files)
    return [Output(path.removesuffix(".html") + ".pdf", html_to_pdf(everything, path)) for path in documents]


class _Both(Mapping[str, bytes]):
    """The packs' documents over the site's files, without reading every file of the site."""

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
