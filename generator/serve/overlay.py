"""What the preview server adds to every HTML page it serves: the reload client and the problem overlay.

The files on disk stay exactly as `samling build` writes them; this is done to
the response only, so the preview never leaks into the published site.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

# An absolute src: livereload.js takes the host and port of its own URL, which
# is the page's origin wherever the page sits in the tree.
RELOAD_SCRIPT = '<script src="/livereload.js"></script>'

OVERLAY_ID = "samling-problems"

_PANEL = (
    "position:fixed;left:0;right:0;bottom:0;z-index:2147483647;max-height:50vh;overflow:auto;margin:0;"
    "padding:1rem 1.25rem;background:#6b0f0f;color:#fff;border-top:4px solid #ffb3b3;"
    "font:15px/1.45 system-ui,sans-serif;box-shadow:0 -4px 16px rgba(0,0,0,.35);text-align:left"
)
_LIST = "margin:.5rem 0 0;padding:0;list-style:none;font-family:ui-monospace,monospace;font-size:14px"
_BUTTON = "float:right;font:inherit;padding:.2rem .8rem;color:#000;background:#fff;border:0;border-radius:3px"


def overlay(problems: Sequence[str]) -> str:
    """A fixed panel listing the problems exactly as the CLI prints them."""
    n = len(problems)
    heading = f"{n} problem{'s' if n != 1 else ''} in the content — showing the last good build"
    items = "".join(f'<li style="margin:.25rem 0;white-space:pre-wrap">{escape(p)}</li>' for p in problems)
    # lang="en": the messages are English whatever language the page is in.
    return (
        f'<section id="{OVERLAY_ID}" role="alert" aria-labelledby="{OVERLAY_ID}-title" lang="en" style="{_PANEL}">'
        f'<button type="button" style="{_BUTTON}" onclick="this.parentNode.hidden=true">Hide</button>'
        f'<h2 id="{OVERLAY_ID}-title" style="margin:0;font-size:1.05rem;color:#fff">{escape(heading)}</h2>'
        f'<ul style="{_LIST}">{items}</ul>'
        '<p style="margin:.5rem 0 0;font-size:13px">Fix the file and save; this page reloads by itself.</p>'
        "</section>"
    )


def inject(page: bytes, problems: Sequence[str]) -> bytes:
    """The page with the reload client (and the overlay, if there are problems) before its last </body>."""
    extra = (RELOAD_SCRIPT + (overlay(problems) if problems else "")).encode()
    end = page.rfind(b"</body>")
    if end < 0:
        return page + extra
    return page[:end] + extra + page[end:]


def error_page(status: int, reason: str, problems: Sequence[str]) -> bytes:
    """A page for a missing file or a refused request; it too reloads and shows the problems."""
    title = escape(f"{status} {reason}")
    page = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{title} – Samling preview</title></head>"
        f'<body><h1>{title}</h1><p><a href="/index.html">Go to the front page</a></p></body></html>'
    )
    return inject(page.encode(), problems)
