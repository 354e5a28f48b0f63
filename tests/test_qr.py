"""QR codes to the site online (generator/render/qr.py): the SVG itself, and the address it is made for."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from generator.render.qr import online_link, online_url, qr_svg

URL = "https://kommune.example.no/samling/g/worksheets/a.html"
SVG = "{http://www.w3.org/2000/svg}"


def test_the_qr_code_is_inline_svg_named_for_screen_readers_and_scalable() -> None:
    svg = qr_svg(URL)
    assert svg.startswith("<svg ") and "<?xml" not in svg
    root = ET.fromstring(svg.replace("<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1))
    assert root.get("role") == "img" and root.get("aria-label") == URL
    assert root.find(f"{SVG}title").text == URL  # WeasyPrint makes the <title> the PDF figure's /Alt
    # Scalable: a viewBox, no fixed size; dark modules only, the paper is the light.
    assert root.get("viewBox", "").startswith("0 0 ") and root.get("width") is None and root.get("height") is None
    paths = root.findall(f"{SVG}path")
    assert len(paths) == 1 and paths[0].get("stroke") == "#000" and "fill" not in svg.replace('fill="none"', "")
    assert qr_svg(URL, label="Fyll ut på nett: " + URL).count("Fyll ut på nett") == 2


def test_a_label_is_escaped_so_it_cannot_break_out_of_the_svg_or_into_a_template() -> None:
    svg = qr_svg(URL, label='"><script>{{ x }}</script>')
    assert "<script>" not in svg and "{{" not in svg and '"><' not in svg.split(">", 1)[0]


def test_the_address_is_base_url_and_the_pages_path_and_there_is_none_without_base_url() -> None:
    assert online_url("https://x.no/site/", "g/worksheets/a.html") == "https://x.no/site/g/worksheets/a.html"
    assert online_url("https://x.no/site", "/g/a b.html") == "https://x.no/site/g/a%20b.html"
    assert online_link("", "g/a.html") is None and online_link("  ", "g/a.html") is None
    link = online_link("https://x.no", "g/a.html", "Fyll ut på nett")
    assert link is not None and link.url == "https://x.no/g/a.html"
    assert 'aria-label="Fyll ut på nett: https://x.no/g/a.html"' in link.qr
