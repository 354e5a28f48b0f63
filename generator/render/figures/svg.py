"""Draw a Layout as inline SVG: shapes first, then text, every string escaped.

Presentation attributes rather than a <style> element, so a page may hold
several figures without their styles meeting, and a strict CSP needs no exception.
"""

from __future__ import annotations

from generator.render.figures.geometry import WHITE, Label, Layout, Shape
from generator.render.figures.metrics import ASCENT, FONT_FAMILY, LINE_HEIGHT


def escape(text: str) -> str:
    """XML/HTML escaping, plus braces so no later template pass can evaluate `{{ … }}`."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
        .replace("{", "&#123;")
        .replace("}", "&#125;")
    )


def num(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def render_svg(layout: Layout, fid: str, title: str) -> str:
    w, h = num(layout.width), num(layout.height)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{escape(fid)}-svg" class="samling-figure-svg"'
        f' viewBox="0 0 {w} {h}" width="100%" role="img" aria-labelledby="{escape(fid)}-title"'
        f' font-family="{FONT_FAMILY}">',
        f'<title id="{escape(fid)}-title">{escape(title)}</title>',
        f'<rect width="{w}" height="{h}" fill="{WHITE}"/>',
    ]
    parts.extend(_shape(s) for s in layout.shapes)
    parts.extend(_text(t) for t in layout.labels)
    parts.append("</svg>")
    return "\n".join(parts)


def _shape(s: Shape) -> str:
    c = [num(v) for v in s.coords]
    paint = f'fill="{s.fill}" stroke="{s.stroke}" stroke-width="{num(s.width)}"'
    if s.dashed:
        paint += ' stroke-dasharray="6 4"'
    cls = f' class="samling-fig-{s.role}"' if s.role else ""
    if s.kind == "rect":
        rounded = f' rx="{num(s.radius)}"' if s.radius else ""
        return f'<rect{cls} x="{c[0]}" y="{c[1]}" width="{c[2]}" height="{c[3]}"{rounded} {paint}/>'
    if s.kind == "circle":
        return f'<circle{cls} cx="{c[0]}" cy="{c[1]}" r="{c[2]}" {paint}/>'
    if s.kind == "line":
        return f'<line{cls} x1="{c[0]}" y1="{c[1]}" x2="{c[2]}" y2="{c[3]}" {paint}/>'
    points = " ".join(f"{c[i]},{c[i + 1]}" for i in range(0, len(c), 2))
    return f'<polygon{cls} points="{points}" {paint}/>'


def _text(t: Label) -> str:
    x = {"start": t.box.x, "middle": t.box.x + t.box.w / 2, "end": t.box.right}[t.anchor]
    attrs = f'x="{num(x)}" font-size="{num(t.size)}" fill="{t.colour}"'
    if t.anchor != "start":
        attrs += f' text-anchor="{t.anchor}"'
    if t.bold:
        attrs += ' font-weight="bold"'
    if t.italic:
        attrs += ' font-style="italic"'
    if t.role:
        attrs += f' class="samling-fig-{t.role}"'
    if t.index >= 0:
        attrs += f' data-index="{t.index}"'
    first = t.box.y + ASCENT * t.size
    spans = "".join(
        f'<tspan x="{num(x)}" y="{num(first + k * LINE_HEIGHT * t.size)}">{escape(line)}</tspan>'
        for k, line in enumerate(t.lines)
    )
    return f"<text {attrs}>{spans}</text>"
