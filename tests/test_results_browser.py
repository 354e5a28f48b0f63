"""The loop closed in headless Chromium: a sheet filled and saved as a real download, read back by
the build, counted on the results page; and the results page printed on A4."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from generator.commands.build import build
from tests.test_results_pages import RESULTS, total_row

pytestmark = pytest.mark.browser

GATHERING = "nettverk-omdomme-2013-03"
RISK_FORM = f"{GATHERING}/worksheets/risikoskjema.html"
A4 = (595.28, 841.89)  # points


def test_a_saved_sheet_put_in_responses_is_counted_on_the_results_page(
    content_copy: Path, browser: Any, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build(content_copy, out)
    before = total_row(html.unescape((out / RESULTS).read_text("utf-8")), "Manglende engasjement")
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto((out / RISK_FORM).as_uri())
    page.get_by_label("Navn").fill("Ola Testesen")
    page.get_by_label("Kommune/organisasjon").fill("Lom kommune")
    page.get_by_label("Manglende engasjement: 9").check()
    page.get_by_label("Prioritering av tid: 2").check()
    with page.expect_download() as info:
        page.get_by_role("button", name="Lagre svar").click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    context.close()

    shutil.copy(saved, content_copy / GATHERING / "responses" / saved.name)
    build(content_copy, out)
    page_text = html.unescape((out / RESULTS).read_text("utf-8"))
    after = total_row(page_text, "Manglende engasjement")
    assert int(after[8]) == int(before[8]) + 1  # one more 9
    assert after[-2] == "7" and before[-2] == "6"  # n
    assert total_row(page_text, "Prioritering av tid")[1] == "1"  # one 2
    assert re.search(
        r"<th scope=\"row\">Lom kommune</th>(<td>0</td>){8}<td>1</td><td>0</td><td>1</td><td>9</td>", page_text
    )
    assert "Lom kommune, Ola Testesen" in page_text  # who answered


def test_the_results_page_prints_on_a4_with_every_chart_inside_the_page(built_site: Path, page: Any) -> None:
    page.goto((built_site / RESULTS).as_uri())
    page.emulate_media(media="print")
    widest = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('svg.samling-chart')]"
        ".map(s => s.getBoundingClientRect().right))"
    )
    pdf = page.pdf(format="A4", print_background=False)
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    assert boxes and all(abs(float(w) - A4[0]) < 1 and abs(float(h) - A4[1]) < 1 for w, h in boxes)
    assert 4 <= pages <= 30, pages  # every sheet on a page of its own, no runaway chart
    width = page.evaluate("() => document.documentElement.clientWidth")
    assert widest <= width
