"""The printed packs of `samling print`: what each holds, page by page, tagged, with QR codes, offline.

The example is printed once (with base_url, the network shut and every file WeasyPrint asks for
recorded); the tests read the PDFs back with pypdf and poppler's pdftotext."""

from __future__ import annotations

import contextlib
import io
import math
import re
import shutil
import socket
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest
from conftest import CONTENT
from pdf_structure import pdf_structure, rendered
from pypdf import PdfReader
from test_print import blank_border_mm
from test_print_qr import decode

from generator.commands import print as print_command
from generator.commands import print_sheets
from generator.commands.build import check
from generator.core.model import Gathering, Site
from generator.render.pages import day_path, gathering_path, worksheets_in_programme_order
from generator.render.printed_packs import models_used, pack_path
from generator.render.qr import online_url

pytestmark = pytest.mark.slow
BASE_URL = "https://kommune.example.no/samling"
MM = 72 / 25.4


@dataclass(frozen=True)
class Printed:
    site: Site
    g: Gathering
    out: Path
    said: str  # what `samling print` wrote to the terminal
    fetched: tuple[str, ...]  # every URL WeasyPrint asked for

    def pdf(self, audience: str) -> bytes:
        return (self.out / pack_path(self.g, audience)).read_bytes()


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Printed]:
    from generator.cli import main

    root = tmp_path_factory.mktemp("packs")
    content = root / "content"
    shutil.copytree(CONTENT, content)
    with (content / "site.yaml").open("a", encoding="utf-8") as f:
        f.write(f"base_url: {BASE_URL}\n")
    fetched: list[str] = []
    real = print_command.in_memory

    def recording(files: dict[str, bytes], url: str) -> tuple[bytes, str]:
        fetched.append(url)
        return real(files, url)

    def no_network(*args: object, **kwargs: object) -> None:
        raise OSError("the packs are made without a network")

    said = io.StringIO()
    with pytest.MonkeyPatch.context() as mp, contextlib.redirect_stdout(said):
        mp.setattr(print_command, "in_memory", recording)
        mp.setattr(socket.socket, "connect", no_network)
        mp.setattr(socket, "create_connection", no_network)
        assert main(["print", "--content", str(content), "--output", str(root / "output")]) == 0
    site = check(content)
    g = next(g for g in site.gatherings if g.days)
    yield Printed(site, g, root / "output", said.getvalue(), tuple(fetched))


def pages_text(pdf: bytes) -> list[str]:
    """Each page's text as poppler reads it (words kept apart across lines, unlike pypdf)."""
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    return text.decode("utf-8").split("\f")[:-1]


def bookmarks(pdf: bytes) -> list[tuple[str, int]]:
    """(title, first page, 0-based) of each top-level bookmark."""
    reader = PdfReader(io.BytesIO(pdf))
    return [(b.title, reader.get_destination_page_number(b)) for b in reader.outline if not isinstance(b, list)]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def plain(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html).replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", '"')


def test_the_participant_pack_has_as_many_pages_as_its_content_says_each_part_from_a_new_page(
    printed: Printed,
) -> None:
    g, site = printed.g, printed.site
    singles = {
        w.key: len(PdfReader(printed.out / "print" / g.key / f"{w.key}.pdf").pages)
        for w in worksheets_in_programme_order(g)
    }
    handouts = [math.ceil(len(d.slides) / 3) for d in g.decks]
    models = models_used(site, g)
    expected = 1 + 1 + len(g.days) + sum(handouts) + sum(singles.values()) + len(models)
    pdf = printed.pdf("participant")
    # 2 + 2 days + 15 + 9 sheets (the evaluation too) + 5 models
    assert len(PdfReader(io.BytesIO(pdf)).pages) == expected == 33
    # A bookmark per part, each part from a new page, in the order of the contents.
    marks = bookmarks(pdf)
    lengths = [1, 1, *[1] * len(g.days), *handouts, *singles.values(), *[1] * len(models)]
    assert [page for _, page in marks] == [sum(lengths[:i]) for i in range(len(lengths))]
    assert [title for title, _ in marks][:3] == ["Forside", "Innhold", "Program mandag 11. mars 2013"]
    assert [title for title, _ in marks][-len(models) :] == [f"Modell: {m.title}" for m in models]
    # The contents name the page each part starts on; the footer says "side N av M" and the title.
    text = pages_text(pdf)
    for title, page in marks[2:]:
        # spaced leader dots (". . ."); pdftotext -layout may set the first right after a title's last letter
        assert re.search(re.escape(title) + r"( ?\.)+ " + str(page + 1) + r"\n", text[1]), title
    for n, page in enumerate(text, 1):
        assert f"side {n} av {expected}" in page and g.title in page, n


def test_the_facilitator_pack_holds_duties_run_sheets_packing_list_notes_and_sheets(printed: Printed) -> None:
    g = printed.g
    pdf = printed.pdf("facilitator")
    titles = [t for t, _ in bookmarks(pdf)]
    days = ["mandag 11. mars 2013", "tirsdag 12. mars 2013"]
    decks = [f"Lysbilder med notater: {d.title}" for d in g.decks]
    sheets = [f"Arbeidsark: {w.title}" for w in worksheets_in_programme_order(g)]
    expected = ["Forside", "Innhold", "Hvem gjør hva", *[f"Kjøreplan {d}" for d in days], "Pakkeliste", *decks]
    assert titles == expected + sheets
    marks = bookmarks(pdf)
    notes = next(page for title, page in marks if title == decks[0])
    assert marks[titles.index(sheets[0])][1] - notes == sum(len(d.slides) for d in g.decks)  # a slide a page


def notes_texts(g: Gathering) -> list[str]:
    """Every facilitator note of the gathering: sessions', their items' and slides'."""
    found = [s.notes.html for s in g.sessions()] + [i.notes.html for s in g.sessions() for i in s.items]
    found += [slide.notes_html for d in g.decks for slide in d.slides]
    found += [s.body.notes_html for s in g.sessions()]
    return [squeeze(plain(n)) for n in found if squeeze(plain(n))]


def test_facilitator_notes_are_in_the_facilitator_pack_only(printed: Printed) -> None:
    notes = notes_texts(printed.g)
    assert len(notes) >= 10
    participant = squeeze("".join(pages_text(printed.pdf("participant"))))
    facilitator = squeeze("".join(pages_text(printed.pdf("facilitator"))))
    leaked = [n for n in notes if n in participant]
    assert leaked == []
    # Each note is printed for the facilitators (short ones whole, long ones by their first words).
    assert [n for n in notes if n[:60] not in facilitator] == []


def test_every_page_is_a4_with_its_ink_and_its_footer_at_least_12_mm_from_the_edges(printed: Printed) -> None:
    for audience in ("participant", "facilitator"):
        pdf = printed.pdf(audience)
        pages = PdfReader(io.BytesIO(pdf)).pages
        for page in pages:
            size = sorted((round(float(page.mediabox.width) / MM), round(float(page.mediabox.height) / MM)))
            assert size == [210, 297], audience
        # Ink, not text: labels hidden for screen readers are clipped to a pixel but their words run on.
        for n in range(1, len(pages) + 1):
            assert blank_border_mm(pdf, n) >= 12, (audience, n)
        # The footer's words (title, "side N av M") stand in the bottom margin: still ≥ 12 mm from the edge.
        bbox = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True)
        for page in re.finditer(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', bbox.stdout.decode(), re.S):
            lowest = max(float(y) for y in re.findall(r'yMax="([\d.]+)"', page.group(2)))
            assert float(page.group(1)) - lowest >= 12 * MM, audience


class PartWords(HTMLParser):
    """The words of each part of a pack's HTML that paper shows: not hidden, screen-only or drawn in SVG."""

    # Not on paper by the print styles; "visually-hidden" is for screen readers (clipped to a pixel).
    SKIP_CLASSES: ClassVar = {"ws-screen-only", "deck-screen-only", "agenda-actions", "agenda-links", "late-control"}
    SKIP_CLASSES |= {"figure-link", "visually-hidden", "facilitator-trail"}
    SKIP_TAGS: ClassVar = {"script", "style", "title", "svg", "head"}
    VOID: ClassVar = {"br", "img", "input", "meta", "link", "hr", "col", "source", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.parts: dict[str, list[str]] = {}
        self.stack: list[bool] = []  # per open element: is it skipped?
        self.part = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = set((a.get("class") or "").split())
        if "pack-part" in classes:
            self.part = a.get("id") or ""
            self.parts[self.part] = []
        if tag in self.VOID:
            return
        skipped = tag in self.SKIP_TAGS or "hidden" in a or bool(classes & self.SKIP_CLASSES)
        self.stack.append(skipped or (bool(self.stack) and self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.part and not (self.stack and self.stack[-1]):
            self.parts[self.part] += re.findall(r"\w+", data)


def test_nothing_is_clipped_every_word_of_each_part_is_on_its_pages(printed: Printed) -> None:
    from generator.commands.printed_packs import pack_documents
    from generator.core.errors import Problems
    from generator.render.theme import load_theme

    site = printed.site
    problems = Problems(root=site.root)
    theme = load_theme(site.config.theme, site.root, problems, site.config.source.path)
    documents = pack_documents(theme.environment(), site, theme, problems)
    for audience in ("participant", "facilitator"):
        html = documents[pack_path(printed.g, audience).removesuffix(".pdf") + ".html"].decode("utf-8")
        words = PartWords()
        words.feed(html)
        pdf = printed.pdf(audience)
        text, marks = pages_text(pdf), bookmarks(pdf)
        starts = [page for _, page in marks] + [len(text)]
        assert len(words.parts) == len(marks)
        for (part, expected), start, end in zip(words.parts.items(), starts, starts[1:], strict=False):
            # As substrings of the text without spaces: poppler runs a chip's "6" and "V" together.
            shown = squeeze(" ".join(text[start:end])).casefold()  # casefold: kinds print in capitals
            missing = [w for w in expected if w.casefold() not in shown]
            assert missing == [], (audience, part, missing[:10])


def test_both_packs_are_tagged_pdf_ua_with_headings_lists_tables_and_figures_with_alt(printed: Printed) -> None:
    for audience, title in (("participant", "Deltakerhefte"), ("facilitator", "Fasilitatorhefte")):
        s = pdf_structure(printed.pdf(audience))
        assert s.tagged and s.marked and s.lang == "nb" and s.display_doc_title
        assert s.title == f"{printed.g.title} – {title}"
        assert {"H1", "H2", "L", "LI", "Table", "TR", "TH", "TD", "Figure"} <= s.types, audience
        assert s.header_cells and all(c.scope in ("Row", "Column") for c in s.header_cells)
        assert s.data_cells_with_headers > 0
        assert s.figures and all(f.alt for f in s.figures), audience
    s = pdf_structure(printed.pdf("participant"))
    qr = [f for f in s.figures if f.alt.startswith("På nett: https://")]
    assert [f.page for f in qr] == [0, 2, 3]  # the cover and each day's programme
    models = [m.title for m in models_used(printed.site, printed.g)]
    assert all(any(m in f.alt for f in s.figures) for m in models)  # each model's figure named


def test_the_cover_and_each_day_carry_a_qr_code_to_that_page_online(printed: Printed, tmp_path: Path) -> None:
    g = printed.g
    pdf = printed.pdf("participant")
    assert decode(pdf, 1, tmp_path) == [online_url(BASE_URL, gathering_path(g))]
    pages = PdfReader(io.BytesIO(pdf)).pages
    for n, day in enumerate(g.days, 3):
        url = online_url(BASE_URL, day_path(g, day.key))
        assert decode(pdf, n, tmp_path) == [url]
        assert "Pånett:" + url in squeeze(pages[n - 1].extract_text())  # printed beside the code
    assert decode(pdf, 2, tmp_path) == [] and decode(pdf, 5, tmp_path) == []


def test_the_packs_are_made_offline_from_the_sites_own_files(printed: Printed) -> None:
    assert printed.fetched and all(u.startswith(print_command.ROOT_URL) for u in printed.fetched)
    # Links on paper point online (base_url) or nowhere: never into the made-up folder of the layout.
    for audience in ("participant", "facilitator"):
        for page in PdfReader(io.BytesIO(printed.pdf(audience))).pages:
            for annot in page.get("/Annots") or []:
                uri = annot.get_object().get("/A", {}).get("/URI")
                assert uri is None or str(uri).startswith(BASE_URL + "/"), uri


def test_samling_print_names_each_pack_and_the_overviews_link_them_until_the_next_build(printed: Printed) -> None:
    g, out = printed.g, printed.out
    lines = printed.said.splitlines()
    for audience in ("participant", "facilitator"):
        assert lines.count(f"pack: {out / pack_path(g, audience)}") == 1
    overview = (out / gathering_path(g)).read_text("utf-8")
    facilitators = (out / g.key / "fasilitator" / "index.html").read_text("utf-8")
    assert f'href="../print/{g.key}-deltaker.pdf"' in overview
    assert "fasilitator.pdf" not in overview  # a participant page never links the facilitators' pack
    assert f'href="../../print/{g.key}-deltaker.pdf"' in facilitators
    assert f'href="../../print/{g.key}-fasilitator.pdf"' in facilitators


def test_a_build_after_print_removes_the_packs_and_their_links(content_copy: Path, tmp_path: Path) -> None:
    from generator.cli import main

    site = check(content_copy)
    g = next(g for g in site.gatherings if g.days)
    out = tmp_path / "output"
    overview, facilitators = out / gathering_path(g), out / g.key / "fasilitator" / "index.html"
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["build", "--content", str(content_copy), "--output", str(out)]) == 0
        assert "deltaker.pdf" not in overview.read_text("utf-8")
        assert main(["print", "--content", str(content_copy), "--output", str(out)]) == 0
        assert "deltaker.pdf" in overview.read_text("utf-8") and "fasilitator.pdf" in facilitators.read_text("utf-8")
        # Nothing changed: the build leaves the print's output as it is, packs and links together.
        assert main(["build", "--content", str(content_copy), "--output", str(out)]) == 0
        assert (out / pack_path(g, "participant")).exists() and "deltaker.pdf" in overview.read_text("utf-8")
        # A change: the build makes no packs and removes the print's, and its overviews (planned with
        # templates of their own in a print build, so keyed apart) are rendered again without the links.
        session = next((content_copy / g.key / "sessions").glob("*.md"))
        session.write_text(session.read_text("utf-8") + "\nEndret.\n", "utf-8")
        assert main(["build", "--content", str(content_copy), "--output", str(out)]) == 0
    assert not any((out / pack_path(g, a)).exists() for a in ("participant", "facilitator"))
    assert "deltaker.pdf" not in overview.read_text("utf-8")
    assert "fasilitator.pdf" not in facilitators.read_text("utf-8")


def test_a_print_build_plans_its_overviews_with_templates_of_their_own() -> None:
    from generator.commands.printed_packs import with_pack_links
    from generator.render.pages import plan_pages

    site = check(CONTENT)
    g = next(g for g in site.gatherings if g.days)
    before = {p.path: p for p in plan_pages(site)}
    after = {p.path: p for p in with_pack_links(site, list(before.values()))}
    changed = {path for path in before if before[path] != after[path]}
    assert changed == {gathering_path(g), f"{g.key}/fasilitator/index.html"}
    assert all(after[p].template.startswith("print/") for p in changed)  # another cache key than a build's
    assert after[gathering_path(g)].context["packs"] == {"participant": pack_path(g, "participant")}


def test_a_pack_that_lays_out_its_worksheets_itself_has_the_same_pages(
    printed: Printed, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With a WeasyPrint whose page boxes are kept elsewhere, a pack lays out its worksheets itself,
    # and each worksheet's own PDF is laid out from its page.
    content = printed.out.parent / "content"
    site, outputs = rendered(content)
    monkeypatch.setattr(print_sheets, "fills_slots", lambda document: False)
    sheets, packs = print_sheets.sheets_and_packs(site, {o.path: o.content for o in outputs})
    assert len(sheets) == 1 + len(printed.g.worksheets)  # each from its page of the site
    whole = {o.path: o.content for o in packs}[pack_path(printed.g, "participant")]
    assert bookmarks(whole) == bookmarks(printed.pdf("participant"))
    assert len(pages_text(whole)) == len(pages_text(printed.pdf("participant")))
