"""The page plans of the programme (programme.yaml): a page per network, one per planned gathering."""

from __future__ import annotations

from generator.core.model import Site
from generator.render.pages import PagePlan
from generator.render.programme import entry_path, entry_view, network_view, series_links


def network_pages(site: Site, site_crumb: tuple[str, str]) -> list[PagePlan]:
    """A page per network, and one per planned entry of its series saying what is known."""
    if site.programme is None:
        return []
    lang, titles = site.config.language, {g.key: g.title for g in site.gatherings}
    pages = []
    for network in site.programme.networks:
        view = network_view(network, lang, titles, site.programme)
        pages.append(PagePlan(view.path, "network.html", network.title, {"network": view}, None, (site_crumb,)))
        crumbs = (site_crumb, (network.title, view.path))
        for entry in network.series:
            if entry.is_planned:
                context = {
                    "network": view,
                    "entry": entry_view(network, entry, lang, titles),
                    "series": series_links(site.programme, entry, lang),
                }
                pages.append(PagePlan(entry_path(network, entry), "planned.html", network.title, context, None, crumbs))
    return pages
