"""SVG without active content: what a site without raw HTML may publish as an image or attachment.

An SVG opened from the site runs its scripts in the site's origin. So, unless site.yaml allows raw
HTML, each SVG is parsed and written out again keeping only an allow-list of drawing elements and
attributes: no script, no event handler, no foreignObject, no link or reference that leaves the
file (except a raster image inlined as data:), no style sheet that imports or fetches. A DOCTYPE or
ENTITY declaration is refused before parsing, so no entity is ever expanded.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import escape

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
MAX_BYTES = 4 * 1024 * 1024


def _names(words: str) -> frozenset[str]:
    return frozenset(words.split())


ELEMENTS = _names(
    """svg g defs title desc symbol use path rect circle ellipse line polyline polygon text tspan textPath
    linearGradient radialGradient stop clipPath mask pattern marker image style switch
    filter feBlend feColorMatrix feComponentTransfer feComposite feFlood feGaussianBlur feMerge feMergeNode
    feMorphology feOffset feFuncR feFuncG feFuncB feFuncA feDropShadow feTurbulence"""
)
ATTRIBUTES = _names(
    """id class style lang viewBox preserveAspectRatio width height x y x1 y1 x2 y2 cx cy r rx ry dx dy
    d points transform fill fill-opacity fill-rule stroke stroke-width stroke-opacity stroke-linecap
    stroke-linejoin stroke-miterlimit stroke-dasharray stroke-dashoffset opacity color display visibility
    overflow clip-path clip-rule mask filter font-family font-size font-weight font-style font-variant
    text-anchor dominant-baseline alignment-baseline baseline-shift letter-spacing word-spacing
    text-decoration writing-mode direction offset stop-color stop-opacity gradientUnits gradientTransform
    spreadMethod fx fy fr patternUnits patternContentUnits patternTransform clipPathUnits maskUnits
    maskContentUnits markerUnits markerWidth markerHeight refX refY orient marker-start marker-mid
    marker-end vector-effect shape-rendering text-rendering image-rendering color-interpolation
    color-interpolation-filters flood-color flood-opacity lighting-color filterUnits primitiveUnits
    in in2 result mode operator k1 k2 k3 k4 stdDeviation values type tableValues slope intercept
    amplitude exponent radius edgeMode baseFrequency numOctaves seed stitchTiles href version
    role aria-label aria-hidden focusable textLength lengthAdjust startOffset method spacing side
    paint-order mix-blend-mode isolation"""
)
SAFE_DATA = re.compile(r"data:image/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*", re.ASCII)
_URL = re.compile(r"url\(\s*(?!['\"]?#)", re.IGNORECASE)  # url(...) that is not a reference into the file
_UNSAFE_CSS = re.compile(r"@import|expression\(|javascript:|behavior:|-moz-binding|\\", re.IGNORECASE)


class Unsafe(Exception):
    """The SVG cannot be made safe (or is no SVG); the message says why."""


def clean_svg(data: bytes) -> bytes:
    """`data` with everything active left out; raises Unsafe for what cannot be parsed safely."""
    if len(data) > MAX_BYTES:
        raise Unsafe(f"is more than {MAX_BYTES // (1024 * 1024)} MB, too large to check")
    if re.search(rb"<!\s*(?:DOCTYPE|ENTITY)", data, re.IGNORECASE):
        raise Unsafe("declares a DOCTYPE or entities, which could expand or fetch content")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise Unsafe(f"is not a well-formed SVG ({exc})") from None
    if root.tag != f"{{{SVG}}}svg":
        raise Unsafe("is not an SVG image (its first element is not <svg> in the SVG namespace)")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + _element(root, True)).encode("utf-8")


MAX_DEPTH = 100  # nesting of elements; the rewriting below calls itself for each level


def _element(el: ET.Element, top: bool = False, depth: int = 0) -> str:
    if depth > MAX_DEPTH:
        raise Unsafe(f"nests its elements more than {MAX_DEPTH} deep")
    name = _local(el.tag, SVG)
    if name is None or name not in ELEMENTS:
        return ""  # foreignObject, script, a, animate (can set href), another namespace: left out whole
    if name == "style" and (_UNSAFE_CSS.search(el.text or "") or _URL.search(el.text or "")):
        return ""
    attrs = [f'xmlns="{SVG}" xmlns:xlink="{XLINK}"'] if top else []
    for key, value in el.attrib.items():
        shown = _attribute(key, value)
        if shown:
            attrs.append(f'{shown}="{escape(value, quote=True)}"')
    inner = escape(el.text or "", quote=False) if name != "style" else _cdata(el.text or "")
    for child in el:
        inner += _element(child, depth=depth + 1) + escape(child.tail or "", quote=False)
    opening = " ".join([name, *attrs])
    return f"<{opening}>{inner}</{name}>" if inner else f"<{opening}/>"


def _attribute(key: str, value: str) -> str:
    """The attribute's name as written out, or "" to leave it out."""
    if key == f"{{{XLINK}}}href":
        name = "xlink:href"
    elif key.startswith(f"{{{XML}}}"):
        name = "xml:" + key.split("}", 1)[1]
        if name not in ("xml:space", "xml:lang"):
            return ""
    elif key.startswith("{") or key not in ATTRIBUTES:
        return ""  # on* handlers and any other namespace among them
    else:
        name = key
    if name in ("href", "xlink:href"):
        target = value.strip()
        return name if target.startswith("#") or SAFE_DATA.fullmatch(target) else ""
    if _URL.search(value) or _UNSAFE_CSS.search(value):
        return ""
    return name


def _local(tag: str, namespace: str) -> str | None:
    prefix = f"{{{namespace}}}"
    return tag[len(prefix) :] if tag.startswith(prefix) else None


def _cdata(css: str) -> str:
    # Checked above: no backslash, no import, no url() leaving the file; < and & are still escaped.
    return escape(css, quote=False)
