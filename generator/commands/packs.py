"""The printed packs: every part of a pack rendered into ONE HTML document, laid out once by WeasyPrint.

Each part is the `main` block of the page template that shows it on the site (the day's agenda,
a deck's handout or notes pages, a worksheet, a model, a run-sheet), rendered with that page's
context as if it stood at `print/GATHERING-deltaker.html`, so its images and links resolve
among the site's files. print/pack.html puts a cover and a table of contents before them; the
pack's CSS (assets/pack.css) starts each part on a new page and gives it a bookmark, and the
running footer (title, "side N av M") comes from the theme's strings.

`samling print` also renders the gathering overviews again with links to the packs (a build does
not make PDFs and removes those of an earlier print, so its overviews link none).
"""

from __future__ import annotations

import jinja2
from markupsafe import Markup

from generator.core.errors import Problems
from generator.core.model import Gathering, Site
from generator.render import Output, page_context, render_page
from generator.render.packs import (
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
from generator.render.pages import PagePlan, facilitator_pages, gathering_pages, gathering_path, relative
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
    title_key = "pack_participant" if audience == PARTICIPANT else "pack_facilitator"
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
                "cover_link": base["online"](cover_online(g), t("pack_online")),
                "footer_title": css_string(g.title),
                "footer_pages": page_counter(t("pack_page_of")),
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


def _part_html(env: jinja2.Environment, base: dict, here: str, g: Gathering, part: PackPart) -> Markup:
    template = env.get_template(part.template)
    plan = PagePlan(here, part.template, g.title, part.context, g)
    context = template.new_context({**base, "page": plan, **part.context})
    return Markup("".join(template.blocks["main"](context)))


def pack_links(g: Gathering, made: set[str]) -> dict[str, str]:
    """audience → PDF path, of the packs made for the gathering."""
    return {a: pack_path(g, a) for a in AUDIENCES if pack_path(g, a) in made}


def overviews_with_packs(
    env: jinja2.Environment, site: Site, theme: Theme, made: set[str], problems: Problems
) -> list[Output]:
    """The gathering overview (the participant pack) and the facilitator overview (both packs), again,
    with links to the packs made: a participant page never links into the facilitators' material."""
    outputs = []
    crumb = (site.config.title, "index.html")
    for g in site.gatherings:
        links = pack_links(g, made)
        if not links:
            continue
        overview = next(p for p in gathering_pages(g, crumb) if p.path == gathering_path(g))
        public = {a: p for a, p in links.items() if a != FACILITATOR}
        facilitator = facilitator_pages(g)[0]
        for plan, packs in ((overview, public), (facilitator, links)):
            plan = PagePlan(plan.path, plan.template, plan.title, {**plan.context, "packs": packs}, g, plan.crumbs)
            outputs.append(render_page(env, site, theme, plan, problems))
    return outputs


def print_packs(site: Site, files: dict[str, bytes]) -> tuple[list[Output], list[Output]]:
    """(the packs' PDFs, the overviews rendered again to link them), from the site's rendered files."""
    from generator.commands.print import html_to_pdf

    problems = Problems(root=site.root)
    theme = load_theme(site.config.theme, site.root, problems, site.config.source.path)
    problems.raise_if_any()
    env = theme.environment()
    documents = pack_documents(env, site, theme, problems)
    problems.raise_if_any()
    everything = {**files, **documents}
    pdfs = [Output(path.removesuffix(".html") + ".pdf", html_to_pdf(everything, path)) for path in documents]
    overviews = overviews_with_packs(env, site, theme, {p.path for p in pdfs}, problems)
    problems.raise_if_any()
    return pdfs, overviews
