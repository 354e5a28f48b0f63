"""The default theme on paper: A4, navigation left out, the programme kept."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

DAY = "nettverk-omdomme-2013-03/2013-03-11.html"


def test_a_day_prints_on_a4_without_navigation(built_site: Path, page: Any) -> None:
    from pypdf import PdfReader

    page.goto((built_site / DAY).as_uri())
    page.emulate_media(media="print")
    shown = page.evaluate(
        """() => Object.fromEntries(['.skip-link', '.breadcrumbs', 'table.agenda', '.site-footer'].map(
            sel => [sel, getComputedStyle(document.querySelector(sel)).display]))"""
    )
    assert shown[".skip-link"] == "none" and shown[".breadcrumbs"] == "none"
    assert shown["table.agenda"] == "table" and shown[".site-footer"] != "none"  # the organisation stays
    # No format given: the theme's @page rule has to make it A4 (Chromium's own default is Letter).
    reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    text = "".join(p.extract_text() for p in reader.pages)
    assert "09.30–09.40" in text and "Gardermoen" in text
