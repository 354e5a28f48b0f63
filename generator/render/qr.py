"""QR codes back to the site online, for paper: a page's address under `base_url`, drawn as inline SVG.

Only when site.yaml sets `base_url`: without it the site has no address to point to, so no code.
segno (pure Python) is imported on first use, so a site without `base_url` never loads it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup

from generator.render.figures.svg import escape


@dataclass(frozen=True)
class OnlineLink:
    """Where a printed page lives online, and its QR code (inline SVG, safe to embed)."""

    url: str
    qr: Markup


def online_url(base_url: str, path: str) -> str:
    """base_url + the page's output path: `https://x.no/site` + `g/worksheets/a.html`."""
    return base_url.rstrip("/") + "/" + quote(path.lstrip("/"), safe="/")


def online_link(base_url: str, path: str, label: str = "") -> OnlineLink | None:
    """The page's address and QR code, or None when the site has no `base_url`."""
    if not base_url.strip():
        return None
    url = online_url(base_url.strip(), path)
    return OnlineLink(url, Markup(qr_svg(url, label=f"{label}: {url}" if label else url)))


@functools.lru_cache(maxsize=1024)
def qr_svg(url: str, *, label: str = "") -> str:
    """The QR code of `url` as inline SVG: no XML declaration, dark modules only (the paper is the
    light), a viewBox and no size so CSS scales it, named for screen readers and PDF tags by
    role="img", aria-label and a <title> (the PDF's /Alt); `label` defaults to the URL itself."""
    import segno

    code = segno.make(url, error="m", micro=False)  # M: still reads with a crease or a pen mark
    svg = code.svg_inline(border=4, dark="#000", light=None, omitsize=True, svgclass="qr-code", lineclass=None)
    opening, _, rest = svg.partition(">")
    if not opening.startswith("<svg ") or "<title" in rest:  # segno's own format changed: fail loudly in tests
        raise ValueError(f"unexpected SVG from segno: {svg[:60]}")
    name = escape(label or url)
    return f'{opening} role="img" aria-label="{name}"><title>{name}</title>{rest}'
