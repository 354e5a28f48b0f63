"""WCAG 2.1 relative luminance and contrast ratio of sRGB colours. Pure.

Used to refuse a branding accent colour that would make links and headings
fail AA (4.5:1) against the theme's backgrounds.
"""

from __future__ import annotations

import re

AA_TEXT = 4.5
# The default theme's backgrounds (style.css --bg and --soft); accent text sits on both.
BACKGROUNDS = ("#ffffff", "#f3f5f7")

_HEX = re.compile(r"#([0-9a-fA-F]{6})")


def rgb(colour: str) -> tuple[int, int, int]:
    """'#1f5f8b' → (31, 95, 139); raises ValueError for anything else."""
    match = _HEX.fullmatch(colour.strip())
    if match is None:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    digits = match.group(1)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def hex_colour(r: int, g: int, b: int) -> str:
    return f"#{r:02x}{g:02x}{b:02x}"


def _linear(channel: int) -> float:
    c = channel / 255
    # WCAG 2.x states 0.03928; sRGB's 0.04045 gives the same result for 8-bit values.
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """Relative luminance, 0 (black) to 1 (white)."""
    r, g, b = (_linear(c) for c in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: str, b: str) -> float:
    """Contrast ratio, 1 to 21, the same whichever colour is given first."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def worst_ratio(colour: str, backgrounds: tuple[str, ...] = BACKGROUNDS) -> tuple[float, str]:
    """The lowest ratio of the colour against any background, and that background."""
    return min((ratio(colour, bg), bg) for bg in backgrounds)


def darker_shade(colour: str, backgrounds: tuple[str, ...] = BACKGROUNDS, target: float = AA_TEXT) -> str:
    """The lightest shade of the same hue (scaled towards black) that reaches the target on every background."""
    r, g, b = rgb(colour)
    for step in range(101):
        k = 1 - step / 100
        shade = hex_colour(round(r * k), round(g * k), round(b * k))
        if worst_ratio(shade, backgrounds)[0] >= target:
            return shade
    return "#000000"
