"""Printed worksheets carry a QR code to their fillable page online when base_url is set, none without.

The PDF page is rendered to an image by poppler and the code read back by Debian's zbar-tools."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import CONTENT
from pdf_structure import rendered
from pypdf import PdfReader

from generator.commands.print_sheets import sheet_path, sheets_and_packs, stack_path
from generator.render.pages import worksheet_path, worksheets_in_programme_order
from generator.render.qr import online_url

pytestmark = pytest.mark.slow
BASE_URL = "https://kommune.example.no/samling"


def decode(pdf: bytes, page: int, tmp: Path) -> list[str]:
    """Every QR code zbarimg reads on a page of a PDF rendered at 200 dpi."""
    if shutil.which("zbarimg") is None:
        if os.environ.get("CI"):
            pytest.fail("zbarimg is missing; `make test` installs it (scripts/system-deps.sh)")
        pytest.skip("zbarimg is not installed (Debian's zbar-tools); run `make system-deps`")
    image = tmp / f"page-{page}.png"
    subprocess.run(
        [
            "pdftoppm",
            "-f",
            str(page),
            "-l",
            str(page),
            "-r",
            "200",
            "-png",
            "-singlefile",
            "-",
            str(image.with_suffix("")),
        ],
        input=pdf,
        capture_output=True,
        check=True,
    )
    run = subprocess.run(
        ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(image)], capture_output=True
    )
    assert run.returncode in (0, 4), run.stderr  # 4: no code found
    return run.stdout.decode("utf-8").splitlines()


def site_with(tmp_path: Path, base_url: str) -> tuple[Any, dict[str, bytes], dict[str, bytes]]:
    """The site, its rendered files and the worksheets' PDFs `samling print` makes of them."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    if base_url:
        with (content / "site.yaml").open("a", encoding="utf-8") as f:
            f.write(f"base_url: {base_url}\n")
    site, outputs = rendered(content)
    files = {o.path: o.content for o in outputs}
    return site, files, {o.path: o.content for o in sheets_and_packs(site, files, packs=False)[0]}


def test_each_printed_worksheet_has_a_qr_code_that_reads_back_as_exactly_its_online_address(tmp_path: Path) -> None:
    site, _, pdfs = site_with(tmp_path, BASE_URL)
    g = next(g for g in site.gatherings if g.worksheets)
    order = worksheets_in_programme_order(g)
    urls = [online_url(BASE_URL, worksheet_path(g, w)) for w in order]
    assert urls[0] == f"https://kommune.example.no/samling/{g.key}/worksheets/{order[0].key}.html"
    for w, url in zip(order, urls, strict=True):
        pdf = pdfs[sheet_path(g, w)]
        assert len(PdfReader(io.BytesIO(pdf)).pages) == 1, w.key  # the code keeps each sheet on its page
        assert decode(pdf, 1, tmp_path) == [url], w.key
        # The address is printed beside the code (in small type, so it may wrap).
        text = "".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
        assert "Fyllutpånett:" + url in text, w.key
    # The stack: each sheet's page carries its own sheet's code.
    stack = pdfs[stack_path(g)]
    assert [decode(stack, n, tmp_path) for n in range(1, len(order) + 1)] == [[u] for u in urls]


def test_without_base_url_no_sheet_has_a_qr_code(tmp_path: Path) -> None:
    site, files, pdfs = site_with(tmp_path, "")
    g = next(g for g in site.gatherings if g.worksheets)
    w = worksheets_in_programme_order(g)[0]
    assert "qr-code" not in files[worksheet_path(g, w)].decode("utf-8")
    pdf = pdfs[sheet_path(g, w)]
    assert decode(pdf, 1, tmp_path) == []
