"""`samling pack GATHERING` and `samling build --pack`: the site, plus one self-contained file per
gathering in output/pack/ (generator/render/pack.py makes it; docs/pack.md)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from generator.commands.build import render_in_memory
from generator.core.errors import Problems, visible
from generator.core.model import Deck, Gathering, Site
from generator.render import Output, render_page
from generator.render.pack import PackWords, pack, pack_path
from generator.render.pages import deck_extra_pages
from generator.render.theme import Theme
from generator.write.staging import check_output_folder, write_site


class UnknownGathering(Exception):
    """`samling pack` was given a name that is no gathering's folder."""


@dataclasses.dataclass(frozen=True)
class PackResult:
    packs: tuple[str, ...]  # output paths of the packs written
    counts: dict[str, int]


def pack_site(content: Path, output: Path, keys: list[str] | None = None) -> PackResult:
    """Build the site and write the packs of the gatherings named (all of them for None)."""
    out = check_output_folder(output, content)
    site, theme, outputs = render_in_memory(content)
    problems = Problems(root=content)
    chosen = _chosen(site, keys)
    files = {o.path: o.content for o in outputs}
    packs = [Output(pack_path(g), gathering_pack(site, theme, g, files, problems)) for g in chosen]
    problems.raise_if_any()
    counts = write_site([(o.path, o.content) for o in (*outputs, *packs)], out)
    return PackResult(tuple(p.path for p in packs), counts)


def gathering_pack(site: Site, theme: Theme, g: Gathering, files: dict[str, bytes], problems: Problems) -> bytes:
    """The pack of one gathering from the site's rendered files; its presenter views are made again without notes."""
    env = theme.environment()
    own = dict(files)
    for d in g.decks:
        plan = deck_extra_pages(g, without_notes(d), ())[0]  # the presenter view
        own[plan.path] = render_page(env, site, theme, plan, problems).content
    t = theme.strings[g.language]
    words = PackWords(t["pack_contents"], t["pack_out_of_file"], t["pack_title"])
    return pack(g, site, own, words)


def without_notes(d: Deck) -> Deck:
    """The deck as the pack shows it: the facilitator's notes are not in it at all."""
    return dataclasses.replace(d, slides=tuple(dataclasses.replace(s, notes_html="") for s in d.slides))


def _chosen(site: Site, keys: list[str] | None) -> list[Gathering]:
    if keys is None:
        return list(site.gatherings)
    by_key = {g.key: g for g in site.gatherings}
    for k in keys:
        if k not in by_key:
            known = ", ".join(sorted(by_key)) or "none"
            raise UnknownGathering(f"there is no gathering '{visible(k)}' — name a gathering's folder: {known}")
    return [by_key[k] for k in keys]
