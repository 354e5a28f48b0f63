"""Stage 4, render: (site model, theme) → output files as bytes. No disk writes here."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from generator.core.errors import Problems
from generator.core.model import Facilitator, Gathering, Session, Site
from generator.domain import clock
from generator.render import agenda, formatting, pages, qr, search
from generator.render.calendar import calendar_files
from generator.render.embeds import Embeds
from generator.render.links import links_from, local_links
from generator.render.network_calendar import network_calendars
from generator.render.pages import PagePlan
from generator.render.strings import Strings
from generator.render.theme import Theme
from generator.validate.files import published_files


@dataclass(frozen=True)
class Output:
    path: str  # posix, relative to the output folder
    content: bytes


@dataclass(frozen=True)
class Formatter:
    """Times, dates, durations and lists of names in one page's language, for templates."""

    lang: str
    separator: str
    words: Mapping[str, str]  # the page's Strings: units of durations, "fra {time}"

    def clock(self, minutes: int) -> str:
        return clock.clock(minutes, self.separator)

    def span(self, start: int, end: int) -> str:
        return clock.span(start, end, self.separator)

    def when(self, session: Any) -> str:
        """A session's times: "09.00–10.30", or "fra 20.00" for the day's open-ended last item."""
        if getattr(session, "open_end", False):
            return self.words["open_from"].format(time=self.clock(session.start))
        return self.span(session.start, session.end)

    def date(self, day: Any) -> str:
        return formatting.long_date(day, self.lang)

    def date_range(self, first: Any, last: Any) -> str:
        return formatting.date_range(first, last, self.lang)

    def numeric_date(self, day: Any) -> str:
        return formatting.numeric_date(day)

    def duration(self, minutes: int) -> str:
        return formatting.duration(minutes, self.words)

    def listed(self, texts: Iterable[str]) -> str:
        """ "Kari Nordmann, Ola Hansen": the texts that are there, with commas between."""
        return ", ".join(text for text in texts if text)

    def names(self, people: Iterable[Facilitator]) -> str:
        """Who leads a session or a sub-item."""
        return self.listed(p.name for p in people)

    def titles(self, sessions: Iterable[Session]) -> str:
        return self.listed(s.title for s in sessions)

    def about(self, person: Facilitator) -> str:
        """A person's role and organisation, as far as they are known: "Rådgiver, KS"."""
        return self.listed((person.role, person.organisation))

    def ratio(self, aspect: str) -> str:
        """A deck's aspect ("16:9", "4:3") as the CSS the slides are drawn with."""
        return "4 / 3" if aspect == "4:3" else "16 / 9"


def render(site: Site, theme: Theme, problems: Problems) -> list[Output]:
    env = theme.environment()
    outputs = render_pages(env, site, theme, pages.plan_pages(site), problems)
    for g in site.gatherings:
        outputs += gathering_files(g, site, theme)
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
    """Files copied as they are: the theme's static files, attachments and the logo (last); and the
    network calendars, made from the programme and every gathering's days.

    A build leaves out the attachments (`attachments_too=False`) and copies them by streaming;
    a cleaned SVG and the logo are small and come as bytes either way."""
    outputs = [Output(f"assets/{name}", path.read_bytes()) for name, path in theme.static_files().items()]
    words = theme.strings[site.config.language]
    outputs += [Output(p, data) for p, data in network_calendars(site.programme, site.gatherings, words)]
    outputs += [Output(path, data) for path, data in search.site_index(site)]
    if published is None:
        published = published_files(site, problems)
    for name, source in published.items():
        if isinstance(source, bytes):
            outputs.append(Output(name, source))
        elif attachments_too or name.startswith("assets/"):
            outputs.append(Output(name, source.read_bytes()))
    return outputs


def gathering_files(g: Gathering, site: Site, theme: Theme) -> list[Output]:
    """Files other than pages made from one gathering, in the site's time format and the theme's words; a
    repeat build makes them only when the gathering's inputs (or what every page shares) changed."""
    files = [Output(path, data) for path, data in calendar_files(g, site.config.time_separator)]  # beside the agenda
    part = search.gathering_part(g, search.network_title(site, g), theme.strings.get(g.language))
    return [*files, Output(*part)]  # the gathering's part of the search index


def page_context(site: Site, theme: Theme, plan: PagePlan) -> dict[str, Any]:
    lang = plan.gathering.language if plan.gathering else site.config.language
    here = plan.path
    url = links_from(here)  # relative(here, target)
    t = Strings(lang, theme.strings[lang])
    logo = site.config.branding.logo
    return {
        "site": site,
        "config": site.config,
        "page": plan,
        "gathering": plan.gathering,
        "lang": lang,
        "t": t,
        "fmt": Formatter(lang, site.config.time_separator, t),
        "url": url,
        "embed": Embeds(site, plan.gathering, here, t, url),  # embed(html), embed.model(key), embed.stage_check(b)
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
    html = local_links(html, plan.path)
    return Output(plan.path, html.encode("utf-8"))
