"""What the front page, the network pages, the planned gatherings' pages and a gathering's
previous/next links show, computed from the programme (pure; templates only present it).

Labels ("1. samling") are made in the templates from the theme's strings, so an entry
carries its kind, number and written title. "Next" and "today" are not computed here:
the build cannot know the day a page is read (see static/programme.js).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup

from generator.core.model import Gathering, Model, Network, PlannedGathering, Programme, Site
from generator.domain.programme import agreed_for, neighbours_of, network_of, ordered, total_members
from generator.render.periods import iso_bounds, period_text

NETWORKS = "networks"  # the output folder of the network pages (validate/networks.py keeps it free)


def network_path(network: Network | str) -> str:
    return f"{NETWORKS}/{network if isinstance(network, str) else network.key}.html"


def network_calendar_path(network: Network | str) -> str:
    return f"{NETWORKS}/{network if isinstance(network, str) else network.key}.ics"


def entry_slugs(network: Network) -> list[str]:
    """A file name per entry, in written order: gathering-2, theme-day, theme-day-2 …"""
    slugs: list[str] = []
    days = 0
    for entry in network.series:
        if entry.kind == "theme_day":
            days += 1
            slugs.append("theme-day" if days == 1 else f"theme-day-{days}")
        else:
            slugs.append(f"gathering-{entry.number}")
    return slugs


def entry_path(network: Network, entry: PlannedGathering) -> str:
    """The gathering's own overview once it has a folder, else the page of what is known."""
    if entry.gathering is not None:
        return f"{entry.gathering}/index.html"
    return f"{NETWORKS}/{network.key}/{entry_slugs(network)[network.series.index(entry)]}.html"


@dataclass(frozen=True)
class EntryView:
    kind: str
    number: int | None
    title: str  # as written in programme.yaml; empty: the template makes "1. samling"
    gathering_title: str  # the folder's title, if it has one (not on a gathering's own pages)
    gathering_folder: bool  # its page is the overview (which shows the agreed theme, time and place apart)
    when: str
    planned: bool
    place: str
    theme: str
    path: str
    first: str  # ISO days and precision for programme.js
    last: str
    precision: str
    timezone: str


def entry_view(
    network: Network, entry: PlannedGathering, lang: str, titles: Mapping[str, str], as_written: bool = False
) -> EntryView:
    """`as_written`: the period of programme.yaml, not the folder's days (for a gathering's own page,
    which a repeat build makes again only when programme.yaml or its own folder changes)."""
    period = entry.as_written if as_written else entry.when
    first, last = iso_bounds(period)
    return EntryView(
        kind=entry.kind,
        number=entry.number,
        title=entry.title,
        gathering_title=titles.get(entry.gathering or "", "") if not as_written else "",
        gathering_folder=entry.gathering is not None,
        when=period_text(period, lang),
        planned=entry.is_planned,
        place=entry.place,
        theme=entry.theme,
        path=entry_path(network, entry),
        first=first,
        last=last,
        precision=period.precision,
        timezone=entry.timezone,
    )


@dataclass(frozen=True)
class NetworkView:
    key: str
    title: str
    theme: str
    members: tuple[str, ...]
    member_count: int | None
    leaders: tuple[str, ...]
    counted_with: str  # the title of the network that shares its member count
    path: str
    calendar: str  # its .ics, if any entry has fixed days
    entries: tuple[EntryView, ...]
    network: Network
    lang: str

    def figure(self, words: Mapping[str, str]) -> Markup:
        """The series as a timeline figure, by the models' machinery; words: the theme's strings."""
        from generator.render.figures import figure_html
        from generator.render.figures.series import series_timeline

        timeline = series_timeline(self.network, self.lang, words)
        if timeline is None:
            return Markup("")
        model = Model(f"series-{self.key}", f"{words['programme_series']}: {self.title}", "timeline", timeline)
        return Markup(figure_html(model, words=words, caption=False))


def network_view(
    network: Network, lang: str, titles: Mapping[str, str], programme: Programme | None = None
) -> NetworkView:
    entries = ordered(network.series)
    shared = programme.network(network.counted_with) if programme is not None and network.counted_with else None
    return NetworkView(
        key=network.key,
        title=network.title,
        theme=network.theme,
        members=network.members,
        member_count=network.member_count,
        leaders=network.leaders,
        counted_with=shared.title if shared is not None else "",
        path=network_path(network),
        calendar=network_calendar_path(network) if any(e.is_fixed for e in entries) else "",
        entries=tuple(entry_view(network, e, lang, titles) for e in entries),
        network=network,
        lang=lang,
    )


@dataclass(frozen=True)
class ProgrammeView:
    title: str
    description: str
    member_count: int
    networks: tuple[NetworkView, ...]
    others: tuple[Gathering, ...]  # gatherings in no network's series, in date order


def programme_view(site: Site) -> ProgrammeView | None:
    programme = site.programme
    if programme is None:
        return None
    lang = site.config.language
    titles = {g.key: g.title for g in site.gatherings}
    in_series = {e.gathering for n in programme.networks for e in n.series if e.gathering}
    others = sorted(
        (g for g in site.gatherings if g.key not in in_series), key=lambda g: (g.first_date is None, g.first_date)
    )
    return ProgrammeView(
        programme.title,
        programme.description,
        total_members(programme),
        tuple(network_view(n, lang, titles, programme) for n in programme.networks),
        tuple(others),
    )


@dataclass(frozen=True)
class CarryOver:
    """What the previous gathering agreed for this one ("Prosessmål til neste samling")."""

    source: EntryView  # the gathering where it was agreed
    goals: tuple[str, ...]


@dataclass(frozen=True)
class SeriesLinks:
    network_title: str
    network_path: str
    current: EntryView  # this entry as programme.yaml gives it: the theme, time and place agreed for it
    previous: EntryView | None
    next: EntryView | None
    carry_over: CarryOver | None


def series_links(programme: Programme | None, entry_of: str | PlannedGathering, lang: str) -> SeriesLinks | None:
    """Previous and next of a gathering (a folder key) or a planned entry, in its own network, and
    what the previous one agreed. From programme.yaml alone (see entry_view's `as_written`)."""
    if programme is None:
        return None
    if isinstance(entry_of, str):
        network = network_of(programme, entry_of)
        entry = next((e for e in network.series if e.gathering == entry_of), None) if network else None
    else:
        network = next((n for n in programme.networks if entry_of in n.series), None)
        entry = entry_of
    if network is None or entry is None:
        return None
    around = neighbours_of(network, entry)

    def view(e: PlannedGathering | None) -> EntryView | None:
        return entry_view(network, e, lang, {}, as_written=True) if e is not None else None

    agreed = agreed_for(network, entry)
    carry = CarryOver(entry_view(network, agreed, lang, {}, True), agreed.process_goals) if agreed else None
    current = entry_view(network, entry, lang, {}, as_written=True)
    return SeriesLinks(network.title, network_path(network), current, view(around.previous), view(around.next), carry)
