"""One self-contained file per gathering (`samling pack`, `samling build --pack`; docs/pack.md).

Pure: made from the rendered files of the normal build (path → bytes), nothing read from disk.
The pack holds every participant page of the gathering twice — as a section of one readable
document (no JavaScript needed, ids prefixed, links as `#p-…` anchors) and as a whole document in
a JSON script that the router (static/pack.js) writes in place of the pack, so each page's own
scripts run as on the site. The theme's stylesheets and scripts are in it once; images, figures,
calendar files and attachments become data: URLs. The facilitator section, the notes page and
the handout are never in it; the presenter view is, made without notes (see commands/pack.py).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass

from generator.core.model import Gathering, Site
from generator.render import pages
from generator.render.formatting import long_date
from generator.render.pack_html import Target, Words, data_url, page_id, rewrite

PACK_FOLDER = "pack"  # output/pack/GATHERING.html
_MARKER = re.compile(r"<!--samling-pack:(?:css|js):([^>]*?)-->")
STYLES = ("style.css", "agenda.css", "worksheet.css", "slides.css", "pack.css")  # the pack's own look, no JS


@dataclass(frozen=True)
class PackPage:
    path: str  # output path of the rendered page
    title: str
    section: bool = True  # shown as a section without JavaScript (the presenter view is not)


@dataclass(frozen=True)
class PackWords:
    contents: str  # the heading of the list of pages
    out_of_file: str  # read after a link that leaves the file
    title: str  # the file's title, with {title}


def pack_path(g: Gathering) -> str:
    return f"{PACK_FOLDER}/{g.key}.html"


def pack_pages(g: Gathering, site: Site) -> list[PackPage]:
    """Every participant page of the gathering, in reading order, and the site's models."""
    found = [PackPage(pages.gathering_path(g), g.title)]
    for day in g.days:
        when = long_date(day.date, g.language)
        found.append(PackPage(pages.day_path(g, day.key), f"{when} – {day.title}" if day.title else when))
        found += [PackPage(pages.session_path(g, s), s.title) for s in day.sessions() if s.has_page]
    for d in g.decks:
        found.append(PackPage(pages.deck_path(g, d), d.title))
        found.append(PackPage(pages.deck_presenter_path(g, d), d.title, section=False))
    found += [PackPage(pages.worksheet_path(g, w), w.title) for w in g.worksheets]
    found += [PackPage(pages.model_path(m), m.title) for m in site.models]
    return found


def files_in_pack(g: Gathering, site: Site, files: Mapping[str, bytes]) -> dict[str, bytes]:
    """Files a page may link to or show, to inline: the gathering's calendars and attachments, the site's images."""
    others = tuple(f"{o.key}/" for o in site.gatherings if o.key != g.key)
    return {
        path: data
        for path, data in files.items()
        if not path.endswith((".html", ".js", ".css"))
        and not path.startswith((f"{g.key}/{pages.FACILITATOR_FOLDER}/", *others))
    }


def pack(g: Gathering, site: Site, files: Mapping[str, bytes], words: PackWords) -> bytes:
    """The pack of one gathering as one HTML file."""
    chosen = pack_pages(g, site)
    ids = {p.path: page_id(p.path, g.key) for p in chosen}
    inlined = files_in_pack(g, site, files)

    def lookup(path: str) -> Target | None:
        if path in ids:
            return Target(page_id=ids[path])
        if path in inlined:
            return Target(data=inlined[path])
        return None

    link_words = Words(words.out_of_file)
    sections: list[str] = []
    docs: dict[str, str] = {}
    for p in chosen:
        text = files[p.path].decode("utf-8")
        docs[ids[p.path]] = rewrite(text, p.path, ids[p.path], lookup, link_words, section=False)
        if p.section:
            inside = rewrite(text, p.path, ids[p.path], lookup, link_words, section=True, heading=p.title)
            sections.append(f'<section id="{ids[p.path]}" class="pack-page">{inside}</section>')
    used = sorted({name for doc in docs.values() for name in _MARKER.findall(doc)})
    assets = {name: files[f"assets/{name}"].decode("utf-8") for name in used if f"assets/{name}" in files}
    data = {"key": g.key, "first": ids[chosen[0].path], "docs": docs, "assets": assets}
    # One stylesheet as a data: URL: inlined all the same, and read by the validator as the site's own files are.
    style = data_url("pack.css", b"\n".join(files[f"assets/{n}"] for n in STYLES if f"assets/{n}" in files))
    contents = "".join(f'<li><a href="#{ids[p.path]}">{html.escape(p.title)}</a></li>' for p in chosen if p.section)
    title = html.escape(words.title.format(title=g.title))
    page = (
        f'<!doctype html>\n<html lang="{g.language}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n"
        f'<script id="pack-router">{files["assets/pack.js"].decode("utf-8")}</script>\n'
        f'<link rel="stylesheet" href="{style}">\n</head>\n<body>\n'
        f'<header class="site-header"><p class="site-title">{title}</p></header>\n'
        f'<nav class="pack-contents" aria-labelledby="pack-contents"><h2 id="pack-contents">'
        f"{html.escape(words.contents)}</h2><ul>{contents}</ul></nav>\n"
        f'<main id="main">\n{chr(10).join(sections)}\n</main>\n'
        f'<script type="application/json" id="pack-data">{_script_json(data)}</script>\n'
        "</body>\n</html>\n"
    )
    return page.encode("utf-8")


def _script_json(data: object) -> str:
    """JSON safe inside a <script>: no `<` at all, so no `</script` or `<!--` can end or bend it."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
