"""Rewriting one rendered page for the pack (render/pack.py): links, ids and files, with html.parser.

The page is read as tags and text and written back unchanged except for the attributes rewritten
here, so nothing is guessed from the HTML with patterns. Two forms of a page:

- a *section* (`Rewrite(..., section=True)`): the inside of its `<main>`, every id prefixed with the
  page's id so that all pages can stand in one document, and links to other pages as `#page-id`;
- a *document* (`section=False`): the whole page, for the router to write in place of the pack, its
  stylesheets and scripts as markers the router fills in from the pack's one copy of each.
"""

from __future__ import annotations

import base64
import html
import mimetypes
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

# Attributes that name ids (space-separated lists).
ID_REFS = frozenset(
    {"for", "headers", "list", "form", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns"}
    | {"aria-activedescendant", "aria-details", "aria-errormessage", "aria-flowto"}
)
_URL_REF = re.compile(r"url\(#([^)]+)\)")  # SVG paint and marker references, inside one attribute value
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
MARKER = "<!--samling-pack:{kind}:{name}-->"  # kind: css, js, router


@dataclass(frozen=True)
class Target:
    """What the pack holds for one output path: a page (by id) or a file to inline (as a data: URL)."""

    page_id: str = ""
    data: bytes | None = None


@dataclass(frozen=True)
class Words:
    out_of_file: str  # read after a link that leaves the pack


def page_id(path: str, gathering_key: str) -> str:
    """The id of a page in the pack: `p-` and its path inside the gathering (or the site), with dashes."""
    inside = path.removeprefix(f"{gathering_key}/").removesuffix(".html")
    return "p-" + re.sub(r"[^a-z0-9-]", "-", inside.lower())


def data_url(path: str, data: bytes) -> str:
    kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
    if kind.startswith("text/") or kind in {"image/svg+xml", "application/json"}:
        kind += ";charset=utf-8"
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


class Rewrite(HTMLParser):
    def __init__(
        self, path: str, own_id: str, lookup: Callable[[str], Target | None], words: Words, section: bool
    ) -> None:
        super().__init__(convert_charrefs=False)
        self.path, self.own_id, self.lookup, self.words, self.section = path, own_id, lookup, words, section
        self.out: list[str] = []
        self.depth_main = 0  # > 0 inside <main> (sections keep only that)
        self.skip = 0  # > 0 inside something the pack leaves out (the site search)
        self.link_out = False  # inside an <a> that leaves the pack
        self.dropped_script = False  # the </script> of a script the pack holds once
        self.saw_h1 = False  # in <main>: a deck's title is in its bar, above

    # --- what is kept --------------------------------------------------------------
    def emit(self, text: str) -> None:
        if not self.skip and (not self.section or self.depth_main):
            self.out.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self.get_starttag_text() or "", closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self.get_starttag_text() or "", closed=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], raw: str, closed: bool) -> None:
        a = dict(attrs)
        if self.skip:
            self.skip += tag not in VOID and not closed
            return
        if tag == "form" and "site-search" in (a.get("class") or "").split():
            self.skip = 1  # the search finds pages of the site, not of the pack
            return
        if tag == "main":
            self.depth_main += 1
            if self.section:
                return
        self.saw_h1 |= tag == "h1" and self.depth_main > 0
        if self.section and tag == "script":
            self.skip = 1  # a section is the page without JavaScript
            return
        self.link_out = tag == "a" and _leaves(a.get("href"))
        if not self.section and tag == "head":
            self.out.append(raw + MARKER.format(kind="router", name=""))
            return
        if not self.section and tag in {"link", "script"}:
            asset = self._asset(tag, a)
            if asset is not None:
                self.emit(asset)
                return
        new = self._attrs(tag, a)
        if new is None:
            self.emit(raw)
            return
        self.emit(f"<{tag}{''.join(_attr(k, v) for k, v in new)}{' /' if closed else ''}>")

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            self.skip -= 1
            return
        if tag == "a" and self.link_out:
            self.link_out = False
            mark = '<span class="pack-out-mark" aria-hidden="true">\u2009↗</span>'
            self.emit(f'{mark}<span class="visually-hidden"> ({html.escape(self.words.out_of_file)})</span>')
        if tag == "main":
            self.depth_main -= 1
            if self.section:
                return
        if tag == "script" and self.dropped_script:
            self.dropped_script = False
            return
        self.emit(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.emit(data)

    def handle_entityref(self, name: str) -> None:
        self.emit(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.emit(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.emit(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.emit(f"<!{decl}>")

    # --- what is rewritten ---------------------------------------------------------
    def _asset(self, tag: str, a: dict[str, str | None]) -> str | None:
        """A stylesheet or script of the theme becomes a marker (the pack holds one copy of each)."""
        url = (a.get("href") if tag == "link" else a.get("src")) or ""
        if not url or _SCHEME.match(url) or (tag == "link" and a.get("rel") != "stylesheet"):
            return None
        target = posixpath.normpath(posixpath.join(posixpath.dirname(self.path), url))
        name = target.removeprefix("assets/")
        if tag == "script":
            self.dropped_script = True  # its empty element ends with a </script> that is dropped too
        if name.startswith("search"):
            return ""  # the site search does not search the pack
        return MARKER.format(kind="css" if tag == "link" else "js", name=name)

    def _attrs(self, tag: str, a: dict[str, str | None]) -> list[tuple[str, str | None]] | None:
        """The tag's attributes rewritten, or None if nothing changes."""
        changed = False
        new: list[tuple[str, str | None]] = []
        for key, value in a.items():
            rewritten = self._attr(tag, key, value, a)
            changed |= rewritten != [(key, value)]
            new.extend(rewritten)
        return new if changed else None

    def _attr(self, tag: str, key: str, value: str | None, a: dict[str, str | None]) -> list[tuple[str, str | None]]:
        if value is None:
            return [(key, value)]
        prefix = f"{self.own_id}-" if self.section else ""
        if key == "id" and prefix:
            return [(key, prefix + value)]
        if key in ID_REFS and prefix:
            return [(key, " ".join(prefix + v for v in value.split()))]
        if prefix and "url(#" in value:
            return [(key, _URL_REF.sub(lambda m: f"url(#{prefix}{m.group(1)})", value))]
        if key == "class" and tag == "a" and _leaves(a.get("href")):
            return [(key, f"{value} pack-out")]
        if key == "data-presenter":
            return [(key, self._page_href(value) or value)]
        if key == "src" and tag in {"img", "source", "audio", "video"}:
            target = self._target(value)
            if target is not None and target.data is not None:
                return [(key, data_url(self._resolve(value), target.data))]
            return [(key, value)]
        if key in HREF_ONLY and tag == "a" and self._dropped(a.get("href")):
            return []  # an <a> left without its href may not keep rel, target, download …
        if key != "href" or tag not in {"a", "area"}:
            return [(key, value)]
        if value.startswith("#"):
            return [(key, "#" + prefix + value[1:] if prefix and len(value) > 1 else value)]
        if _SCHEME.match(value):
            return [(key, value), *([] if "class" in a or tag != "a" else [("class", "pack-out")])]
        target = self._target(value)
        if target is None:
            return []  # a page of the site the pack does not hold (the front page, a handout): text, not a dead link
        if target.page_id:
            return [(key, "#" + target.page_id)]
        name = posixpath.basename(self._resolve(value))
        return [(key, data_url(name, target.data or b"")), *([] if "download" in a else [("download", name)])]

    def _dropped(self, href: str | None) -> bool:
        """A link to a page of the site the pack does not hold: it becomes text (see _attr)."""
        return bool(href) and not href.startswith("#") and not _SCHEME.match(href) and self._target(href) is None

    def _resolve(self, url: str) -> str:
        return posixpath.normpath(posixpath.join(posixpath.dirname(self.path), url.split("#", 1)[0]))

    def _target(self, url: str) -> Target | None:
        return self.lookup(self._resolve(url)) if not url.startswith("#") else None

    def _page_href(self, url: str) -> str:
        target = self._target(url)
        return "#" + target.page_id if target is not None and target.page_id else ""


HREF_ONLY = frozenset({"rel", "target", "download", "hreflang", "type", "ping", "referrerpolicy"})


def _leaves(href: str | None) -> bool:
    return bool(href and _SCHEME.match(href))


def _attr(key: str, value: str | None) -> str:
    return f" {key}" if value is None else f' {key}="{html.escape(value, quote=True)}"'


def rewrite(
    page: str,
    path: str,
    own_id: str,
    lookup: Callable[[str], Target | None],
    words: Words,
    section: bool,
    heading: str = "",
) -> str:
    """One page as a section of the pack (`heading` if its <main> has no h1) or as a whole document."""
    parser = Rewrite(path, own_id, lookup, words, section)
    parser.feed(page)
    parser.close()
    head = f"<h1>{html.escape(heading)}</h1>" if section and not parser.saw_h1 else ""
    return head + "".join(parser.out)
