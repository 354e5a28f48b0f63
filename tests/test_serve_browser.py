"""The live preview in a real browser: livereload.js connects, a save reloads the page the user is on
(keeping its hash, as a slide's), and broken content shows the overlay until it is fixed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_serve import GATHERING, PAGE, Served, buildable, edit, start, stop_for_good

pytestmark = pytest.mark.browser


@pytest.fixture
def preview(content_copy: Path, tmp_path: Path) -> Iterator[Served]:
    served = start(buildable(content_copy), tmp_path / "output")
    try:
        yield served
    finally:
        stop_for_good(served.proc)


def test_a_save_reloads_the_same_page_and_hash_and_shows_problems(
    page: Any, preview: Served, content_copy: Path
) -> None:
    with page.expect_websocket() as opened:
        page.goto(f"http://127.0.0.1:{preview.port}{PAGE}#main")
    socket = opened.value
    socket.wait_for_event("framereceived", predicate=lambda frame: '"hello"' in str(frame), timeout=10_000)

    session = content_copy / GATHERING / "sessions" / "program.md"
    edit(session, "title: Program\n", "title: Endret i kveld\n")
    page.wait_for_function("document.querySelector('h1').textContent === 'Endret i kveld'", timeout=10_000)
    assert page.evaluate("location.pathname + location.hash") == f"{PAGE}#main"

    gathering = content_copy / GATHERING / "gathering.yaml"
    edit(gathering, "venue: Gardermoen\n", "venue: [Gardermoen\n")
    alert = page.wait_for_selector("[role=alert]", state="visible", timeout=10_000)
    assert f"content/{GATHERING}/gathering.yaml:" in alert.inner_text()
    assert alert.is_visible() and page.evaluate("location.hash") == "#main"
    assert page.inner_text("h1") == "Endret i kveld"  # the last good page underneath
    from axe_playwright_python.sync_playwright import Axe

    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
    axe = Axe().run(page, context="#samling-problems", options={"runOnly": {"type": "tag", "values": tags}}).response
    assert axe["passes"] and not axe["violations"], [v["id"] for v in axe["violations"]]  # passes: it saw the panel

    edit(gathering, "venue: [Gardermoen\n", "venue: Gardermoen\n")
    page.wait_for_selector("[role=alert]", state="detached", timeout=10_000)
