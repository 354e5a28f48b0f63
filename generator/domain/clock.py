"""The one clock format: minutes after midnight → "09.00" (Norwegian) or "09:00" (`time_format` in site.yaml).

Pages carry the same separator (`<html data-time-separator>`), and themes/default/static/clock.js
writes times in the browser with it, so a time reads the same whether Python or a script wrote it.
"""

from __future__ import annotations

DEFAULT_SEPARATOR = "."


def clock(minutes: int, separator: str = DEFAULT_SEPARATOR) -> str:
    """540 → "09.00"; the end of the day, 1440, is "24.00"."""
    return f"{minutes // 60:02d}{separator}{minutes % 60:02d}"


def span(start: int, end: int, separator: str = DEFAULT_SEPARATOR) -> str:
    """Norwegian ranges use an en dash without spaces: "09.00–10.30"."""
    return f"{clock(start, separator)}\u2013{clock(end, separator)}"
