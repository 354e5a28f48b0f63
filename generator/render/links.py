"""Local links in rendered Markdown, made relative to the page that shows them."""

from __future__ import annotations

import functools
from collections.abc import Callable

from generator.render.pages import climb, relative
from generator.validate.markdown import ROOT_PREFIX

_ROOT_VALUE = '="' + ROOT_PREFIX  # what follows `href` or `src` in a local link


def local_links(html: str, here: str) -> str:
    """Every `href="samling-root:/PATH"` and `src="samling-root:/PATH"` with PATH made relative to `here`.

    The same as a regex substitution with `relative` (tests/test_render_speed.py), found with `str.find`: the
    regex tried a match at every h and s of the page, 20–45 µs a page on pages that mostly have none."""
    at = html.find(_ROOT_VALUE)
    if at < 0:
        return html
    parts: list[str] = []
    done = 0  # the page up to here is in `parts`; a link cannot start before it
    while at >= 0:
        start = at + len(_ROOT_VALUE)
        end = html.find('"', start)
        if end < 0:  # no closing quote: no link here, nor after
            break
        if (at - 4 >= done and html.startswith("href", at - 4)) or (at - 3 >= done and html.startswith("src", at - 3)):
            parts += (html[done:at], '="', relative(here, html[start:end]), '"')
            done = end + 1
            at = html.find(_ROOT_VALUE, done)
        else:
            at = html.find(_ROOT_VALUE, start)
    parts.append(html[done:])
    return "".join(parts)


def links_from(page: str) -> Callable[[str], str]:
    """`relative(page, target)` for the many links of one page, the page's folder taken apart once.

    Most links go into the page's own folder or out of its top folder: those are cut from the target
    as it is. A path with an empty, `.` or `..` part goes through `relative`, which normalises it."""
    here = page.split("/")[:-1]
    if any(part in ("", ".", "..") for part in here):
        return functools.partial(relative, page)
    folder = "".join(f"{part}/" for part in here)  # "g/sessions/", or "" for a page at the top
    top = here[0] if here else ""
    top_folder, up = f"{top}/", "../" * len(here)

    def link(target: str) -> str:
        if not target or target[0] in "./" or target[-1] == "/" or "/." in target or "//" in target:
            return relative(page, target)
        if target.startswith(folder):
            return target[len(folder) :]
        if target != top and not target.startswith(top_folder):
            return up + target  # nothing in common with the page's folder
        return climb(here, target.split("/"))  # relative's own way, for a part in common

    return link
