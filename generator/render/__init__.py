"""Stage 4, render: (site model, theme) → output files as bytes. No disk writes here."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from generator.core.errors import Problems
from generator.core.model import Gathering, Site
from generator.render import agenda, formatting, pages, qr, search
from generator.render.calendar import calendar_files
from generator.render.pages import PagePlan, relative
from generator.render.theme import Theme
from generator.validate.files import published_files
from generator.validate.markdown import PLACEHOLDER, ROOT_LINK


@dataclass(frozen=True)
class Output:
    path: str  # posix, relative to the output folder
    content: bytes


@dataclass(frozen=True)
class Formatter:
    """Times, dates and durations in one page's language, for templates."""

    lang: str
    separator: str
    open_from: str = "{time}"  # the strings' `open_from`: "fra {time}"

    def clock(self, minutes: int) -> str:
        return formatting.clock(minutes, self.separator)

    def span(self, start: int, end: int) -> str:
        return formatting.span(start, end, self.separator)

    def when(self, session: Any) -> str:
        """A session's times: "09.00–10.30", or "fra 20.00" for the day's open-ended last item."""
        if getattr(session, "open_end", False):
            return self.open_from.format(time=self.clock(session.start))
        return self.span(session.start, session.end)

    def date(self, day: Any) -> str:
        return formatting.long_date(day, self.lang)

    def date_range(self, first: Any, last: Any) -> str:
        return formatting.date_range(first, last, self.lang)

    def numeric_date(self, day: Any) -> str:
        return formatting.numeric_date(day)

    def duration(self, minutes: int) -> str:
        return formatting.duration(minutes, self.lang)


class Strings:
    """UI strings of one language; a missing key fails the build, never falls back."""

    def __init__(self, lang: str, table: dict[str, str]) -> None:
        self.lang, self.table = lang, table

    def __call__(self, key: str, **values: Any) -> str:
        if key not in self.table:
            raise jinja2.TemplateError(f"the UI string '{key}' is missing for language '{self.lang}'")
        text = self.table[key]
        return text.format(**values) if values else text


def render(site: Site, theme: Theme, problems: Problems) -> list[Output]:
    env = theme.environment()
    outputs = render_pages(env, site, theme, pages.plan_pages(site), problems)
    for g in site.gatherings:
        outputs += gathering_files(g)
    return outputs + other_files(site, theme, problems)


def render_pages(
    env: jinja2.Environment, site: Site, theme: Theme, plans: list[PagePlan], problems: Problems
) -> list[Output]:
    """The pages of a plan (all of them, or those a repeat build found out of date)."""
    return [render_page(env, site, theme, plan, problems) for plan in plans]


def other_files(
    site: Site,
    theme: Theme,
    problems: Problems,
    attachments_too: bool = True,
    published: dict[str, Path | bytes] | None = None,
) -> list[Output]:
    """Files copied as they are: the theme's static files, attachments and the logo (last).

    A build leaves out the attachments (`attachments_too=False`) and copies them by streaming;
    a cleaned SVG and the logo are small and come as bytes either way."""
    outputs = [Output(f"assets/{name}", path.read_bytes()) for name, path in theme.static_files().items()]
    outputs += [Output(path, data) for path, data in search.site_index(site)]
    if published is None:
        published = published_files(site, problems)
    for name, source in published.items():
        if isinstance(source, bytes):
            outputs.append(Output(name, source))
        elif attachments_too or name.startswith("assets/"):
            outputs.append(Output(name, source.read_bytes()))
    return outputs


def gathering_files(g: Gathering) -> list[Output]:
    """Files other than pages made from one gathering alone; a repeat build makes them only for changed gatherings."""
    files = [Output(path, data) for path, data in calendar_files(g)]  # calendar files (.ics) beside the agenda pages
    return [*files, Output(*search.gathering_part(g))]  # the gathering's part of the search index


def page_context(site: Site, theme: Theme, plan: PagePlan) -> dict[str, Any]:
    lang = plan.gathering.language if plan.gathering else site.config.language
    here = plan.path

    def url(target: str) -> str:
        return relative(here, target)

    seen: dict[str, int] = {}

    def embed(html: str) -> Markup:
        def one(m: re.Match[str]) -> str:
            kind, name = m.group(1), m.group(2)
            # A model shown twice on a page needs ids of its own the second time.
            count = seen[m.group(0)] = seen.get(m.group(0), 0) + 1
            figure_id = f"fig-{name}" if count == 1 else f"fig-{name}-{count}"
            return _embed(kind, name, site, plan.gathering, lang, url, here, figure_id)

        return Markup(PLACEHOLDER.sub(one, html))

    logo = site.config.branding.logo
    return {
        "site": site,
        "config": site.config,
        "page": plan,
        "gathering": plan.gathering,
        "lang": lang,
        "t": Strings(lang, theme.strings[lang]),
        "fmt": Formatter(lang, site.config.time_separator, theme.strings[lang].get("open_from", "{time}")),
        "url": url,
        "embed": embed,
        "paths": pages,
        "agenda": agenda,
        "online": functools.partial(qr.online_link, site.config.base_url),  # a page's address + QR code, or None
        "logo_url": url(f"assets/logo{logo.suffix.lower()}") if logo else "",
        **plan.context,
    }


def render_page(env: jinja2.Environment, site: Site, theme: Theme, plan: PagePlan, problems: Problems) -> Output:
    try:
        html = env.get_template(plan.template).render(page_context(site, theme, plan))
    except jinja2.TemplateError as exc:
        where = getattr(exc, "filename", None) or plan.template
        problems.add(
            where, getattr(exc, "lineno", 0), f"the template failed while making {plan.path}: {exc}", "fix the template"
        )
        html = ""
    # Local links in Markdown were written relative to the content folder; make them relative to this page.
    html = ROOT_LINK.sub(lambda m: f'{m.group(1)}="{relative(plan.path, m.group(2))}"', html)
    return Output(plan.path, html.encode("utf-8"))


def _embed(
    kind: str, name: str, site: Site, g: Gathering | None, lang: str, url: Any, here: str, figure_id: str
) -> str:
    if kind == "model":
        from generator.render.figures import figure_html

        model = next((m for m in site.models if m.key == name), None)
        if model is None:
            return ""
        if pages.model_path(model) == here:
            # The model's own page already shows its title and description.
            return figure_html(model, lang=lang, caption=False, figure_id=figure_id)
        return figure_html(model, lang=lang, figure_id=figure_id) + (
            f'<p class="figure-link"><a href="{url(pages.model_path(model))}">{Markup.escape(model.title)}</a></p>'
        )
    sheet = next((w for w in g.worksheets if w.key == name), None) if g else None
    if sheet is None or g is None:
        return ""
    href = url(pages.worksheet_path(g, sheet))
    return f'<p class="worksheet-link"><a href="{href}">{Markup.escape(sheet.title)}</a></p>'
