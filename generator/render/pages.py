"""Which pages the site has, where each is written, and what each template is given.

Pure: no disk I/O and no Jinja here, so the page plan can be tested on its own.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from generator.core.model import Deck, Gathering, Model, Programme, Session, Site, Worksheet
from generator.render.deck_plan import deck_timing, handout_pages
from generator.render.formatting import long_date
from generator.render.programme import programme_view, series_links


@dataclass(frozen=True)
class PagePlan:
    path: str  # output path, posix, relative to the output folder
    template: str
    title: str
    context: dict[str, Any] = field(default_factory=dict)
    gathering: Gathering | None = None
    crumbs: tuple[tuple[str, str], ...] = ()  # (title, output path) from the site down


def relative(from_page: str, target: str) -> str:
    """A link from one output file to another that works under file:// too."""
    here, there = from_page.split("/")[:-1], target.split("/")
    if _ODD.intersection(here) or _ODD.intersection(there):  # "", "." or "..": let posixpath normalise them
        return posixpath.relpath(target, posixpath.dirname(from_page) or ".")
    # The same as posixpath.relpath for plain paths, without its two abspath calls (thousands a build).
    return climb(here, there)


def climb(here: list[str], there: list[str]) -> str:
    """The way from the folder `here` to the path `there`, both as plain parts."""
    common = 0
    for a, b in zip(here, there, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:]) or "."


_ODD = frozenset({"", ".", ".."})


# Where things live in the output; every link in the site is built from these.
def gathering_path(g: Gathering) -> str:
    return f"{g.key}/index.html"


def day_path(g: Gathering, day_key: str) -> str:
    return f"{g.key}/{day_key}.html"


def session_path(g: Gathering, s: Session) -> str:
    return f"{g.key}/sessions/{s.key}.html"


def deck_path(g: Gathering, d: Deck) -> str:
    return f"{g.key}/decks/{d.key}.html"


def deck_presenter_path(g: Gathering, d: Deck) -> str:
    """The facilitator's window: current and next slide, notes, timing. Opened from the deck with `s`."""
    return f"{g.key}/decks/{d.key}-presenter.html"


def deck_handout_path(g: Gathering, d: Deck) -> str:
    """Three slides per A4 page with lines for notes: for participants."""
    return f"{g.key}/decks/{d.key}-handout.html"


def deck_notes_path(g: Gathering, d: Deck) -> str:
    """Each slide with its facilitator notes; linked from the presenter view only, never from participant pages."""
    return f"{g.key}/decks/{d.key}-notes.html"


def worksheet_path(g: Gathering, w: Worksheet) -> str:
    return f"{g.key}/worksheets/{w.key}.html"


def worksheets_print_path(g: Gathering) -> str:
    """Every worksheet of a gathering on one page, for printing the stack (no clash: days are dates)."""
    return f"{g.key}/worksheets.html"


def calendar_path(g: Gathering, day_key: str = "") -> str:
    """The calendar file of a day (beside its page), or of the whole gathering."""
    return f"{g.key}/{day_key}.ics" if day_key else f"{g.key}/kalender.ics"


# The facilitator section: notes and run-sheets. Participant pages never link here.
FACILITATOR_FOLDER = "fasilitator"


def facilitator_path(g: Gathering) -> str:
    return f"{g.key}/{FACILITATOR_FOLDER}/index.html"


def run_sheet_path(g: Gathering, day_key: str) -> str:
    return f"{g.key}/{FACILITATOR_FOLDER}/{day_key}.html"


def facilitator_pages(g: Gathering) -> list[PagePlan]:
    """The facilitator overview and one run-sheet per day (their templates draw their own, translated, trail)."""
    from generator.render import people  # the participant list, groups and print pages

    plans = [PagePlan(facilitator_path(g), "facilitator/index.html", g.title, {"people_paths": people}, g)]
    for d in g.days:
        context = people.run_sheet_context(g, d)
        plans.append(PagePlan(run_sheet_path(g, d.key), "facilitator/day.html", g.title, context, g))
    return plans + people.people_pages(g)


def results_path(g: Gathering) -> str:
    """Every answer read back, counted and drawn: for the facilitators only."""
    return f"{g.key}/{FACILITATOR_FOLDER}/resultater.html"


def facilitator_summary_path(g: Gathering) -> str:
    """The summary after the gathering as it would be sent out, published or not."""
    return f"{g.key}/{FACILITATOR_FOLDER}/oppsummering.html"


def summary_path(g: Gathering) -> str:
    """The summary for participants: only with `publish_results: true`, aggregated only."""
    return f"{g.key}/oppsummering.html"


def results_pages(
    g: Gathering, earlier: tuple[Gathering, ...], site_crumb: tuple[str, str], programme: Programme | None = None
) -> list[PagePlan]:
    from generator.render import results
    from generator.render.agreed import agreed_at

    plans = []
    if g.worksheets:
        context = {"network": earlier, "results": results}
        plans.append(PagePlan(results_path(g), "facilitator/results.html", g.title, context, g))
    if g.summary is not None:
        agreed = agreed_at(programme, g, g.language)
        context = {"results": results, "facilitator": True, "agreed": agreed}
        plans.append(PagePlan(facilitator_summary_path(g), "summary.html", g.title, context, g))
        if g.publish_results:
            context = {"results": results, "facilitator": False, "agreed": agreed}
            crumbs = (site_crumb, (g.title, gathering_path(g)))
            plans.append(PagePlan(summary_path(g), "summary.html", g.title, context, g, crumbs))
    return plans


def model_path(m: Model | str) -> str:
    return f"models/{m if isinstance(m, str) else m.key}.html"


def decks_for(g: Gathering, s: Session) -> list[Deck]:
    """Decks a session names, and decks that name the session."""
    return [d for d in g.decks if d.key in s.decks or s.key in d.sessions]


def worksheets_for(g: Gathering, s: Session) -> list[Worksheet]:
    return [w for w in g.worksheets if w.key in s.worksheets or s.key in w.sessions]


def worksheets_in_programme_order(g: Gathering) -> list[Worksheet]:
    """The order a printed stack is handed out in: by the first session that uses each; unused ones last."""
    order: list[Worksheet] = []
    for s in g.sessions():
        # In the order the session lists them, then those that name the session.
        listed = sorted(worksheets_for(g, s), key=lambda w: s.worksheets.index(w.key) if w.key in s.worksheets else 99)
        order.extend(w for w in listed if w not in order)
    return order + [w for w in g.worksheets if w not in order]


def sessions_using(g: Gathering, key: str, field_name: str) -> list[Session]:
    """Sessions that list a deck or worksheet, or that it lists."""
    found = []
    for s in g.sessions():
        names = getattr(s, field_name)
        material = next((m for m in (*g.decks, *g.worksheets) if m.key == key), None)
        if key in names or (material is not None and s.key in material.sessions and s.has_page):
            found.append(s)
    return found


def deck_extra_pages(g: Gathering, d: Deck, crumbs: tuple[tuple[str, str], ...]) -> list[PagePlan]:
    """The presenter view, the handout and the facilitator's notes of a deck."""
    crumbs = (*crumbs, (d.title, deck_path(g, d)))
    timing = deck_timing(g, d)
    return [
        PagePlan(deck_presenter_path(g, d), "deck_presenter.html", d.title, {"deck": d, "timing": timing}, g, crumbs),
        PagePlan(
            deck_handout_path(g, d),
            "deck_handout.html",
            d.title,
            {"deck": d, "pages": handout_pages(d.slides)},
            g,
            crumbs,
        ),
        PagePlan(deck_notes_path(g, d), "deck_notes.html", d.title, {"deck": d, "timing": timing}, g, crumbs),
    ]


def plan_pages(
    site: Site, pages_of: Callable[[Site, Gathering, tuple[str, str]], list[PagePlan]] | None = None
) -> list[PagePlan]:
    """Every page of the site; a gathering's pages come from `pages_of` (gathering_plans, or a Builder's
    memo of it: generator/incremental/memo.py)."""
    pages = [PagePlan("index.html", "index.html", site.config.title, {"programme": programme_view(site)})]
    from generator.render.network_pages import network_pages

    site_crumb = (site.config.title, "index.html")
    pages += network_pages(site, site_crumb)  # the programme's networks and planned gatherings
    for g in site.gatherings:
        pages.extend((pages_of or gathering_plans)(site, g, site_crumb))
    for m in site.models:
        pages.append(PagePlan(model_path(m), "model.html", m.title, {"model": m}, None, (site_crumb,)))
    return pages


def gathering_plans(site: Site, g: Gathering, site_crumb: tuple[str, str]) -> list[PagePlan]:
    """A gathering's pages: from the gathering, and from what its inputs cover beyond it (programme.yaml's
    series for its previous/next and what was agreed, its network's earlier gatherings for the results)."""
    return gathering_pages(g, site_crumb, site) + results_pages(
        g, _earlier(g, site.gatherings), site_crumb, site.programme
    )


def _earlier(g: Gathering, gatherings: tuple[Gathering, ...]) -> tuple[Gathering, ...]:
    from generator.render.results import earlier_in_network

    return earlier_in_network(g, gatherings)


def gathering_pages(g: Gathering, site_crumb: tuple[str, str], site: Site | None = None) -> list[PagePlan]:
    g_crumb = (g.title, gathering_path(g))
    from generator.render.people import public_pages  # only with `publish_participants: true`

    public = public_pages(g, (site_crumb, g_crumb))
    series = series_links(site.programme, g.key, g.language) if site is not None else None
    overview = {"gathering": g, "series": series, "participants_page": public[0].path if public else ""}
    pages = [PagePlan(gathering_path(g), "gathering.html", g.title, overview, g, (site_crumb,))]
    for day in g.days:
        day_file = day_path(g, day.key)
        pages.append(PagePlan(day_file, "day.html", g.title, {"day": day}, g, (site_crumb, g_crumb)))
        day_crumbs = (site_crumb, g_crumb, (long_date(day.date, g.language), day_file))  # Babel: once a day
        for s in day.sessions():
            if not s.has_page:
                continue
            pages.append(
                PagePlan(
                    session_path(g, s),
                    "session.html",
                    s.title,
                    {"session": s, "day": day, "decks": decks_for(g, s), "worksheets": worksheets_for(g, s)},
                    g,
                    day_crumbs,
                )
            )
    pages.extend(facilitator_pages(g))
    pages.extend(public)
    for d in g.decks:
        pages.append(
            PagePlan(
                deck_path(g, d),
                "deck.html",
                d.title,
                {"deck": d, "sessions": sessions_using(g, d.key, "decks")},
                g,
                (site_crumb, g_crumb),
            )
        )
        pages.extend(deck_extra_pages(g, d, (site_crumb, g_crumb)))
    if g.worksheets:
        pages.append(
            PagePlan(
                worksheets_print_path(g),
                "worksheets_print.html",
                g.title,
                {"worksheets": worksheets_in_programme_order(g)},
                g,
                (site_crumb, g_crumb),
            )
        )
    for w in g.worksheets:
        pages.append(
            PagePlan(
                worksheet_path(g, w),
                "worksheet.html",
                w.title,
                {"worksheet": w, "sessions": sessions_using(g, w.key, "worksheets")},
                g,
                (site_crumb, g_crumb),
            )
        )
    return pages
