"""Each stylesheet of a print parsed once, not once per WeasyPrint document that links it.

WeasyPrint parses the `<link rel="stylesheet">` and `<style>` sheets of every document it lays
out, and takes sheets parsed beforehand only as *user* stylesheets. So a document whose sheets are
all in its head, in the theme's own form, goes to WeasyPrint without them and with all of them, in
the same order, as user sheets: the cascade among them is the same (importance, specificity,
order), and they still lose to the only author declarations left, the `style` attributes — except
that a user `!important` would beat an `!important` one, so a document with `!important` in its
body keeps its sheets and is laid out as before, as is one with a sheet in any other form or
place, a link to no file of the site, or a `<base>`. Linked sheets are parsed once per print (the
files do not change meanwhile).
"""

from __future__ import annotations

import html as html_text
import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# The theme's forms (templates/base.html, print/pack.html …): a stylesheet link, a style block.
HEAD_SHEET = re.compile(r'<link rel="stylesheet" href="([^"<>]*\.css)">|<style>([^<]*)</style>')
# What would make the cascade differ once the head's sheets are user sheets.
OTHERWISE = re.compile(r"<style|<link[^>]*stylesheet|<base[\s>]|!\s*important", re.I)


@dataclass
class Styles:
    """What every WeasyPrint document of one print shares: the fonts, each stylesheet parsed once, and
    what is done once a document is laid out (core/memory.py `fewer_collections`)."""

    font_config: Any = None
    parsed: dict[tuple[str, str], Any] = field(default_factory=dict)  # (URL, style block or "") → CSS
    laid_out: Callable[[], None] = lambda: None

    def take(self, weasyprint: Any, page: str, base_url: str, fetcher: Any) -> tuple[str, list[Any]]:
        """The page without its head's stylesheets, and those parsed, in order; or the page as it is
        and none, when its sheets cannot all be given to WeasyPrint apart (see the module's doc)."""
        end = page.find("</head>")
        head = page[:end]
        rest = HEAD_SHEET.sub("", head)
        if end < 0 or OTHERWISE.search(rest) or OTHERWISE.search(page, end):
            return page, []
        try:
            sheets = [self._sheet(weasyprint, m[1], m[2], base_url, fetcher) for m in HEAD_SHEET.finditer(head)]
        except weasyprint.urls.URLFetchingError:  # a link to no file of the site: WeasyPrint skips it itself
            return page, []
        return rest + page[end:], sheets

    def _sheet(self, weasyprint: Any, href: str | None, block: str | None, base_url: str, fetcher: Any) -> Any:
        if href is not None:
            key = (urllib.parse.urljoin(base_url, html_text.unescape(href)), "")
        else:  # a block's relative url()s resolve against its page
            key = (base_url, block or "")
        if key not in self.parsed:
            if href is not None:
                self.parsed[key] = weasyprint.CSS(url=key[0], url_fetcher=fetcher, font_config=self.font_config)
            else:
                self.parsed[key] = weasyprint.CSS(
                    string=key[1], base_url=base_url, url_fetcher=fetcher, font_config=self.font_config
                )
        return self.parsed[key]
