"""The layout's vocabulary: boxes, shapes and wrapped labels, plus the palette and its contrast.

A layout is plain data, so tests can check it (no overlaps, nothing outside the
view box, enough contrast) without parsing SVG, and the renderer only draws it.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.render.figures.metrics import block_height, widest, wrap

# Dark ink on light tints: every tint keeps ≥ 4.5:1 with INK, and phases are also
# told apart by their labels and outlines, so a black-and-white print still reads.
INK = "#1a1a1a"
OUTLINE = "#2b3a4a"
WHITE = "#ffffff"
DARK = "#1f4e79"  # header fill, with white text
TINTS = ("#dcebf7", "#fde5cb", "#d8efdb", "#ebe0f4", "#f6f0c4", "#e4e4e4", "#f9dcdc", "#d6f0f0")


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def overlaps(self, other: Rect, gap: float = 0.0) -> bool:
        return not (
            self.right + gap <= other.x
            or other.right + gap <= self.x
            or self.bottom + gap <= other.y
            or other.bottom + gap <= self.y
        )

    def within(self, other: Rect) -> bool:
        return self.x >= other.x and self.y >= other.y and self.right <= other.right and self.bottom <= other.bottom


@dataclass(frozen=True)
class Label:
    """Wrapped text; `box` is where its glyphs may be, `background` the fill under it."""

    box: Rect
    lines: tuple[str, ...]
    size: float
    bold: bool = False
    italic: bool = False
    anchor: str = "start"  # start | middle | end, as SVG's text-anchor
    colour: str = INK
    background: str = WHITE
    role: str = ""  # what it shows: stage, statement, phase … (also its class name)
    index: int = -1  # the item it belongs to, in reading order


@dataclass(frozen=True)
class Shape:
    """rect: x y w h · polygon: x1 y1 x2 y2 … · circle: cx cy r · line: x1 y1 x2 y2."""

    kind: str
    coords: tuple[float, ...]
    fill: str = "none"
    stroke: str = OUTLINE
    width: float = 1.5
    dashed: bool = False
    role: str = ""
    radius: float = 0.0  # rounded corners for rects


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    shapes: tuple[Shape, ...]
    labels: tuple[Label, ...]

    @property
    def view(self) -> Rect:
        return Rect(0, 0, self.width, self.height)


def label(
    text: str,
    x: float,
    y: float,
    width: float,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    anchor: str = "start",
    colour: str = INK,
    background: str = WHITE,
    role: str = "",
    index: int = -1,
) -> Label:
    """Wrap `text` to `width`; (x, y) is the anchor point on the box's top edge."""
    lines = wrap(text, width, size, bold)
    w = widest(lines, size, bold)
    left = {"start": x, "middle": x - w / 2, "end": x - w}[anchor]
    box = Rect(left, y, w, block_height(len(lines), size))
    return Label(box, lines, size, bold, italic, anchor, colour, background, role, index)


def rect(r: Rect, fill: str, *, stroke: str = OUTLINE, width: float = 1.5, **kw: object) -> Shape:
    return Shape("rect", (r.x, r.y, r.w, r.h), fill, stroke, width, **kw)  # type: ignore[arg-type]


def arrowhead(x: float, y: float, dx: float, dy: float, size: float = 12) -> Shape:
    """A filled triangle with its tip at (x, y), pointing along (dx, dy)."""
    length = (dx * dx + dy * dy) ** 0.5 or 1.0
    ux, uy = dx / length, dy / length
    bx, by = x - ux * size, y - uy * size
    px, py = -uy * size * 0.5, ux * size * 0.5
    return Shape("polygon", (x, y, bx + px, by + py, bx - px, by - py), OUTLINE, OUTLINE, 1, role="arrow")


def tint(i: int) -> str:
    return TINTS[i % len(TINTS)]


def contrast(foreground: str, background: str) -> float:
    """The WCAG 2 contrast ratio of two #rrggbb colours."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
